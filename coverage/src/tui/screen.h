/*
 * The terminal: the only module that starts and ends curses.  It decides
 * whether the terminal can run the wizard at all, picks colours or
 * monochrome attributes (NO_COLOR, terminals without colour), line drawing
 * or ASCII, installs the signal handlers that keep the terminal restorable
 * on every way out, and draws untrusted text: every string that reaches
 * the screen goes through scr_text(), which neutralises control
 * characters, escape sequences and bidi overrides (core/text.h) and
 * measures wide characters with wcwidth.
 */
#ifndef DOSSIER_SCREEN_H
#define DOSSIER_SCREEN_H

#include <stddef.h>

#include "tui/curses.h"

#define SCR_MIN_COLS 80
#define SCR_MIN_LINES 24
#define SCR_PLAIN 0		/* no attributes, as an int */

/* What a piece of the screen is; colours and attributes come from here. */
enum scr_role {
	SCR_NORMAL, SCR_TITLE, SCR_KEY, SCR_KEYLABEL, SCR_CURSOR,
	SCR_CURSOR_IDLE, SCR_DIM, SCR_OK, SCR_OPEN, SCR_ERROR, SCR_WARNING,
	SCR_INFO, SCR_BORDER, SCR_HEADING, SCR_INPUT, SCR_POPUP, SCR_MESSAGE,
	SCR_NROLES
};

/* Status marks: a symbol each, never colour alone. */
enum scr_mark {
	SCR_MARK_DONE, SCR_MARK_OPEN, SCR_MARK_ERROR, SCR_MARK_WARNING,
	SCR_MARK_INFO, SCR_MARK_NA, SCR_MARK_NONE
};

/*
 * Can the wizard run here?  Checks that stdin and stdout are terminals and
 * that TERM names a terminal with cursor addressing.  Returns 0, or -1
 * with a one-line reason in why.
 */
int scr_usable(char *why, size_t size);

/*
 * Install the signal handlers (before curses starts, so ncurses leaves
 * SIGINT and SIGTERM to us).  SIGINT only sets a flag the wizard reads as
 * "quit"; SIGTERM, SIGHUP and SIGQUIT set a flag the wizard reads as
 * "save the recovery file and leave"; crash signals restore the terminal
 * with async-signal-safe calls and re-raise.
 */
void scr_signals(void);
/* The pending SIGTERM/SIGHUP/SIGQUIT, or 0. */
int scr_signal_pending(void);
/* Was SIGINT received since the last call?  Clears the flag. */
int scr_take_interrupt(void);

/* Start curses; mouse is off when no_mouse.  Returns 0 or -1. */
int scr_start(int no_mouse);
/* Restore the terminal; safe to call twice or before scr_start. */
void scr_end(void);
int scr_active(void);

/* Leave curses for a child program (the external editor), and come back. */
void scr_suspend(void);
void scr_resume(void);
/*
 * Ctrl+Z: raw mode delivers it as a key, so stop ourselves the way the
 * terminal would have, with the screen restored meanwhile.
 */
void scr_stop(void);

int scr_attr(enum scr_role role);
const char *scr_mark(enum scr_mark m);
enum scr_role scr_mark_role(enum scr_mark m);
int scr_utf8(void);		/* the locale is UTF-8 */
int scr_colour(void);		/* colours are in use */
int scr_too_small(void);	/* below SCR_MIN_COLS x SCR_MIN_LINES */

/* The notice shown instead of the wizard on a small terminal. */
void scr_draw_too_small(const char *prompt);

/*
 * Draw s, neutralised, at y,x in at most width columns (cut with an
 * ellipsis when longer).  A newline ends the text.  Returns the columns
 * used.
 */
int scr_text(WINDOW *w, int y, int x, int width, const char *s, int attr);
/* Columns s would take (neutralised, up to the first newline). */
int scr_width(const char *s);
/* Blank width columns at y,x with attr. */
void scr_fill(WINDOW *w, int y, int x, int width, int attr);
void scr_hline(WINDOW *w, int y, int x, int width, int attr);
void scr_vline(WINDOW *w, int y, int x, int height, int attr);
void scr_box(WINDOW *w, int y, int x, int h, int wd, int attr);

/*
 * Word-wrap s (neutralised; newlines kept as breaks) to width columns.
 * Returns an array of *n lines; free with scr_wrap_free.
 */
char **scr_wrap(const char *s, int width, size_t *n);
void scr_wrap_free(char **lines, size_t n);

/*
 * Display width of one code point as the editor shows it (placeholders for
 * hazards count their full length); 0 for combining marks.
 */
int scr_cp_width(int cp);
/* Draw one code point at the cursor of w, as scr_cp_width measures it. */
void scr_put_cp(WINDOW *w, int cp, int attr);

#endif
