/*
 * dossier status --class DIR...: the classroom view.  A class folder holds
 * one folder per student, each with the working copies that
 * `dossier --demo NAME --into DIR/STUDENT` made (NAME.yaml, NAME being a
 * workshop scenario).  One line per copy: the student, the scenario, how
 * many of its exercises are done (core/scenario.h: the documented findings
 * no longer reported), completeness, errors left and when it was last
 * saved; then the exercise most copies still have.  --format csv writes
 * the same rows for a spreadsheet, through the portfolio's CSV writer.
 * Answer keys (NAME-solution.yaml) and other files are passed over.
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
#include "core/proof.h"
#include "core/scenario.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "core/xltext.h"
#include "tui/cli.h"

struct copy {
	char *student;
	const struct scenario *s;
	char *path;
	int loaded;
	size_t done;
	int percent;
	size_t errors, warnings;
	char saved[32];		/* "2026-11-30 09:14" UTC, or "" */
	char saved_iso[32];	/* "2026-11-30T09:14:05Z", or "": JSON's */
	unsigned char *open;	/* per documented finding: still reported */
};

struct copies {
	struct copy *v;
	size_t n;
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir not starting with '.', sorted; NULL if unreadable. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v;

	*n = 0;
	if (dp == NULL)
		return NULL;
	v = xcalloc(1, sizeof *v);	/* an empty folder is not an error */
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof *v, name_cmp);
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The scenario a file is a working copy of: NAME.yaml, not a key. */
static const struct scenario *
copy_of(const struct scenario_index *ix, const char *file)
{
	size_t n = strlen(file);
	char *stem;
	const struct scenario *s;

	if (n <= 5 || strcmp(file + n - 5, ".yaml") != 0)
		return NULL;
	stem = xstrndup(file, n - 5);
	s = scenario_find(ix, stem);
	free(stem);
	return s;
}

static void
add_student(struct copies *cs, const struct scenario_index *ix,
    const char *dir, const char *student)
{
	char *sdir = xasprintf("%s/%s", dir, student), **files;
	const struct scenario *s;
	struct copy *c;
	struct stat st;
	size_t n, i, before = cs->n;

	files = list_dir(sdir, &n);
	for (i = 0; files != NULL && i < n; i++) {
		s = copy_of(ix, files[i]);
		if (s == NULL)
			continue;
		cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
		c = &cs->v[cs->n++];
		memset(c, 0, sizeof *c);
		c->student = xstrdup(student);
		c->s = s;
		c->path = xasprintf("%s/%s", sdir, files[i]);
		if (stat(c->path, &st) == 0) {
			struct tm tm;

			if (gmtime_r(&st.st_mtime, &tm) != NULL) {
				strftime(c->saved, sizeof c->saved,
				    "%Y-%m-%d %H:%M", &tm);
				/* As status --format json writes it. */
				strftime(c->saved_iso, sizeof c->saved_iso,
				    "%Y-%m-%dT%H:%M:%SZ", &tm);
			}
		}
	}
	/* A student without a copy yet is on the list too. */
	if (cs->n == before) {
		cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
		c = &cs->v[cs->n++];
		memset(c, 0, sizeof *c);
		c->student = xstrdup(student);
	}
	free_list(files, n);
	free(sdir);
}

static int
check_copy(struct copy *c, const struct tmpl_set *set, struct vcache *cache)
{
	struct dossier *d;
	struct report *r;
	struct proof *pr;
	struct diag err;

	d = dossier_load(c->path, set, &err);
	if (d == NULL) {
		cli_report(&err);
		return -1;
	}
	/* As check: what the files say is part of the verdict. */
	pr = proof_run(d, 0, &err);
	if (pr == NULL) {
		cli_report(&err);
		dossier_free(d);
		return -1;
	}
	vcache_set_proof(cache, &pr->f);
	r = validate(d, cache);
	vcache_set_proof(cache, NULL);
	proof_free(pr);
	c->loaded = 1;
	c->open = xcalloc(c->s->nfindings, 1);
	c->done = scenario_check(c->s, r, c->open);
	c->percent = report_percent(r);
	c->errors = r->errors;
	c->warnings = r->warnings;
	report_free(r);
	dossier_free(d);
	return 0;
}

static void
print_text(const struct copies *cs)
{
	/* TRANSLATORS: the headings of status --class's table. */
	const char *h_student = _("student"), *h_scenario = _("scenario");
	size_t i, ws = xl_text_width(h_student), wn = xl_text_width(h_scenario);
	char *st, done[32];

	for (i = 0; i < cs->n; i++) {
		if (strlen(cs->v[i].student) > ws)
			ws = strlen(cs->v[i].student);
		if (cs->v[i].s != NULL && strlen(cs->v[i].s->name) > wn)
			wn = strlen(cs->v[i].s->name);
	}
	if (ws > 24)
		ws = 24;
	cli_pad(h_student, ws, 0);
	printf("  ");
	cli_pad(h_scenario, wn, 0);
	printf("  ");
	cli_pad(_("exercises"), 9, 1);
	printf("  ");
	cli_pad(_("complete"), 8, 1);
	printf("  ");
	cli_pad(_("errors"), 6, 1);
	printf("  %s\n", _("last saved"));
	for (i = 0; i < cs->n; i++) {
		const struct copy *c = &cs->v[i];

		st = text_sanitize(c->student, 0);
		if (c->s == NULL) {
			printf("%-*.*s  %-*s  %s\n", (int)ws, (int)ws, st,
			    (int)wn, "-", _("(no working copy yet)"));
			free(st);
			continue;
		}
		if (!c->loaded) {
			printf("%-*.*s  %-*s  %s\n", (int)ws, (int)ws, st,
			    (int)wn, c->s->name, _("(cannot be read)"));
			free(st);
			continue;
		}
		snprintf(done, sizeof done, "%zu/%zu", c->done,
		    c->s->nfindings);
		printf("%-*.*s  %-*s  %9s  %7d%%  %6zu  %s\n", (int)ws, (int)ws,
		    st, (int)wn, c->s->name, done, c->percent, c->errors,
		    c->saved);
		free(st);
	}
}

/*
 * One row per copy for a spreadsheet; a student without a copy has an
 * empty scenario and counts.
 */
static void
print_csv(const struct copies *cs)
{
	size_t i;
	const struct copy *c;

	printf("student,scenario,file,exercises_done,exercises,"
	    "percent_complete,errors,warnings,last_saved\n");
	for (i = 0; i < cs->n; i++) {
		c = &cs->v[i];
		cli_csv_field(c->student, 0);
		cli_csv_field(c->s != NULL ? c->s->name : "", 0);
		cli_csv_field(c->path != NULL ? c->path : "", 0);
		if (c->loaded)
			printf("%zu,%zu,%d,%zu,%zu,", c->done,
			    c->s->nfindings, c->percent, c->errors,
			    c->warnings);
		else
			printf(",,,,,");
		cli_csv_field(c->loaded ? c->saved : "", 1);
	}
}

/* The same records as the CSV; null where a copy could not be read. */
static void
print_json(const struct copies *cs)
{
	size_t i;
	const struct copy *c;

	printf("[");
	for (i = 0; i < cs->n; i++) {
		c = &cs->v[i];
		printf("%s\n  {", i > 0 ? "," : "");
		cli_json_field("student", c->student, 1);
		cli_json_field("scenario", c->s != NULL ? c->s->name : NULL, 1);
		cli_json_field("file", c->path, 1);
		if (c->loaded)
			printf("\"exercises_done\": %zu, \"exercises\": %zu, "
			    "\"percent_complete\": %d, \"errors\": %zu, "
			    "\"warnings\": %zu, ", c->done, c->s->nfindings,
			    c->percent, c->errors, c->warnings);
		else
			printf("\"exercises_done\": null, \"exercises\": null, "
			    "\"percent_complete\": null, \"errors\": null, "
			    "\"warnings\": null, ");
		cli_json_field("last_saved", c->loaded ? c->saved_iso : NULL,
		    0);
		printf("}");
	}
	printf("%s]\n", cs->n > 0 ? "\n" : "");
}

/* The exercise most copies still have, for the trainer's debrief. */
static void
print_summary(const struct copies *cs, const struct scenario_index *ix)
{
	size_t i, j, k, best = 0, students = 0, done = 0, total = 0;
	const struct scenario_finding *bf = NULL;
	const struct scenario *bs = NULL;
	size_t count;
	char *ex;

	for (i = 0; i < cs->n; i++) {
		if (i == 0 || strcmp(cs->v[i].student,
		    cs->v[i - 1].student) != 0)
			students++;
		if (!cs->v[i].loaded)
			continue;
		done += cs->v[i].done;
		total += cs->v[i].s->nfindings;
	}
	for (k = 0; k < ix->n; k++) {
		for (j = 0; j < ix->s[k].nfindings; j++) {
			count = 0;
			for (i = 0; i < cs->n; i++)
				if (cs->v[i].loaded && cs->v[i].s == &ix->s[k] &&
				    cs->v[i].open[j])
					count++;
			if (count > best) {
				best = count;
				bf = &ix->s[k].findings[j];
				bs = &ix->s[k];
			}
		}
	}
	for (i = 0, k = 0; i < cs->n; i++)
		k += cs->v[i].s != NULL;
	printf("\n");
	printf(ngettext("%zu student", "%zu students", students), students);
	/* TRANSLATORS: between "3 students" and "4 copies". */
	printf("%s", _(", "));
	printf(ngettext("%zu copy", "%zu copies", k), k);
	printf(_("; exercises done: %zu of %zu\n"), done, total);
	if (bf != NULL) {
		/* The index is data anyone may edit: shown made printable. */
		ex = text_sanitize(scenario_exercise(bf), 0);
		printf(ngettext("most often left: %s: %s (%zu copy)\n",
		    "most often left: %s: %s (%zu copies)\n", best), bs->name,
		    ex, best);
		free(ex);
	}
}

static void
copies_free(struct copies *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].student);
		free(cs->v[i].path);
		free(cs->v[i].open);
	}
	free(cs->v);
}

int
cli_class(const struct cli *cli)
{
	struct scenario_index *ix;
	struct tmpl_set *set;
	struct vcache *cache;
	struct copies cs = { NULL, 0 };
	struct diag err;
	char *ipath, **students, *p, *name;
	size_t i, j, n, before;
	struct stat st;
	int rc = EXIT_OK;

	if (cli->nfiles == 0) {
		fprintf(stderr, _("dossier: status --class needs the class "
		    "FOLDER (one folder per student)\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	ipath = cli_data_path(cli->program, "examples/scenarios.yaml");
	if (ipath == NULL) {
		fprintf(stderr, _("dossier: the workshop scenarios "
		    "(examples/scenarios.yaml) are not installed\n"));
		return EXIT_BAD_INPUT;
	}
	ix = scenario_index_load(ipath, &err);
	free(ipath);
	if (ix == NULL) {
		cli_report(&err);
		return EXIT_BAD_INPUT;
	}
	for (i = 0; i < cli->nfiles; i++) {
		name = text_sanitize(cli->files[i], 0);
		students = list_dir(cli->files[i], &n);
		if (students == NULL) {
			fprintf(stderr, _("dossier: %s: cannot read the class "
			    "folder: %s\n"), name, strerror(errno));
			rc = EXIT_BAD_INPUT;
			free(name);
			continue;
		}
		before = cs.n;
		for (j = 0; j < n; j++) {
			p = xasprintf("%s/%s", cli->files[i], students[j]);
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				add_student(&cs, ix, cli->files[i],
				    students[j]);
			free(p);
		}
		if (cs.n == before) {
			fprintf(stderr, _("dossier: %s: no student folder in "
			    "it (dossier --demo NAME --into %s/STUDENT makes "
			    "one)\n"), name, name);
			rc = EXIT_BAD_INPUT;
		}
		free_list(students, n);
		free(name);
	}
	set = cs.n > 0 ? cli_load_templates(cli) : NULL;
	if (cs.n > 0 && set == NULL) {
		copies_free(&cs);
		scenario_index_free(ix);
		return EXIT_BAD_INPUT;
	}
	cache = vcache_new();
	for (i = 0; i < cs.n; i++)
		if (cs.v[i].s != NULL && check_copy(&cs.v[i], set, cache) < 0)
			rc = EXIT_BAD_INPUT;
	vcache_free(cache);
	if (cli->json) {
		print_json(&cs);
	} else if (cs.n > 0 && cli->csv) {
		print_csv(&cs);
	} else if (cs.n > 0) {
		print_text(&cs);
		print_summary(&cs, ix);
	}
	copies_free(&cs);
	tmpl_set_free(set);
	scenario_index_free(ix);
	return cli_finish_stdout(rc);
}
