/*
 * What the verbs that run without a screen share: finding the templates
 * and the bundled files, one-line error reports, a finding as a line,
 * and the exit status of a report that did not reach standard output.
 * Each verb is in its own file: cmd_check.c, cmd_status.c,
 * cmd_templates.c, cmd_export.c (and cmd_evidence.c, cmd_bundle.c).
 */
#include "config.h"

#include "tui/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dossier.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"

#ifndef TEMPLATEDIR
#define TEMPLATEDIR "/usr/local/share/dossier/templates"
#endif
#ifndef DATADIR_DOSSIER
#define DATADIR_DOSSIER "/usr/local/share/dossier"
#endif
#ifndef DOSSIER_SRCDIR
#define DOSSIER_SRCDIR ""
#endif

void
cli_report(const struct diag *err)
{
	char line[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];
	char *clean;

	diag_format(err, line, sizeof line);
	clean = text_sanitize(line, 0);
	fprintf(stderr, "%s%s\n", err->file[0] == '\0' ? "dossier: " : "",
	    clean);
	free(clean);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding the running binary, or NULL. */
static char *
exe_dir(const char *program)
{
	char buf[PATH_MAX];
	ssize_t n;
	char *slash;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = '\0';
	} else if (program != NULL && strchr(program, '/') != NULL) {
		snprintf(buf, sizeof buf, "%s", program);
	} else {
		return NULL;
	}
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

/*
 * Installed data first; from a build tree that was never installed, the
 * files beside the binary, in share/ beside it (an in-tree build), or in
 * the source tree the binary was configured from (an out-of-tree build,
 * whose folder holds no data), so ./dossier works straight after make.
 */
char *
cli_data_path(const char *program, const char *rel)
{
	static const char *const subs[] = { "", "share/" };
	char *p = xasprintf("%s/%s", DATADIR_DOSSIER, rel), *dir;
	struct stat st;
	size_t i;
	int pass;

	if (stat(p, &st) == 0)
		return p;
	free(p);
	for (pass = 0; pass < 2; pass++) {
		dir = pass == 0 ? exe_dir(program) : xstrdup(DOSSIER_SRCDIR);
		if (dir == NULL || *dir == '\0') {
			free(dir);
			continue;
		}
		for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
			p = xasprintf("%s/%s%s", dir, subs[i], rel);
			if (stat(p, &st) == 0) {
				free(dir);
				return p;
			}
			free(p);
		}
		free(dir);
	}
	return NULL;
}

struct tmpl_set *
cli_load_templates(const struct cli *cli)
{
	const char **dirs = NULL;
	struct tmpl_set *set;
	struct diag err;
	const char *env = getenv("DOSSIER_TEMPLATE_PATH");
	char *copy = NULL, *tok, *save, *fallback = NULL;
	size_t n = 0;

	diag_clear(&err);
	if (cli->ntemplate_dirs > 0) {
		dirs = xcalloc(cli->ntemplate_dirs, sizeof *dirs);
		for (n = 0; n < cli->ntemplate_dirs; n++) {
			if (*cli->template_dirs[n] != '\0')
				continue;
			fprintf(stderr, "dossier: --template-dir needs a "
			    "folder name, not an empty one\n");
			free(dirs);
			return NULL;
		}
		for (n = 0; n < cli->ntemplate_dirs; n++)
			dirs[n] = cli->template_dirs[n];
	} else if (env != NULL && *env != '\0') {
		/* Empty entries name no folder: skipped, never reported. */
		copy = xstrdup(env);
		dirs = xcalloc(strlen(env) + 1, sizeof *dirs);
		for (tok = strtok_r(copy, ":", &save); tok != NULL;
		    tok = strtok_r(NULL, ":", &save))
			dirs[n++] = tok;
		if (n == 0) {
			fprintf(stderr, "dossier: DOSSIER_TEMPLATE_PATH holds "
			    "only empty entries; name a folder or unset "
			    "it\n");
			free(dirs);
			free(copy);
			return NULL;
		}
	} else {
		dirs = xcalloc(1, sizeof *dirs);
		if (is_dir(TEMPLATEDIR))
			dirs[n++] = TEMPLATEDIR;
		else if ((fallback = cli_data_path(cli->program,
		    "templates")) != NULL)
			dirs[n++] = fallback;
	}
	if (n == 0) {
		fprintf(stderr, "dossier: no template folder found (looked in "
		    "%s); use --template-dir DIR\n", TEMPLATEDIR);
		free(dirs);
		free(copy);
		return NULL;
	}
	set = tmpl_set_load(dirs, n, 1, &err);
	if (set == NULL)
		cli_report(&err);
	free(dirs);
	free(copy);
	free(fallback);
	return set;
}

/*
 * A report that did not reach its reader (disk full, stdout closed) must
 * not pass for success: 0 and 1 describe the findings, which nobody got.
 */
int
cli_finish_stdout(int rc)
{
	int e = 0;

	if (fflush(stdout) != 0)
		e = errno;
	else if (ferror(stdout))
		e = EIO;
	if (e == 0)
		return rc;
	fprintf(stderr, "dossier: cannot write to standard output: %s\n",
	    strerror(e));
	return rc == EXIT_OK || rc == EXIT_FINDINGS ? EXIT_OUTPUT : rc;
}

int
cli_need_files(const struct cli *cli, const char *verb)
{
	if (cli->nfiles > 0)
		return 0;
	fprintf(stderr, "dossier: %s needs at least one FILE\n"
	    "Try 'dossier --help'.\n", verb);
	return -1;
}

void
cli_print_finding(const char *file, const struct finding *f)
{
	char *clause = NULL, *cclause, *cfile, *msg, *path;

	/* Every string from a file, a template or a name: one gate. */
	if (f->tmpl != NULL)
		clause = validate_clause_text(f->tmpl, f->clause, f->prov);
	cclause = text_sanitize(clause != NULL ? clause : "", 0);
	cfile = text_sanitize(file, 0);
	msg = text_sanitize(f->message, 0);
	path = text_sanitize(f->path != NULL ? f->path : "", 0);
	if (f->line > 0)
		printf("%s:%d:%d: ", cfile, f->line, f->col);
	else
		printf("%s: ", cfile);
	printf("%s: %s%s%s [%s]\n", tmpl_severity_name(f->sev), cclause,
	    clause != NULL ? ": " : "", msg, path);
	free(clause);
	free(cclause);
	free(cfile);
	free(msg);
	free(path);
}

void
cli_note_comments(const struct dossier *d)
{
	char *name;

	if (d->comment_line <= 0)
		return;
	name = text_sanitize(d->path, 0);
	fprintf(stderr, "%s:%d: note: this file " DOSSIER_COMMENTS_NOTE ".\n",
	    name, d->comment_line, d->comment_line);
	free(name);
}
