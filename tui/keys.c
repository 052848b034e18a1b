/*
 * The key table.  Order matters twice: the first binding that matches
 * wins, and the key bar shows bindings in table order.
 */
#include "config.h"

#include "tui/keys.h"

#include "tui/curses.h"

#define K(k) KEYS_CODE(k)

static const struct key_binding bindings[] = {
	{ KA_HELP, KC_ALL, { K(KEY_F(1)), '?' }, "F1  ?", "Help",
	    "help: the keys that work here" },
	{ KA_SAVE, KC_ALL, { K(KEY_F(2)), 's', KEYS_CTRL('s') },
	    "F2  s  Ctrl+S", "Save",
	    "save (atomic; a draft with gaps saves too)" },
	{ KA_RECHECK, KC_ALL, { K(KEY_F(5)), 'r' }, "F5  r", "Check",
	    "check again, looking at evidence files afresh" },
	{ KA_FINDINGS, KC_MAIN, { K(KEY_F(6)), '!' }, "F6  !", "Findings",
	    "list every finding; Enter jumps to its question" },
	{ KA_BACK, KC_FINDINGS, { K(KEY_F(6)), '!' }, "F6  !", NULL,
	    "back to the questions" },
	{ KA_SEARCH, KC_MAIN, { '/', K(KEY_F(3)) }, "/  F3", "Search",
	    "search questions by label, id or clause number" },
	{ KA_EXPORT, KC_MAIN, { K(KEY_F(9)), 'x' }, "F9  x", "XLSX",
	    "write the XLSX checklist beside the dossier" },
	{ KA_DEVICE, KC_MAIN, { 'D' }, "D", NULL,
	    "name the device, its manufacturer and the LRP" },
	{ KA_WHY, KC_FIELDS | KC_GROUP | KC_RECORD, { 'w' }, "w", NULL,
	    "why this question is asked or not, with links" },
	{ KA_TOUR, KC_MAIN, { 't' }, "t", NULL,
	    "the guided tour: what each part of the screen is" },
	{ KA_UNDO, KC_MAIN, { 'u' }, "u", "Undo",
	    "undo the last change (many levels)" },
	{ KA_REDO, KC_MAIN, { KEYS_CTRL('r'), 'U' }, "Ctrl+R  U", NULL,
	    "redo what undo took back" },
	{ KA_QUIT, KC_ALL, { K(KEY_F(10)), 'q', KEYS_CTRL('c') },
	    "F10  q  Ctrl+C", "Quit",
	    "quit (asks first when there are unsaved changes)" },
	{ KA_REDRAW, KC_ALL, { KEYS_CTRL('l') }, "Ctrl+L", NULL,
	    "redraw the screen" },
	{ KA_SUSPEND, KC_ALL, { KEYS_CTRL('z') }, "Ctrl+Z", NULL,
	    "suspend to the shell (fg comes back)" },
	{ KA_EDIT, KC_SECTIONS | KC_FIELDS | KC_RECORD | KC_GROUP,
	    { '\r', '\n', K(KEY_ENTER), ' ' }, "Enter", NULL,
	    "edit the answer, open a section, a list or a record" },
	{ KA_EDIT, KC_FINDINGS, { '\r', '\n', K(KEY_ENTER) }, "Enter", NULL,
	    "go to the question of this finding" },
	{ KA_EXTEDIT, KC_FIELDS | KC_RECORD, { KEYS_CTRL('g'), 'e' },
	    "Ctrl+G  e", NULL,
	    "edit a long text in $VISUAL, $EDITOR or vi" },
	{ KA_NA, KC_FIELDS | KC_RECORD, { 'n' }, "n", NULL,
	    "mark not applicable, with a reason (where allowed)" },
	{ KA_CLEAR, KC_FIELDS | KC_RECORD, { 'c', K(KEY_DC) }, "c  Delete",
	    NULL, "clear the answer (undo brings it back)" },
	{ KA_REVIEW, KC_FIELDS | KC_RECORD, { 'v' }, "v", NULL,
	    "the reviewer's verdict on this answer, and earlier ones" },
	{ KA_NEXT_PROBLEM, KC_MAIN, { 'f' }, "f", NULL,
	    "go to the next question with a finding" },
	{ KA_ADD, KC_GROUP, { 'a', K(KEY_IC) }, "a  Insert", NULL,
	    "add a record after the current one" },
	{ KA_DELETE, KC_GROUP, { 'd', K(KEY_DC) }, "d  Delete", NULL,
	    "delete the current record (asks first)" },
	{ KA_MOVE_UP, KC_GROUP, { '<', 'K' }, "<  K", NULL,
	    "move the record up" },
	{ KA_MOVE_DOWN, KC_GROUP, { '>', 'J' }, ">  J", NULL,
	    "move the record down" },
	{ KA_NEXT_PANE, KC_MAIN, { '\t' }, "Tab", NULL,
	    "next pane: sections, questions" },
	{ KA_PREV_PANE, KC_MAIN, { K(KEY_BTAB) }, "Shift+Tab", NULL,
	    "previous pane" },
	{ KA_BACK, KC_ALL, { 27, K(KEY_BACKSPACE), 127, '\b' },
	    "Esc  Backspace", NULL,
	    "back: out of a record or list, or close this screen" },
	{ KA_UP, KC_ALL, { K(KEY_UP), 'k' }, "Up  k", NULL, "move up" },
	{ KA_DOWN, KC_ALL, { K(KEY_DOWN), 'j' }, "Down  j", NULL,
	    "move down" },
	{ KA_LEFT, KC_MAIN, { K(KEY_LEFT), 'h' }, "Left  h", NULL,
	    "to the section list" },
	{ KA_RIGHT, KC_MAIN, { K(KEY_RIGHT), 'l' }, "Right  l", NULL,
	    "to the questions" },
	{ KA_PGUP, KC_ALL, { K(KEY_PPAGE) }, "PgUp", NULL, "page up" },
	{ KA_PGDN, KC_ALL, { K(KEY_NPAGE) }, "PgDn", NULL, "page down" },
	{ KA_HOME, KC_ALL, { K(KEY_HOME), 'g' }, "Home  g", NULL, "first" },
	{ KA_END, KC_ALL, { K(KEY_END), 'G' }, "End  G", NULL, "last" },
};

enum key_action
keys_lookup(unsigned ctx, int key)
{
	size_t i, j;

	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if ((bindings[i].ctx & ctx) == 0)
			continue;
		for (j = 0; j < 4 && bindings[i].keys[j] != 0; j++)
			if (bindings[i].keys[j] == key)
				return bindings[i].action;
	}
	return KA_NONE;
}

const struct key_binding *
keys_table(size_t *n)
{
	*n = sizeof bindings / sizeof bindings[0];
	return bindings;
}

int
keys_from_wch(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES)
		return KEYS_CODE((int)ch);
	return (int)ch;
}
