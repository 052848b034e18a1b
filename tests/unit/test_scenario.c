/*
 * Unit tests of the workshop scenarios (core/scenario.c): the index is
 * checked with file:line:col for each kind of mistake, and working copies
 * are made, resumed without losing a student's work, and reset.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/scenario.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char good_index[] =
    "format: 1\n"
    "scenarios:\n"
    "  - name: pump\n"
    "    title: Infusion pump firmware\n"
    "    exercise: pump.yaml\n"
    "    solution: pump-key.yaml\n"
    "    evidence: ev\n"
    "    findings:\n"
    "      - {severity: error, path: a.b.c, rule: r1, exercise: Fix c.}\n"
    "      - {severity: info, path: a.b.d, exercise: Look at d.}\n"
    "  - name: app2\n"
    "    title: Second\n"
    "    exercise: sub/app.yaml\n"
    "    solution: sub/key.yaml\n";

static struct scenario_index *
load(struct fx *fx, const char *text)
{
	char *path = h_write(fx, "scenarios.yaml", text, (size_t)-1);
	struct scenario_index *ix = scenario_index_load(path, &fx->err);

	free(path);
	return ix;
}

static void
test_index_loads(void **state)
{
	struct fx *fx = *state;
	struct scenario_index *ix = load(fx, good_index);
	const struct scenario *s;
	char *p;

	assert_non_null(ix);
	assert_int_equal(ix->n, 2);
	assert_string_equal(ix->dir, fx->dir);
	s = scenario_find(ix, "pump");
	assert_ptr_equal(s, &ix->s[0]);
	assert_int_equal(s->nfindings, 2);
	assert_string_equal(s->findings[0].rule, "r1");
	assert_null(s->findings[1].rule);
	assert_string_equal(s->findings[1].severity, "info");
	assert_null(ix->s[1].evidence);
	assert_null(scenario_find(ix, "nosuch"));
	p = scenario_file(ix, ix->s[1].exercise);
	assert_true(strstr(p, "/sub/app.yaml") != NULL);
	free(p);
	scenario_index_free(ix);
}

/*
 * A title and an exercise may carry their Chinese beside them (zh-Hant:);
 * the display language picks, and a text without one stays English.
 */
static void
test_translations(void **state)
{
	struct fx *fx = *state;
	struct scenario_index *ix = load(fx, "scenarios:\n"
	    "  - name: pump\n"
	    "    title: Infusion pump firmware\n"
	    "    zh-Hant: \"\xe8\xbc\xb8\xe6\xb6\xb2\xe6\xb3\xb5\"\n"
	    "    exercise: e\n"
	    "    solution: s\n"
	    "    findings:\n"
	    "      - {severity: error, path: a.b, exercise: Fix b.,\n"
	    "         zh-Hant: \"\xe6\x94\xb9 b\"}\n"
	    "      - {severity: info, path: a.c, exercise: Look at c.}\n");
	const struct scenario *s;

	assert_non_null(ix);
	s = &ix->s[0];
	lang_set(LANG_EN);
	assert_string_equal(scenario_title(s), "Infusion pump firmware");
	assert_string_equal(scenario_exercise(&s->findings[0]), "Fix b.");
	lang_set(LANG_ZH_HANT);
	assert_string_equal(scenario_title(s), "\xe8\xbc\xb8\xe6\xb6\xb2"
	    "\xe6\xb3\xb5");
	assert_string_equal(scenario_exercise(&s->findings[0]),
	    "\xe6\x94\xb9 b");
	assert_string_equal(scenario_exercise(&s->findings[1]), "Look at c.");
	lang_set(LANG_EN);
	scenario_index_free(ix);
}

static void
test_index_errors(void **state)
{
	static const struct {
		const char *text;
		int line, col;
		const char *msg;
	} cases[] = {
		{ "scenarios: []\n", 1, 12, "at least one scenario" },
		{ "- a\n", 1, 1, "'scenarios:'" },
		{ "scenarios:\n  - name: Bad Name\n    title: t\n", 2, 11,
		    "lower-case" },
		{ "scenarios:\n  - {name: a, title: t, exercise: e, "
		    "solution: s}\n  - {name: a, title: t, exercise: e, "
		    "solution: s}\n", 3, 12, "two scenarios" },
		{ "scenarios:\n  - {name: a, exercise: e, solution: s}\n", 2,
		    5, "'title'" },
		{ "scenarios:\n  - {name: a, title: t, exercise: ../e, "
		    "solution: s}\n", 2, 5, "without '..'" },
		{ "scenarios:\n  - {name: a, title: t, exercise: /etc/e, "
		    "solution: s}\n", 2, 5, "without '..'" },
		{ "scenarios:\n  - {name: a, title: t, exercise: e, "
		    "solution: s, findings: [{severity: fatal, path: p, "
		    "exercise: x}]}\n", 2, 73, "error, warning or info" },
		{ "scenarios:\n  - {name: a, title: t, exercise: e, "
		    "solution: s, findings: [{severity: error, path: p}]}\n",
		    2, 62, "'exercise'" },
		{ "scenarios:\n  - {name: a, title: t, exercise: e, "
		    "solution: s, findings: x}\n", 2, 61, "needs a list" },
		{ "scenarios:\n  - {name: a, title: t, zh-Hant: [x], "
		    "exercise: e, solution: s}\n", 2, 34, "'zh-Hant'" },
		{ "scenarios:\n  - {name: a, title: t, exercise: e, "
		    "solution: s, findings: [{severity: error, path: p, "
		    "exercise: x, zh-Hant: ''}]}\n", 2, 111, "'zh-Hant'" },
	};
	struct fx *fx = *state;
	struct scenario_index *ix;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ix = load(fx, cases[i].text);
		if (ix != NULL)
			fail_msg("case %zu loaded", i);
		if (strstr(fx->err.msg, cases[i].msg) == NULL ||
		    fx->err.line != cases[i].line ||
		    fx->err.col != cases[i].col)
			fail_msg("case %zu: %d:%d: %s", i, fx->err.line,
			    fx->err.col, fx->err.msg);
	}
}

static char *
slurp(const char *path)
{
	size_t len;

	return h_slurp(path, &len);
}

static void
test_copy_resume_reset(void **state)
{
	struct fx *fx = *state;
	struct scenario_index *ix = load(fx, good_index);
	const struct scenario *s = &ix->s[0];
	char *evdir = h_path(fx, "ev"), *into = h_path(fx, "work");
	char *out, *p, *text;
	int fresh;

	assert_int_equal(mkdir(evdir, 0700), 0);
	free(h_write(fx, "ev/plan.md", "plan v1\n", (size_t)-1));
	free(h_write(fx, "pump.yaml", "exercise\n", (size_t)-1));
	free(h_write(fx, "pump-key.yaml", "key\n", (size_t)-1));

	out = scenario_copy(ix, s, 0, into, SCENARIO_OPEN, &fresh, &fx->err);
	assert_non_null(out);
	assert_true(fresh);
	assert_true(strstr(out, "/work/pump.yaml") != NULL);
	p = h_path(fx, "work/evidence/plan.md");
	text = slurp(p);
	assert_string_equal(text, "plan v1\n");
	free(text);

	/* The student's work and evidence edits survive reopening. */
	free(h_write(fx, "work/pump.yaml", "student\n", (size_t)-1));
	free(h_write(fx, "work/evidence/plan.md", "edited\n", (size_t)-1));
	free(out);
	out = scenario_copy(ix, s, 0, into, SCENARIO_OPEN, &fresh, &fx->err);
	assert_non_null(out);
	assert_false(fresh);
	text = slurp(out);
	assert_string_equal(text, "student\n");
	free(text);
	text = slurp(p);
	assert_string_equal(text, "edited\n");
	free(text);

	/* Reset brings both back. */
	free(out);
	out = scenario_copy(ix, s, 0, into, SCENARIO_RESET, &fresh, &fx->err);
	assert_non_null(out);
	assert_true(fresh);
	text = slurp(out);
	assert_string_equal(text, "exercise\n");
	free(text);
	text = slurp(p);
	assert_string_equal(text, "plan v1\n");
	free(text);
	free(out);

	/* The key sits beside the exercise under its own name. */
	out = scenario_copy(ix, s, 1, into, SCENARIO_OPEN, &fresh, &fx->err);
	assert_non_null(out);
	assert_true(strstr(out, "/work/pump-solution.yaml") != NULL);
	text = slurp(out);
	assert_string_equal(text, "key\n");
	free(text);
	free(out);

	/* A folder whose parent is missing, and a missing exercise. */
	free(into);
	into = h_path(fx, "no/such/dir");
	assert_null(scenario_copy(ix, s, 0, into, SCENARIO_OPEN, &fresh,
	    &fx->err));
	assert_int_equal(fx->err.code, DIAG_IO);
	free(into);
	into = h_path(fx, "work2");
	assert_null(scenario_copy(ix, &ix->s[1], 0, into, SCENARIO_OPEN,
	    &fresh, &fx->err));
	free(p);
	free(into);
	free(evdir);
	scenario_index_free(ix);
}

static const char fixed_tpl[] =
    "id: sc\n"
    "edition: \"1\"\n"
    "title: Scenario test\n"
    "sections:\n"
    "  - id: main\n"
    "    title: Main\n"
    "    fields:\n"
    "      - {id: a, label: A, type: text, required: true}\n"
    "      - {id: b, label: B, type: yesno}\n"
    "      - {id: c, label: C, type: text, required: true,\n"
    "         severity: warning}\n"
    "    rules:\n"
    "      - {id: b-yes, when: filled(b), assert: b == yes,\n"
    "         message: Say yes., field: b, severity: error}\n";

static const char fixed_index[] =
    "scenarios:\n"
    "  - name: x\n"
    "    title: X\n"
    "    exercise: x.yaml\n"
    "    solution: y.yaml\n"
    "    findings:\n"
    "      - {severity: error, path: sc.main.a, exercise: Answer a.}\n"
    "      - {severity: error, path: sc.main.b, rule: b-yes,\n"
    "         exercise: Say yes.}\n"
    "      - {severity: warning, path: sc.main.c, exercise: Answer c.}\n";

/* Done exercises are the documented findings no longer reported. */
static void
test_fixed(void **state)
{
	struct fx *fx = *state;
	struct scenario_index *ix = load(fx, fixed_index);
	const struct scenario *s;

	assert_non_null(ix);
	s = &ix->s[0];
	assert_non_null(h_set(fx, NULL, fixed_tpl));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [sc:1]\n"
	    "answers: {sc: {main: {b: no}}}\n"));
	assert_int_equal(h_validate(fx)->n, 3);
	assert_int_equal(scenario_fixed(s, fx->r), 0);
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [sc:1]\n"
	    "answers: {sc: {main: {a: done, b: no}}}\n"));
	assert_int_equal(scenario_fixed(s, h_validate(fx)), 1);
	/* All three done: the rule holds and both answers are there. */
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [sc:1]\n"
	    "answers: {sc: {main: {a: done, b: yes, c: done}}}\n"));
	assert_int_equal(scenario_fixed(s, h_validate(fx)), 3);
	scenario_index_free(ix);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_loads, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_translations, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_index_errors, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_copy_resume_reset,
		    h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_fixed, h_setup,
		    h_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
