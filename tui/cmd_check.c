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
print_finding_json(const struct finding *f, int first)
{
	char *clause = NULL, buf[FINDING_PATH_MAX];

	if (f->tmpl != NULL)
		clause = validate_clause_text(f->tmpl, f->clause, f->prov);
	printf("%s\n    {", first ? "" : ",");
	json_str("severity", tmpl_severity_name(f->sev), 1);
	json_str("template", f->tmpl != NULL ? f->tmpl->id : NULL, 1);
	json_str("clause", f->clause, 1);
	json_str("provenance", f->tmpl != NULL && f->prov != TMPL_PROV_NONE ?
	    tmpl_prov_name(f->prov) : NULL, 1);
	json_str("cite", clause, 1);
	json_str("section", f->section != NULL ? f->section->id : NULL, 1);
	json_str("field", f->field != NULL ? f->field->id : NULL, 1);
	json_str("rule", f->rule != NULL ? f->rule->id : NULL, 1);
	json_str("path", finding_path(f, buf), 1);
	json_str("message", f->message, 1);
	printf("\"line\": %d, \"column\": %d}", f->line, f->col);
	free(clause);
}

/*
 * Every item the checklist has a row for, with core's verdict: the same
 * status the wizard marks and the workbook writes (share/doc/checklist.md).
 */
static void
print_items_json(const struct dossier *d, const struct report *r)
{
	struct checklist *c = checklist_build(d, r);
	const struct checklist_row *w;
	char *path, buf[FINDING_PATH_MAX];
	size_t i, n = 0;

	for (i = 0; i < c->n; i++) {
		w = &c->rows[i];
		path = w->field != NULL ? checklist_path(w) :
		    xstrdup(finding_path(checklist_finding(c, w, 0), buf));
		printf("%s\n    {", n++ > 0 ? "," : "");
		json_str("path", path, 1);
		json_str("kind", w->field != NULL ? "field" : "finding", 1);
		json_str("status", checklist_status_name(w->status), 0);
		printf("}");
		free(path);
	}
	if (n > 0)
		printf("\n   ");
	checklist_free(c);
}

static void
print_report_json(const struct dossier *d, const struct report *r,
    const struct flist *extra)
{
	size_t i;

	printf("  {");
	json_str("file", d->path, 1);
	printf("\"completeness\": %d, \"errors\": %zu, \"warnings\": %zu, "
	    "\"infos\": %zu,\n   \"file_errors\": %zu, \"file_warnings\": "
	    "%zu, \"file_infos\": %zu,\n   \"templates\": [",
	    report_percent(r), r->errors, r->warnings, r->infos,
	    extra->errors, extra->warnings, extra->infos);
	for (i = 0; i < d->ntmpls; i++) {
		printf("%s{", i > 0 ? ", " : "");
		json_str("id", d->tmpls[i]->id, 1);
		json_str("edition", d->tmpls[i]->edition, 1);
		printf("\"draft\": %s, ", d->tmpls[i]->draft ? "true" : "false");
		json_str("sha256", d->tmpls[i]->sha256, 0);
		printf("}");
	}
	printf("],\n   \"findings\": [");
	for (i = 0; i < r->n; i++)
		print_finding_json(&r->f[i], i == 0);
	printf("%s],\n   \"items\": [", r->n > 0 ? "\n   " : "");
	print_items_json(d, r);
	/*
	 * What reading the files found is not part of the verdict the
	 * checklist shows (validate.h), so it has a list of its own.
	 */
	printf("],\n   \"file_findings\": [");
	for (i = 0; i < extra->n; i++)
		print_finding_json(&extra->f[i], i == 0);
	printf("%s]}", extra->n > 0 ? "\n   " : "");
}

static void
print_error_json(const char *file, const struct diag *err)
{
	printf("  {");
	json_str("file", file, 1);
	printf("\"error\": {");
	json_str("message", err->msg, 1);
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
		fprintf(stderr, "dossier: note: template %s:%s is a draft: "
		    "check its clause references against the official text "
		    "(see 'dossier templates')\n", d->tmpls[i]->id,
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
	size_t i, j;
	int rc = EXIT_OK;

	if (cli_need_files(cli, "check") < 0)
		return EXIT_BAD_INPUT;
	if (cli->csv) {
		fprintf(stderr, "dossier: check writes text or json, not csv\n"
		    "Try 'dossier --help'.\n");
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
		r = validate(d, cache);
		if (cli->json) {
			print_report_json(d, r, &pr->f);
		} else {
			cli_print_findings(cli->files[i], r);
			for (j = 0; j < pr->f.n; j++)
				cli_print_finding(cli->files[i], &pr->f.f[j]);
		}
		if (!cli->json)
			note_drafts(d, noted, set);
		if (rc == EXIT_OK && (r->errors + pr->f.errors > 0 ||
		    (cli->strict && r->warnings + pr->f.warnings > 0)))
			rc = EXIT_FINDINGS;
		report_free(r);
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
