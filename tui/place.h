/*
 * Where you left each dossier: the question in focus when the wizard
 * closed, so the next start opens there.  Kept in the XDG state folder
 * ($XDG_STATE_HOME/dossier/places, by default ~/.local/state/dossier/
 * places), one line per dossier (by its real path), newest first, at most
 * PLACE_MAX; never beside the dossier, which may be shared or versioned.
 * No curses.
 */
#ifndef DOSSIER_PLACE_H
#define DOSSIER_PLACE_H

#include <stddef.h>

#define PLACE_MAX 200

struct place {
	char *tmpl;		/* template id */
	char *section;		/* section id */
	char *field;		/* field id ("" when the section list had it) */
	char *sub;		/* a record's field id, or "" */
	size_t rec;		/* record, when sub is not "" */
};

/* The place kept for dossier file path; 0 and *p filled, or -1. */
int place_get(const char *path, struct place *p);
/* Keep p for path (best effort: a failure only loses the place). */
void place_put(const char *path, const struct place *p);
void place_free(struct place *p);

#endif
