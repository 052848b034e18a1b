/*
 * "Why is this asked?" in the wizard: the explanation core/explain.c
 * writes for the focused question (shown or hidden), wrapped to the
 * screen, with every question it names as a link: Tab and Shift+Tab (or
 * Down and Up) pick one, Enter goes to it.  The same words as
 * `dossier explain FILE PATH`.  A layer (loop.h) whose keys are the key
 * table's KC_WHY; the rest (save, quit, check) go down the stack.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/loop.h"

/* A run of text on one screen row: a word, or part of one at a link edge. */
struct piece {
	size_t line;		/* explain line */
	size_t off, len;	/* bytes of its text */
	long link;		/* index into the flat link list, or -1 */
	int x;			/* column on its row */
};

struct row {
	struct piece *p;
	size_t n;
	size_t line;
	int first;		/* first row of its explain line */
};

struct view {
	struct explanation *e;
	struct row *rows;
	size_t nrows;
	const struct explain_link **links;	/* in reading order */
	size_t nlinks;
	long sel;		/* selected link, or -1 */
	size_t top;		/* first row shown */
};

static long
link_at(const struct view *v, size_t line, size_t off, size_t *first)
{
	const struct explain_line *ln = &v->e->lines[line];
	size_t j;

	for (j = 0; j < ln->nlinks; j++)
		if (off >= ln->links[j].off &&
		    off < ln->links[j].off + ln->links[j].len)
			return (long)(first[line] + j);
	return -1;
}

static void
row_add(struct view *v, size_t line, int first)
{
	struct row *r;

	v->rows = xreallocarray(v->rows, v->nrows + 1, sizeof *v->rows);
	r = &v->rows[v->nrows++];
	memset(r, 0, sizeof *r);
	r->line = line;
	r->first = first;
}

static int
piece_width(const char *s, size_t len)
{
	char *t = xstrndup(s, len);
	int w = scr_width(t);

	free(t);
	return w;
}

/* Lay one explain line out in rows of width w, starting at column x0. */
static void
layout_line(struct view *v, size_t line, int x0, int w, size_t *first)
{
	const char *s = v->e->lines[line].text;
	size_t i = 0, start;
	long lk;
	int x = x0, pw, space;
	struct row *r;

	row_add(v, line, 1);
	while (s[i] != '\0') {
		space = 0;
		while (s[i] == ' ') {
			space = 1;
			i++;
		}
		if (s[i] == '\0')
			break;
		start = i;
		lk = link_at(v, line, i, first);
		/* A piece stops at a space or where a link starts or ends. */
		while (s[i] != '\0' && s[i] != ' ' &&
		    link_at(v, line, i, first) == lk)
			i++;
		pw = piece_width(s + start, i - start);
		if (space && x > x0)
			x++;
		if (x + pw > w && x > x0) {
			row_add(v, line, 0);
			x = x0 + 2;	/* continuation rows are indented */
		}
		r = &v->rows[v->nrows - 1];
		r->p = xreallocarray(r->p, r->n + 1, sizeof *r->p);
		r->p[r->n].line = line;
		r->p[r->n].off = start;
		r->p[r->n].len = i - start;
		r->p[r->n].link = lk;
		r->p[r->n].x = x;
		r->n++;
		x += pw;
	}
}

static void
view_free_rows(struct view *v)
{
	size_t i;

	for (i = 0; i < v->nrows; i++)
		free(v->rows[i].p);
	free(v->rows);
	v->rows = NULL;
	v->nrows = 0;
}

static int
mark_width(enum explain_mark m)
{
	return m == EXPLAIN_HOLDS || m == EXPLAIN_FAILS ? 6 : 0;
}

static void
layout(struct view *v, int width)
{
	size_t i, *first = xcalloc(v->e->n + 1, sizeof *first);

	view_free_rows(v);
	for (i = 0; i < v->e->n; i++)
		first[i + 1] = first[i] + v->e->lines[i].nlinks;
	for (i = 0; i < v->e->n; i++)
		layout_line(v, i, mark_width(v->e->lines[i].mark), width,
		    first);
	free(first);
}

static struct view *
view_new(struct explanation *e)
{
	struct view *v = xcalloc(1, sizeof *v);
	size_t i, j;

	v->e = e;
	for (i = 0; i < e->n; i++)
		for (j = 0; j < e->lines[i].nlinks; j++) {
			v->links = xreallocarray(v->links, v->nlinks + 1,
			    sizeof *v->links);
			v->links[v->nlinks++] = &e->lines[i].links[j];
		}
	/* The title links to the question itself: start on the next one. */
	v->sel = v->nlinks > 1 ? 1 : -1;
	return v;
}

static void
view_free(struct view *v)
{
	view_free_rows(v);
	free(v->links);
	explain_free(v->e);
	free(v);
}

static size_t
sel_row(const struct view *v)
{
	size_t i, j;

	for (i = 0; i < v->nrows; i++)
		for (j = 0; j < v->rows[i].n; j++)
			if (v->rows[i].p[j].link == v->sel)
				return i;
	return 0;
}

static void
draw_mark(const struct view *v, const struct row *r, int y)
{
	enum explain_mark m = v->e->lines[r->line].mark;

	if (!r->first || mark_width(m) == 0)
		return;
	scr_text(stdscr, y, 3, 3, m == EXPLAIN_HOLDS ? _("yes") : _("no"),
	    scr_attr(m == EXPLAIN_HOLDS ? SCR_OK : SCR_ERROR));
}

static void
draw_row(const struct view *v, const struct row *r, int y)
{
	const struct explain_line *ln = &v->e->lines[r->line];
	const struct piece *p;
	char *t;
	size_t j;
	int attr;

	draw_mark(v, r, y);
	for (j = 0; j < r->n; j++) {
		p = &r->p[j];
		if (p->link >= 0 && p->link == v->sel)
			attr = scr_attr(SCR_CURSOR);
		else if (p->link >= 0)
			attr = scr_attr(SCR_KEY) | A_UNDERLINE;
		else if (ln->mark == EXPLAIN_HEADING)
			attr = scr_attr(SCR_HEADING);
		else
			attr = SCR_PLAIN;
		t = xstrndup(ln->text + p->off, p->len);
		/* Continue a link's highlight over the space inside it. */
		if (j > 0 && p->link >= 0 && r->p[j - 1].link == p->link &&
		    p->x > 0)
			scr_text(stdscr, y, 1 + p->x - 1, 1, " ", attr);
		scr_text(stdscr, y, 1 + p->x, COLS - 2 - p->x, t, attr);
		free(t);
	}
}

/* The layer's state. */
struct why {
	struct app *a;
	struct view *v;
	size_t row, nrows;	/* the question shown, of the list */
	int chosen;
	struct app_ref *to;
	int *to_in_record;
	enum lang lang;		/* the explanation's words' language */
};

static struct view *view_of(struct app *a, size_t row);

/* A full-screen layer (loop.h): nothing of the main screen shows. */
static void
why_draw(void *arg)
{
	struct why *w = arg;
	struct view *v = w->v;
	int h = LINES - 4, y;
	size_t i, sr;
	unsigned long long skip = 0;
	char hint[160];

	/*
	 * L went down the stack (act.c switches the language): the words
	 * are core's, made in the language of their day; make them anew.
	 */
	if (w->lang != lang_current()) {
		view_free(v);
		v = w->v = view_of(w->a, w->row);
		w->lang = lang_current();
	}
	erase();
	layout(v, COLS - 2);
	scr_fill(stdscr, 0, 0, COLS, scr_attr(SCR_TITLE));
	scr_text(stdscr, 0, 0, COLS, v->e->asked ? _(" Why is this asked?") :
	    _(" Why is this not asked?"), scr_attr(SCR_TITLE));
	if (v->sel >= 0) {
		sr = sel_row(v);
		if (sr < v->top)
			v->top = sr;
		if (sr >= v->top + (size_t)h)
			v->top = sr - (size_t)h + 1;
	}
	if (v->top + (size_t)h > v->nrows)
		v->top = v->nrows > (size_t)h ? v->nrows - (size_t)h : 0;
	for (i = v->top, y = 2; i < v->nrows && y < 2 + h; i++, y++)
		draw_row(v, &v->rows[i], y);
	/* Say only what works now. */
	if (v->nlinks == 0)
		skip |= KEYS_SKIP(KA_DOWN) | KEYS_SKIP(KA_EDIT);
	if (w->a->level == APP_GROUP)
		skip |= KEYS_SKIP(KA_RIGHT);
	if (v->nrows <= (size_t)h)
		skip |= KEYS_SKIP(KA_PGDN);
	scr_fill(stdscr, LINES - 1, 0, COLS, scr_attr(SCR_DIM));
	scr_text(stdscr, LINES - 1, 1, COLS - 1, keys_hint(KC_WHY, skip, hint,
	    sizeof hint), scr_attr(SCR_DIM));
}

/* Where link l leads: a record's field without a record opens its group. */
static void
target(const struct explain_link *l, struct app_ref *to, int *in_record)
{
	if (l->field->group != NULL && !l->in_record) {
		to->f = l->field->group;
		to->rec = 0;
		*in_record = 0;
	} else {
		to->f = l->field;
		to->rec = l->rec;
		*in_record = l->in_record;
	}
}

static int
in_record_of(const struct app *a, const struct app_ref *ref)
{
	return ref->f->group != NULL && a->level == APP_RECORD;
}

char *
app_unasked(const struct app *a, const struct app_ref *ref,
    const char *before, const char *after)
{
	char *w = explain_unasked(a->s.d, ref->f, ref->rec,
	    in_record_of(a, ref)), *s;

	if (w == NULL)
		return xstrdup("");
	s = xasprintf("%s%s%s", before, w, after);
	free(w);
	return s;
}

void
app_message_unasked(struct app *a, const struct app_ref *ref)
{
	/* TRANSLATORS: before and after the reasons a question is not
	 * asked ("Not asked: " + reasons + ".  w says why."). */
	char *s = app_unasked(a, ref, _("Not asked: "), _(".  w says why."));

	app_message(a, SCR_MESSAGE, "%s", s);
	free(s);
}

/* The question row shows, or the group itself on the list of records. */
static struct view *
view_of(struct app *a, size_t row)
{
	struct app_ref ref;

	if (a->level == APP_GROUP)
		return view_new(explain_field(a->s.d, a->group, 0, 0));
	ref = app_row(a, row);
	return view_new(explain_field(a->s.d, ref.f, ref.rec,
	    in_record_of(a, &ref)));
}

static void
why_help(void)
{
	char *keys = keys_help(KC_WHY), *text;

	text = xasprintf(_("Why the question is asked or not, and whether it "
	    "must be answered, from the template's conditions and your "
	    "answers now.  Questions it depends on are links.\n\n%s"), keys);
	dlg_view(_("Why is this asked?"), text);
	free(text);
	free(keys);
}

static enum loop_reply
why_key(void *arg, int key, unsigned ctx)
{
	struct why *w = arg;
	struct view *v = w->v;
	long n = (long)v->nlinks;
	enum key_action act = keys_lookup(ctx, key);

	switch (act) {
	case KA_DOWN:
		if (n > 0)
			v->sel = (v->sel + 1) % n;
		return LOOP_HANDLED;
	case KA_UP:
		if (n > 0)
			v->sel = (v->sel + n - 1) % n;
		return LOOP_HANDLED;
	case KA_LEFT:
	case KA_RIGHT:
		/* The neighbours in the list, asked or not. */
		if (w->a->level == APP_GROUP)
			return LOOP_HANDLED;
		if (act == KA_LEFT && w->row > 0)
			w->row--;
		else if (act == KA_RIGHT && w->row + 1 < w->nrows)
			w->row++;
		else
			return LOOP_HANDLED;
		view_free(v);
		w->v = view_of(w->a, w->row);
		return LOOP_HANDLED;
	case KA_PGUP:
		v->sel = -1;
		v->top = v->top > (size_t)LINES / 2 ?
		    v->top - (size_t)LINES / 2 : 0;
		return LOOP_HANDLED;
	case KA_PGDN:
		v->sel = -1;
		v->top += (size_t)LINES / 2;
		return LOOP_HANDLED;
	case KA_EDIT:
		if (v->sel < 0)
			return LOOP_HANDLED;
		target(v->links[v->sel], w->to, w->to_in_record);
		w->chosen = 1;
		return LOOP_CLOSE;
	case KA_BACK:
		return LOOP_CLOSE;
	case KA_HELP:
		why_help();
		return LOOP_HANDLED;
	default:
		/* Not ours: down the stack (save, quit, check again). */
		return LOOP_PASS;
	}
}

static const struct layer_ops why_ops = { why_draw, why_key, NULL };

int
app_why(struct app *a, struct app_ref *to, int *to_in_record)
{
	struct why w;

	if (a->pane == 0 || (a->level != APP_GROUP && app_rows(a) == 0))
		return 0;
	memset(&w, 0, sizeof w);
	w.a = a;
	w.row = a->cur[a->level];
	w.nrows = app_rows(a);
	w.to = to;
	w.to_in_record = to_in_record;
	w.v = view_of(a, w.row);
	w.lang = lang_current();
	loop_push(&why_ops, &w, KC_WHY, _("Enlarge the window to read why; Esc "
	    "goes back."));
	loop_run();
	view_free(w.v);
	return a->quit ? 0 : w.chosen;
}
