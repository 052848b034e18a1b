/*
 * Shared fixtures of the unit tests (see helpers.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "tests/unit/helpers.h"

int
h_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fx *fx = xcalloc(1, sizeof *fx);

	fx->dir = xasprintf("%s/dossier-unit.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(fx->dir) == NULL) {
		print_error("mkdtemp %s: %s\n", fx->dir, strerror(errno));
		free(fx->dir);
		free(fx);
		return -1;
	}
	diag_clear(&fx->err);
	*state = fx;
	return 0;
}

static int
h_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
h_teardown(void **state)
{
	struct fx *fx = *state;

	if (fx == NULL)
		return 0;
	report_free(fx->r);
	dossier_free(fx->d);
	tmpl_set_free(fx->set);
	(void)nftw(fx->dir, h_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx);
	*state = NULL;
	return 0;
}

char *
h_data(const char *rel)
{
	const char *dir = getenv("TESTDATA");

	if (dir == NULL || *dir == '\0')
		dir = "tests/data";
	return xasprintf("%s/%s", dir, rel);
}

char *
h_path(const struct fx *fx, const char *name)
{
	return xasprintf("%s/%s", fx->dir, name);
}

char *
h_write(const struct fx *fx, const char *name, const char *s, size_t len)
{
	char *path = h_path(fx, name);
	FILE *fp;

	if (len == (size_t)-1)
		len = strlen(s);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

char *
h_slurp(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap == 0 ? 8192 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		got = fread(buf + len, 1, 4096, fp);
		len += got;
	} while (got > 0);
	fclose(fp);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

struct tmpl_set *
h_set(struct fx *fx, const char *name, const char *yaml)
{
	char *path = h_write(fx, name != NULL ? name : "t.yaml", yaml,
	    (size_t)-1);
	struct tmpl *t;

	tmpl_set_free(fx->set);
	fx->set = NULL;
	diag_clear(&fx->err);
	t = tmpl_load_file(path, &fx->err);
	free(path);
	if (t == NULL)
		return NULL;
	fx->set = tmpl_set_new();
	if (tmpl_set_add(fx->set, t, &fx->err) < 0 ||
	    tmpl_set_resolve(fx->set, &fx->err) < 0) {
		tmpl_set_free(fx->set);
		fx->set = NULL;
	}
	return fx->set;
}

struct dossier *
h_dossier(struct fx *fx, const char *name, const char *yaml)
{
	char *path = h_write(fx, name != NULL ? name : "d.yaml", yaml,
	    (size_t)-1);

	assert_non_null(fx->set);
	report_free(fx->r);
	fx->r = NULL;
	dossier_free(fx->d);
	diag_clear(&fx->err);
	fx->d = dossier_load(path, fx->set, &fx->err);
	free(path);
	return fx->d;
}

struct report *
h_validate(struct fx *fx)
{
	assert_non_null(fx->d);
	report_free(fx->r);
	fx->r = validate(fx->d, NULL);
	return fx->r;
}

const struct tmpl_field *
h_field(const struct fx *fx, const char *path)
{
	char *copy = xstrdup(path), *parts[4], *save = NULL, *tok;
	const struct tmpl_section *s = NULL;
	const struct tmpl_field *f = NULL;
	const struct tmpl *t = NULL;
	int n = 0;

	for (tok = strtok_r(copy, ".", &save); tok != NULL && n < 4;
	    tok = strtok_r(NULL, ".", &save))
		parts[n++] = tok;
	if (n >= 3 && fx->set != NULL)
		t = tmpl_set_find(fx->set, parts[0], NULL);
	if (t != NULL)
		s = tmpl_section_by_id(t, parts[1]);
	if (s != NULL)
		f = tmpl_field_by_id(s->fields, s->nfields, parts[2]);
	if (f != NULL && n == 4)
		f = tmpl_field_by_id(f->fields, f->nfields, parts[3]);
	if (f == NULL)
		print_error("no field %s in the template set\n", path);
	free(copy);
	assert_non_null(f);
	return f;
}

const struct finding *
h_finding(const struct report *r, enum finding_kind kind, const char *path,
    size_t nth)
{
	char buf[FINDING_PATH_MAX];
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->f[i].kind != kind ||
		    strcmp(finding_path(&r->f[i], buf), path) != 0)
			continue;
		if (nth-- == 0)
			return &r->f[i];
	}
	print_error("no finding of kind %d at %s; the report has:\n", kind,
	    path);
	h_dump(r);
	return NULL;
}

size_t
h_count(const struct report *r, enum finding_kind kind, const char *path)
{
	char buf[FINDING_PATH_MAX];
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		if (r->f[i].kind == kind && (path == NULL ||
		    strcmp(finding_path(&r->f[i], buf), path) == 0))
			n++;
	return n;
}

void
h_dump(const struct report *r)
{
	char buf[FINDING_PATH_MAX];
	size_t i;

	for (i = 0; i < r->n; i++)
		print_error("  %d:%d %s kind=%d [%s] %s\n", r->f[i].line,
		    r->f[i].col, tmpl_severity_name(r->f[i].sev), r->f[i].kind,
		    finding_path(&r->f[i], buf), r->f[i].message);
}

void
h_assert_diag(const struct diag *d, const char *file, int line, int col,
    const char *msg)
{
	if (strcmp(d->file, file) != 0 || d->line != line || d->col != col ||
	    strcmp(d->msg, msg) != 0)
		print_error("got      %s:%d:%d: %s\nexpected %s:%d:%d: %s\n",
		    d->file, d->line, d->col, d->msg, file, line, col, msg);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, line);
	assert_int_equal(d->col, col);
	assert_string_equal(d->msg, msg);
}

void
h_assert_err(const struct fx *fx, const char *name, int line, int col,
    const char *msg)
{
	char *path = h_path(fx, name);

	h_assert_diag(&fx->err, path, line, col, msg);
	free(path);
}

void
h_assert_finding(const struct finding *f, int line, int col,
    const char *msg)
{
	assert_non_null(f);
	if (f->line != line || f->col != col || strcmp(f->message, msg) != 0)
		print_error("got      %d:%d: %s\nexpected %d:%d: %s\n",
		    f->line, f->col, f->message, line, col, msg);
	assert_int_equal(f->line, line);
	assert_int_equal(f->col, col);
	assert_string_equal(f->message, msg);
}
