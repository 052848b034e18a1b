/*
 * Opening a file someone else may have planted: evidence files and
 * manifests live in shared and synced folders, so a name may be a FIFO
 * (an open() would block), a device (reading may never end or have side
 * effects), a folder, or a symbolic link.  rdopen opens for reading with
 * O_NONBLOCK and O_NOFOLLOW, then checks with fstat that what it holds is
 * a regular file, so nothing but a regular file is ever read.
 */
#ifndef DOSSIER_RDOPEN_H
#define DOSSIER_RDOPEN_H

#include <sys/stat.h>

#include "core/diag.h"

/* What rdopen_fd could not do. */
enum rdopen_step {
	RDOPEN_OPEN,		/* open failed; errno (ELOOP: a symbolic link) */
	RDOPEN_STAT,		/* fstat failed; errno */
	RDOPEN_KIND		/* not a regular file; st says what it is */
};

/*
 * The one way a file that may have been planted is opened, for reading
 * and for the side files a save writes: open with flags plus O_NOFOLLOW,
 * O_NONBLOCK (a FIFO must not block the open), O_CLOEXEC and O_NOCTTY,
 * then fstat, and keep the descriptor only when it is a regular file,
 * O_NONBLOCK cleared.  -1 with errno and *step set otherwise, the
 * descriptor closed; callers word the refusal.
 */
int rdopen_fd(const char *path, int flags, mode_t mode, struct stat *st,
    enum rdopen_step *step);

/*
 * Open path (whose final component must not be a symbolic link: resolve
 * links first with realpath) for reading.  Returns a descriptor with
 * O_NONBLOCK cleared and st filled, or -1 with err (DIAG_IO) naming shown
 * and saying what the file is instead: "not found", "a folder", "a FIFO",
 * "a device", "a symbolic link".
 */
int rdopen_regular(const char *path, const char *shown, struct stat *st,
    struct diag *err);

/* "a FIFO", "a folder", ...: what a non-regular mode is, for messages. */
const char *rdopen_kind(mode_t mode);

#endif
