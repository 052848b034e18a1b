/*
 * The second hardening pass (issue 12) on the model: the YAML writer keeps
 * nulls null and text text; the cost budgets hold; names and numbers at
 * their limits.  The neighbour-file cases are in test_untrusted.c.
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

#include "core/dossier.h"
#include "core/template.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "core/ytree.h"
#include "tests/unit/helpers.h"

static const char tmpl_text[] =
    "id: t\n"
    "edition: \"1\"\n"
    "title: T\n"
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    fields:\n"
    "      - id: a\n"
    "        label: A\n"
    "        type: text\n"
    "      - id: b\n"
    "        label: B\n"
    "        type: text\n"
    "      - id: c\n"
    "        label: C\n"
    "        type: text\n";

/*
 * A plain null read from a file is "no answer" and is written back as a
 * null; the same word typed as an answer (built in memory) or quoted in
 * the file is text and is written quoted.
 */
static void
test_nulls_stay_nulls_and_text_stays_text(void **state)
{
	struct fx *fx = *state;
	char *out;
	size_t len;

	assert_non_null(h_set(fx, NULL, tmpl_text));
	assert_non_null(h_dossier(fx, NULL, "format: 1\n"
	    "templates: [t:1]\n"
	    "answers:\n"
	    "  t:\n"
	    "    s:\n"
	    "      a: ~\n"
	    "      b: NULL\n"
	    "      c: \"null\"\n"));
	out = dossier_serialize(fx->d, &len);
	assert_non_null(strstr(out, "      a: ~\n"));
	assert_non_null(strstr(out, "      b: NULL\n"));
	assert_non_null(strstr(out, "      c: \"null\"\n"));
	free(out);
	dossier_set_text(fx->d, h_field(fx, "t.s.a"), 0, "null");
	dossier_set_text(fx->d, h_field(fx, "t.s.b"), 0, "<<");
	out = dossier_serialize(fx->d, &len);
	assert_non_null(strstr(out, "      a: \"null\"\n"));
	assert_non_null(strstr(out, "      b: \"<<\"\n"));
	free(out);
}

/* An empty plain value (key with nothing after it) is null, not "". */
static void
test_empty_plain_is_null(void **state)
{
	struct fx *fx = *state;
	struct ynode *root;
	char *out;
	size_t len;

	assert_non_null(h_set(fx, NULL, tmpl_text));
	assert_non_null(h_dossier(fx, NULL, "format: 1\n"
	    "templates: [t:1]\n"
	    "answers:\n"
	    "  t:\n"
	    "    s:\n"
	    "      a:\n"));
	out = dossier_serialize(fx->d, &len);
	assert_non_null(strstr(out, "      a: null\n"));
	root = yt_read_buffer(out, len, "out", &fx->err);
	assert_non_null(root);
	yt_free(root);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_nulls_stay_nulls_and_text_stays_text, h_setup,
		    h_teardown),
		cmocka_unit_test_setup_teardown(test_empty_plain_is_null,
		    h_setup, h_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
