/*
 * Undo and redo as whole-tree snapshots: a dossier is usually small (the
 * demo is 10 KB), so copying the tree before each change is cheap and
 * makes every kind of edit undoable the same way, record moves and "clear
 * the answers that stopped applying" included.  Each state carries an id,
 * so the wizard knows whether undo brought it back to what is on disk.
 *
 * Snapshots of a large dossier are not small, so the history is bounded
 * twice: at most UNDO_LEVELS changes, and at most UNDO_NODES tree nodes
 * held in all; the oldest go first, but the last change can always be
 * undone.
 */
#ifndef DOSSIER_UNDO_H
#define DOSSIER_UNDO_H

#include <stddef.h>

#include "core/dossier.h"

#define UNDO_LEVELS 200
#define UNDO_NODES 400000	/* about 40 MB of snapshots */

struct undo_state {
	struct ynode *root;	/* owned */
	size_t nodes;		/* yt_count(root) */
	unsigned long id;
	char *what;		/* owned: "edit Risk class" */
};

struct undo {
	struct undo_state *past, *future;
	size_t npast, nfuture;
	size_t nodes;		/* held by past and future together */
};

/*
 * Remember d as it is now, with state id, before a change described by
 * what; forgets what redo could have brought back.
 */
void undo_push(struct undo *u, const struct dossier *d, unsigned long id,
    const char *what);
/*
 * Undo (redo) one change: d's tree goes back (forward), *id becomes that
 * state's id.  Returns the description of the change, borrowed until the
 * next call, or NULL when there is nothing to undo (redo).
 */
const char *undo_undo(struct undo *u, struct dossier *d, unsigned long *id);
const char *undo_redo(struct undo *u, struct dossier *d, unsigned long *id);
void undo_free(struct undo *u);

#endif
