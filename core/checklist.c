/*
 * Checklist rows from a dossier and its report (see checklist.h for what a
 * row is and how its status follows from the findings on it).  Findings are
 * matched to field rows through a sorted index of (field, record), so a
 * dossier with thousands of records costs n log n, not rows times findings.
 */
#include "config.h"

#include "core/checklist.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hset.h"
#include "core/lang.h"
#include "core/xalloc.h"

static const char *const status_names[] = {
	[CHECKLIST_COMPLETE] = N_("Complete"),
	[CHECKLIST_OPTIONAL] = N_("Optional"),
	[CHECKLIST_NA] = N_("Not applicable"),
	[CHECKLIST_INFO] = N_("Info"),
	[CHECKLIST_WARNING] = N_("Warning"),
	[CHECKLIST_MISSING] = N_("Missing"),
	[CHECKLIST_ERROR] = N_("Error"),
};

const char *
checklist_status_name(enum checklist_status s)
{
	if ((size_t)s >= sizeof status_names / sizeof status_names[0])
		return "?";
	return status_names[s];
}

const struct finding *
checklist_finding(const struct checklist *c, const struct checklist_row *w,
    size_t i)
{
	return &c->report->f[c->find[w->first + i]];
}

/* A growing array of rows. */
struct rows {
	struct checklist_row *v;
	size_t n, cap;
};

static struct checklist_row *
rows_add(struct rows *rs)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap == 0 ? 64 : rs->cap * 2;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof *rs->v);
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[0]);
	return &rs->v[rs->n++];
}

static void
add_field_row(struct rows *rs, const struct dossier *d,
    const struct tmpl_field *f, int in_record, size_t rec)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	struct checklist_row *w = rows_add(rs);

	w->tmpl = top->section->tmpl;
	w->section = top->section;
	w->field = f;
	w->in_record = in_record;
	w->rec = in_record ? rec : 0;
	w->value = dossier_get(d, f, w->rec);
}

/* The field rows of one section that applies, in template order. */
static void
section_rows(struct rows *rs, const struct dossier *d,
    const struct report *r, const struct section_status *ss)
{
	const struct tmpl_section *s = ss->section;
	const struct tmpl_field *f, *rf;
	size_t i, j, k, nrec;

	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		if (!validate_applies(d, f, 0))
			continue;
		add_field_row(rs, d, f, 0, 0);
		if (f->type != TMPL_GROUP)
			continue;
		nrec = dossier_nrecords(d, f);
		for (j = 0; j < nrec; j++) {
			for (k = 0; k < f->nfields; k++) {
				rf = &f->fields[k];
				if (validate_record_asked(r, d, ss, rf, j))
					add_field_row(rs, d, rf, 1, j);
			}
		}
	}
}

/* Index of field rows by (field, record), for matching findings. */
struct key {
	uintptr_t field;
	size_t rec;
	size_t row;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	return 0;
}

static struct key *
index_rows(const struct rows *rs)
{
	struct key *k = xcalloc(rs->n, sizeof *k);
	size_t i;

	for (i = 0; i < rs->n; i++) {
		k[i].field = (uintptr_t)rs->v[i].field;
		k[i].rec = rs->v[i].rec;
		k[i].row = i;
	}
	qsort(k, rs->n, sizeof *k, key_cmp);
	return k;
}

/* The field row a finding sits on, or (size_t)-1 when it has none. */
static size_t
field_row_of(const struct key *idx, size_t n, const struct finding *f)
{
	struct key want, *hit;

	if (f->field == NULL)
		return (size_t)-1;
	want.field = (uintptr_t)f->field;
	want.rec = f->in_record ? f->rec : 0;
	hit = bsearch(&want, idx, n, sizeof *idx, key_cmp);
	return hit != NULL ? hit->row : (size_t)-1;
}

static void
add_finding_row(struct rows *rs, const struct finding *f, size_t fi,
    size_t *row_of)
{
	struct checklist_row *w = rows_add(rs);

	w->tmpl = f->tmpl;
	w->section = f->section;
	row_of[fi] = rs->n - 1;
}

/*
 * Final order: each section's field rows, then its unplaced findings;
 * last, the findings about no section.  field_row[i] is finding i's row in
 * fr, or -1; row_of receives each finding's row in the final order.  fr's
 * rows move to out (fr is left empty): when every finding sits on a field
 * row, as with millions of "not answered" in records, nothing is copied.
 */
static void
order_rows(struct rows *out, struct rows *fr, const struct report *r,
    const size_t *field_row, size_t *row_of)
{
	const struct tmpl_section *s;
	size_t *final, *loose, nloose = 0, i, j, k, cur = 0;
	unsigned char *placed;

	for (j = 0; j < r->n; j++)
		nloose += field_row[j] == (size_t)-1;
	if (nloose == 0) {
		*out = *fr;
		memset(fr, 0, sizeof *fr);
		for (j = 0; j < r->n; j++)
			row_of[j] = field_row[j];
		return;
	}
	loose = xcalloc(nloose, sizeof *loose);
	for (j = k = 0; j < r->n; j++)
		if (field_row[j] == (size_t)-1)
			loose[k++] = j;
	placed = xcalloc(nloose, 1);
	final = xcalloc(fr->n > 0 ? fr->n : 1, sizeof *final);
	out->cap = fr->n + nloose;
	out->v = xreallocarray(NULL, out->cap, sizeof *out->v);
	for (i = 0; i < r->nsections; i++) {
		s = r->sections[i].section;
		for (; cur < fr->n && fr->v[cur].section == s; cur++) {
			final[cur] = out->n;
			*rows_add(out) = fr->v[cur];
		}
		for (k = 0; k < nloose; k++) {
			if (!placed[k] && r->f[loose[k]].section == s) {
				add_finding_row(out, &r->f[loose[k]], loose[k],
				    row_of);
				placed[k] = 1;
			}
		}
	}
	for (j = 0; j < r->n; j++)
		if (field_row[j] != (size_t)-1)
			row_of[j] = final[field_row[j]];
	for (k = 0; k < nloose; k++)
		if (!placed[k])
			add_finding_row(out, &r->f[loose[k]], loose[k], row_of);
	free(placed);
	free(loose);
	free(final);
	free(fr->v);
	memset(fr, 0, sizeof *fr);
}

/* Group the finding indices by row, keeping report order within a row. */
static void
group_findings(struct checklist *c)
{
	const struct report *r = c->report;
	size_t i, *fill;

	c->find = xcalloc(r->n, sizeof *c->find);
	for (i = 0; i < r->n; i++)
		c->rows[c->row_of[i]].nfind++;
	for (i = 1; i < c->n; i++)
		c->rows[i].first = c->rows[i - 1].first + c->rows[i - 1].nfind;
	fill = xcalloc(c->n, sizeof *fill);
	for (i = 0; i < r->n; i++) {
		struct checklist_row *w = &c->rows[c->row_of[i]];

		c->find[w->first + fill[c->row_of[i]]++] = i;
	}
	free(fill);
}

static enum checklist_status
answer_status(const struct ynode *value)
{
	if (dossier_na_reason(value) != NULL)
		return CHECKLIST_NA;
	if (dossier_filled(value))
		return CHECKLIST_COMPLETE;
	return CHECKLIST_OPTIONAL;
}

void
checklist_tally_add(struct checklist_tally *t, const struct finding *f)
{
	if (f->kind == FIND_MISSING && f->sev != TMPL_INFO)
		t->missing = 1;
	else if (f->sev == TMPL_ERROR)
		t->error = 1;
	else if (f->sev == TMPL_WARNING)
		t->warning = 1;
	else
		t->info = 1;
}

enum checklist_status
checklist_decide(const struct checklist_tally *t,
    const struct tmpl_field *field, const struct ynode *value)
{
	if (t->error)
		return CHECKLIST_ERROR;
	if (t->missing)
		return CHECKLIST_MISSING;
	if (t->warning)
		return CHECKLIST_WARNING;
	if (field == NULL)
		return CHECKLIST_INFO;
	return answer_status(value);
}

static void
row_status(struct checklist *c, struct checklist_row *w)
{
	struct checklist_tally t = { 0, 0, 0, 0 };
	const struct finding *f;
	size_t i;

	for (i = 0; i < w->nfind; i++) {
		f = checklist_finding(c, w, i);
		checklist_tally_add(&t, f);
		/* enum tmpl_severity counts down: TMPL_ERROR is 0. */
		if (!w->has_findings || f->sev < w->worst)
			w->worst = f->sev;
		w->has_findings = 1;
	}
	w->status = checklist_decide(&t, w->field, w->value);
}

/* Is finding fi about field f (record rec)?  As the rows match them. */
static int
finding_on(const struct finding *fi, const struct tmpl_field *f, size_t rec)
{
	if (fi->field != f)
		return 0;
	if (f->group == NULL)
		return 1;
	return fi->in_record && fi->rec == rec;
}

enum checklist_status
checklist_finding_status(const struct finding *f)
{
	struct checklist_tally t = { 0, 0, 0, 0 };

	checklist_tally_add(&t, f);
	return checklist_decide(&t, NULL, NULL);
}

/*
 * The more urgent of two findings on one item, as the user should read it
 * first: by the status each alone gives, then by severity.
 */
static int
more_urgent(const struct finding *x, const struct finding *y)
{
	enum checklist_status sx = checklist_finding_status(x),
	    sy = checklist_finding_status(y);

	if (sx != sy)
		return sx > sy;
	return x->sev < y->sev;
}

void
checklist_verdict(const struct dossier *d, const struct report *r,
    const struct tmpl_field *f, size_t rec, struct checklist_verdict *v)
{
	struct checklist_tally t = { 0, 0, 0, 0 };
	const struct ynode *value;
	size_t i;

	memset(v, 0, sizeof *v);
	v->status = CHECKLIST_NA;
	if (f->group == NULL)
		rec = 0;
	v->asked = validate_applies(d, f, rec);
	if (!v->asked)
		return;
	value = dossier_get(d, f, rec);
	for (i = 0; r != NULL && i < r->n; i++) {
		const struct finding *fi = &r->f[i];

		if (!finding_on(fi, f, rec))
			continue;
		checklist_tally_add(&t, fi);
		v->nfind++;
		if (v->worst == NULL || more_urgent(fi, v->worst))
			v->worst = fi;
	}
	v->status = checklist_decide(&t, f, value);
	/* The severity decides whether an unanswered item is Missing. */
	v->required = validate_required(d, f, rec) &&
	    f->severity != TMPL_INFO;
}

enum checklist_status
checklist_fold(enum checklist_status acc, enum checklist_status row)
{
	if (row < CHECKLIST_WARNING)
		row = CHECKLIST_COMPLETE;
	return row > acc ? row : acc;
}

enum checklist_status
checklist_record_status(const struct dossier *d, const struct report *r,
    const struct tmpl_field *group, size_t rec)
{
	enum checklist_status st = CHECKLIST_COMPLETE;
	struct checklist_verdict v;
	size_t k;

	for (k = 0; k < group->nfields; k++) {
		checklist_verdict(d, r, &group->fields[k], rec, &v);
		if (v.asked)
			st = checklist_fold(st, v.status);
	}
	return st;
}

struct checklist *
checklist_build(const struct dossier *d, const struct report *r)
{
	struct checklist *c = xcalloc(1, sizeof *c);
	struct rows fr = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	size_t i, *field_row;
	struct key *idx;

	c->report = r;
	for (i = 0; i < r->nsections; i++)
		if (r->sections[i].applies)
			section_rows(&fr, d, r, &r->sections[i]);
	idx = index_rows(&fr);
	field_row = xcalloc(r->n, sizeof *field_row);
	for (i = 0; i < r->n; i++)
		field_row[i] = field_row_of(idx, fr.n, &r->f[i]);
	free(idx);
	c->row_of = xcalloc(r->n, sizeof *c->row_of);
	order_rows(&out, &fr, r, field_row, c->row_of);
	free(field_row);
	c->rows = out.v;
	c->n = out.n;
	group_findings(c);
	for (i = 0; i < c->n; i++)
		row_status(c, &c->rows[i]);
	return c;
}

void
checklist_free(struct checklist *c)
{
	if (c == NULL)
		return;
	free(c->rows);
	free(c->find);
	free(c->row_of);
	free(c);
}

/* Text of rows. */

/* "tr-007.section.field" or "tr-008.s.group[2].field", as check says. */
char *
checklist_path(const struct checklist_row *w)
{
	const struct tmpl_field *f = w->field;
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;

	if (f->group != NULL && w->in_record)
		return xasprintf("%s.%s.%s[%zu].%s", s->tmpl->id, s->id,
		    f->group->id, w->rec + 1, f->id);
	return xasprintf("%s.%s.%s", s->tmpl->id, s->id, f->id);
}

/* The items of a list, one a line. */
char *
checklist_list_text(const struct ynode *v)
{
	size_t i, len = 1;
	char *s, *p;

	for (i = 0; i < v->n; i++)
		len += (v->vals[i]->kind == YT_SCALAR ? v->vals[i]->len : 3) + 1;
	p = s = xmalloc(len);
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			*p++ = '\n';
		if (v->vals[i]->kind == YT_SCALAR) {
			memcpy(p, v->vals[i]->str, v->vals[i]->len);
			p += v->vals[i]->len;
		} else {
			memcpy(p, "...", 3);
			p += 3;
		}
	}
	*p = '\0';
	return s;
}

/*
 * The answer cell of a field row (evidence paths go to their own column):
 * the text as given, a list one item a line, a group as its record count.
 */
char *
checklist_answer(const struct checklist_row *w)
{
	const struct ynode *v = w->value;
	const char *na = dossier_na_reason(v);

	if (v == NULL)
		return xstrdup("");
	if (na != NULL)
		return xasprintf("Not applicable: %s", na);
	if (w->field->type == TMPL_FILE)
		return xstrdup("");
	if (v->kind == YT_SCALAR)
		return xstrdup(v->str);
	if (v->kind == YT_SEQ && w->field->type == TMPL_GROUP)
		return xasprintf("%zu record%s", v->n, v->n == 1 ? "" : "s");
	if (v->kind == YT_SEQ)
		return checklist_list_text(v);
	return xstrdup("");
}

const char *
checklist_evidence(const struct checklist_row *w)
{
	if (w->field->type != TMPL_FILE || dossier_na_reason(w->value) != NULL)
		return "";
	return yt_str(w->value) != NULL ? yt_str(w->value) : "";
}

char *
checklist_item(const struct checklist *c, const struct checklist_row *w)
{
	const struct finding *f;

	if (w->field != NULL && w->in_record)
		return xasprintf("%s #%zu: %s", w->field->group->label,
		    w->rec + 1, w->field->label);
	if (w->field != NULL)
		return xstrdup(w->field->label);
	f = checklist_finding(c, w, 0);
	if (f->rule != NULL)
		return xasprintf("Rule: %s", f->rule->id);
	if (f->kind == FIND_UNKNOWN)
		return xstrdup("Not in the template");
	return xstrdup("Finding");
}

char *
checklist_clause(const struct checklist_row *w, const struct finding *f)
{
	if (w->field != NULL)
		return validate_clause_text(w->tmpl, tmpl_field_clause(w->field),
		    tmpl_field_prov(w->field));
	if (f->tmpl == NULL)
		return xstrdup("");
	return validate_clause_text(f->tmpl, f->clause, f->prov);
}

/* The messages of the findings on a row, one a line. */
char *
checklist_messages(const struct checklist *c, const struct checklist_row *w)
{
	size_t i, len = 1;
	char *s, *p;

	for (i = 0; i < w->nfind; i++)
		len += strlen(checklist_finding(c, w, i)->message) + 1;
	p = s = xmalloc(len);
	*p = '\0';
	for (i = 0; i < w->nfind; i++)
		p += sprintf(p, "%s%s", i > 0 ? "\n" : "",
		    checklist_finding(c, w, i)->message);
	return s;
}

/*
 * Streaming the rows (checklist_each).  validate() reports findings in
 * template order, the order the rows are laid out in, so a merge walk of
 * rows and findings matches them without the sorted index and the row
 * array checklist_build holds: at the 1,000,000-value limit those are
 * millions of rows.  A row's place is its key (section, top field, level,
 * record, field in the record); a finding's is the key of the row it
 * would sit on.  When the report is not in that order (no caller of
 * validate() makes one, but the walk must not depend on it), the rows
 * come from checklist_build instead, so the result is the same either way.
 */
#define NO_SECTION ((size_t)-1)

struct rkey {
	size_t sec, top, level, rec, k;
};

static int
rkey_cmp(const struct rkey *x, const struct rkey *y)
{
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return 0;
}

/* A finding's section position in the report, NO_SECTION when none. */
struct secmap {
	struct hset *h;
	const struct tmpl_section *memo;
	size_t memo_pos;
};

static size_t
secmap_pos(struct secmap *m, const struct tmpl_section *s)
{
	if (s == NULL)
		return NO_SECTION;
	if (s != m->memo) {
		m->memo = s;
		m->memo_pos = NO_SECTION;
		if (hset_has(m->h, (const char *)&s, sizeof s))
			m->memo_pos = *hset_slot(m->h, (const char *)&s,
			    sizeof s, NULL) - 1;
	}
	return m->memo_pos;
}

struct walk {
	const struct dossier *d;
	const struct report *r;
	checklist_row_fn *fn;
	void *ctx;
	struct secmap *m;
	unsigned char *loose;	/* bit per finding: no field row */
	unsigned char *aside;	/* bit per finding: in exc, not in order */
	size_t *exc, nexc;	/* findings out of order, sorted by key */
	size_t p, e;		/* the merge's next finding in each */
};

static int
bit(const unsigned char *v, size_t q)
{
	return (v[q / 8] >> q % 8) & 1;
}

static void
set_bit(unsigned char *v, size_t q)
{
	v[q / 8] |= (unsigned char)(1u << q % 8);
}

/* The key of the row finding f would sit on; f->field is set. */
static void
finding_key(const struct finding *f, size_t sec, struct rkey *k)
{
	const struct tmpl_field *fd = f->field;
	const struct tmpl_field *top = fd->group != NULL ? fd->group : fd;

	k->sec = sec;
	k->top = (size_t)(top - top->section->fields);
	k->level = fd->group != NULL;
	k->rec = f->in_record ? f->rec : 0;
	k->k = fd->group != NULL ? (size_t)(fd - fd->group->fields) : 0;
}

/* Does finding q take part in the merge (on a field of a known section)? */
static int
merged(struct walk *wk, size_t q, size_t *pos)
{
	const struct finding *f = &wk->r->f[q];

	*pos = NO_SECTION;
	if (f->field == NULL)
		return 0;
	*pos = secmap_pos(wk->m, f->section);
	return *pos != NO_SECTION;
}

/*
 * Take the findings of one sorted stream up to key: those before it have
 * no row (loose), those at it are tallied on the row.
 */
static void
merge_to(struct walk *wk, size_t q, struct checklist_tally *t,
    struct checklist_row *w)
{
	const struct finding *f = &wk->r->f[q];

	checklist_tally_add(t, f);
	if (!w->has_findings || f->sev < w->worst)
		w->worst = f->sev;
	w->has_findings = 1;
	w->nfind++;
}

static void
take(struct walk *wk, const struct rkey *key, struct checklist_tally *t,
    struct checklist_row *w)
{
	struct rkey fk;
	size_t pos, q;
	int c;

	for (; wk->p < wk->r->n; wk->p++) {
		q = wk->p;
		if (bit(wk->aside, q) || !merged(wk, q, &pos))
			continue;
		finding_key(&wk->r->f[q], pos, &fk);
		c = rkey_cmp(&fk, key);
		if (c > 0)
			break;
		if (c < 0 || w == NULL)
			set_bit(wk->loose, q);
		else
			merge_to(wk, q, t, w);
	}
	for (; wk->e < wk->nexc; wk->e++) {
		q = wk->exc[wk->e];
		(void)merged(wk, q, &pos);
		finding_key(&wk->r->f[q], pos, &fk);
		c = rkey_cmp(&fk, key);
		if (c > 0)
			break;
		if (c < 0 || w == NULL)
			set_bit(wk->loose, q);
		else
			merge_to(wk, q, t, w);
	}
}

static void
walk_field_row(struct walk *wk, const struct rkey *key,
    const struct tmpl_field *f, int in_record, size_t rec)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	struct checklist_tally t = { 0, 0, 0, 0 };
	struct checklist_row w;

	memset(&w, 0, sizeof w);
	take(wk, key, &t, &w);
	w.tmpl = top->section->tmpl;
	w.section = top->section;
	w.field = f;
	w.in_record = in_record;
	w.rec = in_record ? rec : 0;
	w.value = dossier_get(wk->d, f, w.rec);
	w.status = checklist_decide(&t, f, w.value);
	wk->fn(wk->ctx, &w, NULL);
}

static void
walk_finding_row(struct walk *wk, const struct finding *f)
{
	struct checklist_row w;

	memset(&w, 0, sizeof w);
	w.tmpl = f->tmpl;
	w.section = f->section;
	w.has_findings = 1;
	w.worst = f->sev;
	w.nfind = 1;
	w.status = checklist_finding_status(f);
	wk->fn(wk->ctx, &w, f);
}

/* Section sec's rows; its findings lie in [first, last]. */
static void
walk_section(struct walk *wk, size_t sec, size_t first, size_t last)
{
	const struct section_status *ss = &wk->r->sections[sec];
	const struct tmpl_section *s = ss->section;
	const struct tmpl_field *f, *rf;
	struct rkey key;
	size_t i, j, k, nrec, q;

	if (ss->applies) {
		for (i = 0; i < s->nfields; i++) {
			f = &s->fields[i];
			if (!validate_applies(wk->d, f, 0))
				continue;
			key.sec = sec;
			key.top = i;
			key.level = 0;
			key.rec = 0;
			key.k = 0;
			walk_field_row(wk, &key, f, 0, 0);
			if (f->type != TMPL_GROUP)
				continue;
			nrec = dossier_nrecords(wk->d, f);
			key.level = 1;
			for (j = 0; j < nrec; j++) {
				key.rec = j;
				for (k = 0; k < f->nfields; k++) {
					rf = &f->fields[k];
					if (!validate_record_asked(wk->r, wk->d,
					    ss, rf, j))
						continue;
					key.k = k;
					walk_field_row(wk, &key, rf, 1, j);
				}
			}
		}
	}
	/* What is left of this section has no row. */
	key.sec = sec;
	key.top = key.level = key.rec = key.k = SIZE_MAX;
	take(wk, &key, NULL, NULL);
	if (first == NO_SECTION)
		return;
	for (q = first; q <= last; q++)
		if (wk->r->f[q].section == s && (wk->r->f[q].field == NULL ||
		    bit(wk->loose, q)))
			walk_finding_row(wk, &wk->r->f[q]);
}

static struct walk *exc_walk;	/* for exc_cmp: qsort has no context */

static int
exc_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b, px, py;
	struct rkey kx, ky;
	int c;

	(void)merged(exc_walk, x, &px);
	(void)merged(exc_walk, y, &py);
	finding_key(&exc_walk->r->f[x], px, &kx);
	finding_key(&exc_walk->r->f[y], py, &ky);
	c = rkey_cmp(&kx, &ky);
	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/*
 * Split the merged findings into those already in key order (the report's
 * template order, nearly all of them) and the rest, set aside and sorted;
 * note each section's first and last finding.  Returns 0 when the walk
 * cannot be used: a finding on a field of another section, or sections
 * so interleaved that scanning their spans would cost more than sorting.
 */
static int
place_findings(struct walk *wk, size_t *first, size_t *last)
{
	const struct report *r = wk->r;
	size_t i, pos, span = 0, cap = 0;
	struct rkey k, pk;
	int have_pk = 0;

	for (i = 0; i < r->nsections; i++)
		first[i] = last[i] = NO_SECTION;
	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		pos = secmap_pos(wk->m, f->section);
		if (pos == NO_SECTION)
			continue;
		if (first[pos] == NO_SECTION)
			first[pos] = i;
		last[pos] = i;
		if (f->field == NULL)
			continue;
		if ((f->field->group != NULL ? f->field->group :
		    f->field)->section != f->section)
			return 0;
		finding_key(f, pos, &k);
		if (have_pk && rkey_cmp(&k, &pk) < 0) {
			if (wk->nexc == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				wk->exc = xreallocarray(wk->exc, cap,
				    sizeof *wk->exc);
			}
			wk->exc[wk->nexc++] = i;
			set_bit(wk->aside, i);
			continue;
		}
		pk = k;
		have_pk = 1;
	}
	for (i = 0; i < r->nsections; i++)
		if (first[i] != NO_SECTION)
			span += last[i] - first[i] + 1;
	if (span > 2 * r->n + 64)
		return 0;
	exc_walk = wk;
	if (wk->nexc > 1)
		qsort(wk->exc, wk->nexc, sizeof *wk->exc, exc_cmp);
	exc_walk = NULL;
	return 1;
}

void
checklist_each(const struct dossier *d, const struct report *r,
    checklist_row_fn *fn, void *ctx)
{
	struct secmap m = { NULL, NULL, NO_SECTION };
	struct walk wk;
	size_t *first, *last, i, *slot;
	struct checklist *c;
	int fresh, dup = 0, ok;

	m.h = hset_new();
	for (i = 0; i < r->nsections; i++) {
		slot = hset_slot(m.h, (const char *)&r->sections[i].section,
		    sizeof r->sections[i].section, &fresh);
		if (fresh)
			*slot = i + 1;
		dup |= !fresh;
	}
	memset(&wk, 0, sizeof wk);
	wk.d = d;
	wk.r = r;
	wk.fn = fn;
	wk.ctx = ctx;
	wk.m = &m;
	wk.loose = xcalloc(r->n / 8 + 1, 1);
	wk.aside = xcalloc(r->n / 8 + 1, 1);
	first = xcalloc(r->nsections > 0 ? r->nsections : 1, sizeof *first);
	last = xcalloc(r->nsections > 0 ? r->nsections : 1, sizeof *last);
	ok = !dup && place_findings(&wk, first, last);
	if (ok) {
		for (i = 0; i < r->nsections; i++)
			walk_section(&wk, i, first[i], last[i]);
		for (i = 0; i < r->n; i++)
			if (secmap_pos(&m, r->f[i].section) == NO_SECTION)
				walk_finding_row(&wk, &r->f[i]);
	}
	free(wk.loose);
	free(wk.aside);
	free(wk.exc);
	free(first);
	free(last);
	hset_free(m.h);
	if (ok)
		return;
	c = checklist_build(d, r);
	for (i = 0; i < c->n; i++)
		fn(ctx, &c->rows[i], c->rows[i].field == NULL ?
		    checklist_finding(c, &c->rows[i], 0) : NULL);
	checklist_free(c);
}
