#include "config.h"

#include "core/store.h"

#include <ctype.h>
#include <nettle/sha2.h>
#include <stdint.h>
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

#include "core/rdopen.h"
#include "core/xalloc.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

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

char *
store_side_base(const char *base)
{
	size_t len = strlen(base), keep;
	uint8_t dig[SHA256_DIGEST_SIZE];
	struct sha256_ctx c;
	char hex[17];
	int i;

	if (1 + len + STORE_SIDE_SUFFIX_MAX <= NAME_MAX)
		return xstrdup(base);
	sha256_init(&c);
	sha256_update(&c, len, (const uint8_t *)base);
	sha256_digest(&c, sizeof dig, dig);
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	/* ".", the prefix, "~", 16 hex digits and the suffix fit NAME_MAX. */
	keep = NAME_MAX - 1 - STORE_SIDE_SUFFIX_MAX - 17;
	while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
		keep--;
	return xasprintf("%.*s~%s", (int)keep, base, hex);
}

char *
store_side_path(const char *path, const char *suffix)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash != NULL ? (int)(slash - path) + 1 : 0;
	char *side = store_side_base(path + dirlen), *p;

	p = xasprintf("%.*s.%s%s", dirlen, path, side, suffix);
	free(side);
	return p;
}

/*
 * A side file refused: the English with what as given, the display
 * language with what's translation (callers mark it N_()).
 */
#define SIDE_FAIL(err, path, what, fmt) \
	(diag_set((err), DIAG_IO, (path), 0, 0, fmt, (what)), \
	    diag_retext((err), fmt, diag_word(what)))
#define SIDE_FAIL2(err, path, what, fmt, arg) \
	(diag_set((err), DIAG_IO, (path), 0, 0, fmt, (what), (arg)), \
	    diag_retext((err), fmt, diag_word(what), (arg)))

int
store_open_side(const char *path, int flags, mode_t mode, int how,
    const char *what, struct stat *st, struct diag *err)
{
	enum rdopen_step step;
	int fd, e;

	fd = rdopen_fd(path, flags, mode, st, &step);
	e = errno;
	if (fd < 0 && step == RDOPEN_OPEN) {
		if (e == ELOOP)
			SIDE_FAIL(err, path, what, "%s is a symbolic link; "
			    "not following it (anyone who can write the "
			    "folder could have put it there)");
		else if (e == ENXIO)
			SIDE_FAIL(err, path, what, "%s is a FIFO or socket, "
			    "not a regular file; not using it");
		else
			SIDE_FAIL2(err, path, what, "cannot open %s: %s",
			    strerror(e));
	} else if (fd < 0 && step == RDOPEN_STAT)
		SIDE_FAIL2(err, path, what, "cannot check %s: %s",
		    strerror(e));
	else if (fd < 0)
		SIDE_FAIL(err, path, what, "%s is not a regular file (a FIFO, "
		    "device, socket or folder); not using it");
	else if (!(how & STORE_SIDE_ANY_OWNER) && st->st_uid != geteuid()) {
		SIDE_FAIL2(err, path, what, "%s belongs to another user (uid "
		    "%ld); not using it", (long)st->st_uid);
		close(fd);
		fd = -1;
		e = EPERM;
	}
	errno = e;
	return fd;
}

static int
store_fail(struct diag *err, const char *path, const char *step, int e)
{
	return diag_set(err, DIAG_IO, path, 0, 0, "cannot save: %s: %s", step,
	    strerror(e));
}

/* O_EXCL never follows a planted link; O_NOFOLLOW says so twice. */
int
store_create_temp_entry(const char *target, int dir, char **tmp)
{
	static unsigned seed;
	char suffix[16];
	int tries, fd;

	seed ^= (unsigned)getpid() ^ (unsigned)time(NULL);
	for (tries = 0; tries < 100; tries++) {
		seed = seed * 1103515245u + 12345u;
		snprintf(suffix, sizeof suffix, ".%06x.tmp",
		    (seed >> 8) & 0xffffff);
		*tmp = store_side_path(target, suffix);
		if (dir)
			fd = mkdir(*tmp, 0700);
		else
			fd = store_ops->open(*tmp, O_WRONLY | O_CREAT |
			    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		free(*tmp);
		*tmp = NULL;
	}
	errno = EEXIST;
	return -1;
}

static int
store_create_temp(const char *target, char **tmp)
{
	return store_create_temp_entry(target, 0, tmp);
}

/* Is name ".BASE.xxxxxx.tmp", a temporary entry store makes (BASE short)? */
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
store_sweep_stale(const char *dir, const char *fullbase)
{
	struct dirent *de;
	struct stat st;
	time_t now = time(NULL);
	char *base = store_side_base(fullbase);
	DIR *dp;
	char *p;

	if ((dp = opendir(dir)) == NULL) {
		free(base);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!store_is_temp_of(de->d_name, base))
			continue;
		if (fstatat(dirfd(dp), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0 || st.st_uid != geteuid() ||
		    now - st.st_mtime < STORE_STALE_AGE)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (S_ISREG(st.st_mode))
			(void)store_ops->unlink(p);
		else if (S_ISDIR(st.st_mode))
			store_remove_private_dir(p);
		free(p);
	}
	closedir(dp);
	free(base);
}

void
store_remove_private_dir(const char *path)
{
	struct dirent *de;
	struct stat st;
	DIR *dp;
	int fd;

	/* Only plain files of ours directly inside: what tmpout puts there. */
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL)
		if (fstatat(dirfd(dp), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			(void)unlinkat(dirfd(dp), de->d_name, 0);
	closedir(dp);
	(void)rmdir(path);
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

/*
 * The save itself: write buf to a temporary file beside target, give it
 * mode (and, with keep_owner, the old file's owner and group), rename it
 * over target.  path is for messages.
 */
static int
store_write(const char *path, const char *target, const void *buf,
    size_t len, mode_t mode, int keep_owner, struct stat *stp,
    struct diag *err)
{
	char *dir, *tmp = NULL;
	const char *step, *base;
	struct stat old, made;
	int fd, e, have_old, rc = -1;
	void (*oldxfsz)(int);

	if (stp != NULL)
		memset(stp, 0, sizeof *stp);
	memset(&made, 0, sizeof made);
	dir = store_dirname(target);
	have_old = stat(target, &old) == 0;
	if (have_old && !S_ISREG(old.st_mode)) {
		free(dir);
		return diag_set(err, DIAG_IO, path, 0, 0, "cannot save: it is "
		    "not a regular file (a device, FIFO, socket or folder); "
		    "refusing to replace it");
	}
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
	if (keep_owner && have_old && (old.st_uid != geteuid() ||
	    old.st_gid != getegid()) &&
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
	return rc;
}

int
store_write_atomic(const char *path, const void *buf, size_t len,
    struct stat *stp, struct diag *err)
{
	char *target = store_resolve_links(path);
	int rc;

	rc = store_write(path, target, buf, len, store_target_mode(target), 1,
	    stp, err);
	free(target);
	return rc;
}

int
store_write_side(const char *path, const void *buf, size_t len, mode_t mode,
    const char *what, struct diag *err)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return SIDE_FAIL(err, path, what, "%s is a symbolic "
			    "link; not writing through it (anyone who can "
			    "write the folder could have put it there)");
		if (!S_ISREG(st.st_mode))
			return SIDE_FAIL(err, path, what, "%s is not a "
			    "regular file (a FIFO, device, socket or folder); "
			    "not replacing it");
		if (st.st_uid != geteuid())
			return SIDE_FAIL2(err, path, what, "%s belongs to "
			    "another user (uid %ld); not replacing it",
			    (long)st.st_uid);
	}
	/* rename replaces the name itself, never what a link names. */
	return store_write(path, path, buf, len, mode, 0, NULL, err);
}
