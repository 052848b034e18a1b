#include "config.h"

#include "core/store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"

static int
sys_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

const struct store_ops store_sys_ops = {
	.open = sys_open,
	.write = write,
	.fsync = fsync,
	.fchmod = fchmod,
	.fchown = fchown,
	.close = close,
	.rename = rename,
	.unlink = unlink,
};

const struct store_ops *store_ops = &store_sys_ops;

char *
store_resolve_links(const char *path)
{
	char *cur = xstrdup(path), *next, *slash;
	char target[PATH_MAX];
	ssize_t n;
	int hops;

	for (hops = 0; hops < 40; hops++) {
		n = readlink(cur, target, sizeof target - 1);
		if (n < 0)
			return cur;
		target[n] = '\0';
		slash = strrchr(cur, '/');
		if (target[0] == '/' || slash == NULL)
			next = xstrdup(target);
		else
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur,
			    target);
		free(cur);
		cur = next;
	}
	return cur;
}

char *
store_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int
store_fail(struct diag *err, const char *path, const char *step, int e)
{
	return diag_set(err, DIAG_IO, path, 0, 0, "cannot save: %s: %s", step,
	    strerror(e));
}

/* Create the temporary file beside target; -1 with errno set. */
static int
store_create_temp(const char *target, char **tmp)
{
	const char *slash = strrchr(target, '/');
	int dirlen = slash != NULL ? (int)(slash - target) + 1 : 0;
	const char *base = target + dirlen;
	unsigned seed;
	int tries, fd;

	seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	for (tries = 0; tries < 100; tries++) {
		seed = seed * 1103515245u + 12345u;
		*tmp = xasprintf("%.*s.%s.%06x.tmp", dirlen, target, base,
		    (seed >> 8) & 0xffffff);
		fd = store_ops->open(*tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		free(*tmp);
		*tmp = NULL;
	}
	errno = EEXIST;
	return -1;
}

/* Is name ".BASE.xxxxxx.tmp", a temporary file store_create_temp makes? */
static int
store_is_temp_of(const char *name, const char *base)
{
	size_t blen = strlen(base), i;

	if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 ||
	    name[1 + blen] != '.')
		return 0;
	name += 2 + blen;
	for (i = 0; i < 6; i++)
		if (!isxdigit((unsigned char)name[i]))
			return 0;
	return strcmp(name + 6, ".tmp") == 0;
}

/*
 * Remove what a save killed half-way (SIGKILL, power cut) left beside
 * target.  Only regular files with the exact temporary name and older than
 * STORE_STALE_AGE go: a younger one may belong to a save running right now
 * in another process.  Failures are ignored; the leftovers are harmless,
 * since nothing ever reads them.
 */
static void
store_sweep_stale(const char *dir, const char *base)
{
	struct dirent *de;
	struct stat st;
	time_t now = time(NULL);
	DIR *dp;
	char *p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (!store_is_temp_of(de->d_name, base))
			continue;
		if (fstatat(dirfd(dp), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode) ||
		    now - st.st_mtime < STORE_STALE_AGE)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		(void)store_ops->unlink(p);
		free(p);
	}
	closedir(dp);
}

static int
store_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = store_ops->write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

mode_t
store_target_mode(const char *target)
{
	struct stat st;
	mode_t mask;

	if (stat(target, &st) == 0)
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int
store_sync_dir(const char *dir)
{
	int fd, rc, e;

	fd = store_ops->open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	rc = store_ops->fsync(fd);
	e = errno;
	/* Some file systems cannot sync a folder; that is not a failure. */
	if (rc < 0 && (e == EINVAL || e == ENOTSUP))
		rc = 0;
	store_ops->close(fd);
	errno = e;
	return rc;
}

int
store_write_atomic(const char *path, const void *buf, size_t len,
    struct stat *stp, struct diag *err)
{
	char *target, *dir, *tmp = NULL;
	const char *step, *base;
	struct stat old, made;
	mode_t mode;
	int fd, e, have_old, rc = -1;
	void (*oldxfsz)(int);

	if (stp != NULL)
		memset(stp, 0, sizeof *stp);
	memset(&made, 0, sizeof made);
	target = store_resolve_links(path);
	dir = store_dirname(target);
	have_old = stat(target, &old) == 0;
	mode = store_target_mode(target);
	/* A file-size limit must give EFBIG, not kill us mid-save. */
	oldxfsz = signal(SIGXFSZ, SIG_IGN);
	step = "creating the temporary file";
	fd = store_create_temp(target, &tmp);
	if (fd < 0)
		goto out;
	step = "writing the temporary file";
	if (store_write_all(fd, buf, len) < 0)
		goto fail_fd;
	/*
	 * Keep owner and group where we may: a colleague sharing the file
	 * through its group must not lose access because we saved it.  Not
	 * being allowed to is no reason to fail the save (every editor that
	 * renames behaves so).  Before fchmod: chown may clear set-id bits.
	 */
	if (have_old && (old.st_uid != geteuid() || old.st_gid != getegid()) &&
	    store_ops->fchown(fd, old.st_uid, old.st_gid) < 0)
		(void)store_ops->fchown(fd, (uid_t)-1, old.st_gid);
	step = "setting permissions";
	if (store_ops->fchmod(fd, mode) < 0)
		goto fail_fd;
	step = "flushing to disk (fsync)";
	if (store_ops->fsync(fd) < 0)
		goto fail_fd;
	if (fstat(fd, &made) < 0)
		memset(&made, 0, sizeof made);
	step = "closing the temporary file";
	if (store_ops->close(fd) < 0)
		goto fail_unlink;
	step = "renaming over the old file";
	if (store_ops->rename(tmp, target) < 0)
		goto fail_unlink;
	/* From here on path holds the new bytes, whatever happens next. */
	if (stp != NULL)
		*stp = made;
	step = "flushing the folder (the file is replaced but may not "
	    "survive a power cut)";
	if (store_sync_dir(dir) < 0)
		goto out;
	rc = 0;
	base = strrchr(target, '/');
	store_sweep_stale(dir, base != NULL ? base + 1 : target);
	goto out;
fail_fd:
	e = errno;
	store_ops->close(fd);
	errno = e;
fail_unlink:
	e = errno;
	store_ops->unlink(tmp);
	errno = e;
out:
	if (rc < 0)
		store_fail(err, path, step, errno);
	signal(SIGXFSZ, oldxfsz);
	free(tmp);
	free(dir);
	free(target);
	return rc;
}
