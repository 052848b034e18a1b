/*
 * dossier merge BASE OURS THEIRS: git's merge-driver contract (%O %A %B).
 * The merged dossier replaces OURS (atomically, in canonical form); the
 * exit status is 0 for a clean merge, 1 when conflicts were recorded in
 * the file (core/merge.h) and 2 when a side cannot be used, in which case
 * OURS is left as it was and git reports a conflict.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/merge.h"
#include "core/store.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "tui/cli.h"

int
cli_merge(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d[3] = { NULL, NULL, NULL }, *check = NULL;
	struct ynode *root;
	struct diag err;
	size_t n = 0, len, i;
	char *buf = NULL, *name;
	int rc = EXIT_BAD_INPUT;

	if (cli->nfiles != 3) {
		fprintf(stderr, "dossier: merge takes BASE OURS THEIRS (git: "
		    "dossier merge %%O %%A %%B)\nTry 'dossier --help'.\n");
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	for (i = 0; i < 3; i++) {
		d[i] = dossier_load(cli->files[i], set, &err);
		if (d[i] == NULL) {
			cli_report(&err);
			goto out;
		}
	}
	root = merge_dossiers(d[0], d[1], d[2], &n);
	yt_free(dossier_swap_root(d[1], root));
	buf = dossier_serialize(d[1], &len);
	/* The result must load as a dossier before it replaces OURS. */
	check = dossier_load_buffer(buf, len, cli->files[1], set, &err);
	if (check == NULL) {
		cli_report(&err);
		fprintf(stderr, "dossier: merge: the merged dossier would not "
		    "load; %s is unchanged\n", cli->files[1]);
		goto out;
	}
	free(buf);
	buf = dossier_serialize(check, &len);
	if (store_write_atomic(cli->files[1], buf, len, NULL, &err) < 0) {
		cli_report(&err);
		rc = EXIT_OUTPUT;
		goto out;
	}
	rc = n > 0 ? EXIT_FINDINGS : EXIT_OK;
	if (n > 0) {
		name = text_sanitize(cli->files[1], 0);
		fprintf(stderr, "dossier: merge: %zu answer%s changed on both "
		    "sides; recorded under 'conflicts:' in %s (dossier check "
		    "lists them; the wizard resolves them)\n", n,
		    n == 1 ? "" : "s", name);
		free(name);
	}
out:
	free(buf);
	dossier_free(check);
	for (i = 0; i < 3; i++)
		dossier_free(d[i]);
	tmpl_set_free(set);
	return rc;
}
