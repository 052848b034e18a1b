/*
 * The findings screen: every finding of the last validation, worst
 * first as validation lists them, with the answer it is about; Enter
 * jumps to the exact question, inside a record when it is a record's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/dialog.h"

static enum scr_mark
mark_of(const struct finding *fi)
{
	return app_status_mark(checklist_finding_status(fi));
}

static char *
where(const struct app *a, const struct finding *fi)
{
	const struct tmpl_field *f = fi->field;
	enum lang l = lang_current();

	(void)a;
	if (f == NULL && fi->section != NULL)
		return xasprintf("%s", tmpl_section_text(fi->section,
		    TMPL_TR_TITLE, l));
	if (f == NULL)
		/* TRANSLATORS: %s is a path in the dossier file. */
		return xasprintf(_("%s (not part of any template)"),
		    fi->key_path != NULL ? fi->key_path : "?");
	if (f->group != NULL && fi->in_record)
		/* TRANSLATORS: section, group, record number, question. */
		return xasprintf(_("%s \u203a %s \u203a record %zu \u203a %s"),
		    tmpl_section_text(f->group->section, TMPL_TR_TITLE, l),
		    tmpl_field_text(f->group, TMPL_TR_LABEL, l),
		    (size_t)fi->rec + 1, tmpl_field_text(f, TMPL_TR_LABEL, l));
	return xasprintf("%s \u203a %s", tmpl_section_text((f->group != NULL ?
	    f->group : f)->section, TMPL_TR_TITLE, l),
	    tmpl_field_text(f, TMPL_TR_LABEL, l));
}

static void
draw_row(const struct app *a, const struct finding *fi, int y, int focus)
{
	int attr = focus ? scr_attr(SCR_CURSOR) : SCR_PLAIN, used;
	enum scr_mark m = mark_of(fi);
	char *clause = fi->tmpl != NULL ? validate_clause_text_lang(fi->tmpl,
	    fi->clause, fi->prov, lang_current()) : NULL;

	(void)a;
	scr_fill(stdscr, y, 0, COLS, attr);
	scr_text(stdscr, y, 1, 1, scr_mark(m), focus ? attr :
	    scr_attr(scr_mark_role(m)));
	used = scr_text(stdscr, y, 3, 24, clause != NULL ? clause : "",
	    focus ? attr : attr | scr_attr(SCR_DIM));
	scr_text(stdscr, y, 3 + (used > 0 ? 25 : 0), COLS - 4 -
	    (used > 0 ? 25 : 0), finding_text(fi), attr);
	free(clause);
}

static void
draw_detail(const struct app *a, const struct finding *fi, int y, int h)
{
	char *w = where(a, fi), *v = NULL, *line, **l;
	size_t n, i;

	line = xasprintf(_("Where: %s"), w);
	scr_text(stdscr, y++, 1, COLS - 2, line, scr_attr(SCR_HEADING));
	free(line);
	free(w);
	if (fi->field != NULL) {
		v = app_summary(a, fi->field, fi->rec);
		line = xasprintf(_("Answer: %s"), *v != '\0' ? v :
		    _("(not answered)"));
		scr_text(stdscr, y++, 1, COLS - 2, line, SCR_PLAIN);
		free(line);
		free(v);
	}
	l = scr_wrap(finding_text(fi), COLS - 2, &n);
	for (i = 0; i < n && y < LINES - 1 && (int)i < h - 2; i++)
		scr_text(stdscr, y++, 1, COLS - 2, l[i],
		    scr_attr(scr_mark_role(mark_of(fi))));
	scr_wrap_free(l, n);
}

/* The findings screen as a layer (loop.h). */
struct fscreen {
	struct app *a;
	size_t cur, top;
	const struct finding *target;
};

static void
fscreen_row(void *arg, size_t i, int r, int focus)
{
	struct fscreen *fs = arg;

	draw_row(fs->a, &fs->a->s.r->f[i], 1 + r, focus);
}

static void
fscreen_draw(void *arg)
{
	struct fscreen *fs = arg;
	struct app *a = fs->a;
	int list_h = LINES - 8;
	char *title, hint[160], *e, *w, *i;

	/* A full-screen layer: nothing of the main screen shows. */
	erase();
	app_counts(a, &e, &w, &i);
	/* TRANSLATORS: the findings screen's title line: the three counts
	 * ("20 errors", "5 warnings", "1 note") and the percentage. */
	title = xasprintf(_(" Findings \u2502 %s, %s, %s \u2502 %d%% complete"),
	    e, w, i, report_percent(a->s.r));
	free(e);
	free(w);
	free(i);
	scr_fill(stdscr, 0, 0, COLS, scr_attr(SCR_TITLE));
	scr_text(stdscr, 0, 0, COLS, title, scr_attr(SCR_TITLE));
	free(title);
	if (a->s.r->n == 0) {
		scr_text(stdscr, 2, 2, COLS - 4, _("No findings: every check "
		    "passes."), scr_attr(SCR_OK));
	} else {
		if (fs->cur >= a->s.r->n)
			fs->cur = a->s.r->n - 1;
		list_draw(fs->cur, a->s.r->n, (size_t)list_h, &fs->top,
		    fscreen_row, fs);
		scr_hline(stdscr, LINES - 7, 0, COLS, scr_attr(SCR_BORDER));
		/* TRANSLATORS: which finding has the focus, of how many;
		 * the key hints follow. */
		title = xasprintf(_(" %zu of %zu   %s "), fs->cur + 1,
		    a->s.r->n, keys_hint(KC_FINDINGS, 0, hint, sizeof hint));
		scr_text(stdscr, LINES - 7, 2, COLS - 4, title,
		    scr_attr(SCR_DIM));
		free(title);
		draw_detail(a, &a->s.r->f[fs->cur], LINES - 6, 5);
	}
	/* What the last key did (a save, a finding with no question). */
	if (a->msg[0] != '\0') {
		scr_fill(stdscr, LINES - 2, 0, COLS, scr_attr(a->msg_role));
		scr_text(stdscr, LINES - 2, 1, COLS - 2, a->msg,
		    scr_attr(a->msg_role));
	}
	app_draw_keybar(a, KC_FINDINGS);
}

static enum loop_reply
fscreen_key(void *arg, int key, unsigned ctx)
{
	struct fscreen *fs = arg;
	struct app *a = fs->a;
	struct list l = { a->s.r->n, (size_t)(LINES - 8), NULL, NULL };
	enum key_action act = keys_lookup(ctx, key);

	a->msg[0] = '\0';
	if (list_is_move(act)) {
		fs->cur = list_move(&l, fs->cur, act);
		return LOOP_HANDLED;
	}
	switch (act) {
	case KA_BACK:
		return LOOP_CLOSE;
	case KA_EDIT:
		if (a->s.r->n == 0)
			return LOOP_HANDLED;
		fs->target = &a->s.r->f[fs->cur];
		if (fs->target->field != NULL || fs->target->section != NULL)
			return LOOP_CLOSE;
		fs->target = NULL;
		app_message(a, SCR_MESSAGE, "%s", _("This finding is not "
		    "about a question; change it in the file itself."));
		return LOOP_HANDLED;
	default:
		/* Not ours: down the stack (save, quit, help...). */
		return LOOP_PASS;
	}
}

static const struct layer_ops fscreen_ops = {
	fscreen_draw, fscreen_key, NULL
};

const struct finding *
app_findings(struct app *a)
{
	struct fscreen fs = { a, 0, 0, NULL };

	loop_push(&fscreen_ops, &fs, KC_FINDINGS, _("Enlarge the window to "
	    "see the findings; Esc goes back."));
	loop_run();
	return a->quit ? NULL : fs.target;
}
