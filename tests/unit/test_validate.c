/*
 * Unit tests of validation (core/validate.c): every kind of finding with
 * its message, severity and position in the dossier; `when` and
 * conditional `required` on sections, fields and group records;
 * completeness counting; and the pattern matcher's limits (a runaway
 * pattern is reported, never a verdict on the answer).
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
#include <time.h>
#include <unistd.h>

#include "core/pattern.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

/* Patterns sit on lines 36 (slow) and 40 (slow2), their quote at col 19. */
static const char vt_template[] =
    "id: vt\n"						/* 1 */
    "edition: \"1\"\n"
    "title: Validation test\n"
    "sections:\n"
    "  - id: main\n"					/* 5 */
    "    title: Main\n"
    "    clause: \"3.1\"\n"
    "    fields:\n"
    "      - id: name\n"
    "        label: Name\n"				/* 10 */
    "        type: text\n"
    "        required: true\n"
    "        min_length: 3\n"
    "        max_length: 10\n"
    "      - {id: kind, label: Kind, type: choice, required: true,\n" /* 15 */
    "         options: [hardware, software]}\n"
    "      - {id: ok, label: OK, type: yesno}\n"
    "      - {id: day, label: Day, type: date}\n"
    "      - {id: count, label: Count, type: integer, min: 1, max: 10}\n"
    "      - id: version\n"				/* 20 */
    "        label: Version\n"
    "        type: version\n"
    "        pattern: '^[0-9]+\\.[0-9]+$'\n"
    "        pattern_message: use MAJOR.MINOR\n"
    "      - id: code\n"				/* 25 */
    "        label: Code\n"
    "        type: text\n"
    "        pattern: '^[A-Z]{3}$'\n"
    "      - id: tags\n"
    "        label: Tags\n"				/* 30 */
    "        type: multichoice\n"
    "        options: [x, y, z]\n"
    "        min_items: 2\n"
    "        max_items: 2\n"
    "      - {id: slow, label: Slow, type: text,\n"	/* 35 */
    "         pattern: '^(a+)+$'}\n"
    "      - {id: manual, label: Manual, type: file, allow_na: true}\n"
    "      - {id: plan, label: Plan, type: file}\n"
    "      - {id: slow2, label: Slow, type: text,\n"
    "         pattern: '(*LIMIT_MATCH=999999999)^(a+)+$'}\n" /* 40 */
    "      - id: note\n"
    "        label: Note\n"
    "        type: text\n"
    "        clause: \"3.9\"\n"
    "        provenance: inferred\n"			/* 45 */
    "        severity: warning\n"
    "        max_length: 2\n"
    "      - id: why\n"
    "        label: Why\n"
    "        type: longtext\n"			/* 50 */
    "        required: kind == \"software\"\n"
    "      - id: sw_only\n"
    "        label: Software only\n"
    "        type: text\n"
    "        when: kind == \"software\"\n"		/* 55 */
    "        required: true\n"
    "    rules:\n"
    "      - id: count-needs-name\n"
    "        assert: not filled(count) or filled(name)\n"
    "        message: a count needs a name\n"		/* 60 */
    "        field: count\n"
    "      - id: ok-not-no\n"
    "        assert: ok != no\n"
    "        message: ok must not be no\n"
    "        severity: info\n"			/* 65 */
    "  - id: gated\n"
    "    title: Gated\n"
    "    when: main.kind == \"software\"\n"
    "    fields:\n"
    "      - {id: a, label: A, type: text, required: true}\n" /* 70 */
    "  - id: recs\n"
    "    title: Records\n"
    "    clause: Records (topic)\n"
    "    provenance: topic\n"
    "    fields:\n"					/* 75 */
    "      - id: sets\n"
    "        label: Sets\n"
    "        type: group\n"
    "        required: true\n"
    "        max_items: 3\n"				/* 80 */
    "        fields:\n"
    "          - {id: role, label: Role, type: choice, required: true,\n"
    "             options: [train, test]}\n"
    "          - {id: source, label: Source, type: text,\n"
    "             required: role == \"test\"}\n"	/* 85 */
    "          - {id: split, label: Split, type: text,\n"
    "             when: role == \"train\", required: true}\n";

/* A dossier whose main section starts on line 6 with keys in column 7. */
#define DHEAD \
	"format: 1\n" \
	"templates: [vt:1]\n" \
	"answers:\n" \
	"  vt:\n" \
	"    main:\n"

static struct fx *
with_template(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, vt_template));
	return fx;
}

/* Load yaml as d.yaml and validate it. */
static const struct report *
check(struct fx *fx, const char *yaml)
{
	if (h_dossier(fx, NULL, yaml) == NULL)
		print_error("%s:%d:%d: %s\n", fx->err.file, fx->err.line,
		    fx->err.col, fx->err.msg);
	assert_non_null(fx->d);
	return h_validate(fx);
}

static void
test_validate_missing_required_fields(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;

	r = check(fx, DHEAD "      ok: yes\n");
	f = h_finding(r, FIND_MISSING, "vt.main.name", 0);
	/* Missing: at the section's mapping, the nearest place there is. */
	h_assert_finding(f, 6, 7, "Name: not answered");
	assert_int_equal(f->sev, TMPL_ERROR);
	assert_ptr_equal(f->field, h_field(fx, "vt.main.name"));
	assert_ptr_equal(f->section, f->field->section);
	assert_ptr_equal(f->tmpl, fx->set->t[0]);
	assert_string_equal(f->clause, "3.1");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.main.kind", 0), 6, 7,
	    "Kind: not answered");
	/* The records section is absent: the template's mapping. */
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.recs.sets", 0), 5, 5,
	    "Sets: no records yet");
	/* Optional fields are not missing. */
	assert_int_equal(h_count(r, FIND_MISSING, "vt.main.day"), 0);
	assert_int_equal(h_count(r, FIND_MISSING, NULL), 3);
	assert_int_equal(r->errors, 3);
}

static void
test_validate_blank_answers_are_missing(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	r = check(fx, DHEAD "      name: \"  \"\n      kind: ~\n"
	    "  vt2: x\n");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.main.name", 0), 6, 13,
	    "Name: not answered");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.main.kind", 0), 7, 13,
	    "Kind: not answered");
}

static void
test_validate_not_applicable_misuse_and_missing_reason(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;

	r = check(fx, DHEAD
	    "      name: {not_applicable: we have none}\n"
	    "      manual: {not_applicable: \"\"}\n"
	    "      plan: {not_applicable: no plan}\n");
	f = h_finding(r, FIND_NA, "vt.main.name", 0);
	h_assert_finding(f, 6, 13, "this question cannot be marked not "
	    "applicable; answer it");
	assert_int_equal(f->sev, TMPL_ERROR);
	h_assert_finding(h_finding(r, FIND_NA, "vt.main.manual", 0), 7, 15,
	    "say why this does not apply: a reason is required");
	h_assert_finding(h_finding(r, FIND_NA, "vt.main.plan", 0), 8, 13,
	    "this question cannot be marked not applicable; answer it");
	/* Misused NA is not also "missing". */
	assert_int_equal(h_count(r, FIND_MISSING, "vt.main.name"), 0);
	/* A reasoned NA where it is allowed is no finding at all. */
	r = check(fx, DHEAD "      manual: {not_applicable: software only}\n");
	assert_int_equal(h_count(r, FIND_NA, NULL), 0);
	assert_int_equal(h_count(r, FIND_FILE, NULL), 0);
}

static void
test_validate_values_of_each_type(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	r = check(fx, DHEAD
	    "      kind: firmware\n"
	    "      ok: maybe\n"
	    "      day: 2023-02-29\n"
	    "      count: lots\n");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.kind", 0), 6, 13,
	    "'firmware' is not one of the options");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.ok", 0), 7, 11,
	    "answer yes or no, not 'maybe'");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.day", 0), 8, 12,
	    "'2023-02-29' is not a date in the form YYYY-MM-DD");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.count", 0), 9, 14,
	    "'lots' is not a whole number");
	/* Good values of the same types. */
	r = check(fx, DHEAD
	    "      kind: software\n"
	    "      ok: true\n"
	    "      day: 2024-02-29\n"
	    "      count: 10\n");
	assert_int_equal(h_count(r, FIND_VALUE, NULL), 0);
	assert_int_equal(h_count(r, FIND_RANGE, NULL), 0);
	r = check(fx, DHEAD "      ok: no\n      count: \"1.5\"\n"
	    "      day: 24-02-29\n");
	assert_int_equal(h_count(r, FIND_VALUE, "vt.main.ok"), 0);
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.count", 0), 7, 14,
	    "'1.5' is not a whole number");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.day", 0), 8, 12,
	    "'24-02-29' is not a date in the form YYYY-MM-DD");
}

static void
test_validate_dates_including_leap_days(void **state)
{
	(void)state;
	assert_true(validate_is_date("2024-02-29"));
	assert_true(validate_is_date("2000-02-29"));
	assert_false(validate_is_date("1900-02-29"));
	assert_false(validate_is_date("2023-02-29"));
	assert_true(validate_is_date("2023-02-28"));
	assert_true(validate_is_date("2023-12-31"));
	assert_false(validate_is_date("2023-04-31"));
	assert_false(validate_is_date("2023-13-01"));
	assert_false(validate_is_date("2023-00-10"));
	assert_false(validate_is_date("2023-01-00"));
	assert_false(validate_is_date("2023-1-01"));
	assert_false(validate_is_date("2023-01-01T00:00"));
	assert_false(validate_is_date("2023/01/01"));
	assert_false(validate_is_date(""));
	assert_false(validate_is_date("2023-01-0"));
}

static void
test_validate_integer_range(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	r = check(fx, DHEAD "      count: 0\n");
	h_assert_finding(h_finding(r, FIND_RANGE, "vt.main.count", 0), 6, 14,
	    "0 is below the minimum of 1");
	r = check(fx, DHEAD "      count: 11\n");
	h_assert_finding(h_finding(r, FIND_RANGE, "vt.main.count", 0), 6, 14,
	    "11 is above the maximum of 10");
	r = check(fx, DHEAD "      count: -99999999999999999999\n");
	h_assert_finding(h_finding(r, FIND_RANGE, "vt.main.count", 0), 6, 14,
	    "'-99999999999999999999' is out of range (a whole number from "
	    "-9223372036854775808 to 9223372036854775807)");
	r = check(fx, DHEAD "      count: 12x\n");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.count", 0), 6, 14,
	    "'12x' is not a whole number");
	r = check(fx, DHEAD "      count: 1\n      name: abc\n");
	assert_int_equal(h_count(r, FIND_RANGE, NULL), 0);
}

static void
test_validate_pattern_with_and_without_message(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	r = check(fx, DHEAD "      version: 2.1.0\n      code: abcd\n");
	h_assert_finding(h_finding(r, FIND_PATTERN, "vt.main.version", 0), 6,
	    16, "use MAJOR.MINOR");
	h_assert_finding(h_finding(r, FIND_PATTERN, "vt.main.code", 0), 7, 13,
	    "'abcd' does not have the expected form (^[A-Z]{3}$)");
	r = check(fx, DHEAD "      version: \"2.1\"\n      code: ABC\n");
	assert_int_equal(h_count(r, FIND_PATTERN, NULL), 0);
}

/*
 * A version identifier has a number in it, whatever its scheme: a hurried
 * "a", "tbd" or "latest" is refused where the template sets no pattern.
 * Where it does, the pattern is the scheme and says so alone (one finding,
 * in its words).
 */
static void
test_validate_version_needs_a_number(void **state)
{
	static const char *const junk[] = { "a", "tbd", "latest", "x.y" };
	static const char tpl[] =
	    "id: vn\nedition: \"1\"\ntitle: V\nsections:\n"
	    "  - id: main\n    title: Main\n    fields:\n"
	    "      - {id: v, label: Version, type: version}\n";
	struct fx *fx = with_template(state);
	const struct report *r;
	char *doc;
	size_t i;

	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		doc = xasprintf(DHEAD "      version: %s\n      code: ABC\n",
		    junk[i]);
		r = check(fx, doc);
		free(doc);
		assert_int_equal(h_count(r, FIND_VALUE, "vt.main.version"), 0);
		assert_int_equal(h_count(r, FIND_PATTERN, "vt.main.version"),
		    1);
	}
	/* Another template: what points into the old one goes first. */
	report_free(fx->r);
	fx->r = NULL;
	dossier_free(fx->d);
	fx->d = NULL;
	assert_non_null(h_set(fx, NULL, tpl));
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		doc = xasprintf("format: 1\ntemplates: [vn:1]\nanswers:\n"
		    "  vn:\n    main:\n      v: %s\n", junk[i]);
		assert_non_null(h_dossier(fx, NULL, doc));
		free(doc);
		r = h_validate(fx);
		assert_int_equal(r->n, 1);
		assert_int_equal(h_count(r, FIND_VALUE, "vn.main.v"), 1);
		assert_non_null(strstr(r->f[0].message, "is not a version "
		    "identifier"));
	}
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [vn:1]\n"
	    "answers:\n  vn:\n    main:\n      v: v3\n"));
	assert_int_equal(h_validate(fx)->n, 0);
}

/*
 * ^(a+)+$ on 40 a's and a b backtracks for ever: the match limit cuts it
 * off, and the answer is neither passed nor failed.  A pattern cannot
 * raise the limit with (*LIMIT_MATCH=...).
 */
static void
test_validate_runaway_pattern_is_reported_not_judged(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;
	struct timespec t0, t1;
	char *yaml, *path;
	double secs;

	yaml = xasprintf(DHEAD "      slow: %s\n      slow2: %s\n",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = check(fx, yaml);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(yaml);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 5.0);
	path = h_path(fx, "t.yaml");
	yaml = xasprintf("the template's pattern for this field gave up on "
	    "this answer (PCRE2 limit); the answer is neither accepted nor "
	    "refused: fix the pattern at %s:36:19", path);
	f = h_finding(r, FIND_PATTERN_LIMIT, "vt.main.slow", 0);
	h_assert_finding(f, 6, 13, yaml);
	assert_int_equal(f->sev, TMPL_WARNING);
	free(yaml);
	yaml = xasprintf("the template's pattern for this field gave up on "
	    "this answer (PCRE2 limit); the answer is neither accepted nor "
	    "refused: fix the pattern at %s:40:19", path);
	h_assert_finding(h_finding(r, FIND_PATTERN_LIMIT, "vt.main.slow2", 0),
	    7, 14, yaml);
	free(yaml);
	free(path);
	assert_int_equal(h_count(r, FIND_PATTERN, NULL), 0);
	/* The same patterns judge ordinary answers. */
	r = check(fx, DHEAD "      slow: aaaa\n      slow2: b\n");
	assert_int_equal(h_count(r, FIND_PATTERN_LIMIT, NULL), 0);
	assert_int_equal(h_count(r, FIND_PATTERN, "vt.main.slow"), 0);
	assert_int_equal(h_count(r, FIND_PATTERN, "vt.main.slow2"), 1);
}

static void
test_validate_pattern_matcher_limits_and_invalid_utf8(void **state)
{
	struct pattern *p;
	char msg[256];
	size_t off;

	(void)state;
	p = pattern_compile("^(a+)+$", msg, sizeof msg, &off);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaab", 41), PATTERN_LIMIT);
	assert_int_equal(pattern_match(p, "aaa", 3), PATTERN_MATCH);
	pattern_free(p);
	p = pattern_compile("(*LIMIT_MATCH=999999999)(*LIMIT_HEAP=99999999)"
	    "^(a+)+$", msg, sizeof msg, &off);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaab", 41), PATTERN_LIMIT);
	pattern_free(p);
	/* Invalid UTF-8 in an answer never matches and never crashes. */
	p = pattern_compile("^ok", msg, sizeof msg, &off);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, "ok\xff\xfe", 4), PATTERN_MATCH);
	assert_int_equal(pattern_match(p, "\xff" "ok", 3), PATTERN_NO_MATCH);
	pattern_free(p);
	p = pattern_compile(".", msg, sizeof msg, &off);
	assert_int_equal(pattern_match(p, "\xff\xfe", 2), PATTERN_NO_MATCH);
	assert_int_equal(pattern_match(p, "\xe5\x90", 2), PATTERN_NO_MATCH);
	pattern_free(p);
	/* Matching is a search in UTF mode: one character, three bytes. */
	p = pattern_compile("^.$", msg, sizeof msg, &off);
	assert_int_equal(pattern_match(p, "\xe5\x90\x8d", 3), PATTERN_MATCH);
	pattern_free(p);
	assert_null(pattern_compile("a\\Cb", msg, sizeof msg, &off));
	assert_string_equal(msg, "using \\C is disabled by the application");
	assert_int_equal(off, 3);
}

static void
test_validate_length_counts_characters_not_bytes(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	/* Three Chinese characters are nine bytes and three characters. */
	r = check(fx, DHEAD "      name: 小明醫\n");
	assert_int_equal(h_count(r, FIND_LENGTH, NULL), 0);
	r = check(fx, DHEAD "      name: 小明\n");
	h_assert_finding(h_finding(r, FIND_LENGTH, "vt.main.name", 0), 6, 13,
	    "too short: 2 characters, at least 3 expected");
	r = check(fx, DHEAD "      name: 小明醫療有限公司醫療有\n");
	h_assert_finding(h_finding(r, FIND_LENGTH, "vt.main.name", 0), 6, 13,
	    "too long: 11 characters, at most 10 allowed");
	r = check(fx, DHEAD "      name: 小明醫療有限公司醫療\n");
	assert_int_equal(h_count(r, FIND_LENGTH, NULL), 0);
}

/* A field's own clause, provenance and severity go into its findings. */
static void
test_validate_field_severity_and_clause(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;
	char *cite;

	r = check(fx, DHEAD "      note: abc\n");
	f = h_finding(r, FIND_LENGTH, "vt.main.note", 0);
	h_assert_finding(f, 6, 13, "too long: 3 characters, at most 2 allowed");
	assert_int_equal(f->sev, TMPL_WARNING);
	assert_string_equal(f->clause, "3.9");
	assert_int_equal(f->prov, TMPL_PROV_INFERRED);
	cite = validate_clause_text(f->tmpl, f->clause, f->prov);
	assert_string_equal(cite, "VT 3.9 (inferred)");
	free(cite);
	cite = validate_clause_text(f->tmpl, "Records", TMPL_PROV_TOPIC);
	assert_string_equal(cite, "Records (topic; no clause number known)");
	free(cite);
	cite = validate_clause_text(f->tmpl, NULL, TMPL_PROV_PEER);
	assert_string_equal(cite, "VT (peer practice)");
	free(cite);
	cite = validate_clause_text(f->tmpl, "4", TMPL_PROV_SUMMARY_ONLY);
	assert_string_equal(cite, "VT 4 (summary only)");
	free(cite);
	/* Warnings do not count as errors. */
	assert_int_equal(f->sev, TMPL_WARNING);
	assert_true(r->warnings >= 1);
}

static void
test_validate_multichoice_items(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;

	r = check(fx, DHEAD "      tags: [x]\n");
	h_assert_finding(h_finding(r, FIND_ITEMS, "vt.main.tags", 0), 6, 13,
	    "1 item; at least 2 needed");
	r = check(fx, DHEAD "      tags: [x, y, z]\n");
	h_assert_finding(h_finding(r, FIND_ITEMS, "vt.main.tags", 0), 6, 13,
	    "3 items; at most 2 allowed");
	r = check(fx, DHEAD "      tags: [x, w]\n");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.tags", 0), 6, 17,
	    "'w' is not one of the options");
	r = check(fx, DHEAD "      tags:\n        - x\n        - x\n");
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.main.tags", 0), 8, 11,
	    "'x' is chosen more than once");
	r = check(fx, DHEAD "      tags: [x, y]\n");
	assert_int_equal(h_count(r, FIND_ITEMS, NULL), 0);
	assert_int_equal(h_count(r, FIND_VALUE, NULL), 0);
}

static void
test_validate_group_items_and_record_fields(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;

	r = check(fx,
	    "format: 1\n"
	    "templates: [vt:1]\n"
	    "answers:\n"
	    "  vt:\n"
	    "    recs:\n"
	    "      sets:\n"
	    "        - role: train\n"			/* 7 */
	    "          split: 80%\n"
	    "        - role: test\n"			/* 9 */
	    "        - role: test\n"			/* 10 */
	    "          source: public\n"
	    "        - role: valid\n"			/* 12 */
	    "          source: x\n");
	h_assert_finding(h_finding(r, FIND_ITEMS, "vt.recs.sets", 0), 7, 9,
	    "4 records; at most 3 allowed");
	/* required: role == "test", read in the record's own role. */
	f = h_finding(r, FIND_MISSING, "vt.recs.sets[2].source", 0);
	h_assert_finding(f, 9, 11, "Source: not answered");
	assert_true(f->in_record);
	assert_int_equal(f->rec, 1);
	assert_ptr_equal(f->field, h_field(fx, "vt.recs.sets.source"));
	assert_string_equal(f->clause, "Records (topic)");
	assert_int_equal(h_count(r, FIND_MISSING, "vt.recs.sets[1].source"),
	    0);
	assert_int_equal(h_count(r, FIND_MISSING, "vt.recs.sets[3].source"),
	    0);
	/* when: role == "train" on split: only record 1 needs one. */
	assert_int_equal(h_count(r, FIND_MISSING, "vt.recs.sets[1].split"), 0);
	assert_int_equal(h_count(r, FIND_MISSING, "vt.recs.sets[2].split"), 0);
	h_assert_finding(h_finding(r, FIND_VALUE, "vt.recs.sets[4].role", 0),
	    12, 17, "'valid' is not one of the options");
	/* A train record without its split. */
	r = check(fx, "format: 1\ntemplates: [vt:1]\nanswers:\n  vt:\n"
	    "    recs:\n      sets:\n        - role: test\n"
	    "          source: s\n        - {role: train}\n");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.recs.sets[2].split", 0),
	    9, 11, "Split: not answered");
	assert_int_equal(h_count(r, FIND_MISSING, NULL), 3);
}

static void
test_validate_evidence_files(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	char *p, *yaml;

	p = h_write(fx, "manual.pdf", "%PDF", (size_t)-1);
	free(p);
	p = h_path(fx, "sub");
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	r = check(fx, DHEAD "      manual: manual.pdf\n      plan: nope.pdf\n");
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.manual"), 0);
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.plan", 0), 7, 13,
	    "evidence file 'nope.pdf' not found");
	r = check(fx, DHEAD "      manual: sub\n      plan: ./sub/\n");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.manual", 0), 6, 15,
	    "evidence 'sub' is a folder; name a file");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.plan", 0), 7, 13,
	    "evidence './sub/' is a folder; name a file");
	r = check(fx, DHEAD "      manual: https://example.com/manual.pdf\n"
	    "      plan: \\\\server\\share\\plan.pdf\n");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.manual", 0), 6, 15,
	    "'https://example.com/manual.pdf' must be a path to a file beside "
	    "the dossier, not a link or network share");
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.manual"), 1);
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.plan", 0), 7, 13,
	    "'\\\\server\\share\\plan.pdf' must be a path to a file beside the "
	    "dossier, not a link or network share");
	/* Outside the folder: said even when the file is there. */
	r = check(fx, DHEAD "      manual: ../manual.pdf\n"
	    "      plan: sub/../manual.pdf\n");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.manual", 0), 6, 15,
	    "evidence '../manual.pdf' lies outside the dossier's folder; keep "
	    "evidence beside the dossier so it travels with it");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.manual", 1), 6, 15,
	    "evidence file '../manual.pdf' not found");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.plan", 0), 7, 13,
	    "evidence 'sub/../manual.pdf' lies outside the dossier's folder; "
	    "keep evidence beside the dossier so it travels with it");
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.plan"), 1);
	p = h_path(fx, "manual.pdf");
	yaml = xasprintf(DHEAD "      manual: %s\n", p);
	r = check(fx, yaml);
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.manual"), 1);
	assert_non_null(strstr(h_finding(r, FIND_FILE, "vt.main.manual",
	    0)->message, "lies outside the dossier's folder"));
	free(yaml);
	free(p);
	/* A FIFO is looked at, never opened. */
	p = h_path(fx, "pipe.pdf");
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	r = check(fx, DHEAD "      manual: pipe.pdf\n");
	h_assert_finding(h_finding(r, FIND_FILE, "vt.main.manual", 0), 6, 15,
	    "evidence 'pipe.pdf' is not a readable regular file");
}

/* With a cache, a lookup is remembered until the cache is cleared. */
static void
test_validate_cache_remembers_evidence_until_cleared(void **state)
{
	struct fx *fx = with_template(state);
	struct vcache *cache = vcache_new();
	struct report *r;
	char *p;

	assert_non_null(h_dossier(fx, NULL, DHEAD "      plan: late.pdf\n"));
	r = validate(fx->d, cache);
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.plan"), 1);
	report_free(r);
	p = h_write(fx, "late.pdf", "x", (size_t)-1);
	free(p);
	r = validate(fx->d, cache);
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.plan"), 1);
	report_free(r);
	vcache_clear(cache);
	r = validate(fx->d, cache);
	assert_int_equal(h_count(r, FIND_FILE, "vt.main.plan"), 0);
	report_free(r);
	vcache_free(cache);
}

static void
test_validate_rules_with_and_without_field(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;

	r = check(fx, DHEAD "      ok: no\n      count: 3\n");
	f = h_finding(r, FIND_RULE, "vt.main.count", 0);
	/* At the value of the rule's field. */
	h_assert_finding(f, 7, 14, "a count needs a name");
	assert_int_equal(f->sev, TMPL_ERROR);
	assert_non_null(f->rule);
	assert_string_equal(f->rule->id, "count-needs-name");
	assert_ptr_equal(f->field, h_field(fx, "vt.main.count"));
	assert_string_equal(f->clause, "3.1");
	/* Without a field: at the section. */
	f = h_finding(r, FIND_RULE, "vt.main", 0);
	h_assert_finding(f, 6, 7, "ok must not be no");
	assert_int_equal(f->sev, TMPL_INFO);
	assert_null(f->field);
	assert_int_equal(r->infos, 1);
	r = check(fx, DHEAD "      ok: yes\n      count: 3\n      name: abc\n");
	assert_int_equal(h_count(r, FIND_RULE, NULL), 0);
}

static void
test_validate_when_and_required_if_on_sections_and_fields(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct section_status *ss;

	r = check(fx, DHEAD "      kind: hardware\n");
	ss = report_section(r, tmpl_section_by_id(fx->set->t[0], "gated"));
	assert_non_null(ss);
	assert_false(ss->applies);
	assert_int_equal(ss->required, 0);
	assert_false(validate_section_applies(fx->d, ss->section));
	assert_int_equal(h_count(r, FIND_MISSING, "vt.gated.a"), 0);
	assert_int_equal(h_count(r, FIND_MISSING, "vt.main.why"), 0);
	assert_int_equal(h_count(r, FIND_MISSING, "vt.main.sw_only"), 0);
	assert_false(validate_applies(fx->d, h_field(fx, "vt.main.sw_only"),
	    0));
	assert_true(validate_applies(fx->d, h_field(fx, "vt.main.why"), 0));
	r = check(fx, DHEAD "      kind: software\n");
	ss = report_section(r, tmpl_section_by_id(fx->set->t[0], "gated"));
	assert_true(ss->applies);
	assert_int_equal(ss->required, 1);
	/* The section is absent: at the template's answers. */
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.gated.a", 0), 5, 5,
	    "A: not answered");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.main.why", 0), 6, 7,
	    "Why: not answered");
	h_assert_finding(h_finding(r, FIND_MISSING, "vt.main.sw_only", 0), 6,
	    7, "Software only: not answered");
	assert_true(validate_applies(fx->d, h_field(fx, "vt.main.sw_only"),
	    0));
	assert_true(validate_applies(fx->d, h_field(fx, "vt.gated.a"), 0));
}

static void
test_validate_applies_to_group_records(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *split = h_field(fx, "vt.recs.sets.split");

	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [vt:1]\n"
	    "answers:\n  vt:\n    recs:\n      sets:\n        - role: test\n"
	    "        - role: train\n"));
	assert_false(validate_applies(fx->d, split, 0));
	assert_true(validate_applies(fx->d, split, 1));
	assert_false(validate_applies(fx->d, split, 7));
}

/*
 * Completeness: applicable required fields; complete when answered (or
 * reasonably not applicable) with no error of their own.
 */
static void
test_validate_completeness_counting(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct section_status *ss;
	const struct tmpl *t;

	r = check(fx, DHEAD "      name: abc\n");
	t = fx->set->t[0];
	assert_int_equal(r->nsections, 3);
	ss = report_section(r, tmpl_section_by_id(t, "main"));
	/* name, kind; why and sw_only only for software. */
	assert_int_equal(ss->required, 2);
	assert_int_equal(ss->complete, 1);
	assert_int_equal(section_percent(ss), 50);
	ss = report_section(r, tmpl_section_by_id(t, "recs"));
	assert_int_equal(ss->required, 1);
	assert_int_equal(ss->complete, 0);
	assert_int_equal(section_percent(ss), 0);
	assert_int_equal(r->required, 3);
	assert_int_equal(r->complete, 1);
	assert_int_equal(report_percent(r), 33);
	/* An answer with an error of its own is not complete. */
	r = check(fx, DHEAD "      name: ab\n      kind: hardware\n");
	ss = report_section(r, tmpl_section_by_id(t, "main"));
	assert_int_equal(ss->required, 2);
	assert_int_equal(ss->complete, 1);
	assert_int_equal(ss->errors, 1);
	/* Software: four required in main, one in gated. */
	r = check(fx, DHEAD "      name: abc\n      kind: software\n"
	    "      why: because\n      sw_only: s\n"
	    "    gated:\n      a: x\n"
	    "    recs:\n      sets:\n        - role: test\n"
	    "          source: s\n");
	assert_int_equal(r->errors, 0);
	assert_int_equal(r->required, 6);
	assert_int_equal(r->complete, 6);
	assert_int_equal(report_percent(r), 100);
	/* A record missing a required field leaves the group incomplete. */
	r = check(fx, DHEAD "      name: abc\n      kind: hardware\n"
	    "    recs:\n      sets:\n        - role: test\n");
	ss = report_section(r, tmpl_section_by_id(t, "recs"));
	assert_int_equal(ss->required, 1);
	assert_int_equal(ss->complete, 0);
	assert_int_equal(report_percent(r), 66);
}

static void
test_validate_not_applicable_with_reason_counts_as_complete(void **state)
{
	struct fx *fx = with_template(state);
	static const char tpl[] =
	    "id: na\nedition: \"1\"\ntitle: NA\nsections:\n"
	    "  - id: s\n    title: S\n    fields:\n"
	    "      - {id: f, label: F, type: file, required: true, "
	    "allow_na: true}\n"
	    "      - {id: g, label: G, type: text, required: true}\n";
	const struct report *r;

	(void)fx;
	assert_non_null(h_set(fx, NULL, tpl));
	r = check(fx, "format: 1\ntemplates: [na:1]\nanswers:\n  na:\n"
	    "    s:\n      f: {not_applicable: no such document}\n"
	    "      g: {not_applicable: no}\n");
	assert_int_equal(r->required, 2);
	assert_int_equal(r->complete, 1);
	assert_int_equal(report_percent(r), 50);
}

static void
test_validate_nothing_required_is_complete(void **state)
{
	struct fx *fx = *state;
	const struct report *r;

	assert_non_null(h_set(fx, NULL, "id: o\nedition: \"1\"\ntitle: O\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n"
	    "      - {id: f, label: F, type: text}\n"));
	r = check(fx, "format: 1\ntemplates: [o:1]\n");
	assert_int_equal(r->n, 0);
	assert_int_equal(r->required, 0);
	assert_int_equal(report_percent(r), 100);
}

static void
test_validate_unknown_keys_are_kept_and_reported(void **state)
{
	struct fx *fx = with_template(state);
	const struct report *r;
	const struct finding *f;

	r = check(fx,
	    "format: 1\n"
	    "templates: [vt:1]\n"
	    "device: {colour: red}\n"
	    "answers:\n"
	    "  vt:\n"
	    "    main:\n"
	    "      name: abc\n"
	    "      kind: hardware\n"
	    "      colour: blue\n"				/* 9 */
	    "    extra_section: {a: 1}\n"			/* 10 */
	    "    recs:\n"
	    "      sets:\n"
	    "        - role: test\n"
	    "          source: s\n"
	    "          weight: 3\n"				/* 15 */
	    "  other-tpl:\n"				/* 16 */
	    "    x: 1\n"
	    "x-custom: kept\n");			/* 18 */
	f = h_finding(r, FIND_UNKNOWN, "x-custom", 0);
	h_assert_finding(f, 18, 1, "'x-custom' is not a dossier key (format, "
	    "templates, device, answers, reviews, conflicts, evidence) (kept as it is)");
	assert_int_equal(f->sev, TMPL_WARNING);
	assert_null(f->tmpl);
	h_assert_finding(h_finding(r, FIND_UNKNOWN, "other-tpl", 0), 16, 3,
	    "'other-tpl' is not a template the dossier lists in 'templates' "
	    "(kept as it is)");
	h_assert_finding(h_finding(r, FIND_UNKNOWN, "vt.extra_section", 0), 10,
	    5, "'extra_section' is not a section of this template (kept as it "
	    "is)");
	h_assert_finding(h_finding(r, FIND_UNKNOWN, "vt.main.colour", 0), 9, 7,
	    "'colour' is not a question of this template (kept as it is)");
	h_assert_finding(h_finding(r, FIND_UNKNOWN, "vt.recs.sets[1].weight",
	    0), 15, 11, "'weight' is not a question of this template (kept as "
	    "it is)");
	/* device: never produces findings. */
	assert_int_equal(h_count(r, FIND_UNKNOWN, NULL), 5);
	assert_int_equal(r->errors, 0);
	assert_int_equal(r->warnings, 5);
}

/* The made-up regulator's template drives validation unchanged. */
static void
test_validate_made_up_regulator_partial_dossier(void **state)
{
	struct fx *fx = *state;
	char *dir = h_data("tpl"), *file = h_data("acme-partial.yaml");
	const char *dirs[1] = { dir };
	const struct report *r;

	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_non_null(fx->set);
	fx->d = dossier_load(file, fx->set, &fx->err);
	assert_non_null(fx->d);
	r = h_validate(fx);
	h_assert_finding(h_finding(r, FIND_LENGTH, "acme-qa.product.name", 0),
	    9, 13, "too short: 2 characters, at least 3 expected");
	h_assert_finding(h_finding(r, FIND_MISSING,
	    "acme-qa.product.why_different", 0), 9, 7,
	    "Why the tested version is still relevant: not answered");
	h_assert_finding(h_finding(r, FIND_RANGE, "acme-qa.product.units", 0),
	    13, 14, "-5 is below the minimum of 0");
	h_assert_finding(h_finding(r, FIND_VALUE, "acme-qa.product.launch", 0),
	    14, 15, "'2025-02-30' is not a date in the form YYYY-MM-DD");
	h_assert_finding(h_finding(r, FIND_VALUE, "acme-qa.product.markets",
	    0), 15, 21, "'Mars' is not one of the options");
	h_assert_finding(h_finding(r, FIND_NA, "acme-qa.product.manual", 0),
	    16, 15, "say why this does not apply: a reason is required");
	h_assert_finding(h_finding(r, FIND_RULE,
	    "acme-qa.product.why_different", 0), 9, 7,
	    "the tested version differs from the listed one; explain why the "
	    "tests still hold");
	h_assert_finding(h_finding(r, FIND_RANGE, "acme-qa.data.sets[1].rows",
	    0), 22, 17, "0 is below the minimum of 1");
	h_assert_finding(h_finding(r, FIND_RULE, "acme-qa.data.sets", 0), 21, 9,
	    "add at least one test data set");
	assert_int_equal(h_count(r, FIND_UNKNOWN, NULL), 4);
	assert_int_equal(r->errors, 8);
	assert_int_equal(r->warnings, 5);
	assert_int_equal(r->n, 13);
	free(dir);
	free(file);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_validate_missing_required_fields),
		T(test_validate_blank_answers_are_missing),
		T(test_validate_not_applicable_misuse_and_missing_reason),
		T(test_validate_values_of_each_type),
		T(test_validate_dates_including_leap_days),
		T(test_validate_integer_range),
		T(test_validate_pattern_with_and_without_message),
		T(test_validate_version_needs_a_number),
		T(test_validate_runaway_pattern_is_reported_not_judged),
		T(test_validate_pattern_matcher_limits_and_invalid_utf8),
		T(test_validate_length_counts_characters_not_bytes),
		T(test_validate_field_severity_and_clause),
		T(test_validate_multichoice_items),
		T(test_validate_group_items_and_record_fields),
		T(test_validate_evidence_files),
		T(test_validate_cache_remembers_evidence_until_cleared),
		T(test_validate_rules_with_and_without_field),
		T(test_validate_when_and_required_if_on_sections_and_fields),
		T(test_validate_applies_to_group_records),
		T(test_validate_completeness_counting),
		T(test_validate_not_applicable_with_reason_counts_as_complete),
		T(test_validate_nothing_required_is_complete),
		T(test_validate_unknown_keys_are_kept_and_reported),
		T(test_validate_made_up_regulator_partial_dossier),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
