/* Pop-ups as layers: messages, choices, prompts, pickers, a text viewer. */
#include "config.h"

#include "tui/dialog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/loop.h"
#include "tui/screen.h"

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

int
dlg_para(int y, int x, int w, int maxrows, const char *text, int attr)
{
	size_t n, i;
	char **l = scr_wrap(text, w, &n);

	for (i = 0; i < n && (int)i < maxrows; i++)
		scr_text(stdscr, y + (int)i, x, w, l[i], attr);
	scr_wrap_free(l, n);
	return (int)(i < n ? i : n);
}

int
dlg_para_rows(const char *text, int w)
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
	char *head, *line, *out, *more;
	size_t hidden = 0;
	int budget, used = 0;

	if (dlg_para_rows(text, w) <= rows)
		return NULL;
	for (p = strstr(text, "\n\n"); p != NULL; p = strstr(p + 2, "\n\n"))
		tail = p + 2;
	budget = rows - 2 - (tail != NULL ? dlg_para_rows(tail, w) + 1 : 0);
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
		if (hidden == 0 && used + dlg_para_rows(line, w) <= budget) {
			used += dlg_para_rows(line, w);
			out = xasprintf("%s%s%s", head, *head != '\0' ? "\n" :
			    "", line);
			free(head);
			head = out;
		} else {
			hidden++;
		}
		free(line);
	}
	/* TRANSLATORS: the last line of a list cut short in a dialog;
	 * %zu is how many lines were left out. */
	more = xasprintf(ngettext("\xe2\x80\xa6 and %zu more",
	    "\xe2\x80\xa6 and %zu more", hidden), hidden);
	out = xasprintf("%s\n%s%s%s", head, more, tail != NULL ? "\n\n" : "",
	    tail != NULL ? tail : "");
	free(more);
	free(head);
	return out;
}

void
dlg_hint(int y, int x, int w, unsigned ctx, unsigned long long skip)
{
	char hint[512];	/* room for a translation, 3 bytes a character */

	scr_text(stdscr, y, x, w, keys_hint(ctx, skip, hint, sizeof hint),
	    scr_attr(SCR_DIM));
}

/* A hint too long for one line, wrapped: the rows it takes (drawn when
 * draw is set, from y). */
static int
hint_wrapped(int draw, int y, int x, int w, unsigned ctx)
{
	char hint[512];	/* room for a translation, 3 bytes a character */

	keys_hint(ctx, 0, hint, sizeof hint);
	return draw ? dlg_para(y, x, w, 3, hint, scr_attr(SCR_DIM)) :
	    dlg_para_rows(hint, w);
}

/* A message. */

struct message {
	const char *title, *text;
};

static void
message_draw(void *arg)
{
	struct message *m = arg;
	int y, x, w = 64, h;

	h = dlg_para_rows(m->text, w - 4) + 4;
	dlg_frame(h, w, m->title, &y, &x);
	dlg_para(y + 1, x + 2, w - 4, h - 4, m->text, SCR_PLAIN);
	dlg_hint(y + h - 2, x + 2, w - 4, KC_MESSAGE, 0);
}

static enum loop_reply
message_key(void *arg, int key, unsigned ctx)
{
	(void)arg;
	(void)ctx;
	return key == KEYS_CODE(KEY_MOUSE) ? LOOP_HANDLED : LOOP_CLOSE;
}

static const struct layer_ops message_ops = {
	message_draw, message_key, NULL
};

void
dlg_message(const char *title, const char *text)
{
	struct message m = { title, text };

	loop_push(&message_ops, &m, KC_MESSAGE, _("Enlarge the window to read "
	    "a message; any key closes it."));
	loop_run();
}

/* Buttons. */

/*
 * A button's label in the language shown.  Buttons are msgids ("k:Label",
 * N_() in the caller's table) translated here, and the key is always the
 * msgid's: a translation that keeps "k:" in front has it dropped, so the
 * letter is never shown twice, and one that changed the letter cannot
 * change the key.
 */
static const char *
button_label(const char *button)
{
	const char *t = _(button);

	return t[0] != '\0' && t[1] == ':' ? t + 2 : t;
}

struct choose {
	const char *title, *text;
	const char *const *buttons;
	size_t n;
	const char *esc;
	int rc;
};

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
		const char *label = i < n ? button_label(buttons[i]) : esc;

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

static void
choose_draw(void *arg)
{
	struct choose *c = arg;
	int y, x, w = 72, h, br;
	char *clipped;

	br = layout_buttons(0, 0, 0, w - 4, c->buttons, c->n, c->esc);
	h = dlg_para_rows(c->text, w - 4) + 4 + br;
	if (h > LINES - 2)
		h = LINES - 2;
	clipped = clip_text(c->text, w - 4, h - 4 - br);
	dlg_frame(h, w, c->title, &y, &x);
	dlg_para(y + 1, x + 2, w - 4, h - 4 - br, clipped != NULL ? clipped :
	    c->text, SCR_PLAIN);
	free(clipped);
	layout_buttons(1, y + h - 1 - br, x + 2, w - 4, c->buttons, c->n,
	    c->esc);
}

static enum loop_reply
choose_key(void *arg, int key, unsigned ctx)
{
	struct choose *c = arg;
	size_t i;

	if (keys_lookup(ctx, key) == KA_CANCEL) {
		c->rc = -1;
		return LOOP_CLOSE;
	}
	for (i = 0; i < c->n; i++) {
		int k = (unsigned char)c->buttons[i][0];

		/* A letter's button takes its capital too (Caps Lock). */
		if (key == k || (k >= 'a' && k <= 'z' && key == k - 0x20)) {
			c->rc = (int)i;
			return LOOP_CLOSE;
		}
	}
	return LOOP_HANDLED;
}

static const struct layer_ops choose_ops = { choose_draw, choose_key, NULL };

/* "Title: s Save and quit, d Discard, Esc Go back." for the notice. */
static char *
choose_tiny(const struct choose *c)
{
	char *keys = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < c->n; i++) {
		t = xasprintf("%c %s", c->buttons[i][0],
		    button_label(c->buttons[i]));
		if (*keys != '\0') {
			char *both;

			/* TRANSLATORS: joins the keys of the notice a
			 * choice shows on a small terminal: the keys so
			 * far, then the next ("s Save, d Discard"). */
			both = xasprintf(_("%s, %s"), keys, t);
			free(t);
			t = both;
		}
		free(keys);
		keys = t;
	}
	/* TRANSLATORS: that notice: the dialog's title, its keys, then
	 * what Esc does.  Esc is a key name. */
	t = xasprintf(_("%s: %s, Esc %s."), c->title, keys, c->esc);
	free(keys);
	return t;
}

int
dlg_choose(const char *title, const char *text,
    const char *const *buttons, size_t n, const char *esc, const char *tiny)
{
	struct choose c = { title, text, buttons, n, esc, -1 };
	char *made;

	c.esc = esc != NULL ? esc : _("Cancel");
	made = tiny == NULL ? choose_tiny(&c) : NULL;
	loop_push(&choose_ops, &c, KC_CHOOSE, tiny != NULL ? tiny : made);
	loop_run();
	free(made);
	return c.rc;
}

/* A one-line prompt. */

struct prompt {
	const char *title, *text;
	struct edit e;
	dlg_check_fn check;
	void *ctx;
	const char *refused;	/* why the last key was refused */
	char *result;
	const char *base;	/* a path's folder: Tab, Ctrl+O */
	char said[256];		/* what completion found */
};

static void
prompt_draw(void *arg)
{
	struct prompt *p = arg;
	unsigned ctx = p->base != NULL ? KC_LINE | KC_PATH : KC_LINE;
	const char *status;
	char *s;
	int y, x, w = 72, h, ok = 1, th, hr;

	s = edit_text(&p->e);
	status = p->check != NULL ? p->check(p->ctx, s, &ok) : NULL;
	free(s);
	if (p->refused != NULL) {
		status = p->refused;
		ok = 0;
	} else if (p->said[0] != '\0') {
		status = p->said;
	}
	hr = hint_wrapped(0, 0, 0, w - 4, ctx);
	if (hr > 3)
		hr = 3;
	th = dlg_para_rows(p->text, w - 4);
	if (th > LINES - 9 - hr)
		th = LINES - 9 - hr;
	h = th + 6 + hr;
	dlg_frame(h, w, p->title, &y, &x);
	dlg_para(y + 1, x + 2, w - 4, th, p->text, SCR_PLAIN);
	scr_text(stdscr, y + h - 2 - hr, x + 2, w - 4, status != NULL ? status :
	    "", scr_attr(ok ? SCR_INFO : SCR_ERROR));
	hint_wrapped(1, y + h - 1 - hr, x + 2, w - 4, ctx);
	edit_draw(&p->e, stdscr, y + th + 2, x + 2, 1, w - 4,
	    scr_attr(SCR_INPUT));
	curs_set(1);
}

/* Paths: completion and a picker, in the folder base. */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in base/dir starting with prefix (not hidden unless asked). */
static char **
path_entries(const char *base, const char *dir, const char *prefix,
    size_t *n)
{
	char *full = xasprintf("%s/%s", base, *dir != '\0' ? dir : "."), *sub;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(full);

	*n = 0;
	while (d != NULL && (de = readdir(d)) != NULL && *n < 1000) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
		    (de->d_name[0] == '.' && prefix[0] != '.') ||
		    strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", full, de->d_name);
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = xasprintf("%s%s", de->d_name, stat(sub, &st) == 0 &&
		    S_ISDIR(st.st_mode) ? "/" : "");
		free(sub);
	}
	if (d != NULL)
		closedir(d);
	free(full);
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Drop an incomplete UTF-8 sequence that snprintf's cut left at the end
 * of s, so that a line under a box never shows half a character.
 */
static void
trim_cut(char *s)
{
	size_t n = strlen(s), lead = n;

	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0 || (unsigned char)s[lead - 1] < 0xC0)
		return;
	/* s[lead - 1] starts a sequence of this many bytes. */
	if (n - (lead - 1) < (size_t)((unsigned char)s[lead - 1] >= 0xF0 ? 4 :
	    (unsigned char)s[lead - 1] >= 0xE0 ? 3 : 2))
		s[lead - 1] = '\0';
}

/* "3 names: a b c", as many as fit in size bytes. */
static void
say_names(char *said, size_t size, char *const *v, size_t n)
{
	size_t i, len;

	/* TRANSLATORS: before the names Tab found, listed after it. */
	len = (size_t)snprintf(said, size, ngettext("%zu name:", "%zu names:",
	    n), n);
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(said + len, size - len, " %s", v[i]);
	trim_cut(said);
}

/* Tab: the one name that fits, or as far as all that fit agree. */
static void
path_complete(struct prompt *p)
{
	char *text = edit_text(&p->e), *slash = strrchr(text, '/'), *dir;
	const char *prefix = slash != NULL ? slash + 1 : text;
	char **v, *t;
	size_t n, i, common;

	dir = slash != NULL ? xasprintf("%.*s", (int)(slash - text), text) :
	    xstrdup("");
	v = path_entries(p->base, dir, prefix, &n);
	if (n == 0) {
		snprintf(p->said, sizeof p->said, _("No file in the dossier's "
		    "folder starts with \"%s\"."), text);
		trim_cut(p->said);
	} else {
		common = strlen(v[0]);
		for (i = 1; i < n; i++) {
			size_t k = 0;

			while (k < common && v[i][k] == v[0][k])
				k++;
			common = k;
		}
		/* Names that agree on the first bytes of a character only
		 * (證 and 評 in UTF-8) agree up to the character before. */
		while (common > 0 && ((unsigned char)v[0][common] & 0xC0) ==
		    0x80)
			common--;
		t = xasprintf("%s%s%.*s", dir, *dir != '\0' ? "/" : "",
		    (int)common, v[0]);
		edit_set(&p->e, t);
		p->e.changed = 1;
		free(t);
		if (n > 1)
			say_names(p->said, sizeof p->said, v, n);
	}
	free_strings(v, n);
	free(dir);
	free(text);
}

/* Every file under base, a few levels down, as relative paths. */
static void
walk(const char *base, const char *rel, int depth, char ***v, size_t *n,
    size_t *cap)
{
	char **e;
	size_t ne, i;

	e = path_entries(base, rel, "", &ne);
	for (i = 0; i < ne && *n < 500; i++) {
		size_t len = strlen(e[i]);
		char *r = xasprintf("%s%s%.*s", rel, *rel != '\0' ? "/" : "",
		    (int)(len - (e[i][len - 1] == '/')), e[i]);

		if (e[i][len - 1] == '/') {
			if (depth > 0)
				walk(base, r, depth - 1, v, n, cap);
			free(r);
			continue;
		}
		if (*n == *cap) {
			*cap = *cap == 0 ? 32 : *cap * 2;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		(*v)[(*n)++] = r;
	}
	free_strings(e, ne);
}

/* Ctrl+O: pick from the files under the dossier's folder. */
static void
path_pick(struct prompt *p)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	int c;

	walk(p->base, "", 3, &v, &n, &cap);
	if (n == 0) {
		snprintf(p->said, sizeof p->said, "%s", _("No files in the "
		    "dossier's folder yet; type a path from elsewhere to copy "
		    "it in."));
		return;
	}
	c = dlg_pick(_("Pick a file"), _("Files in the dossier's folder "
	    "(three levels down):"), (const char *const *)v, n, 0, NULL);
	if (c >= 0) {
		edit_set(&p->e, v[c]);
		p->e.changed = 1;
	}
	free_strings(v, n);
}

static enum loop_reply
prompt_key(void *arg, int key, unsigned ctx)
{
	struct prompt *p = arg;
	char *s;
	int ok = 1;

	p->refused = NULL;
	p->said[0] = '\0';
	switch (keys_lookup(ctx, key)) {
	case KA_CANCEL:
		return LOOP_CLOSE;
	case KA_COMPLETE:
		path_complete(p);
		return LOOP_HANDLED;
	case KA_PICKFILE:
		path_pick(p);
		return LOOP_HANDLED;
	case KA_DONE:
		s = edit_text(&p->e);
		if (p->check != NULL)
			(void)p->check(p->ctx, s, &ok);
		if (!ok) {
			free(s);
			beep();
			return LOOP_HANDLED;
		}
		p->result = s;
		return LOOP_CLOSE;
	default:
		break;
	}
	if (edit_key(&p->e, key, 1) == EDIT_REFUSED) {
		p->refused = edit_refusal(&p->e);
		beep();
	}
	return LOOP_HANDLED;
}

static const struct layer_ops prompt_ops = { prompt_draw, prompt_key, NULL };

static char *
prompt_run(const char *title, const char *text, const char *initial,
    enum edit_filter filter, dlg_check_fn check, void *ctx, const char *base)
{
	struct prompt p;

	memset(&p, 0, sizeof p);
	p.title = title;
	p.text = text;
	p.check = check;
	p.ctx = ctx;
	p.base = base;
	edit_init(&p.e, initial, 0, filter);
	loop_push(&prompt_ops, &p, base != NULL ? KC_LINE | KC_PATH : KC_LINE,
	    _("Enlarge the window to go on typing; Esc cancels."));
	loop_run();
	curs_set(0);
	edit_free(&p.e);
	return p.result;
}

char *
dlg_prompt(const char *title, const char *text,
    const char *initial, enum edit_filter filter, dlg_check_fn check,
    void *ctx)
{
	return prompt_run(title, text, initial, filter, check, ctx, NULL);
}

char *
dlg_prompt_path(const char *title, const char *text,
    const char *initial, dlg_check_fn check, void *ctx, const char *base)
{
	return prompt_run(title, text, initial, EDIT_ANY, check, ctx, base);
}

/* A picker. */

struct pick {
	const char *title, *text;
	const char *const *items;
	size_t n, cur, top, rows;
	unsigned char *work;	/* ticks, for multiple choice */
	int rc;
	int y, x, w;		/* where the rows are, for pick_row */
};

static void
pick_row(void *arg, size_t i, int r, int focus)
{
	struct pick *p = arg;
	int attr = focus ? scr_attr(SCR_CURSOR) : SCR_PLAIN;
	int yy = p->y + r, col = p->x;

	scr_fill(stdscr, yy, p->x, p->w, attr);
	if (p->work != NULL) {
		scr_text(stdscr, yy, col, 4, p->work[i] ? "[x]" : "[ ]", attr);
		col += 4;
	}
	scr_text(stdscr, yy, col, p->w - (col - p->x), p->items[i], attr);
}

static void
pick_draw(void *arg)
{
	struct pick *p = arg;
	int y, x, w = 72, h, th, rows;

	th = p->text != NULL ? dlg_para_rows(p->text, w - 4) : 0;
	if (th > 6)
		th = 6;
	rows = (int)p->n;
	if (rows > LINES - 8 - th)
		rows = LINES - 8 - th;
	if (rows < 1)
		rows = 1;
	h = rows + th + 4 + (th > 0);
	dlg_frame(h, w, p->title, &y, &x);
	if (th > 0)
		dlg_para(y + 1, x + 2, w - 4, th, p->text, SCR_PLAIN);
	p->y = y + 1 + th + (th > 0);
	p->x = x + 2;
	p->w = w - 4;
	p->rows = (size_t)rows;
	list_draw(p->cur, p->n, p->rows, &p->top, pick_row, p);
	dlg_hint(y + h - 2, x + 2, w - 4, p->work != NULL ? KC_MULTI :
	    KC_PICK, 0);
}

static enum loop_reply
pick_key(void *arg, int key, unsigned ctx)
{
	struct pick *p = arg;
	struct list l = { p->n, p->rows, NULL, NULL };
	enum key_action act = keys_lookup(ctx, key);

	if (list_is_move(act)) {
		p->cur = list_move(&l, p->cur, act);
		return LOOP_HANDLED;
	}
	switch (act) {
	case KA_CANCEL:
		p->rc = -1;
		return LOOP_CLOSE;
	case KA_TOGGLE:
		p->work[p->cur] = !p->work[p->cur];
		return LOOP_HANDLED;
	case KA_DONE:
		p->rc = p->work != NULL ? 0 : (int)p->cur;
		return LOOP_CLOSE;
	default:
		return LOOP_HANDLED;
	}
}

static const struct layer_ops pick_ops = { pick_draw, pick_key, NULL };

int
dlg_pick(const char *title, const char *text,
    const char *const *items, size_t n, size_t initial, unsigned char *sel)
{
	struct pick p;

	if (n == 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.title = title;
	p.text = text;
	p.items = items;
	p.n = n;
	p.cur = initial < n ? initial : 0;
	p.rows = 1;
	p.rc = -1;
	if (sel != NULL) {
		p.work = xmalloc(n);
		memcpy(p.work, sel, n);
	}
	loop_push(&pick_ops, &p, sel != NULL ? KC_MULTI : KC_PICK,
	    _("Enlarge the window to choose; Esc cancels."));
	loop_run();
	if (p.work != NULL && p.rc == 0)
		memcpy(sel, p.work, n);
	free(p.work);
	return p.rc;
}

/* A page of text: a list whose cursor is its first line shown. */

struct view {
	const char *title, *text;
	char **l;
	size_t n, top, rows;
	int wrapped_w;
	int y, x, w;
};

static void
view_resize(void *arg)
{
	struct view *v = arg;

	scr_wrap_free(v->l, v->n);
	v->l = NULL;
	v->n = 0;
	v->wrapped_w = -1;
}

static void
view_row(void *arg, size_t i, int r, int focus)
{
	struct view *v = arg;

	(void)focus;
	scr_text(stdscr, v->y + r, v->x, v->w, v->l[i], SCR_PLAIN);
}

static void
view_draw(void *arg)
{
	struct view *v = arg;
	int y, x, w, h, rows;
	size_t shown;

	w = COLS - 6 > 96 ? 96 : COLS - 6;
	h = LINES - 4;
	rows = h - 3 > 1 ? h - 3 : 1;
	if (w != v->wrapped_w) {
		scr_wrap_free(v->l, v->n);
		v->l = scr_wrap(v->text, w - 4, &v->n);
		v->wrapped_w = w;
	}
	v->rows = (size_t)rows;
	dlg_frame(h, w, v->title, &y, &x);
	v->y = y + 1;
	v->x = x + 2;
	v->w = w - 4;
	/* The cursor is the last line shown, so the page can reach the end. */
	shown = v->n > v->rows ? v->top + v->rows - 1 : 0;
	list_draw(shown < v->n ? shown : v->n - 1, v->n, v->rows, &v->top,
	    view_row, v);
	dlg_hint(y + h - 2, x + 2, w - 4, KC_VIEW, 0);
}

static enum loop_reply
view_key(void *arg, int key, unsigned ctx)
{
	struct view *v = arg;
	struct list l;
	enum key_action act = keys_lookup(ctx, key);

	if (act == KA_CANCEL)
		return LOOP_CLOSE;
	if (!list_is_move(act) || v->n <= v->rows)
		return LOOP_HANDLED;
	/* Scrolling moves the first line shown over the first lines that
	 * can be first. */
	l.n = v->n - v->rows + 1;
	l.page = v->rows;
	l.ok = NULL;
	l.arg = NULL;
	v->top = list_move(&l, v->top, act);
	return LOOP_HANDLED;
}

static const struct layer_ops view_ops = { view_draw, view_key, view_resize };

void
dlg_view(const char *title, const char *text)
{
	struct view v;

	memset(&v, 0, sizeof v);
	v.title = title;
	v.text = text;
	v.wrapped_w = -1;
	loop_push(&view_ops, &v, KC_VIEW, _("Enlarge the window to read the "
	    "help; Esc closes it."));
	loop_run();
	scr_wrap_free(v.l, v.n);
}

/* A form: one-line fields under their labels' column. */

struct form {
	const char *title, *text;
	const char *const *labels;
	struct edit *e;
	size_t n, cur;
	const char *refused;
	int done;
};

static void
form_draw(void *arg)
{
	struct form *f = arg;
	int y, x, w = 78, h, th, lw = 0, i, row;

	for (i = 0; i < (int)f->n; i++)
		if (scr_width(f->labels[i]) > lw)
			lw = scr_width(f->labels[i]);
	if (lw > 34)
		lw = 34;
	th = f->text != NULL ? dlg_para_rows(f->text, w - 4) : 0;
	if (th > LINES - 8 - (int)f->n)
		th = LINES - 8 - (int)f->n;
	if (th < 0)
		th = 0;
	h = (int)f->n + th + 5 + (th > 0);
	dlg_frame(h, w, f->title, &y, &x);
	if (th > 0)
		dlg_para(y + 1, x + 2, w - 4, th, f->text, SCR_PLAIN);
	row = y + 1 + th + (th > 0);
	for (i = 0; i < (int)f->n; i++) {
		scr_text(stdscr, row + i, x + 2, lw, f->labels[i],
		    (size_t)i == f->cur ? scr_attr(SCR_HEADING) : SCR_PLAIN);
		if ((size_t)i != f->cur)
			edit_draw(&f->e[i], stdscr, row + i, x + 3 + lw, 1,
			    w - 5 - lw, scr_attr(SCR_INPUT));
	}
	scr_text(stdscr, y + h - 3, x + 2, w - 4, f->refused != NULL ?
	    f->refused : "", scr_attr(SCR_ERROR));
	dlg_hint(y + h - 2, x + 2, w - 4, KC_FORM, 0);
	/* The focused field last: the cursor stays in it. */
	edit_draw(&f->e[f->cur], stdscr, row + (int)f->cur, x + 3 + lw, 1,
	    w - 5 - lw, scr_attr(SCR_INPUT));
	curs_set(1);
}

static enum loop_reply
form_key(void *arg, int key, unsigned ctx)
{
	struct form *f = arg;

	f->refused = NULL;
	switch (keys_lookup(ctx, key)) {
	case KA_CANCEL:
		return LOOP_CLOSE;
	case KA_DONE:
		f->done = 1;
		return LOOP_CLOSE;
	case KA_DOWN:
		f->cur = f->cur + 1 < f->n ? f->cur + 1 : f->cur;
		return LOOP_HANDLED;
	case KA_UP:
		f->cur = f->cur > 0 ? f->cur - 1 : 0;
		return LOOP_HANDLED;
	default:
		break;
	}
	if (edit_key(&f->e[f->cur], key, 1) == EDIT_REFUSED) {
		f->refused = edit_refusal(&f->e[f->cur]);
		beep();
	}
	return LOOP_HANDLED;
}

static const struct layer_ops form_ops = { form_draw, form_key, NULL };

int
dlg_form(const char *title, const char *text, const char *const *labels,
    char **values, size_t n)
{
	struct form f;
	size_t i;

	if (n == 0)
		return -1;
	memset(&f, 0, sizeof f);
	f.title = title;
	f.text = text;
	f.labels = labels;
	f.n = n;
	f.e = xcalloc(n, sizeof *f.e);
	for (i = 0; i < n; i++)
		edit_init(&f.e[i], values[i], 0, EDIT_ANY);
	loop_push(&form_ops, &f, KC_FORM, _("Enlarge the window to fill in "
	    "the form; Esc cancels."));
	loop_run();
	curs_set(0);
	for (i = 0; i < n; i++) {
		if (f.done) {
			free(values[i]);
			values[i] = edit_text(&f.e[i]);
		}
		edit_free(&f.e[i]);
	}
	free(f.e);
	return f.done ? 0 : -1;
}
