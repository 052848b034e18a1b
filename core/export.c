/*
 * The XLSX checklist (see export.h for the promises, checklist.h for the
 * rows, share/doc/checklist.md for the sheets).  This file is the only one
 * that includes xlsxwriter.h: every cell goes through xl_put, which
 * prepares the text (xltext.h), keeps the column widths and records the
 * first error libxlsxwriter returns, so a cell the library refused fails
 * the export instead of silently missing from the workbook.
 *
 * Library traps handled here (libxlsxwriter 1.1.4, Debian 12):
 *   - a data-validation list is copied into a buffer sized by its UTF-8
 *     character count but filled byte by byte, so a list of non-ASCII
 *     options under 255 characters overflows it (a fortified build aborts):
 *     only lists of at most 255 bytes, without commas or quotes (which the
 *     library does not escape), are written inline; the rest go to a
 *     hidden sheet;
 *   - the library prints to stderr and writes its scratch files to /tmp
 *     whatever TMPDIR says: stderr is pointed elsewhere while it works, and
 *     its scratch files go in the target's folder.
 */
#include "config.h"

#include "core/export.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <xlsxwriter.h>

#include "core/checklist.h"
#include "core/review.h"
#include "core/text.h"
#include "core/hset.h"
#include "core/outpath.h"
#include "core/proof.h"
#include "core/tmpout.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "core/xltext.h"

#define XL_MAXCOL	64	/* columns whose widths are fitted */

struct xl_col {
	const char *head;
	unsigned min, max;	/* width in characters */
	int whole;		/* text without spaces (paths, hashes): the
				 * spreadsheet cannot wrap it, so fitting
				 * the page never narrows it below its text */
};

/*
 * One sheet being written.  Each sheet is filled twice (xl_fill): first
 * measuring the widest text of each column, then, with the widths fixed,
 * writing, so each row can be given the height its wrapped text needs
 * (LibreOffice does not fit rows to wrapped text when it opens a file).
 */
struct xl_sheet {
	lxw_worksheet *ws;
	const char *name;
	const struct xl_col *cols;	/* may be NULL: generic widths */
	size_t ncols;
	int measure;		/* the first pass: nothing is written */
	size_t width[XL_MAXCOL];	/* widest text, in character cells */
	double colw[XL_MAXCOL];	/* the widths set, for row heights */
	lxw_row_t row;		/* the row being written */
	size_t lines;		/* the lines it needs so far */
	size_t print_cols;	/* columns on paper (xl_fit_page); 0: all */
};

#define XL_LINE_PT	15.0	/* one line of 11-point text */
#define XL_ROW_MAX_PT	409.0	/* Excel's tallest row */

/* An option list for a drop-down, written once per field. */
struct xl_list {
	const struct tmpl_field *field;
	char **inline_list;	/* NULL-terminated, or NULL */
	char *formula;		/* "=Lists!$A$1:$A$9", or NULL */
};

struct xl {
	lxw_workbook *wb;
	const struct dossier *d;
	const struct report *r;
	const struct export_opts *o;
	struct checklist *cl;
	lxw_error error;	/* first error the library returned */
	const char *where;	/* path of the row being written, for warnings */
	struct {
		lxw_format *head, *text, *num, *pct, *title, *key;
		lxw_format *status[CHECKLIST_ERROR + 1];
	} fmt;
	char **warnings;	/* held until stderr is back (see xl_build) */
	size_t nwarnings;
	char **names;		/* sheet names in use */
	size_t nnames;
	struct hset *taken;	/* the same, folded to lower case */
	struct hset *next;	/* label -> next " (k)" to try */
	struct xl_sheet lists;	/* hidden sheet of long option lists */
	lxw_col_t nlists;
	struct xl_list *list;
	size_t nlist;
	char date[11];
	const char *date_note;
	time_t created;
	char **pool;		/* translated cell texts, freed at the end */
	size_t npool, cappool;
	/* The data validations' words, made once per workbook (pool). */
	char *dv_choice_title, *dv_choice_msg, *dv_review_title,
	    *dv_review_msg;
};

static const struct export_opts no_opts;

static const char *
xl_keep(struct xl *x, char *s)
{
	if (x->npool == x->cappool) {
		x->cappool = x->cappool == 0 ? 64 : x->cappool * 2;
		x->pool = xreallocarray(x->pool, x->cappool, sizeof(char *));
	}
	return x->pool[x->npool++] = s;
}

/*
 * A text in the workbook's languages: en and its translation zh (NULL:
 * none), one per language in the order asked, joined by sep, said once
 * when the two read the same.  No languages asked: English, as before.
 */
static const char *
xl_lang_join(struct xl *x, const char *en, const char *zh, const char *sep)
{
	const char *one = NULL, *t;
	char *s = NULL, *n;
	size_t i;

	if (en == NULL || x->o->nlangs == 0)
		return en;
	for (i = 0; i < x->o->nlangs; i++) {
		t = x->o->langs[i] == LANG_EN || zh == NULL ? en : zh;
		if (one == NULL) {
			one = t;
			continue;
		}
		if (strcmp(t, one) == 0)
			continue;
		n = xasprintf("%s%s%s", s != NULL ? s : one, sep, t);
		free(s);
		s = n;
	}
	return s != NULL ? xl_keep(x, s) : one;
}

/* In a cell: one line per language. */
static const char *
xl_lang2(struct xl *x, const char *en, const char *zh)
{
	return xl_lang_join(x, en, zh, "\n");
}

/* A copy of s the workbook may hold until it is written (not const). */
static char *
xl_own(struct xl *x, const char *s)
{
	char *c = xstrdup(s);

	xl_keep(x, c);
	return c;
}

/* One of our own words (N_-marked) in the workbook's languages. */
static const char *
xl_tr(struct xl *x, const char *msgid)
{
	size_t i;

	/* Only a workbook that shows Chinese looks it up (per cell). */
	for (i = 0; i < x->o->nlangs; i++)
		if (x->o->langs[i] == LANG_ZH_HANT)
			return xl_lang2(x, msgid, lang_gettext(LANG_ZH_HANT,
			    msgid));
	return msgid;
}

static void
xl_note(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
		x->error = e;
}

static void
xl_warn_cut(struct xl *x, const struct xl_sheet *sh, lxw_row_t row,
    lxw_col_t col, size_t chars)
{
	char cell[32], *msg;

	if (x->o->warn == NULL)
		return;
	lxw_rowcol_to_cell(cell, row, col);
	msg = xasprintf("%s!%s%s%s%s: text of %zu characters cut to fit a "
	    "spreadsheet cell (%d); the dossier keeps all of it", sh->name,
	    cell, x->where != NULL ? " (" : "", x->where != NULL ? x->where :
	    "", x->where != NULL ? ")" : "", chars, XL_CELL_MAX);
	x->warnings = xreallocarray(x->warnings, x->nwarnings + 1,
	    sizeof *x->warnings);
	x->warnings[x->nwarnings++] = msg;
}

/* The caller's stderr is back: now it may hear the warnings. */
static void
xl_flush_warnings(struct xl *x)
{
	size_t i;

	for (i = 0; i < x->nwarnings; i++) {
		x->o->warn(x->o->warn_arg, x->warnings[i]);
		free(x->warnings[i]);
	}
	free(x->warnings);
	x->warnings = NULL;
	x->nwarnings = 0;
}

static void
xl_track(struct xl_sheet *sh, lxw_col_t col, size_t w)
{
	if (col < XL_MAXCOL && w > sh->width[col])
		sh->width[col] = w;
}

/* Give the row just written the height its tallest cell needs. */
static void
xl_row_done(struct xl *x, struct xl_sheet *sh)
{
	double pt = XL_LINE_PT * (double)sh->lines;

	if (sh->lines > 1)
		xl_note(x, worksheet_set_row(sh->ws, sh->row, pt > XL_ROW_MAX_PT ?
		    XL_ROW_MAX_PT : pt, NULL));
	sh->lines = 1;
}

static void
xl_lines(struct xl *x, struct xl_sheet *sh, lxw_row_t row, lxw_col_t col,
    const char *s)
{
	size_t n;

	/* Sheets not filled by xl_fill (Lists) keep the default height. */
	if (col >= XL_MAXCOL || sh->colw[col] <= 0)
		return;
	if (row != sh->row) {
		xl_row_done(x, sh);
		sh->row = row;
	}
	n = xl_text_lines(s, (size_t)sh->colw[col]);
	if (n > sh->lines)
		sh->lines = n;
}

/* Every string cell of the workbook is written here. */
static void
xl_put(struct xl *x, struct xl_sheet *sh, lxw_row_t row, lxw_col_t col,
    const char *s, lxw_format *fmt)
{
	struct xl_text t;

	xl_text_prepare(&t, s != NULL ? s : "");
	if (sh->measure) {
		xl_track(sh, col, xl_text_width(t.s));
		xl_text_done(&t);
		return;
	}
	if (t.cut)
		xl_warn_cut(x, sh, row, col, t.chars);
	xl_lines(x, sh, row, col, t.s);
	if (t.s[0] == '\0')
		xl_note(x, worksheet_write_blank(sh->ws, row, col, fmt));
	else
		xl_note(x, worksheet_write_string(sh->ws, row, col, t.s, fmt));
	xl_text_done(&t);
}

static void
xl_num(struct xl *x, struct xl_sheet *sh, lxw_row_t row, lxw_col_t col,
    double v, lxw_format *fmt)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%.0f%s", fmt == x->fmt.pct ? v * 100 : v,
	    fmt == x->fmt.pct ? "%" : "");
	if (sh->measure) {
		xl_track(sh, col, strlen(buf));
		return;
	}
	xl_lines(x, sh, row, col, buf);
	xl_note(x, worksheet_write_number(sh->ws, row, col, v, fmt));
}

static void
xl_header(struct xl *x, struct xl_sheet *sh, lxw_row_t row,
    const char *const *heads, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		xl_put(x, sh, row, (lxw_col_t)i, heads[i][0] != '\0' ?
		    xl_tr(x, heads[i]) : heads[i], x->fmt.head);
}

/* Column widths from the content, within each column's bounds. */
/*
 * Paper.  A4 landscape with these margins (inches), and the scale below
 * which 11-point text would print smaller than 8 points: the widths of
 * the columns on paper are held to what fits one page wide at that scale,
 * so fitting the sheet to the page width never shrinks text below 8 pt.
 * A column n characters wide takes 7n+5 pixels of 0.75 pt (Calibri 11 and
 * its metric twin Carlito, which LibreOffice uses).
 */
#define XL_PAGE_PT	841.89		/* A4 long side */
#define XL_MARGIN_LR	0.4
#define XL_MARGIN_TB	0.55
#define XL_MIN_SCALE	0.82		/* 11 pt x 0.82 = 9 pt: LibreOffice
				 * needs ~6% more than the model */

static double
xl_page_chars(size_t ncols)
{
	double px = (XL_PAGE_PT - 2 * XL_MARGIN_LR * 72) / XL_MIN_SCALE / 0.75;

	return (px - 5.0 * (double)ncols) / 7.0;
}

/*
 * Take width from the widest columns on paper, one step at a time and
 * never below a column's minimum, until they fit xl_page_chars.
 */
static void
xl_fit_page(struct xl_sheet *sh, const double *minw, size_t n)
{
	double budget = xl_page_chars(n), sum = 0;
	size_t c, wide;

	for (c = 0; c < n; c++)
		sum += sh->colw[c];
	while (sum > budget) {
		wide = n;
		for (c = 0; c < n; c++)
			if (sh->colw[c] - 1 >= minw[c] && (wide == n ||
			    sh->colw[c] > sh->colw[wide]))
				wide = c;
		if (wide == n)
			return;	/* every column at its minimum */
		sh->colw[wide] -= 1;
		sum -= 1;
	}
}

static void
xl_widths(struct xl *x, struct xl_sheet *sh, size_t ncols)
{
	unsigned min = 6, max = 50;
	int whole = 0;
	double w, minw[XL_MAXCOL];
	size_t c, np;

	for (c = 0; c < ncols && c < XL_MAXCOL; c++) {
		if (sh->cols != NULL && c < sh->ncols) {
			min = sh->cols[c].min;
			max = sh->cols[c].max;
			whole = sh->cols[c].whole;
		}
		w = (double)sh->width[c] + 2;
		if (w < min)
			w = min;
		if (w > max)
			w = max;
		sh->colw[c] = w;
		/* Short content keeps its width; long text may wrap more. */
		minw[c] = (double)sh->width[c] + 2 < min || whole ? w : min;
	}
	np = sh->print_cols > 0 && sh->print_cols < ncols ? sh->print_cols :
	    ncols;
	xl_fit_page(sh, minw, np < XL_MAXCOL ? np : XL_MAXCOL);
	for (c = 0; c < ncols && c < XL_MAXCOL; c++)
		xl_note(x, worksheet_set_column(sh->ws, (lxw_col_t)c,
		    (lxw_col_t)c, sh->colw[c], NULL));
}

typedef void xl_fill_fn(struct xl *, struct xl_sheet *, const void *);

/* Measure, fix the widths, write (see struct xl_sheet). */
static void
xl_fill(struct xl *x, struct xl_sheet *sh, xl_fill_fn *fill, const void *arg,
    size_t ncols)
{
	sh->measure = 1;
	fill(x, sh, arg);
	sh->measure = 0;
	xl_widths(x, sh, ncols);
	sh->row = 0;
	sh->lines = 1;
	fill(x, sh, arg);
	xl_row_done(x, sh);
}

/* Landscape A4, one page wide, header row on every page. */
static void
xl_print_setup(struct xl *x, struct xl_sheet *sh, int repeat_header)
{
	worksheet_set_landscape(sh->ws);
	worksheet_set_paper(sh->ws, 9);
	worksheet_set_margins(sh->ws, XL_MARGIN_LR, XL_MARGIN_LR, XL_MARGIN_TB,
	    XL_MARGIN_TB);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	if (repeat_header)
		xl_note(x, worksheet_repeat_rows(sh->ws, 0, 0));
	xl_note(x, worksheet_set_header(sh->ws, "&L&A&RPage &P of &N"));
}

static lxw_format *
xl_format(struct xl *x, int bold, int italic, lxw_color_t fill)
{
	lxw_format *f = workbook_add_format(x->wb);

	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(f, "@");
	format_set_border(f, LXW_BORDER_THIN);
	format_set_border_color(f, 0x808080);
	if (bold)
		format_set_bold(f);
	if (italic)
		format_set_italic(f);
	if (fill != 0)
		format_set_bg_color(f, fill);
	return f;
}

/*
 * Status cells read in black and white too: the word itself says it, and
 * the most urgent ones are also bold; the pale fills print as light grey.
 */
static void
xl_formats(struct xl *x)
{
	static const struct {
		enum checklist_status s;
		int bold, italic;
		lxw_color_t fill;
	} st[] = {
		{ CHECKLIST_COMPLETE, 0, 0, 0xD9EAD3 },
		{ CHECKLIST_OPTIONAL, 0, 1, 0 },
		{ CHECKLIST_NA, 0, 1, 0xEEEEEE },
		{ CHECKLIST_INFO, 0, 0, 0xDDEBF7 },
		{ CHECKLIST_WARNING, 1, 1, 0xFFF2CC },
		{ CHECKLIST_MISSING, 1, 0, 0xFCE4D6 },
		{ CHECKLIST_ERROR, 1, 0, 0xF4CCCC },
	};
	size_t i;

	x->fmt.head = xl_format(x, 1, 0, 0xD9D9D9);
	format_set_bottom(x->fmt.head, LXW_BORDER_MEDIUM);
	x->fmt.text = xl_format(x, 0, 0, 0);
	x->fmt.key = xl_format(x, 1, 0, 0);
	x->fmt.num = workbook_add_format(x->wb);
	format_set_align(x->fmt.num, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->fmt.num, LXW_BORDER_THIN);
	format_set_border_color(x->fmt.num, 0x808080);
	x->fmt.pct = workbook_add_format(x->wb);
	format_set_num_format(x->fmt.pct, "0%");
	format_set_border(x->fmt.pct, LXW_BORDER_THIN);
	format_set_border_color(x->fmt.pct, 0x808080);
	x->fmt.title = workbook_add_format(x->wb);
	format_set_bold(x->fmt.title);
	format_set_font_size(x->fmt.title, 14);
	for (i = 0; i < sizeof st / sizeof st[0]; i++)
		x->fmt.status[st[i].s] = xl_format(x, st[i].bold,
		    st[i].italic, st[i].fill);
}

/* Sheet names. */

/* Excel compares sheet names without case (ASCII, as strcasecmp). */
static char *
fold(const char *name)
{
	char *f = xstrdup(name), *p;

	for (p = f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

/* "History" is reserved: Excel keeps it for change tracking. */
static int
name_taken(const struct xl *x, const char *name)
{
	char *f = fold(name);
	int taken = strcmp(f, "history") == 0 ||
	    hset_has(x->taken, f, strlen(f));

	free(f);
	return taken;
}

/*
 * A unique, valid sheet name for label: "Datasets", "Datasets (2)"...
 * Each label remembers where its numbering got to, and names in use are
 * a set, so thousands of groups with one label cost linear time (they
 * were cubic: every try scanned every name).
 */
static char *
xl_unique_name(struct xl *x, const char *label)
{
	char *name = xl_sheet_name(label, XL_SHEET_MAX), *base, tail[16],
	    *f;
	size_t *k;

	if (x->taken == NULL) {
		x->taken = hset_new();
		x->next = hset_new();
	}
	k = hset_slot(x->next, label, strlen(label), NULL);
	if (*k < 2)
		*k = 2;
	for (; *k < 100000 && (name_taken(x, name) ||
	    workbook_validate_sheet_name(x->wb, name) != LXW_NO_ERROR);
	    ++*k) {
		free(name);
		snprintf(tail, sizeof tail, " (%zu)", *k);
		base = xl_sheet_name(label, XL_SHEET_MAX - strlen(tail));
		name = xasprintf("%s%s", base, tail);
		free(base);
	}
	f = fold(name);
	hset_add(x->taken, f);
	free(f);
	return name;
}

static lxw_worksheet *
xl_add_sheet(struct xl *x, struct xl_sheet *sh, const char *label)
{
	char *name = xl_unique_name(x, label);

	memset(sh, 0, sizeof *sh);
	x->names = xreallocarray(x->names, x->nnames + 1, sizeof *x->names);
	x->names[x->nnames++] = name;
	sh->name = name;
	sh->ws = workbook_add_worksheet(x->wb, name);
	if (sh->ws == NULL)
		xl_note(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
	return sh->ws;
}

static char *
tmpl_name(const struct tmpl *t)
{
	return t != NULL ? xasprintf("%s:%s", t->id, t->edition) : xstrdup("");
}

/* Drop-downs. */

/* Can the options go inline (see the library trap at the top)? */
static int
list_fits_inline(char *const *v, size_t n)
{
	struct xl_text t;
	size_t i, bytes = 0;
	int plain;

	for (i = 0; i < n; i++) {
		if (v[i][0] == '\0' || strpbrk(v[i], ",\"") != NULL)
			return 0;
		xl_text_prepare(&t, v[i]);
		plain = t.buf == NULL;
		xl_text_done(&t);
		if (!plain)
			return 0;
		bytes += strlen(v[i]) + (i > 0);
	}
	return bytes <= 255;
}

/* The options on a hidden sheet, as a range formula. */
static char *
list_on_sheet(struct xl *x, char *const *v, size_t n)
{
	char range[64];
	size_t i;

	if (x->lists.ws == NULL) {
		if (xl_add_sheet(x, &x->lists, "Lists") == NULL)
			return NULL;
		worksheet_hide(x->lists.ws);
	}
	for (i = 0; i < n; i++)
		xl_put(x, &x->lists, (lxw_row_t)i, x->nlists, v[i], NULL);
	lxw_rowcol_to_range_abs(range, 0, x->nlists, (lxw_row_t)(n - 1),
	    x->nlists);
	x->nlists++;
	/* Our own name: "Lists", or "Lists (2)" when a group took that. */
	return xasprintf("='%s'!%s", x->lists.name, range);
}

static struct xl_list *
choice_list(struct xl *x, const struct tmpl_field *f)
{
	static char yes[] = "yes", no[] = "no";
	static char *yesno[] = { yes, no };
	char *const *v = f->type == TMPL_YESNO ? yesno : f->options.v;
	size_t n = f->type == TMPL_YESNO ? 2 : f->options.n, i;
	struct xl_list *l;

	for (i = 0; i < x->nlist; i++)
		if (x->list[i].field == f)
			return &x->list[i];
	x->list = xreallocarray(x->list, x->nlist + 1, sizeof *x->list);
	l = &x->list[x->nlist++];
	memset(l, 0, sizeof *l);
	l->field = f;
	if (n == 0)
		return l;
	if (list_fits_inline(v, n)) {
		l->inline_list = xcalloc(n + 1, sizeof *l->inline_list);
		memcpy(l->inline_list, v, n * sizeof *v);
	} else {
		l->formula = list_on_sheet(x, v, n);
	}
	return l;
}

/*
 * A choice answer offers the template's options, so whoever edits the
 * checklist sees the alternatives; a value outside them is only warned
 * about, because the dossier, not the workbook, is the record.
 */
static void
choice_dropdown(struct xl *x, struct xl_sheet *sh, lxw_row_t row,
    lxw_col_t col, const struct tmpl_field *f)
{
	struct xl_list *l = choice_list(x, f);
	lxw_data_validation dv;

	if (l->inline_list == NULL && l->formula == NULL)
		return;
	memset(&dv, 0, sizeof dv);
	if (l->inline_list != NULL) {
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = l->inline_list;
	} else {
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = l->formula;
	}
	if (x->dv_choice_title == NULL) {
		/* TRANSLATORS: Excel takes at most 32 characters for the
		 * title (with the English beside it in a bilingual
		 * workbook), 255 for the message. */
		x->dv_choice_title = xl_own(x, xl_tr(x,
		    N_("Not a listed option")));
		x->dv_choice_msg = xl_own(x, xl_tr(x, N_("The template lists "
		    "the answers it expects; keep this value only if you mean "
		    "it.")));
	}
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
	dv.error_title = x->dv_choice_title;
	dv.error_message = x->dv_choice_msg;
	xl_note(x, worksheet_data_validation_cell(sh->ws, row, col, &dv));
}

static void
reviewer_dropdown(struct xl *x, struct xl_sheet *sh, lxw_row_t last,
    lxw_col_t col)
{
	static char accepted[] = "Accepted", query[] = "Query",
	    rejected[] = "Rejected";
	static char *choices[] = { accepted, query, rejected, NULL };
	/* The choices stay English: dossier review reads them back. */
	lxw_data_validation dv;

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = choices;
	if (x->dv_review_title == NULL) {
		x->dv_review_title = xl_own(x, xl_tr(x,
		    N_("Reviewer's decision")));
		x->dv_review_msg = xl_own(x, xl_tr(x, N_("Accepted, Query or "
		    "Rejected; explain in the next column.")));
	}
	dv.input_title = x->dv_review_title;
	dv.input_message = x->dv_review_msg;
	xl_note(x, worksheet_data_validation_range(sh->ws, 1, col, last,
	    col, &dv));
}

static void
free_lists(struct xl *x)
{
	size_t i;

	for (i = 0; i < x->nlist; i++) {
		free(x->list[i].inline_list);
		free(x->list[i].formula);
	}
	free(x->list);
}

/*
 * Evidence and dataset manifests, when the caller read the files
 * (export_opts.proof): these functions only add to the sheets above.
 */

#define XL_SHORT_HASH 12

/* The Evidence cell: the path, and the start of its SHA-256 when known. */
static char *
xl_evidence_text(const struct xl *x, const struct checklist_row *w)
{
	const struct evid_file *e;
	const char *path;

	if (w->field == NULL)
		return xstrdup("");
	path = checklist_evidence(w);
	if (*path == '\0' || x->o->proof == NULL ||
	    (e = evid_find(x->o->proof->ev, path)) == NULL ||
	    e->sha256[0] == '\0')
		return xstrdup(path);
	return xasprintf("%s\nsha256:%.*s", path, XL_SHORT_HASH, e->sha256);
}

static const struct xl_col evidence_cols[] = {
	{ "Path", 16, 40 },
	{ "Size (bytes)", 12, 14 },
	{ "SHA-256", 20, 66 },
	{ "Recorded", 11, 11 },
	{ "State", 10, 14 },
	{ "Recorded SHA-256", 20, 66 },
	{ "Answer", 16, 40 },
};

#define XL_EV_NCOLS (sizeof evidence_cols / sizeof evidence_cols[0])

static void
evidence_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	const struct evid_list *l = x->o->proof->ev;
	const struct evid_file *e;
	const struct evid_entry *r;
	const char *heads[XL_EV_NCOLS];
	lxw_format *t = x->fmt.text;
	lxw_row_t row;
	size_t i;

	(void)arg;
	for (i = 0; i < XL_EV_NCOLS; i++)
		heads[i] = evidence_cols[i].head;
	xl_header(x, sh, 0, heads, XL_EV_NCOLS);
	for (i = 0; i < l->n; i++) {
		e = &l->f[i];
		r = e->entry;
		row = (lxw_row_t)(i + 1);
		x->where = e->where;
		xl_put(x, sh, row, 0, e->path, t);
		if (e->state == EVID_MISSING || e->state == EVID_NOT_FILE)
			xl_put(x, sh, row, 1, "", t);
		else
			xl_num(x, sh, row, 1, (double)e->size, x->fmt.num);
		xl_put(x, sh, row, 2, e->sha256, t);
		xl_put(x, sh, row, 3, r != NULL && r->recorded != NULL ?
		    r->recorded : "", t);
		xl_put(x, sh, row, 4, evid_state_name(e->state), t);
		xl_put(x, sh, row, 5, r != NULL ? r->sha256 : "", t);
		xl_put(x, sh, row, 6, e->where, t);
	}
	x->where = NULL;
}

static void
write_evidence(struct xl *x, struct xl_sheet *sh)
{
	lxw_row_t last = (lxw_row_t)x->o->proof->ev->n;

	sh->cols = evidence_cols;
	sh->ncols = XL_EV_NCOLS;
	/* Ranges before rows (see write_checklist). */
	worksheet_freeze_panes(sh->ws, 1, 0);
	xl_note(x, worksheet_autofilter(sh->ws, 0, 0, last,
	    (lxw_col_t)XL_EV_NCOLS - 1));
	xl_fill(x, sh, evidence_fill, NULL, XL_EV_NCOLS);
	xl_print_setup(x, sh, 1);
}

/* The manifest field of group g, when there is one and files were read. */
static const struct tmpl_field *
xl_manifest_field(const struct xl *x, const struct tmpl_field *g)
{
	size_t k;

	if (x->o->proof == NULL || x->o->proof->ovl == NULL)
		return NULL;
	for (k = 0; k < g->nfields; k++)
		if (g->fields[k].manifest != NULL)
			return &g->fields[k];
	return NULL;
}

static const char *const computed_heads[] = {
	N_("Manifest rows (computed)"), N_("Distinct items (computed)"),
	N_("Distinct at level (computed)"), N_("Duplicate keys (computed)"),
	N_("Shared with other roles (computed)"), N_("Manifest SHA-256")
};

#define XL_COMPUTED (sizeof computed_heads / sizeof computed_heads[0])

static size_t
xl_computed_ncols(const struct xl *x, const struct tmpl_field *g)
{
	return xl_manifest_field(x, g) != NULL ? XL_COMPUTED : 0;
}

static void
xl_computed_heads(struct xl *x, struct xl_sheet *sh,
    const struct tmpl_field *g, lxw_col_t col)
{
	size_t i;

	if (xl_manifest_field(x, g) == NULL)
		return;
	for (i = 0; i < XL_COMPUTED; i++)
		xl_put(x, sh, 0, col + (lxw_col_t)i,
		    xl_tr(x, computed_heads[i]), x->fmt.head);
}

/* "fit: 2 subject (Fit set)", one line per record of another role. */
static char *
xl_shared_text(const struct ovl *o, size_t i)
{
	struct xbuf b = { NULL, 0, 0 };
	const struct ovl_rec *other;
	char *line, *ex;
	size_t j;

	for (j = 0; j < o->np; j++) {
		const struct ovl_pair *p = &o->p[j];

		if (p->a != i && p->b != i)
			continue;
		other = &o->r[p->a == i ? p->b : p->a];
		ex = ovl_examples(o, p);
		line = xasprintf("%s%s: %zu %s (%s)%s%s", b.len > 0 ? "\n" : "",
		    other->role, p->shared, p->by_level ? o->r[p->a].level :
		    o->r[p->a].key, other->name, p->shared > 0 ? ", e.g. " : "",
		    p->shared > 0 ? ex : "");
		xbuf_add(&b, line, strlen(line));
		free(line);
		free(ex);
	}
	xbuf_add(&b, "", 1);
	return b.p;
}

static void
xl_computed_record(struct xl *x, struct xl_sheet *sh,
    const struct tmpl_field *g, size_t rec, lxw_col_t col)
{
	const struct tmpl_field *mf = xl_manifest_field(x, g);
	const struct ovl *o;
	const struct ovl_rec *r = NULL;
	lxw_row_t row = (lxw_row_t)(rec + 1);
	lxw_format *t = x->fmt.text;
	char *shared;
	size_t i;

	if (mf == NULL)
		return;
	o = x->o->proof->ovl;
	for (i = 0; i < o->n; i++)
		if (o->r[i].field == mf && o->r[i].rec == rec && o->r[i].read)
			r = &o->r[i];
	if (r == NULL) {
		for (i = 0; i < XL_COMPUTED; i++)
			xl_put(x, sh, row, col + (lxw_col_t)i, "", t);
		return;
	}
	xl_num(x, sh, row, col, (double)r->mf.rows, x->fmt.num);
	xl_num(x, sh, row, col + 1, (double)r->mf.item.n, x->fmt.num);
	if (r->mf.have_level)
		xl_num(x, sh, row, col + 2, (double)r->mf.level.n, x->fmt.num);
	else
		xl_put(x, sh, row, col + 2, "", t);
	xl_num(x, sh, row, col + 3, (double)r->mf.item.dups, x->fmt.num);
	shared = xl_shared_text(o, (size_t)(r - o->r));
	xl_put(x, sh, row, col + 4, shared, t);
	free(shared);
	xl_put(x, sh, row, col + 5, r->mf.sha256, t);
}

/* The Checklist sheet. */

enum { C_TMPL, C_CLAUSE, C_SECTION, C_ITEM, C_STATUS, C_SEV, C_ANSWER,
    C_EVIDENCE, C_FINDING, C_REVIEWER, C_NOTES, C_PATH, C_NCOLS };

static const struct xl_col checklist_cols[C_NCOLS] = {
	[C_TMPL] = { N_("Template"), 10, 12 },
	[C_CLAUSE] = { N_("Clause"), 10, 18 },
	[C_SECTION] = { N_("Section"), 12, 18 },
	[C_ITEM] = { N_("Item"), 20, 32 },
	[C_STATUS] = { N_("Status"), 15, 15 },
	[C_SEV] = { N_("Severity"), 10, 10 },
	[C_ANSWER] = { N_("Answer"), 20, 44 },
	[C_EVIDENCE] = { N_("Evidence"), 12, 22 },
	[C_FINDING] = { N_("Finding"), 20, 36 },
	[C_REVIEWER] = { N_("Reviewer"), 12, 12 },
	[C_NOTES] = { N_("Reviewer notes"), 24, 24 },
	[C_PATH] = { N_("Path"), 16, 32 },
};

/*
 * The Reviewer columns carry the dossier's current verdict (review.h);
 * a stale one is left out, so sending the sheet back unchanged cannot
 * confirm a verdict about an answer nobody reviewed.
 */
static void
checklist_review_cells(struct xl *x, struct xl_sheet *sh, lxw_row_t row,
    const struct checklist_row *w, const char *path)
{
	const struct ynode *rv = w->field != NULL ? review_get(x->d, path) :
	    NULL;
	const char *judged = yt_str(yt_get(rv, "answer"));
	const char *st = "", *note = "";
	char now[65];

	if (judged != NULL && review_status_parse(yt_str(yt_get(rv,
	    "status"))) > 0) {
		review_answer_hash(x->d, w->field, w->rec, now);
		if (strcmp(now, judged) == 0) {
			st = review_status_name((enum review_status)
			    review_status_parse(yt_str(yt_get(rv, "status"))));
			note = yt_str(yt_get(rv, "note")) != NULL ?
			    yt_str(yt_get(rv, "note")) : "";
		}
	}
	xl_put(x, sh, row, C_REVIEWER, st, x->fmt.text);
	xl_put(x, sh, row, C_NOTES, note, x->fmt.text);
}

/* The clause and its provenance note in the workbook's languages. */
static const char *
xl_cite(struct xl *x, const struct tmpl *t, const char *clause,
    enum tmpl_prov prov, const char *en)
{
	if (x->o->nlangs == 0 || t == NULL)
		return en;
	return xl_lang2(x, en, xl_keep(x, validate_clause_text_lang(t, clause,
	    prov, LANG_ZH_HANT)));
}

/* A checklist row's clause: its question's, else its finding's. */
static const char *
xl_clause(struct xl *x, const struct checklist_row *w,
    const struct finding *f, const char *en)
{
	if (w->field != NULL)
		return xl_cite(x, w->tmpl, tmpl_field_clause(w->field),
		    tmpl_field_prov(w->field), en);
	return xl_cite(x, f->tmpl, f->clause, f->prov, en);
}

/* The item's name in the workbook's languages; en is checklist_item's. */
static const char *
xl_item(struct xl *x, const struct checklist_row *w, const char *en)
{
	const struct tmpl_field *f = w->field;
	const char *zh;
	char *s;

	if (x->o->nlangs == 0 || f == NULL)
		return en;
	zh = tmpl_field_text(f, TMPL_TR_LABEL, LANG_ZH_HANT);
	if (!w->in_record)
		return xl_lang2(x, en, zh);
	s = xasprintf("%s #%zu: %s", tmpl_field_text(f->group, TMPL_TR_LABEL,
	    LANG_ZH_HANT), w->rec + 1, zh);
	return xl_lang2(x, en, xl_keep(x, s));
}

/*
 * The row's findings in the workbook's languages.  A finding holds its
 * English message and its text in the display language (validate.h),
 * which --lang set to the workbook's other language.
 */
static const char *
xl_messages(struct xl *x, const struct checklist_row *w, const char *en)
{
	const struct finding *f;
	size_t i, len = 1;
	char *s, *p;

	if (x->o->nlangs == 0 || lang_current() == LANG_EN)
		return en;
	for (i = 0; i < w->nfind; i++)
		len += strlen(finding_text(checklist_finding(x->cl, w, i))) + 1;
	p = s = xmalloc(len);
	*p = '\0';
	for (i = 0; i < w->nfind; i++) {
		f = checklist_finding(x->cl, w, i);
		p += sprintf(p, "%s%s", i > 0 ? "\n" : "", finding_text(f));
	}
	return xl_lang2(x, en, xl_keep(x, s));
}

static void
checklist_row(struct xl *x, struct xl_sheet *sh, lxw_row_t row,
    const struct checklist_row *w)
{
	const struct finding *f0 = w->nfind > 0 ?
	    checklist_finding(x->cl, w, 0) : NULL;
	char *tn = tmpl_name(w->tmpl), *clause = checklist_clause(w, f0);
	char *item = checklist_item(x->cl, w), *path, *answer, *finds, *evid;
	char pbuf[FINDING_PATH_MAX];
	lxw_format *t = x->fmt.text;

	path = w->field != NULL ? checklist_path(w) :
	    xstrdup(finding_path(f0, pbuf));
	x->where = path;
	answer = w->field != NULL ? review_answer_cell(w->field, w->value) :
	    xstrdup("");
	finds = checklist_messages(x->cl, w);
	xl_put(x, sh, row, C_TMPL, tn, t);
	xl_put(x, sh, row, C_CLAUSE, xl_clause(x, w, f0, clause), t);
	xl_put(x, sh, row, C_SECTION, w->section != NULL ? xl_lang2(x,
	    w->section->title, tmpl_section_text(w->section, TMPL_TR_TITLE,
	    LANG_ZH_HANT)) : "", t);
	xl_put(x, sh, row, C_ITEM, xl_item(x, w, item), t);
	xl_put(x, sh, row, C_STATUS, xl_tr(x, checklist_status_name(w->status)),
	    x->fmt.status[w->status]);
	xl_put(x, sh, row, C_SEV, w->has_findings ?
	    tmpl_severity_name(w->worst) : "", t);
	xl_put(x, sh, row, C_ANSWER, answer, t);
	evid = xl_evidence_text(x, w);
	xl_put(x, sh, row, C_EVIDENCE, evid, t);
	free(evid);
	xl_put(x, sh, row, C_FINDING, xl_messages(x, w, finds), t);
	checklist_review_cells(x, sh, row, w, path);
	xl_put(x, sh, row, C_PATH, path, t);
	if (!sh->measure && w->field != NULL && (w->field->type == TMPL_CHOICE ||
	    w->field->type == TMPL_YESNO) &&
	    dossier_na_reason(w->value) == NULL)
		choice_dropdown(x, sh, row, C_ANSWER, w->field);
	x->where = NULL;
	free(tn);
	free(clause);
	free(item);
	free(path);
	free(answer);
	free(finds);
}

static void
checklist_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	const char *heads[C_NCOLS];
	size_t i;

	(void)arg;
	for (i = 0; i < C_NCOLS; i++)
		heads[i] = checklist_cols[i].head;
	xl_header(x, sh, 0, heads, C_NCOLS);
	for (i = 0; i < x->cl->n; i++)
		checklist_row(x, sh, (lxw_row_t)(i + 1), &x->cl->rows[i]);
}

static void
write_checklist(struct xl *x, struct xl_sheet *sh)
{
	lxw_row_t last = (lxw_row_t)x->cl->n;
	char range[40];

	sh->cols = checklist_cols;
	sh->ncols = C_NCOLS;
	sh->print_cols = C_NOTES + 1;
	/*
	 * Ranges first: the workbook is streamed (xl_build), and the
	 * library refuses a range that ends above the row being written.
	 */
	worksheet_freeze_panes(sh->ws, 1, 0);
	xl_note(x, worksheet_autofilter(sh->ws, 0, 0, last, C_NCOLS - 1));
	if (last > 0)
		reviewer_dropdown(x, sh, last, C_REVIEWER);
	lxw_rowcol_to_range(range, 0, 0, last, C_NCOLS - 1);
	xl_note(x, worksheet_ignore_errors(sh->ws,
	    LXW_IGNORE_NUMBER_STORED_AS_TEXT, range));
	/* The path is for tools and cross-references: left off paper. */
	xl_note(x, worksheet_print_area(sh->ws, 0, 0, last, C_NOTES));
	xl_fill(x, sh, checklist_fill, NULL, C_NCOLS);
	xl_print_setup(x, sh, 1);
}

/* The Summary sheet. */

static void
summary_pair(struct xl *x, struct xl_sheet *sh, lxw_row_t *row,
    const char *key, const char *val)
{
	xl_put(x, sh, *row, 0, key, x->fmt.key);
	xl_put(x, sh, *row, 1, val, x->fmt.text);
	(*row)++;
}

/*
 * Labels of device: keys (share/doc/checklist.md lists them).  A key not
 * listed is shown as words: "lrp_phone" as "Lrp phone", never raw.
 */
static const char *const device_labels[][2] = {
	{ "name", N_("Device") },
	{ "model", N_("Model") },
	{ "manufacturer", N_("Manufacturer") },
	{ "manufacturer_zh", N_("Manufacturer (Chinese name)") },
	{ "manufacturer_address", N_("Manufacturer's address") },
	{ "lrp", N_("Local Responsible Person (LRP)") },
	{ "lrp_zh", N_("LRP (Chinese name)") },
	{ "lrp_address", N_("LRP's address") },
	{ "note", N_("Note") },
};

static char *
device_label(const char *key)
{
	size_t i;
	char *s;

	for (i = 0; i < sizeof device_labels / sizeof device_labels[0]; i++)
		if (strcmp(device_labels[i][0], key) == 0)
			return xstrdup(device_labels[i][1]);
	s = xstrdup(key);
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == '_' || s[i] == '-')
			s[i] = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* name, manufacturer and LRP first, then the other facts as written. */
static void
summary_device(struct xl *x, struct xl_sheet *sh, lxw_row_t *row)
{
	static const char *const known[][2] = {
		{ "name", N_("Device") },
		{ "manufacturer", N_("Manufacturer") },
		{ "lrp", N_("Local Responsible Person (LRP)") },
	};
	const struct ynode *dev = yt_get(x->d->root, "device");
	size_t i, k;
	char *list, *label;

	for (k = 0; k < 3; k++)
		summary_pair(x, sh, row, xl_tr(x, known[k][1]),
		    dossier_device(x->d, known[k][0]) != NULL ?
		    dossier_device(x->d, known[k][0]) : "");
	if (dev == NULL || dev->kind != YT_MAP)
		return;
	for (i = 0; i < dev->n; i++) {
		for (k = 0; k < 3 && strcmp(dev->keys[i]->str, known[k][0]);
		    k++)
			;
		if (k < 3 || dev->vals[i]->kind == YT_MAP)
			continue;
		list = dev->vals[i]->kind == YT_SEQ ? checklist_list_text(dev->vals[i]) :
		    xstrdup(dev->vals[i]->str);
		label = device_label(dev->keys[i]->str);
		/* A listed key's label has a translation; a made-up one not. */
		summary_pair(x, sh, row, xl_tr(x, label), list);
		free(label);
		free(list);
	}
}

static void
summary_counts(struct xl *x, struct xl_sheet *sh, lxw_row_t *row)
{
	const struct report *r = x->r;
	char *s, *zh;

	xl_put(x, sh, *row, 0, xl_tr(x, N_("Completeness")), x->fmt.key);
	xl_num(x, sh, *row, 1, report_percent(r) / 100.0, x->fmt.pct);
	s = xasprintf("%zu of %zu required items complete", r->complete,
	    r->required);
	zh = xasprintf(lang_gettext(LANG_ZH_HANT, "%zu of %zu required items "
	    "complete"), r->complete, r->required);
	xl_put(x, sh, (*row)++, 2, xl_lang2(x, s, zh), x->fmt.text);
	free(s);
	free(zh);
	xl_put(x, sh, *row, 0, xl_tr(x, N_("Errors")), x->fmt.key);
	xl_num(x, sh, (*row)++, 1, (double)r->errors, x->fmt.num);
	xl_put(x, sh, *row, 0, xl_tr(x, N_("Warnings")), x->fmt.key);
	xl_num(x, sh, (*row)++, 1, (double)r->warnings, x->fmt.num);
	xl_put(x, sh, *row, 0, xl_tr(x, N_("Info")), x->fmt.key);
	xl_num(x, sh, (*row)++, 1, (double)r->infos, x->fmt.num);
	xl_put(x, sh, *row, 0, xl_tr(x, N_("Checklist rows")), x->fmt.key);
	xl_num(x, sh, (*row)++, 1, (double)x->cl->n, x->fmt.num);
}

static void
summary_file(struct xl *x, struct xl_sheet *sh, lxw_row_t *row)
{
	const char *path = x->d->path, *slash;

	slash = path != NULL ? strrchr(path, '/') : NULL;
	summary_pair(x, sh, row, xl_tr(x, N_("Dossier file")), path == NULL ?
	    xl_tr(x, N_("(not saved yet)")) : slash != NULL ? slash + 1 : path);
	xl_put(x, sh, *row, 0, xl_tr(x, N_("Date")), x->fmt.key);
	xl_put(x, sh, *row, 1, x->date, x->fmt.text);
	xl_put(x, sh, (*row)++, 2, xl_tr(x, x->date_note), x->fmt.text);
	summary_pair(x, sh, row, xl_tr(x, N_("Exported by")), PACKAGE_NAME " "
	    PACKAGE_VERSION);
}

static void
summary_templates(struct xl *x, struct xl_sheet *sh, lxw_row_t *row)
{
	static const char *const heads[] = { N_("Template"), N_("Edition"),
	    N_("Title"), N_("Source"), N_("Status"),
	    N_("SHA-256 of the template file") };
	const struct tmpl *t;
	size_t i;

	xl_header(x, sh, (*row)++, heads, 6);
	for (i = 0; i < x->d->ntmpls; i++, (*row)++) {
		t = x->d->tmpls[i];
		xl_put(x, sh, *row, 0, t->id, x->fmt.text);
		xl_put(x, sh, *row, 1, t->edition, x->fmt.text);
		xl_put(x, sh, *row, 2, xl_lang2(x, t->title, tmpl_own_text(t,
		    TMPL_TR_TITLE, LANG_ZH_HANT)), x->fmt.text);
		xl_put(x, sh, *row, 3, t->source, x->fmt.text);
		xl_put(x, sh, *row, 4, xl_tr(x, t->draft ? N_("draft: clause "
		    "references not yet checked against the official text") :
		    N_("checked")), x->fmt.text);
		xl_put(x, sh, *row, 5, t->sha256, x->fmt.text);
	}
}

static void
summary_section(struct xl *x, struct xl_sheet *sh, lxw_row_t row,
    const struct section_status *ss)
{
	const struct tmpl_section *s = ss->section;
	char *clause = validate_clause_text(s->tmpl, s->clause, s->prov);
	lxw_format *n = x->fmt.num;

	xl_put(x, sh, row, 0, s->tmpl->id, x->fmt.text);
	xl_put(x, sh, row, 1, xl_lang2(x, s->title, tmpl_section_text(s,
	    TMPL_TR_TITLE, LANG_ZH_HANT)), x->fmt.text);
	xl_put(x, sh, row, 2, xl_cite(x, s->tmpl, s->clause, s->prov, clause),
	    x->fmt.text);
	xl_put(x, sh, row, 3, xl_tr(x, ss->applies ? N_("yes") : N_("no")),
	    x->fmt.text);
	free(clause);
	if (!ss->applies)
		return;
	xl_num(x, sh, row, 4, (double)ss->required, n);
	xl_num(x, sh, row, 5, (double)ss->complete, n);
	xl_num(x, sh, row, 6, section_percent(ss) / 100.0, x->fmt.pct);
	xl_num(x, sh, row, 7, (double)ss->errors, n);
	xl_num(x, sh, row, 8, (double)ss->warnings, n);
}

/*
 * The Summary's parts have columns of different kinds (facts, a table of
 * templates, a table of sections); sharing columns made every column as
 * wide as the widest part and shrank the page.  Each gets its own sheet:
 * Summary (device, file, counts), Templates and Sections.
 */
static void
summary_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	lxw_row_t row = 2;

	(void)arg;
	summary_device(x, sh, &row);
	summary_file(x, sh, &row);
	summary_counts(x, sh, &row);
}

static void
templates_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	lxw_row_t row = 0;

	(void)arg;
	summary_templates(x, sh, &row);
}

static void
sections_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	static const char *const heads[] = { N_("Template"), N_("Section"),
	    N_("Clause"), N_("Applies"), N_("Required"), N_("Complete"),
	    N_("Completeness"), N_("Errors"), N_("Warnings") };
	lxw_row_t row = 0;
	size_t i;

	(void)arg;
	xl_header(x, sh, row++, heads, 9);
	for (i = 0; i < x->r->nsections; i++)
		summary_section(x, sh, row++, &x->r->sections[i]);
}

static const struct xl_col summary_cols[] = {
	{ "", 14, 32 }, { "", 12, 60 }, { "", 10, 40 },
};

static const struct xl_col templates_cols[] = {
	{ "Template", 8, 12 }, { "Edition", 8, 10 }, { "Title", 16, 40 },
	{ "Source", 12, 24 }, { "Status", 16, 40 },
	{ "SHA-256 of the template file", 34, 66, 1 },
};

static const struct xl_col sections_cols[] = {
	{ "Template", 8, 10 }, { "Section", 20, 50 }, { "Clause", 14, 40 },
	{ "Applies", 8, 8 }, { "Required", 9, 9 }, { "Complete", 9, 9 },
	{ "Completeness", 13, 13 }, { "Errors", 7, 7 }, { "Warnings", 9, 9 },
};

static void
write_summary(struct xl *x, struct xl_sheet *sh)
{
	sh->cols = summary_cols;
	sh->ncols = 3;
	/* Our own words, wider than column A: not measured.  First, as
	 * rows are written in order. */
	xl_note(x, worksheet_write_string(sh->ws, 0, 0,
	    xl_tr(x, N_("Dossier checklist: summary")), x->fmt.title));
	xl_fill(x, sh, summary_fill, NULL, 3);
	xl_print_setup(x, sh, 0);
}

static void
write_templates(struct xl *x, struct xl_sheet *sh)
{
	sh->cols = templates_cols;
	sh->ncols = 6;
	xl_fill(x, sh, templates_fill, NULL, 6);
	xl_print_setup(x, sh, 1);
}

static void
write_sections(struct xl *x, struct xl_sheet *sh)
{
	sh->cols = sections_cols;
	sh->ncols = 9;
	xl_fill(x, sh, sections_fill, NULL, 9);
	worksheet_freeze_panes(sh->ws, 1, 0);
	xl_print_setup(x, sh, 1);
}

/* One sheet per group that applies: Datasets, change history... */

/* Most urgent status of each record's rows; Optional and such count as done. */
static enum checklist_status *
record_status(const struct xl *x, const struct tmpl_field *g, size_t nrec)
{
	enum checklist_status *st = xcalloc(nrec, sizeof *st);
	const struct checklist_row *w;
	size_t i;

	for (i = 0; i < x->cl->n; i++) {
		w = &x->cl->rows[i];
		if (w->field == NULL || w->field->group != g || !w->in_record ||
		    w->rec >= nrec)
			continue;
		st[w->rec] = checklist_fold(st[w->rec], w->status);
	}
	return st;
}

static void
group_record(struct xl *x, struct xl_sheet *sh, const struct tmpl_field *g,
    size_t rec, enum checklist_status st)
{
	const struct section_status *ss = report_section(x->r, g->section);
	struct checklist_row w;
	lxw_row_t row = (lxw_row_t)(rec + 1);
	lxw_col_t col;
	char *text;
	size_t k;

	xl_num(x, sh, row, 0, (double)(rec + 1), x->fmt.num);
	for (k = 0; k < g->nfields; k++) {
		memset(&w, 0, sizeof w);
		w.field = &g->fields[k];
		w.in_record = 1;
		w.rec = rec;
		w.value = dossier_get(x->d, w.field, rec);
		x->where = g->id;
		if (g->fields[k].type == TMPL_FILE &&
		    dossier_na_reason(w.value) == NULL)
			text = xl_evidence_text(x, &w);
		else
			text = review_answer_cell(w.field, w.value);
		col = (lxw_col_t)(k + 1);
		xl_put(x, sh, row, col, validate_record_asked(x->r, x->d, ss,
		    w.field, rec) ?
		    text : "", x->fmt.text);
		free(text);
	}
	x->where = NULL;
	xl_put(x, sh, row, (lxw_col_t)(g->nfields + 1),
	    checklist_status_name(st), x->fmt.status[st]);
	xl_computed_record(x, sh, g, rec, (lxw_col_t)(g->nfields + 2));
}

static void
group_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	const struct tmpl_field *g = arg;
	size_t nrec = dossier_nrecords(x->d, g), k;
	lxw_col_t last = (lxw_col_t)(g->nfields + 1);
	enum checklist_status *st = record_status(x, g, nrec);

	xl_put(x, sh, 0, 0, "#", x->fmt.head);
	for (k = 0; k < g->nfields; k++)
		xl_put(x, sh, 0, (lxw_col_t)(k + 1), g->fields[k].label,
		    x->fmt.head);
	xl_put(x, sh, 0, last, "Status", x->fmt.head);
	xl_computed_heads(x, sh, g, last + 1);
	for (k = 0; k < nrec; k++)
		group_record(x, sh, g, k, st[k]);
	free(st);
}

/*
 * A group with more fields than a page holds side by side (Datasets has
 * eleven) prints as one block per record instead: a heading row with the
 * record's number, key and status, then a row per field, label and
 * answer, then a blank row.
 */
#define XL_GROUP_TABLE_MAX	5	/* fields that still print as a table */

static const struct xl_col block_cols[] = {
	{ "Field", 18, 36 }, { "Answer", 30, 90 },
};

static void
block_record(struct xl *x, struct xl_sheet *sh, const struct tmpl_field *g,
    size_t rec, enum checklist_status st, lxw_row_t *row)
{
	struct checklist_row w;
	const char *key = yt_str(dossier_get(x->d, g->key, rec));
	char *head, *text;
	size_t k;

	head = key != NULL && *key != '\0' ? xasprintf("%s #%zu: %s",
	    g->label, rec + 1, key) : xasprintf("%s #%zu", g->label, rec + 1);
	xl_put(x, sh, *row, 0, head, x->fmt.head);
	xl_put(x, sh, (*row)++, 1, checklist_status_name(st),
	    x->fmt.status[st]);
	free(head);
	x->where = g->id;
	for (k = 0; k < g->nfields; k++) {
		if (!validate_applies(x->d, &g->fields[k], rec))
			continue;
		memset(&w, 0, sizeof w);
		w.field = &g->fields[k];
		w.in_record = 1;
		w.rec = rec;
		w.value = dossier_get(x->d, w.field, rec);
		text = g->fields[k].type == TMPL_FILE &&
		    dossier_na_reason(w.value) == NULL ?
		    xstrdup(checklist_evidence(&w)) :
		    review_answer_cell(w.field, w.value);
		xl_put(x, sh, *row, 0, g->fields[k].label, x->fmt.key);
		xl_put(x, sh, (*row)++, 1, text, x->fmt.text);
		free(text);
	}
	x->where = NULL;
	(*row)++;
}

static void
block_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	static const char *const heads[] = { "Field", "Answer" };
	const struct tmpl_field *g = arg;
	size_t nrec = dossier_nrecords(x->d, g), k;
	enum checklist_status *st = record_status(x, g, nrec);
	lxw_row_t row = 1;

	xl_header(x, sh, 0, heads, 2);
	for (k = 0; k < nrec; k++)
		block_record(x, sh, g, k, st[k], &row);
	free(st);
}

static void
write_group(struct xl *x, struct xl_sheet *sh, const struct tmpl_field *g)
{
	size_t nrec = dossier_nrecords(x->d, g);
	lxw_col_t last = (lxw_col_t)(g->nfields + 1 + xl_computed_ncols(x, g));

	if (g->nfields > XL_GROUP_TABLE_MAX) {
		sh->cols = block_cols;
		sh->ncols = 2;
		xl_fill(x, sh, block_fill, g, 2);
		worksheet_freeze_panes(sh->ws, 1, 0);
		xl_print_setup(x, sh, 1);
		return;
	}
	/* Ranges before rows (see write_checklist). */
	worksheet_freeze_panes(sh->ws, 1, 1);
	xl_note(x, worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)nrec, last));
	xl_fill(x, sh, group_fill, g, (size_t)last + 1);
	xl_print_setup(x, sh, 1);
}

/* The group fields that apply, in template order. */
static const struct tmpl_field **
applying_groups(const struct xl *x, size_t *n)
{
	const struct tmpl_field **v = NULL, *f;
	const struct tmpl_section *s;
	size_t i, j;

	*n = 0;
	for (i = 0; i < x->r->nsections; i++) {
		if (!x->r->sections[i].applies)
			continue;
		s = x->r->sections[i].section;
		for (j = 0; j < s->nfields; j++) {
			f = &s->fields[j];
			if (f->type != TMPL_GROUP || !validate_applies(x->d, f, 0))
				continue;
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = f;
		}
	}
	return v;
}

/* The Findings sheet: every finding as check reports it, in its order. */

static void
finding_row(struct xl *x, struct xl_sheet *sh, size_t i)
{
	const struct finding *f = &x->r->f[i];
	lxw_row_t row = (lxw_row_t)(i + 1);
	char *tn = tmpl_name(f->tmpl), *clause, pbuf[FINDING_PATH_MAX];
	const char *path;

	clause = f->tmpl != NULL ? validate_clause_text(f->tmpl, f->clause,
	    f->prov) : xstrdup("");
	path = finding_path(f, pbuf);
	x->where = path;
	xl_num(x, sh, row, 0, (double)(i + 1), x->fmt.num);
	xl_put(x, sh, row, 1, xl_tr(x, tmpl_severity_name(f->sev)),
	    x->fmt.status[
	    f->sev == TMPL_ERROR ? CHECKLIST_ERROR : f->sev == TMPL_WARNING ?
	    CHECKLIST_WARNING : CHECKLIST_INFO]);
	xl_put(x, sh, row, 2, tn, x->fmt.text);
	xl_put(x, sh, row, 3, xl_cite(x, f->tmpl, f->clause, f->prov, clause),
	    x->fmt.text);
	xl_put(x, sh, row, 4, f->section != NULL ? xl_lang2(x,
	    f->section->title, tmpl_section_text(f->section, TMPL_TR_TITLE,
	    LANG_ZH_HANT)) : "", x->fmt.text);
	xl_put(x, sh, row, 5, path, x->fmt.text);
	xl_put(x, sh, row, 6, lang_current() == LANG_EN ? f->message :
	    xl_lang2(x, f->message, finding_text(f)), x->fmt.text);
	xl_num(x, sh, row, 7, f->line, x->fmt.num);
	xl_num(x, sh, row, 8, f->col, x->fmt.num);
	xl_num(x, sh, row, 9, (double)x->cl->row_of[i] + 2, x->fmt.num);
	x->where = NULL;
	free(tn);
	free(clause);
}

static const struct xl_col findings_cols[] = {
	{ "#", 5, 6 }, { N_("Severity"), 10, 10 }, { N_("Template"), 10, 12 },
	{ N_("Clause"), 10, 24 }, { N_("Section"), 12, 22 },
	{ N_("Path"), 16, 56, 1 }, { N_("Message"), 30, 50 },
	{ N_("Line"), 6, 8 }, { N_("Column"), 8, 8 },
	{ N_("Checklist row"), 10, 10 },
};

static void
findings_fill(struct xl *x, struct xl_sheet *sh, const void *arg)
{
	const char *heads[10];
	size_t i;

	(void)arg;
	for (i = 0; i < 10; i++)
		heads[i] = findings_cols[i].head;
	xl_header(x, sh, 0, heads, 10);
	for (i = 0; i < x->r->n; i++)
		finding_row(x, sh, i);
	/* An empty sheet prints as a blank page that says nothing. */
	if (x->r->n == 0)
		xl_put(x, sh, 1, 6, xl_tr(x, N_("No findings")), x->fmt.text);
}

static void
write_findings(struct xl *x, struct xl_sheet *sh)
{
	sh->cols = findings_cols;
	sh->ncols = 10;
	/* Ranges before rows (see write_checklist). */
	worksheet_freeze_panes(sh->ws, 1, 0);
	xl_note(x, worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)x->r->n, 9));
	xl_fill(x, sh, findings_fill, NULL, 10);
	xl_print_setup(x, sh, 1);
}

/* Document properties: sanitized, since core.xml cannot hold controls. */

static char *
templates_text(const struct dossier *d, const char *sep)
{
	char *s = xstrdup(""), *n;
	size_t i;

	for (i = 0; i < d->ntmpls; i++) {
		n = xasprintf("%s%s%s:%s", s, i > 0 ? sep : "", d->tmpls[i]->id,
		    d->tmpls[i]->edition);
		free(s);
		s = n;
	}
	return s;
}

static char *
clean(const char *s)
{
	return text_sanitize(s != NULL ? s : "", 0);
}

/* fmt with its one %s (if any) replaced by arg: the format is a variable. */
static char *
put_arg(const char *fmt, const char *arg)
{
	const char *at = strstr(fmt, "%s");

	return at == NULL ? xstrdup(fmt) : xasprintf("%.*s%s%s",
	    (int)(at - fmt), fmt, arg != NULL ? arg : "", at + 2);
}

/*
 * A document property in the workbook's languages on one line ("English /
 * 中文"): properties are single lines, and a file manager or a document
 * server shows them without the workbook's cells.  fmt is an N_ text with
 * at most one %s, put in by hand: the format is a variable.  A
 * translation must use plain %s too (not %1$s), which po-check's
 * msgfmt -c cannot tell; ours do.
 */
static char *
xl_prop(struct xl *x, const char *fmt, const char *arg)
{
	char *en = put_arg(fmt, arg), *zh = NULL, *s;
	size_t i;

	for (i = 0; i < x->o->nlangs; i++)
		if (x->o->langs[i] == LANG_ZH_HANT && zh == NULL)
			zh = put_arg(lang_gettext(LANG_ZH_HANT, fmt), arg);
	s = clean(xl_lang_join(x, en, zh, " / "));
	free(en);
	free(zh);
	return s;
}

static void
xl_properties(struct xl *x)
{
	const char *name = dossier_device(x->d, "name");
	const char *maker = dossier_device(x->d, "manufacturer");
	char *tl = templates_text(x->d, ", ");
	lxw_doc_properties p;
	size_t i;

	memset(&p, 0, sizeof p);
	p.title = name != NULL ? xl_prop(x, N_("Checklist: %s"), name) :
	    xl_prop(x, N_("Dossier checklist"), NULL);
	p.subject = xl_prop(x, N_("Technical documentation checklist (%s)"),
	    tl);
	p.author = clean(maker);
	p.company = clean(maker);
	p.manager = clean(dossier_device(x->d, "lrp"));
	p.keywords = xl_prop(x, N_("MDACS, checklist, %s"), tl);
	p.category = xl_prop(x, N_("Regulatory checklist"), NULL);
	p.comments = xl_prop(x, N_("Exported by %s"),
	    PACKAGE_NAME " " PACKAGE_VERSION);
	for (i = 0; i < x->d->ntmpls && !x->d->tmpls[i]->draft; i++)
		;
	p.status = i < x->d->ntmpls ? xl_prop(x, N_("Draft templates"),
	    NULL) : clean("");
	p.created = x->created;
	xl_note(x, workbook_set_properties(x->wb, &p));
	free(p.title);
	free(p.subject);
	free(p.author);
	free(p.company);
	free(p.manager);
	free(p.keywords);
	free(p.category);
	free(p.comments);
	free(p.status);
	free(tl);
}

/* The date: given, else the dossier file's, else today's (export.h). */
static int
xl_date(struct xl *x, struct diag *err)
{
	struct tm tm;
	time_t when;

	if (x->o->date != NULL) {
		if (!validate_is_date(x->o->date))
			return diag_set(err, DIAG_USAGE, NULL, 0, 0, "the date "
			    "'%.40s' is not YYYY-MM-DD", x->o->date);
		snprintf(x->date, sizeof x->date, "%s", x->o->date);
		x->date_note = N_("as given for this export");
	} else {
		when = x->d->have_disk && !x->d->dirty ?
		    x->d->disk.st_mtime : time(NULL);
		localtime_r(&when, &tm);
		strftime(x->date, sizeof x->date, "%Y-%m-%d", &tm);
		x->date_note = x->d->have_disk && !x->d->dirty ?
		    N_("the day the dossier file was last changed") :
		    N_("the day of the export");
	}
	if (x->o->date_note != NULL)
		x->date_note = x->o->date_note;
	/*
	 * Spreadsheets (and openpyxl, reading the document's properties)
	 * know dates from 1900 on, written with four-digit years.
	 */
	if (atoi(x->date) < 1900)
		return diag_set(err, DIAG_USAGE, NULL, 0, 0, "the date '%s' is "
		    "before 1900-01-01; the checklist takes dates from "
		    "1900-01-01 to 9999-12-31", x->date);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(x->date) - 1900;
	tm.tm_mon = atoi(x->date + 5) - 1;
	tm.tm_mday = atoi(x->date + 8);
	x->created = timegm(&tm);
	/*
	 * libxlsxwriter takes a creation time of 0 for "not set" and puts
	 * the current time there, so 1970-01-01 would not be reproducible:
	 * one second later says the same day and is.
	 */
	if (x->created == 0)
		x->created = 1;
	return 0;
}

/*
 * The hidden sheet that lets `dossier review` trust what comes back: the
 * dossier's and templates' hashes and, for every question row, its Path
 * and the hash of its Answer and Evidence cells as written (review.h).
 * Three columns: kind, key, value.
 */
static void
write_review_data(struct xl *x, struct xl_sheet *sh)
{
	lxw_format *t = x->fmt.text;
	lxw_row_t row = 0;
	char hash[65], *path, *tn;
	size_t i;

	sh->measure = 0;
	xl_put(x, sh, row, 0, "format", t);
	xl_put(x, sh, row, 1, REVIEW_MARK, t);
	xl_put(x, sh, row++, 2, "1", t);
	review_dossier_hash(x->d, hash);
	xl_put(x, sh, row, 0, "dossier", t);
	xl_put(x, sh, row, 1, x->d->path != NULL ? x->d->path : "", t);
	xl_put(x, sh, row++, 2, hash, t);
	for (i = 0; i < x->d->ntmpls; i++) {
		tn = tmpl_name(x->d->tmpls[i]);
		xl_put(x, sh, row, 0, "template", t);
		xl_put(x, sh, row, 1, tn, t);
		xl_put(x, sh, row++, 2, x->d->tmpls[i]->sha256, t);
		free(tn);
	}
	for (i = 0; i < x->cl->n; i++) {
		const struct checklist_row *w = &x->cl->rows[i];

		if (w->field == NULL)
			continue;
		path = checklist_path(w);
		review_answer_hash(x->d, w->field, w->rec, hash);
		xl_put(x, sh, row, 0, "row", t);
		xl_put(x, sh, row, 1, path, t);
		xl_put(x, sh, row++, 2, hash, t);
		free(path);
	}
	worksheet_hide(sh->ws);
}

/* Build every sheet; the caller closes the workbook. */
static void
xl_write(struct xl *x)
{
	struct xl_sheet check, summary, tmpls, secs, findings, review, evidence,
	    *groups;
	const struct tmpl_field **g;
	size_t ng, i;

	xl_formats(x);
	xl_properties(x);
	xl_add_sheet(x, &check, "Checklist");
	xl_add_sheet(x, &summary, "Summary");
	xl_add_sheet(x, &tmpls, "Templates");
	xl_add_sheet(x, &secs, "Sections");
	g = applying_groups(x, &ng);
	groups = xcalloc(ng, sizeof *groups);
	for (i = 0; i < ng; i++)
		xl_add_sheet(x, &groups[i], g[i]->label);
	xl_add_sheet(x, &findings, "Findings");
	xl_add_sheet(x, &review, REVIEW_SHEET);
	if (x->o->proof != NULL)
		xl_add_sheet(x, &evidence, "Evidence");
	if (x->error == LXW_NO_ERROR) {
		write_checklist(x, &check);
		write_summary(x, &summary);
		write_templates(x, &tmpls);
		write_sections(x, &secs);
		for (i = 0; i < ng; i++)
			write_group(x, &groups[i], g[i]);
		write_findings(x, &findings);
		write_review_data(x, &review);
		if (x->o->proof != NULL)
			write_evidence(x, &evidence);
	}
	free(groups);
	free(g);
}

/* Write the workbook to tmp; 0, or -1 with err filled. */
static int
xl_build(struct xl *x, const char *tmp, const char *dir, const char *out,
    struct diag *err)
{
	lxw_workbook_options opt;
	lxw_error rc;
	char why[160];
	int saved, e;

	memset(&opt, 0, sizeof opt);
	/*
	 * Each row goes to a temporary file as soon as the next one starts,
	 * so memory stays flat however many records there are (without it,
	 * every cell and a shared-string tree lived until the end: 470 MB
	 * for 20,000 records).  The price: every sheet is written top to
	 * bottom, left to right; a write to an earlier row fails the export.
	 */
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = xstrdup(dir);
	saved = tmpout_quiet(x->o->log);
	errno = 0;
	x->wb = workbook_new_opt(tmp, &opt);
	if (x->wb != NULL) {
		xl_write(x);
		errno = 0;
		rc = workbook_close(x->wb);
	} else {
		rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	e = errno;
	tmpout_unquiet(saved);
	xl_flush_warnings(x);
	free(opt.tmpdir);
	if (rc == LXW_NO_ERROR && x->error != LXW_NO_ERROR)
		return diag_set(err, DIAG_IO, out, 0, 0, "cannot write the "
		    "checklist: the spreadsheet library refused a cell: %s",
		    lxw_strerror(x->error));
	if (rc == LXW_NO_ERROR)
		return 0;
	/* The library's text ends in a full stop; ours goes on after it. */
	snprintf(why, sizeof why, "%s", lxw_strerror(rc));
	if (why[0] != '\0' && why[strlen(why) - 1] == '.')
		why[strlen(why) - 1] = '\0';
	if (e != 0)
		return diag_set(err, DIAG_IO, out, 0, 0, "cannot write the "
		    "checklist: %s (%s)", strerror(e), why);
	return diag_set(err, DIAG_IO, out, 0, 0, "cannot write the "
	    "checklist: %s", why);
}

static int
xl_file(struct xl *x, const char *out, struct diag *err)
{
	struct tmpout t;

	if (tmpout_begin(&t, out, "the checklist", err) < 0)
		return -1;
	if (xl_build(x, t.tmp, t.pdir, out, err) < 0) {
		tmpout_abort(&t);
		/*
		 * After a failed write the library can leave a scratch stream
		 * with buffered rows (constant memory) that stdio flushes at
		 * exit; under a file-size limit that flush must fail with
		 * EFBIG, not kill us after the error was reported.
		 */
		signal(SIGXFSZ, SIG_IGN);
		return -1;
	}
	return tmpout_commit(&t, err);
}

int
export_check_size(const struct dossier *d, struct diag *err)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	unsigned long long rows = 0, nrec;
	size_t t, i, j;

	for (t = 0; t < d->ntmpls; t++) {
		for (i = 0; i < d->tmpls[t]->nsections; i++) {
			s = &d->tmpls[t]->sections[i];
			for (j = 0; j < s->nfields; j++) {
				f = &s->fields[j];
				rows++;
				if (f->type != TMPL_GROUP)
					continue;
				nrec = dossier_nrecords(d, f);
				/* Its own sheet: a header row, then records. */
				if (nrec + 1 > EXPORT_MAX_ROWS)
					return diag_set(err, DIAG_LIMIT,
					    d->path, 0, 0, "cannot export: "
					    "'%s' has %llu records; an XLSX "
					    "sheet holds at most %u rows",
					    f->id, nrec, EXPORT_MAX_ROWS);
				if (f->nfields + 8 > EXPORT_MAX_COLS)
					return diag_set(err, DIAG_LIMIT,
					    d->path, 0, 0, "cannot export: "
					    "'%s' has %zu fields; an XLSX sheet "
					    "holds at most %u columns", f->id,
					    f->nfields, EXPORT_MAX_COLS);
				rows += nrec * f->nfields;
			}
		}
	}
	/* A header row, a margin for finding rows checked again later. */
	if (rows + 16 > EXPORT_MAX_ROWS)
		return diag_set(err, DIAG_LIMIT, d->path, 0, 0, "cannot export: "
		    "the checklist could need %llu rows (a row per question "
		    "of every record); an XLSX sheet holds at most %u rows",
		    rows, EXPORT_MAX_ROWS);
	return 0;
}

int
export_xlsx(const struct dossier *d, const struct report *r, const char *out,
    const struct export_opts *o, struct diag *err)
{
	struct xl x;
	size_t i;
	int rc;

	memset(&x, 0, sizeof x);
	x.d = d;
	x.r = r;
	x.o = o != NULL ? o : &no_opts;
	if (outpath_vet(out, d->path, 0, N_("the checklist"), err) < 0)
		return -1;
	if (export_check_size(d, err) < 0)
		return -1;
	if (xl_date(&x, err) < 0)
		return -1;
	x.cl = checklist_build(d, r);
	/* Exact now: findings without a field get rows of their own. */
	if (x.cl->n + 1 > EXPORT_MAX_ROWS || r->n + 1 > EXPORT_MAX_ROWS) {
		checklist_free(x.cl);
		return diag_set(err, DIAG_LIMIT, d->path, 0, 0, "cannot export: "
		    "the checklist needs %zu rows and %zu findings; an XLSX "
		    "sheet holds at most %u rows", x.cl->n, r->n,
		    EXPORT_MAX_ROWS);
	}
	rc = xl_file(&x, out, err);
	for (i = 0; i < x.npool; i++)
		free(x.pool[i]);
	free(x.pool);
	checklist_free(x.cl);
	free_lists(&x);
	hset_free(x.taken);
	hset_free(x.next);
	for (i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	return rc;
}
