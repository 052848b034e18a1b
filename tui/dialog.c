/* Pop-ups: messages, choices, prompts, pickers and a text viewer. */
#include "config.h"

#include "tui/dialog.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "tui/keys.h"
#include "tui/loop.h"
#include "tui/screen.h"

#define KEY_IS_ENTER(k) ((k) == '\r' || (k) == '\n' || \
	(k) == KEYS_CODE(KEY_ENTER))
#define KEY_IS_ESC(k) ((k) == 27)

void
dlg_frame(int h, int w, const char *title, int *y, int *x)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	*y = (LINES - h) / 2;
	*x = (COLS - w) / 2;
	scr_box(stdscr, *y, *x, h, w, scr_attr(SCR_BORDER));
	if (title != NULL) {
		mvaddstr(*y, *x + 2, " ");
		scr_text(stdscr, *y, *x + 3, w - 6, title,
		    scr_attr(SCR_HEADING));
		addstr(" ");
	}
}

/* Draw wrapped text in the box; returns the rows used. */
static int
draw_para(int y, int x, int w, int maxrows, const char *text, int attr)
{
	size_t n, i;
	char **l = scr_wrap(text, w, &n);

	for (i = 0; i < n && (int)i < maxrows; i++)
		scr_text(stdscr, y + (int)i, x, w, l[i], attr);
	scr_wrap_free(l, n);
	return (int)(i < n ? i : n);
}

static int
para_rows(const char *text, int w)
{
	size_t n;
	char **l = scr_wrap(text, w, &n);

	scr_wrap_free(l, n);
	return (int)n;
}

/*
 * text cut to rows rows of width w, or NULL when it fits.  A choice asks
 * its question in the last paragraph, so that paragraph stays; the lines
 * before it are kept while they fit, and one line says how many were
 * left out, so a long list never looks complete when it is not.
 */
static char *
clip_text(const char *text, int w, int rows)
{
	const char *tail = NULL, *p, *nl;
	char *head, *line, *out;
	size_t hidden = 0;
	int budget, used = 0;

	if (para_rows(text, w) <= rows)
		return NULL;
	for (p = strstr(text, "\n\n"); p != NULL; p = strstr(p + 2, "\n\n"))
		tail = p + 2;
	budget = rows - 2 - (tail != NULL ? para_rows(tail, w) + 1 : 0);
	if (budget < 1) {	/* no room for the question: keep the start */
		tail = NULL;
		budget = rows - 1;
	}
	head = xstrdup("");
	for (p = text; *p != '\0' && (tail == NULL || p < tail - 2);
	    p = *nl != '\0' ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (tail != NULL && nl > tail - 2)
			nl = tail - 2;
		line = xasprintf("%.*s", (int)(nl - p), p);
		if (hidden == 0 && used + para_rows(line, w) <= budget) {
			used += para_rows(line, w);
			out = xasprintf("%s%s%s", head, *head != '\0' ? "\n" :
			    "", line);
			free(head);
			head = out;
		} else {
			hidden++;
		}
		free(line);
	}
	out = xasprintf("%s\n\xe2\x80\xa6 and %zu more%s%s", head, hidden,
	    tail != NULL ? "\n\n" : "", tail != NULL ? tail : "");
	free(head);
	return out;
}

void
dlg_message(const char *title, const char *text)
{
	const char *saved = loop_tiny(NULL);
	int y, x, w = 64, h, key;

	loop_tiny("Enlarge the window to read a message; any key "
	    "closes it.");
	for (;;) {
		loop_draw();
		if (!scr_too_small()) {
			h = para_rows(text, w - 4) + 4;
			dlg_frame(h, w, title, &y, &x);
			draw_para(y + 1, x + 2, w - 4, h - 4, text, SCR_PLAIN);
			scr_text(stdscr, y + h - 2, x + 2, w - 4,
			    "Press any key to go on.", scr_attr(SCR_DIM));
		}
		key = loop_getkey();
		if (key != 0 && key != KEYS_CODE(KEY_RESIZE) &&
		    key != KEYS_CODE(KEY_MOUSE))
			break;
	}
	loop_tiny(saved);
}

/*
 * Lay the buttons out in rows of w columns (a button never splits);
 * draws them when draw is set.  Returns the rows used, so that the frame
 * can be sized to hold them all.
 */
static int
layout_buttons(int draw, int y, int x, int w, const char *const *buttons,
    size_t n, const char *esc)
{
	size_t i;
	int col = 0, rows = 1, bw;

	for (i = 0; i <= n; i++) {
		const char *label = i < n ? buttons[i] + 2 : esc;

		bw = 4 + scr_width(label) + 3;
		if (i == n && n == 0)
			break;
		if (col > 0 && col + bw > w) {
			rows++;
			col = 0;
		}
		if (draw) {
			int yy = y + rows - 1;

			if (i < n) {
				mvaddch(yy, x + col, (chtype)' ' |
				    (chtype)scr_attr(SCR_KEY));
				addch((chtype)(unsigned char)buttons[i][0] |
				    (chtype)scr_attr(SCR_KEY));
				addch((chtype)' ' | (chtype)scr_attr(SCR_KEY));
			} else {
				scr_text(stdscr, yy, x + col, 5, " Esc ",
				    scr_attr(SCR_KEY));
				col++;
			}
			scr_text(stdscr, yy, x + col + 4, w - col - 4, label,
			    SCR_PLAIN);
		}
		col += bw + (i == n ? 1 : 0);
	}
	return rows;
}

int
dlg_choose(const char *title, const char *text,
    const char *const *buttons, size_t n, const char *esc, const char *tiny)
{
	const char *saved = loop_tiny(NULL);
	int y, x, w = 72, h, key, rc = -2, br;
	size_t i;
	char *clipped;

	loop_tiny(tiny);
	while (rc == -2) {
		loop_draw();
		if (!scr_too_small()) {
			esc = esc != NULL ? esc : "Cancel";
			br = layout_buttons(0, 0, 0, w - 4, buttons, n, esc);
			h = para_rows(text, w - 4) + 4 + br;
			if (h > LINES - 2)
				h = LINES - 2;
			clipped = clip_text(text, w - 4, h - 4 - br);
			dlg_frame(h, w, title, &y, &x);
			draw_para(y + 1, x + 2, w - 4, h - 4 - br,
			    clipped != NULL ? clipped : text, SCR_PLAIN);
			free(clipped);
			layout_buttons(1, y + h - 1 - br, x + 2, w - 4,
			    buttons, n, esc);
		}
		key = loop_getkey();
		if (KEY_IS_ESC(key)) {
			rc = -1;
			break;
		}
		for (i = 0; i < n; i++)
			if (key == (unsigned char)buttons[i][0] ||
			    (key < 128 && key > 0 &&
			    key == (buttons[i][0] ^ 0x20) &&
			    buttons[i][0] >= 'a' && buttons[i][0] <= 'z'))
				rc = (int)i;
	}
	loop_tiny(saved);
	return rc;
}

char *
dlg_prompt(const char *title, const char *text,
    const char *initial, enum edit_filter filter, dlg_check_fn check,
    void *ctx)
{
	const char *saved = loop_tiny(NULL), *status = NULL;
	struct edit e;
	char *s, *result = NULL;
	int y, x, w = 72, h, key, ok = 1, th;

	loop_tiny("Enlarge the window to go on typing; Esc cancels.");
	edit_init(&e, initial, 0, filter);
	for (;;) {
		s = edit_text(&e);
		ok = 1;
		status = check != NULL ? check(ctx, s, &ok) : NULL;
		free(s);
		loop_draw();
		if (!scr_too_small()) {
			th = para_rows(text, w - 4);
			if (th > LINES - 10)
				th = LINES - 10;
			h = th + 7;
			dlg_frame(h, w, title, &y, &x);
			draw_para(y + 1, x + 2, w - 4, th, text, SCR_PLAIN);
			scr_text(stdscr, y + h - 3, x + 2, w - 4,
			    status != NULL ? status : "",
			    scr_attr(ok ? SCR_INFO : SCR_ERROR));
			scr_text(stdscr, y + h - 2, x + 2, w - 4,
			    "Enter: done   Esc: cancel   Ctrl+U: clear",
			    scr_attr(SCR_DIM));
			edit_draw(&e, stdscr, y + th + 2, x + 2, 1, w - 4,
			    scr_attr(SCR_INPUT));
			curs_set(1);
		}
		key = loop_getkey();
		if (KEY_IS_ESC(key))
			break;
		if (KEY_IS_ENTER(key) && ok) {
			result = edit_text(&e);
			break;
		}
		if (KEY_IS_ENTER(key)) {
			beep();
			continue;
		}
		if (key != 0 && edit_key(&e, key, 1) == EDIT_REFUSED)
			beep();
	}
	curs_set(0);
	edit_free(&e);
	loop_tiny(saved);
	return result;
}

static void
pick_draw(const char *title, const char *text, const char *const *items,
    size_t n, size_t cur, size_t *top, const unsigned char *sel)
{
	int y, x, w = 72, h, th, rows, r, col;
	size_t i;

	th = text != NULL ? para_rows(text, w - 4) : 0;
	if (th > 6)
		th = 6;
	rows = (int)n;
	if (rows > LINES - 8 - th)
		rows = LINES - 8 - th;
	h = rows + th + 4 + (th > 0);
	dlg_frame(h, w, title, &y, &x);
	if (th > 0)
		draw_para(y + 1, x + 2, w - 4, th, text, SCR_PLAIN);
	if (cur < *top)
		*top = cur;
	if (cur >= *top + (size_t)rows)
		*top = cur - (size_t)rows + 1;
	for (r = 0; r < rows && *top + (size_t)r < n; r++) {
		i = *top + (size_t)r;
		int attr = i == cur ? scr_attr(SCR_CURSOR) : SCR_PLAIN;
		int yy = y + 1 + th + (th > 0) + r;

		scr_fill(stdscr, yy, x + 2, w - 4, attr);
		col = x + 2;
		if (sel != NULL) {
			scr_text(stdscr, yy, col, 4, sel[i] ? "[x]" : "[ ]",
			    attr);
			col += 4;
		}
		scr_text(stdscr, yy, col, w - 2 - (col - x), items[i], attr);
	}
	scr_text(stdscr, y + h - 2, x + 2, w - 4, sel != NULL ?
	    "Space: tick or untick   Enter: done   Esc: cancel" :
	    "Up/Down: move   Enter: choose   Esc: cancel", scr_attr(SCR_DIM));
}

int
dlg_pick(const char *title, const char *text,
    const char *const *items, size_t n, size_t initial, unsigned char *sel)
{
	const char *saved = loop_tiny(NULL);
	unsigned char *work = NULL;
	size_t cur = initial < n ? initial : 0, top = 0;
	int key, rc = -2;

	if (n == 0)
		return -1;
	if (sel != NULL) {
		work = xmalloc(n);
		memcpy(work, sel, n);
	}
	loop_tiny("Enlarge the window to choose; Esc cancels.");
	while (rc == -2) {
		loop_draw();
		if (!scr_too_small())
			pick_draw(title, text, items, n, cur, &top, work);
		key = loop_getkey();
		switch (keys_lookup(KC_FINDINGS, key)) {
		case KA_UP:
			cur = cur > 0 ? cur - 1 : n - 1;
			continue;
		case KA_DOWN:
			cur = cur + 1 < n ? cur + 1 : 0;
			continue;
		case KA_HOME:
			cur = 0;
			continue;
		case KA_END:
			cur = n - 1;
			continue;
		case KA_PGUP:
			cur = cur > 10 ? cur - 10 : 0;
			continue;
		case KA_PGDN:
			cur = cur + 10 < n ? cur + 10 : n - 1;
			continue;
		default:
			break;
		}
		if (KEY_IS_ESC(key)) {
			rc = -1;
		} else if (work != NULL && key == ' ') {
			work[cur] = !work[cur];
		} else if (KEY_IS_ENTER(key)) {
			rc = work != NULL ? 0 : (int)cur;
		} else if (work == NULL && key == ' ') {
			rc = (int)cur;
		}
	}
	if (work != NULL && rc == 0)
		memcpy(sel, work, n);
	free(work);
	loop_tiny(saved);
	return rc;
}

void
dlg_view(const char *title, const char *text)
{
	const char *saved = loop_tiny(NULL);
	size_t n = 0, top = 0, i;
	char **l = NULL;
	int y, x, w, h, key, rows, lastw = -1;

	loop_tiny("Enlarge the window to read the help; Esc closes it.");
	for (;;) {
		loop_draw();
		if (!scr_too_small()) {
			w = COLS - 6 > 96 ? 96 : COLS - 6;
			h = LINES - 4;
			rows = h - 3;
			if (w != lastw) {
				scr_wrap_free(l, n);
				l = scr_wrap(text, w - 4, &n);
				lastw = w;
			}
			if (n <= (size_t)rows)
				top = 0;
			else if (top > n - (size_t)rows)
				top = n - (size_t)rows;
			dlg_frame(h, w, title, &y, &x);
			for (i = 0; (int)i < rows && top + i < n; i++)
				scr_text(stdscr, y + 1 + (int)i, x + 2, w - 4,
				    l[top + i], SCR_PLAIN);
			scr_text(stdscr, y + h - 2, x + 2, w - 4,
			    n > (size_t)rows ? "Up/Down/PgUp/PgDn: scroll   "
			    "Esc or q: close" : "Esc or q: close",
			    scr_attr(SCR_DIM));
		}
		key = loop_getkey();
		if (KEY_IS_ESC(key) || key == 'q' || KEY_IS_ENTER(key) ||
		    key == KEYS_CODE(KEY_F(1)) || key == '?')
			break;
		switch (keys_lookup(KC_FINDINGS, key)) {
		case KA_UP:
			top = top > 0 ? top - 1 : 0;
			break;
		case KA_DOWN:
			top++;
			break;
		case KA_PGUP:
			top = top > 10 ? top - 10 : 0;
			break;
		case KA_PGDN:
			top += 10;
			break;
		case KA_HOME:
			top = 0;
			break;
		case KA_END:
			top = n;
			break;
		default:
			break;
		}
	}
	scr_wrap_free(l, n);
	loop_tiny(saved);
}
