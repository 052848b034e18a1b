/*
 * The findings screen: every finding of the last validation, worst
 * first as validation lists them, with the answer it is about; Enter
 * jumps to the exact question, inside a record when it is a record's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/dialog.h"

static enum scr_mark
mark_of(const struct finding *fi)
{
	if (fi->sev == TMPL_ERROR)
		return fi->kind == FIND_MISSING ? SCR_MARK_OPEN :
		    SCR_MARK_ERROR;
	return fi->sev == TMPL_WARNING ? SCR_MARK_WARNING : SCR_MARK_INFO;
}

static char *
where(const struct app *a, const struct finding *fi)
{
	const struct tmpl_field *f = fi->field;

	(void)a;
	if (f == NULL && fi->section != NULL)
		return xasprintf("%s", fi->section->title);
	if (f == NULL)
		return xasprintf("%s (not part of any template)",
		    fi->path != NULL ? fi->path : "?");
	if (f->group != NULL && fi->in_record)
		return xasprintf("%s \u203a %s \u203a record %zu \u203a %s",
		    f->group->section->title, f->group->label, fi->rec + 1,
		    f->label);
	return xasprintf("%s \u203a %s", (f->group != NULL ? f->group :
	    f)->section->title, f->label);
}

static void
draw_row(const struct app *a, const struct finding *fi, int y, int focus)
{
	int attr = focus ? scr_attr(SCR_CURSOR) : SCR_PLAIN, used;
	enum scr_mark m = mark_of(fi);
	char *clause = fi->tmpl != NULL ? validate_clause_text(fi->tmpl,
	    fi->clause, fi->prov) : NULL;

	(void)a;
	scr_fill(stdscr, y, 0, COLS, attr);
	scr_text(stdscr, y, 1, 1, scr_mark(m), focus ? attr :
	    scr_attr(scr_mark_role(m)));
	used = scr_text(stdscr, y, 3, 24, clause != NULL ? clause : "",
	    focus ? attr : attr | scr_attr(SCR_DIM));
	scr_text(stdscr, y, 3 + (used > 0 ? 25 : 0), COLS - 4 -
	    (used > 0 ? 25 : 0), fi->message, attr);
	free(clause);
}

static void
draw_detail(const struct app *a, const struct finding *fi, int y, int h)
{
	char *w = where(a, fi), *v = NULL, *line, **l;
	size_t n, i;

	line = xasprintf("Where: %s", w);
	scr_text(stdscr, y++, 1, COLS - 2, line, scr_attr(SCR_HEADING));
	free(line);
	free(w);
	if (fi->field != NULL) {
		v = app_summary(a, fi->field, fi->rec);
		line = xasprintf("Answer: %s", *v != '\0' ? v :
		    "(not answered)");
		scr_text(stdscr, y++, 1, COLS - 2, line, SCR_PLAIN);
		free(line);
		free(v);
	}
	l = scr_wrap(fi->message, COLS - 2, &n);
	for (i = 0; i < n && y < LINES - 1 && (int)i < h - 2; i++)
		scr_text(stdscr, y++, 1, COLS - 2, l[i],
		    scr_attr(scr_mark_role(mark_of(fi))));
	scr_wrap_free(l, n);
}

static void
draw(struct app *a, size_t cur, size_t *top)
{
	int list_h = LINES - 8, r;
	char *title;

	erase();
	if (scr_too_small()) {
		scr_draw_too_small(a->tiny_prompt);
		return;
	}
	title = xasprintf(" Findings \u2502 %zu error%s, %zu warning%s, %zu "
	    "note%s \u2502 %d%% complete", a->r->errors,
	    a->r->errors == 1 ? "" : "s", a->r->warnings,
	    a->r->warnings == 1 ? "" : "s", a->r->infos,
	    a->r->infos == 1 ? "" : "s", report_percent(a->r));
	scr_fill(stdscr, 0, 0, COLS, scr_attr(SCR_TITLE));
	scr_text(stdscr, 0, 0, COLS, title, scr_attr(SCR_TITLE));
	free(title);
	if (a->r->n == 0) {
		scr_text(stdscr, 2, 2, COLS - 4, "No findings: every check "
		    "passes.", scr_attr(SCR_OK));
	} else {
		if (cur < *top)
			*top = cur;
		if (cur >= *top + (size_t)list_h)
			*top = cur - (size_t)list_h + 1;
		for (r = 0; r < list_h && *top + (size_t)r < a->r->n; r++)
			draw_row(a, &a->r->f[*top + (size_t)r], 1 + r,
			    *top + (size_t)r == cur);
		scr_hline(stdscr, LINES - 7, 0, COLS, scr_attr(SCR_BORDER));
		title = xasprintf(" %zu of %zu   Enter: go to the question  "
		    "Esc: back ", cur + 1, a->r->n);
		scr_text(stdscr, LINES - 7, 2, COLS - 4, title,
		    scr_attr(SCR_DIM));
		free(title);
		draw_detail(a, &a->r->f[cur], LINES - 6, 5);
	}
	/* What the last key did (a save, a finding with no question). */
	if (a->msg[0] != '\0') {
		scr_fill(stdscr, LINES - 2, 0, COLS, scr_attr(a->msg_role));
		scr_text(stdscr, LINES - 2, 1, COLS - 2, a->msg,
		    scr_attr(a->msg_role));
	}
	app_draw_keybar(a, KC_FINDINGS);
}

/* Go to the finding's question; returns 0 when there is none. */
static int
jump(struct app *a, const struct finding *fi)
{
	size_t i;

	if (fi->field != NULL) {
		app_goto(a, fi->field, fi->rec, fi->in_record);
		return 1;
	}
	for (i = 0; fi->section != NULL && i < a->nitems; i++) {
		if (a->items[i].s == fi->section) {
			a->sec = i;
			a->level = APP_FIELDS;
			a->pane = 1;
			a->cur[APP_FIELDS] = 0;
			return 1;
		}
	}
	return 0;
}

void
app_findings(struct app *a)
{
	const char *saved = a->tiny_prompt;
	size_t cur = 0, top = 0;
	int key, done = 0;

	a->tiny_prompt = "Enlarge the window to see the findings; Esc goes "
	    "back.";
	while (!done && !a->quit) {
		if (a->r->n > 0 && cur >= a->r->n)
			cur = a->r->n - 1;
		draw(a, cur, &top);
		key = app_getkey(a);
		if (key == 0)
			continue;
		a->msg[0] = '\0';
		if (key == KEYS_CODE(KEY_F(6)) || key == '!') {
			break;
		}
		switch (keys_lookup(KC_FINDINGS, key)) {
		case KA_BACK:
			done = 1;
			break;
		case KA_QUIT:
			app_quit(a);
			break;
		case KA_SAVE:
			app_save(a);
			break;
		case KA_UP:
			cur = cur > 0 ? cur - 1 : 0;
			break;
		case KA_DOWN:
			cur++;
			break;
		case KA_PGUP:
			cur = cur + 9 > (size_t)LINES ?
			    cur + 9 - (size_t)LINES : 0;
			break;
		case KA_PGDN:
			cur += (size_t)LINES - 9;
			break;
		case KA_HOME:
			cur = 0;
			break;
		case KA_END:
			cur = a->r->n;
			break;
		case KA_RECHECK:
			vcache_clear(a->cache);
			app_revalidate(a);
			break;
		case KA_EDIT:
			if (a->r->n > 0 && jump(a, &a->r->f[cur]))
				done = 1;
			else if (a->r->n > 0)
				app_message(a, SCR_MESSAGE, "This finding is "
				    "not about a question; change it in the "
				    "file itself.");
			break;
		case KA_HELP:
			dlg_view(a, "Findings", "Every finding of the last "
			    "check, in the order of the templates.\n\n"
			    "  Up/Down, PgUp/PgDn  move\n"
			    "  Enter               go to the question\n"
			    "  F5  r               check again\n"
			    "  Esc  F6  !          back\n"
			    "  F2  s               save\n"
			    "  F10  q              quit");
			break;
		default:
			break;
		}
	}
	a->tiny_prompt = saved;
}
