/*
 * Dataset overlap (see overlap.h).
 */
#include "config.h"

#include "core/overlap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/evidence.h"
#include "core/validate.h"
#include "core/xalloc.h"

/* Collecting the records. */

static char *
answer_text(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	const char *s;

	if (f == NULL)
		return xstrdup("");
	s = yt_str(dossier_get(d, f, rec));
	return xstrdup(s != NULL ? s : "");
}

static void
add_record(struct ovl *o, size_t *cap, const struct dossier *d,
    const struct tmpl_field *f, size_t rec, const struct ynode *v)
{
	const struct tmpl_manifest *m = f->manifest;
	const struct tmpl_section *s = f->group->section;
	struct ovl_rec *r;

	if (o->n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		o->r = xreallocarray(o->r, *cap, sizeof *o->r);
	}
	r = &o->r[o->n++];
	memset(r, 0, sizeof *r);
	r->field = f;
	r->rec = rec;
	r->at = v;
	r->path = v->str;
	r->where = xasprintf("%s.%s.%s[%zu]", s->tmpl->id, s->id, f->group->id,
	    rec + 1);
	r->name = answer_text(d, m->name, rec);
	if (r->name[0] == '\0') {
		free(r->name);
		r->name = xasprintf("record %zu", rec + 1);
	}
	r->role = answer_text(d, m->role, rec);
	r->key = answer_text(d, m->key, rec);
	r->level = answer_text(d, m->level, rec);
}

static void
collect(struct ovl *o, const struct dossier *d)
{
	const struct tmpl_section *s;
	const struct tmpl_field *g, *f;
	const struct ynode *v;
	size_t t, i, j, k, r, nrec, cap = 0;

	for (t = 0; t < d->ntmpls; t++)
		for (i = 0; i < d->tmpls[t]->nsections; i++) {
			s = &d->tmpls[t]->sections[i];
			for (j = 0; j < s->nfields; j++) {
				g = &s->fields[j];
				if (g->type != TMPL_GROUP)
					continue;
				nrec = dossier_nrecords(d, g);
				for (k = 0; k < g->nfields; k++) {
					f = &g->fields[k];
					if (f->manifest == NULL)
						continue;
					for (r = 0; r < nrec; r++) {
						v = dossier_get(d, f, r);
						if (v != NULL &&
						    v->kind == YT_SCALAR &&
						    dossier_filled(v))
							add_record(o, &cap, d,
							    f, r, v);
					}
				}
			}
		}
}

/* Reading the manifests. */

/*
 * Prepare record r's manifest for reading; 0 when there is nothing to
 * read (no key named, or no regular file there: validation says so).
 */
static int
prepare(struct ovl_rec *r, const char *dir, struct flist *out,
    struct mf_job *j)
{
	struct stat st;

	if (r->key[0] == '\0') {
		flist_add(out, TMPL_WARNING, FIND_DATASET, r->field, 1, r->rec,
		    NULL, r->at->line, r->at->col, "manifest '%s' is not "
		    "compared with the others: name its key columns",
		    r->path);
		return 0;
	}
	r->shown = r->path[0] == '/' || strcmp(dir, ".") == 0 ?
	    xstrdup(r->path) : xasprintf("%s/%s", dir, r->path);
	r->real = realpath(r->shown, NULL);
	if (r->real == NULL || stat(r->real, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	memset(j, 0, sizeof *j);
	j->path = r->real;
	j->shown = r->shown;
	j->key = r->key;
	j->level = r->level[0] != '\0' ? r->level : NULL;
	return 1;
}

/* Every manifest, read at once; -1 with err for the first bad one. */
static int
read_all(struct ovl *o, const char *dir, struct flist *out,
    struct diag *err)
{
	struct mf_job *jobs = xcalloc(o->n + 1, sizeof *jobs);
	size_t *which = xcalloc(o->n + 1, sizeof *which), n = 0, i;
	long bad;

	for (i = 0; i < o->n; i++)
		if (prepare(&o->r[i], dir, out, &jobs[n]))
			which[n++] = i;
	bad = mf_read_all(jobs, n);
	for (i = 0; i < n; i++) {
		if (jobs[i].rc < 0)
			continue;
		o->r[which[i]].mf = jobs[i].r;
		o->r[which[i]].read = 1;
	}
	if (bad >= 0 && err != NULL)
		*err = jobs[bad].err;
	free(jobs);
	free(which);
	return bad >= 0 ? -1 : 0;
}

static void
report_dups(const struct ovl_rec *r, struct flist *out)
{
	const struct mf_keyset *s = &r->mf.item;
	char ex[600], *k;
	size_t i, used = 0;

	if (s->dups == 0)
		return;
	ex[0] = '\0';
	for (i = 0; i < s->ndup_ex && used < sizeof ex - 80; i++) {
		k = mf_key_text(s, s->dup_key[i]);
		used += (size_t)snprintf(ex + used, sizeof ex - used,
		    "%s%.60s (lines %lu and %lu)", i > 0 ? ", " : "", k,
		    (unsigned long)s->line[s->dup_key[i]],
		    (unsigned long)s->dup_line[i]);
		free(k);
	}
	flist_add(out, TMPL_WARNING, FIND_DATASET, r->field, 1, r->rec,
	    NULL, r->at->line, r->at->col, "manifest '%s': %zu row%s "
	    "repeat%s a key (%s) of an earlier row, e.g. %s", r->path, s->dups,
	    s->dups == 1 ? "" : "s", s->dups == 1 ? "s" : "", r->key, ex);
}

/* Comparing. */

const struct mf_keyset *
ovl_keys(const struct ovl *o, const struct ovl_pair *p)
{
	const struct ovl_rec *a = &o->r[p->a];

	return p->by_level ? &a->mf.level : &a->mf.item;
}

char *
ovl_examples(const struct ovl *o, const struct ovl_pair *p)
{
	const struct mf_keyset *s = ovl_keys(o, p);
	struct xbuf b = { NULL, 0, 0 };
	char *k;
	size_t i;

	for (i = 0; i < p->nex; i++) {
		k = mf_key_text(s, p->ex[i]);
		if (i > 0)
			xbuf_add(&b, ", ", 2);
		xbuf_add(&b, k, strlen(k) > 60 ? 60 : strlen(k));
		free(k);
	}
	xbuf_add(&b, "", 1);
	return b.p;
}

static void
compare_all(struct ovl *o)
{
	struct ovl_rec *a, *b;
	struct ovl_pair *p;
	size_t i, j, cap = 0;

	for (i = 0; i < o->n; i++)
		for (j = i + 1; j < o->n; j++) {
			a = &o->r[i];
			b = &o->r[j];
			if (!a->read || !b->read || a->role[0] == '\0' ||
			    b->role[0] == '\0' || strcmp(a->role, b->role) == 0)
				continue;
			if (o->np == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				o->p = xreallocarray(o->p, cap, sizeof *o->p);
			}
			p = &o->p[o->np++];
			memset(p, 0, sizeof *p);
			p->a = i;
			p->b = j;
			p->by_level = a->mf.have_level && b->mf.have_level;
			p->shared = p->by_level ?
			    mf_overlap(&a->mf.level, &b->mf.level, p->ex,
			    &p->nex) :
			    mf_overlap(&a->mf.item, &b->mf.item, p->ex,
			    &p->nex);
		}
}

/*
 * What record x declares about sharing data with role: 1 shares, 0 does
 * not, -1 says nothing (no such question, not applicable, unanswered).
 * *at receives the answer's node.
 */
static int
declared(const struct dossier *d, const struct ovl_rec *x, const char *role,
    const struct ynode **at)
{
	const struct tmpl_manifest *m = x->field->manifest;
	const struct tmpl_mdecl *dc;
	const struct ynode *v;
	size_t i, k;
	int known;

	for (i = 0; i < m->ndecl; i++) {
		dc = &m->decl[i];
		if (dc->role != NULL && strcmp(dc->role, role) != 0)
			continue;
		if (!validate_applies(d, dc->field, x->rec))
			continue;
		v = dossier_get(d, dc->field, x->rec);
		if (v == NULL || !dossier_filled(v))
			continue;
		*at = v;
		if (dc->role != NULL) {
			if (yt_is_scalar(v, "yes") || yt_is_scalar(v, "true"))
				return 1;
			if (yt_is_scalar(v, "no") || yt_is_scalar(v, "false"))
				return 0;
			continue;
		}
		known = 0;
		for (k = 0; k < dc->field->options.n; k++)
			if (strcmp(dc->field->options.v[k], role) == 0)
				known = 1;
		if (!known)
			continue;
		if (v->kind == YT_SCALAR)
			return strcmp(v->str, role) == 0;
		for (k = 0; k < v->n; k++)
			if (yt_is_scalar(v->vals[k], role))
				return 1;
		return 0;
	}
	return -1;
}

static const char *
unit_of(const struct ovl_rec *r, int by_level)
{
	return by_level ? r->level : r->key;
}

static void
judge_side(const struct dossier *d, const struct ovl *o,
    const struct ovl_pair *p, const struct ovl_rec *x,
    const struct ovl_rec *y, struct flist *out)
{
	const struct ynode *at = x->at;
	char *ex;
	int dec = declared(d, x, y->role, &at);

	if (dec != 0 || p->shared == 0)
		return;
	ex = ovl_examples(o, p);
	flist_add(out, TMPL_ERROR, FIND_DATASET, x->field, 1, x->rec,
	    NULL, at->line, at->col, "declared no overlap with %s, but "
	    "%zu %s value%s shared with '%s' (%s), e.g. %s", y->role,
	    p->shared, unit_of(&o->r[p->a], p->by_level),
	    p->shared == 1 ? " is" : "s are", y->name, y->path, ex);
	free(ex);
}

static void
judge_pair(const struct dossier *d, const struct ovl *o,
    const struct ovl_pair *p, struct flist *out)
{
	const struct ovl_rec *a = &o->r[p->a], *b = &o->r[p->b];
	const struct ynode *at = a->at;
	int da = declared(d, a, b->role, &at), db;
	char *ex;

	at = b->at;
	db = declared(d, b, a->role, &at);
	judge_side(d, o, p, a, b, out);
	judge_side(d, o, p, b, a, out);
	if (p->shared == 0 || da == 0 || db == 0)
		return;
	ex = ovl_examples(o, p);
	if (da == 1 || db == 1)
		flist_add(out, TMPL_INFO, FIND_DATASET, a->field, 1, a->rec,
		    NULL, a->at->line, a->at->col, "declared overlap: %zu "
		    "%s value%s shared by '%s' (%s) and '%s' (%s), e.g. %s",
		    p->shared, unit_of(a, p->by_level),
		    p->shared == 1 ? " is" : "s are", a->name, a->role,
		    b->name, b->role, ex);
	else
		flist_add(out, TMPL_WARNING, FIND_DATASET, a->field, 1, a->rec,
		    NULL, a->at->line, a->at->col, "%zu %s value%s "
		    "shared by '%s' (%s) and '%s' (%s), and neither says so, "
		    "e.g. %s", p->shared, unit_of(a, p->by_level),
		    p->shared == 1 ? " is" : "s are", a->name, a->role,
		    b->name, b->role, ex);
	free(ex);
}

/* A declared overlap that the manifests do not show. */
static void
judge_claims(const struct dossier *d, const struct ovl *o, size_t x,
    struct flist *out)
{
	const struct ovl_rec *r = &o->r[x], *y;
	const struct ynode *at;
	size_t i, j, others, shared;

	for (i = 0; i < o->n; i++) {
		y = &o->r[i];
		if (i == x || !y->read || strcmp(y->role, r->role) == 0)
			continue;
		/* Judge each other role once, at its first record. */
		for (j = 0; j < i; j++)
			if (j != x && o->r[j].read &&
			    strcmp(o->r[j].role, y->role) == 0)
				break;
		if (j < i)
			continue;
		at = r->at;
		if (declared(d, r, y->role, &at) != 1)
			continue;
		others = shared = 0;
		for (j = 0; j < o->np; j++) {
			const struct ovl_pair *p = &o->p[j];
			size_t other = p->a == x ? p->b : p->b == x ? p->a :
			    o->n;

			if (other == o->n ||
			    strcmp(o->r[other].role, y->role) != 0)
				continue;
			others++;
			shared += p->shared;
		}
		if (others > 0 && shared == 0)
			flist_add(out, TMPL_WARNING, FIND_DATASET, r->field, 1,
			    r->rec, NULL, at->line, at->col, "declared "
			    "overlap with %s, but the manifests share no %s "
			    "value with any %s dataset", y->role, r->key,
			    y->role);
	}
}

/* Receipts. */

static struct ynode *
num(size_t n)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", n);
	return yt_scalar(buf);
}

static struct ynode *
text(const char *s)
{
	struct ynode *n = yt_scalar(s);

	n->quoted = 1;
	return n;
}

static int
cmp_paths(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

static struct ynode *
receipt(const struct ovl *o, size_t i)
{
	const struct ovl_rec *r = &o->r[i];
	struct ynode *m = yt_map(), *ov = yt_map();
	const char **paths;
	size_t *counts, n = 0, j, k;

	yt_set(m, "record", text(r->where));
	yt_set(m, "name", text(r->name));
	yt_set(m, "role", text(r->role));
	yt_set(m, "key", text(r->key));
	if (r->mf.have_level)
		yt_set(m, "level", text(r->level));
	yt_set(m, "sha256", text(r->mf.sha256));
	yt_set(m, "rows", num(r->mf.rows));
	yt_set(m, "items", num(r->mf.item.n));
	if (r->mf.have_level)
		yt_set(m, "levels", num(r->mf.level.n));
	yt_set(m, "duplicates", num(r->mf.item.dups));
	paths = xcalloc(o->np + 1, sizeof *paths);
	counts = xcalloc(o->np + 1, sizeof *counts);
	for (j = 0; j < o->np; j++) {
		if (o->p[j].a != i && o->p[j].b != i)
			continue;
		paths[n] = o->r[o->p[j].a == i ? o->p[j].b : o->p[j].a].path;
		counts[n++] = o->p[j].shared;
	}
	/* Sorted by path: sort indexes through a small insertion sort. */
	for (j = 1; j < n; j++)
		for (k = j; k > 0 && cmp_paths(&paths[k - 1], &paths[k]) > 0;
		    k--) {
			const char *tp = paths[k];
			size_t tc = counts[k];

			paths[k] = paths[k - 1];
			counts[k] = counts[k - 1];
			paths[k - 1] = tp;
			counts[k - 1] = tc;
		}
	for (j = 0; j < n; j++)
		if (yt_get(ov, paths[j]) == NULL)
			yt_set(ov, paths[j], num(counts[j]));
	yt_set(m, "overlaps", ov);
	free(paths);
	free(counts);
	return m;
}

static void
check_receipts(const struct dossier *d, const struct ovl *o,
    struct flist *out)
{
	const struct ynode *have = yt_get(yt_get(d->root, "evidence"),
	    "manifests"), *old;
	struct ynode *now;
	size_t i;

	if (have == NULL || have->kind != YT_MAP)
		return;
	for (i = 0; i < o->n; i++) {
		const struct ovl_rec *r = &o->r[i];

		if (!r->read || (old = yt_get(have, r->path)) == NULL)
			continue;
		now = receipt(o, i);
		if (!yt_equal(old, now))
			flist_add(out, TMPL_WARNING, FIND_DATASET, r->field, 1,
			    r->rec, NULL, r->at->line, r->at->col,
			    "manifest '%s' no longer matches its receipt in "
			    "the dossier (its hash, rows, keys, overlaps or "
			    "the record's name or role changed); run 'dossier "
			    "evidence --record' once the change is understood",
			    r->path);
		yt_free(now);
	}
}

void
ovl_record(struct dossier *d, const struct ovl *o)
{
	struct ynode *ev, *m, *old;
	const char **paths;
	size_t i, j, n = 0;

	paths = xcalloc(o->n + 1, sizeof *paths);
	for (i = 0; i < o->n; i++)
		if (o->r[i].read)
			paths[n++] = o->r[i].path;
	qsort(paths, n, sizeof *paths, cmp_paths);
	m = yt_map();
	for (j = 0; j < n; j++)
		for (i = 0; i < o->n; i++)
			if (o->r[i].read && o->r[i].path == paths[j] &&
			    yt_get(m, paths[j]) == NULL)
				yt_set(m, paths[j], receipt(o, i));
	free(paths);
	ev = yt_get(d->root, "evidence");
	if (ev == NULL || ev->kind != YT_MAP) {
		ev = yt_map();
		yt_set(d->root, "evidence", ev);
	}
	if (m->n == 0) {
		yt_free(m);
		old = yt_take(ev, "manifests");
		if (old != NULL)
			d->dirty = 1;
		yt_free(old);
		return;
	}
	old = yt_swap(ev, "manifests", m);
	if (old == NULL || !yt_equal(old, m))
		d->dirty = 1;
	yt_free(old);
}

struct ovl *
ovl_run(const struct dossier *d, struct flist *out, struct diag *err)
{
	struct ovl *o = xcalloc(1, sizeof *o);
	char *dir = evid_dossier_dir(d);
	size_t i;

	collect(o, d);
	if (read_all(o, dir, out, err) < 0) {
		free(dir);
		ovl_free(o);
		return NULL;
	}
	free(dir);
	for (i = 0; i < o->n; i++)
		if (o->r[i].read)
			report_dups(&o->r[i], out);
	compare_all(o);
	for (i = 0; i < o->np; i++)
		judge_pair(d, o, &o->p[i], out);
	for (i = 0; i < o->n; i++)
		if (o->r[i].read)
			judge_claims(d, o, i, out);
	check_receipts(d, o, out);
	return o;
}

void
ovl_free(struct ovl *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++) {
		free(o->r[i].where);
		free(o->r[i].name);
		free(o->r[i].role);
		free(o->r[i].key);
		free(o->r[i].level);
		free(o->r[i].shown);
		free(o->r[i].real);
		mf_result_free(&o->r[i].mf);
	}
	free(o->r);
	free(o->p);
	free(o);
}
