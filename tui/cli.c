/*
 * The verbs that run without a screen: check, status, templates, export.
 * Each prints to stdout, reports unusable input on stderr as one
 * file:line:col line, and returns the exit status (see cli.h).
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

#include "core/checklist.h"
#include "core/dossier.h"
#include "core/export.h"
#include "core/hset.h"
#include "core/outpath.h"
#include "core/proof.h"
#include "core/store.h"
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

static int
need_files(const struct cli *cli, const char *verb)
{
	if (cli->nfiles > 0)
		return 0;
	fprintf(stderr, "dossier: %s needs at least one FILE\n"
	    "Try 'dossier --help'.\n", verb);
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
	c = validate_clause_text(f->tmpl, f->clause, f->prov);
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
	msg = text_sanitize(f->message, 0);
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
	char *msg = text_sanitize(f->message, 0);

	printf("%s: %s: %s%s%zu more like \"%s\" in other records, not "
	    "listed (--format json lists every one) [%s.%s.%s[*].%s]\n", cfile,
	    tmpl_severity_name(f->sev), clause != NULL ? clause : "",
	    clause != NULL ? ": " : "", k->n - CHECK_SAME_MAX, msg,
	    g->section->tmpl->id, g->section->id, g->id, f->field->id);
	free(msg);
}

static void
print_findings_text(const char *file, const struct report *r)
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

/* Printable ASCII without quote or backslash: JSON as it is. */
static int
json_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static void
json_str(const char *key, const char *val, int comma)
{
	char *j;

	if (val == NULL) {
		printf("\"%s\": null%s", key, comma ? ", " : "");
		return;
	}
	if (json_plain(val)) {
		printf("\"%s\": \"%s\"%s", key, val, comma ? ", " : "");
		return;
	}
	j = text_json(val);
	printf("\"%s\": \"%s\"%s", key, j, comma ? ", " : "");
	free(j);
}

static void
print_error_json(const char *file, const struct diag *err)
{
	printf("  {");
	json_str("file", file, 1);
	printf("\"error\": {");
	json_str("message", err->msg, 1);
	printf("\"line\": %d, \"column\": %d}}", err->line, err->col);
}

static void
note_drafts(const struct dossier *d, unsigned char *noted,
    const struct tmpl_set *set)
{
	size_t i, j;

	for (i = 0; i < d->ntmpls; i++) {
		for (j = 0; j < set->n && set->t[j] != d->tmpls[i]; j++)
			;
		if (j == set->n || noted[j] || !d->tmpls[i]->draft)
			continue;
		noted[j] = 1;
		fprintf(stderr, "dossier: note: template %s:%s is a draft: "
		    "check its clause references against the official text "
		    "(see 'dossier templates')\n", d->tmpls[i]->id,
		    d->tmpls[i]->edition);
	}
}

int
cli_check(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct proof *pr;
	struct vcache *cache;
	unsigned char *noted;
	struct diag err;
	size_t i, j;
	int rc = EXIT_OK;

	if (need_files(cli, "check") < 0)
		return EXIT_BAD_INPUT;
	if (cli->csv) {
		fprintf(stderr, "dossier: check writes text or json, not csv\n"
		    "Try 'dossier --help'.\n");
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	noted = xcalloc(set->n, 1);
	cache = vcache_new();
	if (cli->json)
		printf("[\n");
	for (i = 0; i < cli->nfiles; i++) {
		if (cli->json && i > 0)
			printf(",\n");
		d = dossier_load(cli->files[i], set, &err);
		if (d == NULL) {
			if (cli->json)
				print_error_json(cli->files[i], &err);
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		/* Files the answers name: read only here, not on each edit. */
		pr = proof_run(d, cli->verify ? PROOF_VERIFY : 0, &err);
		if (pr == NULL) {
			if (cli->json)
				print_error_json(cli->files[i], &err);
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			dossier_free(d);
			continue;
		}
		r = validate(d, cache);
		if (cli->json) {
			cli_print_report_json(d, r, &pr->f);
		} else {
			print_findings_text(cli->files[i], r);
			for (j = 0; j < pr->f.n; j++)
				cli_print_finding(cli->files[i], &pr->f.f[j]);
		}
		if (!cli->json)
			note_drafts(d, noted, set);
		if (rc == EXIT_OK && (r->errors + pr->f.errors > 0 ||
		    (cli->strict && r->warnings + pr->f.warnings > 0)))
			rc = EXIT_FINDINGS;
		report_free(r);
		proof_free(pr);
		dossier_free(d);
	}
	if (cli->json)
		printf("\n]\n");
	vcache_free(cache);
	free(noted);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}

int
cli_templates(const struct cli *cli)
{
	struct tmpl_set *set;
	size_t i;

	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	for (i = 0; i < set->n; i++) {
		const struct tmpl *t = set->t[i];
		char *title = text_sanitize(t->title, 0);
		char *source = text_sanitize(t->source != NULL ? t->source :
		    "", 0);
		char *edition = text_sanitize(t->edition, 0);
		char *path = text_sanitize(t->path, 0);

		printf("%s:%s\t%s\t%s\t%s\t%s\n", t->id, edition,
		    t->draft ? "draft" : "checked", title, source, path);
		free(title);
		free(source);
		free(edition);
		free(path);
	}
	if (set->n == 0)
		fprintf(stderr, "dossier: no templates found\n");
	tmpl_set_free(set);
	return cli_finish_stdout(EXIT_OK);
}

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
			fprintf(stderr, "dossier: cannot write to standard "
			    "output: %s\n", strerror(errno));
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
	fprintf(stderr, "dossier: warning: %s\n", clean);
	free(clean);
}

/*
 * The checklist's date: --date, else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else export_xlsx's default (the day the
 * dossier file was last changed).
 */
static int
export_date(const struct cli *cli, struct export_opts *o, char *buf,
    size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;
	time_t tt;
	struct tm tm;

	if (cli->date != NULL) {
		if (!validate_is_date(cli->date))
			return -1;
		o->date = cli->date;
		return 0;
	}
	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	t = strtoll(sde, &end, 10);
	/* Up to 9999-12-31T23:59:59Z, the last day a checklist can carry. */
	tt = (time_t)t;
	if (errno != 0 || *end != '\0' || t < 0 || t > 253402300799LL ||
	    gmtime_r(&tt, &tm) == NULL) {
		fprintf(stderr, "dossier: SOURCE_DATE_EPOCH='%.40s' is not a "
		    "number of seconds from 0 to 253402300799 (9999-12-31)\n",
		    sde);
		return -2;
	}
	strftime(buf, size, "%Y-%m-%d", &tm);
	o->date = buf;
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

	memset(&o, 0, sizeof o);
	o.warn = export_warn;
	switch (export_date(cli, &o, date, sizeof date)) {
	case -1:
		fprintf(stderr, "dossier: --date wants YYYY-MM-DD, not '%s'\n"
		    "Try 'dossier --help'.\n", cli->date);
		return EXIT_BAD_INPUT;
	case -2:
		return EXIT_BAD_INPUT;
	default:
		break;
	}
	diag_clear(&err);
	/* Every file is hashed for the Evidence sheet (export always is). */
	pr = proof_run(d, PROOF_VERIFY, &err);
	if (pr == NULL) {
		cli_report(&err);
		return EXIT_BAD_INPUT;
	}
	o.proof = pr;
	r = validate(d, NULL);
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

	memset(&o, 0, sizeof o);
	o.warn = export_warn;
	switch (export_date(cli, &o, date, sizeof date)) {
	case -1:
		fprintf(stderr, "dossier: --date wants YYYY-MM-DD, not '%s'\n"
		    "Try 'dossier --help'.\n", cli->date);
		return EXIT_BAD_INPUT;
	case -2:
		return EXIT_BAD_INPUT;
	default:
		break;
	}
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
	    outpath_vet(y, cli->files[0], 1, "the YAML", &err) < 0)
		goto refuse;
	if (x != NULL && outpath_vet(x, cli->files[0], 0, "the checklist",
	    &err) < 0)
		goto refuse;
	if (y != NULL && x != NULL && strcmp(y, "-") != 0 &&
	    outpath_same(y, x)) {
		diag_set(&err, DIAG_IO, x, 0, 0, "cannot write the checklist: "
		    "--yaml and --xlsx name the same file");
		goto refuse;
	}
	if (b != NULL && outpath_vet(b, cli->files[0], 0, "the bundle",
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
		fprintf(stderr, "dossier: export takes exactly one FILE\n"
		    "Try 'dossier --help'.\n");
		return EXIT_BAD_INPUT;
	}
	if (cli->yaml_out == NULL && cli->xlsx_out == NULL &&
	    cli->bundle_out == NULL) {
		fprintf(stderr, "dossier: export needs --yaml OUT, --xlsx OUT "
		    "or --bundle OUT.zip\n");
		return EXIT_BAD_INPUT;
	}
	if (cli->xlsx_out != NULL && strcmp(cli->xlsx_out, "-") == 0) {
		fprintf(stderr, "dossier: --xlsx needs a file name; a workbook "
		    "is not written to standard output\n");
		return EXIT_BAD_INPUT;
	}
	if ((cli->yaml_out != NULL && *cli->yaml_out == '\0') ||
	    (cli->xlsx_out != NULL && *cli->xlsx_out == '\0') ||
	    (cli->bundle_out != NULL && (*cli->bundle_out == '\0' ||
	    strcmp(cli->bundle_out, "-") == 0))) {
		fprintf(stderr, "dossier: --yaml, --xlsx and --bundle need a "
		    "file name, not an empty one (nor - for --bundle)\n"
		    "Try 'dossier --help'.\n");
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
