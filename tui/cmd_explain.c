/*
 * dossier explain FILE PATH...: "why is this asked?" from the command line,
 * the same words the wizard shows on its key (core/explain.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/dossier.h"
#include "core/explain.h"
#include "core/text.h"
#include "tui/cli.h"

int
cli_explain(const struct cli *cli)
{
	const struct tmpl_field *f;
	struct explanation *e;
	struct tmpl_set *set;
	struct dossier *d;
	struct diag err;
	char *text, *clean;
	size_t i, rec;
	int in_record, rc = EXIT_OK;

	if (cli->nfiles < 2) {
		fprintf(stderr, _("dossier: explain needs a FILE and a "
		    "question PATH, e.g. 'dossier explain dossier.yaml "
		    "tr-008.clc.learns_after_deployment'\n"
		    "Try 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	d = dossier_load(cli->files[0], set, &err);
	if (d == NULL) {
		cli_report(&err);
		tmpl_set_free(set);
		return EXIT_BAD_INPUT;
	}
	for (i = 1; i < cli->nfiles; i++) {
		f = explain_find(d, cli->files[i], &rec, &in_record, &err);
		if (f == NULL) {
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		e = explain_field(d, f, rec, in_record);
		text = explain_text(e);
		clean = text_sanitize(text, 1);
		printf("%s%s", i > 1 ? "\n" : "", clean);
		free(clean);
		free(text);
		explain_free(e);
	}
	dossier_free(d);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
