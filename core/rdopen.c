/*
 * Safe opening of files named by a dossier (see rdopen.h).
 */
#include "config.h"

#include "core/rdopen.h"
#include "core/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

const char *
rdopen_kind(mode_t mode)
{
	/* English, marked for diag_word (core/diag.h). */
	if (S_ISDIR(mode))
		return N_("a folder");
	if (S_ISFIFO(mode))
		return N_("a FIFO");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return N_("a device");
	if (S_ISSOCK(mode))
		return N_("a socket");
	if (S_ISLNK(mode))
		return N_("a symbolic link");
	return N_("not a regular file");
}

int
rdopen_fd(const char *path, int flags, mode_t mode, struct stat *st,
    enum rdopen_step *step)
{
	int fd, fl, e;

	*step = RDOPEN_OPEN;
	fd = open(path, flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
	    mode);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		*step = RDOPEN_STAT;
		goto refuse;
	}
	if (!S_ISREG(st->st_mode)) {
		*step = RDOPEN_KIND;
		errno = EPERM;
		goto refuse;
	}
	/* Non-blocking was for the open; reads of a file never block. */
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
refuse:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int
rdopen_regular(const char *path, const char *shown, struct stat *st,
    struct diag *err)
{
	enum rdopen_step step;
	int fd, e;

	if (shown == NULL)
		shown = path;
	fd = rdopen_fd(path, O_RDONLY, 0, st, &step);
	if (fd >= 0)
		return fd;
	e = errno;
	if (step == RDOPEN_OPEN && e == ELOOP)
		return diag_set(err, DIAG_IO, shown, 0, 0,
		    "is a symbolic link; not followed");
	if (step == RDOPEN_OPEN) {
		diag_set(err, DIAG_IO, shown, 0, 0, "cannot open: %s",
		    e == ENOENT ? "not found" : strerror(e));
		return diag_retext(err, "cannot open: %s", e == ENOENT ?
		    _("not found") : strerror(e));
	}
	if (step == RDOPEN_STAT)
		return diag_set(err, DIAG_IO, shown, 0, 0, "cannot read: %s",
		    strerror(e));
	diag_set(err, DIAG_IO, shown, 0, 0, "is %s, not a regular "
	    "file; not read", rdopen_kind(st->st_mode));
	return diag_retext(err, "is %s, not a regular file; not read",
	    diag_word(rdopen_kind(st->st_mode)));
}
