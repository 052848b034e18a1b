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
#include <time.h>
#include <unistd.h>

#include "core/dossier.h"
#include "core/hset.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "core/xltext.h"

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

void
cli_pad(const char *s, size_t w, int right)
{
	size_t c = xl_text_width(s);

	if (right)
		printf("%*s%s", c < w ? (int)(w - c) : 0, "", s);
	else
		printf("%s%*s", s, c < w ? (int)(w - c) : 0, "");
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
			fprintf(stderr, _("dossier: --template-dir needs a "
			    "folder name, not an empty one\n"));
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
			fprintf(stderr, _("dossier: DOSSIER_TEMPLATE_PATH holds "
			    "only empty entries; name a folder or unset "
			    "it\n"));
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
		fprintf(stderr, _("dossier: no template folder found (looked in "
		    "%s); use --template-dir DIR\n"), TEMPLATEDIR);
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
	fprintf(stderr, _("dossier: cannot write to standard output: %s\n"),
	    strerror(e));
	return rc == EXIT_OK || rc == EXIT_FINDINGS ? EXIT_OUTPUT : rc;
}

int
cli_need_files(const struct cli *cli, const char *verb)
{
	if (cli->nfiles > 0)
		return 0;
	fprintf(stderr, _("dossier: %s needs at least one FILE\n"
	    "Try 'dossier --help'.\n"), verb);
	return -1;
}

/*
 * The clause as printed, kept while consecutive findings share it: a
 * dossier with 300,000 records prints millions of findings, mostly of the
 * same few fields.
 */
struct clause_memo {
	const struct tmpl *tmpl;
	const char *clause;
	enum tmpl_prov prov;
	char *text;		/* sanitised; NULL: none computed yet */
};

static const char *
clause_of(struct clause_memo *m, const struct finding *f)
{
	char *c;

	if (f->tmpl == NULL)
		return NULL;
	if (m->text != NULL && m->tmpl == f->tmpl && m->clause == f->clause &&
	    m->prov == f->prov)
		return m->text;
	free(m->text);
	c = validate_clause_text_lang(f->tmpl, f->clause, f->prov,
	    lang_current());
	m->text = text_sanitize(c, 0);
	free(c);
	m->tmpl = f->tmpl;
	m->clause = f->clause;
	m->prov = f->prov;
	return m->text;
}

/* cfile: the file name, already through the gate. */
static void
print_finding_text(const char *cfile, const struct finding *f,
    struct clause_memo *memo)
{
	const char *clause = clause_of(memo, f);
	char buf[FINDING_PATH_MAX], *msg, *path;

	/* Every string from a file, a template or a name: one gate. */
	/*
	 * In the display language; "error:"/"warning:" stay as they are,
	 * since editors jump to FILE:LINE:COL: error: lines.
	 */
	msg = text_sanitize(finding_text(f), 0);
	path = text_sanitize(finding_path(f, buf), 0);
	if (f->line > 0)
		printf("%s:%d:%d: ", cfile, f->line, f->col);
	else
		printf("%s: ", cfile);
	printf("%s: %s%s%s [%s]\n", tmpl_severity_name(f->sev),
	    clause != NULL ? clause : "", clause != NULL ? ": " : "", msg,
	    path);
	free(msg);
	free(path);
}

/*
 * A dossier of 300,000 records can have millions of findings, mostly the
 * same one on the same question of record after record.  Of each such
 * kind (same question of a group's records, same kind, severity and
 * message) the text output lists the first CHECK_SAME_MAX and then says
 * how many more there are; counts and exit status are always complete,
 * and --format json lists every finding.
 */
#define CHECK_SAME_MAX 100

struct same_kind {
	const struct finding *first;
	size_t n;
};

struct same_key {
	const void *field, *message;
	int kind, sev;
};

static void
print_more_text(const char *cfile, const struct same_kind *k,
    struct clause_memo *memo)
{
	const struct finding *f = k->first;
	const struct tmpl_field *g = f->field->group;
	const char *clause = clause_of(memo, f);
	char *msg = text_sanitize(finding_text(f), 0);
	size_t more = k->n - CHECK_SAME_MAX;

	/* The frame as print_finding_text's; the sentence translated. */
	printf("%s: %s: %s%s", cfile, tmpl_severity_name(f->sev),
	    clause != NULL ? clause : "", clause != NULL ? ": " : "");
	printf(ngettext("%zu more like \"%s\" in other records, not listed "
	    "(--format json lists every one)", "%zu more like \"%s\" in other "
	    "records, not listed (--format json lists every one)", more),
	    more, msg);
	printf(" [%s.%s.%s[*].%s]\n", g->section->tmpl->id, g->section->id,
	    g->id, f->field->id);
	free(msg);
}

void
cli_print_findings(const char *file, const struct report *r)
{
	struct clause_memo memo = { NULL, NULL, TMPL_PROV_NONE, NULL };
	char *cfile = text_sanitize(file, 0);
	struct hset *seen = hset_new();
	struct same_kind *kinds = NULL;
	struct same_key key;
	size_t i, nkinds = 0, cap = 0, *slot;
	int fresh;

	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		/* Shared messages only: one that quotes an answer differs
		 * from record to record anyway. */
		if (f->in_record && f->field != NULL &&
		    f->field->group != NULL && !f->msg_owned) {
			memset(&key, 0, sizeof key);
			key.field = f->field;
			key.message = f->message;
			key.kind = f->kind;
			key.sev = f->sev;
			slot = hset_slot(seen, (const char *)&key, sizeof key,
			    &fresh);
			if (fresh) {
				if (nkinds == cap) {
					cap = cap == 0 ? 16 : cap * 2;
					kinds = xreallocarray(kinds, cap,
					    sizeof *kinds);
				}
				kinds[nkinds].first = f;
				kinds[nkinds].n = 0;
				*slot = nkinds++;
			}
			if (++kinds[*slot].n > CHECK_SAME_MAX)
				continue;
		}
		print_finding_text(cfile, f, &memo);
	}
	for (i = 0; i < nkinds; i++)
		if (kinds[i].n > CHECK_SAME_MAX)
			print_more_text(cfile, &kinds[i], &memo);
	free(kinds);
	hset_free(seen);
	free(memo.text);
	free(cfile);
}

void
cli_print_finding(const char *file, const struct finding *f)
{
	struct clause_memo memo = { NULL, NULL, TMPL_PROV_NONE, NULL };
	char *cfile = text_sanitize(file, 0);

	print_finding_text(cfile, f, &memo);
	free(memo.text);
	free(cfile);
}

void
cli_note_comments(const struct dossier *d)
{
	char *name;

	if (d->comment_line <= 0)
		return;
	name = text_sanitize(d->path, 0);
	/*
	 * "FILE:LINE: note:" stays, as "error:" does; the sentence is
	 * DOSSIER_COMMENTS_NOTE's (core/dossier.h), spelt out so that
	 * xgettext sees it.
	 */
	fprintf(stderr, "%s:%d: note: ", name, d->comment_line);
	fprintf(stderr, _("this file has comments (the first on line %d); "
	    "saving writes the answers afresh and does not keep them: put "
	    "remarks in an answer, or under device: (any key, e.g. note:), "
	    "which is kept.\n"), d->comment_line);
	free(name);
}

int
cli_date(const struct cli *cli, char *buf, size_t size, const char **date)
{
	*date = NULL;
	if (cli->date != NULL) {
		if (!validate_is_date(cli->date))
			return -1;
		*date = cli->date;
		return 0;
	}
	switch (validate_sde_date(getenv("SOURCE_DATE_EPOCH"), buf, size)) {
	case 1:
		*date = buf;
		return 1;
	case 0:
		return 0;
	default:
		return -1;
	}
}

void
cli_date_complain(const struct cli *cli)
{
	char *s;

	if (cli->date != NULL && !validate_is_date(cli->date)) {
		s = text_sanitize(cli->date, 0);
		fprintf(stderr, _("dossier: --date wants YYYY-MM-DD, not '%s'\n"
		    "Try 'dossier --help'.\n"), s);
	} else {
		s = text_sanitize(getenv("SOURCE_DATE_EPOCH"), 0);
		fprintf(stderr, _("dossier: SOURCE_DATE_EPOCH='%.40s' is not a "
		    "number of seconds from 0 to 253402300799 (9999-12-31)\n"),
		    s != NULL ? s : "");
	}
	free(s);
}

const char *
cli_today(const struct cli *cli, char *buf, size_t size)
{
	const char *date;
	time_t tt;
	struct tm tm;

	if (cli_date(cli, buf, size, &date) < 0)
		return NULL;
	if (date != NULL)
		return date;
	tt = time(NULL);
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		return NULL;
	return buf;
}
