/*
 * What the command line asked for, and the verbs that run without a
 * screen.  Exit codes: 0 fine, 1 findings of error severity (or warnings
 * under --strict), 2 unusable input or usage, 3 out of memory, 4 output
 * could not be written.
 */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/lang.h"
#include "core/template.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_BAD_INPUT = 2, EXIT_OOM = 3,
    EXIT_OUTPUT = 4 };

/* The options given, as bits of struct cli's given (cmd_args.c). */
enum cli_opt {
	CLI_OPT_TEMPLATE_DIR = 1 << 0, CLI_OPT_FORMAT = 1 << 1,
	CLI_OPT_STRICT = 1 << 2, CLI_OPT_YAML = 1 << 3, CLI_OPT_XLSX = 1 << 4,
	CLI_OPT_DATE = 1 << 5, CLI_OPT_DEMO = 1 << 6,
	CLI_OPT_NO_MOUSE = 1 << 7, CLI_OPT_NEW = 1 << 8,
	CLI_OPT_BUNDLE = 1 << 9, CLI_OPT_RECORD = 1 << 10,
	CLI_OPT_VERIFY = 1 << 11, CLI_OPT_OUT_DIR = 1 << 12,
	CLI_OPT_BY = 1 << 13, CLI_OPT_LIST = 1 << 14,
	CLI_OPT_SOLUTION = 1 << 15, CLI_OPT_INTO = 1 << 16,
	CLI_OPT_RESET = 1 << 17, CLI_OPT_CLASS = 1 << 18,
	CLI_OPT_LANG = 1 << 19, CLI_OPT_COVERAGE = 1 << 20
};

struct cli {
	const char **template_dirs;	/* --template-dir, in order */
	size_t ntemplate_dirs;
	int json;		/* --format json */
	int csv;		/* --format csv (status) */
	const char *out_dir;	/* export --out-dir */
	const char *reviewer;	/* review --by: who reviewed */
	int strict;		/* --strict */
	const char *yaml_out;	/* export --yaml */
	const char *xlsx_out;	/* export --xlsx */
	const char *date;	/* export --date: fixed creation date */
	const char *bundle_out;	/* export --bundle */
	int record;		/* evidence --record */
	int verify;		/* check --verify: hash every evidence file */
	int demo;		/* --demo */
	int demo_list;		/* --demo --list */
	int demo_solution;	/* --demo NAME --solution */
	int demo_reset;		/* --demo NAME --into DIR --reset */
	const char *demo_into;	/* --demo NAME --into DIR */
	int class_view;		/* status --class */
	int no_mouse;		/* --no-mouse */
	enum lang langs[LANG_MAX];	/* --lang, else the locale's */
	size_t nlangs;
	int coverage;		/* templates --coverage */
	int new_file;		/* --new: FILE is a new dossier's name */
	unsigned given;		/* enum cli_opt: the options given */
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
/* templates --coverage (tui/cmd_coverage.c); exit 1 when any is missing. */
int cli_templates_coverage(const struct tmpl_set *set, int json);
int cli_export(const struct cli *cli);
/* Each in its own file (tui/cmd_*.c). */
int cli_export_many(const struct cli *cli);
int cli_diff(const struct cli *cli);
int cli_merge(const struct cli *cli);
int cli_review(const struct cli *cli);

/* The checklist of d to out, dated as export's options say. */
int cli_export_xlsx(const struct cli *cli, const struct dossier *d,
    const char *out);
/* rc, unless standard output could not be written (then EXIT_OUTPUT). */
int cli_finish_stdout(int rc);

int cli_explain(const struct cli *cli);	/* tui/cmd_explain.c */
int cli_class(const struct cli *cli);	/* tui/cmd_class.c */
/* One RFC 4180 field on stdout, formulas defused (cmd_portfolio.c). */
void cli_csv_field(const char *s, int last);
/* "key": "value" (JSON-escaped; NULL gives null), then ", " when comma. */
void cli_json_field(const char *key, const char *val, int comma);

/* tui/cmd_evidence.c, tui/cmd_bundle.c */
int cli_evidence(const struct cli *cli);
int cli_verify(const struct cli *cli);
struct export_opts;
/* The bundle of d; o holds the checklist's date and warning hook. */
int cli_bundle(const struct cli *cli, const struct dossier *d,
    const struct export_opts *o);

/* A finding as check prints it: FILE:LINE:COL: severity: ... [path]. */
struct finding;
void cli_print_finding(const char *file, const struct finding *f);
/*
 * Every finding of r, as cli_print_finding does, but of a kind repeated
 * record after record only the first 100 and a line saying how many more.
 */
struct report;
void cli_print_findings(const char *file, const struct report *r);
/*
 * check --format json: one dossier's object (tui/checkjson.c).  r holds
 * every finding, the files' too (vcache_set_proof); files names which of
 * them reading the files found, for the file_errors counts.
 */
struct flist;
void cli_print_report_json(const struct dossier *d, const struct report *r,
    const struct flist *files);

/*
 * The date a command records or prints: --date, else SOURCE_DATE_EPOCH
 * (its day in UTC, the reproducible-builds convention), else *date NULL
 * for the caller's own default.  1 when the date came from
 * SOURCE_DATE_EPOCH, 0 otherwise, -1 when --date or SOURCE_DATE_EPOCH is
 * unusable: cli_date_complain() says which on stderr.
 */
int cli_date(const struct cli *cli, char *buf, size_t size,
    const char **date);
void cli_date_complain(const struct cli *cli);

/* cli_date, else today in local time; NULL when cli_date refuses. */
const char *cli_today(const struct cli *cli, char *buf, size_t size);

/*
 * s on stdout in a field of w display columns (xl_text_width: the Chinese
 * of --lang zh-Hant takes two each), left- or right-aligned, so that a
 * table's headings still line up.
 */
void cli_pad(const char *s, size_t w, int right);

/* One error line on stderr, sanitized, "dossier: " prefixed when no file. */
void cli_report(const struct diag *err);

/*
 * rc, unless what was printed did not reach standard output: then says
 * so and returns EXIT_OUTPUT (for 0 and 1, which describe findings
 * nobody got).
 */
int cli_finish_stdout(int rc);
/*
 * Before running verb (NULL: the wizard): refuse an option the verb does
 * not take, and a FILE for the wizard that is no file but a verb
 * misspelt ("stauts": did you mean 'status'?) unless --new says it is a
 * new dossier's name.  Says why and returns EXIT_BAD_INPUT, or -1 to go
 * on.
 */
int cli_vet_args(const struct cli *cli, const char *verb);
/* On stderr, once per file: its comments will not survive a save. */
void cli_note_comments(const struct dossier *d);
/* Says so and returns -1 when the verb was given no FILE. */
int cli_need_files(const struct cli *cli, const char *verb);

#endif
