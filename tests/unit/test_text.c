/*
 * Unit tests of untrusted-text handling (core/text.c): UTF-8 decoding,
 * which code points are hazards on a terminal, sanitizing for display
 * (escape sequences, C1 controls, bidi overrides, invisible characters,
 * invalid bytes) and JSON string escaping.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/invisible.h"
#include "core/text.h"
#include "tests/unit/helpers.h"

static void
decodes(const char *s, int len, int32_t cp)
{
	int32_t got = 0;

	assert_int_equal(text_decode(s, strlen(s), &got), len);
	assert_int_equal(got, cp);
}

static void
sanitized(const char *in, int keep, const char *want)
{
	char *out = text_sanitize(in, keep);

	assert_string_equal(out, want);
	free(out);
}

static void
json(const char *in, const char *want)
{
	char *out = text_json(in);

	assert_string_equal(out, want);
	free(out);
}

static void
test_text_decode_valid_utf8(void **state)
{
	(void)state;
	decodes("A", 1, 'A');
	decodes("\xc3\xa9", 2, 0xE9);
	decodes("\xe5\x90\x8d", 3, 0x540D);
	decodes("\xf0\x9f\x98\x80", 4, 0x1F600);
	decodes("\xf4\x8f\xbf\xbf", 4, 0x10FFFF);
	decodes("\xef\xbb\xbf", 3, 0xFEFF);
}

static void
test_text_decode_refuses_invalid_sequences(void **state)
{
	int32_t cp = 0;

	(void)state;
	decodes("\xff", 1, -1);
	decodes("\x80", 1, -1);			/* lone continuation */
	decodes("\xc0\xaf", 1, -1);		/* overlong '/' */
	decodes("\xc1\xbf", 1, -1);
	decodes("\xe0\x80\xaf", 1, -1);		/* overlong, 3 bytes */
	decodes("\xf0\x80\x80\xaf", 1, -1);	/* overlong, 4 bytes */
	decodes("\xed\xa0\x80", 1, -1);		/* surrogate */
	decodes("\xf4\x90\x80\x80", 1, -1);	/* past U+10FFFF */
	decodes("\xf5\x80\x80\x80", 1, -1);
	decodes("\xe5\x90", 1, -1);		/* cut short */
	decodes("\xe5" "A" "\x8d", 1, -1);
	/* Never reads past n. */
	assert_int_equal(text_decode("\xe5\x90\x8d", 2, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(text_decode("", 0, &cp), 1);
	assert_int_equal(cp, -1);
}

static void
test_text_hazards(void **state)
{
	static const int32_t hazards[] = {
		0x00, 0x07, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0x9B, 0x9F, 0x061C,
		0x200B, 0x200E, 0x200F, 0x202A, 0x202E, 0x2028, 0x2029,
		0x2060, 0x2066, 0x2069, 0xFEFF,
		/* Missed before issue 12: tags, soft hyphen, invisible
		 * operators, Mongolian vowel separator, Hangul filler,
		 * interlinear annotation, deprecated format characters,
		 * combining grapheme joiner. */
		0xE0001, 0xE0020, 0xE007F, 0x00AD, 0x2061, 0x2064, 0x180E,
		0x3164, 0xFFF9, 0xFFFB, 0x206A, 0x206F, 0x034F
	};
	static const int32_t safe[] = {
		' ', 'a', '~', 0xA0, 0xE9, 0x540D, 0x2010, 0x2030, 0x2070,
		0x1F600, 0xE0080 - 0x100, 0xFFFC, 0x3165
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof hazards / sizeof hazards[0]; i++)
		assert_true(text_is_hazard(hazards[i]));
	for (i = 0; i < sizeof safe / sizeof safe[0]; i++)
		assert_false(text_is_hazard(safe[i]));
}

/* Anything else that text_is_hazard must flag, for the range test. */
static int
other_hazard(int32_t cp)
{
	size_t i;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0x2028 || cp == 0x2029)
		return 1;
	for (i = 0; i < sizeof invisible_ranges / sizeof invisible_ranges[0];
	    i++)
		if (cp >= invisible_ranges[i].lo && cp <= invisible_ranges[i].hi)
			return 1;
	return 0;
}

/*
 * Every range of the generated table (share/unicode/gen-invisible.pl):
 * its ends and middle are hazards, the code points just outside are not
 * (unless another range or a control covers them), and the table is
 * sorted without overlaps, as the binary search needs.
 */
static void
test_text_hazard_every_range(void **state)
{
	size_t i, n = sizeof invisible_ranges / sizeof invisible_ranges[0];
	int32_t lo, hi;

	(void)state;
	assert_true(n > 10);
	for (i = 0; i < n; i++) {
		lo = invisible_ranges[i].lo;
		hi = invisible_ranges[i].hi;
		assert_true(lo <= hi);
		if (i > 0)
			assert_true(invisible_ranges[i - 1].hi + 1 < lo);
		if (!text_is_hazard(lo) || !text_is_hazard(hi) ||
		    !text_is_hazard(lo + (hi - lo) / 2))
			fail_msg("range U+%04X..U+%04X not flagged",
			    (unsigned)lo, (unsigned)hi);
		if (text_is_hazard(lo - 1) != other_hazard(lo - 1) ||
		    text_is_hazard(hi + 1) != other_hazard(hi + 1))
			fail_msg("range U+%04X..U+%04X: neighbour wrong",
			    (unsigned)lo, (unsigned)hi);
	}
}

static void
test_text_sanitize_neutralises_escape_sequences(void **state)
{
	(void)state;
	sanitized("plain text", 0, "plain text");
	sanitized("\x1b]0;pwned\a", 0, "^[]0;pwned^G");
	sanitized("\x1b]52;c;cHduZWQ=\a", 0, "^[]52;c;cHduZWQ=^G");
	sanitized("\x1b[2J\x1b[H", 0, "^[[2J^[[H");
	sanitized("\x1bP1$r\x1b\\", 0, "^[P1$r^[\\");
	sanitized("del\x7f", 0, "del^?");
	sanitized("cr\rlf\n", 0, "cr^Mlf^J");
}

static void
test_text_sanitize_marks_c1_bidi_and_invisible_characters(void **state)
{
	(void)state;
	sanitized("\xc2\x9b" "31m", 0, "<U+009B>31m");
	sanitized("abc\xe2\x80\xae" "fed", 0, "abc<U+202E>fed");
	sanitized("\xe2\x81\xa6x\xe2\x81\xa9", 0, "<U+2066>x<U+2069>");
	sanitized("a\xe2\x80\x8b" "b", 0, "a<U+200B>b");
	sanitized("\xef\xbb\xbf" "x", 0, "<U+FEFF>x");
	sanitized("\xd8\x9c", 0, "<U+061C>");
}

static void
test_text_sanitize_shows_invalid_bytes(void **state)
{
	(void)state;
	sanitized("ok\xff\xfe", 0, "ok<0xFF><0xFE>");
	sanitized("\xe5\x90", 0, "<0xE5><0x90>");
	sanitized("\xc0\xaf", 0, "<0xC0><0xAF>");
}

static void
test_text_sanitize_keeps_printable_unicode(void **state)
{
	(void)state;
	sanitized("小明醫療有限公司", 0, "小明醫療有限公司");
	sanitized("café \xf0\x9f\x98\x80", 0, "café \xf0\x9f\x98\x80");
	sanitized("", 0, "");
}

static void
test_text_sanitize_can_keep_newlines_and_tabs(void **state)
{
	(void)state;
	sanitized("a\nb\tc\rd", 1, "a\nb\tc^Md");
	sanitized("a\nb\tc", 0, "a^Jb^Ic");
}

static void
test_text_json_escapes(void **state)
{
	(void)state;
	json("plain", "plain");
	json("say \"hi\"", "say \\\"hi\\\"");
	json("back\\slash", "back\\\\slash");
	json("a\nb\tc", "a\\nb\\tc");
	json("\x1b[2J", "\\u001b[2J");
	json("\r\x01\x7f", "\\u000d\\u0001\\u007f");
	json("\xc2\x9b", "\\u009b");
	json("\xe2\x80\xae", "\\u202e");
	json("小明", "小明");
	json("ok\xff", "ok\\ufffd");
	json("", "");
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_text_decode_valid_utf8),
		T(test_text_decode_refuses_invalid_sequences),
		T(test_text_hazards),
		T(test_text_hazard_every_range),
		T(test_text_sanitize_neutralises_escape_sequences),
		T(test_text_sanitize_marks_c1_bidi_and_invisible_characters),
		T(test_text_sanitize_shows_invalid_bytes),
		T(test_text_sanitize_keeps_printable_unicode),
		T(test_text_sanitize_can_keep_newlines_and_tabs),
		T(test_text_json_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
