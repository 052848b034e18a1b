#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/dossier.h"
#include "core/template.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "core/xltext.h"

/*
 * Unit tests of what the XLSX export decides without libxlsxwriter: the
 * text of a cell (xltext.h) and the checklist's rows and statuses
 * (checklist.h), on the test template tests/data/xlsx/tpl/xlt-1.yaml.  The
 * workbook itself is read back by tests/e2e/xlsx.sh.
 */

static char *
repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit), i;
	char *s = xmalloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

static size_t
utf16_units(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xC0) == 0x80)
			continue;
		n += ((unsigned char)*s & 0xF8) == 0xF0 ? 2 : 1;
	}
	return n;
}

static void
test_xltext_plain_text_is_written_as_it_is(void **state)
{
	struct xl_text t;
	const char *s = "=1+1 and 港線 stay as they are\n\tindented";

	(void)state;
	xl_text_prepare(&t, s);
	assert_ptr_equal(t.s, s);
	assert_null(t.buf);
	assert_false(t.cut);
	xl_text_done(&t);
}

static void
test_xltext_controls_become_visible_placeholders(void **state)
{
	struct xl_text t;

	(void)state;
	xl_text_prepare(&t, "\x1b[31m red \x07 \r\xc2\x9b \xe2\x80\xae x\xff");
	assert_string_equal(t.s, "^[[31m red ^G ^M<U+009B> <U+202E> x<0xFF>");
	xl_text_done(&t);
}

static void
test_xltext_escape_lookalikes_are_escaped(void **state)
{
	struct xl_text t;

	(void)state;
	xl_text_prepare(&t, "_x0041_ _x000d_ _x005F_ _x12_ _xZZZZ_ _x0041");
	assert_string_equal(t.s, "_x005F_x0041_ _x005F_x000d_ _x005F_x005F_ "
	    "_x12_ _xZZZZ_ _x0041");
	xl_text_done(&t);
}

static void
test_xltext_long_text_is_cut_with_a_marker(void **state)
{
	char *s = repeat("a", 40000);
	struct xl_text t;

	(void)state;
	xl_text_prepare(&t, s);
	assert_true(t.cut);
	assert_int_equal(t.chars, 40000);
	assert_true(utf16_units(t.s) <= XL_CELL_MAX);
	assert_true(utf16_units(t.s) > XL_CELL_MAX - 200);
	assert_non_null(strstr(t.s, "cut: the full text has 40000 characters"));
	assert_int_equal(strncmp(t.s, "aaaa", 4), 0);
	xl_text_done(&t);
	free(s);
}

static void
test_xltext_exactly_the_limit_is_not_cut(void **state)
{
	char *s = repeat("a", XL_CELL_MAX);
	struct xl_text t;

	(void)state;
	xl_text_prepare(&t, s);
	assert_false(t.cut);
	assert_ptr_equal(t.s, s);
	xl_text_done(&t);
	free(s);
}

static void
test_xltext_astral_characters_count_two_units(void **state)
{
	/* U+1F600 takes two UTF-16 units: 20,000 of them are over the limit. */
	char *s = repeat("\xf0\x9f\x98\x80", 20000);
	struct xl_text t;

	(void)state;
	xl_text_prepare(&t, s);
	assert_true(t.cut);
	assert_int_equal(t.chars, 20000);
	assert_true(utf16_units(t.s) <= XL_CELL_MAX);
	xl_text_done(&t);
	free(s);
}

static void
test_xltext_cut_never_splits_a_character(void **state)
{
	struct xl_text t;
	char *s = repeat("\xe6\xb8\xaf", 100);	/* 港 */

	(void)state;
	xl_text_prepare_max(&t, s, 10);
	assert_true(t.cut);
	/* The marker does not fit in 10: only whole characters remain. */
	assert_string_equal(t.s, "港港港港港港港港港港");
	xl_text_done(&t);
	free(s);
}

static void
test_xltext_width_counts_wide_characters_twice(void **state)
{
	(void)state;
	assert_int_equal(xl_text_width("abc"), 3);
	assert_int_equal(xl_text_width("港線影像"), 8);
	assert_int_equal(xl_text_width("short\na longer line\nx"), 13);
	assert_int_equal(xl_text_width("e\xcc\x81"), 1);	/* e + acute */
	assert_int_equal(xl_text_width(""), 0);
}

static void
test_xltext_lines_wrap_at_the_column_width(void **state)
{
	(void)state;
	assert_int_equal(xl_text_lines("", 10), 1);
	assert_int_equal(xl_text_lines("short", 10), 1);
	assert_int_equal(xl_text_lines("one\ntwo\nthree\n", 10), 3);
	assert_int_equal(xl_text_lines("123456789012345678", 10), 2);
	assert_int_equal(xl_text_lines("港線影像分析", 10), 2);
	assert_int_equal(xl_text_lines("a\n\nb", 10), 3);
	/* Prose is narrower than digits: Carlito's widths, not 1 a letter. */
	assert_int_equal(xl_text_lines(
	    "the quick brown fox jumps over the lazy dog", 20), 2);
	/* A word that does not fit goes whole to the next line... */
	assert_int_equal(xl_text_lines("123456789 123456789", 10), 2);
	assert_int_equal(xl_text_lines("12345 123456789", 10), 2);
	/* ...unless it is wider than a line: then it breaks anywhere. */
	assert_int_equal(xl_text_lines("1234567890123456789012345", 10), 3);
	assert_int_equal(xl_text_lines("WWWWWWWWWW", 10), 2);
	assert_int_equal(xl_text_lines("iiiiiiiiiiiiiiiiiiii", 10), 1);
	/* Spaces at a line's end take no room. */
	assert_int_equal(xl_text_lines("1234567890     ", 10), 1);
}

static void
assert_sheet_name(const char *label, size_t max, const char *want)
{
	char *got = xl_sheet_name(label, max);

	assert_string_equal(got, want);
	free(got);
}

static void
test_xltext_sheet_names_are_valid(void **state)
{
	(void)state;
	assert_sheet_name("Datasets", XL_SHEET_MAX, "Datasets");
	assert_sheet_name("Data[sets]: *a*/b?\\c", XL_SHEET_MAX,
	    "Data sets a b c");
	assert_sheet_name("'quoted'", XL_SHEET_MAX, "quoted");
	assert_sheet_name("  \x1b  ", XL_SHEET_MAX, "Sheet");
	assert_sheet_name("Released versions and their changes",
	    XL_SHEET_MAX, "Released versions…");
	assert_sheet_name("Known limitations and how they are handled",
	    XL_SHEET_MAX, "Known limitations…");
	assert_sheet_name("abcdefghijklmnopqrstuvwxyzABCDEFGH", XL_SHEET_MAX,
	    "abcdefghijklmnopqrstuvwxyzABCD…");
	assert_sheet_name("exactly thirty-one characters!!", XL_SHEET_MAX,
	    "exactly thirty-one characters!!");
	assert_sheet_name("Released versions and their changes", 27,
	    "Released versions…");
	assert_sheet_name("港線影像分析私人有限公司港線影像分析私人有限公司港線影像分析私人",
	    XL_SHEET_MAX, "港線影像分析私人有限公司港線影像分析私人有限公司港線影像分析…");
}

/* The checklist of tests/data/xlsx: a template and a dossier. */

struct fixture {
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct checklist *c;
};

static const char fixture_yaml[] =
	"format: 1\n"
	"templates: [xlt:1]\n"
	"answers:\n"
	"  xlt:\n"
	"    answers:\n"
	"      short_choice: alpha\n"
	"      flag: yes\n"
	"      long_answer: some text\n"
	"      manual: {not_applicable: printed only}\n"
	"      entries:\n"
	"        - text: \"=1+1\"\n"
	"        - text: plain\n"
	"      colour: blue\n";

static int
fixture_setup(void **state)
{
	const char *data = getenv("TESTDATA");
	struct fixture *fx = xcalloc(1, sizeof *fx);
	char *dir = xasprintf("%s/xlsx/tpl", data != NULL ? data :
	    "tests/data");
	const char *dirs[] = { dir };
	struct diag err;

	fx->set = tmpl_set_load(dirs, 1, 1, &err);
	free(dir);
	if (fx->set == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	fx->d = dossier_load_buffer(fixture_yaml, sizeof fixture_yaml - 1,
	    "fixture.yaml", fx->set, &err);
	if (fx->d == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	fx->r = validate(fx->d, NULL);
	fx->c = checklist_build(fx->d, fx->r);
	*state = fx;
	return 0;
}

static int
fixture_teardown(void **state)
{
	struct fixture *fx = *state;

	checklist_free(fx->c);
	report_free(fx->r);
	dossier_free(fx->d);
	tmpl_set_free(fx->set);
	free(fx);
	return 0;
}

/* The row whose path (field rows) or first finding's path is path. */
static const struct checklist_row *
row_at(const struct fixture *fx, const char *path, const char *item)
{
	const struct checklist_row *w;
	char *p, *it, buf[FINDING_PATH_MAX];
	size_t i;
	int hit;

	for (i = 0; i < fx->c->n; i++) {
		w = &fx->c->rows[i];
		p = w->field != NULL ? checklist_path(w) :
		    xstrdup(finding_path(checklist_finding(fx->c, w, 0),
		    buf));
		it = checklist_item(fx->c, w);
		hit = strcmp(p, path) == 0 && (item == NULL ||
		    strcmp(it, item) == 0);
		free(p);
		free(it);
		if (hit)
			return w;
	}
	fail_msg("no row %s", path);
	return NULL;
}

static void
assert_status(const struct fixture *fx, const char *path, const char *item,
    enum checklist_status want)
{
	const struct checklist_row *w = row_at(fx, path, item);

	assert_string_equal(checklist_status_name(w->status),
	    checklist_status_name(want));
}

static void
test_checklist_one_row_per_item_that_applies(void **state)
{
	struct fixture *fx = *state;

	/*
	 * answers: 9 fields (gated does not apply), 2 records and the note
	 * of the first, 2 rules without a field; more: the twins group; the
	 * unknown key; the section "hidden" none.
	 */
	assert_int_equal(fx->c->n, 9 + 3 + 2 + 1 + 1);
}

static void
test_checklist_every_finding_sits_on_exactly_one_row(void **state)
{
	struct fixture *fx = *state;
	size_t i, total = 0;

	for (i = 0; i < fx->c->n; i++)
		total += fx->c->rows[i].nfind;
	assert_int_equal(total, fx->r->n);
	for (i = 0; i < fx->r->n; i++) {
		const struct checklist_row *w = &fx->c->rows[fx->c->row_of[i]];
		const struct finding *f = &fx->r->f[i];
		char *p, buf[FINDING_PATH_MAX];

		if (w->field == NULL)
			continue;
		p = checklist_path(w);
		assert_string_equal(p, finding_path(f, buf));
		free(p);
	}
}

static void
test_checklist_status_follows_the_findings(void **state)
{
	struct fixture *fx = *state;

	assert_status(fx, "xlt.answers.kind", NULL, CHECKLIST_MISSING);
	assert_status(fx, "xlt.answers.short_choice", NULL,
	    CHECKLIST_COMPLETE);
	assert_status(fx, "xlt.answers.optional_note", NULL,
	    CHECKLIST_OPTIONAL);
	assert_status(fx, "xlt.answers.manual", NULL, CHECKLIST_NA);
	/* Recommended (severity warning) and unanswered: still Missing. */
	assert_status(fx, "xlt.answers.evidence", NULL, CHECKLIST_MISSING);
	assert_status(fx, "xlt.answers", "Rule: note-wanted",
	    CHECKLIST_WARNING);
	assert_status(fx, "xlt.answers", "Rule: just-info", CHECKLIST_INFO);
	assert_status(fx, "xlt.answers.colour", "Not in the template",
	    CHECKLIST_WARNING);
	assert_status(fx, "xlt.answers.entries[1].note", NULL,
	    CHECKLIST_OPTIONAL);
}

static void
test_checklist_rows_follow_the_template_order(void **state)
{
	struct fixture *fx = *state;
	const struct checklist_row *w = fx->c->rows;
	char *p;

	p = checklist_path(&w[0]);
	assert_string_equal(p, "xlt.answers.kind");
	free(p);
	p = checklist_path(&w[9]);
	assert_string_equal(p, "xlt.answers.entries[1].text");
	free(p);
	/* Finding rows close their section; unknown keys come last. */
	assert_null(w[12].field);
	assert_null(w[13].field);
	assert_non_null(w[14].field);
	assert_null(w[15].field);
	assert_null(w[15].section);
}

static void
test_checklist_texts(void **state)
{
	struct fixture *fx = *state;
	const struct checklist_row *w;
	char *s;

	w = row_at(fx, "xlt.answers.manual", NULL);
	s = checklist_answer(w);
	assert_string_equal(s, "Not applicable: printed only");
	free(s);
	w = row_at(fx, "xlt.answers.entries", NULL);
	s = checklist_answer(w);
	assert_string_equal(s, "2 records");
	free(s);
	w = row_at(fx, "xlt.answers.entries[2].text", NULL);
	s = checklist_item(fx->c, w);
	assert_string_equal(s, "Data[sets]: 'hostile'/entries?* \\ with a "
	    "label longer than a sheet name #2: Text");
	free(s);
	s = checklist_clause(w, NULL);
	assert_string_equal(s, "XLT 1.1");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xltext_plain_text_is_written_as_it_is),
		cmocka_unit_test(
		    test_xltext_controls_become_visible_placeholders),
		cmocka_unit_test(test_xltext_escape_lookalikes_are_escaped),
		cmocka_unit_test(test_xltext_long_text_is_cut_with_a_marker),
		cmocka_unit_test(test_xltext_exactly_the_limit_is_not_cut),
		cmocka_unit_test(test_xltext_astral_characters_count_two_units),
		cmocka_unit_test(test_xltext_cut_never_splits_a_character),
		cmocka_unit_test(
		    test_xltext_width_counts_wide_characters_twice),
		cmocka_unit_test(test_xltext_lines_wrap_at_the_column_width),
		cmocka_unit_test(test_xltext_sheet_names_are_valid),
		cmocka_unit_test_setup_teardown(
		    test_checklist_one_row_per_item_that_applies,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_checklist_every_finding_sits_on_exactly_one_row,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_checklist_status_follows_the_findings,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    test_checklist_rows_follow_the_template_order,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_checklist_texts,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
