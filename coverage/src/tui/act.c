/*
 * What keys and clicks do on the main screen, and the bookkeeping around
 * every change: undo, re-validation, and asking about answers that a
 * change made irrelevant (nothing is deleted silently).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/recover.h"

/* Where the focus is. */

const struct tmpl_section *
app_section(const struct app *a)
{
	return a->items[a->sec].s;
}

size_t
app_rows(const struct app *a)
{
	switch (a->level) {
	case APP_FIELDS:
		return app_section(a)->nfields;
	case APP_GROUP:
		return dossier_nrecords(a->d, a->group);
	case APP_RECORD:
		return a->group->nfields;
	}
	return 0;
}

struct app_ref
app_row(const struct app *a, size_t i)
{
	struct app_ref r = { NULL, 0 };

	if (a->level == APP_FIELDS) {
		r.f = &app_section(a)->fields[i];
	} else if (a->level == APP_GROUP) {
		r.rec = i;
	} else {
		r.f = &a->group->fields[i];
		r.rec = a->rec;
	}
	return r;
}

unsigned
app_context(const struct app *a)
{
	if (a->pane == 0)
		return KC_SECTIONS;
	if (a->level == APP_GROUP)
		return KC_GROUP;
	return a->level == APP_RECORD ? KC_RECORD : KC_FIELDS;
}

/* After undo or a deletion the record shown may be gone. */
static void
fix_focus(struct app *a)
{
	if (a->level == APP_RECORD &&
	    a->rec >= dossier_nrecords(a->d, a->group)) {
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = a->rec;
	}
}

void
app_revalidate(struct app *a)
{
	report_free(a->r);
	a->r = validate(a->d, a->cache);
	fix_focus(a);
}

/* Changes and answers that stop applying. */

static struct app_ref *watched;
static size_t nwatched;
static int watching;

static int
answered(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(d, f, rec);

	return dossier_filled(v) || dossier_na_reason(v) != NULL;
}

static void
watch_add(const struct tmpl_field *f, size_t rec)
{
	watched = xreallocarray(watched, nwatched + 1, sizeof *watched);
	watched[nwatched].f = f;
	watched[nwatched++].rec = rec;
}

static void
watch_field(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	if (answered(d, f, rec) && validate_applies(d, f, rec))
		watch_add(f, rec);
}

/* Every answered field that applies now, records' fields included. */
static void
watch_collect(const struct dossier *d)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	size_t i, j, k, r, n;

	nwatched = 0;
	for (i = 0; i < d->ntmpls; i++) {
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			s = &d->tmpls[i]->sections[j];
			for (k = 0; k < s->nfields; k++) {
				f = &s->fields[k];
				watch_field(d, f, 0);
				n = f->type == TMPL_GROUP ?
				    dossier_nrecords(d, f) : 0;
				for (r = 0; r < n * f->nfields; r++)
					watch_field(d, &f->fields[r % f->nfields],
					    r / f->nfields);
			}
		}
	}
}

void
app_change_begin(struct app *a, const char *what, int watch)
{
	a->chg_f = NULL;
	watching = watch;
	if (watch)
		watch_collect(a->d);
	undo_push(&a->undo, a->d, a->state, what);
}

/* Those watched that are still answered but no longer apply. */
static size_t
stale(const struct dossier *d)
{
	size_t i, n = 0;

	for (i = 0; i < nwatched; i++)
		if (answered(d, watched[i].f, watched[i].rec) &&
		    !validate_applies(d, watched[i].f, watched[i].rec))
			watched[n++] = watched[i];
	return n;
}

/* One line per answer when few, one per section when many. */
static char *
stale_list(size_t n)
{
	const struct tmpl_section *sec, *prev = NULL;
	char *s = xstrdup(""), *t;
	size_t i, j, count;

	for (i = 0; i < n; i++) {
		const struct tmpl_field *f = watched[i].f;

		sec = (f->group != NULL ? f->group : f)->section;
		if (n <= 6) {
			t = xasprintf("%s\n  - %s (%s)", s, f->label,
			    sec->title);
		} else if (sec != prev) {
			for (j = i, count = 0; j < n; j++)
				count += (watched[j].f->group != NULL ?
				    watched[j].f->group :
				    watched[j].f)->section == sec;
			t = xasprintf("%s\n  - %s: %zu answer%s", s, sec->title,
			    count, count == 1 ? "" : "s");
		} else {
			continue;
		}
		prev = sec;
		free(s);
		s = t;
	}
	return s;
}

static char *
stale_text(size_t n)
{
	char *list = stale_list(n), *t;

	t = xasprintf("Because of this answer, %zu answered question%s no "
	    "longer appl%s:%s\n\nClear them, or keep them in the file?  Kept "
	    "answers are not checked while they do not apply, and count "
	    "again if the answer changes back.", n, n == 1 ? "" : "s",
	    n == 1 ? "ies" : "y", list);
	free(list);
	return t;
}

static void
offer_clear(struct app *a, size_t n)
{
	static const char *const buttons[] = { "c:Clear them",
	    "k:Keep them" };
	struct app_ref *list;
	char *text = stale_text(n);
	size_t i;
	int c;

	c = dlg_choose(a, "Answers that no longer apply", text, buttons, 2,
	    "Keep them too", "Some answers no longer apply: c clears them, k "
	    "keeps them.");
	free(text);
	if (c != 0) {
		if (n > 0)
			app_message(a, SCR_MESSAGE, "Kept %zu answer%s that no "
			    "longer appl%s.", n, n == 1 ? "" : "s",
			    n == 1 ? "ies" : "y");
		return;
	}
	list = xcalloc(n, sizeof *list);
	memcpy(list, watched, n * sizeof *list);
	app_change_begin(a, "clear answers that no longer apply", 1);
	for (i = 0; i < n; i++)
		yt_free(dossier_put(a->d, list[i].f, list[i].rec, NULL));
	free(list);
	app_change_end(a);
	app_message(a, SCR_MESSAGE, "Cleared %zu answer%s; u brings %s back.",
	    n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
}

void
app_change_at(struct app *a, const struct tmpl_field *f, size_t rec)
{
	a->chg_f = f;
	a->chg_rec = rec;
}

void
app_change_end(struct app *a)
{
	size_t n;

	a->state = ++a->next_state;
	if (a->chg_f != NULL && a->r != NULL) {
		validate_update(a->r, a->d, a->chg_f, a->chg_rec, a->cache);
		fix_focus(a);
		a->chg_f = NULL;
	} else {
		app_revalidate(a);
	}
	if (!watching)
		return;
	watching = 0;
	n = stale(a->d);
	if (n > 0)
		offer_clear(a, n);
	free(watched);
	watched = NULL;
	nwatched = 0;
}

/* Save, quit, undo. */

int
app_writable(struct app *a)
{
	if (a->readonly == NULL)
		return 1;
	app_message(a, SCR_ERROR, "Read-only: %s", a->readonly);
	return 0;
}

int
app_save(struct app *a)
{
	static const char *const buttons[] = { "o:Overwrite it" };
	struct diag err;
	char *text;
	int rc;

	if (!app_writable(a))
		return -1;
	rc = dossier_save(a->d, NULL, 0, &err);
	if (rc < 0 && err.code == DIAG_CHANGED) {
		text = xasprintf("%s  Overwrite it with your version, or "
		    "cancel and look at the file first?", err.msg);
		if (dlg_choose(a, "File changed on disk", text, buttons, 1,
		    NULL, "File changed on disk: o overwrites, Esc "
		    "cancels.") == 0)
			rc = dossier_save(a->d, NULL, DOSSIER_SAVE_FORCE, &err);
		else
			err.msg[0] = '\0';
		free(text);
	}
	if (rc < 0) {
		if (err.msg[0] != '\0') {
			text = xasprintf("%s %s.  The file on disk is as it "
			    "was; your edits are still here, unsaved: fix the "
			    "cause and save again.", app_filename(a), err.msg);
			dlg_message(a, "Not saved", text);
			free(text);
		}
		return -1;
	}
	a->saved_state = a->state;
	a->saved_once = 1;
	a->autosaved_state = 0;
	recover_remove(a->rpath);
	app_message(a, SCR_OK, "Saved %s: %d%% complete, %zu error%s, %zu "
	    "warning%s.", app_filename(a), report_percent(a->r), a->r->errors,
	    a->r->errors == 1 ? "" : "s", a->r->warnings,
	    a->r->warnings == 1 ? "" : "s");
	return 0;
}

void
app_quit(struct app *a)
{
	static const char *const buttons[] = { "s:Save and quit",
	    "d:Discard the changes and quit" };
	char *text;
	int c;

	if (!app_dirty(a)) {
		a->quit = 1;
		return;
	}
	text = xasprintf("%s has unsaved changes.  Save them before "
	    "quitting?", app_filename(a));
	c = dlg_choose(a, "Unsaved changes", text, buttons, 2, "Go back",
	    "Unsaved changes: s saves and quits, d discards and quits, Esc "
	    "stays.");
	free(text);
	if (c == 0 && app_save(a) == 0) {
		a->quit = 1;
	} else if (c == 1) {
		recover_remove(a->rpath);
		a->quit = 1;
	}
}

void
app_undo(struct app *a, int redo)
{
	const char *what;

	if (!app_writable(a))
		return;
	what = redo ? undo_redo(&a->undo, a->d, &a->state) :
	    undo_undo(&a->undo, a->d, &a->state);
	if (what == NULL) {
		app_message(a, SCR_MESSAGE, redo ? "Nothing to redo." :
		    "Nothing to undo.");
		return;
	}
	app_revalidate(a);
	app_message(a, SCR_MESSAGE, "%s: %s.", redo ? "Redone" : "Undone",
	    what);
}

/* Navigation. */

static void
open_section(struct app *a, size_t item)
{
	if (item == a->sec || a->items[item].s == NULL)
		return;
	a->sec = item;
	a->level = APP_FIELDS;
	a->cur[APP_FIELDS] = a->top[APP_FIELDS] = 0;
}

static void
move_section(struct app *a, long delta)
{
	long i = (long)a->sec, step = delta < 0 ? -1 : 1, left = labs(delta);
	long last = (long)a->sec;

	while (left > 0) {
		i += step;
		if (i < 0 || i >= (long)a->nitems)
			break;
		if (a->items[i].s == NULL)
			continue;
		last = i;
		left--;
	}
	open_section(a, (size_t)last);
}

static void
move_row(struct app *a, long delta)
{
	size_t n = app_rows(a), *cur = &a->cur[a->level];
	long c = (long)*cur + delta;

	if (n == 0)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	*cur = (size_t)c;
}

static void
step_focus(struct app *a, long delta)
{
	if (a->pane == 0)
		move_section(a, delta);
	else
		move_row(a, delta);
}

void
app_goto(struct app *a, const struct tmpl_field *f, size_t rec,
    int in_record)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	size_t i;

	for (i = 0; i < a->nitems; i++)
		if (a->items[i].s == top->section)
			open_section(a, i);
	a->pane = 1;
	a->level = APP_FIELDS;
	a->cur[APP_FIELDS] = top->index;
	if (f->group != NULL && in_record &&
	    rec < dossier_nrecords(a->d, f->group)) {
		a->group = f->group;
		a->rec = rec;
		a->level = APP_RECORD;
		a->cur[APP_GROUP] = rec;
		a->cur[APP_RECORD] = f->index;
	} else if (f->group != NULL) {
		a->group = f->group;
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = 0;
	}
}

static void
back(struct app *a)
{
	if (a->pane == 0)
		return;
	if (a->level == APP_RECORD) {
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = a->rec;
	} else if (a->level == APP_GROUP) {
		a->level = APP_FIELDS;
	} else {
		a->pane = 0;
	}
}

/* Enter on the focused row. */
static void
activate(struct app *a)
{
	struct app_ref ref;

	if (a->pane == 0) {
		a->pane = 1;
		return;
	}
	if (app_rows(a) == 0)
		return;
	ref = app_row(a, a->cur[a->level]);
	if (ref.f == NULL) {
		a->rec = ref.rec;
		a->level = APP_RECORD;
		a->cur[APP_RECORD] = a->top[APP_RECORD] = 0;
	} else if (ref.f->type == TMPL_GROUP && a->level == APP_FIELDS) {
		a->group = ref.f;
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = a->top[APP_GROUP] = 0;
	} else if (app_edit(a, ref.f, ref.rec) && a->level != APP_GROUP &&
	    a->cur[a->level] + 1 < app_rows(a)) {
		/* Answered: on to the next question, as a form would. */
		a->cur[a->level]++;
	}
}

/* Records. */

static void
record_add(struct app *a)
{
	size_t n = dossier_nrecords(a->d, a->group), i;

	if (!app_writable(a))
		return;
	i = n == 0 ? 0 : a->cur[APP_GROUP] + 1;
	app_change_begin(a, "add a record", 0);
	app_change_at(a, a->group, 0);
	i = dossier_insert_record(a->d, a->group, i, NULL);
	app_change_end(a);
	a->rec = i;
	a->cur[APP_GROUP] = i;
	a->level = APP_RECORD;
	a->cur[APP_RECORD] = a->top[APP_RECORD] = 0;
	app_message(a, SCR_MESSAGE, "Added record %zu; Esc goes back to the "
	    "list.", i + 1);
}

static void
record_delete(struct app *a)
{
	static const char *const buttons[] = { "y:Yes, delete it" };
	size_t i = a->cur[APP_GROUP];
	char *text;
	int c;

	if (i >= dossier_nrecords(a->d, a->group) || !app_writable(a))
		return;
	text = xasprintf("Delete record %zu of %s?  (u undoes it.)", i + 1,
	    a->group->label);
	c = dlg_choose(a, "Delete record", text, buttons, 1, "Keep it",
	    "Delete this record? y deletes, Esc keeps it.");
	free(text);
	if (c != 0)
		return;
	app_change_begin(a, "delete a record", 0);
	app_change_at(a, a->group, 0);
	yt_free(dossier_remove_record(a->d, a->group, i));
	app_change_end(a);
	app_message(a, SCR_MESSAGE, "Deleted record %zu; u brings it back.",
	    i + 1);
}

static void
record_move(struct app *a, int down)
{
	size_t i = a->cur[APP_GROUP], n = dossier_nrecords(a->d, a->group);

	if ((down && i + 1 >= n) || (!down && i == 0) || !app_writable(a))
		return;
	app_change_begin(a, "move a record", 0);
	app_change_at(a, a->group, 0);
	dossier_move_record(a->d, a->group, i, down ? i + 1 : i - 1);
	app_change_end(a);
	a->cur[APP_GROUP] = down ? i + 1 : i - 1;
}

/* The next finding after the focus, in screen order. */
/*
 * Where a question sits in screen order: section item, question, record
 * and question of the record, each counted from 1 so that 0 stands for
 * "the section itself" or "the group itself".  Findings are not in this
 * order (a section's rule findings follow its field findings), so "next"
 * compares spots rather than list positions.
 */
struct spot {
	size_t sec, q, rec, sub;
};

static int
spot_cmp(const struct spot *x, const struct spot *y)
{
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	if (x->sub != y->sub)
		return x->sub < y->sub ? -1 : 1;
	return 0;
}

static struct spot
finding_spot(const struct app *a, const struct finding *fi)
{
	const struct tmpl_field *f = fi->field;
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	struct spot p = { 0, top->index + 1, 0, 0 };
	size_t i;

	for (i = 0; i < a->nitems; i++)
		if (a->items[i].s == top->section)
			p.sec = i;
	if (f->group != NULL) {
		p.rec = fi->in_record ? fi->rec + 1 : 0;
		p.sub = f->index + 1;
	}
	return p;
}

static struct spot
focus_spot(const struct app *a)
{
	struct spot p = { a->sec, 0, 0, 0 };

	if (a->pane == 0)
		return p;
	if (a->level == APP_FIELDS) {
		if (app_rows(a) > 0)
			p.q = a->cur[APP_FIELDS] + 1;
		return p;
	}
	p.q = a->group->index + 1;
	if (a->level == APP_GROUP) {
		if (app_rows(a) > 0)
			p.rec = a->cur[APP_GROUP] + 1;
	} else {
		p.rec = a->rec + 1;
		p.sub = a->cur[APP_RECORD] + 1;
	}
	return p;
}

/* The first question with a finding after the focus, round the end. */
static void
next_problem(struct app *a)
{
	const struct finding *fi, *next = NULL, *first = NULL;
	struct spot here = focus_spot(a), p, pnext = { 0, 0, 0, 0 };
	struct spot pfirst = pnext;
	size_t i;

	for (i = 0; i < a->r->n; i++) {
		fi = &a->r->f[i];
		if (fi->field == NULL)
			continue;
		p = finding_spot(a, fi);
		if (spot_cmp(&p, &here) > 0 &&
		    (next == NULL || spot_cmp(&p, &pnext) < 0)) {
			next = fi;
			pnext = p;
		}
		if (first == NULL || spot_cmp(&p, &pfirst) < 0) {
			first = fi;
			pfirst = p;
		}
	}
	if (next == NULL)
		next = first;
	if (next == NULL) {
		app_message(a, SCR_OK, a->r->n == 0 ? "No findings left." :
		    "No finding points at a question; F6 lists them.");
		return;
	}
	if (next == first && spot_cmp(&pfirst, &here) == 0) {
		app_message(a, SCR_OK, "No other question has a finding.");
		return;
	}
	app_goto(a, next->field, next->rec, next->in_record);
}

static char *
help_text(struct app *a)
{
	const struct key_binding *b;
	unsigned ctx = app_context(a);
	char *s = xstrdup("Keys that work here\n"), *t;
	size_t n, i;

	b = keys_table(&n);
	for (i = 0; i < n; i++) {
		if ((b[i].ctx & ctx) == 0)
			continue;
		t = xasprintf("%s  %-16s %s\n", s, b[i].names, b[i].help);
		free(s);
		s = t;
	}
	t = xasprintf("%s\nMarks\n  %s answered   %s still to answer   %s a "
	    "problem to fix\n  %s warning   %s note   %s does not apply\n\n"
	    "Your work is safe\n  Saving writes a new file and renames it "
	    "over the old one.  While changes are unsaved, they are copied "
	    "every %d seconds to %s; if the program is stopped, the next "
	    "start offers to recover them.\n", s, scr_mark(SCR_MARK_DONE),
	    scr_mark(SCR_MARK_OPEN), scr_mark(SCR_MARK_ERROR),
	    scr_mark(SCR_MARK_WARNING), scr_mark(SCR_MARK_INFO),
	    scr_mark(SCR_MARK_NA), RECOVER_INTERVAL, a->rpath);
	free(s);
	return t;
}

static void
show_help(struct app *a)
{
	char *text = help_text(a);

	dlg_view(a, "Help", text);
	free(text);
}

static void
recheck(struct app *a)
{
	vcache_clear(a->cache);
	app_revalidate(a);
	app_message(a, SCR_MESSAGE, "Checked again (evidence files looked up "
	    "afresh): %zu error%s, %zu warning%s.", a->r->errors,
	    a->r->errors == 1 ? "" : "s", a->r->warnings,
	    a->r->warnings == 1 ? "" : "s");
}

/* Mouse: a click selects, a click on the selection opens it. */
static void
mouse(struct app *a)
{
	struct app_geom g;
	MEVENT ev;
	size_t row;

	if (getmouse(&ev) != OK)
		return;
	app_geom(&g);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		a->pane = ev.x < g.left_w ? 0 : 1;
		step_focus(a, ev.bstate & BUTTON4_PRESSED ? -1 : 1);
		return;
	}
	if (ev.y < g.main_y || ev.y >= g.main_y + g.main_h)
		return;
	if (ev.x < g.left_w) {
		row = a->sec_top + (size_t)(ev.y - g.main_y);
		if (row < a->nitems && a->items[row].s != NULL) {
			open_section(a, row);
			a->pane = 0;
		}
		return;
	}
	if (ev.y < g.list_y || ev.y >= g.list_y + g.list_h)
		return;
	row = a->top[a->level] + (size_t)((ev.y - g.list_y) /
	    app_row_height(a));
	if (row >= app_rows(a))
		return;
	if (a->pane == 1 && row == a->cur[a->level]) {
		activate(a);
		return;
	}
	a->pane = 1;
	a->cur[a->level] = row;
}

static void
field_action(struct app *a, enum key_action act)
{
	struct app_ref ref;

	if (a->pane != 1 || a->level == APP_GROUP || app_rows(a) == 0)
		return;
	ref = app_row(a, a->cur[a->level]);
	if (act == KA_EXTEDIT)
		app_edit_external(a, ref.f, ref.rec);
	else if (act == KA_NA)
		app_not_applicable(a, ref.f, ref.rec);
	else
		app_clear(a, ref.f, ref.rec);
}

static void
record_action(struct app *a, enum key_action act)
{
	if (act == KA_ADD)
		record_add(a);
	else if (act == KA_DELETE)
		record_delete(a);
	else
		record_move(a, act == KA_MOVE_DOWN);
}

static void
navigate(struct app *a, enum key_action act)
{
	struct app_geom g;

	app_geom(&g);
	switch (act) {
	case KA_UP:
		step_focus(a, -1);
		break;
	case KA_DOWN:
		step_focus(a, 1);
		break;
	case KA_PGUP:
		step_focus(a, -(long)(g.list_h / app_row_height(a)) + 1);
		break;
	case KA_PGDN:
		step_focus(a, (long)(g.list_h / app_row_height(a)) - 1);
		break;
	case KA_HOME:
		step_focus(a, -100000);
		break;
	case KA_END:
		step_focus(a, 100000);
		break;
	case KA_LEFT:
		if (a->pane == 1 && a->level == APP_FIELDS)
			a->pane = 0;
		else
			back(a);
		break;
	case KA_RIGHT:
		if (a->pane == 0)
			a->pane = 1;
		break;
	case KA_NEXT_PANE:
	case KA_PREV_PANE:
		a->pane = !a->pane;
		break;
	default:
		break;
	}
}

void
app_key(struct app *a, int key)
{
	enum key_action act;

	a->msg[0] = '\0';
	if (key == KEYS_CODE(KEY_MOUSE)) {
		mouse(a);
		return;
	}
	act = keys_lookup(app_context(a), key);
	/* Too small to see: only what the notice offers. */
	if (scr_too_small() && act != KA_QUIT && act != KA_SAVE)
		return;
	switch (act) {
	case KA_HELP:
		show_help(a);
		break;
	case KA_SAVE:
		app_save(a);
		break;
	case KA_RECHECK:
		recheck(a);
		break;
	case KA_FINDINGS:
		app_findings(a);
		break;
	case KA_SEARCH:
		app_search(a);
		break;
	case KA_UNDO:
	case KA_REDO:
		app_undo(a, act == KA_REDO);
		break;
	case KA_QUIT:
		app_quit(a);
		break;
	case KA_EDIT:
		activate(a);
		break;
	case KA_BACK:
		back(a);
		break;
	case KA_EXTEDIT:
	case KA_NA:
	case KA_CLEAR:
		field_action(a, act);
		break;
	case KA_ADD:
	case KA_DELETE:
	case KA_MOVE_UP:
	case KA_MOVE_DOWN:
		record_action(a, act);
		break;
	case KA_NEXT_PROBLEM:
		next_problem(a);
		break;
	case KA_EXPORT:
		app_export(a);
		break;
	case KA_DEVICE:
		app_device(a);
		break;
	default:
		navigate(a, act);
		break;
	}
}

/* The checklist. */

static void
export_warn(void *arg, const char *msg)
{
	app_message(arg, SCR_MESSAGE, "%s", msg);
}

/* NAME.yaml gives NAME.xlsx, in the dossier's folder. */
static char *
export_default_name(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot != NULL && (slash == NULL || dot > slash))
		return xasprintf("%.*s.xlsx", (int)(dot - path), path);
	return xasprintf("%s.xlsx", path);
}

void
app_export(struct app *a)
{
	struct export_opts o;
	struct diag err;
	char *def, *out;

	def = export_default_name(a->path);
	out = dlg_prompt(a, "XLSX checklist", "Write the checklist workbook "
	    "to this file (an existing one is replaced only once the new one "
	    "is complete):", def, EDIT_ANY, NULL, NULL);
	free(def);
	if (out == NULL || *out == '\0') {
		free(out);
		return;
	}
	/* libxlsxwriter writes to stderr; keep it off the screen. */
	memset(&o, 0, sizeof o);
	o.log = "/dev/null";
	o.warn = export_warn;
	o.warn_arg = a;
	a->msg[0] = '\0';
	if (export_xlsx(a->d, a->r, out, &o, &err) < 0)
		dlg_message(a, "Checklist not written", err.msg);
	else if (a->msg[0] == '\0')
		app_message(a, SCR_OK, "Wrote the checklist to %s (%zu "
		    "finding%s).", out, a->r->n, a->r->n == 1 ? "" : "s");
	free(out);
}

/* The device: facts.  Free-form in the file; these are the ones shown. */

static const char *const device_keys[][2] = {
	{ "name", "Device name" },
	{ "model", "Model" },
	{ "manufacturer", "Manufacturer" },
	{ "lrp", "Local Responsible Person (LRP)" },
};
#define NDEVICE (sizeof device_keys / sizeof device_keys[0])

void
app_device(struct app *a)
{
	const char *items[NDEVICE], *cur;
	char *lines[NDEVICE], *value, *what;
	size_t i;
	int c;

	if (!app_writable(a))
		return;
	for (i = 0; i < NDEVICE; i++) {
		cur = dossier_device(a->d, device_keys[i][0]);
		lines[i] = xasprintf("%s: %s", device_keys[i][1],
		    cur != NULL ? cur : "(not given)");
		items[i] = lines[i];
	}
	c = dlg_pick(a, "The device", "Which fact?  They name the device in "
	    "the top line and on the checklist; other facts can be added in "
	    "the file's device: section.", items, NDEVICE, 0, NULL);
	for (i = 0; i < NDEVICE; i++)
		free(lines[i]);
	if (c < 0)
		return;
	cur = dossier_device(a->d, device_keys[c][0]);
	value = dlg_prompt(a, device_keys[c][1], "Type it as it should appear "
	    "on the checklist (empty removes it):", cur != NULL ? cur : "",
	    EDIT_ANY, NULL, NULL);
	if (value == NULL)
		return;
	if (cur == NULL ? *value != '\0' : strcmp(cur, value) != 0) {
		what = xasprintf("change the device's %s",
		    device_keys[c][0]);
		app_change_begin(a, what, 0);
		dossier_set_device(a->d, device_keys[c][0], value);
		app_change_end(a);
		free(what);
	}
	free(value);
}
