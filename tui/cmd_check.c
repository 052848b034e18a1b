/*
 * dossier check: validate dossiers and print every finding, as text
 * (file:line:col: severity: message) or as JSON with every checklist item
 * and its status (core's one verdict, checklist.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/dossier.h"
#include "core/proof.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "tui/cli.h"

/* Printable ASCII without quote or backslash: JSON as it is. */
static int
json_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static void
json_str(const char *key, const char *val, int comma)
{
	char *j;

	if (val == NULL) {
		printf("\"%s\": null%s", key, comma ? ", " : "");
		return;
	}
	if (json_plain(val)) {
		printf("\"%s\": \"%s\"%s", key, val, comma ? ", " : "");
		return;
	}
	j = text_json(val);
	printf("\"%s\": \"%s\"%s", key, j, comma ? ", " : "");
	free(j);
}

static void
print_error_json(const char *file, const struct diag *err)
{
	printf("  {");
	json_str("file", file, 1);
	printf("\"error\": {");
	json_str("message", err->msg_en, 1);
	printf("\"line\": %d, \"column\": %d}}", err->line, err->col);
}

static void
note_drafts(const struct dossier *d, unsigned char *noted,
    const struct tmpl_set *set)
{
	size_t i, j;

	for (i = 0; i < d->ntmpls; i++) {
		for (j = 0; j < set->n && set->t[j] != d->tmpls[i]; j++)
			;
		if (j == set->n || noted[j] || !d->tmpls[i]->draft)
			continue;
		noted[j] = 1;
		fprintf(stderr, _("dossier: note: template %s:%s is a draft: "
		    "check its clause references against the official text "
		    "(see 'dossier templates')\n"), d->tmpls[i]->id,
		    d->tmpls[i]->edition);
	}
}

int
cli_check(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct report *r;
	struct proof *pr;
	struct vcache *cache;
	unsigned char *noted;
	struct diag err;
	size_t i;
	int rc = EXIT_OK;

	if (cli_need_files(cli, "check") < 0)
		return EXIT_BAD_INPUT;
	if (cli->csv) {
		fprintf(stderr, _("dossier: check writes text or json, not "
		    "csv\nTry 'dossier --help'.\n"));
		return EXIT_BAD_INPUT;
	}
	set = cli_load_templates(cli);
	if (set == NULL)
		return EXIT_BAD_INPUT;
	noted = xcalloc(set->n, 1);
	cache = vcache_new();
	if (cli->json)
		printf("[\n");
	for (i = 0; i < cli->nfiles; i++) {
		if (cli->json && i > 0)
			printf(",\n");
		d = dossier_load(cli->files[i], set, &err);
		if (d == NULL) {
			if (cli->json)
				print_error_json(cli->files[i], &err);
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		/* Files the answers name: read only here, not on each edit. */
		pr = proof_run(d, cli->verify ? PROOF_VERIFY : 0, &err);
		if (pr == NULL) {
			if (cli->json)
				print_error_json(cli->files[i], &err);
			cli_report(&err);
			rc = EXIT_BAD_INPUT;
			dossier_free(d);
			continue;
		}
		cli_note_comments(d);
		/* One verdict: the files' findings sit on their items. */
		vcache_set_proof(cache, &pr->f);
		r = validate(d, cache);
		if (cli->json)
			cli_print_report_json(d, r, &pr->f);
		else
			cli_print_findings(cli->files[i], r);
		if (!cli->json)
			note_drafts(d, noted, set);
		if (rc == EXIT_OK && (r->errors > 0 ||
		    (cli->strict && r->warnings > 0)))
			rc = EXIT_FINDINGS;
		report_free(r);
		vcache_set_proof(cache, NULL);
		proof_free(pr);
		dossier_free(d);
	}
	if (cli->json)
		printf("\n]\n");
	vcache_free(cache);
	free(noted);
	tmpl_set_free(set);
	return cli_finish_stdout(rc);
}
