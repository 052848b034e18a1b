/* Keys and the layer stack; see loop.h. */
#include "config.h"

#include "tui/loop.h"

#include <stddef.h>
#include <stdint.h>

#include "tui/keys.h"
#include "tui/screen.h"

#define LOOP_DEPTH 16		/* deeper than any chain of pop-ups */

static struct layer {
	const struct layer_ops *ops;
	void *arg;
	unsigned ctx;
	const char *tiny;
} layers[LOOP_DEPTH];
static size_t nlayers;
/* Pushes refused for want of room: their loop_run() returns at once. */
static size_t overflow;
/* Layers at this depth and above are closing (SIZE_MAX: none). */
static size_t closing = SIZE_MAX;
static int resized;
static void (*tick_fn)(void *);
static void (*die_fn)(void *, int);
static void *hook_arg;

void
loop_hooks(void (*tick)(void *), void (*die)(void *, int), void *arg)
{
	tick_fn = tick;
	die_fn = die;
	hook_arg = arg;
}

void
loop_push(const struct layer_ops *ops, void *arg, unsigned ctx,
    const char *tiny)
{
	/* No chain of pop-ups goes this deep; refuse (the layer's answer
	 * stays "cancelled") rather than write past the stack. */
	if (nlayers == LOOP_DEPTH) {
		overflow++;
		return;
	}
	layers[nlayers].ops = ops;
	layers[nlayers].arg = arg;
	layers[nlayers].ctx = ctx;
	layers[nlayers].tiny = tiny != NULL ? tiny : nlayers > 0 ?
	    layers[nlayers - 1].tiny : NULL;
	nlayers++;
}

static void
pop(void)
{
	if (nlayers > 0)
		nlayers--;
	if (closing != SIZE_MAX && closing >= nlayers)
		closing = SIZE_MAX;
}

void
loop_draw(void)
{
	size_t i;

	curs_set(0);
	erase();
	if (scr_too_small()) {
		scr_draw_too_small(nlayers > 0 ? layers[nlayers - 1].tiny :
		    NULL);
		return;
	}
	for (i = 0; i < nlayers; i++)
		layers[i].ops->draw(layers[i].arg);
}

/* Offer key to the layers from the top down until one takes it. */
static void
dispatch(int key)
{
	unsigned ctx = layers[nlayers - 1].ctx;
	size_t i = nlayers;
	enum loop_reply r;

	while (i-- > 0) {
		r = layers[i].ops->key(layers[i].arg, key, ctx);
		if (r == LOOP_PASS)
			continue;
		if (r == LOOP_CLOSE && i < closing)
			closing = i;
		return;
	}
}

void
loop_run(void)
{
	size_t me, i;
	int key;

	if (overflow > 0) {
		overflow--;
		return;
	}
	if (nlayers == 0)
		return;
	me = nlayers - 1;
	while (closing > me) {
		loop_draw();
		key = loop_getkey();
		if (resized) {
			resized = 0;
			for (i = 0; i < nlayers; i++)
				if (layers[i].ops->resize != NULL)
					layers[i].ops->resize(layers[i].arg);
		}
		if (key != 0)
			dispatch(key);
	}
	/* Layers pushed above this one and not run are dropped with it. */
	while (nlayers > me)
		pop();
}

int
loop_getkey(void)
{
	wint_t ch;
	int rc, key, sig;

	if (scr_too_small())
		scr_draw_too_small(nlayers > 0 ? layers[nlayers - 1].tiny :
		    NULL);
	refresh();
	timeout(LOOP_WAIT_MS);
	rc = get_wch(&ch);
	if ((sig = scr_signal_pending()) != 0 && die_fn != NULL)
		die_fn(hook_arg, sig);
	if (scr_take_interrupt())
		return KEYS_CTRL('c');
	if (tick_fn != NULL)
		tick_fn(hook_arg);
	if (rc == ERR)
		return 0;
	key = keys_from_wch(rc, ch);
	if (key == KEYS_CODE(KEY_RESIZE) || key == KEYS_CTRL('l')) {
		resized = key == KEYS_CODE(KEY_RESIZE);
		clearok(curscr, TRUE);
		return 0;
	}
	/* Here rather than in the key table, so that Ctrl+Z also works in
	 * the editors and dialogs, which keep what was typed. */
	if (key == KEYS_CTRL('z')) {
		scr_stop();
		return 0;
	}
	return key;
}
