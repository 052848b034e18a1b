/*
 * The portfolio verbs: `status` over files and folders (text, JSON or
 * CSV, one line or record per dossier), and `export --out-dir DIR` for
 * many dossiers at once.  A folder is searched recursively for dossiers:
 * *.yaml and *.yml files whose top level has both `format` and
 * `templates` (anything else there, templates included, is passed over).
 * Folders whose name starts with a dot are not entered and symbolic links
 * to folders are not followed, so a .git folder or a link loop costs
 * nothing.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/dossier.h"
#include "core/evidence.h"
#include "core/proof.h"
#include "core/review.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/cli.h"

#define WALK_MAX_DEPTH 32

struct found {
	char **v;
	size_t n, cap;
};

static void
found_add(struct found *fs, char *path)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap == 0 ? 16 : fs->cap * 2;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
	}
	fs->v[fs->n++] = path;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n > m && strcmp(s + n - m, suf) == 0;
}

/* Does the YAML file at path look like a dossier (format + templates)? */
static int
looks_like_dossier(const char *path)
{
	struct diag err;
	struct ynode *root = yt_read_file(path, &err);
	int yes;

	if (root == NULL)
		return 0;
	yes = root->kind == YT_MAP && yt_get(root, "format") != NULL &&
	    yt_get(root, "templates") != NULL;
	yt_free(root);
	return yes;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk(const char *dir, int depth, struct found *fs)
{
	DIR *dp;
	struct dirent *e;
	struct stat st;
	struct found names = { NULL, 0, 0 };
	char *p;
	size_t i;

	if (depth > WALK_MAX_DEPTH || (dp = opendir(dir)) == NULL) {
		fprintf(stderr, _("dossier: %s: cannot read the folder: %s\n"), dir,
		    depth > WALK_MAX_DEPTH ? _("nested too deep") :
		    strerror(errno));
		return;
	}
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			found_add(&names, xstrdup(e->d_name));
	closedir(dp);
	/* Name order, so the same tree gives the same report. */
	if (names.n > 0)
		qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (i = 0; i < names.n; i++) {
		p = xasprintf("%s%s%s", dir, has_suffix(dir, "/") ? "" : "/",
		    names.v[i]);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk(p, depth + 1, fs);
		} else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    (has_suffix(p, ".yaml") || has_suffix(p, ".yml")) &&
		    looks_like_dossier(p)) {
			found_add(fs, p);
			p = NULL;
		}
		free(p);
		free(names.v[i]);
	}
	free(names.v);
}

/*
 * Files as given; folders replaced by the dossiers found under them.  A
 * folder without any is named (it was probably the wrong folder): -1.
 */
static int
expand(const struct cli *cli, struct found *fs)
{
	struct stat st;
	size_t i, before;
	int rc = 0;

	for (i = 0; i < cli->nfiles; i++) {
		if (stat(cli->files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			before = fs->n;
			walk(cli->files[i], 0, fs);
			if (fs->n == before) {
				char *name = text_sanitize(cli->files[i], 0);

				fprintf(stderr, _("dossier: %s: no dossier found "
				    "in this folder\n"), name);
				free(name);
				rc = -1;
			}
		} else {
			found_add(fs, xstrdup(cli->files[i]));
		}
	}
	return rc;
}

static void
found_free(struct found *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->v[i]);
	free(fs->v);
}

/*
 * The answer to the first question called listed_version in any of the
 * dossier's templates (TR-007's versioning.listed_version), or NULL.
 */
static const char *
listed_version(const struct dossier *d)
{
	size_t i, j;
	const struct tmpl_field *f;

	for (i = 0; i < d->ntmpls; i++)
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			const struct tmpl_section *s = &d->tmpls[i]->sections[j];

			f = tmpl_field_by_id(s->fields, s->nfields,
			    "listed_version");
			if (f != NULL && yt_str(dossier_get(d, f, 0)) != NULL)
				return yt_str(dossier_get(d, f, 0));
		}
	return NULL;
}

/*
 * Evidence files whose bytes no longer match the evidence register
 * (core/evidence.h): changed, as `dossier evidence` says.  Files never
 * recorded, missing or empty are findings of their own, counted in errors
 * and warnings as check counts them.
 */
static size_t
evidence_changed(const struct proof *pr)
{
	size_t i, n = 0;

	for (i = 0; i < pr->ev->n; i++)
		if (pr->ev->f[i].state == EVID_CHANGED)
			n++;
	return n;
}

struct row {
	const char *file;
	const char *device, *model, *manufacturer, *version;
	char *templates;	/* "tr-007:2026 tr-008:2026" */
	int percent;
	size_t errors, warnings, evidence;
	const char *review;
	char saved[32];		/* ISO 8601 UTC, or "" */
};

static void
row_fill(struct row *w, const char *file, const struct dossier *d,
    const struct report *r, const struct proof *pr)
{
	struct xbuf b = { NULL, 0, 0 };
	struct stat st;
	struct tm tm;
	size_t i;

	memset(w, 0, sizeof *w);
	w->file = file;
	w->device = dossier_device(d, "name");
	w->model = dossier_device(d, "model");
	w->manufacturer = dossier_device(d, "manufacturer");
	w->version = listed_version(d);
	xbuf_add(&b, "", 0);
	for (i = 0; i < d->ntmpls; i++) {
		if (i > 0)
			xbuf_add(&b, " ", 1);
		xbuf_add(&b, d->tmpls[i]->id, strlen(d->tmpls[i]->id));
		xbuf_add(&b, ":", 1);
		xbuf_add(&b, d->tmpls[i]->edition, strlen(d->tmpls[i]->edition));
	}
	w->templates = b.p;
	w->percent = report_percent(r);
	w->errors = r->errors;
	w->warnings = r->warnings;
	w->evidence = evidence_changed(pr);
	w->review = review_state(d);
	if (stat(file, &st) == 0 && gmtime_r(&st.st_mtime, &tm) != NULL)
		strftime(w->saved, sizeof w->saved, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
cli_json_field(const char *key, const char *val, int comma)
{
	char *j;

	if (val == NULL) {
		printf("\"%s\": null%s", key, comma ? ", " : "");
		return;
	}
	j = text_json(val);
	printf("\"%s\": \"%s\"%s", key, j, comma ? ", " : "");
	free(j);
}

static void
row_json(const struct row *w, const struct dossier *d)
{
	size_t i;

	printf("  {");
	cli_json_field("file", w->file, 1);
	cli_json_field("device", w->device, 1);
	cli_json_field("model", w->model, 1);
	cli_json_field("manufacturer", w->manufacturer, 1);
	cli_json_field("listed_version", w->version, 1);
	printf("\"templates\": [");
	for (i = 0; i < d->ntmpls; i++) {
		char *s = xasprintf("%s:%s", d->tmpls[i]->id,
		    d->tmpls[i]->edition), *j = text_json(s);

		printf("%s\"%s\"", i > 0 ? ", " : "", j);
		free(j);
		free(s);
	}
	printf("], \"percent_complete\": %d, \"errors\": %zu, "
	    "\"warnings\": %zu, \"evidence_changed\": %zu, ", w->percent,
	    w->errors, w->warnings, w->evidence);
	cli_json_field("review_state", w->review, 1);
	cli_json_field("last_saved", w->saved[0] != '\0' ? w->saved : NULL, 0);
	printf("}");
}

/*
 * One CSV field (RFC 4180).  Text a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, the usual defence against CSV injection; control characters
 * are shown as text_sanitize shows them.
 */
static void
csv_field(const char *s, int last)
{
	char *clean = text_sanitize(s != NULL ? s : "", 1);
	const char *p;

	putchar('"');
	if (strchr("=+-@\t\r", clean[0]) != NULL && clean[0] != '\0')
		putchar('\'');
	for (p = clean; *p != '\0'; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
	putchar(last ? '\n' : ',');
	free(clean);
}

void
cli_csv_field(const char *s, int last)
{
	csv_field(s, last);
}

static void
csv_num(size_t n)
{
	printf("%zu,", n);
}

static void
row_csv(const struct row *w)
{
	csv_field(w->file, 0);
	csv_field(w->device, 0);
	csv_field(w->model, 0);
	csv_field(w->manufacturer, 0);
	csv_field(w->version, 0);
	csv_field(w->templates, 0);
	printf("%d,", w->percent);
	csv_num(w->errors);
	csv_num(w->warnings);
	csv_num(w->evidence);
	csv_field(w->review, 0);
	csv_field(w->saved, 1);
}

static void
row_text(const struct row *w)
{
	char *f = text_sanitize(w->file, 0);

	printf(_("%s: %d%% complete, %zu error%s, %zu warning%s\n"), f,
	    w->percent, w->errors, w->errors == 1 ? "" : "s", w->warnings,
	    w->warnings == 1 ? "" : "s");
	free(f);
}

int
cli_status(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct proof *pr;
	struct vcache *cache;
	struct found fs = { NULL, 0, 0 };
	struct diag err;
	struct row w;
	size_t i, shown = 0;
	int rc = EXIT_OK;

	if (cli->nfiles == 0) {
		fprintf(stderr, _("dossier: status needs at least one FILE or "
		    "FOLDER\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	if (expand(cli, &fs) < 0)
		rc = EXIT_BAD_INPUT;
	cache = vcache_new();
	if (cli->json)
		printf("[");
	if (cli->csv)
		printf("file,device,model,manufacturer,listed_version,"
		    "templates,percent_complete,errors,warnings,"
		    "evidence_changed,review_state,last_saved\n");
	for (i = 0; i < fs.n; i++) {
		d = dossier_load(fs.v[i], set, &err);
		if (d == NULL) {
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		/* What check reads from the files the answers name. */
		pr = proof_run(d, 0, &err);
		if (pr == NULL) {
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			dossier_free(d);
			continue;
		}
		vcache_set_proof(cache, &pr->f);
		r = validate(d, cache);
		vcache_set_proof(cache, NULL);
		row_fill(&w, fs.v[i], d, r, pr);
		if (cli->json) {
			printf("%s\n", shown > 0 ? "," : "");
			row_json(&w, d);
		} else if (cli->csv) {
			row_csv(&w);
		} else {
			row_text(&w);
		}
		shown++;
		free(w.templates);
		report_free(r);
		proof_free(pr);
		dossier_free(d);
	}
	if (cli->json)
		printf("%s]\n", shown > 0 ? "\n" : "");
	vcache_free(cache);
	found_free(&fs);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}

/*
 * export --out-dir DIR FILE-OR-FOLDER...: each dossier's checklist as
 * DIR/NAME.xlsx, NAME being the dossier's file name without .yaml; a
 * second dossier of the same name gets NAME-2.xlsx, and so on.  Prints
 * "FILE -> OUT" for each.
 */
int
cli_export_many(const struct cli *cli)
{
	struct tmpl_set *set;
	struct found fs = { NULL, 0, 0 }, outs = { NULL, 0, 0 };
	struct dossier *d;
	struct diag err;
	struct stat st;
	size_t i, j, k;
	int rc = EXIT_OK, one;

	if (cli->nfiles == 0) {
		fprintf(stderr, _("dossier: export --out-dir needs at least one "
		    "FILE or FOLDER\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	if (stat(cli->out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("dossier: %s: not a folder (--out-dir)\n"),
		    cli->out_dir);
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	if (expand(cli, &fs) < 0)
		rc = EXIT_BAD_INPUT;
	for (i = 0; i < fs.n; i++) {
		const char *base = strrchr(fs.v[i], '/');
		char *stem, *out = NULL;
		size_t n;

		base = base != NULL ? base + 1 : fs.v[i];
		n = strlen(base);
		if (has_suffix(base, ".yaml"))
			n -= 5;
		else if (has_suffix(base, ".yml"))
			n -= 4;
		stem = xstrndup(base, n);
		for (k = 1;; k++) {
			free(out);
			out = k == 1 ? xasprintf("%s/%s.xlsx", cli->out_dir, stem) :
			    xasprintf("%s/%s-%zu.xlsx", cli->out_dir, stem, k);
			for (j = 0; j < outs.n && strcmp(outs.v[j], out) != 0; j++)
				;
			if (j == outs.n)
				break;
		}
		free(stem);
		found_add(&outs, out);
		d = dossier_load(fs.v[i], set, &err);
		if (d == NULL) {
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		one = cli_export_xlsx(cli, d, out);
		if (one == EXIT_OK)
			printf("%s -> %s\n", fs.v[i], out);
		else if (rc == EXIT_OK || one == EXIT_OUTPUT)
			rc = one;
		dossier_free(d);
	}
	found_free(&outs);
	found_free(&fs);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
