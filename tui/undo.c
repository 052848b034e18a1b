/* Snapshot undo; see undo.h for why snapshots. */
#include "config.h"

#include "tui/undo.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void
state_free(struct undo_state *s)
{
	yt_free(s->root);
	free(s->what);
}

static void
push(struct undo_state **v, size_t *n, struct ynode *root, unsigned long id,
    char *what)
{
	if (*n == UNDO_LEVELS) {
		/* Full: forget the oldest. */
		state_free(&(*v)[0]);
		memmove(*v, *v + 1, (*n - 1) * sizeof **v);
		(*n)--;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].root = root;
	(*v)[*n].id = id;
	(*v)[*n].what = what;
	(*n)++;
}

static void
clear_future(struct undo *u)
{
	size_t i;

	for (i = 0; i < u->nfuture; i++)
		state_free(&u->future[i]);
	u->nfuture = 0;
}

void
undo_push(struct undo *u, const struct dossier *d, unsigned long id,
    const char *what)
{
	clear_future(u);
	push(&u->past, &u->npast, yt_clone(d->root), id, xstrdup(what));
}

/* Move one state from one stack to the other through the dossier. */
static const char *
step(struct undo_state **from, size_t *nfrom, struct undo_state **to,
    size_t *nto, struct dossier *d, unsigned long *id)
{
	struct undo_state s;
	struct ynode *old;

	if (*nfrom == 0)
		return NULL;
	s = (*from)[--(*nfrom)];
	old = dossier_swap_root(d, s.root);
	push(to, nto, old, *id, s.what);
	*id = s.id;
	return s.what;
}

const char *
undo_undo(struct undo *u, struct dossier *d, unsigned long *id)
{
	return step(&u->past, &u->npast, &u->future, &u->nfuture, d, id);
}

const char *
undo_redo(struct undo *u, struct dossier *d, unsigned long *id)
{
	return step(&u->future, &u->nfuture, &u->past, &u->npast, d, id);
}

void
undo_free(struct undo *u)
{
	size_t i;

	for (i = 0; i < u->npast; i++)
		state_free(&u->past[i]);
	clear_future(u);
	free(u->past);
	free(u->future);
	memset(u, 0, sizeof *u);
}
