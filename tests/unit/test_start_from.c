/*
 * start_from (issue 13): a template field may name another question,
 * template.section.field, whose answer is a good start for it.  The
 * loader keeps the name, refuses one of the wrong shape with its line and
 * column, and refuses it on a group.  The bundled TR-008 starts its
 * intended use from TR-007's purpose.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/template.h"
#include "tests/unit/helpers.h"

#define HEAD \
	"id: t\n" \
	"edition: \"1\"\n" \
	"title: T\n" \
	"sections:\n" \
	"  - id: s\n" \
	"    title: S\n" \
	"    fields:\n" \
	"      - id: a\n" \
	"        label: A\n" \
	"        type: longtext\n"

static void
test_kept(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, HEAD
	    "        start_from: u.sec.purpose\n"));
	assert_string_equal(fx->set->t[0]->sections[0].fields[0].start_from,
	    "u.sec.purpose");
}

static void
test_absent(void **state)
{
	struct fx *fx = *state;

	assert_non_null(h_set(fx, NULL, HEAD));
	assert_null(fx->set->t[0]->sections[0].fields[0].start_from);
}

static void
test_bad_shape(void **state)
{
	static const char *const bad[] = { "purpose", "u.purpose",
	    "u..purpose", ".s.f", "u.s.", "u.s.f.g" };
	struct fx *fx = *state;
	char *yaml;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		yaml = malloc(strlen(HEAD) + 64);
		strcpy(yaml, HEAD);
		strcat(yaml, "        start_from: ");
		strcat(yaml, bad[i]);
		strcat(yaml, "\n");
		if (h_set(fx, NULL, yaml) != NULL)
			fail_msg("accepted start_from: %s", bad[i]);
		h_assert_err(fx, "t.yaml", 11, 21, "field 'a': start_from names "
		    "a question as template.section.field, e.g. "
		    "tr-007.qualification.software_function");
		free(yaml);
	}
}

static void
test_not_on_a_group(void **state)
{
	struct fx *fx = *state;

	assert_null(h_set(fx, NULL,
	    "id: t\nedition: \"1\"\ntitle: T\nsections:\n"
	    "  - id: s\n    title: S\n    fields:\n"
	    "      - id: g\n        label: G\n        type: group\n"
	    "        start_from: u.s.f\n"
	    "        fields:\n"
	    "          - id: x\n            label: X\n"
	    "            type: text\n"));
	h_assert_err(fx, "t.yaml", 11, 21, "field 'g': a group's records "
	    "cannot start from another answer");
}

static void
test_bundled(void **state)
{
	struct fx *fx = *state;
	char *dir = h_data("../../templates");
	const char *dirs[1];
	const struct tmpl_field *f;

	dirs[0] = dir;
	fx->set = tmpl_set_load(dirs, 1, 1, &fx->err);
	assert_non_null(fx->set);
	f = h_field(fx, "tr-008.intended_use.intended_use");
	assert_string_equal(f->start_from,
	    "tr-007.qualification.software_function");
	/* It names a question that exists. */
	(void)h_field(fx, "tr-007.qualification.software_function");
	free(dir);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_kept),
		T(test_absent),
		T(test_bad_shape),
		T(test_not_on_a_group),
		T(test_bundled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
