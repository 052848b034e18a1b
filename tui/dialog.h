/*
 * Pop-ups, each a layer (loop.h) pushed over the screen and run by the
 * one key loop: a message, buttons, a one-line prompt, a picker and a
 * page of text.  Each draws itself over the layers beneath; none calls
 * the application.  Their hint lines come from the key table (keys.h).
 * The functions return once the pop-up closes, with what was chosen.
 */
#ifndef DOSSIER_DIALOG_H
#define DOSSIER_DIALOG_H

#include <stddef.h>

#include "tui/edit.h"

/* A message; any key closes it. */
void dlg_message(const char *title, const char *text);

/*
 * Choose one of n buttons, each written "k:Label" where k is its key.
 * Buttons are msgids, marked N_() where they are written and translated
 * here; k stays the key in every language (the translation's own "k:" is
 * not shown, and is never the key).  Returns the button's index, or -1
 * for Esc, whose label is esc ("Cancel" when NULL).  tiny is what the
 * too-small notice says meanwhile; NULL makes it from the title and the
 * buttons.  title, text, esc and tiny come translated.
 */
int dlg_choose(const char *title, const char *text,
    const char *const *buttons, size_t n, const char *esc,
    const char *tiny);

/*
 * Live check of a prompt's text: returns a message for the line under
 * the box (NULL for none) and sets *ok to 0 when it must not be accepted.
 */
typedef const char *(*dlg_check_fn)(void *ctx, const char *text, int *ok);

/*
 * Ask for one line of text.  Returns it (caller frees) or NULL for Esc.
 */
char *dlg_prompt(const char *title, const char *text,
    const char *initial, enum edit_filter filter, dlg_check_fn check,
    void *ctx);

/*
 * Ask for a file's path, relative to folder base: as dlg_prompt, and Tab
 * completes the name there, Ctrl+O or F4 picks a file under it.
 */
char *dlg_prompt_path(const char *title, const char *text,
    const char *initial, dlg_check_fn check, void *ctx, const char *base);

/*
 * Pick from a list.  Single choice when sel is NULL: returns the index or
 * -1 for Esc.  Multiple choice when sel (n flags) is given: Space toggles,
 * Enter returns 0, Esc -1 (sel then unchanged).
 */
int dlg_pick(const char *title, const char *text,
    const char *const *items, size_t n, size_t initial, unsigned char *sel);

/*
 * A form of n one-line fields under their labels.  values[i] (owned,
 * NULL for empty) hold the fields' text on entry; on Enter, F2 or Ctrl+S
 * they are replaced with what was typed and 0 is returned; Esc returns
 * -1 and leaves them.  Tab and Down go to the next field.
 */
int dlg_form(const char *title, const char *text, const char *const *labels,
    char **values, size_t n);

/* A scrollable page of text lines (help). */
void dlg_view(const char *title, const char *text);

/* The box the pop-ups draw in: centered, h x w, title in the border. */
void dlg_frame(int h, int w, const char *title, int *y, int *x);
/* Draw wrapped text in a box; returns the rows used. */
int dlg_para(int y, int x, int w, int maxrows, const char *text, int attr);
/* Rows text takes wrapped to w columns. */
int dlg_para_rows(const char *text, int w);
/* The hint line of key context ctx (keys.h) at y, x, w columns. */
void dlg_hint(int y, int x, int w, unsigned ctx, unsigned long long skip);

#endif
