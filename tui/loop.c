/* Keys and the layer stack; see loop.h. */
#include "config.h"

#include "tui/loop.h"

#include <stddef.h>

#include "tui/keys.h"
#include "tui/screen.h"

#define LOOP_DEPTH 16		/* deeper than any chain of pop-ups */

static struct layer {
	loop_draw_fn fn;
	void *arg;
} layers[LOOP_DEPTH];
static size_t nlayers;
static const char *tiny;
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
loop_push(loop_draw_fn fn, void *arg)
{
	/* Past the depth a layer is not drawn, never written out of bounds. */
	if (nlayers < LOOP_DEPTH) {
		layers[nlayers].fn = fn;
		layers[nlayers].arg = arg;
	}
	nlayers++;
}

void
loop_pop(void)
{
	if (nlayers > 0)
		nlayers--;
}

void
loop_draw(void)
{
	size_t i;

	curs_set(0);
	erase();
	if (scr_too_small()) {
		scr_draw_too_small(tiny);
		return;
	}
	for (i = 0; i < nlayers && i < LOOP_DEPTH; i++)
		layers[i].fn(layers[i].arg);
}

const char *
loop_tiny(const char *prompt)
{
	const char *old = tiny;

	tiny = prompt;
	return old;
}

int
loop_getkey(void)
{
	wint_t ch;
	int rc, key, sig;

	if (scr_too_small())
		scr_draw_too_small(tiny);
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
