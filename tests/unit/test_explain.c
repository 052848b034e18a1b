/*
 * Unit tests of "why is this asked?" (core/explain.c): every kind of
 * condition node in words, the answers they depend on, shown and hidden
 * questions, section and group conditions, conditional `required`, the
 * links to the questions named, and finding a question by its path.
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

#include "core/explain.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char ex_template[] =
    "id: ex\n"
    "edition: \"1\"\n"
    "title: Explain test\n"
    "sections:\n"
    "  - id: main\n"
    "    title: Main\n"
    "    fields:\n"
    "      - {id: ai, label: Does it use AI?, type: yesno, required: true}\n"
    "      - {id: learns, label: Does it keep learning?, type: yesno,\n"
    "         when: ai == yes, required: true}\n"
    "      - {id: rollback, label: Can it roll back?, type: yesno,\n"
    "         when: learns == yes and rollback_ok == yes}\n"
    "      - {id: rollback_ok, label: Is rollback tested?, type: yesno}\n"
    "      - {id: kind, label: Kind, type: choice, options: [SaMD, SiMD],\n"
    "         allow_na: true}\n"
    "      - {id: board, label: Board, type: text,\n"
    "         when: not (kind != \"SiMD\") or filled(notes)}\n"
    "      - {id: notes, label: Notes, type: text,\n"
    "         required: \"ai == yes and count(sets, role == 'test') < 1\"}\n"
    "      - {id: users, label: Users, type: integer, when: users > 3}\n"
    "      - {id: tags, label: Tags, type: multichoice,\n"
    "         options: [a, b], when: \"has(tags, 'b') and 2 <= users\"}\n"
    "      - {id: day, label: Day, type: date, when: \"day < '2026-01-01'\"}\n"
    "      - {id: sent, label: Date sent, type: date}\n"
    "      - {id: done, label: Date done, type: date}\n"
    "      - {id: rushed, label: Why so soon?, type: text,\n"
    "         when: \"days_between(sent, done) < 84\"}\n"
    "      - id: sets\n"
    "        label: Datasets\n"
    "        type: group\n"
    "        fields:\n"
    "          - {id: role, label: Role, type: choice,\n"
    "             options: [training, test]}\n"
    "          - {id: overlap, label: Overlaps training?, type: yesno,\n"
    "             when: role != \"training\"}\n"
    "  - id: clc\n"
    "    title: Continuous learning\n"
    "    when: main.learns\n"
    "    fields:\n"
    "      - {id: plan, label: Learning plan, type: text, required: true}\n";

static struct explanation *
ex(struct fx *fx, const char *dossier, const char *path, char **text)
{
	const struct tmpl_field *f;
	struct explanation *e;
	size_t rec;
	int in_record;

	assert_non_null(h_set(fx, NULL, ex_template));
	assert_non_null(h_dossier(fx, NULL, dossier));
	f = explain_find(fx->d, path, &rec, &in_record, &fx->err);
	if (f == NULL)
		fail_msg("%s: %s", path, fx->err.msg);
	e = explain_field(fx->d, f, rec, in_record);
	*text = explain_text(e);
	return e;
}

#define HAS(text, needle) do {						\
	if (strstr((text), (needle)) == NULL)				\
		fail_msg("missing \"%s\" in:\n%s", (needle), (text));	\
} while (0)
#define HASNT(text, needle) do {					\
	if (strstr((text), (needle)) != NULL)				\
		fail_msg("unexpected \"%s\" in:\n%s", (needle), (text));\
} while (0)

static const char d_learning[] =
    "format: 1\ntemplates: [ex:1]\nanswers:\n  ex:\n    main:\n"
    "      ai: yes\n      learns: yes\n      rollback_ok: no\n";

static void
test_shown_because(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, d_learning, "ex.main.learns", &t);

	assert_true(e->asked);
	assert_true(e->required);
	HAS(t, "Asked because *Does it use AI?* is yes.");
	HAS(t, "It is asked when this holds:");
	HAS(t, "  [yes] *Does it use AI?* is yes (now: yes)");
	HAS(t, "Required: when it is asked, it must be answered.");
	/* Words, not the source. */
	HASNT(t, "ai == yes");
	free(t);
	explain_free(e);
}

static void
test_hidden_names_failing_part(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, d_learning, "main.rollback", &t);
	size_t i, nlinks = 0;

	assert_false(e->asked);
	HAS(t, "Not asked, because *Is rollback tested?* is not yes "
	    "(now: no).");
	HAS(t, "It is asked when all of these hold:");
	HAS(t, "  [yes] *Does it keep learning?* is yes (now: yes)");
	HAS(t, "  [no]  *Is rollback tested?* is yes (now: no)");
	HAS(t, "Optional: it may be left blank.");
	/* Links name the fields and sit on their labels. */
	for (i = 0; i < e->n; i++) {
		size_t j;

		for (j = 0; j < e->lines[i].nlinks; j++) {
			const struct explain_link *l = &e->lines[i].links[j];

			assert_int_equal(l->len, strlen(l->field->label));
			assert_memory_equal(e->lines[i].text + l->off,
			    l->field->label, l->len);
			nlinks++;
		}
	}
	/* The title, summary, two condition lines. */
	assert_int_equal(nlinks, 4);
	free(t);
	explain_free(e);
}

/* The short form for a status line: failing parts only, no answers. */
static void
test_unasked_short(void **state)
{
	struct fx *fx = *state;
	char *w;

	assert_non_null(h_set(fx, NULL, ex_template));
	assert_non_null(h_dossier(fx, NULL, d_learning));
	w = explain_unasked(fx->d, h_field(fx, "ex.main.rollback"), 0, 0);
	assert_string_equal(w, "Is rollback tested? is not yes");
	free(w);
	assert_null(explain_unasked(fx->d, h_field(fx, "ex.main.learns"), 0,
	    0));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {ai: no}}}\n"));
	w = explain_unasked(fx->d, h_field(fx, "ex.clc.plan"), 0, 0);
	assert_string_equal(w, "its section is skipped: Does it keep "
	    "learning? is not yes");
	free(w);
	w = explain_unasked(fx->d, h_field(fx, "ex.main.rollback"), 0, 0);
	assert_string_equal(w, "Does it keep learning? is not yes and Is "
	    "rollback tested? is not yes");
	free(w);
}

static void
test_unanswered(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, "format: 1\ntemplates: [ex:1]\n",
	    "ex.main.learns", &t);

	assert_false(e->asked);
	HAS(t, "Not asked, because *Does it use AI?* is not yes "
	    "(now: not answered).");
	free(t);
	explain_free(e);
}

static void
test_section_condition(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {ai: yes, learns: no}}}\n", "ex.clc.plan",
	    &t);

	assert_false(e->asked);
	HAS(t, "Not asked: the whole section \"Continuous learning\" is "
	    "skipped, because *Does it keep learning?* is not yes (now: no).");
	HAS(t, "Its section is asked when this holds:");
	HAS(t, "  [no]  *Does it keep learning?* is yes (now: no)");
	free(t);
	explain_free(e);
	e = ex(fx, d_learning, "ex.clc.plan", &t);
	assert_true(e->asked);
	HAS(t, "Asked whenever its section \"Continuous learning\" is, and it "
	    "is asked because *Does it keep learning?* is yes.");
	free(t);
	explain_free(e);
}

static void
test_not_or_filled(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {kind: SaMD}}}\n", "ex.main.board", &t);

	/* not (kind != "SiMD") is kind == "SiMD"; or reads "either". */
	assert_false(e->asked);
	HAS(t, "  [no]  either *Kind* is \"SiMD\" or *Notes* is answered "
	    "(now: kind \"SaMD\"; notes not answered)");
	HAS(t, "Not asked, because *Kind* is not \"SiMD\" and *Notes* is not "
	    "answered (now: kind \"SaMD\"; notes not answered).");
	HASNT(t, "not applicable");
	free(t);
	explain_free(e);
	e = ex(fx, d_learning, "ex.main.kind", &t);
	HAS(t, "It may be answered \"not applicable\", with the reason.");
	free(t);
	explain_free(e);
}

static void
test_required_condition_and_count(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, d_learning, "ex.main.notes", &t);

	assert_true(e->asked);
	assert_true(e->required);
	HAS(t, "Always asked: no answer can hide it.");
	HAS(t, "Required because *Does it use AI?* is yes and *Datasets* has "
	    "fewer than 1 record where *Role* is \"test\" (now: no records).");
	HAS(t, "It is required when all of these hold:");
	HAS(t, "  [yes] *Datasets* has fewer than 1 record where *Role* is "
	    "\"test\" (now: no records)");
	free(t);
	explain_free(e);
	e = ex(fx, "format: 1\ntemplates: [ex:1]\nanswers: {ex: {main: {"
	    "ai: yes, sets: [{role: test}]}}}\n", "ex.main.notes", &t);
	assert_false(e->required);
	HAS(t, "Optional for now: *Datasets* has at least 1 record where "
	    "*Role* is \"test\" (now: 1 record).");
	free(t);
	explain_free(e);
}

static void
test_order_has_and_swap(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {users: 2, tags: [a, b], day: "
	    "'2027-05-01'}}}\n", "ex.main.users", &t);

	HAS(t, "  [no]  *Users* is more than 3 (now: 2)");
	free(t);
	explain_free(e);
	e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {users: 2, tags: [a, b]}}}\n",
	    "ex.main.tags", &t);
	assert_true(e->asked);
	HAS(t, "  [yes] *Tags* includes \"b\" (now: \"a\", \"b\")");
	/* 2 <= users reads from the field's side. */
	HAS(t, "  [yes] *Users* is at least 2 (now: 2)");
	free(t);
	explain_free(e);
	e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {day: '2027-05-01'}}}\n", "ex.main.day", &t);
	HAS(t, "Not asked, because *Day* is not before \"2026-01-01\" "
	    "(now: \"2027-05-01\").");
	free(t);
	explain_free(e);
}

/* days_between(a, b) < n reads as a span of days after a date. */
static void
test_days_between(void **state)
{
	struct fx *fx = *state;
	char *t;
	struct explanation *e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {sent: '2025-01-20', done: '2025-03-03'}}}\n",
	    "ex.main.rushed", &t);

	assert_true(e->asked);
	HAS(t, "Asked because *Date done* is less than 84 days after *Date "
	    "sent* (now: sent \"2025-01-20\"; done \"2025-03-03\").");
	HASNT(t, "days_between");
	free(t);
	explain_free(e);
	e = ex(fx, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {sent: '2024-10-14', done: '2025-03-03'}}}\n",
	    "ex.main.rushed", &t);
	assert_false(e->asked);
	HAS(t, "Not asked, because *Date done* is at least 84 days after "
	    "*Date sent*");
	free(t);
	explain_free(e);
}

static void
test_record_field(void **state)
{
	struct fx *fx = *state;
	char *t;
	const char *d = "format: 1\ntemplates: [ex:1]\nanswers: {ex: {main: {"
	    "sets: [{role: training}, {role: test}]}}}\n";
	struct explanation *e = ex(fx, d, "ex.main.sets[1].overlap", &t);
	size_t i, j;
	int seen = 0;

	assert_false(e->asked);
	HAS(t, "*Overlaps training?* [ex.main.sets[1].overlap]");
	HAS(t, "Not asked, because *Role* is \"training\" "
	    "(now: \"training\").");
	/* The sibling's link points into the same record. */
	for (i = 0; i < e->n; i++)
		for (j = 0; j < e->lines[i].nlinks; j++)
			if (strcmp(e->lines[i].links[j].field->id, "role") == 0) {
				assert_true(e->lines[i].links[j].in_record);
				assert_int_equal(e->lines[i].links[j].rec, 0);
				seen = 1;
			}
	assert_true(seen);
	free(t);
	explain_free(e);
	e = ex(fx, d, "ex.main.sets[2].overlap", &t);
	assert_true(e->asked);
	HAS(t, "Asked because *Role* is not \"training\" (now: \"test\").");
	free(t);
	explain_free(e);
}

static void
test_find_errors(void **state)
{
	struct fx *fx = *state;
	static const char *const bad[] = {
		"main", "ex.nosuch.ai", "ex.main.nosuch", "ex.main.sets[3].role",
		"ex.main.sets[0].role", "ex.main.ai[1]", "a.b.c.d.e",
		"ex.main.sets.nosuch", "ex.main.ai.role", "ex.main.sets[x].role",
	};
	const struct tmpl_field *f;
	size_t i, rec;
	int in_record;

	assert_non_null(h_set(fx, NULL, ex_template));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [ex:1]\n"
	    "answers: {ex: {main: {sets: [{role: test}]}}}\n"));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		f = explain_find(fx->d, bad[i], &rec, &in_record, &fx->err);
		if (f != NULL)
			fail_msg("'%s' found %s", bad[i], f->id);
		assert_int_equal(fx->err.code, DIAG_USAGE);
	}
	f = explain_find(fx->d, "main.sets.role", &rec, &in_record, &fx->err);
	assert_non_null(f);
	assert_false(in_record);
	f = explain_find(fx->d, "ex.main.role", &rec, &in_record, &fx->err);
	assert_non_null(f);
	assert_string_equal(f->id, "role");
}

/* Every link sits on its question's label, inside the line's text. */
static void
check_links(const struct explanation *e)
{
	size_t i, j;

	assert_true(e->n >= 3);
	for (i = 0; i < e->n; i++) {
		for (j = 0; j < e->lines[i].nlinks; j++) {
			const struct explain_link *l = &e->lines[i].links[j];

			assert_true(l->off + l->len <= strlen(e->lines[i].text));
			assert_memory_equal(e->lines[i].text + l->off,
			    l->field->label, l->len);
		}
	}
}

static void
explain_all(const struct dossier *d, const struct tmpl_field *fs, size_t n,
    size_t *count)
{
	struct explanation *e;
	size_t i, r, nrec;
	char *t;

	for (i = 0; i < n; i++) {
		e = explain_field(d, &fs[i], 0, 0);
		check_links(e);
		t = explain_text(e);
		assert_non_null(strstr(t, fs[i].label));
		free(t);
		explain_free(e);
		(*count)++;
		if (fs[i].type != TMPL_GROUP)
			continue;
		nrec = dossier_nrecords(d, &fs[i]);
		for (r = 0; r < nrec; r++) {
			size_t k;

			for (k = 0; k < fs[i].nfields; k++) {
				e = explain_field(d, &fs[i].fields[k], r, 1);
				check_links(e);
				explain_free(e);
				(*count)++;
			}
		}
	}
}

/*
 * Every question of the bundled templates, in every workshop dossier:
 * whatever the answers, each explanation is whole and its links point at
 * the labels they name (and, under ASan, nothing is read out of bounds).
 */
static void
test_bundled_sweep(void **state)
{
	static const char *const files[] = {
		"share/examples/demo.yaml", "share/examples/complete.yaml",
		"share/examples/dose-calculator/exercise.yaml",
		"share/examples/pump-firmware/exercise.yaml",
		"share/examples/rhythm-app/exercise.yaml",
	};
	struct fx *fx = *state;
	const char *dirs[1];
	char *tdir = xasprintf("%s/templates", DOSSIER_SRCDIR), *path;
	struct tmpl_set *set;
	struct dossier *d;
	size_t i, t, sct, count = 0;

	dirs[0] = tdir;
	set = tmpl_set_load(dirs, 1, 1, &fx->err);
	if (set == NULL)
		fail_msg("%s", fx->err.msg);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = xasprintf("%s/%s", DOSSIER_SRCDIR, files[i]);
		d = dossier_load(path, set, &fx->err);
		if (d == NULL)
			fail_msg("%s: %s", path, fx->err.msg);
		for (t = 0; t < d->ntmpls; t++)
			for (sct = 0; sct < d->tmpls[t]->nsections; sct++)
				explain_all(d, d->tmpls[t]->sections[sct].fields,
				    d->tmpls[t]->sections[sct].nfields,
				    &count);
		dossier_free(d);
		free(path);
	}
	assert_true(count > 500);
	tmpl_set_free(set);
	free(tdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shown_because, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_hidden_names_failing_part,
		    h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_unanswered, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_unasked_short, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_section_condition, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_not_or_filled, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(
		    test_required_condition_and_count, h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_order_has_and_swap,
		    h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_record_field, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_days_between, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_find_errors, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_sweep, h_setup,
		    h_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
