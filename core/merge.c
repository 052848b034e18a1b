/*
 * Three-way merge of dossiers (see merge.h).
 */
#include "config.h"

#include "core/merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "core/xalloc.h"

struct mctx {
	const struct dossier *b, *o, *t;
	struct ynode *conflicts;	/* new ones */
};

static int
eq(const struct ynode *a, const struct ynode *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return yt_equal(a, b);
}

static struct ynode *
clone(const struct ynode *n)
{
	return n != NULL ? yt_clone(n) : NULL;
}

/* A blank answer is no answer: blank against absent is no change. */
static const struct ynode *
norm(const struct ynode *v)
{
	return v != NULL && dossier_filled(v) ? v : NULL;
}

static void
conflict(struct mctx *mc, const char *path, const struct ynode *b,
    const struct ynode *o, const struct ynode *t, const char *record)
{
	struct ynode *c = yt_map();

	yt_set(c, "path", yt_scalar(path));
	if (record != NULL)
		yt_set(c, "record", yt_scalar(record));
	if (b != NULL)
		yt_set(c, "base", yt_clone(b));
	if (o != NULL)
		yt_set(c, "ours", yt_clone(o));
	if (t != NULL)
		yt_set(c, "theirs", yt_clone(t));
	yt_append(mc->conflicts, c);
}

/* One unit: the side that changed it wins; both: ours, and a conflict. */
static struct ynode *
atomic(struct mctx *mc, const char *path, const struct ynode *b,
    const struct ynode *o, const struct ynode *t)
{
	if (eq(o, t) || eq(b, t))
		return clone(o);
	if (eq(b, o))
		return clone(t);
	conflict(mc, path, b, o, t, NULL);
	return clone(o);
}

static const struct ynode *
get(const struct ynode *m, const char *key)
{
	return m != NULL && m->kind == YT_MAP ? yt_get(m, key) : NULL;
}

/* The keys of o, then those of t that o lacks: the result's key order. */
struct keys {
	const char **v;
	size_t n;
};

static void
keys_make(struct keys *k, const struct ynode *o, const struct ynode *t)
{
	size_t i, n = 0;

	n += o != NULL && o->kind == YT_MAP ? o->n : 0;
	n += t != NULL && t->kind == YT_MAP ? t->n : 0;
	k->v = xcalloc(n + 1, sizeof *k->v);
	k->n = 0;
	if (o != NULL && o->kind == YT_MAP)
		for (i = 0; i < o->n; i++)
			k->v[k->n++] = o->keys[i]->str;
	if (t != NULL && t->kind == YT_MAP)
		for (i = 0; i < t->n; i++)
			if (get(o, t->keys[i]->str) == NULL)
				k->v[k->n++] = t->keys[i]->str;
}

static int
all_maps(const struct ynode *b, const struct ynode *o, const struct ynode *t)
{
	return (b == NULL || b->kind == YT_MAP) &&
	    (o == NULL || o->kind == YT_MAP) &&
	    (t == NULL || t->kind == YT_MAP) && (o != NULL || t != NULL);
}

/* Key by key, each value one unit (device facts, reviews, a record). */
static struct ynode *
merge_flat(struct mctx *mc, const char *prefix, const struct ynode *b,
    const struct ynode *o, const struct ynode *t, int answers)
{
	struct ynode *m, *v;
	struct keys k;
	size_t i;
	char *p;

	if (!all_maps(b, o, t))
		return atomic(mc, prefix, b, o, t);
	m = yt_map();
	keys_make(&k, o, t);
	for (i = 0; i < k.n; i++) {
		const struct ynode *vb = get(b, k.v[i]), *vo = get(o, k.v[i]);
		const struct ynode *vt = get(t, k.v[i]);

		if (answers) {
			vb = norm(vb);
			vo = norm(vo);
			vt = norm(vt);
		}
		p = xasprintf("%s.%s", prefix, k.v[i]);
		v = atomic(mc, p, vb, vo, vt);
		free(p);
		/* An answer blank on ours stays blank rather than vanishing. */
		if (v == NULL && answers && get(o, k.v[i]) != NULL &&
		    eq(vb, vt))
			v = yt_clone(get(o, k.v[i]));
		if (v != NULL)
			yt_set(m, k.v[i], v);
	}
	free(k.v);
	return m;
}

/* A side's records (seq, when it is a list) and their identities. */
struct ids {
	struct diff_ids id;
	const struct ynode *seq;
};

static void
ids_make(struct ids *ids, const struct dossier *d, const struct tmpl_field *g,
    const struct ynode *seq)
{
	ids->seq = seq != NULL && seq->kind == YT_SEQ ? seq : NULL;
	diff_ids_make(&ids->id, d, g, ids->seq != NULL ? ids->seq->n : 0);
}

static const struct ynode *
ids_rec(const struct ids *ids, const char *id)
{
	long i = diff_ids_find(&ids->id, id);

	return i >= 0 ? ids->seq->vals[i] : NULL;
}

/*
 * Records by identity.  The result keeps ours' order and adds theirs'
 * new records after; conflict paths use the record's place in the result,
 * as the checklist's paths do.
 */
static struct ynode *
merge_records(struct mctx *mc, const char *prefix,
    const struct tmpl_field *g, const struct ynode *b, const struct ynode *o,
    const struct ynode *t)
{
	struct ids ib, io, it;
	struct ynode *out = yt_seq();
	const struct ynode *rb, *ro, *rt;
	size_t i;
	char *p, *kp;

	ids_make(&ib, mc->b, g, b);
	ids_make(&io, mc->o, g, o);
	ids_make(&it, mc->t, g, t);
	for (i = 0; i < io.id.n; i++) {
		ro = io.seq->vals[i];
		rb = ids_rec(&ib, io.id.v[i]);
		rt = ids_rec(&it, io.id.v[i]);
		p = xasprintf("%s[%zu]", prefix, out->n + 1);
		kp = xasprintf("%s.%s", p, g->key->id);
		if (rt != NULL) {
			yt_append(out, merge_flat(mc, p, rb, ro, rt, 1));
		} else if (rb == NULL) {
			yt_append(out, yt_clone(ro));	/* added by ours */
		} else if (!eq(rb, ro)) {
			/* Changed here, deleted there: keep it, and ask. */
			conflict(mc, kp, rb, ro, NULL, io.id.v[i]);
			yt_append(out, yt_clone(ro));
		}
		free(kp);
		free(p);
	}
	for (i = 0; i < it.id.n; i++) {
		if (ids_rec(&io, it.id.v[i]) != NULL)
			continue;
		rt = it.seq->vals[i];
		rb = ids_rec(&ib, it.id.v[i]);
		if (rb != NULL && eq(rb, rt))
			continue;	/* deleted by ours, unchanged there */
		if (rb != NULL) {
			kp = xasprintf("%s[%zu].%s", prefix, out->n + 1,
			    g->key->id);
			conflict(mc, kp, rb, NULL, rt, it.id.v[i]);
			free(kp);
		}
		yt_append(out, yt_clone(rt));
	}
	diff_ids_free(&ib.id);
	diff_ids_free(&io.id);
	diff_ids_free(&it.id);
	return out;
}

/* The group field tid.sid.fid in d's templates, or NULL. */
static const struct tmpl_field *
group_field(const struct dossier *d, const char *tid, const char *sid,
    const char *fid)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	size_t i;

	for (i = 0; i < d->ntmpls; i++) {
		if (strcmp(d->tmpls[i]->id, tid) != 0)
			continue;
		s = tmpl_section_by_id(d->tmpls[i], sid);
		f = s != NULL ? tmpl_field_by_id(s->fields, s->nfields, fid) :
		    NULL;
		return f != NULL && f->type == TMPL_GROUP ? f : NULL;
	}
	return NULL;
}

static int
seq_or_null(const struct ynode *n)
{
	return n == NULL || n->kind == YT_SEQ;
}

static struct ynode *
merge_section(struct mctx *mc, const char *tid, const char *sid,
    const struct ynode *b, const struct ynode *o, const struct ynode *t)
{
	struct ynode *m, *v;
	const struct tmpl_field *g;
	struct keys k;
	size_t i;
	char *p = xasprintf("%s.%s", tid, sid);

	if (!all_maps(b, o, t)) {
		v = atomic(mc, p, b, o, t);
		free(p);
		return v;
	}
	m = yt_map();
	keys_make(&k, o, t);
	for (i = 0; i < k.n; i++) {
		const struct ynode *vb = get(b, k.v[i]), *vo = get(o, k.v[i]);
		const struct ynode *vt = get(t, k.v[i]);
		char *fp = xasprintf("%s.%s", p, k.v[i]);

		g = group_field(mc->o, tid, sid, k.v[i]);
		if (g == NULL)
			g = group_field(mc->t, tid, sid, k.v[i]);
		if (g != NULL && seq_or_null(vb) && seq_or_null(vo) &&
		    seq_or_null(vt) && (vo != NULL || vt != NULL)) {
			v = merge_records(mc, fp, g, vb, vo, vt);
			if (v->n == 0 && vo == NULL) {
				yt_free(v);
				v = NULL;
			}
		} else {
			struct ynode *one = yt_map(), *ob = yt_map(),
			    *ot = yt_map(), *r;

			/* One answer: merge_flat on a one-key mapping. */
			if (vb != NULL)
				yt_set(ob, k.v[i], yt_clone(vb));
			if (vo != NULL)
				yt_set(one, k.v[i], yt_clone(vo));
			if (vt != NULL)
				yt_set(ot, k.v[i], yt_clone(vt));
			r = merge_flat(mc, p, ob, one, ot, 1);
			v = yt_take(r, k.v[i]);
			yt_free(r);
			yt_free(one);
			yt_free(ob);
			yt_free(ot);
		}
		if (v != NULL)
			yt_set(m, k.v[i], v);
		free(fp);
	}
	free(k.v);
	free(p);
	return m;
}

static struct ynode *
merge_answers(struct mctx *mc, const struct ynode *b, const struct ynode *o,
    const struct ynode *t)
{
	struct ynode *m, *tm, *v;
	struct keys kt, ks;
	size_t i, j;

	if (!all_maps(b, o, t))
		return atomic(mc, "answers", b, o, t);
	m = yt_map();
	keys_make(&kt, o, t);
	for (i = 0; i < kt.n; i++) {
		const char *tid = kt.v[i];
		const struct ynode *tb = get(b, tid), *to = get(o, tid);
		const struct ynode *tt = get(t, tid);

		if (!all_maps(tb, to, tt)) {
			char *p = xasprintf("answers.%s", tid);

			v = atomic(mc, p, tb, to, tt);
			free(p);
			if (v != NULL)
				yt_set(m, tid, v);
			continue;
		}
		tm = yt_map();
		keys_make(&ks, to, tt);
		for (j = 0; j < ks.n; j++) {
			v = merge_section(mc, tid, ks.v[j], get(tb, ks.v[j]),
			    get(to, ks.v[j]), get(tt, ks.v[j]));
			if (v != NULL)
				yt_set(tm, ks.v[j], v);
		}
		free(ks.v);
		yt_set(m, tid, tm);
	}
	free(kt.v);
	return m;
}

/* Earlier conflicts of both sides, once each. */
static struct ynode *
old_conflicts(const struct ynode *o, const struct ynode *t)
{
	struct ynode *s = yt_seq();
	size_t i, j;

	if (o != NULL && o->kind == YT_SEQ)
		for (i = 0; i < o->n; i++)
			yt_append(s, yt_clone(o->vals[i]));
	if (t != NULL && t->kind == YT_SEQ)
		for (i = 0; i < t->n; i++) {
			for (j = 0; j < s->n && !yt_equal(s->vals[j],
			    t->vals[i]); j++)
				;
			if (j == s->n)
				yt_append(s, yt_clone(t->vals[i]));
		}
	return s;
}

struct ynode *
merge_dossiers(const struct dossier *base, const struct dossier *ours,
    const struct dossier *theirs, size_t *nconflicts)
{
	const struct ynode *b = base->root, *o = ours->root, *t = theirs->root;
	struct mctx mc = { base, ours, theirs, yt_seq() };
	struct ynode *root = yt_map(), *v, *all;
	struct keys k;
	size_t i;

	keys_make(&k, o, t);
	for (i = 0; i < k.n; i++) {
		const char *key = k.v[i];
		const struct ynode *vb = get(b, key), *vo = get(o, key);
		const struct ynode *vt = get(t, key);

		if (strcmp(key, "format") == 0)
			v = clone(vo != NULL ? vo : vt);
		else if (strcmp(key, "answers") == 0)
			v = merge_answers(&mc, vb, vo, vt);
		else if (strcmp(key, "device") == 0 ||
		    strcmp(key, "reviews") == 0)
			v = merge_flat(&mc, key, vb, vo, vt, 0);
		else if (strcmp(key, "conflicts") == 0)
			continue;	/* below, after the new ones */
		else
			v = atomic(&mc, key, vb, vo, vt);
		if (v != NULL)
			yt_set(root, key, v);
	}
	free(k.v);
	*nconflicts = mc.conflicts->n;
	all = old_conflicts(get(o, "conflicts"), get(t, "conflicts"));
	for (i = 0; i < mc.conflicts->n; i++)
		yt_append(all, yt_clone(mc.conflicts->vals[i]));
	yt_free(mc.conflicts);
	if (all->n > 0)
		yt_set(root, "conflicts", all);
	else
		yt_free(all);
	return root;
}
