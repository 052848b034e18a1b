#include "config.h"

#include "tui/wizard.h"

#include <stdio.h>

/*
 * The curses wizard is its own piece of work (see the project's issues);
 * until it lands, say what to use instead rather than fail obscurely.
 */
int
wizard_main(const struct cli *cli)
{
	(void)cli;
	fprintf(stderr, "dossier: the interactive wizard is not part of this "
	    "build yet; use 'dossier check FILE' or 'dossier status FILE'\n");
	return EXIT_BAD_INPUT;
}
