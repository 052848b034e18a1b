/*
 * The command line checked before anything runs: an option a verb does
 * not take is refused, never silently ignored, and a wizard FILE that does
 * not exist and is within two edits of a verb is taken for a typo of that
 * verb rather than the name of a new dossier ("dossier stauts").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tui/cli.h"

static const struct {
	unsigned opt;
	const char *name;
} opt_names[] = {
	{ CLI_OPT_TEMPLATE_DIR, "--template-dir" },
	{ CLI_OPT_FORMAT, "--format" },
	{ CLI_OPT_STRICT, "--strict" },
	{ CLI_OPT_YAML, "--yaml" },
	{ CLI_OPT_XLSX, "--xlsx" },
	{ CLI_OPT_DATE, "--date" },
	{ CLI_OPT_DEMO, "--demo" },
	{ CLI_OPT_NO_MOUSE, "--no-mouse" },
	{ CLI_OPT_NEW, "--new" },
	{ CLI_OPT_BUNDLE, "--bundle" },
	{ CLI_OPT_RECORD, "--record" },
	{ CLI_OPT_VERIFY, "--verify" },
	{ CLI_OPT_OUT_DIR, "--out-dir" },
	{ CLI_OPT_BY, "--by" },
	{ CLI_OPT_LIST, "--list" },
	{ CLI_OPT_SOLUTION, "--solution" },
	{ CLI_OPT_INTO, "--into" },
	{ CLI_OPT_RESET, "--reset" },
	{ CLI_OPT_CLASS, "--class" },
	{ CLI_OPT_LANG, "--lang" },
	{ CLI_OPT_COVERAGE, "--coverage" },
};

/*
 * The options each verb takes; NULL is the wizard (and --demo).  Every
 * one takes --lang: its messages, and export's checklist, follow it.
 */
static const struct {
	const char *verb;
	unsigned takes;
} verbs[] = {
	{ NULL, CLI_OPT_TEMPLATE_DIR | CLI_OPT_DEMO | CLI_OPT_NO_MOUSE |
	    CLI_OPT_NEW | CLI_OPT_RECORD | CLI_OPT_LIST | CLI_OPT_SOLUTION |
	    CLI_OPT_INTO | CLI_OPT_RESET | CLI_OPT_LANG },
	{ "check", CLI_OPT_TEMPLATE_DIR | CLI_OPT_FORMAT | CLI_OPT_STRICT |
	    CLI_OPT_VERIFY | CLI_OPT_LANG },
	{ "status", CLI_OPT_TEMPLATE_DIR | CLI_OPT_FORMAT | CLI_OPT_CLASS |
	    CLI_OPT_LANG },
	/* --format json: the list, or --coverage's (cmd_templates.c). */
	{ "templates", CLI_OPT_TEMPLATE_DIR | CLI_OPT_COVERAGE |
	    CLI_OPT_FORMAT | CLI_OPT_LANG },
	{ "export", CLI_OPT_TEMPLATE_DIR | CLI_OPT_YAML | CLI_OPT_XLSX |
	    CLI_OPT_DATE | CLI_OPT_BUNDLE | CLI_OPT_OUT_DIR | CLI_OPT_LANG },
	{ "explain", CLI_OPT_TEMPLATE_DIR | CLI_OPT_LANG },
	{ "diff", CLI_OPT_TEMPLATE_DIR | CLI_OPT_FORMAT | CLI_OPT_LANG },
	{ "merge", CLI_OPT_TEMPLATE_DIR | CLI_OPT_LANG },
	{ "review", CLI_OPT_TEMPLATE_DIR | CLI_OPT_BY | CLI_OPT_LANG },
	{ "evidence", CLI_OPT_TEMPLATE_DIR | CLI_OPT_RECORD | CLI_OPT_VERIFY |
	    CLI_OPT_DATE | CLI_OPT_FORMAT | CLI_OPT_LANG },
	/* A bundle carries its own manifest: no templates are read. */
	{ "verify", CLI_OPT_LANG },
};

#define NVERBS (sizeof verbs / sizeof verbs[0])

/* Edits (insert, delete, change, swap two neighbours) from a to b, up to
 * a small limit: enough to tell a typo from another word. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[16][16], best;

	if (la >= 16 || lb >= 16)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

int
cli_vet_args(const struct cli *cli, const char *verb)
{
	struct stat st;
	size_t i, k, best = 99, dist;
	const char *near = NULL, *d;
	char date[16];

	for (i = 0; i < NVERBS; i++) {
		if (verb == NULL ? verbs[i].verb != NULL :
		    verbs[i].verb == NULL || strcmp(verbs[i].verb, verb) != 0)
			continue;
		for (k = 0; k < sizeof opt_names / sizeof opt_names[0]; k++)
			if ((cli->given & opt_names[k].opt) &&
			    !(verbs[i].takes & opt_names[k].opt)) {
				if (verb != NULL)
					fprintf(stderr, _("dossier: %s does "
					    "not take %s\nTry 'dossier "
					    "--help'.\n"), verb,
					    opt_names[k].name);
				else
					fprintf(stderr, _("dossier: the wizard "
					    "does not take %s\nTry 'dossier "
					    "--help'.\n"), opt_names[k].name);
				return EXIT_BAD_INPUT;
			}
	}
	/*
	 * Dates are checked before any work, also where only some paths read
	 * them, and for the wizard's --record, which dates every save and
	 * could not say so on its screen.
	 */
	if ((cli->date != NULL || (verb == NULL && cli->record)) &&
	    cli_date(cli, date, sizeof date, &d) < 0) {
		cli_date_complain(cli);
		return EXIT_BAD_INPUT;
	}
	/* --demo NAME names a scenario, not a file. */
	if (verb != NULL || cli->nfiles != 1 || cli->new_file || cli->demo ||
	    stat(cli->files[0], &st) == 0)
		return -1;
	for (i = 0; i < NVERBS; i++) {
		if (verbs[i].verb == NULL)
			continue;
		dist = distance(cli->files[0], verbs[i].verb);
		if (dist <= 2 && dist < best) {
			best = dist;
			near = verbs[i].verb;
		}
	}
	if (near == NULL)
		return -1;
	fprintf(stderr, _("dossier: '%s' is not a file; did you mean '%s'?\n"
	    "To start a new dossier of that name: dossier --new %s\n"),
	    cli->files[0], near, cli->files[0]);
	return EXIT_BAD_INPUT;
}
