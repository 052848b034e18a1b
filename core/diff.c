/*
 * Dossier diff by question (see diff.h).
 */
#include "config.h"

#include "core/diff.h"

#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/hset.h"
#include "core/xalloc.h"

static const char *const kind_names[] = {
	[DIFF_TEMPLATE] = "template",
	[DIFF_DEVICE] = "device",
	[DIFF_ADDED] = "added",
	[DIFF_CHANGED] = "changed",
	[DIFF_REMOVED] = "removed",
	[DIFF_RECORD_ADDED] = "record added",
	[DIFF_RECORD_REMOVED] = "record removed",
	[DIFF_STATUS] = "status",
	[DIFF_FINDING_ADDED] = "finding added",
	[DIFF_FINDING_RESOLVED] = "finding resolved",
};

const char *
diff_kind_name(enum diff_kind k)
{
	return kind_names[k];
}

#define SHOW_MAX 72	/* characters of an answer shown on one line */

char *
diff_value_text(const struct ynode *v)
{
	struct xbuf b = { NULL, 0, 0 };
	const char *na = dossier_na_reason(v);
	size_t i, n;
	const char *t;

	if (v == NULL || !dossier_filled(v))
		return NULL;
	if (na != NULL)
		return xasprintf("not applicable: %s", na);
	xbuf_add(&b, "", 0);
	if (v->kind == YT_SCALAR) {
		xbuf_add(&b, v->str, v->len);
	} else if (v->kind == YT_SEQ) {
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				xbuf_add(&b, ", ", 2);
			t = v->vals[i]->kind == YT_SCALAR ?
			    v->vals[i]->str : "...";
			xbuf_add(&b, t, strlen(t));
		}
	} else {
		xbuf_add(&b, "...", 3);
	}
	/* One line: newlines and runs of blanks become one space. */
	for (i = n = 0; b.p[i] != '\0'; i++) {
		char c = b.p[i] == '\n' || b.p[i] == '\t' ? ' ' : b.p[i];

		if (c == ' ' && (n == 0 || b.p[n - 1] == ' '))
			continue;
		b.p[n++] = c;
	}
	while (n > 0 && b.p[n - 1] == ' ')
		n--;
	b.p[n] = '\0';
	return b.p;
}

/*
 * At most SHOW_MAX characters of s from byte from (a character
 * boundary), with "..." where text was left out.  Frees s.
 */
static char *
clip(char *s, size_t from)
{
	size_t i, n = 0;
	char *r;

	for (i = from; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
		if (n > SHOW_MAX) {
			s[i] = '\0';
			break;
		}
	}
	r = xasprintf("%s%s%s", from > 0 ? "..." : "", s + from,
	    n > SHOW_MAX ? "..." : "");
	free(s);
	return r;
}

/*
 * Two long texts that differ late would show the same first characters:
 * start both a little before the first difference instead.
 */
static void
clip_pair(char **a, char **b)
{
	size_t p = 0, back;

	if (*a != NULL && *b != NULL) {
		while ((*a)[p] != '\0' && (*a)[p] == (*b)[p])
			p++;
		back = p > SHOW_MAX / 2 ? p - 16 : 0;
		while (back > 0 && ((unsigned char)(*a)[back] & 0xC0) == 0x80)
			back--;
		*a = clip(*a, back);
		*b = clip(*b, back);
		return;
	}
	if (*a != NULL)
		*a = clip(*a, 0);
	if (*b != NULL)
		*b = clip(*b, 0);
}

static struct diff_item *
item_add(struct diff *df, enum diff_kind kind)
{
	struct diff_item *it;

	if (df->n == df->cap) {
		df->cap = df->cap == 0 ? 32 : df->cap * 2;
		df->v = xreallocarray(df->v, df->cap, sizeof *df->v);
	}
	it = &df->v[df->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->in_new = 1;
	return it;
}

static void
item_at(struct diff_item *it, const struct ynode *n, int in_new)
{
	if (n != NULL && n->line > 0) {
		it->line = n->line;
		it->col = n->col;
		it->in_new = in_new;
	}
}

static void
item_field(struct diff_item *it, const struct tmpl_field *f)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;

	it->field = f;
	it->section = top->section;
	it->tmpl = top->section->tmpl;
	it->clause = validate_clause_text(it->tmpl, tmpl_field_clause(f),
	    tmpl_field_prov(f));
	if (lang_current() != LANG_EN)
		it->clause_shown = validate_clause_text_lang(it->tmpl,
		    tmpl_field_clause(f), tmpl_field_prov(f), lang_current());
}

/* A status change: English for JSON, the display language beside it. */
static void
status_change(struct diff_item *it, const char *old, const char *new)
{
	it->old = xstrdup(old);
	it->new = xstrdup(new);
	if (lang_current() != LANG_EN) {
		it->old_shown = xstrdup(_(old));
		it->new_shown = xstrdup(_(new));
	}
}

static void
item_impact(struct diff *df, struct diff_item *it, const struct tmpl_field *f)
{
	const struct tmpl_field *g = f->group;

	if ((f->change_impact != NULL && strcmp(f->change_impact, "major") ==
	    0) || (g != NULL && g->change_impact != NULL &&
	    strcmp(g->change_impact, "major") == 0)) {
		it->impact = DIFF_IMPACT_MAJOR;
		it->impact_prov = f->change_impact != NULL ? f->change_prov :
		    g->change_prov;
		df->majors++;
	} else {
		it->impact = DIFF_IMPACT_MINOR;
		df->minors++;
	}
}

/* The same question (template id, section id, field id) in d's templates. */
static const struct tmpl_field *
same_field(const struct dossier *d, const struct tmpl_field *f)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f, *g;
	const struct tmpl_section *s = top->section, *ds;
	size_t i;

	for (i = 0; i < d->ntmpls; i++) {
		if (strcmp(d->tmpls[i]->id, s->tmpl->id) != 0)
			continue;
		ds = tmpl_section_by_id(d->tmpls[i], s->id);
		if (ds == NULL)
			return NULL;
		g = tmpl_field_by_id(ds->fields, ds->nfields, top->id);
		if (g == NULL || f->group == NULL)
			return g;
		if (g->type != TMPL_GROUP)
			return NULL;
		return tmpl_field_by_id(g->fields, g->nfields, f->id);
	}
	return NULL;
}

static char *
field_path(const struct tmpl_field *f, const char *rid)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;

	if (f->group != NULL && rid != NULL)
		return xasprintf("%s.%s.%s[%s].%s", s->tmpl->id, s->id,
		    f->group->id, rid, f->id);
	return xasprintf("%s.%s.%s", s->tmpl->id, s->id, f->id);
}

static char *
field_what_in(const struct tmpl_field *f, const char *rid, enum lang l)
{
	const char *label = tmpl_field_text(f, TMPL_TR_LABEL, l);

	if (f->group != NULL && rid != NULL)
		return xasprintf("%s [%s]: %s",
		    tmpl_field_text(f->group, TMPL_TR_LABEL, l), rid, label);
	return xstrdup(label);
}

/* it->what in English and, when it differs, in the display language. */
static void
field_what(struct diff_item *it, const struct tmpl_field *f, const char *rid)
{
	it->what = field_what_in(f, rid, LANG_EN);
	if (lang_current() != LANG_EN)
		it->what_shown = field_what_in(f, rid, lang_current());
}

/* One question (a record's, when rid is set): compare its answers. */
static void
diff_answer(struct diff *df, const struct dossier *a,
    const struct tmpl_field *fa, size_t ra, const struct dossier *b,
    const struct tmpl_field *fb, size_t rb, const char *rid)
{
	const struct ynode *va = fa != NULL ? dossier_get(a, fa, ra) : NULL;
	const struct ynode *vb = fb != NULL ? dossier_get(b, fb, rb) : NULL;
	const struct tmpl_field *f = fb != NULL ? fb : fa;
	struct diff_item *it;
	int ha = va != NULL && dossier_filled(va);
	int hb = vb != NULL && dossier_filled(vb);

	if (!ha && !hb)
		return;
	if (ha && hb && yt_equal(va, vb))
		return;
	/* A group's own value is its records, compared one by one. */
	if (f->type == TMPL_GROUP)
		return;
	it = item_add(df, !ha ? DIFF_ADDED : !hb ? DIFF_REMOVED :
	    DIFF_CHANGED);
	item_field(it, f);
	it->path = field_path(f, rid);
	field_what(it, f, rid);
	it->old = diff_value_text(va);
	it->new = diff_value_text(vb);
	clip_pair(&it->old, &it->new);
	if (hb)
		item_at(it, vb, 1);
	else
		item_at(it, va, 0);
	item_impact(df, it, f);
}

/*
 * Linear in the records: a key is kept when no other record has the same
 * one, which a count per key answers at once (a scan of all records for
 * each one made a diff of a few thousand records take minutes).
 */
void
diff_ids_make(struct diff_ids *ids, const struct dossier *d,
    const struct tmpl_field *g, size_t n)
{
	struct hset *seen = hset_new();
	const char **key = xcalloc(n + 1, sizeof *key);
	const char *v;
	size_t i;

	ids->n = n;
	ids->v = xcalloc(ids->n + 1, sizeof *ids->v);
	ids->index = hset_new();
	for (i = 0; i < n; i++) {
		key[i] = yt_str(dossier_get(d, g->key, i));
		if (key[i] != NULL)
			(*hset_slot(seen, key[i], strlen(key[i]), NULL))++;
	}
	for (i = 0; i < n; i++) {
		v = key[i];
		if (v == NULL || *v == '\0' || v[0] == '#' ||
		    *hset_get(seen, v, strlen(v)) > 1)
			ids->v[i] = xasprintf("#%zu", i + 1);
		else
			ids->v[i] = xstrdup(v);
		/* Unique: kept keys differ, and never start with '#'. */
		*hset_slot(ids->index, ids->v[i], strlen(ids->v[i]), NULL) =
		    i + 1;
	}
	free(key);
	hset_free(seen);
}

void
diff_ids_free(struct diff_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	hset_free(ids->index);
}

/* Every record of g in d (none when d has no such group). */
static void
ids_make(struct diff_ids *ids, const struct dossier *d,
    const struct tmpl_field *g)
{
	diff_ids_make(ids, d, g, g != NULL ? dossier_nrecords(d, g) : 0);
}

long
diff_ids_find(const struct diff_ids *ids, const char *id)
{
	const size_t *at = ids->index != NULL ?
	    hset_get(ids->index, id, strlen(id)) : NULL;

	return at != NULL ? (long)*at - 1 : -1;
}

static const struct ynode *
record_node(const struct dossier *d, const struct tmpl_field *g, size_t i)
{
	const struct tmpl_field *top = g;
	const struct ynode *m = yt_get(yt_get(yt_get(d->root, "answers"),
	    top->section->tmpl->id), top->section->id);

	m = yt_get(m, g->id);
	return m != NULL && m->kind == YT_SEQ && i < m->n ? m->vals[i] : NULL;
}

static void
record_item(struct diff *df, enum diff_kind kind, const struct tmpl_field *g,
    const char *rid, const struct ynode *at, int in_new)
{
	struct diff_item *it = item_add(df, kind);

	item_field(it, g);
	it->path = xasprintf("%s.%s.%s[%s]", g->section->tmpl->id,
	    g->section->id, g->id, rid);
	it->what = xasprintf("%s [%s]", g->label, rid);
	if (lang_current() != LANG_EN)
		it->what_shown = xasprintf("%s [%s]",
		    tmpl_field_text(g, TMPL_TR_LABEL, lang_current()), rid);
	item_at(it, at, in_new);
	item_impact(df, it, g);
}

static void
diff_group(struct diff *df, const struct dossier *a,
    const struct tmpl_field *ga, const struct dossier *b,
    const struct tmpl_field *gb)
{
	struct diff_ids ia, ib;
	const struct tmpl_field *g = gb != NULL ? gb : ga, *rf;
	size_t i, k;
	long j;

	ids_make(&ia, a, ga);
	ids_make(&ib, b, gb);
	/* Removed records first, in the old order. */
	for (i = 0; i < ia.n; i++)
		if (diff_ids_find(&ib, ia.v[i]) < 0)
			record_item(df, DIFF_RECORD_REMOVED, g, ia.v[i],
			    record_node(a, ga, i), 0);
	for (i = 0; i < ib.n; i++) {
		j = diff_ids_find(&ia, ib.v[i]);
		if (j < 0) {
			record_item(df, DIFF_RECORD_ADDED, g, ib.v[i],
			    record_node(b, gb, i), 1);
			continue;
		}
		for (k = 0; k < gb->nfields; k++) {
			rf = &gb->fields[k];
			diff_answer(df, a, same_field(a, rf), (size_t)j, b, rf,
			    i, ib.v[i]);
		}
	}
	diff_ids_free(&ia);
	diff_ids_free(&ib);
}

static void
diff_fields(struct diff *df, const struct dossier *a, const struct dossier *b,
    const struct tmpl_section *s, int b_side)
{
	const struct tmpl_field *f, *o;
	size_t i;

	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		o = same_field(b_side ? a : b, f);
		if (!b_side && o != NULL)
			continue;	/* compared from the new side */
		if (f->type == TMPL_GROUP) {
			if (b_side)
				diff_group(df, a, o, b, f);
			else
				diff_group(df, a, f, b, NULL);
		} else if (b_side) {
			diff_answer(df, a, o, 0, b, f, 0, NULL);
		} else {
			diff_answer(df, a, f, 0, b, NULL, 0, NULL);
		}
	}
}

static const struct tmpl *
same_tmpl(const struct dossier *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->ntmpls; i++)
		if (strcmp(d->tmpls[i]->id, id) == 0)
			return d->tmpls[i];
	return NULL;
}

static void
diff_templates(struct diff *df, const struct dossier *a,
    const struct dossier *b)
{
	const struct tmpl *t, *o;
	struct diff_item *it;
	size_t i;

	for (i = 0; i < a->ntmpls; i++) {
		t = a->tmpls[i];
		if (same_tmpl(b, t->id) != NULL)
			continue;
		it = item_add(df, DIFF_TEMPLATE);
		it->what = xasprintf("template %s", t->id);
		it->path = xasprintf("templates.%s", t->id);
		it->old = xasprintf("%s:%s", t->id, t->edition);
		item_at(it, yt_get(a->root, "templates"), 0);
	}
	for (i = 0; i < b->ntmpls; i++) {
		t = b->tmpls[i];
		o = same_tmpl(a, t->id);
		if (o == t)
			continue;
		if (o != NULL && strcmp(o->edition, t->edition) == 0 &&
		    strcmp(o->sha256, t->sha256) == 0)
			continue;
		it = item_add(df, DIFF_TEMPLATE);
		it->what = xasprintf("template %s", t->id);
		it->path = xasprintf("templates.%s", t->id);
		it->old = o != NULL ? xasprintf("%s:%s", o->id, o->edition) :
		    NULL;
		it->new = xasprintf("%s:%s", t->id, t->edition);
		item_at(it, yt_get(b->root, "templates"), 1);
	}
}

static void
diff_device(struct diff *df, const struct dossier *a, const struct dossier *b)
{
	const struct ynode *da = yt_get(a->root, "device");
	const struct ynode *db = yt_get(b->root, "device");
	struct diff_item *it;
	const char *k, *va, *vb;
	size_t i, pass;

	for (pass = 0; pass < 2; pass++) {
		const struct ynode *m = pass == 0 ? db : da;

		if (m == NULL || m->kind != YT_MAP)
			continue;
		for (i = 0; i < m->n; i++) {
			k = m->keys[i]->str;
			if (pass == 1 && yt_get(db, k) != NULL)
				continue;
			va = yt_str(yt_get(da, k));
			vb = yt_str(yt_get(db, k));
			if (va != NULL && vb != NULL && strcmp(va, vb) == 0)
				continue;
			if ((va == NULL || *va == '\0') &&
			    (vb == NULL || *vb == '\0'))
				continue;
			it = item_add(df, DIFF_DEVICE);
			it->what = xasprintf("device %s", k);
			it->path = xasprintf("device.%s", k);
			it->old = diff_value_text(yt_get(da, k));
			it->new = diff_value_text(yt_get(db, k));
			clip_pair(&it->old, &it->new);
			item_at(it, m->vals[i], pass == 0);
		}
	}
}

/* Stable keys of checklist rows and findings. */

struct entry {
	char *key;		/* path, or path + "\x1f" + message */
	size_t i;		/* row or finding index */
	int used;
};

static int
entry_cmp(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->key,
	    ((const struct entry *)y)->key);
}

/*
 * The record identities of each (dossier, group), made once: the status
 * and findings passes ask for one per checklist row or finding, and
 * making them afresh each time made a diff of a few thousand records
 * cubic.  Templates have a handful of groups, so a list will do.
 */
struct idcache {
	struct idcache_entry {
		const struct dossier *d;
		const struct tmpl_field *g;
		struct diff_ids ids;
	} *v;
	size_t n;
};

static const struct diff_ids *
idcache_get(struct idcache *c, const struct dossier *d,
    const struct tmpl_field *g)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].d == d && c->v[i].g == g)
			return &c->v[i].ids;
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n].d = d;
	c->v[c->n].g = g;
	ids_make(&c->v[c->n].ids, d, g);
	return &c->v[c->n++].ids;
}

static void
idcache_free(struct idcache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		diff_ids_free(&c->v[i].ids);
	free(c->v);
}

/* Record rec's identity in d; rec is always one of d's records here. */
static const char *
idcache_rid(struct idcache *c, const struct dossier *d,
    const struct tmpl_field *g, size_t rec)
{
	const struct diff_ids *ids = idcache_get(c, d, g);

	return rec < ids->n ? ids->v[rec] : "?";
}

static char *
row_key(struct idcache *c, const struct dossier *d,
    const struct tmpl_field *f, int in_record, size_t rec)
{
	if (f->group == NULL || !in_record)
		return field_path(f, NULL);
	return field_path(f, idcache_rid(c, d, f->group, rec));
}

static struct entry *
row_entries(struct idcache *ic, const struct dossier *d,
    const struct checklist *c, size_t *n)
{
	struct entry *e = xcalloc(c->n + 1, sizeof *e);
	size_t i;

	*n = 0;
	for (i = 0; i < c->n; i++) {
		if (c->rows[i].field == NULL)
			continue;
		e[*n].key = row_key(ic, d, c->rows[i].field,
		    c->rows[i].in_record, c->rows[i].rec);
		e[(*n)++].i = i;
	}
	qsort(e, *n, sizeof *e, entry_cmp);
	return e;
}

static struct entry *
entry_find(struct entry *e, size_t n, char *key)
{
	struct entry want = { key, 0, 0 };

	return n == 0 ? NULL : bsearch(&want, e, n, sizeof *e, entry_cmp);
}

static void
entries_free(struct entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(e[i].key);
	free(e);
}

/* Is a record row part of a record added or removed as a whole? */
static int
in_whole_record(struct idcache *ic, const struct dossier *other,
    const struct dossier *d, const struct checklist_row *w)
{
	const struct tmpl_field *g;

	if (!w->in_record)
		return 0;
	g = same_field(other, w->field->group);
	if (g == NULL)
		return 1;
	return diff_ids_find(idcache_get(ic, other, g),
	    idcache_rid(ic, d, w->field->group, w->rec)) < 0;
}

static void
diff_status(struct diff *df, struct idcache *ic, const struct dossier *a,
    const struct report *ra, const struct dossier *b, const struct report *rb)
{
	struct checklist *ca = checklist_build(a, ra), *cb = checklist_build(b,
	    rb);
	struct entry *ea, *eb, *hit;
	size_t na, nb, i;
	struct diff_item *it;
	const struct checklist_row *w, *o;

	ea = row_entries(ic, a, ca, &na);
	eb = row_entries(ic, b, cb, &nb);
	/* In the new checklist's order. */
	for (i = 0; i < cb->n; i++) {
		char *key;

		w = &cb->rows[i];
		if (w->field == NULL)
			continue;
		key = row_key(ic, b, w->field, w->in_record, w->rec);
		hit = entry_find(ea, na, key);
		o = hit != NULL ? &ca->rows[hit->i] : NULL;
		if (hit != NULL)
			hit->used = 1;
		if ((o != NULL && o->status == w->status) ||
		    (o == NULL && in_whole_record(ic, a, b, w))) {
			free(key);
			continue;
		}
		it = item_add(df, DIFF_STATUS);
		item_field(it, w->field);
		it->path = key;
		if (w->in_record) {
			field_what(it, w->field, idcache_rid(ic, b,
			    w->field->group, w->rec));
		} else {
			field_what(it, w->field, NULL);
		}
		status_change(it, o != NULL ? checklist_status_name(o->status) :
		    N_("not asked"), checklist_status_name(w->status));
		item_at(it, w->value, 1);
	}
	for (i = 0; i < na; i++) {
		w = &ca->rows[ea[i].i];
		if (ea[i].used || in_whole_record(ic, b, a, w) ||
		    w->status == CHECKLIST_OPTIONAL)
			continue;
		it = item_add(df, DIFF_STATUS);
		item_field(it, w->field);
		it->path = xstrdup(ea[i].key);
		if (w->in_record) {
			field_what(it, w->field, idcache_rid(ic, a,
			    w->field->group, w->rec));
		} else {
			field_what(it, w->field, NULL);
		}
		status_change(it, checklist_status_name(w->status),
		    N_("not asked"));
		item_at(it, w->value, 0);
	}
	entries_free(ea, na);
	entries_free(eb, nb);
	checklist_free(ca);
	checklist_free(cb);
}

static struct entry *
finding_entries(struct idcache *ic, const struct dossier *d,
    const struct report *r)
{
	struct entry *e = xcalloc(r->n + 1, sizeof *e);
	size_t i;
	char *p, buf[FINDING_PATH_MAX];

	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		p = f->field != NULL ? row_key(ic, d, f->field, f->in_record,
		    f->rec) : xstrdup(finding_path(f, buf));
		e[i].key = xasprintf("%s\x1f%s", p, f->message);
		e[i].i = i;
		free(p);
	}
	qsort(e, r->n, sizeof *e, entry_cmp);
	return e;
}

static void
finding_item(struct diff *df, enum diff_kind kind, const struct finding *f,
    const char *key, int in_new)
{
	struct diff_item *it = item_add(df, kind);

	if (f->field != NULL) {
		item_field(it, f->field);
	} else if (f->tmpl != NULL) {
		it->tmpl = f->tmpl;
		it->section = f->section;
		it->clause = validate_clause_text(f->tmpl, f->clause, f->prov);
		if (lang_current() != LANG_EN)
			it->clause_shown = validate_clause_text_lang(f->tmpl,
			    f->clause, f->prov, lang_current());
	}
	it->path = xstrndup(key, strcspn(key, "\x1f"));
	it->what = xstrdup(tmpl_severity_name(f->sev));
	if (in_new)
		it->new = xstrdup(f->message);
	else
		it->old = xstrdup(f->message);
	if (lang_current() != LANG_EN && in_new)
		it->new_shown = xstrdup(finding_text(f));
	else if (lang_current() != LANG_EN)
		it->old_shown = xstrdup(finding_text(f));
	it->line = f->line;
	it->col = f->col;
	it->in_new = in_new;
}

/*
 * Findings by (place, message); the same message twice on one place
 * counts twice, so sorted runs are matched pairwise.
 */
static void
diff_findings(struct diff *df, struct idcache *ic, const struct dossier *a,
    const struct report *ra, const struct dossier *b, const struct report *rb)
{
	struct entry *ea = finding_entries(ic, a, ra);
	struct entry *eb = finding_entries(ic, b, rb);
	size_t i = 0, j = 0;
	int c;

	while (i < ra->n || j < rb->n) {
		c = i == ra->n ? 1 : j == rb->n ? -1 :
		    strcmp(ea[i].key, eb[j].key);
		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			finding_item(df, DIFF_FINDING_RESOLVED, &ra->f[ea[i].i],
			    ea[i].key, 0);
			i++;
		} else {
			finding_item(df, DIFF_FINDING_ADDED, &rb->f[eb[j].i],
			    eb[j].key, 1);
			j++;
		}
	}
	entries_free(ea, ra->n);
	entries_free(eb, rb->n);
}

struct diff *
diff_dossiers(const struct dossier *a, const struct report *ra,
    const struct dossier *b, const struct report *rb)
{
	struct diff *df = xcalloc(1, sizeof *df);
	struct idcache ic = { NULL, 0 };
	size_t i, j;

	diff_templates(df, a, b);
	diff_device(df, a, b);
	for (i = 0; i < b->ntmpls; i++)
		for (j = 0; j < b->tmpls[i]->nsections; j++)
			diff_fields(df, a, b, &b->tmpls[i]->sections[j], 1);
	/* Questions only the old side's templates ask. */
	for (i = 0; i < a->ntmpls; i++)
		for (j = 0; j < a->tmpls[i]->nsections; j++)
			diff_fields(df, a, b, &a->tmpls[i]->sections[j], 0);
	diff_status(df, &ic, a, ra, b, rb);
	diff_findings(df, &ic, a, ra, b, rb);
	idcache_free(&ic);
	return df;
}

void
diff_free(struct diff *df)
{
	size_t i;

	if (df == NULL)
		return;
	for (i = 0; i < df->n; i++) {
		free(df->v[i].what);
		free(df->v[i].what_shown);
		free(df->v[i].old_shown);
		free(df->v[i].new_shown);
		free(df->v[i].clause_shown);
		free(df->v[i].path);
		free(df->v[i].old);
		free(df->v[i].new);
		free(df->v[i].clause);
	}
	free(df->v);
	free(df);
}
