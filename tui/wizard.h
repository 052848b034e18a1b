/*
 * The full-screen wizard (curses).  langs_asked: --lang was given, so
 * the XLSX follows cli->langs rather than the display language.
 * Returns the process exit status.
 */
#ifndef DOSSIER_WIZARD_H
#define DOSSIER_WIZARD_H

#include "tui/cli.h"

int wizard_main(const struct cli *cli, int langs_asked);

#endif
