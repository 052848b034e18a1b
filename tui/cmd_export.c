/*
 * dossier export: write the dossier's YAML (normalised) and its XLSX
 * checklist, each atomically.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dossier.h"
#include "core/export.h"
#include "core/outpath.h"
#include "core/proof.h"
#include "core/store.h"
#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

static int
export_yaml(const struct dossier *d, const char *out)
{
	struct diag err;
	size_t len;
	char *buf;
	int rc = EXIT_OK;

	buf = dossier_serialize(d, &len);
	if (strcmp(out, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, _("dossier: cannot write to standard "
			    "output: %s\n"), strerror(errno));
			rc = EXIT_OUTPUT;
		}
	} else if (store_write_atomic(out, buf, len, NULL, &err) < 0) {
		cli_report(&err);
		rc = EXIT_OUTPUT;
	}
	free(buf);
	return rc;
}

static void
export_warn(void *arg, const char *msg)
{
	char *clean = text_sanitize(msg, 0);

	(void)arg;
	fprintf(stderr, _("dossier: warning: %s\n"), clean);
	free(clean);
}

/*
 * The options every checklist export starts from: warnings to stderr, the
 * checklist's languages, and the date: --date, else SOURCE_DATE_EPOCH,
 * else export_xlsx's default (the day the dossier file was last changed).
 * -1 when the date is unusable, already said.
 */
static int
export_opts_dated(const struct cli *cli, struct export_opts *o, char *date,
    size_t size)
{
	int from;

	memset(o, 0, sizeof *o);
	o->warn = export_warn;
	o->langs = cli->langs;
	o->nlangs = cli->nlangs;
	from = cli_date(cli, date, size, &o->date);
	if (from < 0) {
		cli_date_complain(cli);
		return -1;
	}
	if (from == 1)
		o->date_note = "from SOURCE_DATE_EPOCH";
	return 0;
}

int
cli_export_xlsx(const struct cli *cli, const struct dossier *d,
    const char *out)
{
	struct export_opts o;
	struct report *r;
	struct proof *pr;
	struct diag err;
	char date[16];
	int rc = EXIT_OK;

	if (export_opts_dated(cli, &o, date, sizeof date) < 0)
		return EXIT_BAD_INPUT;
	diag_clear(&err);
	/* Every file is hashed for the Evidence sheet (export always is). */
	pr = proof_run(d, PROOF_VERIFY, &err);
	if (pr == NULL) {
		cli_report(&err);
		return EXIT_BAD_INPUT;
	}
	o.proof = pr;
	r = validate_with_proof(d, &pr->f);
	if (export_xlsx(d, r, out, &o, &err) < 0) {
		cli_report(&err);
		rc = err.code == DIAG_USAGE || err.code == DIAG_LIMIT ?
		    EXIT_BAD_INPUT : EXIT_OUTPUT;
	}
	report_free(r);
	proof_free(pr);
	return rc;
}

/* The bundle's checklist carries the same date as --xlsx would. */
static int
export_bundle_file(const struct cli *cli, const struct dossier *d)
{
	struct export_opts o;
	char date[16];

	if (export_opts_dated(cli, &o, date, sizeof date) < 0)
		return EXIT_BAD_INPUT;
	return cli_bundle(cli, d, &o);
}

/* The outputs must be safe to replace, and distinct (outpath.h). */
static int
export_vet_outputs(const struct cli *cli)
{
	const char *y = cli->yaml_out, *x = cli->xlsx_out;
	const char *b = cli->bundle_out;
	struct diag err;

	if (y != NULL && strcmp(y, "-") != 0 &&
	    outpath_vet(y, cli->files[0], 1, N_("the YAML"), &err) < 0)
		goto refuse;
	if (x != NULL && outpath_vet(x, cli->files[0], 0, N_("the checklist"),
	    &err) < 0)
		goto refuse;
	if (y != NULL && x != NULL && strcmp(y, "-") != 0 &&
	    outpath_same(y, x)) {
		diag_set(&err, DIAG_IO, x, 0, 0, "cannot write the checklist: "
		    "--yaml and --xlsx name the same file");
		goto refuse;
	}
	if (b != NULL && outpath_vet(b, cli->files[0], 0, N_("the bundle"),
	    &err) < 0)
		goto refuse;
	if (b != NULL && ((x != NULL && outpath_same(b, x)) || (y != NULL &&
	    strcmp(y, "-") != 0 && outpath_same(b, y)))) {
		diag_set(&err, DIAG_IO, b, 0, 0, "cannot write the bundle: "
		    "another output names the same file");
		goto refuse;
	}
	return 0;
refuse:
	cli_report(&err);
	return -1;
}

int
cli_export(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct diag err;
	int rc = EXIT_OK;

	if (cli->nfiles != 1) {
		fprintf(stderr, _("dossier: export takes exactly one FILE\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	if (cli->yaml_out == NULL && cli->xlsx_out == NULL &&
	    cli->bundle_out == NULL) {
		fprintf(stderr, _("dossier: export needs --yaml OUT, --xlsx OUT "
		    "or --bundle OUT.zip\n"));
		return EXIT_BAD_INPUT;
	}
	if (cli->xlsx_out != NULL && strcmp(cli->xlsx_out, "-") == 0) {
		fprintf(stderr, _("dossier: --xlsx needs a file name; a workbook "
		    "is not written to standard output\n"));
		return EXIT_BAD_INPUT;
	}
	if ((cli->yaml_out != NULL && *cli->yaml_out == '\0') ||
	    (cli->xlsx_out != NULL && *cli->xlsx_out == '\0') ||
	    (cli->bundle_out != NULL && (*cli->bundle_out == '\0' ||
	    strcmp(cli->bundle_out, "-") == 0))) {
		fprintf(stderr, _("dossier: --yaml, --xlsx and --bundle need a "
		    "file name, not an empty one (nor - for --bundle)\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	/* Before any work: nothing is written unless all can be. */
	if (export_vet_outputs(cli) < 0)
		return EXIT_OUTPUT;
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	d = dossier_load(cli->files[0], set, &err);
	if (d == NULL) {
		cli_report(&err);
		tmpl_set_free(set);
		return EXIT_BAD_INPUT;
	}
	if (cli->yaml_out != NULL)
		cli_note_comments(d);
	/* Too big for a workbook: say so before validating anything. */
	if (cli->xlsx_out != NULL && export_check_size(d, &err) < 0) {
		cli_report(&err);
		dossier_free(d);
		tmpl_set_free(set);
		return EXIT_BAD_INPUT;
	}
	if (cli->yaml_out != NULL)
		rc = export_yaml(d, cli->yaml_out);
	if (cli->xlsx_out != NULL && rc == EXIT_OK)
		rc = cli_export_xlsx(cli, d, cli->xlsx_out);
	if (cli->bundle_out != NULL && rc == EXIT_OK)
		rc = export_bundle_file(cli, d);
	dossier_free(d);
	tmpl_set_free(set);
	return rc;
}
