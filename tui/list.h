/*
 * One behaviour for every scrolling list (sections, questions, records,
 * pickers, findings, search results): Up and Down stop at the ends (no
 * wrapping), PgUp and PgDn move a page, Home and End go to the ends, and
 * the window scrolls only as far as needed to keep the cursor in view.
 * No curses: the callers draw.
 */
#ifndef DOSSIER_LIST_H
#define DOSSIER_LIST_H

#include <stddef.h>

#include "tui/keys.h"

/* Is act one of the list movements? */
int list_is_move(enum key_action act);
/* The cursor after act in a list of n rows showing page rows at once. */
size_t list_move(size_t cur, size_t n, size_t page, enum key_action act);
/* Scroll *top so that cur is within the h rows shown. */
void list_scroll(size_t cur, size_t h, size_t *top);

#endif
