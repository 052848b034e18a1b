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
rdopen_regular(const char *path, const char *shown, struct stat *st,
    struct diag *err)
{
	int fd, flags, e;

	if (shown == NULL)
		shown = path;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY);
	if (fd < 0) {
		if (errno == ELOOP)
			return diag_set(err, DIAG_IO, shown, 0, 0,
			    "is a symbolic link; not followed");
		e = errno;
		diag_set(err, DIAG_IO, shown, 0, 0, "cannot open: %s",
		    e == ENOENT ? "not found" : strerror(e));
		return diag_retext(err, "cannot open: %s", e == ENOENT ?
		    _("not found") : strerror(e));
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
		diag_retext(err, "is %s, not a regular file; not read",
		    diag_word(rdopen_kind(st->st_mode)));
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}
