/*
 * The editing session: the dossier being edited and everything that
 * follows a change to it, with no screen.  The wizard drives it; the unit
 * tests drive it the same way (tests/unit/test_session.c).
 *
 * Every change is bracketed: session_begin() remembers the tree for undo
 * (and, when asked, which answered questions apply now), session_at() says
 * which one answer the change touches so that re-validation can be
 * incremental, session_end() re-validates and finds the answers that
 * stopped applying.  What the user is asked about those answers is the
 * caller's business; session_clear_stale() clears them as a change of its
 * own, undoable like any other.
 *
 * Dirty means "the tree differs from the file as last loaded or saved",
 * by content: an answer switched from no to yes and back is not unsaved.
 * Recovered changes are a change like any other, so undo takes them back
 * to the file on disk.  Autosave timing is decided here; writing the
 * recovery file is the caller's (tui/recover.c).
 *
 * Ownership: the session owns the dossier, the report, the cache, what
 * reading the files found and the undo history; session_free releases
 * them all.
 */
#ifndef DOSSIER_SESSION_H
#define DOSSIER_SESSION_H

#include <stddef.h>
#include <time.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/flist.h"
#include "core/undo.h"
#include "core/validate.h"

#define SESSION_AUTOSAVE_SECONDS 5	/* between recovery-file writes */

/* A field in a place: record rec of its group, when it has one. */
struct session_ref {
	const struct tmpl_field *f;
	size_t rec;
};

struct session {
	struct dossier *d;	/* owned */
	struct report *r;	/* owned; the verdict of the current tree */
	struct vcache *cache;	/* owned */
	/*
	 * What reading the files the answers name found (proof.h), read
	 * when the session starts, on re-check, and after a change to a
	 * file answer or a record that has one; the cache lends it to every
	 * validation, so the wizard's verdict is check's.  proof NULL: the
	 * files could not be read, and unreadable says why.
	 */
	struct proof *proof;	/* owned */
	struct flist unreadable;

	struct undo undo;
	struct ynode *saved;	/* the tree as on disk (owned copy) */
	int dirty;		/* d's tree differs from saved */
	unsigned long state, next_state;	/* id of the current tree */
	unsigned long autosaved_state;	/* 0: no recovery file written */
	time_t last_autosave;
	int saved_once;		/* saved at least once this session */

	/* The change in progress. */
	int in_change;
	const struct tmpl_field *chg_f;	/* the one answer it touched */
	size_t chg_rec;
	int watching;
	struct session_ref *watched;	/* answered and asked at begin */
	size_t nwatched;
	struct session_ref *stale;	/* after end: those no longer asked */
	size_t nstale;
};

/*
 * Start a session on d (taken over).  on_disk says whether d's tree is
 * what the file holds (a new dossier is not, until first saved).
 */
void session_init(struct session *s, struct dossier *d, int on_disk);
void session_free(struct session *s);

/* Around every change; what names it for undo ("edit Risk class"). */
void session_begin(struct session *s, const char *what, int watch);
/*
 * The change touched only field f (record rec), or for a group field its
 * records' order or number: re-validation is limited to what that
 * reaches.  Without it, session_end re-validates everything.
 */
void session_at(struct session *s, const struct tmpl_field *f, size_t rec);
/*
 * Re-validate and, when begin asked to watch, find the answers that no
 * longer apply.  Returns how many (session_stale() lists them).
 */
size_t session_end(struct session *s);
/* The answers session_end found no longer apply (borrowed). */
const struct session_ref *session_stale(const struct session *s, size_t *n);
/* Clear them: one undoable change.  Returns how many were cleared. */
size_t session_clear_stale(struct session *s);

/*
 * Undo (redo) the last change.  Returns its description, borrowed until
 * the next change, or NULL when there is nothing to undo (redo).
 */
const char *session_undo(struct session *s, int redo);

/*
 * Take the tree of a recovery file (root, taken over) as the current one:
 * a change named "recover unsaved changes", so undo returns to the file.
 */
void session_recover(struct session *s, struct ynode *root);

/* Validate all again, looking at evidence files afresh. */
void session_recheck(struct session *s);

/*
 * Save to the dossier's path (flags as dossier_save).  On success the
 * saved tree is the current one and the session is clean.
 */
int session_save(struct session *s, int flags, struct diag *err);

/*
 * Take what is on disk now (the file changed there) in place of the
 * current tree: loads path again, discarding the unsaved changes (they
 * stay in the undo history).  Returns 0, or -1 with err filled.
 */
int session_reload(struct session *s, struct diag *err);

/* What autosave should do at time now. */
enum session_autosave {
	SESSION_AUTOSAVE_NONE,		/* nothing */
	SESSION_AUTOSAVE_WRITE,		/* write the recovery file */
	SESSION_AUTOSAVE_REMOVE		/* clean again: remove it */
};
enum session_autosave session_autosave_due(const struct session *s,
    time_t now);
/* Report what the caller did: wrote (ok or not) or removed the file. */
void session_autosave_done(struct session *s, enum session_autosave what,
    int ok, time_t now);

#endif
