/* The full-screen wizard (curses).  Returns the process exit status. */
#ifndef DOSSIER_WIZARD_H
#define DOSSIER_WIZARD_H

#include "tui/cli.h"

int wizard_main(const struct cli *cli);

#endif
