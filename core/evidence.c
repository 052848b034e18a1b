/*
 * The evidence register (see evidence.h): collecting the file answers,
 * reading and writing evidence.files, and comparing files with it.
 */
#include "config.h"

#include "core/evidence.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/rdopen.h"
#include "core/sha256hex.h"
#include "core/store.h"
#include "core/xalloc.h"

#define EVID_CHUNK (256u * 1024)

static const char *const state_names[] = {
	"ok", "unrecorded", "touched", "changed", "empty", "missing",
	"not a file", "unreadable"
};

const char *
evid_state_name(enum evid_state s)
{
	return state_names[s];
}

void
evid_format_time(const struct stat *st, char out[64])
{
	struct tm tm;
	time_t t = st->st_mtim.tv_sec;

	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (long)st->st_mtim.tv_nsec);
}

char *
evid_dossier_dir(const struct dossier *d)
{
	return d->path != NULL ? store_dirname(d->path) : xstrdup(".");
}

int
evid_hash_file(const char *path, const char *shown, char out[65],
    uint64_t *size, struct diag *err)
{
	struct sha256_ctx sha;
	struct stat st;
	unsigned char *buf;
	uint64_t total = 0;
	ssize_t n;
	int fd;

	fd = rdopen_regular(path, shown, &st, err);
	if (fd < 0)
		return -1;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	buf = xmalloc(EVID_CHUNK);
	sha256_init(&sha);
	for (;;) {
		n = read(fd, buf, EVID_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sha256_update(&sha, (size_t)n, buf);
		total += (uint64_t)n;
	}
	free(buf);
	if (n < 0) {
		diag_set(err, DIAG_IO, shown, 0, 0, "cannot read: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	sha256hex_digest(&sha, out);
	if (size != NULL)
		*size = total;
	return 0;
}

/* Reading the register. */

/* what: a message (po/Makevars: reg_fail is a keyword). */
static int
reg_fail(const struct dossier *d, const struct ynode *at, struct diag *err,
    const char *what)
{
	diag_set(err, DIAG_SCHEMA, d->path, at->line, at->col,
	    "evidence register: %s", what);
	return diag_retext(err, "evidence register: %s", _(what));
}

static int
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return s[64] == '\0';
}

static int
reg_entry(const struct dossier *d, const struct ynode *key,
    const struct ynode *v, struct evid_entry *e, struct diag *err)
{
	const struct ynode *size, *mod, *sha, *rec;
	char *end;

	if (v->kind != YT_MAP)
		return reg_fail(d, v, err, "an entry must be a mapping with "
		    "size, modified and sha256");
	size = yt_get(v, "size");
	mod = yt_get(v, "modified");
	sha = yt_get(v, "sha256");
	rec = yt_get(v, "recorded");
	if (size == NULL || mod == NULL || sha == NULL)
		return reg_fail(d, v, err, "an entry needs size, modified and "
		    "sha256");
	if (size->kind != YT_SCALAR || !isdigit((unsigned char)*size->str))
		return reg_fail(d, size, err, "size must be a number of bytes");
	errno = 0;
	e->size = strtoull(size->str, &end, 10);
	if (*end != '\0' || errno != 0)
		return reg_fail(d, size, err, "size must be a number of bytes");
	if (mod->kind != YT_SCALAR)
		return reg_fail(d, mod, err, "modified must be a time");
	if (sha->kind != YT_SCALAR || !is_hex64(sha->str))
		return reg_fail(d, sha, err, "sha256 must be 64 lowercase hex "
		    "digits");
	if (rec != NULL && rec->kind != YT_SCALAR)
		return reg_fail(d, rec, err, "recorded must be a date");
	e->path = xstrdup(key->str);
	e->modified = xstrdup(mod->str);
	memcpy(e->sha256, sha->str, 65);
	e->recorded = rec != NULL ? xstrdup(rec->str) : NULL;
	e->node = key;
	return 0;
}

static int
reg_read(const struct dossier *d, struct evid_list *l, struct diag *err)
{
	const struct ynode *ev = yt_get(d->root, "evidence"), *files;
	size_t i;

	if (ev == NULL)
		return 0;
	if (ev->kind != YT_MAP)
		return reg_fail(d, ev, err, "'evidence' must be a mapping "
		    "(files, manifests)");
	files = yt_get(ev, "files");
	if (files == NULL)
		return 0;
	if (files->kind != YT_MAP)
		return reg_fail(d, files, err, "'files' must be a mapping of "
		    "paths to entries");
	l->have_register = 1;
	l->reg = xcalloc(files->n + 1, sizeof *l->reg);
	for (i = 0; i < files->n; i++) {
		if (reg_entry(d, files->keys[i], files->vals[i],
		    &l->reg[l->nreg], err) < 0)
			return -1;
		l->nreg++;
	}
	return 0;
}

const struct evid_entry *
evid_lookup(const struct evid_list *l, const char *path)
{
	size_t i;

	for (i = 0; i < l->nreg; i++)
		if (strcmp(l->reg[i].path, path) == 0)
			return &l->reg[i];
	return NULL;
}

const struct evid_file *
evid_find(const struct evid_list *l, const char *path)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->f[i].path, path) == 0)
			return &l->f[i];
	return NULL;
}

/* Collecting the file answers. */

static char *
answer_path(const struct tmpl_field *f, int in_record, size_t rec)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;

	if (in_record)
		return xasprintf("%s.%s.%s[%zu].%s", s->tmpl->id, s->id,
		    f->group->id, rec + 1, f->id);
	return xasprintf("%s.%s.%s", s->tmpl->id, s->id, f->id);
}

/*
 * Files are listed once each; a lookup table keeps that linear on
 * dossiers with thousands of records.
 */
struct seen {
	char **k;
	size_t cap;
};

static uint32_t
seen_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* 1 when s was already there. */
static int
seen_add(struct seen *t, char *s, size_t n)
{
	size_t i, j, cap;
	char **old;

	if ((n + 1) * 2 > t->cap) {
		old = t->k;
		cap = t->cap;
		t->cap = cap == 0 ? 64 : cap * 2;
		t->k = xcalloc(t->cap, sizeof *t->k);
		for (i = 0; i < cap; i++) {
			if (old[i] == NULL)
				continue;
			j = seen_hash(old[i]) & (t->cap - 1);
			while (t->k[j] != NULL)
				j = (j + 1) & (t->cap - 1);
			t->k[j] = old[i];
		}
		free(old);
	}
	j = seen_hash(s) & (t->cap - 1);
	while (t->k[j] != NULL) {
		if (strcmp(t->k[j], s) == 0)
			return 1;
		j = (j + 1) & (t->cap - 1);
	}
	t->k[j] = s;
	return 0;
}

struct collect {
	struct evid_list *l;
	size_t cap;
	struct seen seen;
};

static void
collect_one(struct collect *c, const struct ynode *v,
    const struct tmpl_field *f, int in_record, size_t rec)
{
	struct evid_file *e;

	if (v == NULL || v->kind != YT_SCALAR || !dossier_filled(v))
		return;
	if (c->l->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->l->f = xreallocarray(c->l->f, c->cap, sizeof *c->l->f);
	}
	e = &c->l->f[c->l->n];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(v->str);
	if (seen_add(&c->seen, e->path, c->l->n)) {
		free(e->path);
		return;
	}
	e->at = v;
	e->field = f;
	e->in_record = in_record;
	e->rec = rec;
	e->where = answer_path(f, in_record, rec);
	c->l->n++;
}

static void
collect_section(struct collect *c, const struct dossier *d,
    const struct tmpl_section *s)
{
	const struct tmpl_field *f, *g;
	size_t i, j, r, nrec;

	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		if (f->type == TMPL_FILE)
			collect_one(c, dossier_get(d, f, 0), f, 0, 0);
		if (f->type != TMPL_GROUP)
			continue;
		nrec = dossier_nrecords(d, f);
		for (r = 0; r < nrec; r++)
			for (j = 0; j < f->nfields; j++) {
				g = &f->fields[j];
				if (g->type == TMPL_FILE)
					collect_one(c, dossier_get(d, g, r), g,
					    1, r);
			}
	}
}

/* Comparing with the disk. */

static int
is_remote(const char *p)
{
	return strstr(p, "://") != NULL || strncmp(p, "\\\\", 2) == 0;
}

static int
outside_by_name(const char *p)
{
	return p[0] == '/' || strcmp(p, "..") == 0 ||
	    strncmp(p, "../", 3) == 0 || strstr(p, "/../") != NULL ||
	    (strlen(p) >= 3 && strcmp(p + strlen(p) - 3, "/..") == 0);
}

static int
under(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(real, dir, n) == 0 && real[n] == '/';
}

static void
hash_into(struct evid_file *e)
{
	uint64_t size;

	if (evid_hash_file(e->real, e->path, e->sha256, &size, NULL) < 0) {
		e->sha256[0] = '\0';
		e->state = EVID_UNREADABLE;
		e->read_failed = 1;
	}
}

static void
compare(struct evid_file *e, int flags)
{
	const struct evid_entry *r = e->entry;

	if (e->size == 0) {
		e->state = EVID_EMPTY;
		return;
	}
	if (r == NULL) {
		e->state = EVID_UNRECORDED;
		if (flags & EVID_HASH)
			hash_into(e);
		return;
	}
	if (r->size != e->size) {
		e->state = EVID_CHANGED;
		if (flags & EVID_HASH)
			hash_into(e);
		return;
	}
	if (strcmp(r->modified, e->modified) == 0 && !(flags & EVID_HASH)) {
		e->state = EVID_OK;
		return;
	}
	/* Same size, another time (a checkout or a copy), or --verify. */
	hash_into(e);
	if (e->state == EVID_UNREADABLE)
		return;
	if (strcmp(e->sha256, r->sha256) != 0)
		e->state = EVID_CHANGED;
	else
		e->state = strcmp(r->modified, e->modified) == 0 ? EVID_OK :
		    EVID_TOUCHED;
}

static void
probe(struct evid_list *l, struct evid_file *e, int flags)
{
	char *full, *real;
	struct stat st;

	e->entry = evid_lookup(l, e->path);
	if (is_remote(e->path)) {
		e->state = EVID_MISSING;
		return;
	}
	if (outside_by_name(e->path))
		e->outside = 1;
	full = e->path[0] == '/' ? xstrdup(e->path) :
	    xasprintf("%s/%s", l->dir, e->path);
	real = realpath(full, NULL);
	free(full);
	if (real == NULL) {
		e->state = errno == ENOENT || errno == ENOTDIR ? EVID_MISSING :
		    EVID_UNREADABLE;
		return;
	}
	e->real = real;
	if (!e->outside && l->realdir != NULL && !under(real, l->realdir))
		e->outside = 2;
	if (stat(real, &st) < 0) {
		e->state = EVID_UNREADABLE;
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		e->state = EVID_NOT_FILE;
		e->kind = rdopen_kind(st.st_mode);
		return;
	}
	e->size = (uint64_t)st.st_size;
	evid_format_time(&st, e->modified);
	compare(e, flags);
}

struct evid_list *
evid_scan(const struct dossier *d, int flags, struct diag *err)
{
	struct evid_list *l = xcalloc(1, sizeof *l);
	struct collect c;
	size_t i, j;

	l->dir = evid_dossier_dir(d);
	l->realdir = realpath(l->dir, NULL);
	if (reg_read(d, l, err) < 0) {
		evid_list_free(l);
		return NULL;
	}
	memset(&c, 0, sizeof c);
	c.l = l;
	for (i = 0; i < d->ntmpls; i++)
		for (j = 0; j < d->tmpls[i]->nsections; j++)
			collect_section(&c, d, &d->tmpls[i]->sections[j]);
	free(c.seen.k);
	if (!(flags & EVID_NO_DISK))
		for (i = 0; i < l->n; i++)
			probe(l, &l->f[i], flags);
	return l;
}

void
evid_list_free(struct evid_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->f[i].path);
		free(l->f[i].where);
		free(l->f[i].real);
	}
	for (i = 0; i < l->nreg; i++) {
		free(l->reg[i].path);
		free(l->reg[i].modified);
		free(l->reg[i].recorded);
	}
	free(l->f);
	free(l->reg);
	free(l->dir);
	free(l->realdir);
	free(l);
}

/* Writing the register. */

static struct ynode *
quoted(const char *s)
{
	struct ynode *n = yt_scalar(s);

	/* Written quoted where it could pass for a number or a date. */
	n->quoted = 1;
	return n;
}

static int
cmp_files(const void *a, const void *b)
{
	const struct evid_file *const *x = a, *const *y = b;

	return strcmp((*x)->path, (*y)->path);
}

static struct ynode *
entry_node(const struct evid_file *e, const char *date)
{
	struct ynode *m = yt_map();
	char size[32];
	const char *rec = date;

	/* An entry that still matches keeps the day it was recorded. */
	if (e->entry != NULL && e->entry->recorded != NULL &&
	    e->entry->size == e->size &&
	    strcmp(e->entry->sha256, e->sha256) == 0 &&
	    strcmp(e->entry->modified, e->modified) == 0)
		rec = e->entry->recorded;
	snprintf(size, sizeof size, "%llu", (unsigned long long)e->size);
	yt_set(m, "size", yt_scalar(size));
	yt_set(m, "modified", quoted(e->modified));
	yt_set(m, "sha256", quoted(e->sha256));
	yt_set(m, "recorded", quoted(rec));
	return m;
}

long
evid_record(struct dossier *d, struct evid_list *l, const char *date,
    struct diag *err)
{
	struct evid_file **order;
	struct ynode *files, *ev, *old;
	size_t i, n = 0;
	uint64_t size;

	order = xcalloc(l->n + 1, sizeof *order);
	for (i = 0; i < l->n; i++) {
		struct evid_file *e = &l->f[i];

		if (e->real == NULL || e->state == EVID_MISSING ||
		    e->state == EVID_NOT_FILE || is_remote(e->path))
			continue;
		if (e->sha256[0] == '\0' && evid_hash_file(e->real, e->path,
		    e->sha256, &size, err) < 0) {
			free(order);
			return -1;
		}
		order[n++] = e;
	}
	qsort(order, n, sizeof *order, cmp_files);
	files = yt_map();
	for (i = 0; i < n; i++)
		yt_set(files, order[i]->path, entry_node(order[i], date));
	free(order);
	ev = yt_get(d->root, "evidence");
	if (ev == NULL || ev->kind != YT_MAP) {
		ev = yt_map();
		yt_set(d->root, "evidence", ev);
	}
	old = yt_swap(ev, "files", files);
	if (old == NULL || !yt_equal(old, files))
		d->dirty = 1;
	yt_free(old);
	return (long)n;
}

enum evid_state
evid_quick_state(const struct dossier *d, const char *dir, const char *path)
{
	const struct ynode *files = yt_get(yt_get(d->root, "evidence"),
	    "files"), *e, *size, *mod;
	char *full, tm[64], sz[32];
	struct stat st;

	if (is_remote(path))
		return EVID_MISSING;
	full = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", dir, path);
	if (stat(full, &st) < 0) {
		free(full);
		return EVID_MISSING;
	}
	free(full);
	if (!S_ISREG(st.st_mode))
		return EVID_NOT_FILE;
	if (st.st_size == 0)
		return EVID_EMPTY;
	e = yt_get(files, path);
	if (e == NULL)
		return EVID_UNRECORDED;
	size = yt_get(e, "size");
	mod = yt_get(e, "modified");
	snprintf(sz, sizeof sz, "%lld", (long long)st.st_size);
	if (yt_str(size) == NULL || strcmp(yt_str(size), sz) != 0)
		return EVID_CHANGED;
	evid_format_time(&st, tm);
	/* Same size, other time: only a hash could tell; say "touched". */
	if (yt_str(mod) == NULL || strcmp(yt_str(mod), tm) != 0)
		return EVID_TOUCHED;
	return EVID_OK;
}
