/*
 * A text editor for one answer: a single line (text, version, date,
 * integer, file, reasons) or several (long text, soft-wrapped).  The text
 * is held as code points, so the cursor moves by character and columns are
 * measured with wcwidth: Chinese and other wide characters take two.
 * Characters that would be hazards on a terminal are kept as they are in
 * the text but drawn as placeholders.
 */
#ifndef DOSSIER_EDIT_H
#define DOSSIER_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "tui/curses.h"

/* Which characters a field accepts as they are typed. */
enum edit_filter { EDIT_ANY, EDIT_INTEGER, EDIT_DATE };

struct edit {
	int32_t *cp;		/* the text; owned */
	size_t n, cap;
	size_t cur;		/* cursor, 0..n */
	int multiline;
	enum edit_filter filter;
	int ascii_only;		/* non-UTF-8 locale: refuse other input */
	int scroll;		/* first column (single) or row (multi) shown */
	int boxw, boxh;		/* size of the last draw: up and down use it */
	int changed;
	char why[400];		/* why the last key was refused; room for
				 * a translation three bytes a character */
};

enum edit_result { EDIT_IGNORED, EDIT_MOVED, EDIT_CHANGED, EDIT_REFUSED };

/* Start editing UTF-8 text (NULL: empty). */
void edit_init(struct edit *e, const char *text, int multiline,
    enum edit_filter filter);
void edit_free(struct edit *e);
/* The text as UTF-8, in a new string the caller frees. */
char *edit_text(const struct edit *e);
/* Replace the whole text (after the external editor). */
void edit_set(struct edit *e, const char *text);

/*
 * Apply one key (keys.h encoding).  Handles typing, Backspace, Delete,
 * arrows, Home/End (line), Ctrl+A/E/K/U/W, PgUp/PgDn; Enter inserts a
 * newline when multiline.  Anything else is EDIT_IGNORED.
 */
enum edit_result edit_key(struct edit *e, int key, int page);
/*
 * After EDIT_REFUSED: why, in a sentence naming the character, for the
 * line under the box (a refused key is never dropped silently).
 */
const char *edit_refusal(const struct edit *e);

/*
 * Draw into the h x w box at y,x of win (h is 1 for a single line) and
 * leave the cursor where it belongs (curs_set is the caller's).
 */
void edit_draw(struct edit *e, WINDOW *win, int y, int x, int h, int w,
    int attr);

#endif
