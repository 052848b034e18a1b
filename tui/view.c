/*
 * The wizard's state without a screen: where the focus is and what it may
 * land on, the changes around the session (core/session.h), and the one
 * message line.  Below every screen module; it calls none of them, only
 * dialog.h to ask about answers that stop applying.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/dialog.h"

int
app_dirty(const struct app *a)
{
	return a->s.dirty;
}

const char *
app_filename(const struct app *a)
{
	const char *slash = strrchr(a->path, '/');

	return slash != NULL ? slash + 1 : a->path;
}

void
app_message(struct app *a, enum scr_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_role = role;
}

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
		return dossier_nrecords(a->s.d, a->group);
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
	struct app_ref r;
	unsigned ctx;

	if (a->pane == 0)
		return KC_SECTIONS;
	if (a->level == APP_GROUP)
		return KC_GROUP;
	ctx = a->level == APP_RECORD ? KC_RECORD : KC_FIELDS;
	if (app_rows(a) == 0 || a->cur[a->level] >= app_rows(a))
		return ctx;
	r = app_row(a, a->cur[a->level]);
	if (r.f != NULL && r.f->type == TMPL_YESNO &&
	    validate_applies(a->s.d, r.f, r.rec))
		ctx |= KC_YESNO;
	return ctx;
}

/*
 * Can row i of the question pane take the focus?  A question that is not
 * asked (core's verdict) cannot: it is shown greyed with the reason.
 */
int
app_row_asked(const struct app *a, size_t i)
{
	struct app_ref r = app_row(a, i);

	return r.f == NULL || validate_applies(a->s.d, r.f, r.rec);
}

static int
section_ok(const void *arg, size_t i)
{
	const struct app *a = arg;

	return a->items[i].s != NULL;
}

static int
row_ok(const void *arg, size_t i)
{
	return app_row_asked(arg, i);
}

void
app_pane_list(const struct app *a, int pane, size_t page, struct list *l)
{
	l->n = pane == 0 ? a->nitems : app_rows(a);
	l->page = page;
	l->ok = pane == 0 ? section_ok : row_ok;
	l->arg = a;
}

/*
 * The row to focus near c: c itself when it is asked, else the nearest
 * asked row in direction dir (1 down, -1 up), else in the other; c when
 * no row is asked.
 */
size_t
app_asked_near(const struct app *a, size_t c, int dir)
{
	struct list l;

	app_pane_list(a, 1, 1, &l);
	return list_near(&l, c, dir);
}

/* After a change, undo or a deletion: the record shown may be gone, and
 * the focused question may no longer be asked. */
void
app_fix_focus(struct app *a)
{
	if (a->level == APP_RECORD &&
	    a->rec >= dossier_nrecords(a->s.d, a->group)) {
		a->level = APP_GROUP;
		a->cur[APP_GROUP] = a->rec;
	}
	if (a->level != APP_GROUP && a->nitems > 0)
		a->cur[a->level] = app_asked_near(a, a->cur[a->level], 1);
}

void
app_revalidate(struct app *a)
{
	session_recheck(&a->s);
	app_fix_focus(a);
}

/* Answers that stop applying: the session finds them, the user decides. */

/* One line per answer when few, one per section when many. */
static char *
stale_list(const struct session_ref *st, size_t n)
{
	const struct tmpl_section *sec, *prev = NULL;
	enum lang l = lang_current();
	char *s = xstrdup(""), *t, *c;
	size_t i, j, count;

	for (i = 0; i < n; i++) {
		const struct tmpl_field *f = st[i].f;

		sec = (f->group != NULL ? f->group : f)->section;
		if (n <= 6) {
			/* TRANSLATORS: the list so far, then a line: a
			 * question and its section's title. */
			t = xasprintf(_("%s\n  - %s (%s)"), s,
			    tmpl_field_text(f, TMPL_TR_LABEL, l),
			    tmpl_section_text(sec, TMPL_TR_TITLE, l));
		} else if (sec != prev) {
			for (j = i, count = 0; j < n; j++)
				count += (st[j].f->group != NULL ?
				    st[j].f->group : st[j].f)->section == sec;
			c = xasprintf(ngettext("%zu answer", "%zu answers",
			    count), count);
			/* TRANSLATORS: the list so far, then a line: a
			 * section's title and its count ("3 answers"). */
			t = xasprintf(_("%s\n  - %s: %s"), s,
			    tmpl_section_text(sec, TMPL_TR_TITLE, l), c);
			free(c);
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
stale_text(const struct session_ref *st, size_t n)
{
	char *list = stale_list(st, n), *t;

	/* TRANSLATORS: %s is the list of answers, each on its own line. */
	t = xasprintf(ngettext("Because of this answer, %zu answered "
	    "question no longer applies:%s\n\nClear them, or keep them in "
	    "the file?  Kept answers are not checked while they do not "
	    "apply, and count again if the answer changes back.",
	    "Because of this answer, %zu answered questions no longer "
	    "apply:%s\n\nClear them, or keep them in the file?  Kept "
	    "answers are not checked while they do not apply, and count "
	    "again if the answer changes back.", n), n, list);
	free(list);
	return t;
}

static void
offer_clear(struct app *a)
{
	/* TRANSLATORS: buttons: the key, a colon, what it does; keep the
	 * key letter. */
	static const char *const buttons[] = { N_("c:Clear them"),
	    N_("k:Keep them") };
	const char *shown[2];
	const struct session_ref *st;
	char *text;
	size_t n;
	int c;

	shown[0] = _(buttons[0]);
	shown[1] = _(buttons[1]);
	st = session_stale(&a->s, &n);
	text = stale_text(st, n);
	c = dlg_choose(_("Answers that no longer apply"), text, shown, 2,
	    _("Keep them too"), _("Some answers no longer apply: c clears "
	    "them, k keeps them."));
	free(text);
	if (c != 0) {
		app_message(a, SCR_MESSAGE, ngettext("Kept %zu answer that "
		    "no longer applies.", "Kept %zu answers that no longer "
		    "apply.", n), n);
		return;
	}
	n = session_clear_stale(&a->s);
	app_fix_focus(a);
	app_message(a, SCR_MESSAGE, ngettext("Cleared %zu answer; u brings "
	    "it back.", "Cleared %zu answers; u brings them back.", n), n);
}

void
app_change_begin(struct app *a, const char *what, int watch)
{
	session_begin(&a->s, what, watch);
}

void
app_change_at(struct app *a, const struct tmpl_field *f, size_t rec)
{
	session_at(&a->s, f, rec);
}

void
app_change_end(struct app *a)
{
	size_t n = session_end(&a->s);

	app_fix_focus(a);
	if (n > 0)
		offer_clear(a);
}

int
app_writable(struct app *a)
{
	if (a->readonly == NULL)
		return 1;
	app_message(a, SCR_ERROR, _("Read-only: %s"), a->readonly);
	return 0;
}


const struct tmpl_field *
app_start_source(const struct app *a, const struct tmpl_field *f)
{
	const char *ref = f->start_from, *dot1, *dot2;
	const struct tmpl_section *s;
	const struct tmpl *t;
	size_t i, j, k;

	if (ref == NULL || (dot1 = strchr(ref, '.')) == NULL ||
	    (dot2 = strchr(dot1 + 1, '.')) == NULL)
		return NULL;
	for (i = 0; i < a->s.d->ntmpls; i++) {
		t = a->s.d->tmpls[i];
		if (strlen(t->id) != (size_t)(dot1 - ref) ||
		    strncmp(t->id, ref, (size_t)(dot1 - ref)) != 0)
			continue;
		for (j = 0; j < t->nsections; j++) {
			s = &t->sections[j];
			if (strlen(s->id) != (size_t)(dot2 - dot1 - 1) ||
			    strncmp(s->id, dot1 + 1, (size_t)(dot2 - dot1 -
			    1)) != 0)
				continue;
			for (k = 0; k < s->nfields; k++)
				if (strcmp(s->fields[k].id, dot2 + 1) == 0 &&
				    &s->fields[k] != f &&
				    validate_applies(a->s.d, &s->fields[k], 0) &&
				    dossier_filled(dossier_get(a->s.d,
				    &s->fields[k], 0)))
					return &s->fields[k];
		}
	}
	return NULL;
}
