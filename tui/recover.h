/*
 * The recovery file: while there are unsaved changes the wizard writes the
 * whole dossier, every RECOVER_INTERVAL seconds and on SIGTERM or SIGHUP,
 * to .NAME.dossier-recover beside NAME (hidden, and matched by the
 * ".*.dossier-recover" line the README gives git users).  It is an
 * ordinary dossier file, written atomically, so it can also be opened
 * with dossier itself.  A clean save or quit removes it.
 *
 * The folder may be shared or synced, so whatever sits at that name is
 * untrusted: it is read and replaced only when it is a regular file of
 * ours (opened without following links or blocking, see store.h); a link,
 * a FIFO or another user's file there is refused with a message, never
 * offered, written through, renamed or removed.  A long NAME is shortened
 * as store_side_base says.
 */
#ifndef DOSSIER_RECOVER_H
#define DOSSIER_RECOVER_H

#include <time.h>

#include "core/diag.h"
#include "core/dossier.h"

#define RECOVER_INTERVAL 5	/* seconds between autosaves */
#define RECOVER_SUFFIX ".dossier-recover"

/* The recovery file's name for the dossier at path; caller frees. */
char *recover_path(const char *path);

/*
 * Is there a recovery file worth offering?  Returns 1 when rpath is a
 * regular file of ours newer than the dossier at path (or the dossier does
 * not exist), storing its modification time in *when; 0 when there is
 * none or it is older; -1 with err filled when something is there that
 * must not be used (a link, a FIFO, another user's file).
 */
int recover_pending(const char *rpath, const char *path, time_t *when,
    struct diag *err);

/* Load rpath, with the same checks; NULL with err filled. */
struct dossier *recover_load(const char *rpath, const struct tmpl_set *set,
    struct diag *err);

/*
 * Write d to rpath atomically, with the dossier's permission bits when it
 * exists (so a private dossier has a private recovery file).
 */
int recover_write(const char *rpath, const struct dossier *d,
    struct diag *err);

/* Remove rpath if it is a regular file of ours; a missing file is fine. */
void recover_remove(const char *rpath);

/*
 * Keep an old recovery file out of the way: rename it to
 * .NAME.YYYYmmdd-HHMMSS.dossier-recover.  Returns the new name (caller
 * frees) or NULL with err filled.
 */
char *recover_set_aside(const char *rpath, const char *path, time_t when,
    struct diag *err);

#endif
