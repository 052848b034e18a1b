/*
 * Submission bundles (see bundle.h).  The archive is written by libzip
 * into the temporary file tmpout.h prepares beside the target; libzip
 * itself writes into a scratch file there and renames it over ours in
 * zip_close, then tmpout renames ours over the target.
 */
#include "config.h"

#include "core/bundle.h"

#include <ctype.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "core/rdopen.h"
#include "core/sha256hex.h"
#include "core/store.h"
#include "core/tmpout.h"
#include "core/xalloc.h"

struct entry {
	char *name;		/* in the archive */
	char sha256[65];
	char *file;		/* read from this file, or */
	char *buf;		/* from this buffer (owned until added) */
	size_t len;
};

static int
cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* "a/./b" and "a//b" are the same file as "a/b"; the archive says so. */
static char *
clean_name(const char *p)
{
	char *out = xmalloc(strlen(p) + 1), *o = out;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (p[0] == '.' && (p[1] == '/' || p[1] == '\0')) {
			p++;
			continue;
		}
		while (*p != '\0' && *p != '/')
			*o++ = *p++;
		if (*p == '/')
			*o++ = '/';
	}
	if (o > out && o[-1] == '/')
		o--;
	*o = '\0';
	return out;
}

/* A name sha256sum -c reads back as it is (it escapes \ and newlines). */
static int
plain_name(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\' || *s == '\n' || *s == '\r')
			return 0;
	return 1;
}

static char *
base_name(const struct dossier *d)
{
	const char *p = d->path != NULL ? d->path : "dossier.yaml", *slash;
	const char *dot;

	slash = strrchr(p, '/');
	p = slash != NULL ? slash + 1 : p;
	dot = strrchr(p, '.');
	return dot != NULL && dot != p ? xstrndup(p, (size_t)(dot - p)) :
	    xstrdup(p);
}

static int
add_evidence(struct entry *es, size_t *n, const struct evid_list *ev,
    const struct dossier *d, struct diag *err)
{
	size_t i, j;

	for (i = 0; i < ev->n; i++) {
		const struct evid_file *e = &ev->f[i];
		const struct ynode *at = e->at;

		/* Whole sentences, each translated as one (po/zh_HK.po). */
		if (e->outside == 1)
			return diag_set(err, DIAG_SCHEMA, d->path, at->line,
			    at->col, "cannot bundle evidence '%s': it lies "
			    "outside the dossier's folder, so it has no place "
			    "in the bundle", e->path);
		if (e->state == EVID_MISSING)
			return diag_set(err, DIAG_SCHEMA, d->path, at->line,
			    at->col, "cannot bundle evidence '%s': it is not "
			    "there", e->path);
		if (e->state == EVID_NOT_FILE)
			return diag_set(err, DIAG_SCHEMA, d->path, at->line,
			    at->col, "cannot bundle evidence '%s': it is not a "
			    "regular file", e->path);
		if (e->state == EVID_UNREADABLE || e->sha256[0] == '\0')
			return diag_set(err, DIAG_SCHEMA, d->path, at->line,
			    at->col, "cannot bundle evidence '%s': it cannot "
			    "be read", e->path);
		if (!plain_name(e->path))
			return diag_set(err, DIAG_SCHEMA, d->path, at->line,
			    at->col, "cannot bundle evidence '%s': it has a "
			    "backslash or line break in its name", e->path);
		es[*n].name = clean_name(e->path);
		for (j = 0; j < *n; j++)
			if (strcmp(es[j].name, es[*n].name) == 0)
				break;
		if (j < *n) {
			free(es[*n].name);
			es[*n].name = NULL;
			continue;
		}
		memcpy(es[*n].sha256, e->sha256, 65);
		es[*n].file = xstrdup(e->real);
		(*n)++;
	}
	return 0;
}

static char *
manifest_text(const struct entry *es, size_t n, size_t *len)
{
	struct xbuf b = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		xbuf_add(&b, es[i].sha256, 64);
		xbuf_add(&b, "  ", 2);
		xbuf_add(&b, es[i].name, strlen(es[i].name));
		xbuf_add(&b, "\n", 1);
	}
	*len = b.len;
	xbuf_add(&b, "", 1);
	return b.p;
}

/* The stamp libzip turns into DOS fields through localtime. */
static time_t
fixed_time(void)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 80;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
zip_fail(struct diag *err, const char *out, const char *what, zip_t *za)
{
	const char *why = za != NULL ? zip_strerror(za) : "zip error";

	/* what: a file name, or words marked N_(). */
	diag_set(err, DIAG_IO, out, 0, 0, "cannot write the bundle: %s: %s",
	    what, why);
	return diag_retext(err, "cannot write the bundle: %s: %s",
	    diag_word(what), why);
}

static int
add_one(zip_t *za, struct entry *e, time_t when, const char *out,
    struct diag *err)
{
	zip_source_t *src;
	zip_int64_t idx;
	struct stat st;
	FILE *fp;
	int fd;

	if (e->buf != NULL) {
		src = zip_source_buffer(za, e->buf, e->len, 1);
		if (src != NULL)
			e->buf = NULL;	/* libzip frees it */
	} else {
		/* Opened now, safely, and read through this descriptor. */
		fd = rdopen_regular(e->file, e->name, &st, err);
		if (fd < 0)
			return -1;
		fp = fdopen(fd, "rb");
		if (fp == NULL) {
			close(fd);
			return diag_set(err, DIAG_IO, e->name, 0, 0, "cannot "
			    "read: %s", strerror(errno));
		}
		src = zip_source_filep(za, fp, 0, -1);
		if (src == NULL)
			fclose(fp);
	}
	if (src == NULL)
		return zip_fail(err, out, e->name, za);
	idx = zip_file_add(za, e->name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return zip_fail(err, out, e->name, za);
	}
	if (zip_file_set_mtime(za, (zip_uint64_t)idx, when, 0) < 0 ||
	    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
	    6) < 0 || zip_file_set_external_attributes(za, (zip_uint64_t)idx,
	    0, ZIP_OPSYS_UNIX, (zip_uint32_t)0100644 << 16) < 0)
		return zip_fail(err, out, e->name, za);
	return 0;
}

static int
write_zip(const char *tmp, struct entry *es, size_t n, const char *out,
    struct diag *err)
{
	zip_t *za;
	int zerr, rc = 0;
	size_t i;
	time_t when = fixed_time();

	za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		diag_set(err, DIAG_IO, out, 0, 0, "cannot write the bundle: "
		    "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = add_one(za, &es[i], when, out, err);
	if (rc < 0) {
		zip_discard(za);
		return -1;
	}
	if (zip_close(za) < 0) {
		zip_fail(err, out, N_("finishing the archive"), za);
		zip_discard(za);
		return -1;
	}
	return 0;
}

int
bundle_write(const struct dossier *d, const struct evid_list *ev,
    const char *xlsx, const char *out, struct diag *err)
{
	struct entry *es = xcalloc(ev->n + 3, sizeof *es);
	struct tmpout t;
	size_t n = 0, i, len;
	char *base = base_name(d);
	int rc = -1;

	es[n].name = xasprintf("%s.yaml", base);
	es[n].buf = dossier_serialize(d, &es[n].len);
	sha256hex_buf(es[n].buf, es[n].len, es[n].sha256);
	n++;
	es[n].name = xasprintf("%s.xlsx", base);
	es[n].file = xstrdup(xlsx);
	if (evid_hash_file(xlsx, xlsx, es[n].sha256, NULL, err) < 0)
		goto out;
	n++;
	if (add_evidence(es, &n, ev, d, err) < 0)
		goto out;
	for (i = 2; i < n; i++)
		if (strcmp(es[i].name, es[0].name) == 0 ||
		    strcmp(es[i].name, es[1].name) == 0 ||
		    strcmp(es[i].name, BUNDLE_MANIFEST) == 0) {
			diag_set(err, DIAG_SCHEMA, d->path, 0, 0, "cannot "
			    "bundle evidence '%s': the name is the bundle's "
			    "own", es[i].name);
			goto out;
		}
	qsort(es, n, sizeof *es, cmp_entries);
	/* The list goes first, so a reader meets it before the files. */
	memmove(es + 1, es, n * sizeof *es);
	memset(&es[0], 0, sizeof es[0]);
	es[0].name = xstrdup(BUNDLE_MANIFEST);
	es[0].buf = manifest_text(es + 1, n, &len);
	es[0].len = len;
	n++;
	if (tmpout_begin(&t, out, "the bundle", err) < 0)
		goto out;
	if (write_zip(t.tmp, es, n, out, err) < 0) {
		tmpout_abort(&t);
		goto out;
	}
	/* libzip's scratch file replaced ours with its own mode. */
	(void)chmod(t.tmp, store_target_mode(t.target));
	rc = tmpout_commit(&t, err);
out:
	for (i = 0; i < n; i++) {
		free(es[i].name);
		free(es[i].file);
		free(es[i].buf);
	}
	if (n < ev->n + 3) {
		free(es[n].name);
		free(es[n].file);
		free(es[n].buf);
	}
	free(es);
	free(base);
	return rc;
}

/* Verifying. */

static int
hash_entry(zip_t *za, zip_uint64_t idx, char out[65])
{
	struct sha256_ctx sha;
	char buf[65536];
	zip_file_t *zf = zip_fopen_index(za, idx, 0);
	zip_int64_t n;

	if (zf == NULL)
		return -1;
	sha256_init(&sha);
	while ((n = zip_fread(zf, buf, sizeof buf)) > 0)
		sha256_update(&sha, (size_t)n, (const uint8_t *)buf);
	zip_fclose(zf);
	if (n < 0)
		return -1;
	sha256hex_digest(&sha, out);
	return 0;
}

static char *
read_entry(zip_t *za, zip_int64_t idx, size_t max, size_t *len)
{
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	struct xbuf b = { NULL, 0, 0 };
	char buf[65536];
	zip_int64_t n;

	if (zf == NULL)
		return NULL;
	while ((n = zip_fread(zf, buf, sizeof buf)) > 0 && b.len <= max)
		xbuf_add(&b, buf, (size_t)n);
	zip_fclose(zf);
	if (n < 0 || b.len > max) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	xbuf_add(&b, "", 1);
	return b.p;
}

struct vstate {
	zip_t *za;
	unsigned char *listed;
	void (*report)(void *, const char *, enum bundle_check);
	void *arg;
	long problems;
};

static void
verify_line(struct vstate *v, const char *sum, const char *name)
{
	zip_int64_t idx = zip_name_locate(v->za, name, 0);
	char got[65];

	if (idx < 0) {
		v->report(v->arg, name, BUNDLE_ABSENT);
		v->problems++;
		return;
	}
	v->listed[idx] = 1;
	if (hash_entry(v->za, (zip_uint64_t)idx, got) < 0 ||
	    strcmp(got, sum) != 0) {
		v->report(v->arg, name, BUNDLE_MISMATCH);
		v->problems++;
		return;
	}
	v->report(v->arg, name, BUNDLE_OK);
}

/* "HEX  NAME" lines; -1 with the position of the first bad one. */
static int
verify_list(struct vstate *v, char *text, size_t len, const char *path,
    struct diag *err)
{
	char *line = text, *nl, *end = text + len;
	int lineno = 1;
	size_t i;

	for (; line < end; line = nl + 1, lineno++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			return diag_set(err, DIAG_SYNTAX, path, lineno, 1,
			    "%s: the last line has no line break",
			    BUNDLE_MANIFEST);
		*nl = '\0';
		for (i = 0; i < 64; i++)
			if (!isxdigit((unsigned char)line[i]))
				return diag_set(err, DIAG_SYNTAX, path, lineno,
				    (int)i + 1, "%s: expected 64 hex digits, "
				    "two spaces and a name", BUNDLE_MANIFEST);
		if (line[64] != ' ' || (line[65] != ' ' && line[65] != '*') ||
		    line[66] == '\0')
			return diag_set(err, DIAG_SYNTAX, path, lineno, 65,
			    "%s: expected two spaces and a name after the "
			    "hash", BUNDLE_MANIFEST);
		line[64] = '\0';
		for (i = 0; i < 64; i++)
			line[i] = (char)tolower((unsigned char)line[i]);
		verify_line(v, line, line + 66);
	}
	return 0;
}

long
bundle_verify(const char *path,
    void (*report)(void *arg, const char *name, enum bundle_check c),
    void *arg, struct diag *err)
{
	struct vstate v;
	zip_int64_t idx, n, i;
	char *text;
	size_t len;
	int zerr, fd;
	struct stat st;
	zip_error_t ze;

	/* Refuse a FIFO or device before libzip opens it. */
	fd = rdopen_regular(path, path, &st, err);
	if (fd < 0)
		return -1;
	close(fd);
	memset(&v, 0, sizeof v);
	v.za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (v.za == NULL) {
		zip_error_init_with_code(&ze, zerr);
		diag_set(err, DIAG_SYNTAX, path, 0, 0, "not a readable zip "
		    "archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	idx = zip_name_locate(v.za, BUNDLE_MANIFEST, 0);
	text = idx < 0 ? NULL : read_entry(v.za, idx, 64u << 20, &len);
	if (text == NULL) {
		zip_discard(v.za);
		return diag_set(err, DIAG_SCHEMA, path, 0, 0, "%s is missing "
		    "or unreadable: not a dossier bundle", BUNDLE_MANIFEST);
	}
	n = zip_get_num_entries(v.za, 0);
	v.listed = xcalloc((size_t)n + 1, 1);
	v.listed[idx] = 1;
	v.report = report;
	v.arg = arg;
	if (verify_list(&v, text, len, path, err) < 0) {
		free(text);
		free(v.listed);
		zip_discard(v.za);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(v.za, (zip_uint64_t)i, 0);

		if (v.listed[i] || name == NULL ||
		    (*name != '\0' && name[strlen(name) - 1] == '/'))
			continue;
		report(arg, name, BUNDLE_UNLISTED);
		v.problems++;
	}
	free(text);
	free(v.listed);
	zip_discard(v.za);
	return v.problems;
}
