#include "config.h"

#include "core/tmpout.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
#include "core/xalloc.h"

static int
fail(const struct tmpout *t, struct diag *err, const char *step, int e)
{
	return diag_set(err, DIAG_IO, t->out, 0, 0, "cannot write %s: %s: %s",
	    t->what, step, strerror(e));
}

static void
forget(struct tmpout *t)
{
	signal(SIGXFSZ, t->oldxfsz);
	free(t->tmp);
	free(t->pdir);
	free(t->dir);
	free(t->target);
	t->tmp = t->pdir = t->dir = t->target = NULL;
}

int
tmpout_begin(struct tmpout *t, const char *out, const char *what,
    struct diag *err)
{
	struct stat st;
	int fd, e;

	memset(t, 0, sizeof *t);
	t->what = what;
	t->out = out;
	t->target = store_resolve_links(out);
	t->dir = store_dirname(t->target);
	t->oldxfsz = signal(SIGXFSZ, SIG_IGN);
	if (stat(t->target, &st) == 0 && !S_ISREG(st.st_mode)) {
		forget(t);
		return diag_set(err, DIAG_IO, out, 0, 0, "cannot write %s: "
		    "it is not a regular file (a device, FIFO, socket or "
		    "folder); refusing to replace it", what);
	}
	/* ".NAME.xxxxxx.tmp", as saves name theirs (dossier(1), FILES). */
	if (store_create_temp_entry(t->target, 1, &t->pdir) < 0) {
		e = errno;
		forget(t);
		return fail(t, err, "creating a temporary folder beside it", e);
	}
	t->tmp = xasprintf("%s/out", t->pdir);
	fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	/* The new file must not be left 0600: give it the target's mode. */
	if (fd < 0 || fchmod(fd, store_target_mode(t->target)) < 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		tmpout_abort(t);
		return fail(t, err, "setting up the temporary file", e);
	}
	if (close(fd) < 0) {
		e = errno;
		tmpout_abort(t);
		return fail(t, err, "setting up the temporary file", e);
	}
	return 0;
}

/* fsync a file by name (the writer has closed it). */
static int
sync_file(const char *path)
{
	int fd, rc, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
tmpout_commit(struct tmpout *t, struct diag *err)
{
	int e;

	if (sync_file(t->tmp) < 0) {
		e = errno;
		tmpout_abort(t);
		return fail(t, err, "flushing to disk (fsync)", e);
	}
	if (rename(t->tmp, t->target) < 0) {
		e = errno;
		tmpout_abort(t);
		return fail(t, err, "renaming over the old file", e);
	}
	(void)rmdir(t->pdir);
	if (store_sync_dir(t->dir) < 0) {
		e = errno;
		forget(t);
		return fail(t, err, "flushing the folder (the file is written "
		    "but may not survive a power cut)", e);
	}
	forget(t);
	return 0;
}

void
tmpout_abort(struct tmpout *t)
{
	if (t->pdir != NULL)
		store_remove_private_dir(t->pdir);
	forget(t);
}

int
tmpout_quiet(const char *log)
{
	int fd, saved;

	fflush(stderr);
	fd = open(log != NULL ? log : "/dev/null", O_WRONLY | O_CREAT |
	    O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	saved = dup(STDERR_FILENO);
	if (saved >= 0 && dup2(fd, STDERR_FILENO) < 0) {
		close(saved);
		saved = -1;
	}
	close(fd);
	return saved;
}

void
tmpout_unquiet(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}
