/*
 * Search: type part of a question's label, its id, or a clause number
 * ("5.5.4", "GN-10"); matches show as you type; Enter goes there.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/dialog.h"
#include "tui/edit.h"

struct hit {
	const struct tmpl_field *f;
	char *label;		/* what the list shows */
};

struct search {
	struct hit *v;
	size_t n, cap;
};

/* Case-insensitive (ASCII) substring test. */
static int
contains(const char *hay, const char *needle)
{
	size_t i, j, hn = strlen(hay), nn = strlen(needle);

	if (nn == 0)
		return 1;
	for (i = 0; i + nn <= hn; i++) {
		for (j = 0; j < nn; j++)
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (j == nn)
			return 1;
	}
	return 0;
}

static int
field_matches(const struct tmpl_field *f, const char *q)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const char *clause = tmpl_field_clause(f);

	return contains(f->label, q) || contains(f->id, q) ||
	    (clause != NULL && contains(clause, q)) ||
	    contains(top->section->title, q) || contains(top->section->id, q);
}

static void
add_hit(struct search *s, const struct tmpl_field *f)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	char *clause = validate_clause_text(top->section->tmpl,
	    tmpl_field_clause(f), tmpl_field_prov(f));

	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 32 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n].f = f;
	s->v[s->n++].label = xasprintf("%s  (%s%s%s, %s)", f->label,
	    top->section->title, f->group != NULL ? " \u203a " : "",
	    f->group != NULL ? f->group->label : "",
	    clause != NULL ? clause : f->id);
	free(clause);
}

static void
clear_hits(struct search *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].label);
	s->n = 0;
}

static void
find(const struct app *a, struct search *s, const char *q)
{
	const struct tmpl_section *sec;
	const struct tmpl_field *f;
	size_t i, j, k, m;

	clear_hits(s);
	if (*q == '\0')
		return;
	for (i = 0; i < a->s.d->ntmpls; i++) {
		for (j = 0; j < a->s.d->tmpls[i]->nsections; j++) {
			sec = &a->s.d->tmpls[i]->sections[j];
			for (k = 0; k < sec->nfields; k++) {
				f = &sec->fields[k];
				if (field_matches(f, q))
					add_hit(s, f);
				for (m = 0; m < f->nfields; m++)
					if (field_matches(&f->fields[m], q))
						add_hit(s, &f->fields[m]);
			}
		}
	}
}

static void
draw(struct edit *e, const struct search *s, size_t cur, size_t *top)
{
	int y, x, w = COLS - 8 > 100 ? 100 : COLS - 8, h = LINES - 4, rows, r;
	char count[64];

	loop_draw();
	if (scr_too_small())
		return;
	dlg_frame(h, w, "Search questions", &y, &x);
	scr_text(stdscr, y + 1, x + 2, w - 4, "Part of a label, an id or a "
	    "clause number:", SCR_PLAIN);
	rows = h - 6;
	list_scroll(cur, (size_t)rows, top);
	for (r = 0; r < rows && *top + (size_t)r < s->n; r++) {
		int attr = *top + (size_t)r == cur ? scr_attr(SCR_CURSOR) :
		    SCR_PLAIN;

		scr_fill(stdscr, y + 4 + r, x + 2, w - 4, attr);
		scr_text(stdscr, y + 4 + r, x + 2, w - 4,
		    s->v[*top + (size_t)r].label, attr);
	}
	snprintf(count, sizeof count, "%zu match%s   Up/Down: choose   "
	    "Enter: go   Esc: cancel", s->n, s->n == 1 ? "" : "es");
	scr_text(stdscr, y + h - 2, x + 2, w - 4, count, scr_attr(SCR_DIM));
	edit_draw(e, stdscr, y + 2, x + 2, 1, w - 4, scr_attr(SCR_INPUT));
	curs_set(1);
}

const struct tmpl_field *
app_search(struct app *a)
{
	const struct tmpl_field *target = NULL;
	const char *saved = loop_tiny(NULL);
	struct search s = { NULL, 0, 0 };
	struct edit e;
	size_t cur = 0, top = 0;
	enum key_action act;
	char *q;
	int key;

	loop_tiny("Enlarge the window to search; Esc cancels.");
	edit_init(&e, "", 0, EDIT_ANY);
	for (;;) {
		draw(&e, &s, cur, &top);
		key = loop_getkey();
		if (key == 0)
			continue;
		if (key == 27)
			break;
		if (key == '\r' || key == '\n' || key == KEYS_CODE(KEY_ENTER)) {
			if (s.n == 0) {
				beep();
				continue;
			}
			target = s.v[cur].f;
			break;
		}
		/* Letters are typed; only the keys' codes move the list. */
		act = KEYS_IS_CODE(key) ? keys_lookup(KC_FINDINGS, key) :
		    KA_NONE;
		if (act != KA_HOME && act != KA_END && list_is_move(act)) {
			cur = list_move(cur, s.n, (size_t)(LINES - 10), act);
			continue;
		}
		if (edit_key(&e, key, 1) == EDIT_CHANGED) {
			q = edit_text(&e);
			find(a, &s, q);
			free(q);
			cur = top = 0;
		}
	}
	curs_set(0);
	edit_free(&e);
	clear_hits(&s);
	free(s.v);
	loop_tiny(saved);
	return target;
}
