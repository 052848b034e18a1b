/*
 * What the command line asked for, and the verbs that run without a
 * screen.  Exit codes: 0 fine, 1 findings of error severity (or warnings
 * under --strict), 2 unusable input or usage, 3 out of memory, 4 output
 * could not be written.
 */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stddef.h>

#include "core/template.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_BAD_INPUT = 2, EXIT_OOM = 3,
    EXIT_OUTPUT = 4 };

struct cli {
	const char **template_dirs;	/* --template-dir, in order */
	size_t ntemplate_dirs;
	int json;		/* --format json */
	int strict;		/* --strict */
	const char *yaml_out;	/* export --yaml */
	const char *xlsx_out;	/* export --xlsx */
	const char *date;	/* export --date: fixed creation date */
	int demo;		/* --demo */
	int no_mouse;		/* --no-mouse */
	char **files;
	size_t nfiles;
	const char *program;	/* argv[0] */
};

/*
 * Load the templates the command line, DOSSIER_TEMPLATE_PATH or the
 * installation point at.  Prints the error and returns NULL on failure.
 */
struct tmpl_set *cli_load_templates(const struct cli *cli);

/* A bundled file (under share/), installed or beside the binary. */
char *cli_data_path(const char *program, const char *rel);

int cli_check(const struct cli *cli);
int cli_status(const struct cli *cli);
int cli_templates(const struct cli *cli);
int cli_export(const struct cli *cli);

/* One error line on stderr, sanitized, "dossier: " prefixed when no file. */
void cli_report(const struct diag *err);

/*
 * rc, unless what was printed did not reach standard output: then says
 * so and returns EXIT_OUTPUT (for 0 and 1, which describe findings
 * nobody got).
 */
int cli_finish_stdout(int rc);
/* Says so and returns -1 when the verb was given no FILE. */
int cli_need_files(const struct cli *cli, const char *verb);

#endif
