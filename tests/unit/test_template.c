/*
 * Unit tests of the template loader (core/template.c): what a good
 * template turns into, every kind of load error with its exact
 * file:line:col and message, and loading sets of templates from folders.
 * The templates are small ones written here, for no real regulator.
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

#include "core/template.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

/*
 * Every template below starts with HEAD: line 5 holds the section (its
 * mapping at 5:5), line 7 "fields:", and the first field's mapping starts
 * at 8:9 with its keys in column 9.
 */
#define HEAD \
	"id: t\n" \
	"edition: \"1\"\n" \
	"title: T\n" \
	"sections:\n" \
	"  - id: s\n" \
	"    title: S\n" \
	"    fields:\n"
#define FIELD_A \
	"      - id: a\n" \
	"        label: A\n" \
	"        type: text\n"

/* The template text must be refused with this position and message. */
static void
refused(struct fx *fx, const char *yaml, int line, int col, const char *msg)
{
	if (h_set(fx, NULL, yaml) != NULL)
		print_error("accepted:\n%s", yaml);
	assert_null(fx->set);
	h_assert_err(fx, "t.yaml", line, col, msg);
}

static const struct tmpl *
only(const struct fx *fx)
{
	assert_non_null(fx->set);
	assert_int_equal(fx->set->n, 1);
	return fx->set->t[0];
}

static void
test_template_minimal_loads_with_defaults(void **state)
{
	struct fx *fx = *state;
	const struct tmpl *t;
	const struct tmpl_field *f;

	assert_non_null(h_set(fx, NULL, HEAD FIELD_A));
	t = only(fx);
	assert_string_equal(t->id, "t");
	assert_string_equal(t->edition, "1");
	assert_string_equal(t->title, "T");
	assert_null(t->source);
	assert_false(t->draft);
	/* sha256sum of the file's bytes. */
	assert_string_equal(t->sha256, "1d2d17a064c7f315fa053df6f255c7072030"
	    "294d9a2f66a4a02f3ab28a4faf0d");
	assert_int_equal(t->nsections, 1);
	assert_int_equal(t->sections[0].line, 5);
	assert_int_equal(t->sections[0].col, 5);
	assert_null(t->sections[0].clause);
	assert_null(t->sections[0].when);
	assert_int_equal(t->sections[0].nrules, 0);
	f = &t->sections[0].fields[0];
	assert_string_equal(f->id, "a");
	assert_string_equal(f->label, "A");
	assert_int_equal(f->type, TMPL_TEXT);
	assert_int_equal(f->line, 8);
	assert_int_equal(f->col, 9);
	assert_false(f->required);
	assert_null(f->required_if);
	assert_null(f->when);
	assert_null(f->pattern);
	assert_int_equal(f->min_length, -1);
	assert_int_equal(f->max_length, -1);
	assert_int_equal(f->min_items, -1);
	assert_false(f->has_min);
	assert_false(f->allow_na);
	assert_int_equal(f->severity, TMPL_ERROR);
	assert_ptr_equal(f->section, &t->sections[0]);
	assert_null(f->group);
}

static const char every_type[] = HEAD
    "      - id: t1\n        label: L\n        type: text\n"
    "        min_length: 2\n        max_length: 9\n"
    "        pattern: '^[a-z]+$'\n        pattern_message: letters\n"
    "      - id: t2\n        label: L\n        type: longtext\n"
    "      - id: t3\n        label: L\n        type: choice\n"
    "        options: [x, y]\n        required: true\n"
    "      - id: t4\n        label: L\n        type: multichoice\n"
    "        options: [x, y]\n        min_items: 1\n        max_items: 2\n"
    "      - id: t5\n        label: L\n        type: yesno\n"
    "        severity: warning\n"
    "      - id: t6\n        label: L\n        type: date\n"
    "        when: t5\n"
    "      - id: t7\n        label: L\n        type: integer\n"
    "        min: -3\n        max: 12\n"
    "      - id: t8\n        label: L\n        type: version\n"
    "        required: t5 == yes\n"
    "      - id: t9\n        label: L\n        type: file\n"
    "        allow_na: true\n        clause: \"9.9\"\n"
    "        provenance: inferred\n"
    "      - id: t10\n        label: L\n        type: group\n"
    "        fields:\n"
    "          - id: r1\n            label: R\n            type: text\n"
    "            required: true\n"
    "          - id: r2\n            label: R\n            type: integer\n"
    "            when: r1 == \"x\"\n";

static void
test_template_reads_every_type_and_constraint(void **state)
{
	struct fx *fx = *state;
	const struct tmpl_section *s;
	const struct tmpl_field *f;

	assert_non_null(h_set(fx, NULL, every_type));
	s = &only(fx)->sections[0];
	assert_int_equal(s->nfields, 10);
	f = &s->fields[0];
	assert_int_equal(f->min_length, 2);
	assert_int_equal(f->max_length, 9);
	assert_non_null(f->pattern);
	assert_string_equal(f->pattern_src, "^[a-z]+$");
	assert_string_equal(f->pattern_message, "letters");
	assert_int_equal(f->pattern_line, 13);
	assert_int_equal(f->pattern_col, 18);
	assert_int_equal(s->fields[1].type, TMPL_LONGTEXT);
	f = &s->fields[2];
	assert_int_equal(f->type, TMPL_CHOICE);
	assert_int_equal(f->options.n, 2);
	assert_string_equal(f->options.v[1], "y");
	assert_true(f->required);
	f = &s->fields[3];
	assert_int_equal(f->type, TMPL_MULTICHOICE);
	assert_int_equal(f->min_items, 1);
	assert_int_equal(f->max_items, 2);
	assert_int_equal(s->fields[4].severity, TMPL_WARNING);
	assert_non_null(s->fields[5].when);
	assert_string_equal(cond_source(s->fields[5].when), "t5");
	f = &s->fields[6];
	assert_true(f->has_min && f->has_max);
	assert_int_equal(f->min, -3);
	assert_int_equal(f->max, 12);
	f = &s->fields[7];
	assert_false(f->required);
	assert_non_null(f->required_if);
	assert_string_equal(cond_source(f->required_if), "t5 == yes");
	f = &s->fields[8];
	assert_true(f->allow_na);
	assert_string_equal(tmpl_field_clause(f), "9.9");
	assert_int_equal(tmpl_field_prov(f), TMPL_PROV_INFERRED);
	f = &s->fields[9];
	assert_int_equal(f->type, TMPL_GROUP);
	assert_int_equal(f->nfields, 2);
	assert_ptr_equal(f->fields[0].group, f);
	assert_ptr_equal(f->fields[0].section, s);
	assert_true(f->fields[0].required);
	assert_non_null(f->fields[1].when);
	assert_string_equal(tmpl_type_name(TMPL_TEXT), "text");
	assert_string_equal(tmpl_type_name(TMPL_GROUP), "group");
	assert_string_equal(tmpl_severity_name(TMPL_INFO), "info");
	assert_string_equal(tmpl_prov_name(TMPL_PROV_SUMMARY_ONLY),
	    "summary-only");
}

/* A template written for another regulator, as a user would. */
static void
test_template_made_up_regulator_loads_from_testdata(void **state)
{
	struct fx *fx = *state;
	char *dir = h_data("tpl");
	const char *dirs[1] = { dir };
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	const struct tmpl *t;

	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	free(dir);
	assert_non_null(fx->set);
	t = tmpl_set_find(fx->set, "acme-qa", "1");
	assert_non_null(t);
	assert_ptr_equal(tmpl_set_find(fx->set, "acme-qa", NULL), t);
	assert_null(tmpl_set_find(fx->set, "acme-qa", "2"));
	assert_true(t->draft);
	assert_string_equal(t->source, "ACME-QA-1");
	assert_string_equal(t->note, "written for the test suite");
	assert_int_equal(t->nsections, 2);
	s = tmpl_section_by_id(t, "product");
	assert_non_null(s);
	assert_int_equal(s->prov, TMPL_PROV_PRIMARY);
	/* A field without a clause cites its section's. */
	f = tmpl_field_by_id(s->fields, s->nfields, "name");
	assert_string_equal(tmpl_field_clause(f), "1.2");
	assert_int_equal(tmpl_field_prov(f), TMPL_PROV_PRIMARY);
	assert_int_equal(s->nrules, 1);
	assert_string_equal(s->rules[0].id, "tested-matches");
	assert_ptr_equal(s->rules[0].field,
	    tmpl_field_by_id(s->fields, s->nfields, "why_different"));
	assert_string_equal(tmpl_rule_clause(&s->rules[0]), "1.2");
	s = tmpl_section_by_id(t, "data");
	assert_non_null(s->when);
	assert_int_equal(s->rules[0].severity, TMPL_WARNING);
	f = tmpl_field_by_id(s->fields, s->nfields, "sets");
	assert_int_equal(f->type, TMPL_GROUP);
	assert_string_equal(tmpl_field_clause(&f->fields[0]), "Data (topic)");
	assert_int_equal(tmpl_field_prov(&f->fields[0]), TMPL_PROV_TOPIC);
	assert_null(tmpl_section_by_id(t, "none"));
}

static void
test_template_status_draft_or_checked(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, "status: draft\n" HEAD FIELD_A));
	assert_true(only(fx)->draft);
	assert_non_null(h_set(fx, NULL, "status: checked\n" HEAD FIELD_A));
	assert_false(only(fx)->draft);
	refused(fx, "status: final\n" HEAD FIELD_A, 1, 9,
	    "status must be 'draft' or 'checked'");
}

/* A group's record key and the GN-10 change mark (diff.h). */
static void
test_template_group_key_and_change_impact(void **state)
{
	struct fx *fx = *state;
	const struct tmpl_field *g;

#define GROUP(extra) \
	"      - id: g\n" \
	"        label: G\n" \
	"        type: group\n" extra \
	"        fields:\n" \
	"          - id: x\n" \
	"            label: X\n" \
	"            type: text\n" \
	"          - id: y\n" \
	"            label: Y\n" \
	"            type: text\n"
	assert_non_null(h_set(fx, NULL, HEAD GROUP("")));
	g = &only(fx)->sections[0].fields[0];
	assert_string_equal(g->key->id, "x");
	assert_null(g->change_impact);
	assert_non_null(h_set(fx, NULL, HEAD GROUP("        key: y\n"
	    "        change_impact: major\n"
	    "        change_provenance: inferred\n")));
	g = &only(fx)->sections[0].fields[0];
	assert_string_equal(g->key->id, "y");
	assert_string_equal(g->change_impact, "major");
	assert_int_equal(g->change_prov, TMPL_PROV_INFERRED);
	refused(fx, HEAD GROUP("        key: z\n"), 11, 14,
	    "field 'g': 'key' names no field of the record (z)");
	refused(fx, HEAD FIELD_A "        key: a\n", 11, 14,
	    "field 'a': 'key' belongs to group fields");
	refused(fx, HEAD FIELD_A "        change_impact: huge\n", 11, 24,
	    "field 'a': change_impact is major or minor, not 'huge'");
#undef GROUP
}

static void
test_template_refuses_unknown_keys_at_each_level(void **state)
{
	struct fx *fx = *state;

	refused(fx, "colour: red\n" HEAD FIELD_A, 1, 1,
	    "unknown key 'colour' in a template (known: id, edition, title, "
	    "source, status, note, jurisdiction, description, order, "
	    "sections)");
	refused(fx, HEAD FIELD_A "    colour: red\n", 11, 5,
	    "unknown key 'colour' in a section (known: id, title, clause, "
	    "provenance, help, when, crosswalk, fields, rules)");
	refused(fx, HEAD FIELD_A "        colour: red\n", 11, 9,
	    "unknown key 'colour' in a field (known: id, label, type, "
	    "options, specify, required, when, pattern, pattern_message, "
	    "min_length, max_length, min_words, min, max, min_items, "
	    "max_items, allow_na, fact, severity, help, example, "
	    "start_from, clause, provenance, crosswalk, fields, unique, "
	    "key, change_impact, change_provenance, manifest)");
	refused(fx, HEAD FIELD_A "    rules:\n      - id: r\n"
	    "        assert: a == \"x\"\n        message: m\n"
	    "        colour: red\n", 15, 9,
	    "unknown key 'colour' in a rule (known: id, assert, message, "
	    "severity, clause, provenance, field, when, crosswalk)");
}

static void
test_template_refuses_missing_required_keys(void **state)
{
	struct fx *fx = *state;

	refused(fx, "id: t\nedition: \"1\"\nsections: []\n", 1, 1,
	    "a template has no 'title'");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\n", 1, 1,
	    "a template has no 'sections'");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\nsections:\n"
	    "  - id: s\n    title: S\n", 5, 5, "a section has no 'fields'");
	refused(fx, HEAD "      - id: a\n        label: A\n", 8, 9,
	    "a field has no 'type'");
	refused(fx, HEAD FIELD_A "    rules:\n      - id: r\n"
	    "        message: m\n", 12, 9, "a rule has no 'assert'");
}

static void
test_template_refuses_wrong_shapes(void **state)
{
	struct fx *fx = *state;

	refused(fx, "- id: t\n", 1, 1,
	    "a template must be a mapping, not a list");
	refused(fx, "just words\n", 1, 1,
	    "a template must be a mapping, not a single value");
	refused(fx, "id: t\nedition: \"1\"\ntitle: [T]\nsections: []\n", 3, 8,
	    "title must be a single value, not a list");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\nsections: []\n", 4, 11,
	    "'sections' must be a non-empty list");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\nsections: {a: b}\n", 4,
	    11, "'sections' must be a non-empty list");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\nsections:\n  - s\n", 5,
	    5, "a section must be a mapping, not a single value");
	refused(fx, HEAD "      x\n", 8, 7,
	    "'fields' must be a list, not a single value");
	refused(fx, HEAD "      - a\n", 8, 9,
	    "a field must be a mapping, not a single value");
	refused(fx, HEAD FIELD_A "    rules: {}\n", 11, 12,
	    "'rules' must be a list, not a mapping");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: choice\n"
	    "        options: x\n", 11, 18, "expected a list, found a single "
	    "value");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: choice\n"
	    "        options: [[x]]\n", 11, 19,
	    "a list item must be a single value, not a list");
	refused(fx, HEAD "      - id: a\n        label: [A]\n        type: text\n",
	    9, 16, "label must be a single value, not a list");
}

static void
test_template_refuses_bad_ids(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD "      - id: Name\n        label: A\n        type: text\n",
	    8, 13, "id 'Name' may use only a-z, 0-9, _");
	refused(fx, HEAD "      - id: a-b\n        label: A\n        type: text\n",
	    8, 13, "id 'a-b' may use only a-z, 0-9, _");
	refused(fx, HEAD "      - id: and\n        label: A\n        type: text\n",
	    8, 13, "id 'and' is a reserved word of the condition language");
	refused(fx, HEAD "      - id: \"\"\n        label: A\n        type: text\n",
	    8, 13, "id must be 1 to 64 characters");
	refused(fx, HEAD "      - id: "
	    "a123456789a123456789a123456789a123456789a123456789a123456789abcde\n"
	    "        label: A\n        type: text\n", 8, 13,
	    "id must be 1 to 64 characters");
	refused(fx, "id: T\nedition: \"1\"\ntitle: T\nsections: []\n", 1, 5,
	    "template id 'T' may use only a-z, 0-9, _ and -");
	refused(fx, HEAD FIELD_A "    rules:\n      - id: R1\n"
	    "        assert: a\n        message: m\n", 12, 13,
	    "rule id 'R1' may use only a-z, 0-9, _ and -");
	refused(fx, "id: t\nedition: 1 2\ntitle: T\nsections: []\n", 2, 10,
	    "edition '1 2' must be 1 to 64 characters from A-Z, a-z, 0-9, "
	    "'.', '_' and '-'");
	refused(fx, "id: t\nedition: \"a:b\"\ntitle: T\nsections: []\n", 2, 10,
	    "edition 'a:b' must be 1 to 64 characters from A-Z, a-z, 0-9, "
	    "'.', '_' and '-'");
	/* An escape sequence in an edition would reach every terminal. */
	refused(fx, "id: t\nedition: \"1\\e[2J\"\ntitle: T\nsections: []\n",
	    2, 10, "edition '1\033[2J' must be 1 to 64 characters from A-Z, "
	    "a-z, 0-9, '.', '_' and '-'");
}

static void
test_template_refuses_bad_values(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD "      - id: a\n        label: A\n        type: number\n",
	    10, 15, "unknown field type 'number' (known: text, longtext, "
	    "choice, multichoice, yesno, date, integer, version, file, group)");
	refused(fx, HEAD FIELD_A "        allow_na: maybe\n", 11, 19,
	    "expected true or false, found 'maybe'");
	refused(fx, HEAD FIELD_A "        min_length: -1\n", 11, 21,
	    "min_length must be 0 or more");
	refused(fx, HEAD FIELD_A "        min_length: two\n", 11, 21,
	    "expected a whole number, found 'two'");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: integer\n"
	    "        min: 1.5\n", 11, 14, "expected a whole number, found '1.5'");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: integer\n"
	    "        max: 99999999999999999999\n", 11, 14,
	    "'99999999999999999999' is out of range (beyond 64 bits)");
	refused(fx, HEAD FIELD_A "        severity: fatal\n", 11, 19,
	    "unknown severity 'fatal' (known: error, warning, info)");
	refused(fx, HEAD FIELD_A "        provenance: rumour\n", 11, 21,
	    "unknown provenance 'rumour' (known: primary, secondary, "
	    "summary-only, inferred, topic, peer)");
}

static void
test_template_refuses_constraints_that_do_not_fit_the_type(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD "      - id: a\n        label: A\n        type: choice\n",
	    8, 9, "field 'a': a choice needs a non-empty 'options' list");
	refused(fx, HEAD "      - id: a\n        label: A\n"
	    "        type: multichoice\n        options: []\n", 8, 9,
	    "field 'a': a multichoice needs a non-empty 'options' list");
	refused(fx, HEAD FIELD_A "        options: [x]\n", 11, 18,
	    "field 'a': 'options' belongs to choice and multichoice fields");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: choice\n"
	    "        options: [x, y, x]\n", 11, 25,
	    "field 'a': option 'x' is listed twice");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: group\n",
	    8, 9, "field 'a': a group needs 'fields'");
	refused(fx, HEAD FIELD_A "        fields: []\n", 11, 17,
	    "field 'a': only a group has 'fields'");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: integer\n"
	    "        pattern: x\n", 11, 18, "field 'a': a pattern applies to "
	    "text, longtext, version, file and date fields");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: integer\n"
	    "        min_length: 1\n", 8, 9,
	    "field 'a': min_length/max_length apply to text fields");
	refused(fx, HEAD FIELD_A "        min: 1\n", 8, 9,
	    "field 'a': min/max apply to integer fields");
	refused(fx, HEAD FIELD_A "        min_items: 1\n", 8, 9,
	    "field 'a': min_items/max_items apply to multichoice and group "
	    "fields");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: integer\n"
	    "        min: 5\n        max: 4\n", 8, 9,
	    "field 'a': min is above max");
	refused(fx, HEAD FIELD_A "        min_length: 5\n        max_length: 4\n",
	    8, 9, "field 'a': min_length is above max_length");
	refused(fx, HEAD "      - id: a\n        label: A\n        type: group\n"
	    "        min_items: 3\n        max_items: 2\n        fields:\n"
	    "          - id: r\n            label: R\n            type: text\n",
	    8, 9, "field 'a': min_items is above max_items");
}

static void
test_template_refuses_nested_groups(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n"
	    "          - id: h\n            label: H\n            type: group\n"
	    "            fields:\n"
	    "              - id: x\n                label: X\n"
	    "                type: text\n", 16, 15,
	    "groups do not nest: a record field cannot have fields");
}

static void
test_template_refuses_duplicate_ids_naming_the_first(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD FIELD_A FIELD_A, 11, 13,
	    "duplicate field id 'a' (first at 8:9)");
	refused(fx, HEAD FIELD_A "  - id: s\n    title: S2\n    fields:\n"
	    FIELD_A, 11, 9, "duplicate section id 's' (first at 5:5)");
	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n"
	    "          - id: r\n            label: R\n            type: text\n"
	    "          - id: r\n            label: R\n            type: text\n",
	    15, 17, "duplicate field id 'r' (first at 12:13)");
	/* YAML's own duplicate keys, inside a template. */
	refused(fx, HEAD "      - id: a\n        id: b\n        type: text\n", 9, 9,
	    "duplicate key 'id' (first at 8:9)");
}

static void
test_template_refuses_rule_naming_a_missing_field(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD FIELD_A "    rules:\n      - id: r\n"
	    "        assert: filled(a)\n        message: m\n"
	    "        field: zz\n", 15, 16,
	    "rule points at field 'zz', which section 's' does not have");
}

static void
test_template_refuses_bad_patterns_at_the_error_offset(void **state)
{
	struct fx *fx = *state;
	char *yaml, *parens;
	size_t i;

	refused(fx, HEAD FIELD_A "        pattern: '^[a-z'\n", 11, 24,
	    "bad pattern: missing terminating ] for character class");
	assert_int_equal(fx->err.code, DIAG_PATTERN);
	refused(fx, HEAD FIELD_A "        pattern: 'a\\Cb'\n", 11, 22,
	    "bad pattern: using \\C is disabled by the application");
	refused(fx, HEAD FIELD_A "        pattern: (a\n", 11, 20,
	    "bad pattern: missing closing parenthesis");
	/* 260 nested parentheses: past our nesting limit of 64. */
	parens = xmalloc(521 + 1);
	for (i = 0; i < 260; i++) {
		parens[i] = '(';
		parens[261 + i] = ')';
	}
	parens[260] = 'a';
	parens[521] = '\0';
	yaml = xasprintf(HEAD FIELD_A "        pattern: '%s'\n", parens);
	refused(fx, yaml, 11, 84,
	    "bad pattern: parentheses are too deeply nested");
	free(yaml);
	free(parens);
	/* Longer than PATTERN_MAX_LENGTH. */
	parens = xmalloc(PATTERN_MAX_LENGTH + 2);
	memset(parens, 'a', PATTERN_MAX_LENGTH + 1);
	parens[PATTERN_MAX_LENGTH + 1] = '\0';
	yaml = xasprintf(HEAD FIELD_A "        pattern: %s\n", parens);
	refused(fx, yaml, 11, 18, "bad pattern: pattern is longer than 4096 "
	    "bytes");
	free(yaml);
	free(parens);
}

static void
test_template_refuses_condition_syntax_errors_at_their_column(void **state)
{
	struct fx *fx = *state;

	/* Plain scalar: the text starts at the value's column. */
	refused(fx, HEAD FIELD_A "        when: a ==\n", 11, 19,
	    "expected a field name, a value or '('");
	assert_int_equal(fx->err.code, DIAG_TEMPLATE);
	/* Quoted scalar: one column further, past the quote. */
	refused(fx, HEAD FIELD_A "        when: 'a $ 1'\n", 11, 18,
	    "unexpected character '$'");
	refused(fx, HEAD FIELD_A "        required: frobnicate(a)\n", 11, 19,
	    "unknown function 'frobnicate' (known: filled, count, has, days_between)");
	refused(fx, HEAD FIELD_A "    rules:\n      - id: r\n"
	    "        assert: (a == 1\n        message: m\n", 13, 24,
	    "expected ')' to close '(' at 13:17");
}

static void
test_template_refuses_conditions_naming_missing_fields(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD FIELD_A "        when: nosuch == \"x\"\n", 11, 15,
	    "'nosuch' is not a field of section 's'");
	refused(fx, HEAD FIELD_A "        required: a == \"x\" and b\n", 11, 32,
	    "'b' is not a field of section 's'");
	refused(fx, "id: t\nedition: \"1\"\ntitle: T\nsections:\n"
	    "  - id: s\n    title: S\n    when: other.a\n    fields:\n"
	    "      - id: a\n        label: A\n        type: text\n", 7, 11,
	    "'other.a' names section 'other', which template 't' does not "
	    "have");
	refused(fx, HEAD FIELD_A "    rules:\n      - id: r\n"
	    "        assert: x.s.a == 1\n        message: m\n", 13, 17,
	    "'x.s.a' names template 'x', which is not loaded");
	/* Record fields are found only inside their group. */
	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n"
	    "          - id: r\n            label: R\n            type: text\n"
	    "      - id: b\n        label: B\n        type: text\n"
	    "        when: r == \"x\"\n", 18, 15,
	    "'r' is not a field of section 's'");
	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n"
	    "          - id: r\n            label: R\n            type: text\n"
	    "            when: zz\n", 15, 19,
	    "'zz' is not a field of section 's' or of this group's records");
}

static void
test_template_refuses_group_misuse_in_conditions(void **state)
{
	struct fx *fx = *state;

	refused(fx, HEAD FIELD_A "        when: count(a) > 1\n", 11, 21,
	    "'a' is not a group; count() counts the records of a group");
	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n"
	    "          - id: r\n            label: R\n            type: text\n"
	    "      - id: b\n        label: B\n        type: text\n"
	    "        when: g == 1\n", 18, 15,
	    "'g' is a group; use count(g) or count(g, ...)");
}

static void
test_template_refuses_hostile_conditions(void **state)
{
	struct fx *fx = *state;
	char *src, *yaml;

	/* 10,000 nested parentheses: refused by length, no recursion. */
	src = xmalloc(20002);
	memset(src, '(', 10000);
	src[10000] = 'a';
	memset(src + 10001, ')', 10000);
	src[20001] = '\0';
	yaml = xasprintf(HEAD FIELD_A "        when: %s\n", src);
	refused(fx, yaml, 11, 15, "condition is longer than 4096 bytes");
	free(yaml);
	/* 100 levels fit the length: refused at the 65th parenthesis. */
	src[100] = 'a';
	memset(src + 101, ')', 100);
	src[201] = '\0';
	yaml = xasprintf(HEAD FIELD_A "        when: %s\n", src);
	refused(fx, yaml, 11, 79, "conditions nest deeper than 64 levels");
	free(yaml);
	free(src);
}

static void
test_template_refuses_more_fields_than_the_limit(void **state)
{
	struct fx *fx = *state;
	size_t cap = 1100 * 64, len;
	char *yaml = xmalloc(cap);
	int i;

	len = (size_t)snprintf(yaml, cap, "%s", HEAD);
	for (i = 0; i <= 1000; i++)
		len += (size_t)snprintf(yaml + len, cap - len,
		    "      - {id: f%d, label: L, type: text}\n", i);
	refused(fx, yaml, 8, 7, "more than 1000 fields (limit)");
	free(yaml);
}

/* YAML-level refusals reach the template loader unchanged. */
static void
test_template_refuses_hostile_yaml(void **state)
{
	struct fx *fx = *state;

	refused(fx, "id: &x t\n", 1, 5,
	    "anchors (&x) are not supported; write the value out");
	refused(fx, "", 1, 1, "file is empty");
	refused(fx, "id: t\n---\nid: u\n", 2, 1,
	    "a second YAML document starts here; a file holds exactly one");
}

/* A folder of templates: files in name order, other files ignored. */
static void
test_template_set_loads_a_folder_in_name_order(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1] = { fx->dir };
	char *p;

	p = h_write(fx, "b.yaml", "id: bb\nedition: \"1\"\ntitle: B\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "a.yml", "id: aa\nedition: \"2\"\ntitle: A\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "notes.txt", "not a template", (size_t)-1);
	free(p);
	p = h_write(fx, ".hidden.yaml", "not: a template\n", (size_t)-1);
	free(p);
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_non_null(fx->set);
	assert_int_equal(fx->set->n, 2);
	assert_string_equal(fx->set->t[0]->id, "aa");
	assert_string_equal(fx->set->t[1]->id, "bb");
}

/* Device facts: single text answers of a section, never "n/a". */
static void
test_template_refuses_facts_that_cannot_be_one_value(void **state)
{
	struct fx *fx = *state;
	const struct tmpl_field *f;

	refused(fx, HEAD "      - id: a\n        label: A\n        type: date\n"
	    "        fact: day\n", 11, 15,
	    "field 'a': 'fact' applies to text and longtext fields");
	refused(fx, HEAD FIELD_A "        fact: maker\n        allow_na: true\n",
	    12, 19, "field 'a': a device fact cannot be marked not "
	    "applicable");
	refused(fx, HEAD "      - id: g\n        label: G\n        type: group\n"
	    "        fields:\n" "          - id: a\n            label: A\n"
	    "            type: text\n            fact: maker\n", 15, 19,
	    "field 'a': a record field cannot be a device fact (each record "
	    "would need its own)");
	refused(fx, HEAD FIELD_A "        fact: Maker Name\n", 11, 15,
	    "fact 'Maker Name' may use only a-z, 0-9, _");
	assert_non_null(h_set(fx, NULL, HEAD FIELD_A "        fact: maker\n"));
	f = h_field(fx, "t.s.a");
	assert_string_equal(f->fact, "maker");
	assert_int_equal(only(fx)->order, TMPL_ORDER_DEFAULT);
}

/*
 * A new dossier lists templates in the order the set has, so the set
 * follows 'order' (then id), not the file names: z.yaml with order 1
 * comes first, and two templates without an order sort by id.
 */
static void
test_template_set_sorts_by_order_then_id(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1] = { fx->dir };
	char *p;

	p = h_write(fx, "a.yaml", "id: last\nedition: \"1\"\ntitle: L\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "b.yaml", "id: mid\nedition: \"1\"\ntitle: M\n"
	    "order: 20\nsections:\n  - id: s\n    title: S\n    fields:\n"
	    FIELD_A, (size_t)-1);
	free(p);
	p = h_write(fx, "c.yaml", "id: also-last\nedition: \"1\"\ntitle: A\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "z.yaml", "id: first\nedition: \"1\"\ntitle: F\n"
	    "order: 1\nsections:\n  - id: s\n    title: S\n    fields:\n"
	    FIELD_A, (size_t)-1);
	free(p);
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_non_null(fx->set);
	assert_int_equal(fx->set->n, 4);
	assert_string_equal(fx->set->t[0]->id, "first");
	assert_string_equal(fx->set->t[1]->id, "mid");
	assert_string_equal(fx->set->t[2]->id, "also-last");
	assert_string_equal(fx->set->t[3]->id, "last");
	assert_int_equal(fx->set->t[1]->order, 20);
	refused(fx, "order: -1\n" HEAD FIELD_A, 1, 8, "order must be 0 or more");
}

static void
test_template_set_first_folder_wins(void **state)
{
	struct fx *fx = *state;
	char *one = h_path(fx, "one"), *two = h_path(fx, "two"), *p;
	const char *dirs[2] = { one, two };

	assert_int_equal(mkdir(one, 0700), 0);
	assert_int_equal(mkdir(two, 0700), 0);
	p = h_write(fx, "one/t.yaml", "id: t\nedition: \"1\"\ntitle: First\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "two/t.yaml", "id: t\nedition: \"1\"\ntitle: Second\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	fx->set = tmpl_set_load(dirs, 2, 1, &fx->err);
	assert_non_null(fx->set);
	assert_int_equal(fx->set->n, 1);
	assert_string_equal(fx->set->t[0]->title, "First");
	free(one);
	free(two);
}

/*
 * Two files of one folder defining the same id:edition is a mistake (a
 * copied file whose edition was not changed): silently using one of them
 * would hide it.
 */
static void
test_template_set_refuses_one_id_twice_in_a_folder(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1] = { fx->dir };
	char *a, *b;

	a = h_write(fx, "a.yaml", "id: t\nedition: \"1\"\ntitle: A\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	b = h_write(fx, "b.yaml", "id: t\nedition: \"1\"\ntitle: B\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_null(fx->set);
	assert_int_equal(fx->err.code, DIAG_TEMPLATE);
	assert_string_equal(fx->err.file, b);
	assert_non_null(strstr(fx->err.msg, "template t:1 is also defined "
	    "in "));
	assert_non_null(strstr(fx->err.msg, a));
	free(a);
	free(b);
}

static void
test_template_set_one_bad_file_refuses_the_set(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1] = { fx->dir };
	char *p;

	p = h_write(fx, "a.yaml", HEAD FIELD_A, (size_t)-1);
	free(p);
	p = h_write(fx, "b.yaml", HEAD FIELD_A "        colour: red\n",
	    (size_t)-1);
	free(p);
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_null(fx->set);
	h_assert_err(fx, "b.yaml", 11, 9, fx->err.msg);
}

static void
test_template_set_missing_folder(void **state)
{
	struct fx *fx = *state;
	char *none = h_path(fx, "none");
	const char *dirs[1] = { none };

	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_null(fx->set);
	assert_int_equal(fx->err.code, DIAG_IO);
	h_assert_diag(&fx->err, none, 0, 0,
	    "cannot read template folder: No such file or directory");
	/* Not required: an empty set. */
	fx->set = tmpl_set_load(dirs, 1, 0, &fx->err);
	assert_non_null(fx->set);
	assert_int_equal(fx->set->n, 0);
	free(none);
}

/* template.section.field reaches into another loaded template. */
static void
test_template_set_resolves_references_across_templates(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1] = { fx->dir };
	const struct tmpl_field *f;
	char *p;

	p = h_write(fx, "a.yaml", "id: base\nedition: \"1\"\ntitle: B\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n" FIELD_A,
	    (size_t)-1);
	free(p);
	p = h_write(fx, "b.yaml", "id: extra\nedition: \"1\"\ntitle: E\n"
	    "sections:\n  - id: s\n    title: S\n    fields:\n"
	    "      - id: b\n        label: B\n        type: text\n"
	    "        when: base.s.a == \"x\"\n", (size_t)-1);
	free(p);
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_non_null(fx->set);
	f = h_field(fx, "extra.s.b");
	assert_non_null(f->when);
	assert_int_equal(fx->set->n, 2);
}

static void
test_template_set_add_refuses_a_second_copy(void **state)
{
	struct fx *fx = *state;
	char *p = h_write(fx, "t.yaml", HEAD FIELD_A, (size_t)-1);
	struct tmpl *a, *b;

	a = tmpl_load_file(p, &fx->err);
	b = tmpl_load_file(p, &fx->err);
	assert_non_null(a);
	assert_non_null(b);
	fx->set = tmpl_set_new();
	assert_int_equal(tmpl_set_add(fx->set, a, &fx->err), 0);
	assert_int_equal(tmpl_set_add(fx->set, b, &fx->err), -1);
	h_assert_err(fx, "t.yaml", 0, 0, fx->err.msg);
	assert_non_null(strstr(fx->err.msg, "template t:1 is also defined in"));
	tmpl_free(b);
	free(p);
}

/*
 * Clause citations in a translation file (clauses:).  The template cites
 * one on a section, one on a record field and one on a rule, a bare
 * number and an id-only one.
 */
static const char claused[] =
    "id: t\n"
    "edition: \"1\"\n"
    "title: T\n"
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    clause: \"T-1, scope\"\n"
    "    fields:\n"
    "      - id: a\n"
    "        label: A\n"
    "        type: text\n"
    "        clause: \"4.2\"\n"
    "      - id: g\n"
    "        label: G\n"
    "        type: group\n"
    "        fields:\n"
    "          - id: r\n"
    "            label: R\n"
    "            type: text\n"
    "            clause: \"Peer practice, records\"\n"
    "      - id: b\n"
    "        label: B\n"
    "        type: text\n"
    "        clause: GN-9\n"
    "    rules:\n"
    "      - id: r1\n"
    "        assert: a == \"x\"\n"
    "        message: m\n"
    "        clause: \"GN-9 (timelines)\"\n";

#define TR_HEAD "template: t:1\nlang: zh-Hant\n"
/* Every other string of claused, so coverage counts only the clauses. */
#define TR_REST \
	"title: 甲\n" \
	"sections:\n" \
	"  s:\n" \
	"    title: 乙\n" \
	"    fields:\n" \
	"      a: {label: 丙}\n" \
	"      g: {label: 丁, fields: {r: {label: 戊}}}\n" \
	"      b: {label: 己}\n" \
	"    rules:\n" \
	"      r1: {message: 庚}\n"

/* Load claused with this translation file; 0 or -1 with fx->err set. */
static int
with_translation(struct fx *fx, const char *tr)
{
	char *p;

	assert_non_null(h_set(fx, NULL, claused));
	p = h_write(fx, "t.zh-Hant.yaml", tr, (size_t)-1);
	free(p);
	return tmpl_load_translations(fx->set->t[0], &fx->err);
}

static void
test_translation_clauses_translate_words_only(void **state)
{
	struct fx *fx = *state;
	const struct tmpl *t;
	size_t total, missing;

	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n"
	    "  \"T-1, scope\": T-1，適用範圍\n"
	    "  \"Peer practice, records\": 同業做法，紀錄\n" TR_REST), 0);
	t = fx->set->t[0];
	assert_string_equal(tmpl_clause_text(t, "T-1, scope", LANG_ZH_HANT),
	    "T-1，適用範圍");
	assert_string_equal(tmpl_clause_text(t, "Peer practice, records",
	    LANG_ZH_HANT), "同業做法，紀錄");
	assert_string_equal(tmpl_clause_text(t, "T-1, scope", LANG_EN),
	    "T-1, scope");
	/* No translation for this one: the English, string by string. */
	assert_string_equal(tmpl_clause_text(t, "GN-9 (timelines)",
	    LANG_ZH_HANT), "GN-9 (timelines)");
	assert_null(tmpl_clause_text(t, NULL, LANG_ZH_HANT));
	assert_true(tmpl_clause_is_words("GN-9 (timelines)"));
	assert_false(tmpl_clause_is_words("4.2"));
	assert_false(tmpl_clause_is_words("GN-9"));
	assert_false(tmpl_clause_is_words("A004 / B002"));
	/*
	 * Coverage: three clauses written as words, one without Chinese;
	 * the number and the bare id are not counted.
	 */
	total = tmpl_coverage(t, LANG_ZH_HANT, NULL, NULL, &missing);
	assert_int_equal(missing, 1);
	tmpl_set_free(fx->set);
	fx->set = NULL;
	assert_int_equal(with_translation(fx, TR_HEAD TR_REST), 0);
	assert_int_equal(tmpl_coverage(fx->set->t[0], LANG_ZH_HANT, NULL, NULL,
	    &missing), total);
	assert_int_equal(missing, 3);
	assert_int_equal(total, 7 + 3);
}

static void
test_translation_clauses_shown_by_validate(void **state)
{
	struct fx *fx = *state;
	const struct tmpl *t;
	char *s;

	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n  \"T-1, scope\": T-1，適用範圍\n"), 0);
	t = fx->set->t[0];
	s = validate_clause_text_lang(t, "T-1, scope", TMPL_PROV_PRIMARY,
	    LANG_ZH_HANT);
	assert_string_equal(s, "T-1，適用範圍");
	free(s);
	s = validate_clause_text_lang(t, "T-1, scope", TMPL_PROV_PRIMARY,
	    LANG_EN);
	assert_string_equal(s, "T-1, scope");
	free(s);
	/* A bare number is the template's own, in every language. */
	s = validate_clause_text_lang(t, "4.2", TMPL_PROV_PRIMARY,
	    LANG_ZH_HANT);
	assert_string_equal(s, "T 4.2");
	free(s);
}

static void
test_translation_clauses_refused_with_place(void **state)
{
	struct fx *fx = *state;

	/* A key no clause cites (here a typo) names its place. */
	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n"
	    "  \"T-1, scope\": T-1，適用範圍\n"
	    "  \"T-1, scopes\": T-1，範圍\n"), -1);
	h_assert_err(fx, "t.zh-Hant.yaml", 5, 3, "no section, field or rule "
	    "of t cites the clause 'T-1, scopes'");
	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n  \"4.2\": 第 4.2 條\n"), -1);
	h_assert_err(fx, "t.zh-Hant.yaml", 4, 3, "a clause number is shown as "
	    "it is; only a clause written as words is translated");
	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n  \"T-1, scope\": [a, b]\n"), -1);
	h_assert_err(fx, "t.zh-Hant.yaml", 4, 17,
	    "a translation must be a non-empty string");
	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses:\n  \"T-1, scope\": \"\"\n"), -1);
	h_assert_err(fx, "t.zh-Hant.yaml", 4, 17,
	    "a translation must be a non-empty string");
	assert_int_equal(with_translation(fx, TR_HEAD
	    "clauses: [T-1]\n"), -1);
	h_assert_err(fx, "t.zh-Hant.yaml", 3, 10, "expected a mapping from "
	    "each clause as the template writes it to its translation");
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_template_minimal_loads_with_defaults),
		T(test_template_reads_every_type_and_constraint),
		T(test_template_made_up_regulator_loads_from_testdata),
		T(test_template_status_draft_or_checked),
		T(test_template_group_key_and_change_impact),
		T(test_template_refuses_unknown_keys_at_each_level),
		T(test_template_refuses_missing_required_keys),
		T(test_template_refuses_wrong_shapes),
		T(test_template_refuses_bad_ids),
		T(test_template_refuses_bad_values),
		T(test_template_refuses_constraints_that_do_not_fit_the_type),
		T(test_template_refuses_nested_groups),
		T(test_template_refuses_duplicate_ids_naming_the_first),
		T(test_template_refuses_rule_naming_a_missing_field),
		T(test_template_refuses_bad_patterns_at_the_error_offset),
		T(test_template_refuses_condition_syntax_errors_at_their_column),
		T(test_template_refuses_conditions_naming_missing_fields),
		T(test_template_refuses_group_misuse_in_conditions),
		T(test_template_refuses_hostile_conditions),
		T(test_template_refuses_more_fields_than_the_limit),
		T(test_template_refuses_hostile_yaml),
		T(test_template_set_loads_a_folder_in_name_order),
		T(test_template_set_first_folder_wins),
		T(test_template_refuses_facts_that_cannot_be_one_value),
		T(test_template_set_sorts_by_order_then_id),
		T(test_template_set_refuses_one_id_twice_in_a_folder),
		T(test_template_set_one_bad_file_refuses_the_set),
		T(test_template_set_missing_folder),
		T(test_template_set_resolves_references_across_templates),
		T(test_template_set_add_refuses_a_second_copy),
		T(test_translation_clauses_translate_words_only),
		T(test_translation_clauses_shown_by_validate),
		T(test_translation_clauses_refused_with_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
