/*
 * dossier --demo [NAME]: a workshop scenario (core/scenario.h) opened in
 * the wizard.  Without --into it is a private copy in a fresh folder under
 * $TMPDIR, removed on exit unless saved, so a class can type freely and
 * the installed files never change; with --into DIR it is a named working
 * copy that later runs reopen, and --reset restores.  --list prints the
 * scenarios, --solution opens a scenario's answer key instead.
 */
#ifndef DOSSIER_DEMO_H
#define DOSSIER_DEMO_H

#include "core/diag.h"
#include "tui/cli.h"

/*
 * The copy to open for cli's --demo options; returns its path (caller
 * frees), the private folder to remove later in *tmpdir (NULL with
 * --into), and whether the copy is new (*fresh: the first start, when the
 * tour is offered).  NULL after printing the error.
 */
char *demo_open(const struct cli *cli, char **tmpdir, int *fresh);

/* --demo --list and --demo NAME --into DIR --reset: no wizard. */
int cli_demo(const struct cli *cli);

/* Remove the private folder and everything in it. */
void demo_remove(const char *dir);

#endif
