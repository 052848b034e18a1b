/*
 * dossier --demo: a private copy of the bundled demo dossier and the
 * evidence files it names, in a fresh folder under $TMPDIR, so a workshop
 * can type freely and the installed demo never changes.
 */
#ifndef DOSSIER_DEMO_H
#define DOSSIER_DEMO_H

#include "core/diag.h"

/*
 * Copy the demo; returns the copy's path (caller frees) and its folder in
 * *dir (caller frees), or NULL with err filled.
 */
char *demo_copy(const char *program, char **dir, struct diag *err);

/* Remove the private folder and everything in it. */
void demo_remove(const char *dir);

#endif
