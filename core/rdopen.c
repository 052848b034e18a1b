/*
 * Safe opening of files named by a dossier (see rdopen.h).
 */
#include "config.h"

#include "core/rdopen.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

const char *
rdopen_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISLNK(mode))
		return "a symbolic link";
	return "not a regular file";
}

int
rdopen_regular(const char *path, const char *shown, struct stat *st,
    struct diag *err)
{
	int fd, flags;

	if (shown == NULL)
		shown = path;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY);
	if (fd < 0) {
		if (errno == ELOOP)
			return diag_set(err, DIAG_IO, shown, 0, 0,
			    "is a symbolic link; not followed");
		return diag_set(err, DIAG_IO, shown, 0, 0, "cannot open: %s",
		    errno == ENOENT ? "not found" : strerror(errno));
	}
	if (fstat(fd, st) < 0) {
		diag_set(err, DIAG_IO, shown, 0, 0, "cannot read: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		diag_set(err, DIAG_IO, shown, 0, 0, "is %s, not a regular "
		    "file; not read", rdopen_kind(st->st_mode));
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}
