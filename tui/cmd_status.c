/* dossier status: one line per dossier, how complete and how many findings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/dossier.h"
#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

int
cli_status(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct vcache *cache;
	struct diag err;
	char *name;
	size_t i;
	int rc = EXIT_OK;

	if (cli_need_files(cli, "status") < 0)
		return EXIT_BAD_INPUT;
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	cache = vcache_new();
	for (i = 0; i < cli->nfiles; i++) {
		d = dossier_load(cli->files[i], set, &err);
		if (d == NULL) {
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		r = validate(d, cache);
		name = text_sanitize(cli->files[i], 0);
		printf("%s: %d%% complete, %zu error%s, %zu warning%s\n",
		    name, report_percent(r), r->errors,
		    r->errors == 1 ? "" : "s", r->warnings,
		    r->warnings == 1 ? "" : "s");
		free(name);
		report_free(r);
		dossier_free(d);
	}
	vcache_free(cache);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
