/*
 * What keys and clicks do on the main screen, and the bookkeeping around
 * every change: undo, re-validation, and asking about answers that a
 * change made irrelevant (nothing is deleted silently).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/export.h"
#include "core/evidence.h"
#include "core/lang.h"
#include "core/proof.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/dialog.h"
#include "tui/recover.h"
#include "tui/reviewshow.h"

/* Save, quit, undo. */

const char *const *
app_tr_buttons(const char *const *in, size_t n, const char **out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = _(in[i]);
	return out;
}

/* "%s %s.  The file on disk is as it was...": a save that failed. */
static void
not_saved(struct app *a, const char *why)
{
	/* TRANSLATORS: first %s is the file's name, second why saving
	 * failed (a system message). */
	char *text = xasprintf(_("%s %s.  The file on disk is as it was; your "
	    "edits are still here, unsaved: fix the cause and save again."),
	    app_filename(a), why);

	dlg_message(_("Not saved"), text);
	free(text);
}

/* NAME.yaml gives NAME.SUFFIX, in the dossier's folder. */
static char *
sibling_name(const char *path, const char *suffix)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot != NULL && (slash == NULL || dot > slash))
		return xasprintf("%.*s%s", (int)(dot - path), path, suffix);
	return xasprintf("%s%s", path, suffix);
}

/* Take the file as it is on disk, after asking; undo brings ours back. */
static int
changed_reload(struct app *a)
{
	/* TRANSLATORS: a button: keep "y:" (its key) as it is. */
	static const char *const buttons[] = { N_("y:Yes, load the file") };
	const char *tb[1];
	struct diag err;

	if (dlg_choose(_("Discard your changes?"), _("Load the file as it is "
	    "on disk now and discard your unsaved changes?  (u brings them "
	    "back.)"), app_tr_buttons(buttons, 1, tb), 1, _("Go back"),
	    _("Discard your changes? y loads the file, Esc goes back.")) != 0)
		return -1;
	if (session_reload(&a->s, &err) < 0) {
		dlg_message(_("Not reloaded"), err.msg);
		return -1;
	}
	app_fix_focus(a);
	recover_remove(a->rpath);
	session_autosave_done(&a->s, SESSION_AUTOSAVE_REMOVE, 1, 0);
	app_message(a, SCR_OK, _("Loaded %s as it is on disk; u brings your "
	    "changes back."), app_filename(a));
	return 0;
}

/*
 * dossier --record FILE: each save brings the evidence register up to
 * date (sizes, times, SHA-256 of the files the answers name).
 */
static void
record_evidence(struct app *a)
{
	struct evid_list *l = evid_scan(a->s.d, 0, NULL);
	char buf[16];
	const char *date = cli_today(a->cli, buf, sizeof buf);

	if (l != NULL && date != NULL)
		(void)evid_record(a->s.d, l, date, NULL);
	evid_list_free(l);
	/* The verdict reads the register: judge the files against it. */
	session_recheck(&a->s);
}

/* Write our version to another file; the dossier stays as it is. */
static int
changed_save_as(struct app *a)
{
	struct diag err;
	struct stat st;
	char *def = sibling_name(a->path, ".mine.yaml"), *out;
	int rc = -1;

	out = dlg_prompt(_("Save under another name"), _("Write your version "
	    "to this file (it must not exist yet); the file on disk stays as "
	    "the other program left it:"), def, EDIT_ANY, NULL, NULL);
	free(def);
	if (out == NULL || *out == '\0') {
		free(out);
		return -1;
	}
	if (stat(out, &st) == 0)
		app_message(a, SCR_ERROR, _("%s exists already; nothing was "
		    "written."), out);
	else if (dossier_save(a->s.d, out, 0, &err) < 0)
		dlg_message(_("Not saved"), err.msg);
	else
		rc = 0;
	if (rc == 0)
		app_message(a, SCR_OK, _("Wrote your version to %s; %s is "
		    "unchanged."), out, app_filename(a));
	free(out);
	return rc;
}

/* Read-only is a choice someone made: replace it only when told. */
static int
confirm_readonly(struct app *a)
{
	/* TRANSLATORS: a button: keep "o:" (its key) as it is. */
	static const char *const readonly[] = { N_("o:Overwrite it") };
	const char *tb[1];
	char *text;
	int c;

	text = xasprintf(_("%s is read-only (someone may have made it so on "
	    "purpose).  Replace it with your version anyway, or cancel?"),
	    app_filename(a));
	c = dlg_choose(_("File is read-only"), text,
	    app_tr_buttons(readonly, 1, tb), 1, NULL,
	    _("File is read-only: o overwrites, Esc cancels."));
	free(text);
	return c == 0;
}

/*
 * Saving found the file changed by someone else: reload theirs, keep
 * ours under another name, or overwrite theirs.  flags: the consents
 * already given (DOSSIER_SAVE_READONLY); overwriting a file that is also
 * read-only asks for that one too.
 */
static int
save_changed(struct app *a, const struct diag *why, int flags)
{
	/* TRANSLATORS: buttons: keep "r:", "a:", "o:" (their keys). */
	static const char *const buttons[] = { N_("r:Reload it"),
	    N_("a:Save under another name"), N_("o:Overwrite it") };
	const char *tb[3];
	struct diag err;
	char *text;
	int c, rc;

	text = xasprintf(_("The file %s is not the one you opened: %s.  Reload "
	    "it and discard your changes, save your version under another "
	    "name, or overwrite it with your version."), app_filename(a),
	    why->msg);
	c = dlg_choose(_("File changed on disk"), text,
	    app_tr_buttons(buttons, 3, tb), 3, _("Cancel"),
	    _("File changed on disk: r reloads, a saves under another name, "
	    "o overwrites, Esc cancels."));
	free(text);
	if (c == 0)
		return changed_reload(a) == 0 ? 1 : -1;
	if (c == 1)
		return changed_save_as(a) == 0 ? 1 : -1;
	if (c != 2)
		return -1;
	flags |= DOSSIER_SAVE_FORCE;
	rc = session_save(&a->s, flags, &err);
	if (rc < 0 && err.code == DIAG_READONLY) {
		if (!confirm_readonly(a))
			return -1;
		rc = session_save(&a->s, flags | DOSSIER_SAVE_READONLY, &err);
	}
	if (rc == 0)
		return 0;
	not_saved(a, err.msg);
	return -1;
}

/* "3 errors, 1 warning", for the messages after saving and checking. */
static char *
error_counts(const struct app *a)
{
	char *e = xasprintf(ngettext("%zu error", "%zu errors",
	    a->s.r->errors), a->s.r->errors);
	char *w = xasprintf(ngettext("%zu warning", "%zu warnings",
	    a->s.r->warnings), a->s.r->warnings);
	/* TRANSLATORS: "3 errors" and "1 warning", joined. */
	char *s = xasprintf(_("%s, %s"), e, w);

	free(e);
	free(w);
	return s;
}

int
app_save(struct app *a)
{
	struct diag err;
	char *counts;
	int rc, flags = 0;

	if (!app_writable(a))
		return -1;
	if (a->cli->record)
		record_evidence(a);
	rc = session_save(&a->s, 0, &err);
	if (rc < 0 && err.code == DIAG_READONLY) {
		if (!confirm_readonly(a))
			return -1;
		flags = DOSSIER_SAVE_READONLY;
		rc = session_save(&a->s, flags, &err);
	}
	if (rc < 0 && err.code == DIAG_CHANGED) {
		rc = save_changed(a, &err, flags);
		/* Reloaded or written elsewhere: done, but not saved here. */
		if (rc != 0)
			return -1;
	} else if (rc < 0) {
		not_saved(a, err.msg);
		return -1;
	}
	recover_remove(a->rpath);
	session_autosave_done(&a->s, SESSION_AUTOSAVE_REMOVE, 1, 0);
	counts = error_counts(a);
	/* TRANSLATORS: %s the file, %d%% how complete, %s "3 errors, 1
	 * warning". */
	app_message(a, SCR_OK, _("Saved %s: %d%% complete, %s."),
	    app_filename(a), report_percent(a->s.r), counts);
	free(counts);
	return 0;
}

void
app_quit(struct app *a)
{
	/* TRANSLATORS: buttons: keep "s:" and "d:" (their keys). */
	static const char *const buttons[] = { N_("s:Save and quit"),
	    N_("d:Discard the changes and quit") };
	const char *tb[2];
	char *text;
	int c;

	if (!app_dirty(a)) {
		a->quit = 1;
		return;
	}
	text = xasprintf(_("%s has unsaved changes.  Save them before "
	    "quitting?"), app_filename(a));
	c = dlg_choose(_("Unsaved changes"), text,
	    app_tr_buttons(buttons, 2, tb), 2, _("Go back"),
	    _("Unsaved changes: s saves and quits, d discards and quits, Esc "
	    "stays."));
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
	what = session_undo(&a->s, redo);
	if (what == NULL) {
		app_message(a, SCR_MESSAGE, "%s", redo ? _("Nothing to redo.") :
		    _("Nothing to undo."));
		return;
	}
	app_fix_focus(a);
	/* TRANSLATORS: %s what was done, as it was named when done ("add a
	 * record"). */
	app_message(a, SCR_MESSAGE, redo ? _("Redone: %s.") : _("Undone: %s."),
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
	a->cur[APP_FIELDS] = app_asked_near(a, 0, 1);
}


/* The pane's list (list.h): what may take the focus, and a page. */
static void
pane_list(const struct app *a, int pane, struct list *l)
{
	struct app_geom g;

	app_geom(&g);
	app_pane_list(a, pane, pane == 0 ? (size_t)(g.main_h - 1) :
	    (size_t)(g.list_h / app_row_height(a)), l);
}

/* Move the focus in its pane as a list moves (list.h). */
static void
move_focus(struct app *a, enum key_action act)
{
	struct list l;
	size_t c;

	pane_list(a, a->pane, &l);
	if (a->pane == 0) {
		open_section(a, list_move(&l, a->sec, act));
		return;
	}
	c = list_move(&l, a->cur[a->level], act);
	/* Down past the last question goes on to the next section, as
	 * turning the page of a form would. */
	if (act == KA_DOWN && a->level == APP_FIELDS &&
	    (l.n == 0 || c == a->cur[APP_FIELDS] ||
	    !app_row_asked(a, c))) {
		pane_list(a, 0, &l);
		if ((c = list_move(&l, a->sec, KA_DOWN)) != a->sec)
			open_section(a, c);
		return;
	}
	a->cur[a->level] = c;
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
	    rec < dossier_nrecords(a->s.d, f->group)) {
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

/* Focus a section's first question (a finding about the section). */
void
app_goto_section(struct app *a, size_t item)
{
	open_section(a, item);
	a->level = APP_FIELDS;
	a->pane = 1;
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
		a->cur[APP_RECORD] = app_asked_near(a, 0, 1);
	} else if (ref.f->type == TMPL_GROUP && a->level == APP_FIELDS) {
		a->group = ref.f;
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = a->top[APP_GROUP] = 0;
	} else if (!validate_applies(a->s.d, ref.f, ref.rec)) {
		app_message_unasked(a, &ref);
	} else if (app_edit(a, ref.f, ref.rec) && a->level != APP_GROUP) {
		/* Answered: on to the next question asked, as a form would. */
		move_focus(a, KA_DOWN);
	}
}

/* Records. */

static void
record_add(struct app *a)
{
	size_t n = dossier_nrecords(a->s.d, a->group), i;

	if (!app_writable(a))
		return;
	i = n == 0 ? 0 : a->cur[APP_GROUP] + 1;
	/* TRANSLATORS: names a change for "Undone: %s." */
	app_change_begin(a, _("add a record"), 0);
	app_change_at(a, a->group, 0);
	i = dossier_insert_record(a->s.d, a->group, i, NULL);
	app_change_end(a);
	a->rec = i;
	a->cur[APP_GROUP] = i;
	a->level = APP_RECORD;
	a->cur[APP_RECORD] = a->top[APP_RECORD] = 0;
	a->cur[APP_RECORD] = app_asked_near(a, 0, 1);
	app_message(a, SCR_MESSAGE, _("Added record %zu; Esc goes back to the "
	    "list."), i + 1);
}

static void
record_delete(struct app *a)
{
	/* TRANSLATORS: a button: keep "y:" (its key) as it is. */
	static const char *const buttons[] = { N_("y:Yes, delete it") };
	const char *tb[1];
	size_t i = a->cur[APP_GROUP];
	char *text;
	int c;

	if (i >= dossier_nrecords(a->s.d, a->group) || !app_writable(a))
		return;
	/* TRANSLATORS: %zu the record's number, %s its list's label. */
	text = xasprintf(_("Delete record %zu of %s?  (u undoes it.)"), i + 1,
	    tmpl_field_text(a->group, TMPL_TR_LABEL, lang_current()));
	c = dlg_choose(_("Delete record"), text,
	    app_tr_buttons(buttons, 1, tb), 1, _("Keep it"),
	    _("Delete this record? y deletes, Esc keeps it."));
	free(text);
	if (c != 0)
		return;
	/* TRANSLATORS: names a change for "Undone: %s." */
	app_change_begin(a, _("delete a record"), 0);
	app_change_at(a, a->group, 0);
	yt_free(dossier_remove_record(a->s.d, a->group, i));
	app_change_end(a);
	app_message(a, SCR_MESSAGE, _("Deleted record %zu; u brings it back."),
	    i + 1);
}

static void
record_move(struct app *a, int down)
{
	size_t i = a->cur[APP_GROUP], n = dossier_nrecords(a->s.d, a->group);

	if ((down && i + 1 >= n) || (!down && i == 0) || !app_writable(a))
		return;
	/* TRANSLATORS: names a change for "Undone: %s." */
	app_change_begin(a, _("move a record"), 0);
	app_change_at(a, a->group, 0);
	dossier_move_record(a->s.d, a->group, i, down ? i + 1 : i - 1);
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

	for (i = 0; i < a->s.r->n; i++) {
		fi = &a->s.r->f[i];
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
		app_message(a, SCR_OK, "%s", a->s.r->n == 0 ?
		    _("No findings left.") :
		    _("No finding points at a question; F6 lists them."));
		return;
	}
	if (next == first && spot_cmp(&pfirst, &here) == 0) {
		app_message(a, SCR_OK, "%s",
		    _("No other question has a finding."));
		return;
	}
	app_goto(a, next->field, next->rec, next->in_record);
}

/*
 * The next question that needs an answer (core's verdict: Missing),
 * after the focus in screen order, across sections and inside records,
 * round the end.
 */
static int
open_at(const struct app *a, const struct tmpl_field *f, size_t rec)
{
	struct checklist_verdict v;

	checklist_verdict(a->s.d, a->s.r, f, rec, &v);
	return v.asked && v.status == CHECKLIST_MISSING;
}

static int
next_open_from(struct app *a, const struct spot *here, int after)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	struct spot p;
	size_t i, k, r, m, nrec;

	for (i = 0; i < a->nitems; i++) {
		if ((s = a->items[i].s) == NULL)
			continue;
		for (k = 0; k < s->nfields; k++) {
			f = &s->fields[k];
			p.sec = i;
			p.q = k + 1;
			p.rec = p.sub = 0;
			if (f->type != TMPL_GROUP || open_at(a, f, 0)) {
				if ((spot_cmp(&p, here) > 0) == after &&
				    open_at(a, f, 0)) {
					app_goto(a, f, 0, 0);
					return 1;
				}
				continue;
			}
			nrec = validate_applies(a->s.d, f, 0) ?
			    dossier_nrecords(a->s.d, f) : 0;
			for (r = 0; r < nrec; r++)
				for (m = 0; m < f->nfields; m++) {
					p.rec = r + 1;
					p.sub = m + 1;
					if ((spot_cmp(&p, here) > 0) == after &&
					    open_at(a, &f->fields[m], r)) {
						app_goto(a, &f->fields[m], r,
						    1);
						return 1;
					}
				}
		}
	}
	return 0;
}

static void
next_open(struct app *a)
{
	struct spot here = focus_spot(a);

	if (a->pane == 0)
		here.q = 0;
	if (next_open_from(a, &here, 1))
		return;
	/* Round the end: from the top, up to where we are. */
	if (next_open_from(a, &here, 0)) {
		app_message(a, SCR_MESSAGE, "%s", _("Back at the top: the next "
		    "question that needs an answer."));
		return;
	}
	app_message(a, SCR_OK, "%s", _("Every question that needs an answer "
	    "has one."));
}

static void
act_next_open(struct app *a, enum key_action act)
{
	(void)act;
	next_open(a);
}

/*
 * y and n on a yes/no question answer it and go on to the next question,
 * as a form does; Space switches and stays, so a second Space undoes it.
 */
static void
act_yesno(struct app *a, enum key_action act)
{
	struct app_ref ref;

	if (a->pane != 1 || a->level == APP_GROUP || app_rows(a) == 0)
		return;
	ref = app_row(a, a->cur[a->level]);
	if (app_answer_yesno(a, ref.f, ref.rec, act) && act != KA_SWITCH)
		move_focus(a, KA_DOWN);
}

static char *
help_text(struct app *a, unsigned ctx)
{
	char *keys = keys_help(ctx), *t;

	/* TRANSLATORS: the help screen below the keys; each %s before a
	 * word is a mark (a symbol), then %d seconds and a file's path. */
	t = xasprintf(_("Keys that work here\n%s\nMarks\n  %s answered   %s "
	    "still to answer   %s a problem to fix\n  %s warning   %s note   "
	    "%s does not apply\n\nYour work is safe\n  Saving writes a new "
	    "file and renames it over the old one.  While changes are "
	    "unsaved, they are copied every %d seconds to %s; if the program "
	    "is stopped, the next start offers to recover them.\n"), keys,
	    scr_mark(SCR_MARK_DONE), scr_mark(SCR_MARK_OPEN),
	    scr_mark(SCR_MARK_ERROR), scr_mark(SCR_MARK_WARNING),
	    scr_mark(SCR_MARK_INFO), scr_mark(SCR_MARK_NA), RECOVER_INTERVAL,
	    a->rpath);
	free(keys);
	return t;
}

static void
show_help(struct app *a, unsigned ctx)
{
	char *text = help_text(a, ctx);

	dlg_view(_("Help"), text);
	free(text);
}

static void
recheck(struct app *a)
{
	char *counts;

	app_revalidate(a);
	counts = error_counts(a);
	/* TRANSLATORS: %s is "3 errors, 1 warning". */
	app_message(a, SCR_MESSAGE, _("Checked again (evidence files looked "
	    "up afresh): %s."), counts);
	free(counts);
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
		move_focus(a, ev.bstate & BUTTON4_PRESSED ? KA_UP : KA_DOWN);
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
	if (!app_row_asked(a, row)) {
		struct app_ref ref = app_row(a, row);

		app_message_unasked(a, &ref);
		return;
	}
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
	/* A kept answer of a question not asked may be cleared, no more. */
	if (act != KA_CLEAR && !validate_applies(a->s.d, ref.f, ref.rec)) {
		app_message_unasked(a, &ref);
		return;
	}
	if (act == KA_EXTEDIT)
		app_edit_external(a, ref.f, ref.rec);
	else if (act == KA_REUSE)
		app_reuse(a, ref.f, ref.rec);
	else if (act == KA_NA)
		app_not_applicable(a, ref.f, ref.rec);
	else
		app_clear(a, ref.f, ref.rec);
}

/* Any question, asked or not: a verdict may outlive the answer. */
static void
act_review(struct app *a, enum key_action act)
{
	struct app_ref ref;

	(void)act;
	if (a->pane != 1 || a->level == APP_GROUP || app_rows(a) == 0)
		return;
	ref = app_row(a, a->cur[a->level]);
	review_show(a->s.d, ref.f, ref.rec);
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
	if (list_is_move(act)) {
		move_focus(a, act);
		return;
	}
	switch (act) {
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

/* The actions: one function per key action, found through a table. */

typedef void (*act_fn)(struct app *a, enum key_action act);

static void
act_help(struct app *a, enum key_action act)
{
	(void)act;
	show_help(a, app_context(a));
}

static void
act_save(struct app *a, enum key_action act)
{
	(void)act;
	app_save(a);
}

static void
act_recheck(struct app *a, enum key_action act)
{
	(void)act;
	recheck(a);
}

static void
act_quit(struct app *a, enum key_action act)
{
	(void)act;
	app_quit(a);
}

static void
act_findings(struct app *a, enum key_action act)
{
	const struct finding *fi = app_findings(a);
	size_t i;

	(void)act;
	if (fi == NULL)
		return;
	if (fi->field != NULL) {
		app_goto(a, fi->field, fi->rec, fi->in_record);
		return;
	}
	for (i = 0; i < a->nitems; i++)
		if (a->items[i].s == fi->section)
			app_goto_section(a, i);
}

/* "Why is this asked?" about the focused question (or group). */
static void
act_why(struct app *a, enum key_action act)
{
	struct app_ref to;
	int to_rec;

	(void)act;
	if (app_why(a, &to, &to_rec))
		app_goto(a, to.f, to.rec, to_rec);
}

static void
act_tour(struct app *a, enum key_action act)
{
	(void)act;
	app_tour(a);
}

static void
act_search(struct app *a, enum key_action act)
{
	size_t rec = 0;
	int in_record = 0;
	const struct tmpl_field *f = app_search(a, &rec, &in_record);

	(void)act;
	if (f != NULL)
		app_goto(a, f, rec, in_record);
}

static void
act_undo(struct app *a, enum key_action act)
{
	app_undo(a, act == KA_REDO);
}

static void
act_activate(struct app *a, enum key_action act)
{
	(void)act;
	activate(a);
}

static void
act_back(struct app *a, enum key_action act)
{
	(void)act;
	back(a);
}

static void
act_next_problem(struct app *a, enum key_action act)
{
	(void)act;
	next_problem(a);
}

static void
act_export(struct app *a, enum key_action act)
{
	(void)act;
	app_export(a);
}

static void
act_device(struct app *a, enum key_action act)
{
	(void)act;
	app_device(a);
}

static void
act_lang(struct app *a, enum key_action act)
{
	(void)act;
	app_switch_lang(a);
}

static const act_fn actions[] = {
	[KA_HELP] = act_help,
	[KA_SAVE] = act_save,
	[KA_RECHECK] = act_recheck,
	[KA_FINDINGS] = act_findings,
	[KA_SEARCH] = act_search,
	[KA_UNDO] = act_undo,
	[KA_REDO] = act_undo,
	[KA_QUIT] = act_quit,
	[KA_EDIT] = act_activate,
	[KA_BACK] = act_back,
	[KA_EXTEDIT] = field_action,
	[KA_NA] = field_action,
	[KA_CLEAR] = field_action,
	[KA_REUSE] = field_action,
	[KA_ADD] = record_action,
	[KA_DELETE] = record_action,
	[KA_MOVE_UP] = record_action,
	[KA_MOVE_DOWN] = record_action,
	[KA_NEXT_PROBLEM] = act_next_problem,
	[KA_EXPORT] = act_export,
	[KA_DEVICE] = act_device,
	[KA_LANG] = act_lang,
	[KA_NEXT_OPEN] = act_next_open,
	[KA_YES] = act_yesno,
	[KA_NO] = act_yesno,
	[KA_SWITCH] = act_yesno,
	[KA_WHY] = act_why,
	[KA_TOUR] = act_tour,
	[KA_REVIEW] = act_review,
	[KA_UP] = navigate,
	[KA_DOWN] = navigate,
	[KA_LEFT] = navigate,
	[KA_RIGHT] = navigate,
	[KA_PGUP] = navigate,
	[KA_PGDN] = navigate,
	[KA_HOME] = navigate,
	[KA_END] = navigate,
	[KA_NEXT_PANE] = navigate,
	[KA_PREV_PANE] = navigate,
};

static void
key(struct app *a, int key)
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
	if ((size_t)act < sizeof actions / sizeof actions[0] &&
	    actions[act] != NULL)
		actions[act](a, act);
}

/*
 * A key a screen above passed down (ctx is that screen's): only what
 * makes sense from anywhere, in that screen's own words (its help).
 */
static void
passed_key(struct app *a, int key, unsigned ctx)
{
	switch (keys_lookup(ctx, key)) {
	case KA_HELP:
		show_help(a, ctx);
		break;
	case KA_SAVE:
		app_save(a);
		break;
	case KA_QUIT:
		app_quit(a);
		break;
	case KA_RECHECK:
		recheck(a);
		break;
	case KA_LANG:
		app_switch_lang(a);
		break;
	default:
		break;
	}
}

static enum loop_reply
layer_key(void *arg, int k, unsigned ctx)
{
	struct app *a = arg;

	if (ctx == 0)
		key(a, k);
	else
		passed_key(a, k, ctx);
	return a->quit ? LOOP_CLOSE : LOOP_HANDLED;
}

const struct layer_ops app_layer = { app_draw, layer_key, NULL };

/* The language. */

void
app_switch_lang(struct app *a)
{
	if (lang_current() == LANG_EN && !scr_utf8()) {
		app_message(a, SCR_ERROR, "%s", _("Chinese needs a UTF-8 "
		    "locale (LANG=zh_HK.UTF-8, say); the screen stays in "
		    "English."));
		return;
	}
	lang_set(lang_current() == LANG_EN ? LANG_ZH_HANT : LANG_EN);
	/*
	 * A finding holds its text in the language it was checked in: check
	 * again, as the F5 key does.  The dossier and its unsaved state do
	 * not change.
	 */
	app_revalidate(a);
	/* TRANSLATORS: said after switching TO this catalogue's language:
	 * name your own language here ("語言：繁體中文。"). */
	app_message(a, SCR_OK, "%s", _("Language: English."));
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
	struct report *r;
	struct proof *pr;
	size_t nfind;
	int readable;
	enum lang shown = lang_current(), want;
	char *def, *out;
	int rc;

	def = export_default_name(a->path);
	out = dlg_prompt(_("XLSX checklist"), _("Write the checklist workbook "
	    "to this file (an existing one is replaced only once the new one "
	    "is complete):"), def, EDIT_ANY, NULL, NULL);
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
	/* As dossier export --xlsx: --lang's languages, else the screen's. */
	o.langs = a->langs_asked ? a->cli->langs : &shown;
	o.nlangs = a->langs_asked ? a->cli->nlangs : 1;
	/*
	 * As dossier export --xlsx: every file hashed for the Evidence and
	 * Datasets sheets, and the verdict checked once more with what that
	 * found, in the language the workbook's second column reads its
	 * findings in (validate.h); then back to the screen's.
	 */
	want = lang_display(o.langs, o.nlangs);
	if (want != shown)
		lang_set(want);
	diag_clear(&err);
	pr = proof_run(a->s.d, PROOF_VERIFY, &err);
	nfind = 0;
	rc = -1;
	readable = pr != NULL;
	/* A manifest that cannot be read: no workbook, as the verb refuses. */
	if (readable) {
		o.proof = pr;
		r = validate_with_proof(a->s.d, &pr->f);
		nfind = r->n;
		a->msg[0] = '\0';
		rc = export_xlsx(a->s.d, r, out, &o, &err);
		report_free(r);
		proof_free(pr);
	}
	if (want != shown)
		lang_set(shown);
	if (!readable) {
		char *where = err.line > 0 ? xasprintf("%s:%d:%d: %s", err.file,
		    err.line, err.col, err.msg) : xasprintf("%s: %s", err.file,
		    err.msg);

		dlg_message(_("Checklist not written"), where);
		free(where);
	} else if (rc < 0)
		dlg_message(_("Checklist not written"), err.msg);
	else if (a->msg[0] == '\0')
		app_message(a, SCR_OK, ngettext("Wrote the checklist to %s (%zu "
		    "finding).", "Wrote the checklist to %s (%zu findings).",
		    nfind), out, nfind);
	free(out);
}

/*
 * The device: its facts in one form, Chinese names and addresses
 * included.  Free-form in the file (any key); these are the ones the top
 * line, the checklist and an MDACS application use.
 */

static const char *const device_keys[][2] = {
	{ "name", N_("Device name") },
	{ "name_zh", N_("Device name in Chinese") },
	{ "model", N_("Model") },
	{ "manufacturer", N_("Manufacturer") },
	{ "manufacturer_zh", N_("Manufacturer in Chinese") },
	{ "manufacturer_address", N_("Manufacturer's address") },
	{ "lrp", N_("Local Responsible Person") },
	{ "lrp_zh", N_("LRP in Chinese") },
	{ "lrp_address", N_("LRP's address") },
};
#define NDEVICE (sizeof device_keys / sizeof device_keys[0])

void
app_device(struct app *a)
{
	const char *labels[NDEVICE], *cur;
	char *values[NDEVICE];
	size_t i, changed = 0;

	if (!app_writable(a))
		return;
	for (i = 0; i < NDEVICE; i++) {
		labels[i] = _(device_keys[i][1]);
		cur = dossier_device(a->s.d, device_keys[i][0]);
		values[i] = xstrdup(cur != NULL ? cur : "");
	}
	if (dlg_form(_("The device"), _("As they should appear on the "
	    "checklist and the application; an empty field removes the fact.  "
	    "Other facts can be added in the file's device: section."), labels,
	    values, NDEVICE) == 0) {
		for (i = 0; i < NDEVICE; i++) {
			cur = dossier_device(a->s.d, device_keys[i][0]);
			if (cur == NULL ? *values[i] == '\0' :
			    strcmp(cur, values[i]) == 0)
				continue;
			/* All the form's changes are one undo step. */
			if (changed++ == 0)
				app_change_begin(a,
				    _("change the device facts"), 0);
			dossier_set_device(a->s.d, device_keys[i][0],
			    values[i]);
		}
		if (changed > 0) {
			app_change_end(a);
			app_message(a, SCR_OK, ngettext("Changed %zu device "
			    "fact; u undoes it.", "Changed %zu device facts; "
			    "u undoes them all.", changed), changed);
		}
	}
	for (i = 0; i < NDEVICE; i++)
		free(values[i]);
}
