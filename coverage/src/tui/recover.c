/* Recovery file names, autosave writes and the start-up offer's facts. */
#include "config.h"

#include "tui/recover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
#include "core/xalloc.h"

/* dir/ and NAME of path. */
static void
split(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	*dir = slash != NULL ? xstrndup(path, (size_t)(slash - path + 1)) :
	    xstrdup("");
	*base = slash != NULL ? slash + 1 : path;
}

char *
recover_path(const char *path)
{
	const char *base;
	char *dir, *r;

	split(path, &dir, &base);
	r = xasprintf("%s.%s%s", dir, base, RECOVER_SUFFIX);
	free(dir);
	return r;
}

int
recover_pending(const char *rpath, const char *path, time_t *when)
{
	struct stat rs, ds;

	if (stat(rpath, &rs) < 0 || !S_ISREG(rs.st_mode))
		return 0;
	*when = rs.st_mtime;
	if (stat(path, &ds) < 0)
		return 1;
	if (rs.st_mtim.tv_sec != ds.st_mtim.tv_sec)
		return rs.st_mtim.tv_sec > ds.st_mtim.tv_sec;
	return rs.st_mtim.tv_nsec > ds.st_mtim.tv_nsec;
}

int
recover_write(const char *rpath, const struct dossier *d, struct diag *err)
{
	struct stat st;
	char *buf;
	size_t len;
	int rc;

	buf = dossier_serialize(d, &len);
	rc = store_write_atomic(rpath, buf, len, NULL, err);
	free(buf);
	if (rc == 0 && d->path != NULL && stat(d->path, &st) == 0)
		chmod(rpath, st.st_mode & 0666);
	return rc;
}

void
recover_remove(const char *rpath)
{
	if (unlink(rpath) < 0 && errno != ENOENT)
		return;
}

char *
recover_set_aside(const char *rpath, const char *path, time_t when,
    struct diag *err)
{
	const char *base;
	char *dir, *to, stamp[32];
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	split(path, &dir, &base);
	to = xasprintf("%s.%s.%s%s", dir, base, stamp, RECOVER_SUFFIX);
	free(dir);
	if (rename(rpath, to) < 0) {
		diag_set(err, DIAG_IO, rpath, 0, 0, "cannot rename the "
		    "recovery file to %s: %s", to, strerror(errno));
		free(to);
		return NULL;
	}
	return to;
}
