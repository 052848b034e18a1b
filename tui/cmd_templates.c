/*
 * dossier templates: the templates found, one tab-separated line each, or
 * with --format json one object each.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

/*
 * The same as the text lines, and the SHA-256 a checklist and check's
 * JSON record, so a tool can tell which rules produced them.
 */
static void
list_json(const struct tmpl_set *set)
{
	size_t i;

	printf("[");
	for (i = 0; i < set->n; i++) {
		const struct tmpl *t = set->t[i];

		printf("%s\n  {", i > 0 ? "," : "");
		cli_json_field("id", t->id, 1);
		cli_json_field("edition", t->edition, 1);
		printf("\"draft\": %s, ", t->draft ? "true" : "false");
		/* JSON never changes with the language: the source's. */
		cli_json_field("title", t->title, 1);
		cli_json_field("source", t->source, 1);
		cli_json_field("path", t->path, 1);
		cli_json_field("sha256", t->sha256, 0);
		printf("}");
	}
	printf("%s]\n", set->n > 0 ? "\n" : "");
}

int
cli_templates(const struct cli *cli)
{
	struct tmpl_set *set;
	size_t i;
	int rc;

	/* Text or JSON; CSV has no use for a list this short. */
	if (cli->csv) {
		fprintf(stderr, "%s", _("dossier: templates writes text or "
		    "json\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	if (cli->coverage) {
		rc = cli_templates_coverage(set, cli->json);
		tmpl_set_free(set);
		return cli_finish_stdout(rc);
	}
	if (cli->json) {
		list_json(set);
		tmpl_set_free(set);
		return cli_finish_stdout(EXIT_OK);
	}
	for (i = 0; i < set->n; i++) {
		const struct tmpl *t = set->t[i];
		char *title = text_sanitize(tmpl_own_text(t, TMPL_TR_TITLE,
		    lang_current()), 0);
		char *source = text_sanitize(t->source != NULL ? t->source :
		    "", 0);
		char *edition = text_sanitize(t->edition, 0);
		char *path = text_sanitize(t->path, 0);

		printf("%s:%s\t%s\t%s\t%s\t%s\n", t->id, edition,
		    t->draft ? "draft" : "checked", title, source, path);
		free(title);
		free(source);
		free(edition);
		free(path);
	}
	if (set->n == 0)
		fprintf(stderr, "%s", _("dossier: no templates found\n"));
	tmpl_set_free(set);
	return cli_finish_stdout(EXIT_OK);
}
