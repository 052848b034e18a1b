/*
 * The key table (tui/keys.c) and the list behaviour (tui/list.c): what
 * the screen says about keys is what the keys do.  Every hint line and
 * the help come from the table, so these checks cover them all: no key
 * is bound twice in one context (a second binding would be shadowed and
 * its help would lie), every name a binding shows is one of its keys and
 * every key is named, the help lists exactly the context's bindings, and
 * every hint names keys that do what the hint says.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "tui/curses.h"
#include "tui/keys.h"
#include "tui/list.h"

#define K(k) KEYS_CODE(k)
#define NCTX 18			/* context bits in keys.h */

/* The name a binding's names use for key. */
static const char *
name_of(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} named[] = {
		{ '\r', "Enter" }, { '\n', "Enter" }, { K(KEY_ENTER), "Enter" },
		{ 27, "Esc" }, { ' ', "Space" }, { '\t', "Tab" },
		{ K(KEY_BTAB), "Shift+Tab" }, { K(KEY_BACKSPACE), "Backspace" },
		{ 127, "Backspace" }, { '\b', "Backspace" },
		{ K(KEY_DC), "Delete" }, { K(KEY_IC), "Insert" },
		{ K(KEY_UP), "Up" }, { K(KEY_DOWN), "Down" },
		{ K(KEY_LEFT), "Left" }, { K(KEY_RIGHT), "Right" },
		{ K(KEY_PPAGE), "PgUp" }, { K(KEY_NPAGE), "PgDn" },
		{ K(KEY_HOME), "Home" }, { K(KEY_END), "End" },
	};
	size_t i;
	int n;

	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key)
			return named[i].name;
	for (n = 1; n <= 12; n++)
		if (key == K(KEY_F(n))) {
			snprintf(buf, size, "F%d", n);
			return buf;
		}
	if (key > 0 && key < 0x20) {
		snprintf(buf, size, "Ctrl+%c", 'A' + key - 1);
		return buf;
	}
	snprintf(buf, size, "%c", key);
	return buf;
}

/* Is tok one of the names in names ("F2  s  Ctrl+S")? */
static int
names_have(const char *names, const char *tok)
{
	size_t n = strlen(tok);
	const char *p = names;

	while ((p = strstr(p, tok)) != NULL) {
		if ((p == names || (p[-1] == ' ' && p - names >= 2 &&
		    p[-2] == ' ')) && (p[n] == '\0' ||
		    (p[n] == ' ' && p[n + 1] == ' ')))
			return 1;
		p++;
	}
	return 0;
}

static void
test_no_key_twice(void **state)
{
	const struct key_binding *b = keys_table(&(size_t){ 0 });
	size_t n, i, j, ki, kj;
	int c;

	(void)state;
	b = keys_table(&n);
	for (c = 0; c < NCTX; c++)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				if (!(b[i].ctx & b[j].ctx & (1u << c)))
					continue;
				for (ki = 0; ki < 8 && b[i].keys[ki]; ki++)
					for (kj = 0; kj < 8 && b[j].keys[kj];
					    kj++)
						if (b[i].keys[ki] == b[j].keys[kj])
							fail_msg("key %d bound "
							    "twice in context "
							    "%d: %s / %s",
							    b[i].keys[ki], c,
							    b[i].names,
							    b[j].names);
			}
}

static void
test_names_are_the_keys(void **state)
{
	const struct key_binding *b;
	size_t n, i, k;
	char buf[32], tok[32];
	const char *p, *e, *name;

	(void)state;
	b = keys_table(&n);
	for (i = 0; i < n; i++) {
		if (b[i].keys[0] == 0) {
			assert_string_equal(b[i].names, "any key");
			continue;
		}
		for (k = 0; k < 8 && b[i].keys[k] != 0; k++) {
			name = name_of(b[i].keys[k], buf, sizeof buf);
			if (!names_have(b[i].names, name))
				fail_msg("'%s' does not name %s", b[i].names,
				    name);
		}
		/* And every name is one of the keys. */
		for (p = b[i].names; *p != '\0'; p = *e ? e + 2 : e) {
			e = strstr(p, "  ");
			if (e == NULL)
				e = p + strlen(p);
			snprintf(tok, sizeof tok, "%.*s", (int)(e - p), p);
			for (k = 0; k < 8 && b[i].keys[k] != 0; k++)
				if (strcmp(name_of(b[i].keys[k], buf,
				    sizeof buf), tok) == 0)
					break;
			if (k == 8 || b[i].keys[k] == 0)
				fail_msg("'%s' names %s, which is not one of "
				    "its keys", b[i].names, tok);
		}
	}
}

static void
test_help_is_the_table(void **state)
{
	const struct key_binding *b;
	size_t n, i, lines;
	char *help, *line, *save, want[256];
	int c;

	(void)state;
	b = keys_table(&n);
	for (c = 0; c < NCTX; c++) {
		help = keys_help(1u << c);
		line = strtok_r(help, "\n", &save);
		for (i = 0, lines = 0; i < n; i++) {
			if (!(b[i].ctx & (1u << c)))
				continue;
			assert_non_null(line);
			snprintf(want, sizeof want, "  %-18s %s", b[i].names,
			    _(b[i].help));
			assert_string_equal(line, want);
			line = strtok_r(NULL, "\n", &save);
			lines++;
		}
		assert_null(line);
		assert_true(lines > 0);
		free(help);
	}
}

/* Every context's hint says what its bindings' hint words say. */
static void
hints_match_table(void)
{
	const struct key_binding *b;
	size_t n, i, found;
	char hint[512], seg[128], names[64], *q;
	const char *p;
	int c;

	b = keys_table(&n);
	for (c = 0; c < NCTX; c++) {
		keys_hint(1u << c, 0, hint, sizeof hint);
		found = 0;
		for (i = 0; i < n; i++) {
			if (!(b[i].ctx & (1u << c)) || b[i].hint == NULL)
				continue;
			for (p = b[i].names, q = names; *p; p++)
				if (p[0] == ' ' && p[1] == ' ')
					*q++ = '/', p++;
				else
					*q++ = *p;
			*q = '\0';
			snprintf(seg, sizeof seg, "%s: %s", names,
			    _(b[i].hint));
			if (strstr(hint, seg) == NULL)
				fail_msg("hint of context %d lacks '%s': %s",
				    c, seg, hint);
			/* The keys it names do that here. */
			if (b[i].keys[0] != 0)
				assert_int_equal(keys_lookup(1u << c,
				    b[i].keys[0]), b[i].action);
			found++;
		}
		if (found == 0)
			assert_string_equal(hint, "");
	}
}

static void
test_hints_tell_the_truth(void **state)
{
	char hint[512];

	(void)state;
	hints_match_table();
	/* Leaving an action out leaves out its words. */
	keys_hint(KC_FIELDS, KEYS_SKIP(KA_NA), hint, sizeof hint);
	assert_null(strstr(hint, "not applicable"));
	keys_hint(KC_FIELDS, 0, hint, sizeof hint);
	assert_non_null(strstr(hint, "-/N: not applicable"));
	/* Cut to the buffer, never past it. */
	memset(hint, 'x', sizeof hint);
	keys_hint(KC_TEXT, 0, hint, 10);
	assert_int_equal(strlen(hint), 9);
}

static void
test_editors_one_rule(void **state)
{
	(void)state;
	/* F2 and Ctrl+S finish every editor; Enter a one-line one only. */
	assert_int_equal(keys_lookup(KC_LINE, K(KEY_F(2))), KA_DONE);
	assert_int_equal(keys_lookup(KC_TEXT, K(KEY_F(2))), KA_DONE);
	assert_int_equal(keys_lookup(KC_LINE, KEYS_CTRL('s')), KA_DONE);
	assert_int_equal(keys_lookup(KC_TEXT, KEYS_CTRL('s')), KA_DONE);
	assert_int_equal(keys_lookup(KC_MULTI, K(KEY_F(2))), KA_DONE);
	assert_int_equal(keys_lookup(KC_LINE, '\r'), KA_DONE);
	assert_int_equal(keys_lookup(KC_TEXT, '\r'), KA_NEWLINE);
	assert_int_equal(keys_lookup(KC_LINE, 27), KA_CANCEL);
	assert_int_equal(keys_lookup(KC_TEXT, 27), KA_CANCEL);
	/* Letters are typed in editors, never taken as commands. */
	assert_int_equal(keys_lookup(KC_LINE, 'q'), KA_NONE);
	assert_int_equal(keys_lookup(KC_SEARCH, 'k'), KA_NONE);
	assert_int_equal(keys_lookup(KC_SEARCH, K(KEY_HOME)), KA_NONE);
}

/* L switches the language wherever the main screen's keys reach. */
static void
test_language_key(void **state)
{
	static const unsigned where[] = { KC_SECTIONS, KC_FIELDS, KC_GROUP,
	    KC_RECORD, KC_FINDINGS, KC_WHY, KC_TOUR };
	static const unsigned typed[] = { KC_LINE, KC_TEXT, KC_SEARCH,
	    KC_FORM, KC_PICK, KC_MULTI, KC_MESSAGE, KC_CHOOSE };
	const struct key_binding *b;
	size_t n, i, found = 0;
	char *help;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	for (i = 0; i < sizeof where / sizeof where[0]; i++) {
		assert_int_equal(keys_lookup(where[i], 'L'), KA_LANG);
		help = keys_help(where[i]);
		assert_non_null(strstr(help, "L                  switch the "
		    "language"));
		free(help);
	}
	/* Where letters are typed or a dialog has its own keys, L is L. */
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++)
		assert_int_not_equal(keys_lookup(typed[i], 'L'), KA_LANG);
	/* A yes/no question still answers to y, n, Space; L switches. */
	assert_int_equal(keys_lookup(KC_FIELDS | KC_YESNO, 'L'), KA_LANG);
	/* 'l' stays "to the questions". */
	assert_int_equal(keys_lookup(KC_SECTIONS, 'l'), KA_RIGHT);
	/* In the key bar: the other language's name, in that language. */
	b = keys_table(&n);
	for (i = 0; i < n; i++)
		if (b[i].action == KA_LANG) {
			assert_string_equal(b[i].bar, "中文");
			found++;
		}
	assert_int_equal(found, 1);
	/* Not where the locale cannot show it (LANG=C): "??" says nothing. */
	assert_non_null(setlocale(LC_ALL, "C"));
	b = keys_table(&n);
	for (i = 0; i < n; i++)
		if (b[i].action == KA_LANG)
			assert_null(b[i].bar);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
}

/*
 * In Chinese the table's words as shown, the help and the hints are
 * Chinese, and still say what the table says (the checks above, again);
 * the key names stay.  Needs the catalogue make check builds (DOSSIER_LOCALEDIR).
 */
static void
test_chinese(void **state)
{
	const struct key_binding *b;
	char hint[512];
	size_t n, i;
	char *help;

	(void)state;
#ifndef ENABLE_NLS
	skip();
#endif
	if (getenv("DOSSIER_LOCALEDIR") == NULL)
		skip();
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	lang_init(LANG_ZH_HANT);
	b = keys_table(&n);
	for (i = 0; i < n; i++)
		if (b[i].action == KA_LANG)
			assert_string_equal(_(b[i].bar), "English");
		else if (b[i].action == KA_SAVE && b[i].bar != NULL)
			assert_string_equal(_(b[i].bar), "儲存");
	help = keys_help(KC_FIELDS);
	assert_non_null(strstr(help, "  F2  s  Ctrl+S      儲存"));
	assert_null(strstr(help, "save (atomic"));
	free(help);
	keys_hint(KC_FIELDS, 0, hint, sizeof hint);
	assert_non_null(strstr(hint, "-/N: 不適用"));
	assert_null(strstr(hint, "not applicable"));
	test_help_is_the_table(state);
	hints_match_table();
	/*
	 * Cut to the buffer, never inside a character: "Enter/F2/Ctrl+S: "
	 * is 17 bytes and 完 3 more; 19 bytes of room end before 完, not
	 * after two of its bytes.
	 */
	keys_hint(KC_LINE, 0, hint, sizeof hint);
	assert_int_equal(strncmp(hint, "Enter/F2/Ctrl+S: 完成", 23), 0);
	memset(hint, 'x', sizeof hint);
	keys_hint(KC_LINE, 0, hint, 20);
	assert_string_equal(hint, "Enter/F2/Ctrl+S: ");
	lang_set(LANG_EN);
	b = keys_table(&n);
	for (i = 0; i < n; i++)
		if (b[i].action == KA_LANG)
			assert_string_equal(_(b[i].bar), "中文");
}

/* The list: rows 0, 3 and 4 may not take the focus. */
static int
ok_row(const void *arg, size_t i)
{
	(void)arg;
	return i != 0 && i != 3 && i != 4;
}

static void
test_list_moves(void **state)
{
	struct list l = { 10, 4, ok_row, NULL };
	struct list all = { 10, 4, NULL, NULL };

	(void)state;
	/* Up and Down skip rows that cannot take the focus, stop at ends. */
	assert_int_equal(list_move(&l, 2, KA_DOWN), 5);
	assert_int_equal(list_move(&l, 5, KA_UP), 2);
	assert_int_equal(list_move(&l, 1, KA_UP), 1);
	assert_int_equal(list_move(&l, 9, KA_DOWN), 9);
	assert_int_equal(list_move(&all, 0, KA_UP), 0);
	assert_int_equal(list_move(&all, 9, KA_DOWN), 9);
	/* A page is page - 1 rows, landing on a row that may be focused. */
	assert_int_equal(list_move(&all, 0, KA_PGDN), 3);
	assert_int_equal(list_move(&l, 1, KA_PGDN), 5);
	assert_int_equal(list_move(&l, 6, KA_PGUP), 2);
	assert_int_equal(list_move(&l, 2, KA_PGUP), 1);
	assert_int_equal(list_move(&all, 8, KA_PGDN), 9);
	/* Home and End: the first and last that may be focused. */
	assert_int_equal(list_move(&l, 6, KA_HOME), 1);
	assert_int_equal(list_move(&l, 6, KA_END), 9);
	assert_int_equal(list_near(&l, 3, 1), 5);
	assert_int_equal(list_near(&l, 4, -1), 2);
	assert_int_equal(list_near(&l, 0, -1), 1);
	/* An empty list stays at 0. */
	l.n = 0;
	assert_int_equal(list_move(&l, 0, KA_DOWN), 0);
}

static size_t drawn[16], ndrawn;

static void
row(void *arg, size_t i, int r, int focus)
{
	(void)arg;
	(void)focus;
	assert_int_equal((size_t)r, ndrawn);
	drawn[ndrawn++] = i;
}

static void
test_list_draw(void **state)
{
	size_t top = 0;

	(void)state;
	/* The window follows the cursor only as far as needed. */
	ndrawn = 0;
	assert_int_equal(list_draw(5, 10, 4, &top, row, NULL), 4);
	assert_int_equal(top, 2);
	assert_int_equal(drawn[0], 2);
	ndrawn = 0;
	list_draw(3, 10, 4, &top, row, NULL);
	assert_int_equal(top, 2);
	/* No empty rows at the end while rows above are hidden. */
	top = 9;
	ndrawn = 0;
	list_draw(9, 10, 4, &top, row, NULL);
	assert_int_equal(top, 6);
	assert_int_equal(ndrawn, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_key_twice),
		cmocka_unit_test(test_names_are_the_keys),
		cmocka_unit_test(test_help_is_the_table),
		cmocka_unit_test(test_hints_tell_the_truth),
		cmocka_unit_test(test_editors_one_rule),
		cmocka_unit_test(test_language_key),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_list_moves),
		cmocka_unit_test(test_list_draw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
