/* Snapshot undo; see undo.h for why snapshots. */
#include "config.h"

#include "core/undo.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void
state_free(struct undo *u, struct undo_state *s)
{
	u->nodes -= s->nodes;
	yt_free(s->root);
	free(s->what);
}

static void
drop_oldest(struct undo *u, struct undo_state *v, size_t *n)
{
	state_free(u, &v[0]);
	memmove(v, v + 1, (*n - 1) * sizeof *v);
	(*n)--;
}

static void
push(struct undo *u, struct undo_state **v, size_t *n, struct ynode *root,
    size_t nodes, unsigned long id, char *what)
{
	if (*n == UNDO_LEVELS)
		drop_oldest(u, *v, n);
	/* Over budget: the oldest undo steps go, never the newest. */
	while (u->npast > 0 && u->nodes + nodes > UNDO_NODES &&
	    (*v != u->past || *n > 0))
		drop_oldest(u, u->past, &u->npast);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].root = root;
	(*v)[*n].nodes = nodes;
	(*v)[*n].id = id;
	(*v)[*n].what = what;
	(*n)++;
	u->nodes += nodes;
}

static void
clear_future(struct undo *u)
{
	size_t i;

	for (i = 0; i < u->nfuture; i++)
		state_free(u, &u->future[i]);
	u->nfuture = 0;
}

void
undo_push(struct undo *u, const struct dossier *d, unsigned long id,
    const char *what)
{
	clear_future(u);
	push(u, &u->past, &u->npast, yt_clone(d->root), yt_count(d->root), id,
	    xstrdup(what));
}

/* Move one state from one stack to the other through the dossier. */
static const char *
step(struct undo *u, struct undo_state **from, size_t *nfrom,
    struct undo_state **to, size_t *nto, struct dossier *d, unsigned long *id)
{
	struct undo_state s;
	struct ynode *old;

	if (*nfrom == 0)
		return NULL;
	s = (*from)[--(*nfrom)];
	u->nodes -= s.nodes;
	old = dossier_swap_root(d, s.root);
	push(u, to, nto, old, yt_count(old), *id, s.what);
	*id = s.id;
	return s.what;
}

const char *
undo_undo(struct undo *u, struct dossier *d, unsigned long *id)
{
	return step(u, &u->past, &u->npast, &u->future, &u->nfuture, d, id);
}

const char *
undo_redo(struct undo *u, struct dossier *d, unsigned long *id)
{
	return step(u, &u->future, &u->nfuture, &u->past, &u->npast, d, id);
}

void
undo_free(struct undo *u)
{
	size_t i;

	for (i = 0; i < u->npast; i++)
		state_free(u, &u->past[i]);
	clear_future(u);
	free(u->past);
	free(u->future);
	memset(u, 0, sizeof *u);
}
