/* The editing session; see session.h for what it owns and why. */
#include "config.h"

#include "core/session.h"

#include <stdlib.h>
#include <string.h>

#include "core/proof.h"
#include "core/xalloc.h"

/*
 * Dirty by content, not by change count: comparing the trees costs one
 * walk of each, far less than the validation every change already does.
 */
static void
update_dirty(struct session *s)
{
	s->dirty = s->saved == NULL || !yt_equal(s->d->root, s->saved);
}

static void
mark_saved(struct session *s)
{
	yt_free(s->saved);
	s->saved = yt_clone(s->d->root);
	s->dirty = 0;
}

/* Read the files again; the next validation counts what they say. */
static void
refresh_proof(struct session *s)
{
	struct diag err;

	vcache_set_proof(s->cache, NULL);
	proof_free(s->proof);
	flist_free(&s->unreadable);
	diag_clear(&err);
	s->proof = proof_run(s->d, 0, &err);
	if (s->proof == NULL)
		flist_add_diag(&s->unreadable, &err);
	vcache_set_proof(s->cache, s->proof != NULL ? &s->proof->f :
	    &s->unreadable);
}

void
session_init(struct session *s, struct dossier *d, int on_disk)
{
	memset(s, 0, sizeof *s);
	s->d = d;
	s->cache = vcache_new();
	refresh_proof(s);
	s->r = validate(d, s->cache);
	if (on_disk)
		mark_saved(s);
	else
		s->dirty = 1;
}

static void
drop_watch(struct session *s)
{
	free(s->watched);
	s->watched = NULL;
	s->nwatched = 0;
	s->watching = 0;
}

void
session_free(struct session *s)
{
	drop_watch(s);
	free(s->stale);
	undo_free(&s->undo);
	report_free(s->r);
	vcache_free(s->cache);
	proof_free(s->proof);
	flist_free(&s->unreadable);
	dossier_free(s->d);
	yt_free(s->saved);
	memset(s, 0, sizeof *s);
}

/* Answers that stop applying. */

static int
answered(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(d, f, rec);

	return dossier_filled(v) || dossier_na_reason(v) != NULL;
}

static void
watch_field(struct session *s, const struct tmpl_field *f, size_t rec)
{
	/*
	 * A device fact is the device's, not the question's: the top line,
	 * the checklist and other templates use it even where this
	 * template's question stops applying, so it is never offered for
	 * clearing.
	 */
	if (f->fact != NULL || !answered(s->d, f, rec) ||
	    !validate_applies(s->d, f, rec))
		return;
	s->watched = xreallocarray(s->watched, s->nwatched + 1,
	    sizeof *s->watched);
	s->watched[s->nwatched].f = f;
	s->watched[s->nwatched++].rec = rec;
}

/* Every answered field that applies now, records' fields included. */
static void
watch_collect(struct session *s)
{
	const struct dossier *d = s->d;
	const struct tmpl_section *sec;
	const struct tmpl_field *f;
	size_t i, j, k, r, n;

	for (i = 0; i < d->ntmpls; i++) {
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			sec = &d->tmpls[i]->sections[j];
			for (k = 0; k < sec->nfields; k++) {
				f = &sec->fields[k];
				watch_field(s, f, 0);
				n = f->type == TMPL_GROUP ?
				    dossier_nrecords(d, f) : 0;
				for (r = 0; r < n * f->nfields; r++)
					watch_field(s, &f->fields[r %
					    f->nfields], r / f->nfields);
			}
		}
	}
}

void
session_begin(struct session *s, const char *what, int watch)
{
	s->in_change = 1;
	s->chg_f = NULL;
	drop_watch(s);
	s->watching = watch;
	if (watch)
		watch_collect(s);
	undo_push(&s->undo, s->d, s->state, what);
}

void
session_at(struct session *s, const struct tmpl_field *f, size_t rec)
{
	/*
	 * Other fields may share a device fact's value, so a change to one
	 * is checked in full rather than field by field.
	 */
	s->chg_f = f->fact != NULL ? NULL : f;
	s->chg_rec = rec;
}

static void
revalidate(struct session *s)
{
	report_free(s->r);
	s->r = validate(s->d, s->cache);
}

size_t
session_end(struct session *s)
{
	size_t i;

	s->in_change = 0;
	s->state = ++s->next_state;
	if (s->chg_f == NULL || proof_depends_on(s->d, s->chg_f))
		refresh_proof(s);
	if (s->chg_f != NULL)
		validate_update(s->r, s->d, s->chg_f, s->chg_rec, s->cache);
	else
		revalidate(s);
	s->chg_f = NULL;
	update_dirty(s);
	s->nstale = 0;
	if (!s->watching)
		return 0;
	free(s->stale);
	s->stale = xcalloc(s->nwatched + 1, sizeof *s->stale);
	for (i = 0; i < s->nwatched; i++)
		if (answered(s->d, s->watched[i].f, s->watched[i].rec) &&
		    !validate_applies(s->d, s->watched[i].f,
		    s->watched[i].rec))
			s->stale[s->nstale++] = s->watched[i];
	drop_watch(s);
	return s->nstale;
}

const struct session_ref *
session_stale(const struct session *s, size_t *n)
{
	*n = s->nstale;
	return s->stale;
}

size_t
session_clear_stale(struct session *s)
{
	struct session_ref *list = s->stale;
	size_t n = s->nstale, i;

	if (n == 0)
		return 0;
	s->stale = NULL;
	s->nstale = 0;
	session_begin(s, _("clear answers that no longer apply"), 0);
	for (i = 0; i < n; i++)
		yt_free(dossier_put(s->d, list[i].f, list[i].rec, NULL));
	free(list);
	session_end(s);
	return n;
}

const char *
session_undo(struct session *s, int redo)
{
	const char *what;

	what = redo ? undo_redo(&s->undo, s->d, &s->state) :
	    undo_undo(&s->undo, s->d, &s->state);
	if (what == NULL)
		return NULL;
	s->nstale = 0;
	refresh_proof(s);
	revalidate(s);
	update_dirty(s);
	return what;
}

void
session_recover(struct session *s, struct ynode *root)
{
	session_begin(s, _("recover unsaved changes"), 0);
	yt_free(dossier_swap_root(s->d, root));
	session_end(s);
}

void
session_recheck(struct session *s)
{
	vcache_clear(s->cache);
	refresh_proof(s);
	revalidate(s);
}

int
session_save(struct session *s, int flags, struct diag *err)
{
	if (dossier_save(s->d, NULL, flags, err) < 0)
		return -1;
	mark_saved(s);
	s->saved_once = 1;
	return 0;
}

int
session_reload(struct session *s, struct diag *err)
{
	struct dossier *nd;
	size_t i;

	nd = dossier_load(s->d->path, s->d->set, err);
	if (nd == NULL)
		return -1;
	/* The screen lists the templates' sections: they must not change. */
	if (nd->ntmpls != s->d->ntmpls) {
		i = 0;
	} else {
		for (i = 0; i < nd->ntmpls && nd->tmpls[i] == s->d->tmpls[i];
		    i++)
			;
	}
	if (i != nd->ntmpls || nd->ntmpls != s->d->ntmpls) {
		diag_set(err, DIAG_CHANGED, s->d->path, 0, 0, "the file on "
		    "disk now uses other templates; quit and open it again");
		dossier_free(nd);
		return -1;
	}
	session_begin(s, _("take the file as it is on disk"), 0);
	yt_free(dossier_swap_root(s->d, yt_clone(nd->root)));
	s->d->disk = nd->disk;
	s->d->have_disk = nd->have_disk;
	s->d->dirty = 0;
	dossier_free(nd);
	session_end(s);
	mark_saved(s);
	return 0;
}

enum session_autosave
session_autosave_due(const struct session *s, time_t now)
{
	if (!s->dirty)
		return s->autosaved_state != 0 ? SESSION_AUTOSAVE_REMOVE :
		    SESSION_AUTOSAVE_NONE;
	if (s->state == s->autosaved_state ||
	    now - s->last_autosave < SESSION_AUTOSAVE_SECONDS)
		return SESSION_AUTOSAVE_NONE;
	return SESSION_AUTOSAVE_WRITE;
}

void
session_autosave_done(struct session *s, enum session_autosave what, int ok,
    time_t now)
{
	if (what == SESSION_AUTOSAVE_REMOVE) {
		s->autosaved_state = 0;
	} else if (what == SESSION_AUTOSAVE_WRITE) {
		/* A failed write is tried again after the interval. */
		s->last_autosave = now;
		if (ok)
			s->autosaved_state = s->state;
	}
}
