/*
 * dossier export: write the dossier's YAML (normalised) and its XLSX
 * checklist, each atomically.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dossier.h"
#include "core/export.h"
#include "core/store.h"
#include "core/text.h"
#include "core/validate.h"
#include "tui/cli.h"

static int
export_yaml(const struct dossier *d, const char *out)
{
	struct diag err;
	size_t len;
	char *buf;
	int rc = EXIT_OK;

	buf = dossier_serialize(d, &len);
	if (strcmp(out, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "dossier: cannot write to standard "
			    "output: %s\n", strerror(errno));
			rc = EXIT_OUTPUT;
		}
	} else if (store_write_atomic(out, buf, len, NULL, &err) < 0) {
		cli_report(&err);
		rc = EXIT_OUTPUT;
	}
	free(buf);
	return rc;
}

static void
export_warn(void *arg, const char *msg)
{
	char *clean = text_sanitize(msg, 0);

	(void)arg;
	fprintf(stderr, "dossier: warning: %s\n", clean);
	free(clean);
}

/*
 * The checklist's date: --date, else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else export_xlsx's default (the day the
 * dossier file was last changed).
 */
static int
export_date(const struct cli *cli, struct export_opts *o, char *buf,
    size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;
	time_t tt;
	struct tm tm;

	if (cli->date != NULL) {
		if (!validate_is_date(cli->date))
			return -1;
		o->date = cli->date;
		return 0;
	}
	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	t = strtoll(sde, &end, 10);
	if (errno != 0 || *end != '\0' || t < 0)
		return 0;
	tt = (time_t)t;
	if (gmtime_r(&tt, &tm) == NULL)
		return 0;
	strftime(buf, size, "%Y-%m-%d", &tm);
	o->date = buf;
	o->date_note = "from SOURCE_DATE_EPOCH";
	return 0;
}

static int
export_xlsx_file(const struct cli *cli, const struct dossier *d)
{
	struct export_opts o;
	struct report *r;
	struct diag err;
	char date[16];
	int rc = EXIT_OK;

	memset(&o, 0, sizeof o);
	o.warn = export_warn;
	if (export_date(cli, &o, date, sizeof date) < 0) {
		fprintf(stderr, "dossier: --date wants YYYY-MM-DD, not '%s'\n"
		    "Try 'dossier --help'.\n", cli->date);
		return EXIT_BAD_INPUT;
	}
	diag_clear(&err);
	r = validate(d, NULL);
	if (export_xlsx(d, r, cli->xlsx_out, &o, &err) < 0) {
		cli_report(&err);
		rc = err.code == DIAG_USAGE ? EXIT_BAD_INPUT : EXIT_OUTPUT;
	}
	report_free(r);
	return rc;
}

int
cli_export(const struct cli *cli)
{
	struct tmpl_set *set;
	struct dossier *d;
	struct diag err;
	int rc = EXIT_OK;

	if (cli->nfiles != 1) {
		fprintf(stderr, "dossier: export takes exactly one FILE\n"
		    "Try 'dossier --help'.\n");
		return EXIT_BAD_INPUT;
	}
	if (cli->yaml_out == NULL && cli->xlsx_out == NULL) {
		fprintf(stderr, "dossier: export needs --yaml OUT or --xlsx "
		    "OUT\n");
		return EXIT_BAD_INPUT;
	}
	if (cli->xlsx_out != NULL && strcmp(cli->xlsx_out, "-") == 0) {
		fprintf(stderr, "dossier: --xlsx needs a file name; a workbook "
		    "is not written to standard output\n");
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
	if (cli->yaml_out != NULL)
		rc = export_yaml(d, cli->yaml_out);
	if (cli->xlsx_out != NULL && rc == EXIT_OK)
		rc = export_xlsx_file(cli, d);
	dossier_free(d);
	tmpl_set_free(set);
	return rc;
}
