/*
 * main(): parse the command line and hand over to a verb or the wizard.
 * Verbs never start curses, so they work in pipes, CI and scripts.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/cli.h"
#include "tui/demo.h"
#include "tui/wizard.h"

static void
usage(FILE *fp)
{
	fputs(_(
"usage: dossier [options] [FILE]        open the wizard (default dossier.yaml)\n"
"       dossier --demo [NAME] [--solution] [--into DIR [--reset]]\n"
"                                       open a workshop scenario (a private\n"
"                                       copy, or a working copy in DIR)\n"
"       dossier --demo --list           list the scenarios\n"
"       dossier check [--format json] [--strict] FILE...\n"
"       dossier status [--format json|csv] FILE|FOLDER...\n"
"       dossier status --class [--format csv] DIR...\n"
"                                       a workshop class: progress per student\n"
"       dossier templates [--coverage]\n"
"       dossier explain FILE PATH...     why a question is asked or not\n"
"       dossier export FILE [--yaml OUT] [--xlsx OUT] [--bundle OUT.zip]\n"
"                           [--date YYYY-MM-DD]\n"
"       dossier export --out-dir DIR [--date YYYY-MM-DD] FILE|FOLDER...\n"
"       dossier diff [--format json] OLD NEW\n"
"       dossier merge BASE OURS THEIRS    (git's merge driver: %O %A %B)\n"
"       dossier review [--by NAME] FILE CHECKLIST.xlsx\n"
"       dossier evidence [--record] [--verify] [--date YYYY-MM-DD] FILE\n"
"       dossier verify BUNDLE.zip\n"
"\n"), fp);
	/* Two messages: a new verb or option re-translates only its half. */
	fputs(_(
"options:\n"
"  --template-dir DIR   read templates from DIR (repeatable; replaces\n"
"                       DOSSIER_TEMPLATE_PATH and the installed templates)\n"
"  --format text|json|csv  output format (csv: status only)\n"
"  --strict            warnings count as errors in check's exit status\n"
"  --verify            check, evidence: hash every evidence file\n"
"  --record            evidence: record sizes, times and SHA-256 in FILE;\n"
"                      wizard: record them on every save\n"
"  --no-mouse          do not use the mouse in the wizard\n"
"  --new               FILE is a new dossier's name, even if it looks like\n"
"                      a misspelt verb\n"
"  --lang en|zh-Hant[,...]  language of messages, labels and the checklist\n"
"                      (default: the locale's); two for a bilingual XLSX\n"
"  --coverage          templates: the translations each template lacks\n"
"  --help, --version\n"
"\n"
"exit status: 0 no errors, 1 errors found, 2 unusable input or usage,\n"
"3 out of memory, 4 output could not be written.  See dossier(1).\n"),
	    fp);
}

enum { OPT_TEMPLATE_DIR = 256, OPT_FORMAT, OPT_STRICT, OPT_YAML, OPT_XLSX,
    OPT_DATE, OPT_DEMO, OPT_NO_MOUSE, OPT_HELP, OPT_VERSION, OPT_OUT_DIR,
    OPT_BY, OPT_BUNDLE, OPT_RECORD, OPT_VERIFY, OPT_LIST, OPT_SOLUTION,
    OPT_INTO, OPT_RESET, OPT_CLASS, OPT_NEW, OPT_LANG, OPT_COVERAGE };

static const struct option long_options[] = {
	{ "template-dir", required_argument, NULL, OPT_TEMPLATE_DIR },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "yaml", required_argument, NULL, OPT_YAML },
	{ "xlsx", required_argument, NULL, OPT_XLSX },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "bundle", required_argument, NULL, OPT_BUNDLE },
	{ "record", no_argument, NULL, OPT_RECORD },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "solution", no_argument, NULL, OPT_SOLUTION },
	{ "into", required_argument, NULL, OPT_INTO },
	{ "reset", no_argument, NULL, OPT_RESET },
	{ "class", no_argument, NULL, OPT_CLASS },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "new", no_argument, NULL, OPT_NEW },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "by", required_argument, NULL, OPT_BY },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "coverage", no_argument, NULL, OPT_COVERAGE },
	{ NULL, 0, NULL, 0 }
};

static int
bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, _("dossier: %s '%s'\nTry 'dossier --help'.\n"),
	    what, arg);
	return EXIT_BAD_INPUT;
}

/* Text nobody received (a full disk, /dev/full) is not a success. */
static int
stdout_status(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_OK;
	fprintf(stderr, _("dossier: cannot write to standard output: %s\n"),
	    strerror(errno != 0 ? errno : EIO));
	return EXIT_OUTPUT;
}

/* Returns -1 to go on, or an exit status. */
static int
parse_options(struct cli *cli, int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_TEMPLATE_DIR:
			cli->given |= CLI_OPT_TEMPLATE_DIR;
			cli->template_dirs = xreallocarray(cli->template_dirs,
			    cli->ntemplate_dirs + 1, sizeof(char *));
			cli->template_dirs[cli->ntemplate_dirs++] = optarg;
			break;
		case OPT_FORMAT:
			cli->given |= CLI_OPT_FORMAT;
			cli->json = strcmp(optarg, "json") == 0;
			cli->csv = strcmp(optarg, "csv") == 0;
			if (!cli->json && !cli->csv &&
			    strcmp(optarg, "text") != 0)
				return bad_usage(_("unknown format (text, json "
				    "or csv):"), optarg);
			break;
		case OPT_STRICT:
			cli->given |= CLI_OPT_STRICT;
			cli->strict = 1;
			break;
		case OPT_YAML:
			cli->given |= CLI_OPT_YAML;
			cli->yaml_out = optarg;
			break;
		case OPT_XLSX:
			cli->given |= CLI_OPT_XLSX;
			cli->xlsx_out = optarg;
			break;
		case OPT_DATE:
			cli->given |= CLI_OPT_DATE;
			cli->date = optarg;
			break;
		case OPT_DEMO:
			cli->given |= CLI_OPT_DEMO;
			cli->demo = 1;
			break;
		case OPT_LIST:
			cli->given |= CLI_OPT_LIST;
			cli->demo_list = 1;
			break;
		case OPT_SOLUTION:
			cli->given |= CLI_OPT_SOLUTION;
			cli->demo_solution = 1;
			break;
		case OPT_INTO:
			cli->given |= CLI_OPT_INTO;
			cli->demo_into = optarg;
			break;
		case OPT_RESET:
			cli->given |= CLI_OPT_RESET;
			cli->demo_reset = 1;
			break;
		case OPT_CLASS:
			cli->given |= CLI_OPT_CLASS;
			cli->class_view = 1;
			break;
		case OPT_OUT_DIR:
			cli->given |= CLI_OPT_OUT_DIR;
			cli->out_dir = optarg;
			break;
		case OPT_BY:
			cli->given |= CLI_OPT_BY;
			cli->reviewer = optarg;
			break;
		case OPT_BUNDLE:
			cli->given |= CLI_OPT_BUNDLE;
			cli->bundle_out = optarg;
			break;
		case OPT_RECORD:
			cli->given |= CLI_OPT_RECORD;
			cli->record = 1;
			break;
		case OPT_VERIFY:
			cli->given |= CLI_OPT_VERIFY;
			cli->verify = 1;
			break;
		case OPT_LANG:
			cli->given |= CLI_OPT_LANG;
			cli->nlangs = lang_parse(optarg, cli->langs);
			if (cli->nlangs == 0)
				return bad_usage(_("unknown language (en, "
				    "zh-Hant, or both: en,zh-Hant):"), optarg);
			break;
		case OPT_COVERAGE:
			cli->given |= CLI_OPT_COVERAGE;
			cli->coverage = 1;
			break;
		case OPT_NO_MOUSE:
			cli->given |= CLI_OPT_NO_MOUSE;
			cli->no_mouse = 1;
			break;
		case OPT_NEW:
			cli->given |= CLI_OPT_NEW;
			cli->new_file = 1;
			break;
		case OPT_HELP:
			usage(stdout);
			return stdout_status();
		case OPT_VERSION:
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return stdout_status();
		case ':':
			return bad_usage(_("this option needs a value:"),
			    argv[optind - 1]);
		default:
			/*
			 * In a cluster such as -xy, optind has not moved past
			 * the word yet: name the character getopt stopped at.
			 */
			if (optopt != 0 && optopt < OPT_TEMPLATE_DIR) {
				char opt[3] = { '-', (char)optopt, '\0' };

				return bad_usage(_("unknown option"), opt);
			}
			return bad_usage(_("unknown option"),
			    argv[optind - 1]);
		}
	}
	return -1;
}

static int
is_verb(const char *s)
{
	return strcmp(s, "check") == 0 || strcmp(s, "status") == 0 ||
	    strcmp(s, "templates") == 0 || strcmp(s, "export") == 0 ||
	    strcmp(s, "diff") == 0 || strcmp(s, "merge") == 0 ||
	    strcmp(s, "review") == 0 || strcmp(s, "explain") == 0 ||
	    strcmp(s, "evidence") == 0 || strcmp(s, "verify") == 0;
}

/*
 * getopt permutes, so options may come before or after the verb and the
 * files; the first word left is the verb when it names one.
 */
static int
parse_args(struct cli *cli, int argc, char **argv, const char **verb)
{
	int rc, i;

	*verb = NULL;
	rc = parse_options(cli, argc, argv);
	if (rc >= 0)
		return rc;
	if (!cli->demo && (cli->demo_list || cli->demo_solution ||
	    cli->demo_into != NULL || cli->demo_reset))
		return bad_usage(_("this option goes with --demo:"),
		    cli->demo_list ? "--list" : cli->demo_solution ?
		    "--solution" : cli->demo_into != NULL ? "--into" :
		    "--reset");
	i = optind;
	if (i < argc && !cli->demo && is_verb(argv[i]))
		*verb = argv[i++];
	cli->files = argv + i;
	cli->nfiles = (size_t)(argc - i);
	return -1;
}

/*
 * --lang before the options are parsed, so that a usage error or --help
 * anywhere on the line is already in the language asked for.  A bad
 * value is left for parse_options to refuse.
 */
static void
early_lang(int argc, char **argv)
{
	enum lang langs[LANG_MAX];
	const char *v = NULL;
	size_t n;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			v = argv[i] + 7;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			v = argv[++i];
	}
	if (v != NULL && (n = lang_parse(v, langs)) > 0)
		lang_set(lang_display(langs, n));
}

int
main(int argc, char **argv)
{
	struct cli cli;
	const char *verb;
	int rc, langs_asked;

	setlocale(LC_ALL, "");
	/* The locale's language now, so that usage errors are in it too. */
	lang_init(lang_from_env());
	early_lang(argc, argv);
	/* A closed pipe ends us quietly ("dossier check *.yaml | head"). */
	signal(SIGPIPE, SIG_DFL);
	memset(&cli, 0, sizeof cli);
	cli.program = argv[0];
	rc = parse_args(&cli, argc, argv, &verb);
	if (rc < 0 && cli.nlangs > 0)
		lang_set(lang_display(cli.langs, cli.nlangs));
	langs_asked = cli.nlangs > 0;
	if (cli.nlangs == 0)
		cli.langs[cli.nlangs++] = lang_current();
	if (rc < 0)
		rc = cli_vet_args(&cli, verb);
	if (rc < 0) {
		if (verb == NULL && cli.demo && (cli.demo_list ||
		    cli.demo_reset))
			rc = cli_demo(&cli);
		else if (verb == NULL)
			rc = wizard_main(&cli, langs_asked);
		else if (strcmp(verb, "check") == 0)
			rc = cli_check(&cli);
		else if (strcmp(verb, "status") == 0 && cli.class_view)
			rc = cli_class(&cli);
		else if (strcmp(verb, "status") == 0)
			rc = cli_status(&cli);
		else if (strcmp(verb, "templates") == 0)
			rc = cli_templates(&cli);
		else if (strcmp(verb, "explain") == 0)
			rc = cli_explain(&cli);
		else if (strcmp(verb, "diff") == 0)
			rc = cli_diff(&cli);
		else if (strcmp(verb, "merge") == 0)
			rc = cli_merge(&cli);
		else if (strcmp(verb, "review") == 0)
			rc = cli_review(&cli);
		else if (strcmp(verb, "evidence") == 0)
			rc = cli_evidence(&cli);
		else if (strcmp(verb, "verify") == 0)
			rc = cli_verify(&cli);
		else if (cli.out_dir != NULL)
			rc = cli_export_many(&cli);
		else
			rc = cli_export(&cli);
	}
	free(cli.template_dirs);
	return rc;
}
