/*
 * The guided tour: on the first start of a demo copy, and on t at any
 * time, a few steps that each point at one part of the main screen
 * (highlighted) with a short note beside it.  Enter goes on, Backspace
 * goes back, Esc ends it (the key table's KC_TOUR, which writes the hint
 * in the note); other keys go down to the main screen, which takes only
 * help, quit and the language (L, the note follows at once) from here.  A layer over the real main screen, so what it
 * points at is what the student will use; it fits 80x24.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/loop.h"

enum tour_area { AREA_TOP, AREA_SECTIONS, AREA_QUESTIONS, AREA_HELP,
    AREA_FINDINGS, AREA_KEYS };

static const struct tour_step {
	enum tour_area area;
	const char *title;
	const char *text;
} steps[] = {
	{ AREA_TOP, N_("The top line"),
	    N_("The device, the dossier file ([unsaved] until you save with s) "
	    "and how complete the whole dossier is.") },
	{ AREA_SECTIONS, N_("Sections"),
	    N_("Each reference (TR-007, TR-008) and its sections, with a mark "
	    "and how complete each is: \u2713 done, \u25cb open, ! to fix, "
	    "- does not apply.  Left/Right moves between sections and "
	    "questions; Tab goes to the next question that needs an answer.") },
	{ AREA_QUESTIONS, N_("Questions"),
	    N_("The questions of the section and your answers.  Enter answers "
	    "one (y or n a yes/no one) and moves on; - marks it not "
	    "applicable, with a reason.  w tells why a question is asked, or "
	    "why it is not.") },
	{ AREA_HELP, N_("Help"),
	    N_("What the focused question wants: the clause it comes from, the "
	    "kind of answer, whether it is required, and an example.") },
	{ AREA_FINDINGS, N_("Findings"),
	    N_("What is wrong or missing now, updated as you type.  f goes to "
	    "the next question with a finding; ! lists them all.") },
	{ AREA_KEYS, N_("Keys"),
	    N_("The keys that work here.  ? shows every key; t shows this tour "
	    "again; L switches between English and Chinese; q quits (it asks "
	    "before losing changes).") },
};
#define NSTEPS (sizeof steps / sizeof steps[0])

struct rect {
	int y, x, h, w;
};

static struct rect
area_rect(enum tour_area area)
{
	struct app_geom g;
	struct rect r = { 0, 0, 1, COLS };

	app_geom(&g);
	switch (area) {
	case AREA_TOP:
		break;
	case AREA_SECTIONS:
		r.y = g.main_y;
		r.h = g.main_h;
		r.w = g.left_w;
		break;
	case AREA_QUESTIONS:
		r.y = g.main_y;
		r.h = g.main_h;
		r.x = g.right_x;
		r.w = COLS - g.right_x;
		break;
	case AREA_HELP:
		r.y = g.help_y;
		r.h = g.help_h;
		break;
	case AREA_FINDINGS:
		r.y = g.find_y;
		break;
	case AREA_KEYS:
		r.y = g.keys_y;
		break;
	}
	return r;
}

/* The note goes where it hides the least of what it points at. */
static struct rect
note_rect(enum tour_area area, int h)
{
	struct app_geom g;
	struct rect r;

	app_geom(&g);
	r.h = h;
	r.w = COLS - 6 < 50 ? COLS - 6 : 50;
	switch (area) {
	case AREA_TOP:
	case AREA_SECTIONS:
		r.y = g.main_y + 2;
		r.x = COLS - r.w - 2;
		break;
	case AREA_QUESTIONS:
		r.y = g.main_y + 2;
		r.x = 2;
		break;
	default:
		r.y = g.help_y - h - 1;
		r.x = (COLS - r.w) / 2;
		break;
	}
	if (r.y < 1)
		r.y = 1;
	return r;
}

static void
highlight(struct rect r)
{
	int i;

	for (i = 0; i < r.h; i++)
		mvchgat(r.y + i, r.x, r.w, A_REVERSE, 0, NULL);
}

struct tour {
	struct app *a;
	size_t step;
};

/*
 * A layer over the main screen (loop.h): loop_draw() has just drawn the
 * main screen beneath, so the highlight falls on what it shows.
 */
static void
tour_draw(void *arg)
{
	struct tour *t = arg;
	const struct tour_step *s = &steps[t->step];
	struct rect note;
	char **l, *title, hint[128];
	size_t n, i;
	int attr = scr_attr(SCR_POPUP);

	highlight(area_rect(s->area));
	l = scr_wrap(_(s->text), (COLS - 6 < 50 ? COLS - 6 : 50) - 4, &n);
	note = note_rect(s->area, (int)n + 4);
	for (i = 0; i < (size_t)note.h; i++)
		scr_fill(stdscr, note.y + (int)i, note.x, note.w, attr);
	scr_box(stdscr, note.y, note.x, note.h, note.w, attr);
	/* TRANSLATORS: the tour note's title: step, of steps, its name. */
	title = xasprintf(_(" Tour %zu of %zu: %s "), t->step + 1, NSTEPS,
	    _(s->title));
	scr_text(stdscr, note.y, note.x + 2, note.w - 4, title,
	    attr | A_BOLD);
	free(title);
	for (i = 0; i < n; i++)
		scr_text(stdscr, note.y + 1 + (int)i, note.x + 2, note.w - 4,
		    l[i], attr);
	scr_text(stdscr, note.y + note.h - 2, note.x + 2, note.w - 4,
	    keys_hint(KC_TOUR, t->step == 0 ? KEYS_SKIP(KA_BACK) : 0, hint,
	    sizeof hint), attr | A_DIM);
	scr_wrap_free(l, n);
}

static enum loop_reply
tour_key(void *arg, int key, unsigned ctx)
{
	struct tour *t = arg;

	switch (keys_lookup(ctx, key)) {
	case KA_DONE:
		if (t->step + 1 >= NSTEPS)
			return LOOP_CLOSE;
		t->step++;
		return LOOP_HANDLED;
	case KA_BACK:
		if (t->step > 0)
			t->step--;
		return LOOP_HANDLED;
	case KA_CANCEL:
		return LOOP_CLOSE;
	default:
		/* Not ours: down the stack (help, quit). */
		return LOOP_PASS;
	}
}

static const struct layer_ops tour_ops = { tour_draw, tour_key, NULL };

void
app_tour(struct app *a)
{
	struct tour t = { a, 0 };

	loop_push(&tour_ops, &t, KC_TOUR, _("Enlarge the window for the tour; "
	    "Esc ends it."));
	loop_run();
}
