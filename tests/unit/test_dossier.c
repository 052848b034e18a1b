/*
 * Unit tests of the dossier model (core/dossier.c): the shapes a load
 * accepts and refuses (each refusal with its position and message), the
 * canonical text it writes (template order, unknown keys kept where they
 * were, literal blocks, quoting only where a YAML reader would mistype a
 * string), the round trip serialize -> load -> serialize, saving with
 * change detection, and the edit API including group records.
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
#include <unistd.h>

#include "core/dossier.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char qa_template[] =
    "id: qa\n"
    "edition: \"1\"\n"
    "title: Questions\n"
    "sections:\n"
    "  - id: general\n"
    "    title: General\n"
    "    fields:\n"
    "      - {id: name, label: Name, type: text}\n"
    "      - {id: notes, label: Notes, type: longtext}\n"
    "      - {id: count, label: Count, type: integer}\n"
    "      - {id: day, label: Day, type: date}\n"
    "      - {id: ok, label: OK, type: yesno}\n"
    "      - {id: tags, label: Tags, type: multichoice, options: [a, b, c]}\n"
    "      - {id: manual, label: Manual, type: file, allow_na: true}\n"
    "  - id: data\n"
    "    title: Data\n"
    "    fields:\n"
    "      - id: sets\n"
    "        label: Sets\n"
    "        type: group\n"
    "        fields:\n"
    "          - {id: role, label: Role, type: choice, "
    "options: [train, test]}\n"
    "          - {id: rows, label: Rows, type: integer}\n";

/* What dossier writes for a model: the canonical form. */
static const char canonical[] =
    "format: 1\n"
    "templates:\n"
    "- qa:1\n"
    "device:\n"
    "  name: Widget\n"
    "  maker: 小明醫療\n"
    "answers:\n"
    "  qa:\n"
    "    general:\n"
    "      name: Widget\n"
    "      notes: |\n"
    "        first line\n"
    "        second line\n"
    "      count: 10\n"
    "      day: 2024-02-29\n"
    "      ok: yes\n"
    "      tags:\n"
    "      - a\n"
    "      - c\n"
    "      manual:\n"
    "        not_applicable: no manual yet\n"
    "      colour: blue\n"
    "    data:\n"
    "      sets:\n"
    "      - role: train\n"
    "        rows: 100\n"
    "        extra: kept\n"
    "      - role: test\n"
    "        rows: 20\n"
    "    custom_section:\n"
    "      x: 1\n"
    "  other:\n"
    "    z: 2\n"
    "x-custom: kept\n";

static struct fx *
with_template(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, qa_template));
	return fx;
}

/* The dossier text must be refused with this position and message. */
static void
refused(struct fx *fx, const char *yaml, int line, int col, const char *msg)
{
	if (h_dossier(fx, NULL, yaml) != NULL)
		print_error("accepted:\n%s", yaml);
	assert_null(fx->d);
	h_assert_err(fx, "d.yaml", line, col, msg);
}

static char *
serialize(const struct dossier *d)
{
	size_t len;
	char *s = dossier_serialize(d, &len);

	assert_int_equal(strlen(s), len);
	return s;
}

/*
 * serialize, load that, serialize again: both texts equal.  Returns the
 * text; *back (if not NULL) receives the reloaded dossier.
 */
static char *
round_trip_back(struct fx *fx, const struct dossier *d,
    struct dossier **backp)
{
	char *one = serialize(d), *two;
	struct dossier *back;
	struct diag err;

	back = dossier_load_buffer(one, strlen(one), "again.yaml", fx->set,
	    &err);
	if (back == NULL)
		print_error("reload failed: %s:%d:%d: %s\n%s", err.file,
		    err.line, err.col, err.msg, one);
	assert_non_null(back);
	two = serialize(back);
	assert_string_equal(one, two);
	free(two);
	if (backp != NULL)
		*backp = back;
	else
		dossier_free(back);
	return one;
}

static char *
round_trip(struct fx *fx, const struct dossier *d)
{
	return round_trip_back(fx, d, NULL);
}

/* The round trip also gives back the very same tree. */
static char *
round_trip_same(struct fx *fx, const struct dossier *d)
{
	struct dossier *back;
	char *one = round_trip_back(fx, d, &back);

	if (!yt_equal(d->root, back->root))
		print_error("tree changed through:\n%s", one);
	assert_true(yt_equal(d->root, back->root));
	dossier_free(back);
	return one;
}

static void
test_dossier_loads_a_good_file(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *f;

	assert_non_null(h_dossier(fx, NULL, canonical));
	assert_int_equal(fx->d->ntmpls, 1);
	assert_ptr_equal(fx->d->tmpls[0], fx->set->t[0]);
	assert_true(dossier_uses(fx->d, fx->set->t[0]));
	assert_false(fx->d->dirty);
	assert_true(fx->d->have_disk);
	assert_string_equal(dossier_device(fx->d, "maker"), "小明醫療");
	assert_null(dossier_device(fx->d, "none"));
	f = h_field(fx, "qa.general.count");
	assert_string_equal(yt_str(dossier_get(fx->d, f, 0)), "10");
	assert_int_equal(dossier_get(fx->d, f, 0)->line, 14);
	f = h_field(fx, "qa.data.sets");
	assert_int_equal(dossier_nrecords(fx->d, f), 2);
	f = h_field(fx, "qa.data.sets.rows");
	assert_string_equal(yt_str(dossier_get(fx->d, f, 1)), "20");
	assert_null(dossier_get(fx->d, f, 2));
}

static void
test_dossier_accepts_blank_values_where_collections_belong(void **state)
{
	struct fx *fx = with_template(state);

	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [qa:1]\n"
	    "device:\nanswers:\n"));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [qa:1]\n"
	    "answers:\n  qa:\n    general:\n    data:\n      sets:\n"));
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [qa:1]\n"
	    "answers:\n  qa:\n    general:\n      tags: ~\n      name:\n"));
	/* Keys nobody defines are not shape-checked: they are kept. */
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [qa:1]\n"
	    "answers:\n  qa:\n    general:\n      colour: [1, {a: b}]\n"
	    "    nosection: [x]\n  other: [y]\nextra: [z]\n"));
}

static void
test_dossier_refuses_a_root_that_is_not_a_mapping(void **state)
{
	struct fx *fx = with_template(state);

	refused(fx, "- format: 1\n", 1, 1, "a dossier must be a mapping "
	    "(format, templates, device, answers), not a list");
	refused(fx, "format\n", 1, 1, "a dossier must be a mapping "
	    "(format, templates, device, answers), not a single value");
}

static void
test_dossier_refuses_bad_format(void **state)
{
	struct fx *fx = with_template(state);

	refused(fx, "templates: [qa:1]\n", 1, 1,
	    "no 'format' key: is this a dossier file? (expected format: 1)");
	refused(fx, "format: 2\ntemplates: [qa:1]\n", 1, 9,
	    "format 2 is newer than this version of dossier reads (1); "
	    "upgrade dossier");
	refused(fx, "format: \"1\"\ntemplates: [qa:1]\n", 1, 9,
	    "format must be the number 1, not '1'");
	refused(fx, "format: 0\ntemplates: [qa:1]\n", 1, 9,
	    "unknown format 0 (expected 1)");
	refused(fx, "format: 1.0\ntemplates: [qa:1]\n", 1, 9,
	    "format must be the number 1, not '1.0'");
	refused(fx, "format: one\ntemplates: [qa:1]\n", 1, 9,
	    "format must be the number 1, not 'one'");
	refused(fx, "format: [1]\ntemplates: [qa:1]\n", 1, 9,
	    "format must be a number, not a list");
	refused(fx, "format: 99999999999999999999\ntemplates: [qa:1]\n", 1, 9,
	    "format must be the number 1, not '99999999999999999999'");
}

static void
test_dossier_refuses_bad_template_lists(void **state)
{
	struct fx *fx = with_template(state);

	refused(fx, "format: 1\n", 1, 1,
	    "no 'templates' list (e.g. templates: [id:edition])");
	refused(fx, "format: 1\ntemplates: []\n", 2, 12,
	    "templates must be a non-empty list of id:edition");
	refused(fx, "format: 1\ntemplates: qa:1\n", 2, 12,
	    "templates must be a non-empty list of id:edition");
	refused(fx, "format: 1\ntemplates: [qa]\n", 2, 13,
	    "template 'qa' must be written id:edition");
	refused(fx, "format: 1\ntemplates: [qa:1999]\n", 2, 13,
	    "unknown template 'qa:1999' (see 'dossier templates' for the ones "
	    "installed)");
	refused(fx, "format: 1\ntemplates: [nosuch:1]\n", 2, 13,
	    "unknown template 'nosuch:1' (see 'dossier templates' for the "
	    "ones installed)");
	refused(fx, "format: 1\ntemplates: [qa:1, qa:1]\n", 2, 19,
	    "template 'qa' is listed twice");
	refused(fx, "format: 1\ntemplates: [{qa: 1}]\n", 2, 13,
	    "a template must be id:edition, not a mapping");
}

static void
test_dossier_refuses_wrong_types_naming_the_expectation(void **state)
{
	struct fx *fx = with_template(state);

#define HD "format: 1\ntemplates: [qa:1]\n"
	refused(fx, HD "device: [a]\n", 3, 9,
	    "device must be a mapping, not a list");
	refused(fx, HD "device: Widget\n", 3, 9,
	    "device must be a mapping, not a single value");
	refused(fx, HD "answers: text\n", 3, 10,
	    "answers must be a mapping, not a single value");
	refused(fx, HD "answers: [a]\n", 3, 10,
	    "answers must be a mapping, not a list");
	refused(fx, HD "answers:\n  qa: [x]\n", 4, 7,
	    "qa must be a mapping of sections, not a list");
	refused(fx, HD "answers:\n  qa:\n    general: [x]\n", 5, 14,
	    "general must be a mapping of answers, not a list");
	refused(fx, HD "answers:\n  qa:\n    general:\n      name: [x]\n", 6, 13,
	    "name must be a single value, not a list");
	refused(fx, HD "answers:\n  qa:\n    general:\n      name: {a: b}\n", 6,
	    13, "'name' holds a mapping; the only mapping a field may hold is "
	    "{not_applicable: reason}");
	refused(fx, HD "answers:\n  qa:\n    general:\n"
	    "      manual: {not_applicable: [x]}\n", 6, 32,
	    "the not_applicable reason must be a single value, not a list");
	refused(fx, HD "answers:\n  qa:\n    general:\n"
	    "      manual: {not_applicable: x, why: y}\n", 6, 15,
	    "'manual' holds a mapping; the only mapping a field may hold is "
	    "{not_applicable: reason}");
	refused(fx, HD "answers:\n  qa:\n    general:\n      tags: a\n", 6, 13,
	    "tags must be a list of options, not a single value");
	refused(fx, HD "answers:\n  qa:\n    general:\n      tags: [[a]]\n", 6,
	    14, "an option must be a single value, not a list");
	refused(fx, HD "answers:\n  qa:\n    data:\n      sets: many\n", 6, 13,
	    "sets must be a list of records, not a single value");
	refused(fx, HD "answers:\n  qa:\n    data:\n      sets: [x]\n", 6, 14,
	    "a record must be a mapping, not a single value");
	refused(fx, HD "answers:\n  qa:\n    data:\n      sets:\n"
	    "        - role: test\n          rows: [1]\n", 8, 17,
	    "rows must be a single value, not a list");
#undef HD
}

static void
test_dossier_refuses_hostile_yaml_naming_the_file(void **state)
{
	struct fx *fx = with_template(state);

	refused(fx, "format: 1\ntemplates: [qa:1]\nanswers: &x {a: *x}\n", 3,
	    10, "anchors (&x) are not supported; write the value out");
	refused(fx, "format: 1\nformat: 1\n", 2, 1,
	    "duplicate key 'format' (first at 1:1)");
	refused(fx, "format: 1\ntemplates: [qa:1]\nanswers:\n  qa:\n"
	    "    data:\n      sets:\n        - role: test\n"
	    "          role: train\n", 8, 11,
	    "duplicate key 'role' (first at 7:11)");
}

static void
test_dossier_load_of_a_missing_file_says_so(void **state)
{
	struct fx *fx = with_template(state);
	char *path = h_path(fx, "none.yaml");

	assert_null(dossier_load(path, fx->set, &fx->err));
	h_assert_err(fx, "none.yaml", 0, 0,
	    "cannot open: No such file or directory");
	free(path);
}

/* A file dossier wrote loads and saves back to the same bytes. */
static void
test_dossier_canonical_text_round_trips_byte_for_byte(void **state)
{
	struct fx *fx = with_template(state);
	char *out;

	assert_non_null(h_dossier(fx, NULL, canonical));
	out = serialize(fx->d);
	assert_string_equal(out, canonical);
	free(out);
	free(round_trip_same(fx, fx->d));
}

/* Template order for what it knows; what it does not, as it came. */
static void
test_dossier_orders_known_keys_and_keeps_unknown_ones_in_place(void **state)
{
	struct fx *fx = with_template(state);
	char *out;

	assert_non_null(h_dossier(fx, NULL,
	    "zz-first: 1\n"
	    "answers:\n"
	    "  later: {b: 1, a: 2}\n"
	    "  qa:\n"
	    "    data:\n"
	    "      sets:\n"
	    "        - {zed: 1, rows: 5, role: test}\n"
	    "    odd: x\n"
	    "    general:\n"
	    "      unknown2: u\n"
	    "      ok: no\n"
	    "      unknown1: v\n"
	    "      name: Nm\n"
	    "device: {b: 1, a: 2}\n"
	    "templates: [qa:1]\n"
	    "format: 1\n"));
	out = serialize(fx->d);
	assert_string_equal(out,
	    "format: 1\n"
	    "templates:\n"
	    "- qa:1\n"
	    "device:\n"
	    "  b: 1\n"
	    "  a: 2\n"
	    "answers:\n"
	    "  qa:\n"
	    "    general:\n"
	    "      name: Nm\n"
	    "      ok: no\n"
	    "      unknown2: u\n"
	    "      unknown1: v\n"
	    "    data:\n"
	    "      sets:\n"
	    "      - role: test\n"
	    "        rows: 5\n"
	    "        zed: 1\n"
	    "    odd: x\n"
	    "  later:\n"
	    "    b: 1\n"
	    "    a: 2\n"
	    "zz-first: 1\n");
	free(out);
	free(round_trip(fx, fx->d));
}

/* Put text in field f, round trip, check it comes back; the text out. */
static char *
text_survives(struct fx *fx, const struct tmpl_field *f, const char *text)
{
	struct dossier *back;
	const struct ynode *v;
	char *out;

	yt_free(dossier_put(fx->d, f, 0, yt_scalar(text)));
	out = round_trip_back(fx, fx->d, &back);
	v = dossier_get(back, f, 0);
	assert_non_null(v);
	if (strcmp(v->str, text) != 0)
		print_error("wrote:\n%s", out);
	assert_string_equal(v->str, text);
	dossier_free(back);
	return out;
}

/*
 * An answer typed in another encoding must not make the whole dossier
 * unsavable: invalid bytes are written as U+FFFD, the rest survives.
 */
static void
test_dossier_writes_invalid_utf8_answers_as_replacement_characters(
    void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *f;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	f = h_field(fx, "qa.general.notes");
	dossier_set_text(fx->d, f, 0, "caf\xe9 ok");
	out = round_trip_back(fx, fx->d, NULL);
	assert_non_null(strstr(out, "notes: caf\xef\xbf\xbd ok\n"));
	free(out);
}

static void
test_dossier_writes_multi_line_text_as_literal_blocks(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *f;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	f = h_field(fx, "qa.general.notes");
	out = text_survives(fx, f, "one\ntwo\n");
	assert_non_null(strstr(out, "      notes: |\n        one\n        two\n"));
	free(out);
	/* No final newline: strip chomping. */
	out = text_survives(fx, f, "one\ntwo");
	assert_non_null(strstr(out, "      notes: |-\n        one\n        two\n"));
	free(out);
	/* Several final newlines: keep chomping. */
	out = text_survives(fx, f, "one\n\n\n");
	assert_non_null(strstr(out, "      notes: |+\n        one\n\n\n"));
	free(out);
	/* A first line that starts with spaces needs an indentation hint. */
	out = text_survives(fx, f, "  indented\nnot\n");
	assert_non_null(strstr(out, "      notes: |2\n"));
	free(out);
	/* A text field with a newline is a block too. */
	out = text_survives(fx, h_field(fx, "qa.general.name"), "a\nb\n");
	assert_non_null(strstr(out, "      name: |\n        a\n        b\n"));
	free(out);
}

/*
 * Strings a YAML 1.1 reader would take for a boolean, number or null are
 * quoted in text fields; the same words in typed fields stay plain.
 */
static void
test_dossier_quotes_strings_that_would_read_as_other_types(void **state)
{
	static const char *const typed[] = {
		"yes", "No", "on", "OFF", "y", "true", "null", "~", "010",
		"1.0", "0x1F", "1e3", "-5", "+1", ".5", "12:30", "2024-01-01",
		".inf", "-.Inf", ".nan", "", NULL
	};
	struct fx *fx = with_template(state);
	const struct tmpl_field *name = h_field(fx, "qa.general.name");
	const struct ynode *v;
	char *out, *want;
	size_t i;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	for (i = 0; typed[i] != NULL; i++) {
		/* set_text treats "" as "remove": put the scalar itself. */
		yt_free(dossier_put(fx->d, name, 0, yt_scalar(typed[i])));
		out = round_trip(fx, fx->d);
		want = xasprintf("      name: \"%s\"\n", typed[i]);
		if (strstr(out, want) == NULL)
			print_error("'%s' written as:\n%s", typed[i], out);
		assert_non_null(strstr(out, want));
		free(want);
		free(out);
	}
	dossier_set_text(fx->d, name, 0, "plain words");
	out = round_trip(fx, fx->d);
	assert_non_null(strstr(out, "      name: plain words\n"));
	free(out);
	/* Typed fields: the value as the type reads it, unquoted. */
	dossier_set_text(fx->d, h_field(fx, "qa.general.count"), 0, "010");
	dossier_set_text(fx->d, h_field(fx, "qa.general.ok"), 0, "yes");
	dossier_set_text(fx->d, h_field(fx, "qa.general.day"), 0,
	    "2024-01-01");
	out = serialize(fx->d);
	/* Made in memory these are not "quoted": typed fields stay plain. */
	assert_non_null(strstr(out, "      count: 010\n"));
	assert_non_null(strstr(out, "      day: 2024-01-01\n"));
	assert_non_null(strstr(out, "      ok: yes\n"));
	free(out);
	/* Quoted in the file, a typed field's value stays quoted. */
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates: [qa:1]\n"
	    "answers:\n  qa:\n    general:\n      count: \"010\"\n"
	    "      other: \"yes\"\n      other2: yes\n"));
	v = dossier_get(fx->d, h_field(fx, "qa.general.count"), 0);
	assert_true(v->quoted);
	out = round_trip(fx, fx->d);
	assert_non_null(strstr(out, "      count: \"010\"\n"));
	/* Unknown keys keep their quoting, so their meaning. */
	assert_non_null(strstr(out, "      other: \"yes\"\n"));
	assert_non_null(strstr(out, "      other2: yes\n"));
	free(out);
}

/* Odd text survives: the tree read back equals the tree written. */
static void
test_dossier_round_trips_awkward_text(void **state)
{
	static const char *const odd[] = {
		" leading space", "trailing space ", "# not a comment",
		"- not an item", "key: value", "quote ' and \" both",
		"back\\slash", "tab\there", "esc \x1b[2J", "bell \a",
		"del \x7f", "c1 \xc2\x9b", "bidi \xe2\x80\xae" "cba",
		"bom \xef\xbb\xbf" "x", "小明醫療有限公司", "emoji \xf0\x9f\x98\x80",
		"{braces}", "[brackets]", "&anchor", "*alias", "!tag", "%pct",
		"@at", "`tick", "|pipe", ">gt", "a: b: c", "---", "...",
		"line\nbreak", "\nleading newline", "trailing newline\n",
		"crlf\r\nline", "cr\ronly", "   ", "x\n ", "\xc2\x85nel",
		"\xe2\x80\xa8ls", NULL
	};
	struct fx *fx = with_template(state);
	const struct tmpl_field *name = h_field(fx, "qa.general.name");
	struct ynode *key;
	size_t i;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	for (i = 0; odd[i] != NULL; i++)
		free(text_survives(fx, name, odd[i]));
	/* The same text as an unknown key, and a very long key. */
	for (i = 0; odd[i] != NULL; i++) {
		key = yt_get_map(yt_get_map(fx->d->root, "answers"), "x");
		yt_set(key, odd[i], yt_scalar(odd[i]));
	}
	key = yt_get_map(yt_get_map(fx->d->root, "answers"), "x");
	out = xmalloc(301);
	memset(out, 'k', 300);
	out[300] = '\0';
	yt_set(key, out, yt_scalar("long key"));
	free(out);
	free(round_trip_same(fx, fx->d));
}

static void
test_dossier_new_writes_a_minimal_file(void **state)
{
	struct fx *fx = with_template(state);
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	assert_null(fx->d->path);
	assert_false(fx->d->dirty);
	out = serialize(fx->d);
	assert_string_equal(out, "format: 1\ntemplates:\n- qa:1\ndevice: {}\n"
	    "answers: {}\n");
	free(out);
	free(round_trip(fx, fx->d));
}

static void
test_dossier_edit_sets_gets_and_removes_values(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *name = h_field(fx, "qa.general.name");
	struct ynode *old;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	assert_null(dossier_get(fx->d, name, 0));
	dossier_set_text(fx->d, name, 0, "first");
	assert_true(fx->d->dirty);
	assert_string_equal(yt_str(dossier_get(fx->d, name, 0)), "first");
	/* put hands back the old value, for undo. */
	old = dossier_put(fx->d, name, 0, yt_scalar("second"));
	assert_string_equal(yt_str(old), "first");
	yt_free(old);
	assert_string_equal(yt_str(dossier_get(fx->d, name, 0)), "second");
	out = serialize(fx->d);
	assert_string_equal(out, "format: 1\ntemplates:\n- qa:1\ndevice: {}\n"
	    "answers:\n  qa:\n    general:\n      name: second\n");
	free(out);
	/* An empty text removes the answer. */
	dossier_set_text(fx->d, name, 0, "");
	assert_null(dossier_get(fx->d, name, 0));
	old = dossier_put(fx->d, name, 0, NULL);
	assert_null(old);
}

/*
 * Two templates that both ask for the manufacturer, and one more fact;
 * loaded from a folder as a set.  In the dossier below, "device:" is at
 * line 4 and its manufacturer at 5:17.
 */
static struct fx *
with_fact_templates(void **state)
{
	struct fx *fx = *state;
	const char *dirs[1];
	char *p, *dir = h_path(fx, "facts");

	assert_int_equal(mkdir(dir, 0700), 0);
	p = h_write(fx, "facts/a.yaml", "id: a\nedition: \"1\"\ntitle: A\n"
	    "sections:\n  - id: maker\n    title: Maker\n    fields:\n"
	    "      - {id: name, label: Name, type: text, fact: manufacturer,"
	    " min_words: 2}\n"
	    "      - {id: address, label: Address, type: longtext,"
	    " fact: manufacturer_address}\n"
	    "      - {id: other, label: Other, type: text}\n", (size_t)-1);
	free(p);
	p = h_write(fx, "facts/b.yaml", "id: b\nedition: \"1\"\ntitle: B\n"
	    "sections:\n  - id: who\n    title: Who\n    fields:\n"
	    "      - {id: maker, label: Maker, type: text, fact: manufacturer}\n"
	    "    rules:\n      - {id: r, assert: 'maker != \"Bad Co\"', "
	    "message: not that one, field: maker}\n", (size_t)-1);
	free(p);
	dirs[0] = dir;
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	free(dir);
	assert_non_null(fx->set);
	return fx;
}

static void
test_dossier_fact_fields_share_one_value_in_device(void **state)
{
	struct fx *fx = with_fact_templates(state);
	const struct tmpl_field *fa = h_field(fx, "a.maker.name");
	const struct tmpl_field *fb = h_field(fx, "b.who.maker");
	const struct tmpl_field *addr = h_field(fx, "a.maker.address");
	struct ynode *old;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    2);
	assert_ptr_equal(dossier_fact_field(fx->d, "manufacturer"), fa);
	assert_ptr_equal(dossier_fact_field(fx->d, "manufacturer_address"),
	    addr);
	assert_null(dossier_fact_field(fx->d, "lrp"));
	/* Answered through one template: the others and device: see it. */
	dossier_set_text(fx->d, fa, 0, "Acme Medical Ltd");
	assert_string_equal(yt_str(dossier_get(fx->d, fb, 0)),
	    "Acme Medical Ltd");
	assert_string_equal(dossier_fact_get(fx->d, "manufacturer"),
	    "Acme Medical Ltd");
	/* Set as a fact (the device form): every field sees it. */
	dossier_fact_set(fx->d, "manufacturer", "Acme Medical Limited");
	assert_string_equal(yt_str(dossier_get(fx->d, fa, 0)),
	    "Acme Medical Limited");
	/* put hands back the old value, for undo. */
	old = dossier_put(fx->d, fb, 0, yt_scalar("Acme Ltd"));
	assert_string_equal(yt_str(old), "Acme Medical Limited");
	yt_free(old);
	/* Only a single value fits: "not applicable" changes nothing. */
	assert_null(dossier_put(fx->d, fa, 0, dossier_na_value("none")));
	assert_string_equal(dossier_fact_get(fx->d, "manufacturer"),
	    "Acme Ltd");
	out = serialize(fx->d);
	assert_string_equal(out, "format: 1\ntemplates:\n- a:1\n- b:1\n"
	    "device:\n  manufacturer: Acme Ltd\nanswers: {}\n");
	free(out);
	free(round_trip(fx, fx->d));
	/* Removing it through a field removes the fact. */
	dossier_set_text(fx->d, fb, 0, "");
	assert_null(dossier_fact_get(fx->d, "manufacturer"));
	assert_null(dossier_get(fx->d, fa, 0));
}

static void
test_dossier_fact_is_checked_and_reported_at_the_device_line(void **state)
{
	struct fx *fx = with_fact_templates(state);
	const struct finding *f;

	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates:\n- a:1\n"
	    "- b:1\ndevice:\n  manufacturer: Bad Co\n"));
	h_validate(fx);
	/* Both templates' checks apply to the one value. */
	f = h_finding(fx->r, FIND_RULE, "b.who.maker", 0);
	assert_non_null(f);
	h_assert_finding(f, 6, 17, "not that one");
	assert_int_equal(h_count(fx->r, FIND_RULE, NULL), 1);
	assert_int_equal(h_count(fx->r, FIND_FILLER, "a.maker.name"), 0);
	/* The filler check of template a reads the device fact too. */
	dossier_fact_set(fx->d, "manufacturer", "x");
	h_validate(fx);
	f = h_finding(fx->r, FIND_FILLER, "a.maker.name", 0);
	assert_non_null(f);
}

static void
test_dossier_fact_answers_written_under_answers_move_or_conflict(
    void **state)
{
	struct fx *fx = with_fact_templates(state);
	char *out;

	/* An older file: the answer under answers: becomes the fact. */
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates:\n- a:1\n"
	    "device:\n  model: M1\nanswers:\n  a:\n    maker:\n"
	    "      name: Acme Ltd\n      other: kept\n"));
	assert_string_equal(dossier_fact_get(fx->d, "manufacturer"),
	    "Acme Ltd");
	out = serialize(fx->d);
	assert_string_equal(out, "format: 1\ntemplates:\n- a:1\ndevice:\n"
	    "  model: M1\n  manufacturer: Acme Ltd\nanswers:\n  a:\n"
	    "    maker:\n      other: kept\n");
	free(out);
	/* The same value in both places is one answer. */
	assert_non_null(h_dossier(fx, NULL, "format: 1\ntemplates:\n- a:1\n"
	    "device:\n  manufacturer: Acme Ltd\nanswers:\n  a:\n"
	    "    maker:\n      name: Acme Ltd\n"));
	/* Two different values: the user chooses, with positions. */
	refused(fx, "format: 1\ntemplates:\n- a:1\ndevice:\n"
	    "  manufacturer: Acme Ltd\nanswers:\n  a:\n    maker:\n"
	    "      name: Other Ltd\n", 9, 13, "'name' says 'Other Ltd' but "
	    "device.manufacturer (line 5) says 'Acme Ltd'; this question's "
	    "answer is that device fact: keep one of the two");
	refused(fx, "format: 1\ntemplates:\n- a:1\ndevice:\n"
	    "  manufacturer: [a, b]\n", 5, 17,
	    "device.manufacturer must be a single value, not a list");
	refused(fx, "format: 1\ntemplates:\n- a:1\nanswers:\n  a:\n"
	    "    maker:\n      name: {not_applicable: none}\n", 7, 13,
	    "'name' is the device fact device.manufacturer, so it must be a "
	    "single value, not a mapping");
}

static void
test_dossier_edit_marks_not_applicable(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *manual = h_field(fx, "qa.general.manual");
	const struct ynode *v;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	dossier_set_na(fx->d, manual, 0, "software only");
	v = dossier_get(fx->d, manual, 0);
	assert_string_equal(dossier_na_reason(v), "software only");
	assert_false(dossier_filled(v));
	out = round_trip(fx, fx->d);
	assert_non_null(strstr(out, "      manual:\n        not_applicable: "
	    "software only\n"));
	free(out);
}

static void
test_dossier_edit_group_records(void **state)
{
	struct fx *fx = with_template(state);
	const struct tmpl_field *sets = h_field(fx, "qa.data.sets");
	const struct tmpl_field *role = h_field(fx, "qa.data.sets.role");
	const struct tmpl_field *rows = h_field(fx, "qa.data.sets.rows");
	struct ynode *rec;
	char *out;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	assert_int_equal(dossier_nrecords(fx->d, sets), 0);
	/* No record 0 yet: the value is dropped, not leaked. */
	assert_null(dossier_put(fx->d, role, 0, yt_scalar("train")));
	assert_int_equal(dossier_insert_record(fx->d, sets, 0, NULL), 0);
	assert_int_equal(dossier_insert_record(fx->d, sets, 99, NULL), 1);
	assert_int_equal(dossier_nrecords(fx->d, sets), 2);
	dossier_set_text(fx->d, role, 0, "train");
	dossier_set_text(fx->d, rows, 0, "100");
	dossier_set_text(fx->d, role, 1, "test");
	assert_string_equal(yt_str(dossier_get(fx->d, role, 1)), "test");
	rec = yt_map();
	yt_set(rec, "rows", yt_scalar("7"));
	yt_set(rec, "role", yt_scalar("test"));
	assert_int_equal(dossier_insert_record(fx->d, sets, 0, rec), 0);
	assert_string_equal(yt_str(dossier_get(fx->d, rows, 0)), "7");
	out = round_trip(fx, fx->d);
	/* Record keys are written in template order. */
	assert_non_null(strstr(out, "      sets:\n      - role: test\n"
	    "        rows: 7\n      - role: train\n        rows: 100\n"
	    "      - role: test\n"));
	free(out);
	dossier_move_record(fx->d, sets, 0, 2);
	assert_string_equal(yt_str(dossier_get(fx->d, rows, 2)), "7");
	assert_string_equal(yt_str(dossier_get(fx->d, role, 0)), "train");
	dossier_move_record(fx->d, sets, 0, 5);	/* out of range: no-op */
	assert_string_equal(yt_str(dossier_get(fx->d, role, 0)), "train");
	rec = dossier_remove_record(fx->d, sets, 1);
	assert_non_null(rec);
	assert_string_equal(yt_str(yt_get(rec, "role")), "test");
	yt_free(rec);
	assert_null(dossier_remove_record(fx->d, sets, 2));
	assert_int_equal(dossier_nrecords(fx->d, sets), 2);
	free(round_trip(fx, fx->d));
}

static void
test_dossier_filled_and_not_applicable_rules(void **state)
{
	static const char text[] =
	    "a: \"\"\nb: '  '\nc: ~\nd: \"null\"\ne: []\n"
	    "f: [x]\ng: {not_applicable: \"\"}\nh: {not_applicable: [x]}\n"
	    "i: {not_applicable: x, y: z}\nj: word\nk: null\nl: {}\n";
	struct diag err;
	struct ynode *n;

	(void)state;
	n = yt_read_buffer(text, sizeof text - 1, "m.yaml", &err);
	assert_non_null(n);
	assert_false(dossier_filled(NULL));
	assert_false(dossier_filled(yt_get(n, "a")));
	assert_false(dossier_filled(yt_get(n, "b")));
	assert_false(dossier_filled(yt_get(n, "c")));
	assert_true(dossier_filled(yt_get(n, "d")));	/* a quoted word */
	assert_false(dossier_filled(yt_get(n, "e")));
	assert_true(dossier_filled(yt_get(n, "f")));
	assert_false(dossier_filled(yt_get(n, "g")));
	assert_true(dossier_filled(yt_get(n, "j")));
	assert_false(dossier_filled(yt_get(n, "k")));
	assert_false(dossier_filled(yt_get(n, "l")));
	assert_string_equal(dossier_na_reason(yt_get(n, "g")), "");
	assert_string_equal(dossier_na_reason(yt_get(n, "h")), "");
	assert_null(dossier_na_reason(yt_get(n, "i")));
	assert_null(dossier_na_reason(yt_get(n, "j")));
	assert_null(dossier_na_reason(NULL));
	yt_free(n);
}

static void
test_dossier_save_writes_the_canonical_text(void **state)
{
	struct fx *fx = with_template(state);
	char *path = h_path(fx, "out.yaml"), *text, *again;
	struct stat st;

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	assert_int_equal(dossier_save(fx->d, NULL, 0, &fx->err), -1);
	assert_int_equal(fx->err.code, DIAG_USAGE);
	assert_string_equal(fx->err.msg, "no file name to save to");
	dossier_set_text(fx->d, h_field(fx, "qa.general.name"), 0, "W");
	assert_int_equal(dossier_save(fx->d, path, 0, &fx->err), 0);
	assert_false(fx->d->dirty);
	assert_string_equal(fx->d->path, path);
	text = h_slurp(path, NULL);
	again = serialize(fx->d);
	assert_string_equal(text, again);
	free(again);
	/* Saving an unchanged model again gives the same bytes. */
	assert_int_equal(dossier_save(fx->d, NULL, 0, &fx->err), 0);
	again = h_slurp(path, NULL);
	assert_string_equal(text, again);
	free(again);
	free(text);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, (off_t)strlen("format: 1\ntemplates:\n"
	    "- qa:1\ndevice: {}\nanswers:\n  qa:\n    general:\n"
	    "      name: W\n"));
	free(path);
}

/* Load and save a file dossier wrote: same bytes, as git wants. */
static void
test_dossier_load_and_save_keeps_the_bytes(void **state)
{
	struct fx *fx = with_template(state);
	char *path, *text;

	assert_non_null(h_dossier(fx, "c.yaml", canonical));
	assert_int_equal(dossier_save(fx->d, NULL, 0, &fx->err), 0);
	path = h_path(fx, "c.yaml");
	text = h_slurp(path, NULL);
	assert_string_equal(text, canonical);
	free(text);
	free(path);
}

static void
test_dossier_save_refuses_when_the_file_changed_on_disk(void **state)
{
	struct fx *fx = with_template(state);
	char *path, *text;

	assert_non_null(h_dossier(fx, "c.yaml", canonical));
	dossier_set_text(fx->d, h_field(fx, "qa.general.name"), 0, "Mine");
	/* Someone else saves the file meanwhile. */
	path = h_write(fx, "c.yaml", "format: 1\ntemplates: [qa:1]\n"
	    "answers: {}\n# theirs\n", (size_t)-1);
	assert_int_equal(dossier_save(fx->d, NULL, 0, &fx->err), -1);
	assert_int_equal(fx->err.code, DIAG_CHANGED);
	h_assert_err(fx, "c.yaml", 0, 0, "the file was changed by someone "
	    "else since it was opened");
	text = h_slurp(path, NULL);
	assert_non_null(strstr(text, "# theirs"));
	free(text);
	assert_true(fx->d->dirty);
	/* Forced, ours wins. */
	assert_int_equal(dossier_save(fx->d, NULL, DOSSIER_SAVE_FORCE,
	    &fx->err), 0);
	text = h_slurp(path, NULL);
	assert_non_null(strstr(text, "name: Mine"));
	free(text);
	/* Gone from disk. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(dossier_save(fx->d, NULL, 0, &fx->err), -1);
	h_assert_err(fx, "c.yaml", 0, 0, "the file was deleted or renamed "
	    "since it was opened");
	free(path);
}

/* "Save as" elsewhere writes a copy; the dossier stays where it was. */
static void
test_dossier_save_to_another_path_leaves_the_dossier_where_it_was(
    void **state)
{
	struct fx *fx = with_template(state);
	char *orig = h_path(fx, "c.yaml"), *copy = h_path(fx, "copy.yaml");
	char *text;

	assert_non_null(h_dossier(fx, "c.yaml", canonical));
	dossier_set_text(fx->d, h_field(fx, "qa.general.name"), 0, "Other");
	assert_int_equal(dossier_save(fx->d, copy, 0, &fx->err), 0);
	assert_string_equal(fx->d->path, orig);
	assert_true(fx->d->dirty);
	text = h_slurp(copy, NULL);
	assert_non_null(strstr(text, "name: Other"));
	free(text);
	text = h_slurp(orig, NULL);
	assert_string_equal(text, canonical);
	free(text);
	free(orig);
	free(copy);
}

static void
test_dossier_save_into_a_missing_folder_fails_cleanly(void **state)
{
	struct fx *fx = with_template(state);
	char *path = h_path(fx, "no/such/dir/d.yaml");

	fx->d = dossier_new(fx->set, (const struct tmpl *const *)fx->set->t,
	    1);
	assert_int_equal(dossier_save(fx->d, path, 0, &fx->err), -1);
	assert_int_not_equal(fx->err.code, DIAG_OK);
	assert_true(fx->err.msg[0] != '\0');
	assert_null(fx->d->path);
	free(path);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dossier_loads_a_good_file),
		T(test_dossier_accepts_blank_values_where_collections_belong),
		T(test_dossier_refuses_a_root_that_is_not_a_mapping),
		T(test_dossier_refuses_bad_format),
		T(test_dossier_refuses_bad_template_lists),
		T(test_dossier_refuses_wrong_types_naming_the_expectation),
		T(test_dossier_refuses_hostile_yaml_naming_the_file),
		T(test_dossier_load_of_a_missing_file_says_so),
		T(test_dossier_canonical_text_round_trips_byte_for_byte),
		T(test_dossier_orders_known_keys_and_keeps_unknown_ones_in_place),
		T(test_dossier_writes_multi_line_text_as_literal_blocks),
		T(test_dossier_quotes_strings_that_would_read_as_other_types),
		T(test_dossier_round_trips_awkward_text),
		T(test_dossier_new_writes_a_minimal_file),
		T(test_dossier_edit_sets_gets_and_removes_values),
		T(test_dossier_edit_marks_not_applicable),
		T(test_dossier_fact_fields_share_one_value_in_device),
		T(test_dossier_fact_is_checked_and_reported_at_the_device_line),
		T(test_dossier_fact_answers_written_under_answers_move_or_conflict),
		T(test_dossier_edit_group_records),
		T(test_dossier_filled_and_not_applicable_rules),
		T(test_dossier_save_writes_the_canonical_text),
		T(test_dossier_load_and_save_keeps_the_bytes),
		T(test_dossier_save_refuses_when_the_file_changed_on_disk),
		T(test_dossier_save_to_another_path_leaves_the_dossier_where_it_was),
		T(test_dossier_save_into_a_missing_folder_fails_cleanly),
		T(test_dossier_writes_invalid_utf8_answers_as_replacement_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
