/*
 * The answer editor.  The text is an array of code points; the screen
 * position of each one is worked out afresh on every draw and cursor move
 * (answers are small, and this keeps wrapping and wide characters in one
 * place: layout()).
 */
#include "config.h"

#include "tui/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "tui/keys.h"
#include "tui/screen.h"

#define EDIT_MAX (256 * 1024)	/* code points: far beyond any answer */

static void
grow(struct edit *e, size_t need)
{
	if (need <= e->cap)
		return;
	while (e->cap < need)
		e->cap = e->cap == 0 ? 64 : e->cap * 2;
	e->cp = xreallocarray(e->cp, e->cap, sizeof *e->cp);
}

void
edit_set(struct edit *e, const char *text)
{
	size_t len = text != NULL ? strlen(text) : 0, i = 0;
	int32_t cp;
	int n;

	e->n = 0;
	while (i < len) {
		n = text_decode(text + i, len - i, &cp);
		/* Invalid bytes cannot be kept as code points: U+FFFD. */
		if (cp < 0)
			cp = 0xFFFD;
		grow(e, e->n + 1);
		e->cp[e->n++] = cp;
		i += (size_t)n;
	}
	e->cur = e->n;
	e->scroll = 0;
}

void
edit_init(struct edit *e, const char *text, int multiline,
    enum edit_filter filter)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->filter = filter;
	e->ascii_only = !scr_utf8();
	e->boxw = 40;
	e->boxh = 1;
	edit_set(e, text);
}

void
edit_free(struct edit *e)
{
	free(e->cp);
	e->cp = NULL;
	e->n = e->cap = 0;
}

static size_t
put_utf8(char *out, int32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

char *
edit_text(const struct edit *e)
{
	char *s = xmalloc(e->n * 4 + 1);
	size_t i, len = 0;

	for (i = 0; i < e->n; i++)
		len += put_utf8(s + len, e->cp[i]);
	s[len] = '\0';
	return s;
}

/* Layout: row and column of every position 0..n in a box w wide. */
struct pos {
	int row, col;
};

static struct pos *
layout(const struct edit *e, int w)
{
	struct pos *p = xcalloc(e->n + 1, sizeof *p);
	int row = 0, col = 0, cw;
	size_t i, j, word = 0;	/* where the word being laid out began */

	for (i = 0; i < e->n; i++) {
		if (e->cp[i] == '\n') {
			p[i].row = row;
			p[i].col = col;
			row++;
			col = 0;
			word = i + 1;
			continue;
		}
		cw = scr_cp_width(e->cp[i]);
		if (e->multiline && col + cw > w && col > 0) {
			/*
			 * Wrap at a word boundary, as a reader expects: the
			 * word moves down whole, unless it began the row or
			 * is too long for any row.
			 */
			row++;
			if (word < i && p[word].row == row - 1 &&
			    p[word].col > 0 && col - p[word].col + cw <= w) {
				col = 0;
				for (j = word; j < i; j++) {
					p[j].row = row;
					p[j].col = col;
					col += scr_cp_width(e->cp[j]);
				}
			} else {
				col = 0;
			}
		}
		p[i].row = row;
		p[i].col = col;
		col += cw;
		/* Spaces end words; so does a wide (CJK) character. */
		if (e->cp[i] == ' ' || e->cp[i] == '\t' || cw != 1)
			word = i + 1;
	}
	if (e->multiline && col >= w) {
		row++;
		col = 0;
	}
	p[e->n].row = row;
	p[e->n].col = col;
	return p;
}

static int
accepts(const struct edit *e, int32_t cp)
{
	switch (e->filter) {
	case EDIT_INTEGER:
		return (cp >= '0' && cp <= '9') || (cp == '-' && e->cur == 0);
	case EDIT_DATE:
		return ((cp >= '0' && cp <= '9') || cp == '-') && e->n < 10;
	case EDIT_ANY:
		break;
	}
	if (e->ascii_only && cp >= 0x80)
		return 0;
	return cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F);
}

/* The character as the user typed it, for a message. */
static void
shown(int32_t cp, char *out, size_t size)
{
	char buf[8];
	size_t n;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
		snprintf(out, size, "U+%04X", (unsigned)cp);
		return;
	}
	n = put_utf8(buf, cp);
	snprintf(out, size, "'%.*s'", (int)n, buf);
}

static void
refuse(struct edit *e, int32_t cp)
{
	char c[16];

	shown(cp, c, sizeof c);
	if (e->filter == EDIT_INTEGER && (cp < '0' || cp > '9') && e->cur == 0)
		/* TRANSLATORS: this and the next say why a typed character
		 * was refused; %s is the character in quotes, or U+XXXX for
		 * a control character. */
		snprintf(e->why, sizeof e->why, _("%s not taken: a whole "
		    "number is digits only (a minus may lead), no units or "
		    "spaces."), c);
	else if (e->filter == EDIT_INTEGER && (cp < '0' || cp > '9'))
		snprintf(e->why, sizeof e->why, _("%s not taken: a whole "
		    "number is digits only, no units or spaces."), c);
	else if (e->filter == EDIT_DATE && e->n >= 10)
		snprintf(e->why, sizeof e->why, _("%s not taken: a date is ten "
		    "characters, YYYY-MM-DD."), c);
	else if (e->filter == EDIT_DATE)
		snprintf(e->why, sizeof e->why, _("%s not taken: type the date "
		    "as YYYY-MM-DD, with hyphens."), c);
	else if (e->ascii_only && cp >= 0x80)
		snprintf(e->why, sizeof e->why, _("%s not taken: the locale is "
		    "not UTF-8, so only ASCII can be typed here."), c);
	else
		snprintf(e->why, sizeof e->why, _("%s not taken: control "
		    "characters cannot be part of an answer."), c);
}

const char *
edit_refusal(const struct edit *e)
{
	return e->why;
}

static enum edit_result
insert(struct edit *e, int32_t cp)
{
	if (cp != '\n' && !accepts(e, cp)) {
		refuse(e, cp);
		return EDIT_REFUSED;
	}
	if (e->n >= EDIT_MAX) {
		snprintf(e->why, sizeof e->why, _("The answer is at its "
		    "longest (%d characters)."), EDIT_MAX);
		return EDIT_REFUSED;
	}
	grow(e, e->n + 1);
	memmove(e->cp + e->cur + 1, e->cp + e->cur,
	    (e->n - e->cur) * sizeof *e->cp);
	e->cp[e->cur++] = cp;
	e->n++;
	e->changed = 1;
	return EDIT_CHANGED;
}

static enum edit_result
delete_range(struct edit *e, size_t from, size_t to)
{
	if (from >= to)
		return EDIT_IGNORED;
	memmove(e->cp + from, e->cp + to, (e->n - to) * sizeof *e->cp);
	e->n -= to - from;
	e->cur = from;
	e->changed = 1;
	return EDIT_CHANGED;
}

static size_t
line_start(const struct edit *e, size_t i)
{
	while (i > 0 && e->cp[i - 1] != '\n')
		i--;
	return i;
}

static size_t
line_end(const struct edit *e, size_t i)
{
	while (i < e->n && e->cp[i] != '\n')
		i++;
	return i;
}

static size_t
word_start(const struct edit *e, size_t i)
{
	while (i > 0 && e->cp[i - 1] == ' ')
		i--;
	while (i > 0 && e->cp[i - 1] != ' ' && e->cp[i - 1] != '\n')
		i--;
	return i;
}

/* Move the cursor rows rows down (negative: up), keeping its column. */
static enum edit_result
vertical(struct edit *e, int rows)
{
	struct pos *p = layout(e, e->boxw);
	int row = p[e->cur].row + rows, col = p[e->cur].col;
	size_t i, best = e->cur;
	int found = 0;

	if (row < 0)
		row = 0;
	for (i = 0; i <= e->n; i++) {
		if (p[i].row == row && p[i].col <= col) {
			best = i;
			found = 1;
		} else if (p[i].row > row) {
			break;
		}
	}
	if (!found && rows > 0)
		best = e->n;
	free(p);
	e->cur = best;
	return EDIT_MOVED;
}

static enum edit_result
move_key(struct edit *e, int key, int page)
{
	switch (key) {
	case KEYS_CODE(KEY_LEFT):
		if (e->cur > 0)
			e->cur--;
		return EDIT_MOVED;
	case KEYS_CODE(KEY_RIGHT):
		if (e->cur < e->n)
			e->cur++;
		return EDIT_MOVED;
	case KEYS_CODE(KEY_HOME):
	case KEYS_CTRL('a'):
		e->cur = line_start(e, e->cur);
		return EDIT_MOVED;
	case KEYS_CODE(KEY_END):
	case KEYS_CTRL('e'):
		e->cur = line_end(e, e->cur);
		return EDIT_MOVED;
	case KEYS_CODE(KEY_UP):
		return e->multiline ? vertical(e, -1) : EDIT_IGNORED;
	case KEYS_CODE(KEY_DOWN):
		return e->multiline ? vertical(e, 1) : EDIT_IGNORED;
	case KEYS_CODE(KEY_PPAGE):
		return e->multiline ? vertical(e, -page) : EDIT_IGNORED;
	case KEYS_CODE(KEY_NPAGE):
		return e->multiline ? vertical(e, page) : EDIT_IGNORED;
	default:
		return EDIT_IGNORED;
	}
}

enum edit_result
edit_key(struct edit *e, int key, int page)
{
	switch (key) {
	case KEYS_CODE(KEY_BACKSPACE):
	case 127:
	case '\b':
		return e->cur > 0 ? delete_range(e, e->cur - 1, e->cur) :
		    EDIT_MOVED;
	case KEYS_CODE(KEY_DC):
		return e->cur < e->n ? delete_range(e, e->cur, e->cur + 1) :
		    EDIT_MOVED;
	case KEYS_CTRL('k'):
		return delete_range(e, e->cur, line_end(e, e->cur));
	case KEYS_CTRL('u'):
		return delete_range(e, line_start(e, e->cur), e->cur);
	case KEYS_CTRL('w'):
		return delete_range(e, word_start(e, e->cur), e->cur);
	case '\r':
	case '\n':
	case KEYS_CODE(KEY_ENTER):
		return e->multiline ? insert(e, '\n') : EDIT_IGNORED;
	default:
		break;
	}
	if (KEYS_IS_CODE(key))
		return move_key(e, key, page);
	if (key < 0x20)
		return EDIT_IGNORED;
	return insert(e, key);
}

static void
draw_single(struct edit *e, WINDOW *win, int y, int x, int w, int attr)
{
	int col = 0, cw, curcol = 0;
	size_t i;

	for (i = 0; i < e->cur; i++)
		curcol += scr_cp_width(e->cp[i]);
	if (curcol < e->scroll)
		e->scroll = curcol;
	if (curcol >= e->scroll + w)
		e->scroll = curcol - w + 1;
	scr_fill(win, y, x, w, attr);
	wmove(win, y, x);
	for (i = 0; i < e->n; i++) {
		cw = scr_cp_width(e->cp[i]);
		if (cw > 0 && col >= e->scroll && col + cw <= e->scroll + w) {
			wmove(win, y, x + col - e->scroll);
			scr_put_cp(win, e->cp[i], attr);
		}
		col += cw;
	}
	wmove(win, y, x + curcol - e->scroll);
}

static void
draw_multi(struct edit *e, WINDOW *win, int y, int x, int h, int w,
    int attr)
{
	struct pos *p = layout(e, w);
	int r;
	size_t i;

	if (p[e->cur].row < e->scroll)
		e->scroll = p[e->cur].row;
	if (p[e->cur].row >= e->scroll + h)
		e->scroll = p[e->cur].row - h + 1;
	for (r = 0; r < h; r++)
		scr_fill(win, y + r, x, w, attr);
	for (i = 0; i < e->n; i++) {
		r = p[i].row - e->scroll;
		if (r < 0 || r >= h || e->cp[i] == '\n' ||
		    scr_cp_width(e->cp[i]) == 0)
			continue;
		/* A placeholder wider than the box is cut by curses. */
		wmove(win, y + r, x + p[i].col);
		scr_put_cp(win, e->cp[i], attr);
	}
	wmove(win, y + p[e->cur].row - e->scroll, x + p[e->cur].col);
	free(p);
}

void
edit_draw(struct edit *e, WINDOW *win, int y, int x, int h, int w, int attr)
{
	if (w < 1 || h < 1)
		return;
	e->boxw = w;
	e->boxh = h;
	if (e->multiline)
		draw_multi(e, win, y, x, h, w, attr);
	else
		draw_single(e, win, y, x, w, attr);
}
