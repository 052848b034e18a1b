/*
 * One behaviour for every scrolling list (sections, questions, records,
 * pickers, findings, search results, the help viewer): Up and Down move
 * to the next row that may take the focus and stop at the ends (no
 * wrapping), PgUp and PgDn move a page, Home and End go to the first and
 * the last such row, and the window scrolls only as far as needed to keep
 * the cursor in view.  Rows that may not take the focus (a template's
 * heading, a question that is not asked) are skipped by every movement.
 * No curses: the callers draw each row through list_draw().
 */
#ifndef DOSSIER_LIST_H
#define DOSSIER_LIST_H

#include <stddef.h>

#include "tui/keys.h"

struct list {
	size_t n;		/* rows */
	size_t page;		/* rows shown at once */
	/* May row i take the focus?  NULL: every row may. */
	int (*ok)(const void *arg, size_t i);
	const void *arg;
};

/* Is act one of the list movements? */
int list_is_move(enum key_action act);
/* The cursor after act (cur itself when there is nowhere to go). */
size_t list_move(const struct list *l, size_t cur, enum key_action act);
/*
 * The row nearest c that may take the focus, looking in direction dir
 * (1 down, -1 up) first, then the other way; c when none may.
 */
size_t list_near(const struct list *l, size_t c, int dir);
/* Scroll *top so that cur is within the h rows shown. */
void list_scroll(size_t cur, size_t h, size_t *top);

/* Draw row i as the r-th row shown (r from 0); focus when it is cur. */
typedef void (*list_row_fn)(void *arg, size_t i, int r, int focus);
/*
 * Scroll *top to keep cur in view in h rows, then draw each row shown.
 * Returns how many were drawn.
 */
size_t list_draw(size_t cur, size_t n, size_t h, size_t *top,
    list_row_fn row, void *arg);

#endif
