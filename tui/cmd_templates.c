/* dossier templates: the templates found, one tab-separated line each. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

int
cli_templates(const struct cli *cli)
{
	struct tmpl_set *set;
	size_t i;
	int rc;

	/* The list is tab-separated text; --coverage has a JSON form. */
	if (cli->csv || (cli->json && !cli->coverage)) {
		fprintf(stderr, "%s", _("dossier: templates writes text, or "
		    "json with --coverage\nTry 'dossier --help'.\n"));
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
