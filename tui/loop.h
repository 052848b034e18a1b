/*
 * The terminal loop: reading keys, and the stack of layers that make up
 * the screen.  The lowest module of the wizard above screen.c and keys.c:
 * it knows nothing of the dossier.
 *
 * Layers: the main screen is the first; a full screen (findings) or a
 * pop-up pushes its own on top and pops it when done.  loop_draw() draws
 * every layer from the bottom up, so a pop-up over the findings screen
 * shows the findings beneath it, and a resize needs nothing more than
 * drawing again (as htop's ScreenManager and tmux's mode-tree do).  A
 * pop-up that runs its own key loop draws with loop_draw() and never calls
 * the application back.
 *
 * Keys: loop_getkey() waits for one, and meanwhile runs the tick hook
 * (autosave) and, on SIGTERM, SIGHUP or SIGQUIT, the die hook; resize,
 * Ctrl+L and Ctrl+Z are handled here so every loop gets them.
 */
#ifndef DOSSIER_LOOP_H
#define DOSSIER_LOOP_H

#define LOOP_WAIT_MS 500	/* how often autosave and signals are seen */

typedef void (*loop_draw_fn)(void *arg);

/* The application's hooks: tick every wait, die on a fatal signal. */
void loop_hooks(void (*tick)(void *), void (*die)(void *, int), void *arg);

/* Push a layer drawn by fn(arg); pop the top one. */
void loop_push(loop_draw_fn fn, void *arg);
void loop_pop(void);
/* Erase and draw every layer, bottom up (the too-small notice instead). */
void loop_draw(void);

/*
 * What the too-small notice says while the terminal is below the minimum;
 * returns the previous one, for the caller to put back.
 */
const char *loop_tiny(const char *prompt);

/*
 * Wait for the next key and return it (keys.h encoding), or 0 when the
 * wait timed out or the screen must be drawn again (resize, Ctrl+L,
 * back from Ctrl+Z): callers draw and wait again.  SIGINT reads as Ctrl+C.
 */
int loop_getkey(void);

#endif
