/*
 * Pop-ups over the layers beneath (loop.h).  Each runs its own small
 * loop through loop_getkey(), so autosave, signals, resizing and the
 * too-small notice work inside them too, and each draws the layers
 * beneath with loop_draw() every time round, then itself: a pop-up never
 * calls the application.
 */
#ifndef DOSSIER_DIALOG_H
#define DOSSIER_DIALOG_H

#include <stddef.h>

#include "tui/edit.h"

/* A message; any key closes it. */
void dlg_message(const char *title, const char *text);

/*
 * Choose one of n buttons, each written "k:Label" where k is its key.
 * Returns the button's index, or -1 for Esc, whose label is esc ("Cancel"
 * when NULL).  tiny is what the too-small notice says meanwhile.
 */
int dlg_choose(const char *title, const char *text,
    const char *const *buttons, size_t n, const char *esc,
    const char *tiny);

/*
 * Live check of a prompt's text: returns a message for the status line
 * (NULL for none) and sets *ok to 0 when Enter must not accept it.
 */
typedef const char *(*dlg_check_fn)(void *ctx, const char *text, int *ok);

/*
 * Ask for one line of text.  Returns it (caller frees) or NULL for Esc.
 */
char *dlg_prompt(const char *title, const char *text,
    const char *initial, enum edit_filter filter, dlg_check_fn check,
    void *ctx);

/*
 * Pick from a list.  Single choice when sel is NULL: returns the index or
 * -1 for Esc.  Multiple choice when sel (n flags) is given: Space toggles,
 * Enter returns 0, Esc -1 (sel then unchanged).
 */
int dlg_pick(const char *title, const char *text,
    const char *const *items, size_t n, size_t initial, unsigned char *sel);

/* A scrollable page of text lines (help). */
void dlg_view(const char *title, const char *text);

/* The box the pop-ups draw in: centered, h x w, title in the border. */
void dlg_frame(int h, int w, const char *title, int *y, int *x);

#endif
