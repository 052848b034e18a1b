/*
 * Terminal start-up and teardown, signals, colours and the drawing of
 * untrusted text.  Nothing here knows about dossiers.
 */
#include "config.h"

#include "tui/screen.h"

#include <langinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* term.h names every capability as a macro ("lines", "columns"...). */
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

#include "core/lang.h"
#include "core/text.h"
#include "core/xalloc.h"

static SCREEN *scr_screen;
static int scr_on;
static int scr_has_colour;
static int scr_is_utf8;
static int scr_ascii_lines;
static int scr_attrs[SCR_NROLES];

/* What the crash handler writes: computed before it can be needed. */
static struct termios scr_saved_tio;
static int scr_have_tio;
static char scr_reset[256];
static size_t scr_reset_len;

static volatile sig_atomic_t scr_sig_pending;
static volatile sig_atomic_t scr_sig_int;

static void
on_signal(int sig)
{
	if (sig == SIGINT)
		scr_sig_int = 1;
	else if (scr_sig_pending == 0)
		scr_sig_pending = sig;
}

/*
 * A crash: only async-signal-safe calls (signal-safety(7)).  Put the
 * terminal modes back, leave the alternate screen, show the cursor, stop
 * mouse reporting, then die of the same signal.
 */
static void
on_crash(int sig)
{
	if (scr_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &scr_saved_tio);
	if (scr_on && scr_reset_len > 0) {
		ssize_t n = write(STDOUT_FILENO, scr_reset, scr_reset_len);

		(void)n;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void
scr_signals(void)
{
	static const int quit_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static const int crash_sigs[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
	    SIGILL };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal should wake the key wait at once. */
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof quit_sigs / sizeof quit_sigs[0]; i++)
		sigaction(quit_sigs[i], &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
		sigaction(crash_sigs[i], &sa, NULL);
}

int
scr_signal_pending(void)
{
	return scr_sig_pending;
}

int
scr_take_interrupt(void)
{
	int v = scr_sig_int;

	scr_sig_int = 0;
	return v;
}

int
scr_usable(char *why, size_t size)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, size, "%s", isatty(STDIN_FILENO) ?
		    _("the wizard needs a terminal, and standard output is "
		    "not one") : _("the wizard needs a terminal, and standard "
		    "input is not one"));
		return -1;
	}
	if (term == NULL || *term == '\0') {
		snprintf(why, size, "%s", _("the wizard needs a terminal, and "
		    "TERM is not set"));
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, size, _("cannot run the wizard on terminal "
		    "'%.64s' (unknown to terminfo)"), term);
		return -1;
	}
	/* TERM=dumb has no cursor addressing: it would draw garbage. */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || strcmp(term, "dumb") == 0) {
		snprintf(why, size, _("cannot run the wizard on terminal "
		    "'%.64s' (no cursor addressing)"), term);
		del_curterm(cur_term);
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}

static void
reset_add(const char *s)
{
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (scr_reset_len + n >= sizeof scr_reset)
		return;
	memcpy(scr_reset + scr_reset_len, s, n);
	scr_reset_len += n;
}

/* The reset string the crash handler writes, from terminfo. */
static void
prepare_reset(int mouse)
{
	scr_reset_len = 0;
	reset_add(tigetstr("sgr0"));
	reset_add(tigetstr("cnorm"));
	reset_add(tigetstr("rmkx"));
	if (mouse)
		reset_add("\033[?1000l\033[?1002l\033[?1006l");
	reset_add(tigetstr("rmcup"));
}

static void
init_roles(void)
{
	static const struct {
		short fg, bg;
		int mono, extra;
	} roles[SCR_NROLES] = {
		[SCR_NORMAL] = { -1, -1, A_NORMAL, 0 },
		[SCR_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
		[SCR_KEY] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
		[SCR_KEYLABEL] = { -1, -1, A_NORMAL, 0 },
		[SCR_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
		[SCR_CURSOR_IDLE] = { -1, -1, A_UNDERLINE, A_BOLD },
		[SCR_DIM] = { -1, -1, A_DIM, A_DIM },
		[SCR_OK] = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
		[SCR_OPEN] = { COLOR_YELLOW, -1, A_NORMAL, A_BOLD },
		[SCR_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
		[SCR_WARNING] = { COLOR_YELLOW, -1, A_BOLD, 0 },
		[SCR_INFO] = { COLOR_CYAN, -1, A_NORMAL, 0 },
		[SCR_BORDER] = { COLOR_BLUE, -1, A_NORMAL, 0 },
		[SCR_HEADING] = { -1, -1, A_BOLD, A_BOLD },
		[SCR_INPUT] = { COLOR_WHITE, COLOR_BLACK, A_UNDERLINE, 0 },
		[SCR_POPUP] = { -1, -1, A_NORMAL, 0 },
		[SCR_MESSAGE] = { COLOR_BLACK, COLOR_YELLOW, A_REVERSE, 0 },
	};
	int i;

	for (i = 0; i < SCR_NROLES; i++) {
		if (!scr_has_colour ||
		    (roles[i].fg == -1 && roles[i].bg == -1)) {
			scr_attrs[i] = roles[i].mono;
			continue;
		}
		init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
		scr_attrs[i] = COLOR_PAIR(i + 1) | roles[i].extra;
	}
}

static int
want_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	/* https://no-color.org/: present and not empty means no colour. */
	if (nc != NULL && *nc != '\0')
		return 0;
	return has_colors();
}

int
scr_start(int no_mouse)
{
	const char *cs;
	char *acsc;

	cs = nl_langinfo(CODESET);
	scr_is_utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	if (tcgetattr(STDIN_FILENO, &scr_saved_tio) == 0)
		scr_have_tio = 1;
	scr_screen = newterm(NULL, stdout, stdin);
	if (scr_screen == NULL)
		return -1;
	scr_on = 1;
	/* raw: Ctrl+S, Ctrl+Q and Ctrl+C reach us as keys. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	scr_has_colour = want_colour();
	if (scr_has_colour) {
		start_color();
		use_default_colors();
	}
	acsc = tigetstr("acsc");
	scr_ascii_lines = acsc == NULL || acsc == (char *)-1 || *acsc == '\0';
	init_roles();
	if (!no_mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED |
		    BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	prepare_reset(!no_mouse);
	return 0;
}

void
scr_end(void)
{
	char *cnorm;

	if (!scr_on)
		return;
	scr_on = 0;
	curs_set(1);
	endwin();
	/*
	 * Leaving the alternate screen brings back the cursor mode of the
	 * moment we entered it, when the cursor was already hidden: show it
	 * again on the normal screen.
	 */
	cnorm = tigetstr("cnorm");
	if (cnorm != NULL && cnorm != (char *)-1)
		putp(cnorm);
	fflush(stdout);
	delscreen(scr_screen);
	scr_screen = NULL;
}

int
scr_active(void)
{
	return scr_on;
}

void
scr_suspend(void)
{
	def_prog_mode();
	endwin();
}

void
scr_resume(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

void
scr_stop(void)
{
	scr_suspend();
	/* SIGSTOP, not SIGTSTP: ncurses' own SIGTSTP handler would end
	 * curses a second time. */
	raise(SIGSTOP);
	scr_resume();
}

int
scr_attr(enum scr_role role)
{
	return scr_attrs[role];
}

int
scr_utf8(void)
{
	return scr_is_utf8;
}

int
scr_colour(void)
{
	return scr_has_colour;
}

int
scr_too_small(void)
{
	return COLS < SCR_MIN_COLS || LINES < SCR_MIN_LINES;
}

const char *
scr_mark(enum scr_mark m)
{
	static const char *const utf8[] = {
		[SCR_MARK_DONE] = "\u2713", [SCR_MARK_OPEN] = "\u25cb",
		[SCR_MARK_ERROR] = "!", [SCR_MARK_WARNING] = "?",
		[SCR_MARK_INFO] = "i", [SCR_MARK_NA] = "-",
		[SCR_MARK_NONE] = " ",
	};
	static const char *const ascii[] = {
		[SCR_MARK_DONE] = "+", [SCR_MARK_OPEN] = "o",
		[SCR_MARK_ERROR] = "!", [SCR_MARK_WARNING] = "?",
		[SCR_MARK_INFO] = "i", [SCR_MARK_NA] = "-",
		[SCR_MARK_NONE] = " ",
	};

	return scr_is_utf8 ? utf8[m] : ascii[m];
}

enum scr_role
scr_mark_role(enum scr_mark m)
{
	static const enum scr_role roles[] = {
		[SCR_MARK_DONE] = SCR_OK, [SCR_MARK_OPEN] = SCR_OPEN,
		[SCR_MARK_ERROR] = SCR_ERROR, [SCR_MARK_WARNING] = SCR_WARNING,
		[SCR_MARK_INFO] = SCR_INFO, [SCR_MARK_NA] = SCR_DIM,
		[SCR_MARK_NONE] = SCR_NORMAL,
	};

	return roles[m];
}

/* Wrapped, and clipped to the screen: it must fit even a 1x1 pane. */
static int
draw_wrapped(int y, const char *s, int attr)
{
	size_t n, i;
	char **l = scr_wrap(s, COLS, &n);

	for (i = 0; i < n && y < LINES; i++)
		scr_text(stdscr, y++, 0, COLS, l[i], attr);
	scr_wrap_free(l, n);
	return y;
}

void
scr_draw_too_small(const char *prompt)
{
	char buf[128];
	int y;

	erase();
	snprintf(buf, sizeof buf, _("Terminal too small (%dx%d, need "
	    "%dx%d)."), COLS, LINES, SCR_MIN_COLS, SCR_MIN_LINES);
	y = draw_wrapped(0, buf, scr_attr(SCR_ERROR));
	draw_wrapped(y, prompt != NULL ? prompt :
	    _("Enlarge the window to go on; q quits."), A_NORMAL);
}

/* Text drawing. */

int
scr_cp_width(int cp)
{
	int w;

	if (cp < 0)
		return 6;		/* "<0xFF>" */
	if (cp < 0x20 || cp == 0x7F)
		return 2;		/* "^X" */
	if (text_is_hazard(cp))
		return cp > 0xFFFF ? 10 : 8;	/* "<U+202E>" */
	if (cp < 0x80)
		return 1;
	if (!scr_is_utf8)
		return 1;		/* shown as '?' */
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static void
put_ascii(WINDOW *w, const char *s, int attr)
{
	for (; *s != '\0'; s++)
		waddch(w, (chtype)(unsigned char)*s | (chtype)attr);
}

/*
 * Outside UTF-8, the punctuation of the wizard's own strings (clause ·
 * type, "section › question", "3 records — ...") gets a one-column ASCII
 * stand-in; anything else is '?'.
 */
static int
ascii_standin(int cp)
{
	switch (cp) {
	case 0x00B7:		/* middle dot */
	case 0x2013:		/* en dash */
	case 0x2014:		/* em dash */
		return '-';
	case 0x2026:		/* ellipsis, as the cut mark */
	case 0x203A:		/* single right angle quotation mark */
		return '>';
	default:
		return '?';
	}
}

void
scr_put_cp(WINDOW *w, int cp, int attr)
{
	char buf[16];
	wchar_t wc[2];
	cchar_t cc;

	if (cp < 0) {
		put_ascii(w, "<?>", attr | A_REVERSE);
		return;
	}
	if (cp < 0x20 || cp == 0x7F) {
		snprintf(buf, sizeof buf, "^%c", cp == 0x7F ? '?' : cp + '@');
		put_ascii(w, buf, attr | A_REVERSE);
		return;
	}
	if (text_is_hazard(cp)) {
		snprintf(buf, sizeof buf, "<U+%04X>", (unsigned)cp);
		put_ascii(w, buf, attr | A_REVERSE);
		return;
	}
	if (cp >= 0x80 && (!scr_is_utf8 || wcwidth((wchar_t)cp) < 0)) {
		waddch(w, (chtype)ascii_standin(cp) | (chtype)attr);
		return;
	}
	wc[0] = (wchar_t)cp;
	wc[1] = L'\0';
	setcchar(&cc, wc, (attr_t)attr, 0, NULL);
	wadd_wch(w, &cc);
}

/*
 * One display cell: a base character and the combining marks that follow
 * it (at most CCHARW_MAX - 1 of them; more are dropped, so 500 combining
 * marks on one letter cannot grow a cell without bound).
 */
struct cell {
	wchar_t wc[CCHARW_MAX + 1];
	int n;
	int width;
	int ascii;		/* '?' substitute in a non-UTF-8 locale */
};

static void
flush_cell(WINDOW *w, struct cell *c, int attr)
{
	cchar_t cc;

	if (c->n == 0)
		return;
	if (c->ascii) {
		waddch(w, (chtype)'?' | (chtype)attr);
	} else {
		c->wc[c->n] = L'\0';
		setcchar(&cc, c->wc, (attr_t)attr, 0, NULL);
		wadd_wch(w, &cc);
	}
	c->n = 0;
}

/* Width of clean (already sanitized) text up to a newline. */
static int
clean_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int32_t cp;
	int w = 0, n;

	while (i < len && s[i] != '\n') {
		n = text_decode(s + i, len - i, &cp);
		i += (size_t)n;
		w += scr_cp_width(cp);
	}
	return w;
}

/*
 * Before columns [x0, x1) of row y are overwritten: a wide character
 * that straddles either end becomes blanks.  ncurses' waddch, whline and
 * wvline write over half of one and leave the other half in the window,
 * so the terminal gets the whole character and the rest of the row one
 * column off (a pop-up's border over Chinese text).
 */
static void
cut_wide(WINDOW *w, int y, int x0, int x1)
{
	int col = 0, cw, i, maxx = getmaxx(w);
	wchar_t wc[CCHARW_MAX + 1];
	cchar_t cc, blank;
	attr_t a;
	short pair;

	if (!scr_is_utf8)
		return;
	if (x1 > maxx)
		x1 = maxx;
	while (col < x1) {
		if (mvwin_wch(w, y, col, &cc) == ERR ||
		    getcchar(&cc, wc, &a, &pair, NULL) == ERR)
			return;
		cw = wcwidth(wc[0]);
		if (cw < 1)
			cw = 1;
		if (cw > 1 && ((col < x0 && col + cw > x0) ||
		    (col < x1 && col + cw > x1))) {
			setcchar(&blank, L" ", a, pair, NULL);
			for (i = 0; i < cw && col + i < maxx; i++)
				mvwadd_wch(w, y, col + i, &blank);
		}
		col += cw;
	}
}

/* Draw s at y,x in width columns; only measure (no curses) when dry. */
static int
draw_clean(WINDOW *w, int y, int x, int width, const char *s, int attr,
    int dry)
{
	size_t len = strlen(s), i = 0;
	struct cell c;
	int32_t cp;
	int used = 0, cw, n, limit = width, cut = 0;

	if (width <= 0)
		return 0;
	if (clean_width(s) > width) {
		limit = width - 1;
		cut = 1;
	}
	if (dry) {
		while (i < len && s[i] != '\n') {
			n = text_decode(s + i, len - i, &cp);
			i += (size_t)n;
			cw = scr_cp_width(cp);
			if (used + cw > limit)
				break;
			used += cw;
		}
		return used + cut;
	}
	wmove(w, y, x);
	c.n = 0;
	c.ascii = 0;
	while (i < len && s[i] != '\n') {
		n = text_decode(s + i, len - i, &cp);
		i += (size_t)n;
		cw = scr_cp_width(cp);
		if (cw == 0) {
			if (c.n > 0 && c.n < CCHARW_MAX && !c.ascii)
				c.wc[c.n++] = (wchar_t)cp;
			continue;
		}
		if (used + cw > limit)
			break;
		flush_cell(w, &c, attr);
		if (cp >= 0x80 && !text_is_hazard(cp) && scr_is_utf8 &&
		    wcwidth((wchar_t)cp) > 0) {
			c.wc[0] = (wchar_t)cp;
			c.n = 1;
			c.ascii = 0;
			c.width = cw;
		} else {
			scr_put_cp(w, cp, attr);
		}
		used += cw;
	}
	flush_cell(w, &c, attr);
	if (cut) {
		if (scr_is_utf8)
			waddstr(w, "\u2026");
		else
			waddch(w, (chtype)'>' | (chtype)attr);
		used++;
	}
	return used;
}

int
scr_text(WINDOW *w, int y, int x, int width, const char *s, int attr)
{
	char *clean;
	int used;

	if (s == NULL || width <= 0)
		return 0;
	/* keep newlines: they end the line here, they are not shown. */
	clean = text_sanitize(s, 1);
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\t')
			*p = ' ';
	wattr_on(w, (attr_t)attr, NULL);
	cut_wide(w, y, x, x + draw_clean(w, y, x, width, clean, attr, 1));
	used = draw_clean(w, y, x, width, clean, attr, 0);
	wattr_off(w, (attr_t)attr, NULL);
	free(clean);
	return used;
}

int
scr_width(const char *s)
{
	char *clean = text_sanitize(s, 1);
	int w = clean_width(clean);

	free(clean);
	return w;
}

void
scr_fill(WINDOW *w, int y, int x, int width, int attr)
{
	int i;

	cut_wide(w, y, x, x + width);
	wmove(w, y, x);
	for (i = 0; i < width; i++)
		waddch(w, (chtype)' ' | (chtype)attr);
}

void
scr_hline(WINDOW *w, int y, int x, int width, int attr)
{
	cut_wide(w, y, x, x + width);
	wmove(w, y, x);
	if (scr_ascii_lines)
		whline(w, (chtype)'-' | (chtype)attr, width);
	else
		whline(w, ACS_HLINE | (chtype)attr, width);
}

void
scr_vline(WINDOW *w, int y, int x, int height, int attr)
{
	int i;

	for (i = 0; i < height; i++)
		cut_wide(w, y + i, x, x + 1);
	wmove(w, y, x);
	if (scr_ascii_lines)
		wvline(w, (chtype)'|' | (chtype)attr, height);
	else
		wvline(w, ACS_VLINE | (chtype)attr, height);
}

void
scr_box(WINDOW *w, int y, int x, int h, int wd, int attr)
{
	chtype ul = ACS_ULCORNER, ur = ACS_URCORNER, ll = ACS_LLCORNER,
	    lr = ACS_LRCORNER;
	int i;

	if (scr_ascii_lines)
		ul = ur = ll = lr = '+';
	for (i = 0; i < h; i++)
		scr_fill(w, y + i, x, wd, scr_attr(SCR_POPUP));
	scr_hline(w, y, x + 1, wd - 2, attr);
	scr_hline(w, y + h - 1, x + 1, wd - 2, attr);
	scr_vline(w, y + 1, x, h - 2, attr);
	scr_vline(w, y + 1, x + wd - 1, h - 2, attr);
	mvwaddch(w, y, x, ul | (chtype)attr);
	mvwaddch(w, y, x + wd - 1, ur | (chtype)attr);
	mvwaddch(w, y + h - 1, x, ll | (chtype)attr);
	mvwaddch(w, y + h - 1, x + wd - 1, lr | (chtype)attr);
}

/* Wrapping. */

struct wrap {
	char **v;
	size_t n, cap;
};

/* A line of LEN bytes from S, after IND spaces. */
static void
wrap_push(struct wrap *wr, size_t ind, const char *s, size_t len)
{
	char *l;

	if (wr->n == wr->cap) {
		wr->cap = wr->cap == 0 ? 8 : wr->cap * 2;
		wr->v = xreallocarray(wr->v, wr->cap, sizeof *wr->v);
	}
	l = xmalloc(ind + len + 1);
	memset(l, ' ', ind);
	memcpy(l + ind, s, len);
	l[ind + len] = '\0';
	wr->v[wr->n++] = l;
}

/*
 * Wrap one paragraph (no newline inside) of clean text.  A paragraph that
 * starts indented keeps the indent on its later lines, so that a list
 * item or a key's description does not run back to the margin.
 */
/*
 * Chinese is written without spaces: a line may break between two
 * characters when either is wide, except before closing punctuation
 * (，。、） and the like) or after opening punctuation (「（), which stay
 * with the character they belong to.
 */
static int
wrap_closing(int32_t cp)
{
	return (cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E ||
	    cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
	    cp == 0xFF09 || cp == 0x300D || cp == 0x300F || cp == 0x3011 ||
	    cp == 0x3009 || cp == 0x300B || cp == 0xFF3D || cp == 0xFF5D ||
	    cp == 0x2026 || cp == 0xFF5E || cp == ')' || cp == ',' ||
	    cp == '.' || cp == ':' || cp == ';' || cp == '!' || cp == '?');
}

static int
wrap_opening(int32_t cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 ||
	    cp == 0x3008 || cp == 0x300A || cp == 0xFF3B || cp == 0xFF5B ||
	    cp == '(' || cp == 0x201C || cp == 0x2018;
}

static void
wrap_para(struct wrap *wr, const char *s, size_t len, int width)
{
	size_t i = 0, start = 0, brk = 0, ind = 0, hang = 0, skip = 1;
	int32_t cp, prev = 0;
	int col = 0, brkcol = 0, n, cw, prevw = 0;

	while (ind < len && s[ind] == ' ')
		ind++;
	if (ind == len || (int)ind * 2 > width)
		ind = 0;
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		cw = scr_cp_width(cp);
		if (cp == ' ') {
			brk = i;
			brkcol = col;
			skip = 1;
		} else if (i > start && prev != ' ' && cw > 0 &&
		    (cw == 2 || prevw == 2) && !wrap_closing(cp) &&
		    !wrap_opening(prev)) {
			/* Between two characters, one of them wide. */
			brk = i;
			brkcol = col;
			skip = 0;
		}
		col += cw;
		if (col > width - (int)hang && i > start) {
			if (brk > start) {
				wrap_push(wr, hang, s + start, brk - start);
				start = brk + skip;
				col -= brkcol + (int)skip;
			} else {
				wrap_push(wr, hang, s + start, i - start);
				start = i;
				col = scr_cp_width(cp);
			}
			brk = start;
			brkcol = 0;
			hang = ind;
		}
		if (cw > 0) {
			prev = cp;
			prevw = cw;
		}
		i += (size_t)n;
	}
	wrap_push(wr, hang, s + start, len - start);
}

char **
scr_wrap(const char *s, int width, size_t *n)
{
	struct wrap wr = { NULL, 0, 0 };
	char *clean = text_sanitize(s != NULL ? s : "", 1), *p, *nl;

	if (width < 1)
		width = 1;
	for (p = clean; *p != '\0'; p++)
		if (*p == '\t')
			*p = ' ';
	for (p = clean;; p = nl + 1) {
		nl = strchr(p, '\n');
		wrap_para(&wr, p, nl != NULL ? (size_t)(nl - p) : strlen(p),
		    width);
		if (nl == NULL)
			break;
	}
	free(clean);
	*n = wr.n;
	return wr.v;
}

void
scr_wrap_free(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}
