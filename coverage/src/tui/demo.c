/* The private copy of the demo; see demo.h. */
#include "config.h"

#include "tui/demo.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
#include "core/xalloc.h"
#include "core/ytree.h"
#include "tui/cli.h"

static int
copy_file(const char *from, const char *to, struct diag *err)
{
	size_t len;
	char *buf = yt_slurp(from, &len, err);
	int rc;

	if (buf == NULL)
		return -1;
	rc = store_write_atomic(to, buf, len, NULL, err);
	free(buf);
	return rc;
}

/* Copy the regular files of folder from (not its subfolders) into to. */
static int
copy_folder(const char *from, const char *to, struct diag *err)
{
	DIR *dp = opendir(from);
	struct dirent *de;
	struct stat st;
	char *src, *dst;
	int rc = 0;

	if (dp == NULL)
		return 0;	/* a demo without evidence still opens */
	if (mkdir(to, 0700) < 0) {
		closedir(dp);
		return diag_set(err, DIAG_IO, to, 0, 0, "cannot create the "
		    "folder: %s", strerror(errno));
	}
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		src = xasprintf("%s/%s", from, de->d_name);
		dst = xasprintf("%s/%s", to, de->d_name);
		if (stat(src, &st) == 0 && S_ISREG(st.st_mode))
			rc = copy_file(src, dst, err);
		free(src);
		free(dst);
	}
	closedir(dp);
	return rc;
}

char *
demo_copy(const char *program, char **dir, struct diag *err)
{
	const char *tmp = getenv("TMPDIR");
	char *src, *srcdir, *slash, *d, *out, *ev, *evsrc;

	*dir = NULL;
	src = cli_data_path(program, "examples/demo.yaml");
	if (src == NULL) {
		diag_set(err, DIAG_IO, NULL, 0, 0, "the demo dossier "
		    "(examples/demo.yaml) is not installed");
		return NULL;
	}
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	d = xasprintf("%s/dossier-demo-XXXXXX", tmp);
	if (mkdtemp(d) == NULL) {
		diag_set(err, DIAG_IO, d, 0, 0, "cannot create a private "
		    "folder for the demo: %s", strerror(errno));
		free(d);
		free(src);
		return NULL;
	}
	srcdir = xstrdup(src);
	slash = strrchr(srcdir, '/');
	if (slash != NULL)
		*slash = '\0';
	out = xasprintf("%s/demo.yaml", d);
	ev = xasprintf("%s/evidence", d);
	evsrc = xasprintf("%s/evidence", srcdir);
	if (copy_file(src, out, err) < 0 || copy_folder(evsrc, ev, err) < 0) {
		demo_remove(d);
		free(d);
		free(out);
		out = NULL;
	} else {
		*dir = d;
	}
	free(ev);
	free(evsrc);
	free(srcdir);
	free(src);
	return out;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
demo_remove(const char *dir)
{
	if (dir != NULL)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
