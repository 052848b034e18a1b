/*
 * Who is editing a dossier.  While the wizard has a file open it holds
 * .NAME.dossier-lock beside it: created with O_EXCL, holding the editor's
 * pid, host, user and start time, and kept under flock() so that a holder
 * that died (crash, kill -9, power cut) is recognised as stale because the
 * flock is free again, whatever the file says.  The verbs never lock:
 * they only read, and save through atomic renames.
 *
 * The folder may be shared, so the lock file is not trusted: it is opened
 * without following links and without blocking, and anything but a
 * regular file there (a link, a FIFO, a device) is LOCK_ERROR with a
 * message, never read or written through.
 */
#ifndef DOSSIER_LOCK_H
#define DOSSIER_LOCK_H

#include <sys/types.h>
#include <time.h>

#include "core/diag.h"

struct lock_info {
	long pid;
	char host[256];
	char user[64];
	time_t since;
	/*
	 * The lock file belongs to another user: user is then that owner's
	 * name from the file system, not what the file says, and the lock
	 * is never taken over (only its owner or a person can remove it).
	 */
	int foreign;
};

enum lock_result {
	LOCK_ERROR = -1,	/* could not create or read it: see err */
	LOCK_TAKEN,		/* ours now */
	LOCK_BUSY,		/* another live dossier holds it */
	LOCK_STALE		/* left by a dossier that is gone */
};

struct lock;

/* The lock file's name for a dossier path; caller frees. */
char *lock_path(const char *dossier);

/*
 * Try to lock dossier.  LOCK_TAKEN sets *out; LOCK_BUSY and LOCK_STALE fill
 * *holder (as far as the file says).  A folder where no lock can be made
 * (read-only) is LOCK_ERROR: the caller may still open read-only.
 */
enum lock_result lock_acquire(const char *dossier, struct lock **out,
    struct lock_info *holder, struct diag *err);

/* Remove a stale lock and take it; LOCK_BUSY if it came back to life. */
enum lock_result lock_take_over(const char *dossier, struct lock **out,
    struct lock_info *holder, struct diag *err);

/* Give up the lock and remove the file.  NULL is allowed. */
void lock_release(struct lock *l);

/* "pid 1234 on host, user alice, since 2026-11-21 09:14" */
void lock_describe(const struct lock_info *li, char *buf, size_t size);

#endif
