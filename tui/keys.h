/*
 * Keys: one table maps keys to actions per context, and the same table
 * writes the key bar and the help screen, so what the screen says and what
 * the keys do cannot drift.  Every function key has a letter twin (F10 is
 * often taken by the terminal; some keyboards have no F-row).
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
	KA_EXPORT, KA_DEVICE, KA_REVIEW, KA_WHY, KA_TOUR
};

/* Where the focus is; a binding lists the contexts it works in. */
enum key_ctx {
	KC_SECTIONS = 1 << 0,	/* the section list */
	KC_FIELDS = 1 << 1,	/* a section's questions */
	KC_GROUP = 1 << 2,	/* the records of a group */
	KC_RECORD = 1 << 3,	/* one record's fields */
	KC_FINDINGS = 1 << 4	/* the findings screen */
};
#define KC_MAIN (KC_SECTIONS | KC_FIELDS | KC_GROUP | KC_RECORD)
#define KC_ALL (KC_MAIN | KC_FINDINGS)

struct key_binding {
	enum key_action action;
	unsigned ctx;
	int keys[4];		/* 0-terminated when shorter */
	const char *names;	/* as the user reads them: "F2  s" */
	const char *bar;	/* label in the key bar, or NULL */
	const char *help;	/* one line for the help screen */
};

/* The action for key in context ctx, or KA_NONE. */
enum key_action keys_lookup(unsigned ctx, int key);

/* The whole table, for the help screen. */
const struct key_binding *keys_table(size_t *n);

/* A key from get_wch's two results, as one int. */
int keys_from_wch(int rc, wint_t ch);

#endif
