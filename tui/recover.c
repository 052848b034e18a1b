/* Recovery file names, autosave writes and the start-up offer's facts. */
#include "config.h"

#include "tui/recover.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/lang.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "core/ytree.h"

/* Names the file in store's refusals, translated there (store.h). */
#define WHAT N_("the recovery file")

char *
recover_path(const char *path)
{
	return store_side_path(path, RECOVER_SUFFIX);
}

int
recover_pending(const char *rpath, const char *path, time_t *when,
    struct diag *err)
{
	struct stat rs, ds;
	int fd;

	fd = store_open_side(rpath, O_RDONLY, 0, 0, WHAT, &rs, err);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	close(fd);
	*when = rs.st_mtime;
	if (stat(path, &ds) < 0)
		return 1;
	if (rs.st_mtim.tv_sec != ds.st_mtim.tv_sec)
		return rs.st_mtim.tv_sec > ds.st_mtim.tv_sec;
	return rs.st_mtim.tv_nsec > ds.st_mtim.tv_nsec;
}

struct dossier *
recover_load(const char *rpath, const struct tmpl_set *set, struct diag *err)
{
	struct dossier *d;
	struct stat st;
	size_t len;
	char *buf;
	int fd;

	fd = store_open_side(rpath, O_RDONLY, 0, 0, WHAT, &st, err);
	if (fd < 0)
		return NULL;
	buf = yt_slurp_fd(fd, rpath, &len, err);
	close(fd);
	if (buf == NULL)
		return NULL;
	d = dossier_load_buffer(buf, len, rpath, set, err);
	free(buf);
	return d;
}

int
recover_write(const char *rpath, const struct dossier *d, struct diag *err)
{
	struct stat st;
	char *buf;
	size_t len;
	mode_t mode, mask;
	int rc;

	/* A private dossier gets a private recovery file. */
	if (d->path != NULL && stat(d->path, &st) == 0) {
		mode = st.st_mode & 0666;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	buf = dossier_serialize(d, &len);
	rc = store_write_side(rpath, buf, len, mode, WHAT, err);
	free(buf);
	return rc;
}

void
recover_remove(const char *rpath)
{
	struct stat st;

	/* Never someone else's file, nor what a planted link names. */
	if (lstat(rpath, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid())
		return;
	(void)unlink(rpath);
}

char *
recover_set_aside(const char *rpath, const char *path, time_t when,
    struct diag *err)
{
	char *to, suffix[64];
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(suffix, sizeof suffix, ".%Y%m%d-%H%M%S" RECOVER_SUFFIX, &tm);
	to = store_side_path(path, suffix);
	/*
	 * link() fails when the name is taken (someone could have planted
	 * one); rename() would silently replace it.  Without hard links
	 * (some shared file systems), rename is the only way.
	 */
	if (link(rpath, to) == 0) {
		(void)unlink(rpath);
		return to;
	}
	if (errno == EEXIST) {
		/* TRANSLATORS: shown under "Cannot keep the file aside";
		 * %s is a file's path.  diag_set's format is the msgid. */
		diag_set(err, DIAG_IO, rpath, 0, 0, "cannot keep the recovery "
		    "file aside: %s already exists", to);
		free(to);
		return NULL;
	}
	if (rename(rpath, to) < 0) {
		diag_set(err, DIAG_IO, rpath, 0, 0, "cannot rename the "
		    "recovery file to %s: %s", to, strerror(errno));
		free(to);
		return NULL;
	}
	return to;
}
