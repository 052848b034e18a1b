/*
 * Search: type part of a question's label, its id, a clause number
 * ("5.5.4", "GN-10") or of an answer; matches show as you type, an
 * answer's with the words around the match and where it is (a record's
 * number too); Enter goes there.  Labels and titles match as the screen
 * shows them (Chinese in Chinese) and in English, the template's own
 * words, which the regulator's texts and colleagues use.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/dialog.h"
#include "tui/edit.h"

struct hit {
	const struct tmpl_field *f;
	size_t rec;		/* the record, when in_record */
	int in_record;
	int in_answer;		/* found in the answer, not the question */
	char *label;		/* what the list shows: the question, an answer */
	char *where;		/* and under it, where it is */
};

struct search {
	struct hit *v;
	size_t n, cap;
};

/* Case-insensitive (ASCII) substring search: where, or NULL. */
static const char *
find_in(const char *hay, const char *needle)
{
	size_t i, j, hn = strlen(hay), nn = strlen(needle);

	if (nn == 0)
		return hay;
	for (i = 0; i + nn <= hn; i++) {
		for (j = 0; j < nn; j++)
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (j == nn)
			return hay + i;
	}
	return NULL;
}

static int
contains(const char *hay, const char *needle)
{
	return find_in(hay, needle) != NULL;
}

static int
field_matches(const struct tmpl_field *f, const char *q)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const char *clause = tmpl_field_clause(f);
	enum lang l = lang_current();

	return contains(f->label, q) || contains(f->id, q) ||
	    contains(tmpl_field_text(f, TMPL_TR_LABEL, l), q) ||
	    (clause != NULL && contains(clause, q)) ||
	    contains(top->section->title, q) ||
	    contains(tmpl_section_text(top->section, TMPL_TR_TITLE, l), q) ||
	    contains(top->section->id, q);
}

static void
add_hit(struct search *s, const struct tmpl_field *f, size_t rec,
    int in_record, const char *excerpt)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	enum lang l = lang_current();
	char *clause = validate_clause_text_lang(top->section->tmpl,
	    tmpl_field_clause(f), tmpl_field_prov(f), l), recno[64] = "";
	const char *label = tmpl_field_text(f, TMPL_TR_LABEL, l);

	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 32 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	if (in_record)
		snprintf(recno, sizeof recno, _(" \u203a record %zu"),
		    rec + 1);
	s->v[s->n].f = f;
	s->v[s->n].rec = rec;
	s->v[s->n].in_record = in_record;
	s->v[s->n].in_answer = excerpt != NULL;
	/* TRANSLATORS: a search hit in an answer; %s is the words around
	 * what was found. */
	s->v[s->n].label = excerpt != NULL ? xasprintf(_("answer "
	    "\u201c%s\u201d"), excerpt) : xstrdup(label);
	s->v[s->n++].where = xasprintf("    %s%s%s%s%s%s, %s",
	    tmpl_section_text(top->section, TMPL_TR_TITLE, l),
	    f->group != NULL ? " \u203a " : "",
	    f->group != NULL ? tmpl_field_text(f->group, TMPL_TR_LABEL, l) :
	    "", recno, excerpt != NULL ? " \u203a " : "",
	    excerpt != NULL ? label : "", clause != NULL ? clause : f->id);
	free(clause);
}

/* The words around the match, on one line: "…as they arrive in…". */
static char *
excerpt(const char *text, const char *at, size_t qlen)
{
	const char *from = at, *to = at + qlen;
	char *s, *p;

	while (from > text && at - from < 24)
		from--;
	while (*to != '\0' && to - at < (ptrdiff_t)qlen + 24)
		to++;
	/* Whole characters only: never start or end inside one. */
	while (from > text && ((unsigned char)*from & 0xC0) == 0x80)
		from--;
	while (*to != '\0' && ((unsigned char)*to & 0xC0) == 0x80)
		to++;
	s = xasprintf("%s%.*s%s", from > text ? "\u2026" : "",
	    (int)(to - from), from, *to != '\0' ? "\u2026" : "");
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return s;
}

/* An answer that holds q: a hit that shows where in it. */
static void
match_answer(const struct app *a, struct search *s,
    const struct tmpl_field *f, size_t rec, int in_record, const char *q)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	const char *text = NULL, *at;
	char *ex;
	size_t i;

	if (v == NULL)
		return;
	if (v->kind == YT_SCALAR)
		text = v->str;
	else if (dossier_na_reason(v) != NULL)
		text = dossier_na_reason(v);
	if (text != NULL && (at = find_in(text, q)) != NULL) {
		ex = excerpt(text, at, strlen(q));
		add_hit(s, f, rec, in_record, ex);
		free(ex);
		return;
	}
	for (i = 0; v->kind == YT_SEQ && i < v->n; i++)
		if (v->vals[i]->kind == YT_SCALAR &&
		    (at = find_in(v->vals[i]->str, q)) != NULL) {
			ex = excerpt(v->vals[i]->str, at, strlen(q));
			add_hit(s, f, rec, in_record, ex);
			free(ex);
			return;
		}
}

static void
clear_hits(struct search *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].label);
		free(s->v[i].where);
	}
	s->n = 0;
}

static void
find(const struct app *a, struct search *s, const char *q)
{
	const struct tmpl_section *sec;
	const struct tmpl_field *f;
	size_t i, j, k, m, r, nrec;

	clear_hits(s);
	if (*q == '\0')
		return;
	/* Questions first, then the answers that hold the text. */
	for (i = 0; i < a->s.d->ntmpls; i++) {
		for (j = 0; j < a->s.d->tmpls[i]->nsections; j++) {
			sec = &a->s.d->tmpls[i]->sections[j];
			for (k = 0; k < sec->nfields; k++) {
				f = &sec->fields[k];
				if (field_matches(f, q))
					add_hit(s, f, 0, 0, NULL);
				for (m = 0; m < f->nfields; m++)
					if (field_matches(&f->fields[m], q))
						add_hit(s, &f->fields[m], 0, 0,
						    NULL);
			}
		}
	}
	for (i = 0; i < a->s.d->ntmpls; i++) {
		for (j = 0; j < a->s.d->tmpls[i]->nsections; j++) {
			sec = &a->s.d->tmpls[i]->sections[j];
			for (k = 0; k < sec->nfields; k++) {
				f = &sec->fields[k];
				if (f->type != TMPL_GROUP) {
					match_answer(a, s, f, 0, 0, q);
					continue;
				}
				nrec = dossier_nrecords(a->s.d, f);
				for (r = 0; r < nrec; r++)
					for (m = 0; m < f->nfields; m++)
						match_answer(a, s,
						    &f->fields[m], r, 1, q);
			}
		}
	}
}

/* The search pop-up as a layer (loop.h). */
struct spop {
	const struct app *a;
	struct search s;
	struct edit e;
	size_t cur, top, rows;
	int y, x, w;
	const struct hit *target;
};

static void
spop_row(void *arg, size_t i, int r, int focus)
{
	struct spop *p = arg;
	int attr = focus ? scr_attr(SCR_CURSOR) : SCR_PLAIN;

	/* Two lines a match: what matched, and where it is. */
	scr_fill(stdscr, p->y + 2 * r, p->x, p->w, attr);
	scr_fill(stdscr, p->y + 2 * r + 1, p->x, p->w, attr);
	scr_text(stdscr, p->y + 2 * r, p->x, p->w, p->s.v[i].label, attr);
	scr_text(stdscr, p->y + 2 * r + 1, p->x, p->w, p->s.v[i].where,
	    focus ? attr : scr_attr(SCR_DIM));
}

static void
spop_draw(void *arg)
{
	struct spop *p = arg;
	int y, x, w = COLS - 8 > 100 ? 100 : COLS - 8, h = LINES - 4, rows;
	char line[400], hint[200], in_answers[96], matches[96];
	size_t i, nq, na;

	dlg_frame(h, w, _("Search questions"), &y, &x);
	scr_text(stdscr, y + 1, x + 2, w - 4, _("Part of a label, an id, a "
	    "clause number or an answer:"), SCR_PLAIN);
	rows = h - 6 > 2 ? (h - 6) / 2 : 1;
	p->y = y + 4;
	p->x = x + 2;
	p->w = w - 4;
	p->rows = (size_t)rows;
	list_draw(p->cur, p->s.n, p->rows, &p->top, spop_row, p);
	/* Questions first, then answers: counted apart. */
	for (i = 0, nq = 0; i < p->s.n; i++)
		nq += p->s.v[i].in_answer == 0;
	na = p->s.n - nq;
	if (na > 0)
		snprintf(in_answers, sizeof in_answers, _(", %zu in answers"),
		    na);
	else
		in_answers[0] = '\0';
	/* Nothing typed yet, or nothing found: say so in words. */
	if (p->s.n == 0 && p->e.n > 0)
		snprintf(matches, sizeof matches, "%s", _("No match"));
	else
		snprintf(matches, sizeof matches, ngettext("%zu match",
		    "%zu matches", nq), nq);
	snprintf(line, sizeof line, "%s%s   %s", matches, in_answers,
	    keys_hint(KC_SEARCH, 0, hint, sizeof hint));
	scr_text(stdscr, y + h - 2, x + 2, w - 4, line, scr_attr(SCR_DIM));
	edit_draw(&p->e, stdscr, y + 2, x + 2, 1, w - 4, scr_attr(SCR_INPUT));
	curs_set(1);
}

static enum loop_reply
spop_key(void *arg, int key, unsigned ctx)
{
	struct spop *p = arg;
	struct list l = { p->s.n, p->rows, NULL, NULL };
	enum key_action act = keys_lookup(ctx, key);
	char *q;

	if (list_is_move(act)) {
		p->cur = list_move(&l, p->cur, act);
		return LOOP_HANDLED;
	}
	if (act == KA_CANCEL)
		return LOOP_CLOSE;
	if (act == KA_DONE) {
		if (p->s.n == 0) {
			beep();
			return LOOP_HANDLED;
		}
		p->target = &p->s.v[p->cur];
		return LOOP_CLOSE;
	}
	if (edit_key(&p->e, key, 1) == EDIT_CHANGED) {
		q = edit_text(&p->e);
		find(p->a, &p->s, q);
		free(q);
		p->cur = p->top = 0;
	}
	return LOOP_HANDLED;
}

static const struct layer_ops spop_ops = { spop_draw, spop_key, NULL };

const struct tmpl_field *
app_search(struct app *a, size_t *rec, int *in_record)
{
	const struct tmpl_field *f = NULL;
	struct spop p;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.rows = 1;
	edit_init(&p.e, "", 0, EDIT_ANY);
	loop_push(&spop_ops, &p, KC_SEARCH, _("Enlarge the window to search; "
	    "Esc cancels."));
	loop_run();
	curs_set(0);
	edit_free(&p.e);
	if (p.target != NULL) {
		f = p.target->f;
		*rec = p.target->rec;
		*in_record = p.target->in_record;
	}
	clear_hits(&p.s);
	free(p.s.v);
	return f;
}
