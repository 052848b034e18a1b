/*
 * Unit tests of the template features that make an answer show substance
 * rather than presence: min_words (a CJK character counts as a word) and
 * its filler check, options that need a "please specify" answer, group
 * records that must not repeat each other (unique), empty evidence files,
 * and the provenance qualifier on every clause that is not primary.
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

#include "core/validate.h"
#include "core/xalloc.h"
#include "tests/unit/helpers.h"

static const char st_template[] =
    "id: st\n"						/* 1 */
    "edition: \"1\"\n"
    "title: Substance test\n"
    "status: draft\n"
    "sections:\n"					/* 5 */
    "  - id: main\n"
    "    title: Main\n"
    "    clause: \"2.1\"\n"
    "    provenance: secondary\n"
    "    fields:\n"					/* 10 */
    "      - id: why\n"
    "        label: Why\n"
    "        type: longtext\n"
    "        min_words: 6\n"
    "      - id: controls\n"				/* 15 */
    "        label: Controls\n"
    "        type: multichoice\n"
    "        options: [lockout, rate limit, other]\n"
    "        specify: {other: controls_other}\n"
    "      - id: controls_other\n"			/* 20 */
    "        label: Which other controls?\n"
    "        type: text\n"
    "        min_words: 2\n"
    "      - id: sets\n"
    "        label: Sets\n"				/* 25 */
    "        type: group\n"
    "        unique: [name, [source, period]]\n"
    "        fields:\n"
    "          - {id: name, label: Name, type: text}\n"
    "          - {id: source, label: Source, type: text}\n" /* 30 */
    "          - {id: period, label: Period, type: text}\n"
    "          - id: shares\n"
    "            label: Shares with\n"
    "            type: multichoice\n"
    "            options: [none, training, test]\n"	/* 35 */
    "            specify: {training: shares_why, test: shares_why}\n"
    "          - {id: shares_why, label: Why shared, type: longtext}\n"
    "      - {id: doc, label: Doc, type: file}\n"
    "  - id: other\n"
    "    title: Other\n"				/* 40 */
    "    clause: a topic\n"
    "    provenance: topic\n"
    "    fields:\n"
    "      - {id: a, label: A, type: text}\n"
    "      - {id: b, label: B, type: text,\n"		/* 45 */
    "         clause: \"9\", provenance: primary}\n";

#define DHEAD "format: 1\ntemplates: [st:1]\nanswers:\n  st:\n    main:\n"

static struct report *
check(struct fx *fx, const char *answers)
{
	char *doc = xasprintf(DHEAD "%s", answers);

	/* Once per case: reports point into the set. */
	if (fx->set == NULL && h_set(fx, NULL, st_template) == NULL) {
		free(doc);
		fail_msg("template: %s", fx->err.msg);
	}
	if (h_dossier(fx, NULL, doc) == NULL) {
		free(doc);
		fail_msg("dossier: %s", fx->err.msg);
	}
	free(doc);
	return h_validate(fx);
}

static void
test_words_are_counted_across_scripts(void **state)
{
	(void)state;
	assert_int_equal(validate_count_words(""), 0);
	assert_int_equal(validate_count_words("  one, two;three.  "), 3);
	assert_int_equal(validate_count_words("ISO 13485:2016"), 3);
	/* 風險管理 is four characters, so four words; 'ok' is one. */
	assert_int_equal(validate_count_words(
	    "\xe9\xa2\xa8\xe9\x9a\xaa\xe7\xae\xa1\xe7\x90\x86 ok"), 5);
	/* Full-width punctuation separates: 你好，世界。 */
	assert_int_equal(validate_count_words("\xe4\xbd\xa0\xe5\xa5\xbd"
	    "\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xe3\x80\x82"), 4);
	/* Accented Latin letters are letters. */
	assert_int_equal(validate_count_words("caf\xc3\xa9 na\xc3\xafve"), 2);
}

/*
 * The edges of the scripts: each CJK block counts a character as a word
 * (Hangul, kana, compatibility ideographs, and the four-byte extensions),
 * CJK and full-width punctuation separates words as ASCII punctuation
 * does, full-width letters do not, and broken UTF-8 never joins two words
 * or runs past the end.
 */
static void
test_words_at_the_edges_of_scripts(void **state)
{
	(void)state;
	/* 한국어: three Hangul syllables; a lone jamo is one word. */
	assert_int_equal(validate_count_words(
	    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"), 3);
	assert_int_equal(validate_count_words("\xe1\x84\x80"), 1);
	/* カタカナ: four kana. */
	assert_int_equal(validate_count_words(
	    "\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a"), 4);
	/* U+F900 (compatibility) and U+20000 (extension B, four bytes)
	 * between two ASCII words: each its own word. */
	assert_int_equal(validate_count_words("a\xef\xa4\x80" "b"), 3);
	assert_int_equal(validate_count_words("a\xf0\xa0\x80\x80" "b"), 3);
	/* U+2E80, a CJK radical, is a word; U+2014 (em dash) is not. */
	assert_int_equal(validate_count_words("\xe2\xba\x80"), 1);
	assert_int_equal(validate_count_words("one\xe2\x80\x94two"), 2);
	/* Full-width comma, ideographic full stop and space, and the
	 * multiplication sign separate; full-width letters are a word. */
	assert_int_equal(validate_count_words("one\xef\xbc\x8ctwo"), 2);
	assert_int_equal(validate_count_words("one\xe3\x80\x82two"), 2);
	assert_int_equal(validate_count_words("one\xe3\x80\x80two"), 2);
	assert_int_equal(validate_count_words("3\xc3\x97" "4"), 2);
	assert_int_equal(validate_count_words("\xef\xbc\xa1\xef\xbc\xa2"),
	    1);
	/* Broken UTF-8: a stray continuation byte, a sequence cut short by
	 * ASCII, and one cut short by the end of the string. */
	assert_int_equal(validate_count_words("a\x80" "b"), 2);
	assert_int_equal(validate_count_words("a\xe4\xbd" "x"), 2);
	assert_int_equal(validate_count_words("a \xe4\xbd"), 1);
}

static void
test_min_words_wants_enough_words(void **state)
{
	struct fx *fx = *state;
	struct report *r;

	r = check(fx, "      why: The lock engages after five tries.\n");
	assert_int_equal(r->n, 0);
	r = check(fx, "      why: Locks after five tries.\n");
	h_assert_finding(h_finding(r, FIND_LENGTH, "st.main.why", 0), 6, 12,
	    "too short: 4 words, at least 6 expected");
	assert_int_equal(h_finding(r, FIND_LENGTH, "st.main.why", 0)->sev,
	    TMPL_ERROR);
	/* Six Chinese characters are six words: 五次失敗後鎖定 is seven. */
	r = check(fx, "      why: \xe4\xba\x94\xe6\xac\xa1\xe5\xa4\xb1\xe6\x95"
	    "\x97\xe5\xbe\x8c\xe9\x8e\x96\xe5\xae\x9a\n");
	assert_int_equal(r->n, 0);
}

/* Each kind of junk the issue names fails; each good answer stays silent. */
static void
test_filler_is_refused(void **state)
{
	static const struct {
		const char *yaml;
		const char *msg;
	} junk[] = {
		{ "x", "this answer says nothing (a placeholder ('x')); write "
		    "what the reviewer needs to know" },
		{ "'.'", "this answer says nothing (one character repeated); "
		    "write what the reviewer needs to know" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "this answer says "
		    "nothing (one character repeated); write what the "
		    "reviewer needs to know" },
		{ "n/a", "this answer says nothing (a placeholder ('n a')); "
		    "write what the reviewer needs to know" },
		{ "TBD.", "this answer says nothing (a placeholder ('tbd')); "
		    "write what the reviewer needs to know" },
		{ "Lorem ipsum dolor sit amet, consectetur adipiscing.",
		    "this answer says nothing (placeholder text (lorem "
		    "ipsum)); write what the reviewer needs to know" },
		{ "a a a a a a a a a a", "this answer says nothing (one "
		    "character repeated); write what the reviewer needs to "
		    "know" },
		{ "test test test test test test", "this answer says nothing "
		    "(only 1 different word); write what the reviewer needs "
		    "to know" },
		{ "it is ok it is ok it is ok it is ok", "this answer says "
		    "nothing (the same 3 words repeated); write what the "
		    "reviewer needs to know" },
		{ "\xe5\xbe\x85\xe5\xae\x9a", "this answer says nothing (a "
		    "placeholder ('\xe5\xbe\x85\xe5\xae\x9a')); write what "
		    "the reviewer needs to know" },
		/* A hurried Chinese answer: 同上 ("same as above"), 詳見附件
		 * ("see attached"), 是 ("yes"), and 待補充。("to be added.")
		 * with spaces. */
		{ "\xe5\x90\x8c\xe4\xb8\x8a", "this answer says nothing (a placeholder ('\xe5\x90\x8c\xe4\xb8\x8a')); "
		    "write what the reviewer needs to know" },
		{ "\xe8\xa9\xb3\xe8\xa6\x8b\xe9\x99\x84\xe4\xbb\xb6", "this answer says nothing (a placeholder ('\xe8\xa9\xb3\xe8\xa6\x8b\xe9\x99\x84\xe4\xbb\xb6')); "
		    "write what the reviewer needs to know" },
		{ "\xe6\x98\xaf", "this answer says nothing (a placeholder ('\xe6\x98\xaf')); "
		    "write what the reviewer needs to know" },
		{ "\xe5\xbe\x85\x20\xe8\xa3\x9c\x20\xe5\x85\x85\xe3\x80\x82", "this answer says nothing (a "
		    "placeholder ('\xe5\xbe\x85\xe8\xa3\x9c\xe5\x85\x85')); write what the reviewer needs to "
		    "know" },
	};
	struct fx *fx = *state;
	struct report *r;
	char *a;
	size_t i;

	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		a = xasprintf("      why: %s\n", junk[i].yaml);
		r = check(fx, a);
		free(a);
		if (r->n != 1)
			h_dump(r);
		assert_int_equal(r->n, 1);
		h_assert_finding(h_finding(r, FIND_FILLER, "st.main.why", 0),
		    6, 12, junk[i].msg);
	}
	/* Real sentences that merely contain such words stay silent. */
	r = check(fx, "      why: None of the x-ray images were used twice, "
	    "see above.\n");
	assert_int_equal(r->n, 0);
	/* A short real answer that begins with a placeholder is no
	 * placeholder: 否決權 ("a veto"), under a field of two words. */
	r = check(fx, "      controls: [other]\n"
	    "      controls_other: \xe5\x90\xa6\xe6\xb1\xba\xe6\xac\x8a\n");
	assert_int_equal(r->n, 0);
}

static void
test_specify_asks_what_other_means(void **state)
{
	struct fx *fx = *state;
	struct report *r;
	const struct tmpl_field *f;

	/* Not chosen: the explanation is not asked at all. */
	r = check(fx, "      controls: [lockout]\n");
	assert_int_equal(r->n, 0);
	f = h_field(fx, "st.main.controls_other");
	assert_ptr_equal(f->specifies, h_field(fx, "st.main.controls"));
	assert_false(validate_applies(fx->d, f, 0));
	/* Chosen: it is required, and held to its own min_words. */
	r = check(fx, "      controls: [lockout, other]\n");
	h_assert_finding(h_finding(r, FIND_MISSING, "st.main.controls_other",
	    0), 6, 7, "Which other controls?: not answered");
	assert_true(validate_applies(fx->d, h_field(fx,
	    "st.main.controls_other"), 0));
	r = check(fx, "      controls: [other]\n      controls_other: x\n");
	assert_int_equal(h_count(r, FIND_FILLER, "st.main.controls_other"), 1);
	r = check(fx, "      controls: [other]\n"
	    "      controls_other: CAPTCHA after three tries\n");
	assert_int_equal(r->n, 0);
}

static void
test_specify_inside_records(void **state)
{
	struct fx *fx = *state;
	struct report *r;

	r = check(fx, "      sets:\n"
	    "        - {name: A, shares: [none]}\n"
	    "        - {name: B, shares: [test]}\n");
	assert_int_equal(r->n, 1);
	h_assert_finding(h_finding(r, FIND_MISSING, "st.main.sets[2].shares_why",
	    0), 8, 11, "Why shared: not answered");
	r = check(fx, "      sets:\n"
	    "        - {name: A, shares: [training, test]}\n"
	    "        - {name: B, shares: [test], shares_why: same site}\n");
	assert_int_equal(r->n, 1);
	assert_int_equal(h_count(r, FIND_MISSING, "st.main.sets[1].shares_why"),
	    1);
}

static void
test_specify_load_errors(void **state)
{
	static const struct {
		const char *fields;
		int line, col;
		const char *msg;
	} bad[] = {
		{ "      - {id: c, label: C, type: choice, options: [a, b],\n"
		  "         specify: {z: d}}\n"
		  "      - {id: d, label: D, type: text}\n", 10, 20,
		  "field 'c': 'specify' names 'z', which is not one of its "
		  "options" },
		{ "      - {id: c, label: C, type: choice, options: [a, b],\n"
		  "         specify: {a: nope}}\n", 10, 19,
		  "field 'c': 'specify' names field 'nope', which is not in "
		  "the same section" },
		{ "      - {id: c, label: C, type: choice, options: [a, b],\n"
		  "         specify: {a: d}}\n"
		  "      - {id: d, label: D, type: yesno}\n", 11, 9,
		  "field 'd' explains a choice of 'c' ('specify'), so it must "
		  "be text or longtext" },
		{ "      - {id: c, label: C, type: choice, options: [a, b],\n"
		  "         specify: {a: d}}\n"
		  "      - {id: d, label: D, type: text, required: true}\n", 11, 9,
		  "field 'd' is named in the 'specify' of 'c', which decides "
		  "when it is asked: remove its own 'when' and 'required'" },
		{ "      - {id: c, label: C, type: text, specify: {a: d}}\n"
		  "      - {id: d, label: D, type: text}\n", 9, 48,
		  "field 'c': 'specify' belongs to choice and multichoice "
		  "fields" },
		{ "      - {id: c, label: C, type: yesno, min_words: 3}\n", 9, 9,
		  "field 'c': min_words applies to text and longtext fields" },
		{ "      - {id: g, label: G, type: group, unique: [zz],\n"
		  "         fields: [{id: n, label: N, type: text}]}\n", 9, 49,
		  "'unique' names 'zz', which is not a field of group 'g'" },
		{ "      - {id: g, label: G, type: text, unique: [n]}\n", 9, 47,
		  "field 'g': 'unique' belongs to group fields" },
	};
	struct fx *fx = *state;
	char *t;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = xasprintf("id: e\nedition: \"1\"\ntitle: E\nstatus: draft\n"
		    "sections:\n  - id: s\n    title: S\n    fields:\n%s",
		    bad[i].fields);
		assert_null(h_set(fx, NULL, t));
		free(t);
		h_assert_err(fx, "t.yaml", bad[i].line, bad[i].col, bad[i].msg);
	}
}

static void
test_unique_flags_repeated_records(void **state)
{
	struct fx *fx = *state;
	struct report *r;

	r = check(fx, "      sets:\n"
	    "        - {name: A, source: Site 1, period: 2020}\n"
	    "        - {name: B, source: Site 2, period: 2020}\n"
	    "        - {name: \" a \", source: Site 3, period: 2020}\n"
	    "        - {name: C, source: site  1, period: 2020}\n"
	    "        - {name: D}\n"
	    "        - {name: E}\n");
	if (r->n != 2)
		h_dump(r);
	assert_int_equal(r->n, 2);
	h_assert_finding(h_finding(r, FIND_DUPLICATE, "st.main.sets[3].name",
	    0), 9, 18, "the same 'Name' as record 1; each record must "
	    "describe different data, so merge the two or correct one");
	h_assert_finding(h_finding(r, FIND_DUPLICATE, "st.main.sets[4].source",
	    0), 10, 29, "the same 'Source' and 'Period' as record 1; each "
	    "record must describe different data, so merge the two or "
	    "correct one");
	assert_int_equal(r->errors, 2);
}

static void
test_empty_evidence_is_an_error(void **state)
{
	struct fx *fx = *state;
	struct report *r;
	char *p;

	p = h_write(fx, "empty.pdf", "", 0);
	free(p);
	p = h_write(fx, "full.pdf", "%PDF-1.4", (size_t)-1);
	free(p);
	r = check(fx, "      doc: empty.pdf\n");
	h_assert_finding(h_finding(r, FIND_FILE, "st.main.doc", 0), 6, 12,
	    "evidence file 'empty.pdf' is empty; attach the document itself");
	assert_int_equal(r->errors, 1);
	r = check(fx, "      doc: full.pdf\n");
	assert_int_equal(r->n, 0);
}

static void
test_every_non_primary_clause_is_qualified(void **state)
{
	struct fx *fx = *state;
	const struct tmpl *t;
	char *s;

	check(fx, "");
	t = tmpl_set_find(fx->set, "st", NULL);
	s = validate_clause_text(t, "2.1", TMPL_PROV_SECONDARY);
	assert_string_equal(s, "ST 2.1 (secondary source)");
	free(s);
	s = validate_clause_text(t, "a topic", TMPL_PROV_TOPIC);
	assert_string_equal(s, "a topic (topic; no clause number known)");
	free(s);
	s = validate_clause_text(t, "9", TMPL_PROV_PRIMARY);
	assert_string_equal(s, "ST 9");
	free(s);
	s = validate_clause_text(t, "9", TMPL_PROV_NONE);
	assert_string_equal(s, "ST 9 (provenance not stated)");
	free(s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_are_counted_across_scripts),
		cmocka_unit_test(test_words_at_the_edges_of_scripts),
		T(test_min_words_wants_enough_words),
		T(test_filler_is_refused),
		T(test_specify_asks_what_other_means),
		T(test_specify_inside_records),
		T(test_specify_load_errors),
		T(test_unique_flags_repeated_records),
		T(test_empty_evidence_is_an_error),
		T(test_every_non_primary_clause_is_qualified),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
