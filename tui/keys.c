/*
 * The key table.  Order matters twice: the first binding that matches
 * wins, and the key bar, the hint lines and the help show bindings in
 * table order.  tests/unit/test_keys checks that no key is bound twice in
 * one context and that the help and the hints say what the table says.
 */
#include "config.h"

#include "tui/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/curses.h"

#define K(k) KEYS_CODE(k)
#define ENTER '\r', '\n', K(KEY_ENTER)
#define ESC 27

static const struct key_binding bindings[] = {
	/* A yes/no question answers to y, n and Space (before the rest). */
	{ KA_YES, KC_YESNO, { 'y' }, "y", NULL, N_("answer yes"), N_("yes") },
	{ KA_NO, KC_YESNO, { 'n' }, "n", NULL, N_("answer no"), N_("no") },
	{ KA_SWITCH, KC_YESNO, { ' ' }, "Space", NULL,
	    N_("switch between yes and no (yes when not answered)"),
	    N_("switch") },

	/* The main screen and the findings screen. */
	{ KA_HELP, KC_ALL | KC_WHY | KC_TOUR, { K(KEY_F(1)), '?' }, "F1  ?",
	    N_("Help"),
	    N_("help: the keys that work here"), NULL },
	{ KA_SAVE, KC_ALL | KC_WHY, { K(KEY_F(2)), 's', KEYS_CTRL('s') },
	    "F2  s  Ctrl+S", N_("Save"),
	    N_("save (atomic; a draft with gaps saves too)"), NULL },
	{ KA_QUIT, KC_ALL | KC_WHY, { K(KEY_F(10)), 'q', KEYS_CTRL('c') },
	    "F10  q  Ctrl+C", N_("Quit"),
	    N_("quit (asks first when there are unsaved changes)"), NULL },
	{ KA_RECHECK, KC_ALL | KC_WHY, { K(KEY_F(5)), 'r' }, "F5  r",
	    N_("Check"),
	    N_("check again, looking at evidence files afresh"), NULL },
	{ KA_FINDINGS, KC_MAIN, { K(KEY_F(6)), '!' }, "F6  !", N_("Findings"),
	    N_("list every finding; Enter jumps to its question"), NULL },
	{ KA_BACK, KC_FINDINGS, { K(KEY_F(6)), '!' }, "F6  !", NULL,
	    N_("back to the questions"), NULL },
	{ KA_SEARCH, KC_MAIN, { '/', K(KEY_F(3)) }, "/  F3", N_("Search"),
	    N_("search questions by label, id or clause number"), NULL },
	/*
	 * Before XLSX so that it shows in the key bar at 80 columns: its
	 * label is the other language's name in that language, readable by
	 * whoever cannot read the one on the screen.
	 */
	{ KA_LANG, KC_ALL | KC_WHY | KC_TOUR, { 'L' }, "L",
	    /* TRANSLATORS: key bar label of the language switch (at most
	     * 8 columns): the name of the OTHER language, written in it. */
	    N_("中文"),
	    /* TRANSLATORS: help line of the language switch; keep both
	     * names as they are, so either reader finds it. */
	    N_("switch the language: English or 繁體中文 (this session "
	    "only)"), NULL },
	{ KA_EXPORT, KC_MAIN, { K(KEY_F(9)), 'x' }, "F9  x", N_("XLSX"),
	    N_("write the XLSX checklist beside the dossier"), NULL },
	{ KA_DEVICE, KC_MAIN, { 'D' }, "D", NULL,
	    N_("the device facts in one form, Chinese names included"), NULL },
	{ KA_WHY, KC_FIELDS | KC_GROUP | KC_RECORD, { 'w' }, "w", NULL,
	    N_("why this question is asked or not, with links"), NULL },
	{ KA_TOUR, KC_MAIN, { 't' }, "t", NULL,
	    N_("the guided tour: what each part of the screen is"), NULL },
	{ KA_UNDO, KC_MAIN, { 'u' }, "u", N_("Undo"),
	    N_("undo the last change (many levels)"), NULL },
	{ KA_REDO, KC_MAIN, { KEYS_CTRL('r'), 'U' }, "Ctrl+R  U", NULL,
	    N_("redo what undo took back"), NULL },
	{ KA_REDRAW, KC_ALL | KC_WHY | KC_TOUR, { KEYS_CTRL('l') }, "Ctrl+L", NULL,
	    N_("redraw the screen"), NULL },
	{ KA_SUSPEND, KC_ALL | KC_WHY | KC_TOUR, { KEYS_CTRL('z') }, "Ctrl+Z", NULL,
	    N_("suspend to the shell (fg comes back)"), NULL },
	{ KA_EDIT, KC_SECTIONS, { ENTER, ' ' }, "Enter  Space", NULL,
	    N_("open the section"), N_("open section") },
	{ KA_EDIT, KC_FIELDS | KC_RECORD, { ENTER }, "Enter", NULL,
	    N_("answer the question (yes/no: a picker), or open a list of "
	    "records"), N_("answer") },
	{ KA_EDIT, KC_FIELDS | KC_RECORD, { ' ' }, "Space", NULL,
	    N_("answer the question, like Enter"), NULL },
	{ KA_EDIT, KC_GROUP, { ENTER, ' ' }, "Enter  Space", NULL,
	    N_("open the record"), N_("open record") },
	{ KA_EDIT, KC_FINDINGS, { ENTER }, "Enter", NULL,
	    N_("go to the question of this finding"),
	    N_("go to the question") },
	{ KA_EXTEDIT, KC_FIELDS | KC_RECORD, { KEYS_CTRL('g'), 'e' },
	    "Ctrl+G  e", NULL,
	    N_("edit a long text in $VISUAL, $EDITOR or vi"),
	    N_("your editor") },
	{ KA_NA, KC_FIELDS | KC_RECORD, { '-', 'N' }, "-  N", NULL,
	    N_("mark not applicable, with a reason (where allowed)"),
	    N_("not applicable") },
	{ KA_REUSE, KC_FIELDS | KC_RECORD, { 'R' }, "R", NULL,
	    N_("start from the answer the template names (TR-008's intended "
	    "use from TR-007's purpose)"), N_("start from the other answer") },
	{ KA_CLEAR, KC_FIELDS | KC_RECORD, { 'c', K(KEY_DC) }, "c  Delete",
	    NULL, N_("clear the answer (undo brings it back)"), N_("clear") },
	{ KA_REVIEW, KC_FIELDS | KC_RECORD, { 'v' }, "v", NULL,
	    N_("the reviewer's verdict on this answer, and earlier ones"),
	    NULL },
	{ KA_NEXT_PROBLEM, KC_MAIN, { 'f' }, "f", NULL,
	    N_("go to the next question with a finding"), NULL },
	{ KA_NEXT_OPEN, KC_MAIN, { '\t' }, "Tab", NULL,
	    N_("the next question that needs an answer, across sections"),
	    N_("next to answer") },
	{ KA_NEXT_OPEN, KC_MAIN, { 'n' }, "n", NULL,
	    N_("the next question that needs an answer, like Tab"), NULL },
	{ KA_ADD, KC_GROUP, { 'a', K(KEY_IC) }, "a  Insert", NULL,
	    N_("add a record after the current one"), N_("add") },
	{ KA_DELETE, KC_GROUP, { 'd', K(KEY_DC) }, "d  Delete", NULL,
	    N_("delete the current record (asks first)"), N_("delete") },
	{ KA_MOVE_UP, KC_GROUP, { '<', 'K' }, "<  K", NULL,
	    N_("move the record up"), N_("move up") },
	{ KA_MOVE_DOWN, KC_GROUP, { '>', 'J' }, ">  J", NULL,
	    N_("move the record down"), N_("move down") },
	{ KA_PREV_PANE, KC_MAIN, { K(KEY_BTAB) }, "Shift+Tab", NULL,
	    N_("between the section list and the questions"), NULL },
	{ KA_BACK, KC_GROUP | KC_RECORD | KC_FINDINGS,
	    { ESC, K(KEY_BACKSPACE), 127, '\b' }, "Esc  Backspace", NULL,
	    N_("back: out of a record or list, or close this screen"),
	    N_("back") },
	{ KA_BACK, KC_SECTIONS | KC_FIELDS,
	    { ESC, K(KEY_BACKSPACE), 127, '\b' }, "Esc  Backspace", NULL,
	    N_("back to the section list"), NULL },
	{ KA_LEFT, KC_MAIN, { K(KEY_LEFT), 'h' }, "Left  h", NULL,
	    N_("to the section list"), NULL },
	{ KA_RIGHT, KC_MAIN, { K(KEY_RIGHT), 'l' }, "Right  l", NULL,
	    N_("to the questions"), NULL },

	/* Pop-ups and editors. */
	{ KA_ANY, KC_MESSAGE, { 0 }, "any key", NULL,
	    N_("close the message"), N_("go on") },
	{ KA_DONE, KC_LINE | KC_FORM, { ENTER, K(KEY_F(2)), KEYS_CTRL('s') },
	    "Enter  F2  Ctrl+S", NULL,
	    N_("done: keep what you typed"), N_("done") },
	{ KA_COMPLETE, KC_PATH, { '\t' }, "Tab", NULL,
	    N_("complete the file name, in the dossier's folder"),
	    N_("complete name") },
	{ KA_PICKFILE, KC_PATH, { KEYS_CTRL('o'), K(KEY_F(4)) },
	    "Ctrl+O  F4", NULL, N_("pick a file in the dossier's folder"),
	    N_("pick a file") },
	{ KA_DOWN, KC_FORM, { '\t', K(KEY_DOWN) }, "Tab  Down", NULL,
	    N_("the next field"), N_("next field") },
	{ KA_UP, KC_FORM, { K(KEY_BTAB), K(KEY_UP) }, "Shift+Tab  Up", NULL,
	    N_("the field before"), NULL },
	{ KA_DONE, KC_TEXT, { K(KEY_F(2)), KEYS_CTRL('s') }, "F2  Ctrl+S",
	    NULL, N_("done: keep what you typed"), N_("done") },
	{ KA_DONE, KC_PICK, { ENTER, ' ' }, "Enter  Space", NULL,
	    N_("choose the highlighted item"), N_("choose") },
	{ KA_TOGGLE, KC_MULTI, { ' ' }, "Space", NULL,
	    N_("tick or untick the highlighted item"), N_("tick or untick") },
	{ KA_DONE, KC_MULTI, { ENTER, K(KEY_F(2)), KEYS_CTRL('s') },
	    "Enter  F2  Ctrl+S", NULL, N_("done: keep the ticks"), N_("done") },
	{ KA_DONE, KC_SEARCH, { ENTER }, "Enter", NULL,
	    N_("go to the highlighted question"), N_("go") },
	{ KA_CANCEL, KC_EDITORS | KC_PICK | KC_MULTI | KC_SEARCH | KC_FORM,
	    { ESC },
	    "Esc", NULL, N_("cancel: nothing is changed"), N_("cancel") },
	{ KA_CANCEL, KC_CHOOSE, { ESC }, "Esc", NULL,
	    N_("the choice on the Esc button"), NULL },
	{ KA_CANCEL, KC_VIEW, { ESC, 'q', ENTER, K(KEY_F(1)), '?' },
	    "Esc  q  Enter  F1  ?", NULL, N_("close"), N_("close") },
	{ KA_NEWLINE, KC_TEXT, { ENTER }, "Enter", NULL,
	    N_("a new line"), N_("new line") },
	{ KA_EXTEDIT, KC_TEXT, { KEYS_CTRL('g') }, "Ctrl+G", NULL,
	    N_("edit in $VISUAL, $EDITOR or vi"), N_("your editor") },
	{ KA_KILL, KC_LINE | KC_SEARCH | KC_FORM, { KEYS_CTRL('u') }, "Ctrl+U",
	    NULL,
	    N_("delete back to the start of the line"), N_("clear") },

	/*
	 * Why is this asked? (why.c): the questions it names are links.
	 * One key of each carries the hint, so the line fits 80 columns.
	 */
	{ KA_DOWN, KC_WHY, { '\t' }, "Tab", NULL, N_("the next question named"),
	    N_("next link") },
	{ KA_DOWN, KC_WHY, { K(KEY_DOWN) }, "Down", NULL,
	    N_("the next question named, like Tab"), NULL },
	{ KA_UP, KC_WHY, { K(KEY_BTAB), K(KEY_UP) }, "Shift+Tab  Up", NULL,
	    N_("the question named before"), NULL },
	{ KA_EDIT, KC_WHY, { ENTER }, "Enter", NULL,
	    N_("go to the question named"), N_("go there") },
	{ KA_RIGHT, KC_WHY, { K(KEY_RIGHT) }, "Right", NULL,
	    N_("the next question in the list, asked or not"),
	    N_("next question") },
	{ KA_LEFT, KC_WHY, { K(KEY_LEFT) }, "Left", NULL,
	    N_("the question before it in the list"), NULL },
	{ KA_BACK, KC_WHY, { ESC }, "Esc", NULL, N_("back to the questions"),
	    N_("back") },
	{ KA_BACK, KC_WHY, { 'w', K(KEY_BACKSPACE), 127, '\b' },
	    "w  Backspace", NULL, N_("back to the questions, like Esc"), NULL },
	{ KA_PGUP, KC_WHY, { K(KEY_PPAGE) }, "PgUp", NULL, N_("scroll up"),
	    NULL },
	{ KA_PGDN, KC_WHY, { K(KEY_NPAGE) }, "PgDn", NULL, N_("scroll down"),
	    N_("more") },

	/* The guided tour (tour.c): its note is 50 columns wide. */
	{ KA_DONE, KC_TOUR, { ENTER }, "Enter", NULL,
	    N_("the next step; after the last, start working"), N_("next") },
	{ KA_DONE, KC_TOUR, { ' ', K(KEY_RIGHT), K(KEY_DOWN) },
	    "Space  Right  Down", NULL, N_("the next step, like Enter"), NULL },
	{ KA_BACK, KC_TOUR, { K(KEY_BACKSPACE), 127, '\b' }, "Backspace",
	    NULL, N_("the step before"), N_("back") },
	{ KA_BACK, KC_TOUR, { K(KEY_LEFT), K(KEY_UP) }, "Left  Up", NULL,
	    N_("the step before, like Backspace"), NULL },
	{ KA_CANCEL, KC_TOUR, { ESC }, "Esc", NULL,
	    N_("end the tour (t shows it again)"), N_("end") },
	{ KA_CANCEL, KC_TOUR, { 'q' }, "q", NULL, N_("end the tour, like Esc"),
	    NULL },
	{ KA_QUIT, KC_TOUR, { K(KEY_F(10)), KEYS_CTRL('c') }, "F10  Ctrl+C",
	    NULL, N_("quit (asks first when there are unsaved changes)"),
	    NULL },

	/* Moving in lists: one behaviour everywhere (list.h). */
	{ KA_UP, KC_LISTS, { K(KEY_UP), 'k' }, "Up  k", NULL, N_("move up"),
	    NULL },
	{ KA_DOWN, KC_LISTS, { K(KEY_DOWN), 'j' }, "Down  j", NULL,
	    N_("move down"), NULL },
	{ KA_PGUP, KC_LISTS, { K(KEY_PPAGE) }, "PgUp", NULL, N_("page up"),
	    NULL },
	{ KA_PGDN, KC_LISTS, { K(KEY_NPAGE) }, "PgDn", NULL, N_("page down"),
	    NULL },
	{ KA_HOME, KC_LISTS, { K(KEY_HOME), 'g' }, "Home  g", NULL, N_("first"),
	    NULL },
	{ KA_END, KC_LISTS, { K(KEY_END), 'G' }, "End  G", NULL, N_("last"),
	    NULL },
	/* Where letters are typed, only the arrows and pages move; Home
	 * and End stay in the line being typed. */
	{ KA_UP, KC_SEARCH, { K(KEY_UP) }, "Up", NULL, N_("previous match"),
	    NULL },
	{ KA_DOWN, KC_SEARCH, { K(KEY_DOWN) }, "Down", NULL, N_("next match"),
	    NULL },
	{ KA_PGUP, KC_SEARCH, { K(KEY_PPAGE) }, "PgUp", NULL, N_("page up"),
	    NULL },
	{ KA_PGDN, KC_SEARCH, { K(KEY_NPAGE) }, "PgDn", NULL, N_("page down"),
	    NULL },
};

#define NBINDINGS (sizeof bindings / sizeof bindings[0])

/* keys_hint()'s skip mask has a bit per action. */
_Static_assert(KA_COUNT <= 64, "too many key actions for the skip mask");

enum key_action
keys_lookup(unsigned ctx, int key)
{
	size_t i, j;

	for (i = 0; i < NBINDINGS; i++) {
		if ((bindings[i].ctx & ctx) == 0)
			continue;
		for (j = 0; j < 8 && bindings[i].keys[j] != 0; j++)
			if (bindings[i].keys[j] == key)
				return bindings[i].action;
	}
	return KA_NONE;
}

/* The table as the locale can show it, refreshed on every keys_table(). */
static struct key_binding shown[NBINDINGS];

const struct key_binding *
keys_table(size_t *n)
{
	size_t i;

	for (i = 0; i < NBINDINGS; i++) {
		shown[i] = bindings[i];
		/*
		 * "中文" where the locale has no such characters: it would
		 * show as "??", and the switch refuses there anyway.
		 */
		if (bindings[i].action == KA_LANG && MB_CUR_MAX == 1)
			shown[i].bar = NULL;
	}
	*n = NBINDINGS;
	return shown;
}

/*
 * Append s at *len, cut to what fits, never inside a UTF-8 character.
 * Returns -1 when it was cut: nothing more fits after it.
 */
static int
add(char *out, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s), room = size - 1 - *len;
	int cut = n > room;

	if (cut) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
	return cut ? -1 : 0;
}

/*
 * Is a key of b taken by an earlier binding where ctx has several bits
 * (a yes/no question's y, n and Space)?  Then b does not work there as
 * written, and neither the hint nor the help may show it.
 */
static int
shadowed(const struct key_binding *b, unsigned ctx)
{
	size_t k;

	for (k = 0; k < 8 && b->keys[k] != 0; k++)
		if (keys_lookup(ctx, b->keys[k]) != b->action)
			return 1;
	return 0;
}

char *
keys_hint(unsigned ctx, unsigned long long skip, char *out, size_t size)
{
	char names[64], *q;
	const char *p;
	size_t i, len = 0;

	if (size == 0)
		return out;
	out[0] = '\0';
	for (i = 0; i < NBINDINGS; i++) {
		const struct key_binding *b = &bindings[i];

		if ((b->ctx & ctx) == 0 || b->hint == NULL ||
		    (skip & KEYS_SKIP(b->action)) != 0 || shadowed(b, ctx))
			continue;
		/* "Enter  F2" reads "Enter/F2" on one line. */
		for (p = b->names, q = names; *p != '\0' &&
		    q < names + sizeof names - 1; p++)
			if (p[0] == ' ' && p[1] == ' ')
				*q++ = '/', p++;
			else
				*q++ = *p;
		*q = '\0';
		if ((len > 0 && add(out, size, &len, "   ") < 0) ||
		    add(out, size, &len, names) < 0 ||
		    add(out, size, &len, ": ") < 0 ||
		    add(out, size, &len, _(b->hint)) < 0)
			break;
	}
	return out;
}

char *
keys_help(unsigned ctx)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < NBINDINGS; i++) {
		if ((bindings[i].ctx & ctx) == 0 ||
		    shadowed(&bindings[i], ctx))
			continue;
		t = xasprintf("%s  %-18s %s\n", s, bindings[i].names,
		    _(bindings[i].help));
		free(s);
		s = t;
	}
	return s;
}

int
keys_from_wch(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES)
		return KEYS_CODE((int)ch);
	return (int)ch;
}
