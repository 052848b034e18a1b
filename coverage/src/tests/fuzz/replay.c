/*
 * Runs a fuzz harness without libFuzzer, so the inputs that once crashed
 * it (tests/fuzz/regress/NAME/) and its seed corpus are replayed by
 * "make check" with the ordinary compiler, and under the sanitizers in the
 * ASan build.  Arguments are files or folders of files; each file is one
 * input.  Exit 0 when every input ran; a bug shows up as the harness's
 * abort() or a sanitizer report.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	struct diag err;
	char *buf;
	size_t len;

	/* yt_slurp refuses what the harness never sees (over 32 MB). */
	buf = yt_slurp(path, &len, &err);
	if (buf == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, err.msg);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	return 0;
}

static int
replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order so runs are repeatable. */
static int
replay_dir(const char *dir, size_t *count)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, i;
	int rc = 0;

	if ((dp = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		if (names == NULL || (names[n] = strdup(de->d_name)) == NULL)
			abort();
		n++;
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, replay_cmp);
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;

		if ((path = malloc(len)) == NULL)
			abort();
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (replay_file(path) < 0)
			rc = -1;
		else
			(*count)++;
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) < 0)
				rc = 1;
		} else if (replay_file(argv[i]) < 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	printf("%s: %zu inputs replayed\n", argv[0], count);
	return rc;
}
