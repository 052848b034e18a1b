/*
 * The wizard's life: check the terminal, load the templates and the
 * dossier (or start a new one, or copy the demo), offer a recovery file,
 * run the main loop, and leave with the terminal restored whichever way
 * the program ends.  Exit statuses: 0 normal, 2 unusable terminal or
 * input, 128+N after signal N (SIGTERM, SIGHUP, SIGQUIT), which first
 * writes the recovery file.
 */
#include "config.h"

#include "tui/wizard.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/lang.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/loop.h"
#include "tui/demo.h"
#include "tui/dialog.h"
#include "tui/place.h"
#include "tui/recover.h"

#define DEFAULT_FILE "dossier.yaml"

/* Reachable from app_die, and from a leak checker at exit. */
static struct app *the_app;

/* Autosave: when the session says so (core/session.h decides when). */
static void
autosave(struct app *a)
{
	enum session_autosave what;
	struct diag err;
	time_t now = time(NULL);
	int ok = 1;

	/* Read-only, or not started: the recovery file is not ours. */
	if (a->readonly != NULL || a->s.r == NULL)
		return;
	what = session_autosave_due(&a->s, now);
	if (what == SESSION_AUTOSAVE_REMOVE) {
		recover_remove(a->rpath);
	} else if (what == SESSION_AUTOSAVE_WRITE &&
	    recover_write(a->rpath, a->s.d, &err) < 0) {
		app_message(a, SCR_ERROR, _("Autosave failed: %s"), err.msg);
		ok = 0;
	}
	session_autosave_done(&a->s, what, ok, now);
}

static void
free_app(struct app *a)
{
	lock_release(a->lock);
	a->lock = NULL;
	free(a->readonly);
	session_free(&a->s);
	yt_free(a->recovered);
	tmpl_set_free(a->set);
	free(a->items);
	free(a->path);
	free(a->rpath);
	free(a->demo_dir);
}

void
app_die(struct app *a, int sig)
{
	struct diag err;
	int saved = 0, dirty = app_dirty(a) && a->readonly == NULL;

	if (dirty)
		saved = recover_write(a->rpath, a->s.d, &err) == 0;
	scr_end();
	if (dirty && saved)
		fprintf(stderr, _("dossier: stopped by signal %d; unsaved "
		    "changes are in %s (start dossier again to recover them)\n"),
		    sig, a->rpath);
	else if (dirty)
		fprintf(stderr, _("dossier: stopped by signal %d; the recovery "
		    "file could not be written: %s\n"), sig, err.msg);
	else
		fprintf(stderr, _("dossier: stopped by signal %d; nothing was "
		    "unsaved\n"), sig);
	free_app(a);
	exit(128 + sig);
}

/* The loop's hooks (loop.h): autosave every wait, and fatal signals. */
static void
hook_tick(void *arg)
{
	autosave(arg);
}

static void
hook_die(void *arg, int sig)
{
	app_die(arg, sig);
}

/* The section list: a heading per template, then its sections. */
static void
build_items(struct app *a)
{
	size_t i, j, n = 0;

	for (i = 0; i < a->s.d->ntmpls; i++)
		n += 1 + a->s.d->tmpls[i]->nsections;
	a->items = xcalloc(n, sizeof *a->items);
	for (i = 0; i < a->s.d->ntmpls; i++) {
		a->items[a->nitems++].t = a->s.d->tmpls[i];
		for (j = 0; j < a->s.d->tmpls[i]->nsections; j++) {
			a->items[a->nitems].t = a->s.d->tmpls[i];
			a->items[a->nitems++].s = &a->s.d->tmpls[i]->sections[j];
		}
	}
	a->sec = a->nitems > 1 ? 1 : 0;
}

/* A missing file: which templates does the new dossier use? */
static int
ask_templates(struct app *a)
{
	char **names;
	const struct tmpl **use;
	unsigned char *sel;
	char *text, *p;
	size_t i, n = 0;
	int rc;

	if (a->set->n == 0)
		return -1;
	names = xcalloc(a->set->n, sizeof *names);
	sel = xcalloc(a->set->n, 1);
	for (i = 0; i < a->set->n; i++) {
		names[i] = xasprintf("%s:%s  %s", a->set->t[i]->id,
		    a->set->t[i]->edition, tmpl_own_text(a->set->t[i],
		    TMPL_TR_TITLE, lang_current()));
		/* Ids as the documents write them: TR-007. */
		for (p = names[i]; *p != '\0' && *p != ':'; p++)
			*p = (char)toupper((unsigned char)*p);
		sel[i] = 1;
	}
	text = xasprintf(_("%s does not exist yet: this starts a new dossier, "
	    "written there when you first save.  Which technical references "
	    "apply to your device?  (TR-008 is for devices that use AI.)"),
	    app_filename(a));
	do {
		rc = dlg_pick(_("New dossier"), text,
		    (const char *const *)names, a->set->n, 0, sel);
		for (i = n = 0; rc == 0 && i < a->set->n; i++)
			n += sel[i];
	} while (rc == 0 && n == 0);
	if (rc == 0) {
		use = xcalloc(n, sizeof *use);
		for (i = n = 0; i < a->set->n; i++)
			if (sel[i])
				use[n++] = a->set->t[i];
		a->s.d = dossier_new(a->set, use, n);
		/* Evidence paths resolve beside the file-to-be. */
		a->s.d->path = xstrdup(a->path);
		free(use);
	}
	for (i = 0; i < a->set->n; i++)
		free(names[i]);
	free(names);
	free(sel);
	free(text);
	return rc;
}

/*
 * Take the recovered tree.  When the file on disk uses the same templates,
 * the session starts on the file and the recovered tree is its first
 * change, so undo goes back to what is on disk.
 */
static void
use_recovered(struct app *a, struct dossier *rd)
{
	const struct ynode *t1, *t2;

	t1 = a->s.d != NULL ? yt_get(a->s.d->root, "templates") : NULL;
	t2 = yt_get(rd->root, "templates");
	if (a->s.d != NULL && t1 != NULL && t2 != NULL && yt_equal(t1, t2)) {
		a->recovered = yt_clone(rd->root);
		dossier_free(rd);
	} else {
		dossier_free(a->s.d);
		a->s.d = rd;
		a->recovered_whole = 1;
	}
	app_message(a, SCR_MESSAGE, _("Recovered the unsaved changes (u undoes "
	    "them); press s to save them into %s."), app_filename(a));
}

/* The session, once the dossier is known (file, recovery or new). */
static void
start_session(struct app *a)
{
	struct dossier *d = a->s.d;

	/* A new dossier is clean until changed; a recovered one is not. */
	session_init(&a->s, d, !a->recovered_whole);
	if (a->recovered != NULL) {
		session_recover(&a->s, a->recovered);
		a->recovered = NULL;
		/* The recovery file holds this tree already. */
		a->s.autosaved_state = a->s.state;
	}
}

static void
recover_offer(struct app *a)
{
	/* TRANSLATORS: buttons: keep "r:", "d:", "k:" (their keys). */
	static const char *const buttons[] = { N_("r:Recover the changes"),
	    N_("d:Discard them"), N_("k:Keep the file aside") };
	const char *tb[3];
	struct dossier *rd;
	struct diag err;
	char when[64], *text, *aside;
	struct tm tm;
	time_t t;
	int c;

	c = recover_pending(a->rpath, a->path, &t, &err);
	if (c < 0)
		app_message(a, SCR_ERROR, _("Recovery file not offered: %s"),
		    err.msg);
	if (c <= 0)
		return;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	text = xasprintf(_("Unsaved changes to %s were kept in %s at %s (the "
	    "program was stopped before they were saved).  Recover them, "
	    "discard them, or keep the file aside and open the dossier as it "
	    "was last saved?"), app_filename(a), a->rpath, when);
	c = dlg_choose(_("Recovery file found"), text, app_tr_buttons(buttons, 3,
	    tb), 3, _("Same as k"), _("Recovery file found: r recover, d "
	    "discard, k keep aside."));
	free(text);
	if (c == 0) {
		rd = recover_load(a->rpath, a->set, &err);
		if (rd == NULL) {
			dlg_message(_("Cannot recover"), err.msg);
			return;
		}
		free(rd->path);
		rd->path = xstrdup(a->path);
		rd->have_disk = 0;
		use_recovered(a, rd);
	} else if (c == 1) {
		recover_remove(a->rpath);
	} else {
		aside = recover_set_aside(a->rpath, a->path, t, &err);
		if (aside == NULL)
			dlg_message(_("Cannot keep the file aside"), err.msg);
		else
			app_message(a, SCR_MESSAGE, _("Kept the recovery file "
			    "as %s; open it with dossier to see it."), aside);
		free(aside);
	}
}

/*
 * Two editors on one file would overwrite each other: hold a lock while
 * editing, and when another live dossier holds it, offer read-only (vim's
 * swap-file question, without its "edit anyway").  Returns -1 to quit.
 */
static int
lock_offer(struct app *a)
{
	/* TRANSLATORS: buttons: keep "r:" and "t:" (their keys). */
	static const char *const busy[] = { N_("r:Open read-only") };
	static const char *const stale[] = { N_("t:Take it over"),
	    N_("r:Open read-only") };
	const char *tb[2];
	struct lock_info who;
	struct diag err;
	enum lock_result lr;
	char desc[400], *text;
	int c;

	lr = lock_acquire(a->path, &a->lock, &who, &err);
	if (lr == LOCK_TAKEN)
		return 0;
	if (lr == LOCK_ERROR) {
		app_message(a, SCR_ERROR, _("No editing lock (%s); saving "
		    "still refuses to overwrite changes made by others."),
		    err.msg);
		return 0;
	}
	lock_describe(&who, desc, sizeof desc);
	if (lr == LOCK_STALE) {
		text = xasprintf(_("%s was being edited by a dossier that is "
		    "no longer running (%s), probably stopped by a crash.  "
		    "Take the lock over, open the file read-only, or quit?"),
		    app_filename(a), desc);
		c = dlg_choose(_("Stale lock"), text,
		    app_tr_buttons(stale, 2, tb), 2, _("Quit"),
		    _("Stale lock: t takes it over, r read-only, Esc quits."));
		free(text);
		if (c < 0)
			return -1;
		if (c == 0) {
			lr = lock_take_over(a->path, &a->lock, &who, &err);
			if (lr == LOCK_TAKEN)
				return 0;
			lock_describe(&who, desc, sizeof desc);
		}
	} else {
		text = xasprintf(_("%s is being edited by another dossier "
		    "(%s).  Open it read-only, or quit?"), app_filename(a),
		    desc);
		c = dlg_choose(_("File in use"), text,
		    app_tr_buttons(busy, 1, tb), 1, _("Quit"),
		    _("File in use: r opens read-only, Esc quits."));
		free(text);
		if (c < 0)
			return -1;
	}
	a->readonly = xasprintf(_("%s is being edited by %s; nothing will be "
	    "written."), app_filename(a), desc);
	app_message(a, SCR_MESSAGE, _("Opened read-only: %s"), a->readonly);
	return 0;
}

/* Load the file if it exists; a missing file is not an error here. */
static int
load_existing(struct app *a)
{
	struct diag err;
	struct stat st;

	if (stat(a->path, &st) < 0 && errno == ENOENT)
		return 0;
	a->s.d = dossier_load(a->path, a->set, &err);
	if (a->s.d == NULL) {
		cli_report(&err);
		return -1;
	}
	return 0;
}

static int
pick_path(struct app *a, const struct cli *cli)
{
	if (cli->demo) {
		a->path = demo_open(cli, &a->demo_dir, &a->demo_fresh);
		return a->path == NULL ? -1 : 0;
	}
	if (cli->nfiles > 1) {
		fprintf(stderr, "%s", _("dossier: the wizard opens one FILE at "
		    "a time (for several, see 'dossier status')\n"));
		return -1;
	}
	a->path = xstrdup(cli->nfiles == 1 ? cli->files[0] : DEFAULT_FILE);
	return 0;
}

/* Before curses: everything that can fail with a plain message. */
static int
prepare(struct app *a, const struct cli *cli)
{
	char why[256];

	if (scr_usable(why, sizeof why) < 0) {
		fprintf(stderr, _("dossier: %s; use 'dossier check FILE', "
		    "'dossier status FILE' or 'dossier export' instead\n"), why);
		return -1;
	}
	a->set = cli_load_templates(cli);
	if (a->set == NULL || pick_path(a, cli) < 0 || load_existing(a) < 0)
		return -1;
	a->rpath = recover_path(a->path);
	return 0;
}

/* After the session: what the user should know, on the normal screen. */
static void
farewell(struct app *a)
{
	if (a->cli->demo && a->cli->demo_into != NULL)
		fprintf(stderr, _("dossier: your working copy is %s; open it "
		    "again with the same command, or restore it with "
		    "--reset\n"), a->path);
	if (a->demo_dir == NULL)
		return;
	if (a->s.saved_once) {
		fprintf(stderr, _("dossier: your copy of the demo is kept in "
		    "%s\n"), a->path);
		return;
	}
	demo_remove(a->demo_dir);
}

/* Where the focus is, to open there next time (place.h). */
/* Once, at the start: the file's comments will not survive a save. */
static void
note_comments(struct app *a)
{
	/*
	 * DOSSIER_COMMENTS_NOTE's words, written out here: xgettext does not
	 * expand macros.
	 */
	char *text = xasprintf(_("%s has comments (the first on line %d); "
	    "saving writes the answers afresh and does not keep them: put "
	    "remarks in an answer, or under device: (any key, e.g. note:), "
	    "which is kept."), app_filename(a), a->s.d->comment_line);

	dlg_message(_("Comments will not be kept"), text);
	free(text);
}

static void
remember_place(struct app *a)
{
	static char none[] = "";
	const struct tmpl_section *sec;
	struct app_ref r;
	struct place p;

	if (a->demo_dir != NULL || a->nitems == 0 || a->s.d == NULL ||
	    a->s.d->path == NULL)
		return;
	sec = app_section(a);
	p.tmpl = sec->tmpl->id;
	p.section = sec->id;
	p.field = p.sub = none;
	p.rec = 0;
	if (a->pane == 1 && a->level == APP_FIELDS && app_rows(a) > 0) {
		r = app_row(a, a->cur[APP_FIELDS]);
		p.field = r.f->id;
	} else if (a->pane == 1 && a->level != APP_FIELDS) {
		p.field = a->group->id;
		if (a->level == APP_RECORD) {
			p.sub = a->group->fields[a->cur[APP_RECORD]].id;
			p.rec = a->rec;
		}
	}
	place_put(a->path, &p);
}

static const struct tmpl_field *
field_by_id(const struct tmpl_field *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

static void
restore_place(struct app *a)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f, *sub;
	struct place p;
	size_t i;

	/* A copy made now (--demo, --into) starts at the top, like the tour,
	 * whatever an earlier copy at that path had open. */
	if (a->demo_dir != NULL || a->demo_fresh ||
	    place_get(a->path, &p) < 0)
		return;
	for (i = 0; i < a->nitems; i++) {
		s = a->items[i].s;
		if (s == NULL || strcmp(s->tmpl->id, p.tmpl) != 0 ||
		    strcmp(s->id, p.section) != 0)
			continue;
		app_goto_section(a, i);
		f = field_by_id(s->fields, s->nfields, p.field);
		sub = f != NULL ? field_by_id(f->fields, f->nfields, p.sub) :
		    NULL;
		if (f == NULL)
			a->pane = *p.field == '\0' ? 0 : 1;
		else if (sub != NULL && p.rec < dossier_nrecords(a->s.d, f))
			app_goto(a, sub, p.rec, 1);
		else
			app_goto(a, f, 0, 0);
		app_fix_focus(a);
		break;
	}
	place_free(&p);
}

int
wizard_main(const struct cli *cli, int langs_asked)
{
	static struct app app;
	struct app *a = &app;
	int rc = EXIT_OK;

	memset(a, 0, sizeof *a);
	the_app = a;
	a->cli = cli;
	a->langs_asked = langs_asked;
	if (prepare(a, cli) < 0) {
		if (a->demo_dir != NULL)
			demo_remove(a->demo_dir);
		free_app(a);
		return EXIT_BAD_INPUT;
	}
	scr_signals();
	/* The main screen is the bottom layer; dialogs push theirs on it. */
	loop_hooks(hook_tick, hook_die, a);
	loop_push(&app_layer, a, 0, NULL);
	if (scr_start(cli->no_mouse) < 0) {
		fprintf(stderr, "%s", _("dossier: cannot start the terminal; "
		    "use 'dossier check FILE' instead\n"));
		free_app(a);
		return EXIT_BAD_INPUT;
	}
	if (lock_offer(a) < 0) {
		scr_end();
		free_app(a);
		return EXIT_OK;
	}
	if (a->readonly == NULL)
		recover_offer(a);
	if (a->s.d == NULL && a->readonly != NULL) {
		scr_end();
		fprintf(stderr, _("dossier: %s does not exist yet and is being "
		    "created by another dossier\n"), a->path);
		free_app(a);
		return EXIT_OK;
	}
	if (a->s.d == NULL && ask_templates(a) < 0) {
		scr_end();
		free_app(a);
		return EXIT_OK;
	}
	start_session(a);
	if (a->s.d->comment_line > 0)
		note_comments(a);
	build_items(a);
	/* The session has just validated, files read: only place the focus. */
	app_fix_focus(a);
	app_resolve_conflicts(a);
	if (!scr_utf8() && a->msg[0] == '\0')
		app_message(a, SCR_MESSAGE, "%s", _("The locale is not UTF-8: "
		    "other characters show as ?, and cannot be edited."));
	restore_place(a);
	/* A new demo copy starts with the tour (t shows it again). */
	if (a->demo_fresh)
		app_tour(a);
	/* The one key loop, until the main screen closes (quit). */
	loop_run();
	remember_place(a);
	scr_end();
	farewell(a);
	free_app(a);
	the_app = NULL;
	return rc;
}
