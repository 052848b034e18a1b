/* Where you left each dossier; see place.h. */
#include "config.h"

#include "tui/place.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

/* The places file, or NULL when there is no home to keep it in. */
static char *
places_file(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	/* The XDG spec: a relative $XDG_STATE_HOME is to be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/dossier/places", xdg);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.local/state/dossier/places", home);
	return NULL;
}

/* mkdir -p of file's folder, 0700 as the spec asks. */
static int
make_dirs(const char *file)
{
	char *d = xstrdup(file), *p;
	int rc = 0;

	for (p = d + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(d);
	return rc;
}

/* The key: the real path, so ./d.yaml and /home/x/d.yaml are one. */
static char *
key_of(const char *path)
{
	char *r = realpath(path, NULL);

	return r != NULL ? r : NULL;
}

/* Split a line "key\ttmpl\tsection\tfield\tsub\trec" in place. */
static int
split(char *line, char **f, size_t n)
{
	size_t i;

	line[strcspn(line, "\n")] = '\0';
	for (i = 0; i < n; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (line == NULL)
			return i + 1 == n ? 0 : -1;
		*line++ = '\0';
	}
	return -1;
}

int
place_get(const char *path, struct place *p)
{
	char *file = places_file(), *key = key_of(path), *line = NULL;
	char *f[6];
	size_t cap = 0;
	FILE *fp;
	int rc = -1;

	memset(p, 0, sizeof *p);
	fp = file != NULL && key != NULL ? fopen(file, "r") : NULL;
	while (fp != NULL && rc < 0 && getline(&line, &cap, fp) > 0) {
		if (split(line, f, 6) < 0 || strcmp(f[0], key) != 0)
			continue;
		p->tmpl = xstrdup(f[1]);
		p->section = xstrdup(f[2]);
		p->field = xstrdup(f[3]);
		p->sub = xstrdup(f[4]);
		p->rec = (size_t)strtoul(f[5], NULL, 10);
		rc = 0;
	}
	if (fp != NULL)
		fclose(fp);
	free(line);
	free(file);
	free(key);
	return rc;
}

void
place_put(const char *path, const struct place *p)
{
	char *file = places_file(), *key = key_of(path), *tmp = NULL;
	char *line = NULL, *copy, *f[6];
	size_t cap = 0, kept = 1;
	FILE *in, *out = NULL;

	/* A tab or newline in a path would break the line: not kept. */
	if (file == NULL || key == NULL || key[strcspn(key, "\t\n")] != '\0' ||
	    make_dirs(file) < 0)
		goto done;
	tmp = xasprintf("%s.%ld.tmp", file, (long)getpid());
	if ((out = fopen(tmp, "w")) == NULL)
		goto done;
	fprintf(out, "%s\t%s\t%s\t%s\t%s\t%zu\n", key, p->tmpl, p->section,
	    p->field, p->sub, p->rec);
	if ((in = fopen(file, "r")) != NULL) {
		while (kept < PLACE_MAX && getline(&line, &cap, in) > 0) {
			copy = xstrdup(line);
			if (split(copy, f, 6) == 0 && strcmp(f[0], key) != 0) {
				fputs(line, out);
				kept++;
			}
			free(copy);
		}
		fclose(in);
	}
	if (fclose(out) != 0 || rename(tmp, file) < 0)
		remove(tmp);
	out = NULL;
done:
	if (out != NULL) {
		fclose(out);
		remove(tmp);
	}
	free(line);
	free(tmp);
	free(file);
	free(key);
}

void
place_free(struct place *p)
{
	free(p->tmpl);
	free(p->section);
	free(p->field);
	free(p->sub);
	memset(p, 0, sizeof *p);
}
