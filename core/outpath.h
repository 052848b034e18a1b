/*
 * Where an export may write.  An export names its outputs on the command
 * line or in a dialog, and a slip there must not destroy anything: an
 * output is only ever a regular file or a name that does not exist yet,
 * never a device node (/dev/null, as root, would be replaced by a regular
 * file), a FIFO, a socket or a folder, also not through a symbolic link;
 * the checklist never replaces the dossier it was made from; and two
 * outputs of one export never name the same file.  The canonical YAML may
 * replace its own input: that is the in-place rewrite a consultant runs
 * before committing.  "Same file" is the same device and inode, so hard
 * and symbolic links are caught; for names that do not exist yet, the
 * same folder (device and inode) and the same last component.
 */
#ifndef DOSSIER_OUTPATH_H
#define DOSSIER_OUTPATH_H

#include "core/diag.h"

/* 1 when a and b name the same file (existing or to be created). */
int outpath_same(const char *a, const char *b);

/*
 * 0 when out may be written; -1 with err (DIAG_IO, naming out) when out
 * exists and is not a regular file, or when it is input and may_be_input
 * is 0.  input may be NULL.  what names the output in messages ("the
 * checklist").
 */
int outpath_vet(const char *out, const char *input, int may_be_input,
    const char *what, struct diag *err);

#endif
