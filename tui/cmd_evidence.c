/*
 * dossier evidence FILE [--record] [--verify]: the evidence register of
 * one dossier, one line per file the answers name:
 *
 *   STATE <tab> SIZE <tab> SHA-256 as recorded <tab> RECORDED <tab> PATH
 *
 * or with --format json or csv the same facts as records, with the
 * question that names each file.
 *
 * --record hashes every readable file, writes the register and the
 * manifests' receipts into FILE and saves it (atomically, refusing when
 * FILE changed on disk since it was read).  Exit 0 when every file is as
 * recorded, 1 when one is changed, missing, empty or not a file, 2 for
 * unusable input, 4 when FILE could not be saved.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/evidence.h"
#include "core/proof.h"
#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

static int
bad_state(enum evid_state s)
{
	return s == EVID_CHANGED || s == EVID_MISSING || s == EVID_EMPTY ||
	    s == EVID_NOT_FILE || s == EVID_UNREADABLE;
}

/*
 * One file as --format json gives it: the same facts as a text line,
 * null where the text says "-", and the question that names the file.
 */
static void
file_json(const struct evid_file *e, const char *size, int first)
{
	const struct evid_entry *r = e->entry;

	printf("%s  {", first ? "" : ",\n");
	cli_json_field("path", e->path, 1);
	cli_json_field("state", evid_state_name(e->state), 1);
	printf("\"size\": %s, ", size[0] != '-' ? size : "null");
	cli_json_field("sha256", r != NULL ? r->sha256 : NULL, 1);
	cli_json_field("recorded", r != NULL ? r->recorded : NULL, 1);
	printf("\"outside\": %s, ", e->outside ? "true" : "false");
	cli_json_field("question", e->where, 0);
	printf("}");
}

static void
file_csv(const struct evid_file *e, const char *size)
{
	const struct evid_entry *r = e->entry;

	cli_csv_field(e->path, 0);
	cli_csv_field(evid_state_name(e->state), 0);
	cli_csv_field(size[0] != '-' ? size : "", 0);
	cli_csv_field(r != NULL ? r->sha256 : "", 0);
	cli_csv_field(r != NULL && r->recorded != NULL ? r->recorded : "", 0);
	cli_csv_field(e->outside ? "yes" : "no", 0);
	cli_csv_field(e->where, 1);
}

static int
list(const struct cli *cli, const struct evid_list *l)
{
	size_t i;
	int rc = EXIT_OK;

	if (cli->json)
		printf("[\n");
	if (cli->csv)
		printf("path,state,size,sha256,recorded,outside,question\n");
	for (i = 0; i < l->n; i++) {
		const struct evid_file *e = &l->f[i];
		const struct evid_entry *r = e->entry;
		char *path;
		char size[32] = "-";

		/* Known only once the file was found and stat'ed. */
		if (e->state != EVID_MISSING && e->state != EVID_NOT_FILE &&
		    e->modified[0] != '\0')
			snprintf(size, sizeof size, "%llu",
			    (unsigned long long)e->size);
		if (bad_state(e->state))
			rc = EXIT_FINDINGS;
		if (cli->json) {
			file_json(e, size, i == 0);
			continue;
		}
		if (cli->csv) {
			file_csv(e, size);
			continue;
		}
		path = text_sanitize(e->path, 0);
		printf("%s\t%s\t%s\t%s\t%s%s\n", evid_state_name(e->state),
		    size, r != NULL ? r->sha256 : "-",
		    r != NULL && r->recorded != NULL ? r->recorded : "-", path,
		    e->outside ? "\t(outside the dossier's folder)" : "");
		free(path);
	}
	if (cli->json)
		printf("%s]\n", l->n > 0 ? "\n" : "");
	return rc;
}

static int
record(const struct cli *cli, struct dossier *d, struct evid_list *l)
{
	struct flist f;
	struct ovl *o;
	struct diag err;
	char buf[16];
	const char *date = cli_today(cli, buf, sizeof buf);
	long n;

	if (date == NULL) {
		cli_date_complain(cli);
		return EXIT_BAD_INPUT;
	}
	memset(&f, 0, sizeof f);
	diag_clear(&err);
	o = ovl_run(d, &f, &err);
	flist_free(&f);
	if (o == NULL) {
		cli_report(&err);
		return EXIT_BAD_INPUT;
	}
	n = evid_record(d, l, date, &err);
	if (n >= 0)
		ovl_record(d, o);
	ovl_free(o);
	if (n < 0) {
		cli_report(&err);
		return EXIT_BAD_INPUT;
	}
	if (d->dirty && dossier_save(d, NULL, 0, &err) < 0) {
		cli_report(&err);
		return EXIT_OUTPUT;
	}
	fprintf(stderr, _("dossier: %s: %ld file%s recorded\n"), d->path, n,
	    n == 1 ? "" : "s");
	return EXIT_OK;
}

int
cli_evidence(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct evid_list *l;
	struct diag err;
	int rc;

	if (cli->nfiles != 1) {
		fprintf(stderr, _("dossier: evidence takes exactly one FILE\n"
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
	l = evid_scan(d, cli->verify ? EVID_HASH : 0, &err);
	if (l == NULL) {
		cli_report(&err);
		rc = EXIT_BAD_INPUT;
	} else if (cli->record) {
		rc = record(cli, d, l);
		evid_list_free(l);
		l = NULL;
		if (rc == EXIT_OK) {
			l = evid_scan(d, 0, &err);
			rc = l != NULL ? list(cli, l) : EXIT_BAD_INPUT;
		}
	} else {
		rc = list(cli, l);
	}
	evid_list_free(l);
	dossier_free(d);
	tmpl_set_free(set);
	if (fflush(stdout) != 0 && rc <= EXIT_FINDINGS)
		rc = EXIT_OUTPUT;
	return rc;
}
