/*
 * The terminal loop: reading keys, and the stack of layers that make up
 * the screen.  The lowest module of the wizard above screen.c and keys.c:
 * it knows nothing of the dossier.
 *
 * Layers: the main screen is the first; a full screen (findings), a
 * pop-up or an editor pushes its own on top.  Each layer is an ops table
 * (draw, key, resize) and its state, as htop's ScreenManager panels and
 * tmux's mode-tree are.  loop_draw() draws every layer from the bottom up,
 * so a pop-up over the findings screen shows the findings beneath it, and
 * a resize needs nothing more than drawing again.  loop_run() is the one
 * key loop: it gives each key to the top layer, and a key that layer does
 * not handle (LOOP_PASS) to the one beneath, and so on down; a layer never
 * calls the application back.
 *
 * Keys: loop_getkey() waits for one, and meanwhile runs the tick hook
 * (autosave) and, on SIGTERM, SIGHUP or SIGQUIT, the die hook; resize,
 * Ctrl+L and Ctrl+Z are handled here so every layer gets them.
 */
#ifndef DOSSIER_LOOP_H
#define DOSSIER_LOOP_H

#define LOOP_WAIT_MS 500	/* how often autosave and signals are seen */

/* What a layer did with a key. */
enum loop_reply {
	LOOP_HANDLED,		/* taken; the layer stays */
	LOOP_PASS,		/* not this layer's: the one beneath gets it */
	LOOP_CLOSE		/* taken, and this layer is done */
};

struct layer_ops {
	/* Draw over the layers beneath, which are drawn first. */
	void (*draw)(void *arg);
	/*
	 * One key (keys.h encoding).  ctx is the key context (keys.h) of
	 * the top layer, where the key was pressed: a layer beneath that
	 * is passed a key knows where it came from.
	 */
	enum loop_reply (*key)(void *arg, int key, unsigned ctx);
	/* The terminal changed size; NULL when drawing copes alone. */
	void (*resize)(void *arg);
};

/* The application's hooks: tick every wait, die on a fatal signal. */
void loop_hooks(void (*tick)(void *), void (*die)(void *, int), void *arg);

/*
 * Push a layer: its ops, its state, its key context, and what the
 * too-small notice says while it is on top (NULL: the one beneath's).
 */
void loop_push(const struct layer_ops *ops, void *arg, unsigned ctx,
    const char *tiny);
/*
 * Run the key loop until the top layer closes, then pop it.  A layer
 * beneath that closes on a key passed down to it closes every layer
 * above it too (quit from the findings screen).
 */
void loop_run(void);
/* Erase and draw every layer, bottom up (the too-small notice instead). */
void loop_draw(void);

/*
 * Wait for the next key and return it (keys.h encoding), or 0 when the
 * wait timed out or the screen must be drawn again (resize, Ctrl+L,
 * back from Ctrl+Z).  SIGINT reads as Ctrl+C.
 */
int loop_getkey(void);

#endif
