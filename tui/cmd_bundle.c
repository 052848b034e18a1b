/*
 * dossier export FILE --bundle OUT.zip and dossier verify OUT.zip: the
 * submission bundle (core/bundle.h) from the command line.
 *
 * A bundle is refused (nothing written, exit 1) while an evidence file is
 * missing, not a regular file, named outside the dossier's folder, or
 * changed since it was recorded: every file is hashed for the bundle, so
 * the last case is decided by content.  A link out of the folder is
 * followed, with a warning.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/export.h"
#include "core/proof.h"
#include "core/store.h"
#include "core/text.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/cli.h"

/* Say why the evidence stops a bundle; 1 when it does. */
static int
refuse(const struct proof *p, const char *file)
{
	const struct finding *f;
	char *msg;
	size_t i;
	int bad = 0;

	for (i = 0; i < p->f.n; i++) {
		f = &p->f.f[i];
		if (f->kind != FIND_FILE || f->sev != TMPL_ERROR)
			continue;
		msg = text_sanitize(f->message, 0);
		fprintf(stderr, "%s:%d:%d: error: %s\n", file, f->line, f->col,
		    msg);
		free(msg);
		bad = 1;
	}
	return bad;
}

static void
warn_links(const struct proof *p)
{
	size_t i;
	char *path, *real;

	for (i = 0; i < p->ev->n; i++) {
		const struct evid_file *e = &p->ev->f[i];

		if (e->outside != 2)
			continue;
		path = text_sanitize(e->path, 0);
		real = text_sanitize(e->real, 0);
		fprintf(stderr, _("dossier: warning: evidence '%s' is a link "
		    "out of the dossier's folder; the bundle holds '%s' under "
		    "that name\n"), path, real);
		free(path);
		free(real);
	}
}

/* One error line on stderr, as cli_report writes them. */
static void
say(const struct diag *err)
{
	char line[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];
	char *clean;

	diag_format(err, line, sizeof line);
	clean = text_sanitize(line, 0);
	fprintf(stderr, "%s%s\n", err->file[0] == '\0' ? "dossier: " : "",
	    clean);
	free(clean);
}

/* The checklist, written beside the bundle for the bundle to take in. */
static char *
checklist_temp(const struct cli *cli, const struct dossier *d,
    const struct proof *p, const struct export_opts *opts, struct diag *err,
    int *rc)
{
	struct export_opts o = *opts;
	struct report *r;
	char *dir, *tmp;
	int fd;

	o.proof = p;
	dir = store_dirname(cli->bundle_out);
	tmp = xasprintf("%s/.dossier-bundle-XXXXXX.xlsx", dir);
	free(dir);
	fd = mkstemps(tmp, 5);
	if (fd < 0) {
		fprintf(stderr, _("dossier: %s: cannot write the bundle: cannot "
		    "create a temporary file beside it\n"), cli->bundle_out);
		free(tmp);
		*rc = EXIT_OUTPUT;
		return NULL;
	}
	close(fd);
	r = validate_with_proof(d, &p->f);
	if (export_xlsx(d, r, tmp, &o, err) < 0) {
		say(err);
		unlink(tmp);
		free(tmp);
		tmp = NULL;
		*rc = EXIT_OUTPUT;
	}
	report_free(r);
	return tmp;
}

int
cli_bundle(const struct cli *cli, const struct dossier *d,
    const struct export_opts *o)
{
	struct proof *p;
	struct diag err;
	char *xlsx;
	int rc = EXIT_OK;

	diag_clear(&err);
	p = proof_run(d, PROOF_VERIFY, &err);
	if (p == NULL) {
		say(&err);
		return EXIT_BAD_INPUT;
	}
	if (refuse(p, d->path)) {
		fprintf(stderr, _("dossier: %s: no bundle written: evidence "
		    "changed since it was recorded\n"), cli->bundle_out);
		proof_free(p);
		return EXIT_FINDINGS;
	}
	warn_links(p);
	xlsx = checklist_temp(cli, d, p, o, &err, &rc);
	if (xlsx != NULL) {
		if (bundle_write(d, p->ev, xlsx, cli->bundle_out, &err) < 0) {
			say(&err);
			rc = err.code == DIAG_IO ? EXIT_OUTPUT : EXIT_FINDINGS;
		}
		unlink(xlsx);
		free(xlsx);
	}
	proof_free(p);
	return rc;
}

static void
verify_report(void *arg, const char *name, enum bundle_check c)
{
	static const char *const words[] = { "OK", "FAILED",
	    "FAILED (listed in " BUNDLE_MANIFEST " but not in the archive)",
	    "FAILED (in the archive but not listed in " BUNDLE_MANIFEST ")" };
	char *clean = text_sanitize(name, 0);

	(void)arg;
	printf("%s: %s\n", clean, words[c]);
	free(clean);
}

int
cli_verify(const struct cli *cli)
{
	struct diag err;
	long n;
	size_t i;
	int rc = EXIT_OK;

	if (cli->nfiles == 0) {
		fprintf(stderr, _("dossier: verify needs a BUNDLE.zip\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	for (i = 0; i < cli->nfiles; i++) {
		diag_clear(&err);
		n = bundle_verify(cli->files[i], verify_report, NULL, &err);
		if (n < 0) {
			say(&err);
			rc = EXIT_BAD_INPUT;
		} else if (n > 0) {
			fprintf(stderr, _("dossier: %s: %ld problem%s\n"),
			    cli->files[i], n, n == 1 ? "" : "s");
			if (rc == EXIT_OK)
				rc = EXIT_FINDINGS;
		}
	}
	if (fflush(stdout) != 0 && rc <= EXIT_FINDINGS)
		rc = EXIT_OUTPUT;
	return rc;
}
