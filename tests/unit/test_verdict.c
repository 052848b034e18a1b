/*
 * Unit tests of the one verdict (core/checklist.h): the status of an item
 * and whether it is asked, as every output shows it.  Each case of issue
 * 10's list where the wizard, check and the checklist disagreed has a
 * case here; the last case checks that the verdict on every field agrees
 * with the checklist's row for it, on the shipped examples.
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

#include "core/checklist.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char vd_template[] =
    "id: vd\n"
    "edition: \"1\"\n"
    "title: Verdict test\n"
    "sections:\n"
    "  - id: main\n"
    "    title: Main\n"
    "    fields:\n"
    "      - {id: name, label: Name, type: text, required: true}\n"
    "      - {id: soon, label: Soon, type: text, required: true,\n"
    "         severity: warning}\n"
    "      - {id: nice, label: Nice, type: text, required: true,\n"
    "         severity: info}\n"
    "      - {id: code, label: Code, type: text, pattern: '^[A-Z]+$'}\n"
    "      - {id: kind, label: Kind, type: choice, options: [hw, sw]}\n"
    "      - {id: host, label: Host, type: text, required: true,\n"
    "         when: kind == \"hw\"}\n"
    "      - {id: plan, label: Plan, type: text, required: kind == \"sw\"}\n"
    "      - {id: na, label: NA, type: text, required: true,\n"
    "         allow_na: true}\n"
    "      - id: sets\n"
    "        label: Sets\n"
    "        type: group\n"
    "        fields:\n"
    "          - {id: role, label: Role, type: text, required: true}\n"
    "          - {id: overlap, label: Overlap, type: yesno}\n"
    "          - {id: why, label: Why, type: text, required: true,\n"
    "             when: overlap == yes}\n";

#define DHEAD \
	"format: 1\n" \
	"templates: [vd:1]\n" \
	"answers:\n" \
	"  vd:\n" \
	"    main:\n"

static void
load(struct fx *fx, const char *yaml)
{
	assert_non_null(h_set(fx, NULL, vd_template));
	if (h_dossier(fx, NULL, yaml) == NULL)
		fail_msg("%s:%d:%d: %s", fx->err.file, fx->err.line,
		    fx->err.col, fx->err.msg);
	h_validate(fx);
}

static struct checklist_verdict
verdict(struct fx *fx, const char *path, size_t rec)
{
	struct checklist_verdict v;

	checklist_verdict(fx->d, fx->r, h_field(fx, path), rec, &v);
	return v;
}

static void
assert_status(enum checklist_status got, enum checklist_status want)
{
	assert_string_equal(checklist_status_name(got),
	    checklist_status_name(want));
}

/* Issue 10: `?` in the wizard, Missing in the workbook. */
static void
test_verdict_required_warning_left_empty_is_missing(void **state)
{
	struct fx *fx = *state;
	struct checklist_verdict v;

	load(fx, DHEAD "      name: x\n");
	v = verdict(fx, "vd.main.soon", 0);
	assert_true(v.asked);
	assert_true(v.required);
	assert_status(v.status, CHECKLIST_MISSING);
	assert_non_null(v.worst);
	assert_int_equal(v.worst->sev, TMPL_WARNING);
	assert_status(verdict(fx, "vd.main.name", 0).status,
	    CHECKLIST_COMPLETE);
}

/* Issue 10: the help line said "required" for a question marked `i`. */
static void
test_verdict_required_info_is_optional(void **state)
{
	struct fx *fx = *state;
	struct checklist_verdict v;

	load(fx, DHEAD "      name: x\n");
	v = verdict(fx, "vd.main.nice", 0);
	assert_false(v.required);
	assert_status(v.status, CHECKLIST_OPTIONAL);
	assert_int_equal(v.nfind, 1);
}

static void
test_verdict_optional_with_bad_answer_is_error(void **state)
{
	struct fx *fx = *state;
	struct checklist_verdict v;

	load(fx, DHEAD "      code: abc\n");
	v = verdict(fx, "vd.main.code", 0);
	assert_false(v.required);
	assert_status(v.status, CHECKLIST_ERROR);
}

static void
test_verdict_conditions_decide_asked_and_required(void **state)
{
	struct fx *fx = *state;
	struct checklist_verdict v;

	load(fx, DHEAD "      kind: sw\n      host: kept from before\n");
	v = verdict(fx, "vd.main.host", 0);
	assert_false(v.asked);
	assert_false(v.required);
	assert_status(v.status, CHECKLIST_NA);
	assert_string_equal(validate_unasked_because(fx->d,
	    h_field(fx, "vd.main.host"), 0), "kind == \"hw\"");
	assert_null(validate_unasked_because(fx->d,
	    h_field(fx, "vd.main.plan"), 0));
	v = verdict(fx, "vd.main.plan", 0);
	assert_true(v.required);
	assert_status(v.status, CHECKLIST_MISSING);
}

static void
test_verdict_not_applicable_with_reason(void **state)
{
	struct fx *fx = *state;

	load(fx, DHEAD "      na: {not_applicable: none here}\n");
	assert_status(verdict(fx, "vd.main.na", 0).status, CHECKLIST_NA);
	assert_true(verdict(fx, "vd.main.na", 0).asked);
}

/* Issue 10: a record whose justification is missing showed a tick. */
static void
test_verdict_record_is_its_most_urgent_field(void **state)
{
	struct fx *fx = *state;
	const struct tmpl_field *g;

	load(fx, DHEAD "      sets:\n"
	    "      - {role: a, overlap: no}\n"
	    "      - {role: b, overlap: yes}\n"
	    "      - {role: c}\n");
	g = h_field(fx, "vd.main.sets");
	assert_status(checklist_record_status(fx->d, fx->r, g, 0),
	    CHECKLIST_COMPLETE);
	assert_status(verdict(fx, "vd.main.sets.why", 1).status,
	    CHECKLIST_MISSING);
	assert_status(checklist_record_status(fx->d, fx->r, g, 1),
	    CHECKLIST_MISSING);
	/* An empty optional field leaves the record complete. */
	assert_status(checklist_record_status(fx->d, fx->r, g, 2),
	    CHECKLIST_COMPLETE);
	assert_false(verdict(fx, "vd.main.sets.why", 0).asked);
}

/* Every field row of the checklist has the status the verdict gives. */
static void
agree_on(struct fx *fx, const char *file)
{
	const char *tdir = getenv("DOSSIER_TEMPLATE_PATH");
	const char *ex = getenv("EXAMPLES");
	struct checklist_verdict v;
	struct checklist *c;
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	char *path;
	size_t i, rows = 0;

	assert_non_null(tdir);
	assert_non_null(ex);
	set = tmpl_set_load(&tdir, 1, 1, &fx->err);
	assert_non_null(set);
	path = xasprintf("%s/%s", ex, file);
	d = dossier_load(path, set, &fx->err);
	assert_non_null(d);
	r = validate(d, NULL);
	c = checklist_build(d, r);
	for (i = 0; i < c->n; i++) {
		const struct checklist_row *w = &c->rows[i];

		if (w->field == NULL)
			continue;
		checklist_verdict(d, r, w->field, w->rec, &v);
		if (!v.asked || v.status != w->status) {
			char *p = checklist_path(w);

			fail_msg("%s: %s: row %s, verdict %s", file, p,
			    checklist_status_name(w->status), v.asked ?
			    checklist_status_name(v.status) : "not asked");
		}
		rows++;
	}
	assert_true(rows > 50);
	checklist_free(c);
	report_free(r);
	dossier_free(d);
	tmpl_set_free(set);
	free(path);
}

static void
test_verdict_agrees_with_every_checklist_row(void **state)
{
	agree_on(*state, "demo.yaml");
	agree_on(*state, "complete.yaml");
}

/*
 * checklist_each streams the rows check --format json lists; it must give
 * exactly checklist_build's rows, in order, with the same status and
 * findings, including the findings validate() reports out of row order
 * (group-level ones after the records) and those with no field row.
 */
struct each_cmp {
	const struct checklist *c;
	size_t i;
	const char *file;
};

static void
each_row(void *ctx, const struct checklist_row *w, const struct finding *f)
{
	struct each_cmp *e = ctx;
	const struct checklist_row *b;

	if (e->i >= e->c->n)
		fail_msg("%s: streamed row %zu beyond the %zu built", e->file,
		    e->i, e->c->n);
	b = &e->c->rows[e->i];
	if (w->field != b->field || w->rec != b->rec ||
	    w->in_record != b->in_record || w->tmpl != b->tmpl ||
	    w->section != b->section || w->value != b->value ||
	    w->status != b->status || w->nfind != b->nfind ||
	    w->has_findings != b->has_findings ||
	    (b->has_findings && w->worst != b->worst) ||
	    (b->field == NULL) != (f != NULL) ||
	    (f != NULL && f != checklist_finding(e->c, b, 0)))
		fail_msg("%s: streamed row %zu differs from the built one "
		    "(status %s, built %s)", e->file, e->i,
		    checklist_status_name(w->status),
		    checklist_status_name(b->status));
	e->i++;
}

static size_t
stream_matches(const char *file, struct dossier *d, struct report *r)
{
	struct checklist *c = checklist_build(d, r);
	struct each_cmp e = { c, 0, file };
	size_t i, loose = 0;

	checklist_each(d, r, each_row, &e);
	assert_int_equal(e.i, c->n);
	for (i = 0; i < c->n; i++)
		loose += c->rows[i].field == NULL;
	checklist_free(c);
	return loose;
}

static void
stream_on(struct fx *fx, const char *file)
{
	const char *tdir = getenv("DOSSIER_TEMPLATE_PATH");
	const char *ex = getenv("EXAMPLES");
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	char *path;

	set = tmpl_set_load(&tdir, 1, 1, &fx->err);
	assert_non_null(set);
	path = xasprintf("%s/%s", ex, file);
	d = dossier_load(path, set, &fx->err);
	assert_non_null(d);
	r = validate(d, NULL);
	(void)stream_matches(file, d, r);
	report_free(r);
	dossier_free(d);
	tmpl_set_free(set);
	free(path);
}

static void
test_streamed_rows_are_the_built_rows(void **state)
{
	struct fx *fx = *state;

	stream_on(fx, "demo.yaml");
	stream_on(fx, "complete.yaml");
	/* Records with findings, a record-level condition and a loose one:
	 * an answer under a key the template does not know. */
	load(fx, DHEAD
	    "      code: abc\n"
	    "      kind: sw\n"
	    "      sets:\n"
	    "        - {role: a, overlap: yes}\n"
	    "        - {}\n"
	    "        - {overlap: no, role: \"\"}\n"
	    "      stray: 1\n");
	assert_true(stream_matches("records", fx->d, fx->r) > 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_verdict_required_warning_left_empty_is_missing),
		T(test_verdict_required_info_is_optional),
		T(test_verdict_optional_with_bad_answer_is_error),
		T(test_verdict_conditions_decide_asked_and_required),
		T(test_verdict_not_applicable_with_reason),
		T(test_verdict_record_is_its_most_urgent_field),
		T(test_verdict_agrees_with_every_checklist_row),
		T(test_streamed_rows_are_the_built_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
