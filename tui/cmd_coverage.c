/*
 * templates --coverage: what each template's translations lack, string by
 * string (share/doc/templates.md, section 16).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/template.h"
#include "core/text.h"
#include "tui/cli.h"

static void
json_pair(const char *key, const char *val)
{
	char *j = text_json(val);

	printf("\"%s\": \"%s\", ", key, j);
	free(j);
}

static void
print_missing(const char *path, const char *english, void *arg)
{
	char *p = text_sanitize(path, 0), *e = text_sanitize(english, 0);
	size_t n = strlen(e), cut = n;

	(void)arg;
	/*
	 * One line each: long help texts are cut, the path says which.  The
	 * cut falls between characters, never inside a UTF-8 sequence.
	 */
	if (n > 60)
		for (cut = 57; cut > 0 && ((unsigned char)e[cut] & 0xC0) == 0x80;
		    cut--)
			;
	printf("  %s: %.*s%s\n", p, (int)cut, e, cut < n ? "..." : "");
	free(p);
	free(e);
}

/*
 * templates --coverage: per template and language, how many strings have
 * a translation, then each one that lacks one.  Exit 1 when any lacks
 * one, so a test or CI can hold the bundled templates at 100%.
 */
int
cli_templates_coverage(const struct tmpl_set *set, int json)
{
	size_t i, total, missing;
	int l, rc = EXIT_OK;

	if (json)
		printf("[");
	for (i = 0; i < set->n; i++) {
		const struct tmpl *t = set->t[i];

		for (l = 0; l < LANG_COUNT; l++) {
			if (l == LANG_EN)
				continue;
			total = tmpl_coverage(t, (enum lang)l, NULL, NULL,
			    &missing);
			if (missing > 0)
				rc = EXIT_FINDINGS;
			if (json) {
				printf("%s\n  {", i > 0 ? "," : "");
				json_pair("template", t->id);
				json_pair("edition", t->edition);
				json_pair("lang", lang_tag((enum lang)l));
				printf("\"strings\": %zu, \"missing\": %zu}",
				    total, missing);
				continue;
			}
			printf(_("%s:%s %s: %zu of %zu strings translated "
			    "(%zu%%)%s\n"), t->id, t->edition,
			    lang_tag((enum lang)l), total - missing, total,
			    total > 0 ? (total - missing) * 100 / total : 100,
			    t->tr_path[l] == NULL ? _(", no translation file"):
			    "");
			if (missing > 0)
				tmpl_coverage(t, (enum lang)l, print_missing,
				    NULL, &missing);
		}
	}
	if (json)
		printf("\n]\n");
	return rc;
}
