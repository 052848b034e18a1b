/*
 * core/yamlcomment.c: where a YAML text's first comment is, so the wizard
 * and check can say once that saving will not keep it.  A '#' inside a
 * scalar of any style is not a comment; lines are counted across block
 * scalars and non-ASCII text.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/yamlcomment.h"

static int
line_of(const char *s)
{
	return yaml_comment_line(s, strlen(s));
}

static void
test_none(void **state)
{
	(void)state;
	assert_int_equal(line_of(""), 0);
	assert_int_equal(line_of("a: 1\n"), 0);
	assert_int_equal(line_of("a: 'x # y'\n"), 0);
	assert_int_equal(line_of("a: \"x # y\"\n"), 0);
	assert_int_equal(line_of("a: x#y\n"), 0);
	assert_int_equal(line_of("a: |\n  text # in the block\nb: 2\n"), 0);
	assert_int_equal(line_of("a: >-\n  folded # too\n"), 0);
	assert_int_equal(line_of("a: [x, 'y # z']\n"), 0);
}

static void
test_found(void **state)
{
	(void)state;
	assert_int_equal(line_of("# top\na: 1\n"), 1);
	assert_int_equal(line_of("a: 1 # trailing\n"), 1);
	assert_int_equal(line_of("a: 1\nb:\n  # inside\n  c: 2\n"), 3);
	assert_int_equal(line_of("a: |\n  text # in the block\nb: 2\n# end\n"),
	    4);
	assert_int_equal(line_of("a: |\n  x\n\n  y\nb: 2 # here\n"), 5);
	/* Characters of several bytes before it: marks count characters. */
	assert_int_equal(line_of("a: 港線影像 # 註\n"), 1);
	assert_int_equal(line_of("a: \"港#\"\nb: 維港 \nc: 1 # c\n"), 3);
	assert_int_equal(line_of("- a\n- b # two\n"), 2);
}

static void
test_broken(void **state)
{
	(void)state;
	/* Not YAML: no answer, no crash (the loader reports the error). */
	(void)line_of("a: [\n");
	(void)line_of("\t: :\n\"unterminated");
	assert_int_equal(yaml_comment_line("a: 1 # x", 4), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_broken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
