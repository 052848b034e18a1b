/*
 * Keys: one table maps keys to actions per context, and the same table
 * writes the key bar, the help screen and every hint line (the one under
 * each pop-up and editor, the one above the help), so what the screen
 * says and what the keys do cannot drift.  Every function key of the main
 * screen has a letter twin (F10 is often taken by the terminal; some
 * keyboards have no F-row).
 */
#ifndef DOSSIER_KEYS_H
#define DOSSIER_KEYS_H

#include <stddef.h>
#include <wchar.h>

/* A key as one int: characters as themselves, curses key codes flagged. */
#define KEYS_CODE(k)	((k) | 0x40000000)
#define KEYS_IS_CODE(k)	(((k) & 0x40000000) != 0)
#define KEYS_CTRL(c)	((c) & 0x1f)

enum key_action {
	KA_NONE, KA_HELP, KA_SAVE, KA_RECHECK, KA_FINDINGS, KA_SEARCH,
	KA_UNDO, KA_REDO, KA_QUIT, KA_REDRAW, KA_EDIT, KA_EXTEDIT, KA_NA,
	KA_CLEAR, KA_NEXT_PANE, KA_PREV_PANE, KA_UP, KA_DOWN, KA_LEFT,
	KA_RIGHT, KA_PGUP, KA_PGDN, KA_HOME, KA_END, KA_BACK, KA_ADD,
	KA_DELETE, KA_MOVE_UP, KA_MOVE_DOWN, KA_NEXT_PROBLEM, KA_SUSPEND,
	KA_EXPORT, KA_DEVICE, KA_REVIEW, KA_WHY, KA_TOUR, KA_LANG,
	/* pop-ups and editors */
	KA_DONE, KA_CANCEL, KA_TOGGLE, KA_KILL, KA_NEWLINE, KA_ANY,
	/* yes/no answers, the next question to answer */
	KA_YES, KA_NO, KA_SWITCH, KA_NEXT_OPEN, KA_REUSE,
	KA_COMPLETE, KA_PICKFILE,
	KA_COUNT		/* not an action: how many there are */
};

/* Where the focus is; a binding lists the contexts it works in. */
enum key_ctx {
	KC_SECTIONS = 1 << 0,	/* the section list */
	KC_FIELDS = 1 << 1,	/* a section's questions */
	KC_GROUP = 1 << 2,	/* the records of a group */
	KC_RECORD = 1 << 3,	/* one record's fields */
	KC_FINDINGS = 1 << 4,	/* the findings screen */
	KC_MESSAGE = 1 << 5,	/* a message */
	KC_CHOOSE = 1 << 6,	/* buttons (their keys are the dialog's) */
	KC_LINE = 1 << 7,	/* a one-line editor */
	KC_TEXT = 1 << 8,	/* the long-text editor */
	KC_PICK = 1 << 9,	/* pick one from a list */
	KC_MULTI = 1 << 10,	/* tick any from a list */
	KC_VIEW = 1 << 11,	/* a page of text (help) */
	KC_SEARCH = 1 << 12,	/* the search pop-up */
	/*
	 * Added to KC_FIELDS or KC_RECORD when the focus is on a yes/no
	 * question: its bindings come first in the table, so y, n and Space
	 * answer it there and mean what they mean elsewhere otherwise.
	 */
	KC_YESNO = 1 << 13,
	KC_FORM = 1 << 14,	/* a form of one-line fields (the device) */
	KC_PATH = 1 << 15,	/* with KC_LINE: a file's path is typed */
	KC_WHY = 1 << 16,	/* "why is this asked?" and its links */
	KC_TOUR = 1 << 17	/* the guided tour */
};
#define KC_MAIN (KC_SECTIONS | KC_FIELDS | KC_GROUP | KC_RECORD)
#define KC_ALL (KC_MAIN | KC_FINDINGS)
#define KC_LISTS (KC_ALL | KC_PICK | KC_MULTI | KC_VIEW)
#define KC_EDITORS (KC_LINE | KC_TEXT)

struct key_binding {
	enum key_action action;
	unsigned ctx;
	int keys[8];		/* 0-terminated when shorter */
	const char *names;	/* as the user reads them: "F2  s" */
	/* Words in English, marked N_(): _() where they are shown (the
	 * hints and the help come translated from keys_hint, keys_help). */
	const char *bar;	/* label in the key bar, or NULL */
	const char *help;	/* one line for the help screen */
	const char *hint;	/* label in hint lines, or NULL */
};

/* The action for key in context ctx, or KA_NONE. */
enum key_action keys_lookup(unsigned ctx, int key);

/*
 * The whole table, its words in English (translate with _() to show
 * them); the language key has no bar label where the locale is not
 * UTF-8.  Valid until the next call.
 */
const struct key_binding *keys_table(size_t *n);

/* Bit of action act in a keys_hint() skip mask. */
#define KEYS_SKIP(act)	(1ULL << (act))
/*
 * The hint line of context ctx: "Enter/F2/Ctrl+S: done   Esc: cancel",
 * from the bindings of ctx that have a hint label, in table order, less
 * the actions in skip (say, "not applicable" where it is not allowed),
 * in the display language.  Cut to size, never inside a character; the
 * screen cuts it to its width.  Returns out.
 */
char *keys_hint(unsigned ctx, unsigned long long skip, char *out,
    size_t size);

/*
 * The help screen's list of keys for ctx, one binding a line, in the
 * display language; caller frees.
 */
char *keys_help(unsigned ctx);

/* A key from get_wch's two results, as one int. */
int keys_from_wch(int rc, wint_t ch);

#endif
