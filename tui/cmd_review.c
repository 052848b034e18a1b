/*
 * dossier review [--by NAME] FILE CHECKLIST.xlsx: take a reviewed
 * checklist back.  Rows are matched by their Path cell, never by
 * position, against the hidden sheet the export wrote (core/review.h):
 * a row whose Path is not one the checklist was exported with, or whose
 * Answer or Evidence cell no longer hashes to what was exported, was
 * edited in the workbook and is refused, by row number.  A verdict on an
 * answer that has changed in the dossier since the export is recorded
 * against the answer it judged, so `check` calls it stale.  Who reviewed:
 * --by, else the workbook's last author; when: the time of the import.
 * Exit: 0 all rows taken, 1 some refused, 2 unusable input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "core/review.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "core/xlsxread.h"
#include "tui/cli.h"

enum { K_ANSWER, K_EVIDENCE, K_REVIEWER, K_NOTES, K_PATH, K_N };

static const char *const heads[K_N] = {
	"Answer", "Evidence", "Reviewer", "Reviewer notes", "Path"
};

/*
 * A heading of the Checklist in any of the languages export writes: the
 * English, a translation, or both on two lines (--lang en,zh-Hant).
 */
static int
head_is(const char *cell, const char *head)
{
	const char *t, *nl;
	size_t n;
	int l;

	for (l = 0; l < LANG_COUNT; l++) {
		t = lang_gettext((enum lang)l, head);
		n = strlen(t);
		for (nl = cell; nl != NULL; nl = strchr(nl, '\n')) {
			if (*nl == '\n')
				nl++;
			if (strncmp(nl, t, n) == 0 &&
			    (nl[n] == '\0' || nl[n] == '\n'))
				return 1;
		}
	}
	return 0;
}

struct known {
	const char *path, *hash;
	unsigned row;	/* 0: not seen in the Checklist yet */
};

struct run {
	const char *book;	/* the workbook's name, sanitized */
	struct known *k;
	size_t nk;
	size_t recorded, unchanged, refused, stale, counts[4];
};

static struct known *
known_find(struct run *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->nk; i++)
		if (strcmp(r->k[i].path, path) == 0)
			return &r->k[i];
	return NULL;
}

/* One line about a row; msg is the caller's, freed here. */
static void
say(const struct run *r, unsigned row, const char *path, const char *what,
    char *msg)
{
	char *p = text_sanitize(path, 0), *m = text_sanitize(msg, 0);

	/* "BOOK:ROW: refused:" stays, as "error:" does in check. */
	printf("%s:%u: %s: ", r->book, row, what);
	printf(_("Checklist row %u"), row);
	if (*p != '\0')
		printf(" (%s)", p);
	printf(": %s\n", m);
	free(p);
	free(m);
	free(msg);
}

/* The hidden sheet: its marker, hashes, and the rows it vouches for. */
static int
read_hidden(struct run *r, const struct xlsx_sheet *h, const struct dossier *d,
    const char *book)
{
	size_t i, j;
	int marked = 0;
	char now[65];

	for (i = 0; i < h->n; i++) {
		const struct xlsx_row *w = &h->rows[i];
		const char *kind = xlsx_cell(h, w, 0), *key = xlsx_cell(h, w, 1);
		const char *val = xlsx_cell(h, w, 2);

		if (strcmp(kind, "format") == 0 && strcmp(key, REVIEW_MARK) == 0)
			marked = 1;
		else if (strcmp(kind, "row") == 0) {
			r->k = xreallocarray(r->k, r->nk + 1, sizeof *r->k);
			r->k[r->nk].path = key;
			r->k[r->nk].hash = val;
			r->k[r->nk++].row = 0;
		} else if (strcmp(kind, "dossier") == 0) {
			review_dossier_hash(d, now);
			if (strcmp(now, val) != 0)
				fprintf(stderr, _("dossier: note: %s: the dossier "
				    "changed after this checklist was exported; "
				    "verdicts on changed answers are recorded as "
				    "stale\n"), book);
		} else if (strcmp(kind, "template") == 0) {
			for (j = 0; j < d->ntmpls; j++) {
				char *tn = xasprintf("%s:%s", d->tmpls[j]->id,
				    d->tmpls[j]->edition);

				if (strcmp(tn, key) == 0 &&
				    strcmp(d->tmpls[j]->sha256, val) != 0)
					fprintf(stderr, _("dossier: note: %s: "
					    "template %s changed since the "
					    "export\n"), book, tn);
				free(tn);
			}
		}
	}
	return marked ? 0 : -1;
}

static void
one_row(struct run *r, struct dossier *d, const struct xlsx_sheet *s,
    const struct xlsx_row *w, const unsigned *col, const char *by,
    const char *at)
{
	const char *path = xlsx_cell(s, w, col[K_PATH]);
	const char *verdict = xlsx_cell(s, w, col[K_REVIEWER]);
	const char *note = xlsx_cell(s, w, col[K_NOTES]);
	unsigned row = w->row + 1;
	struct known *k;
	const struct tmpl_field *f;
	size_t rec;
	int inr, st;
	char cells[65], now[65];

	if (*verdict == '\0' && *note == '\0')
		return;
	k = known_find(r, path);
	if (k == NULL || *path == '\0') {
		r->refused++;
		say(r, row, "", "refused", xasprintf(_("the Path '%s' is not "
		    "one this checklist was exported with (edited in the "
		    "workbook?); row skipped"), path));
		return;
	}
	if (k->row != 0) {
		r->refused++;
		say(r, row, path, "refused", xasprintf(_("the same Path is "
		    "on row %u too; row skipped"), k->row));
		return;
	}
	k->row = row;
	review_cell_hash(xlsx_cell(s, w, col[K_ANSWER]),
	    xlsx_cell(s, w, col[K_EVIDENCE]), cells);
	if (strcmp(cells, k->hash) != 0) {
		r->refused++;
		say(r, row, path, "refused", xstrdup(_("the Answer or "
		    "Evidence cell was edited in the workbook; answers change "
		    "in the dossier, not in the checklist; row skipped")));
		return;
	}
	st = review_status_parse(verdict);
	if (st < 0) {
		r->refused++;
		say(r, row, path, "refused", *verdict == '\0' ?
		    xstrdup(_("a note without a decision (Accepted, Query or "
		    "Rejected); row skipped")) : xasprintf(_("the Reviewer "
		    "cell says '%s'; it takes Accepted, Query or Rejected; row "
		    "skipped"), verdict));
		return;
	}
	if (review_resolve(d, path, &f, &rec, &inr) < 0 ||
	    (inr && rec >= dossier_nrecords(d, f->group))) {
		r->refused++;
		say(r, row, path, "refused", xstrdup(_("no longer a question "
		    "of the dossier; row skipped")));
		return;
	}
	review_answer_hash(d, f, rec, now);
	if (review_record(d, path, (enum review_status)st, note, by, at,
	    k->hash)) {
		r->recorded++;
		r->counts[st]++;
	} else {
		r->unchanged++;
	}
	if (strcmp(now, k->hash) != 0) {
		r->stale++;
		say(r, row, path, "stale", xasprintf(_("%s judged an answer "
		    "that has changed in the dossier since the export; "
		    "recorded as stale"),
		    review_status_name((enum review_status)st)));
	}
}

/*
 * When the verdict came into the dossier, in UTC.  The workbook's own
 * "modified" stamp is not used: openpyxl, for one, keeps the export's.
 */
static void
when(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
cli_review(const struct cli *cli)
{
	static const char *const want[] = { "Checklist", REVIEW_SHEET };
	struct tmpl_set *set;
	struct dossier *d = NULL;
	struct xlsx_book *b = NULL;
	const struct xlsx_sheet *s, *h;
	struct diag err;
	struct run r;
	unsigned col[K_N];
	size_t i, j;
	char at[40];
	const char *by;
	int rc = EXIT_BAD_INPUT;

	if (cli->nfiles != 2) {
		fprintf(stderr, _("dossier: review takes FILE CHECKLIST.xlsx\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	memset(&r, 0, sizeof r);
	r.book = cli->files[1];
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	d = dossier_load(cli->files[0], set, &err);
	if (d == NULL) {
		cli_report(&err);
		goto out;
	}
	b = xlsx_read(cli->files[1], want, 2, &err);
	if (b == NULL) {
		cli_report(&err);
		goto out;
	}
	s = xlsx_sheet(b, "Checklist");
	h = xlsx_sheet(b, REVIEW_SHEET);
	if (s == NULL || h == NULL || read_hidden(&r, h, d, r.book) < 0) {
		fprintf(stderr, _("dossier: %s: not a checklist exported by "
		    "dossier (no Checklist sheet, or no hidden '%s' sheet)\n"),
		    cli->files[1], REVIEW_SHEET);
		goto out;
	}
	for (j = 0; j < K_N; j++) {
		col[j] = XLSX_COLS_MAX;
		for (i = 0; s->n > 0 && i < s->rows[0].n; i++)
			if (s->rows[0].row == 0 &&
			    head_is(s->rows[0].c[i].text, heads[j]))
				col[j] = s->rows[0].c[i].col;
		if (col[j] == XLSX_COLS_MAX) {
			fprintf(stderr, _("dossier: %s: the Checklist sheet has no "
			    "'%s' column in its first row\n"), cli->files[1],
			    heads[j]);
			goto out;
		}
	}
	by = cli->reviewer != NULL ? cli->reviewer :
	    b->modified_by != NULL && *b->modified_by != '\0' ?
	    b->modified_by : "reviewer";
	when(at, sizeof at);
	for (i = 1; i < s->n; i++)
		one_row(&r, d, s, &s->rows[i], col, by, at);
	if (r.recorded > 0 && dossier_save(d, NULL, 0, &err) < 0) {
		cli_report(&err);
		rc = err.code == DIAG_CHANGED ? EXIT_BAD_INPUT : EXIT_OUTPUT;
		goto out;
	}
	printf("%s: ", cli->files[0]);
	printf(ngettext("%zu verdict recorded", "%zu verdicts recorded",
	    r.recorded), r.recorded);
	printf(_(" (%zu accepted, %zu queries, %zu rejected), %zu unchanged, "
	    "%zu stale, "), r.counts[REVIEW_ACCEPTED], r.counts[REVIEW_QUERY],
	    r.counts[REVIEW_REJECTED], r.unchanged, r.stale);
	printf(ngettext("%zu row refused\n", "%zu rows refused\n", r.refused),
	    r.refused);
	rc = r.refused > 0 ? EXIT_FINDINGS : EXIT_OK;
out:
	free(r.k);
	xlsx_free(b);
	dossier_free(d);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
