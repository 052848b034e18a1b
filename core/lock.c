#include "config.h"

#include "core/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/lang.h"
#include "core/store.h"
#include "core/xalloc.h"

struct lock {
	char *path;
	int fd;
};

char *
lock_path(const char *dossier)
{
	char *target = store_resolve_links(dossier), *p;

	p = store_side_path(target, ".dossier-lock");
	free(target);
	return p;
}

static void
lock_read_info(int fd, struct lock_info *li)
{
	char buf[512], host[256] = "", user[64] = "";
	long pid = 0;
	long long since = 0;
	ssize_t n;

	memset(li, 0, sizeof *li);
	n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return;
	buf[n] = '\0';
	/* pid host user since, one line; the file is ours, but be careful. */
	if (sscanf(buf, "%ld %255s %63s %lld", &pid, host, user, &since) >= 1) {
		li->pid = pid;
		snprintf(li->host, sizeof li->host, "%s", host);
		snprintf(li->user, sizeof li->user, "%s", user);
		li->since = (time_t)since;
	}
}

/* The file system's word on who owns the lock, over the file's claim. */
static void
lock_owner(const struct stat *st, struct lock_info *li)
{
	struct passwd *pw;

	if (st->st_uid == geteuid())
		return;
	li->foreign = 1;
	pw = getpwuid(st->st_uid);
	if (pw != NULL)
		snprintf(li->user, sizeof li->user, "%s", pw->pw_name);
	else
		snprintf(li->user, sizeof li->user, "uid %ld",
		    (long)st->st_uid);
}

static void
lock_write_info(int fd)
{
	char host[256] = "unknown", line[400];
	struct passwd *pw = getpwuid(getuid());
	int n;

	if (gethostname(host, sizeof host) < 0)
		snprintf(host, sizeof host, "unknown");
	host[sizeof host - 1] = '\0';
	n = snprintf(line, sizeof line, "%ld %s %s %lld\n", (long)getpid(),
	    host, pw != NULL ? pw->pw_name : "unknown",
	    (long long)time(NULL));
	if (n > 0 && ftruncate(fd, 0) == 0)
		(void)pwrite(fd, line, (size_t)n, 0);
}

enum lock_result
lock_acquire(const char *dossier, struct lock **out, struct lock_info *holder,
    struct diag *err)
{
	char *path = lock_path(dossier);
	enum lock_result rc;
	struct stat st;
	int fd;

	*out = NULL;
	memset(holder, 0, sizeof *holder);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd >= 0) {
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			/* Someone opened it between our create and lock. */
			close(fd);
			free(path);
			memset(holder, 0, sizeof *holder);
			return LOCK_BUSY;
		}
		lock_write_info(fd);
		*out = xcalloc(1, sizeof **out);
		(*out)->path = path;
		(*out)->fd = fd;
		return LOCK_TAKEN;
	}
	if (errno != EEXIST) {
		diag_set(err, DIAG_IO, path, 0, 0, "cannot create the lock "
		    "file: %s", strerror(errno));
		free(path);
		return LOCK_ERROR;
	}
	fd = store_open_side(path, O_RDONLY, 0, STORE_SIDE_ANY_OWNER,
	    N_("the lock file"), &st, err);
	if (fd < 0) {
		free(path);
		return LOCK_ERROR;
	}
	lock_read_info(fd, holder);
	lock_owner(&st, holder);
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		/* Nobody holds it any more; another user's stays theirs. */
		rc = holder->foreign ? LOCK_BUSY : LOCK_STALE;
		flock(fd, LOCK_UN);
	} else {
		rc = LOCK_BUSY;
	}
	close(fd);
	free(path);
	return rc;
}

enum lock_result
lock_take_over(const char *dossier, struct lock **out,
    struct lock_info *holder, struct diag *err)
{
	char *path = lock_path(dossier);
	struct stat st;
	int fd;

	*out = NULL;
	fd = store_open_side(path, O_RDONLY, 0, STORE_SIDE_ANY_OWNER,
	    N_("the lock file"), &st, err);
	if (fd < 0 && errno != ENOENT) {
		free(path);
		return LOCK_ERROR;
	}
	if (fd >= 0) {
		/* Only remove it while we can prove nobody holds it. */
		if (st.st_uid != geteuid() || flock(fd, LOCK_EX | LOCK_NB) < 0) {
			lock_read_info(fd, holder);
			lock_owner(&st, holder);
			close(fd);
			free(path);
			return LOCK_BUSY;
		}
		unlink(path);
		close(fd);
	}
	free(path);
	return lock_acquire(dossier, out, holder, err);
}

void
lock_release(struct lock *l)
{
	if (l == NULL)
		return;
	unlink(l->path);
	close(l->fd);
	free(l->path);
	free(l);
}

void
lock_describe(const struct lock_info *li, char *buf, size_t size)
{
	/* For a person (the wizard's dialog, --demo): the display language. */
	const char *host = li->host[0] != '\0' ? li->host :
	    _("an unknown host");
	char when[64];
	struct tm tm;

	snprintf(when, sizeof when, "%s", _("an unknown time"));
	if (li->since > 0 && localtime_r(&li->since, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (li->foreign) {
		/* Only the owner is known for sure; the rest is its claim. */
		snprintf(buf, size, _("a lock file of user %s (it says pid %ld "
		    "on %s, since %s); only %s or a person removing it by "
		    "hand can release it"), li->user, li->pid, host, when,
		    li->user);
		return;
	}
	snprintf(buf, size, _("pid %ld on %s, user %s, since %s"), li->pid,
	    host, li->user[0] != '\0' ? li->user : _("unknown"), when);
}
