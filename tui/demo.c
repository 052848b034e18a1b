/* The scenarios of --demo; see demo.h. */
#include "config.h"

#include "tui/demo.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/lock.h"
#include "core/scenario.h"
#include "core/text.h"
#include "core/lang.h"
#include "core/xalloc.h"
#include "tui/recover.h"

static struct scenario_index *
load_index(const struct cli *cli)
{
	struct scenario_index *ix;
	struct diag err;
	char *path = cli_data_path(cli->program, "examples/scenarios.yaml");

	if (path == NULL) {
		fprintf(stderr, _("dossier: the workshop scenarios "
		    "(examples/scenarios.yaml) are not installed\n"));
		return NULL;
	}
	ix = scenario_index_load(path, &err);
	if (ix == NULL)
		cli_report(&err);
	free(path);
	return ix;
}

/* The scenario the command line names, or the first. */
static const struct scenario *
pick(const struct cli *cli, const struct scenario_index *ix)
{
	const struct scenario *s;
	char *clean;

	if (cli->nfiles > 1) {
		fprintf(stderr, _("dossier: --demo takes one scenario NAME; "
		    "'dossier --demo --list' shows them\n"));
		return NULL;
	}
	if (cli->nfiles == 0)
		return &ix->s[0];
	s = scenario_find(ix, cli->files[0]);
	if (s == NULL) {
		clean = text_sanitize(cli->files[0], 0);
		fprintf(stderr, _("dossier: there is no scenario '%s'; 'dossier "
		    "--demo --list' shows them\n"), clean);
		free(clean);
	}
	return s;
}

static char *
private_copy(const struct scenario_index *ix, const struct scenario *s,
    int solution, char **tmpdir, int *fresh)
{
	const char *tmp = getenv("TMPDIR");
	struct diag err;
	char *d, *out;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	d = xasprintf("%s/dossier-demo-XXXXXX", tmp);
	if (mkdtemp(d) == NULL) {
		fprintf(stderr, _("dossier: %s: cannot create a private folder "
		    "for the demo: %s\n"), d, strerror(errno));
		free(d);
		return NULL;
	}
	out = scenario_copy(ix, s, solution, d, SCENARIO_OPEN, fresh, &err);
	if (out == NULL) {
		cli_report(&err);
		demo_remove(d);
		free(d);
		return NULL;
	}
	*tmpdir = d;
	return out;
}

char *
demo_open(const struct cli *cli, char **tmpdir, int *fresh)
{
	struct scenario_index *ix;
	const struct scenario *s;
	struct diag err;
	char *out = NULL;

	*tmpdir = NULL;
	*fresh = 0;
	ix = load_index(cli);
	if (ix == NULL)
		return NULL;
	s = pick(cli, ix);
	if (s != NULL && cli->demo_into == NULL)
		out = private_copy(ix, s, cli->demo_solution, tmpdir, fresh);
	else if (s != NULL) {
		out = scenario_copy(ix, s, cli->demo_solution, cli->demo_into,
		    SCENARIO_OPEN, fresh, &err);
		if (out == NULL)
			cli_report(&err);
	}
	scenario_index_free(ix);
	return out;
}

static int
list(const struct scenario_index *ix)
{
	size_t i, w = 0;
	char *title;

	for (i = 0; i < ix->n; i++)
		if (strlen(ix->s[i].name) > w)
			w = strlen(ix->s[i].name);
	for (i = 0; i < ix->n; i++) {
		title = text_sanitize(scenario_title(&ix->s[i]), 0);
		printf("%-*s  ", (int)w, ix->s[i].name);
		/* TRANSLATORS: --demo --list; keep the two the same width. */
		printf(ngettext("%2zu finding ", "%2zu findings",
		    ix->s[i].nfindings), ix->s[i].nfindings);
		printf("  %s\n", title);
		free(title);
	}
	return cli_finish_stdout(EXIT_OK);
}

/*
 * Restore the copy, unless a wizard has it open: taking its lock is how
 * we know, and holding it keeps one from opening it half-restored.
 */
static int
reset(const struct cli *cli, const struct scenario_index *ix,
    const struct scenario *s)
{
	struct lock_info who;
	struct lock *lk = NULL;
	struct diag err;
	struct stat st;
	enum lock_result lr;
	char *path, *out, *rpath, desc[512];
	int fresh, rc = EXIT_OK;

	path = xasprintf("%s/%s%s.yaml", cli->demo_into, s->name,
	    cli->demo_solution ? "-solution" : "");
	if (stat(path, &st) == 0) {
		lr = lock_acquire(path, &lk, &who, &err);
		if (lr == LOCK_STALE)
			lr = lock_take_over(path, &lk, &who, &err);
		if (lr == LOCK_BUSY) {
			lock_describe(&who, desc, sizeof desc);
			fprintf(stderr, _("dossier: %s is open in another dossier "
			    "(%s); close it first\n"), path, desc);
			free(path);
			return EXIT_BAD_INPUT;
		}
		if (lr == LOCK_ERROR) {
			cli_report(&err);
			free(path);
			return EXIT_BAD_INPUT;
		}
	}
	out = scenario_copy(ix, s, cli->demo_solution, cli->demo_into,
	    SCENARIO_RESET, &fresh, &err);
	if (out == NULL) {
		cli_report(&err);
		rc = EXIT_OUTPUT;
	} else {
		/* Unsaved edits of the old copy are what reset discards. */
		rpath = recover_path(out);
		recover_remove(rpath);
		free(rpath);
		printf(_("restored %s and its evidence\n"), out);
	}
	lock_release(lk);
	free(out);
	free(path);
	return cli_finish_stdout(rc);
}

int
cli_demo(const struct cli *cli)
{
	struct scenario_index *ix;
	const struct scenario *s;
	int rc;

	if (cli->demo_reset && cli->demo_into == NULL) {
		fprintf(stderr, _("dossier: --reset restores a working copy: "
		    "name its folder with --into DIR\n"));
		return EXIT_BAD_INPUT;
	}
	ix = load_index(cli);
	if (ix == NULL)
		return EXIT_BAD_INPUT;
	if (cli->demo_list) {
		rc = list(ix);
	} else {
		s = pick(cli, ix);
		rc = s == NULL ? EXIT_BAD_INPUT : reset(cli, ix, s);
	}
	scenario_index_free(ix);
	return rc;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
demo_remove(const char *dir)
{
	if (dir != NULL)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
