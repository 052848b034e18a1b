/*
 * One pass over the templates a dossier uses: for every section that
 * applies, every field that applies is checked against its type and
 * constraints, then the section's rules are evaluated; finally the answers
 * are walked for keys no template knows.  Findings point at the answer's
 * node, or at the nearest enclosing node when the answer is missing.
 */
#include "config.h"

#include "core/validate.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/flist.h"
#include "core/lang.h"
#include "core/review.h"
#include "core/store.h"
#include "core/hset.h"
#include "core/xalloc.h"

/* Evidence lookups. */

struct vcache_entry {
	char *path;
	int status;		/* 0 ok, else an errno-like code */
};

struct vcache {
	struct vcache_entry *e;
	size_t n, cap;		/* open addressing; cap a power of two */
	const struct flist *proof;	/* borrowed; see vcache_set_proof */
};

void
vcache_set_proof(struct vcache *c, const struct flist *proof)
{
	c->proof = proof;
}

struct vcache *
vcache_new(void)
{
	return xcalloc(1, sizeof(struct vcache));
}

void
vcache_clear(struct vcache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		free(c->e[i].path);
	free(c->e);
	c->e = NULL;
	c->n = c->cap = 0;
}

void
vcache_free(struct vcache *c)
{
	vcache_clear(c);
	free(c);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct vcache_entry *
vcache_slot(struct vcache_entry *e, size_t cap, const char *path)
{
	size_t i = hash_str(path) & (cap - 1);

	while (e[i].path != NULL && strcmp(e[i].path, path) != 0)
		i = (i + 1) & (cap - 1);
	return &e[i];
}

static void
vcache_grow(struct vcache *c)
{
	struct vcache_entry *old = c->e, *slot;
	size_t i, oldcap = c->cap;

	c->cap = oldcap == 0 ? 64 : oldcap * 2;
	c->e = xcalloc(c->cap, sizeof *c->e);
	for (i = 0; i < oldcap; i++) {
		if (old[i].path == NULL)
			continue;
		slot = vcache_slot(c->e, c->cap, old[i].path);
		*slot = old[i];
	}
	free(old);
}

/* Not an errno value: the file is there but holds nothing. */
#define EVIDENCE_EMPTY (-1)

/* stat, never open: a FIFO named like a PDF must not hang us. */
static int
evidence_status(struct vcache *c, const char *path)
{
	struct vcache_entry *slot;
	struct stat st;
	int status;

	if (c != NULL && c->cap > 0) {
		slot = vcache_slot(c->e, c->cap, path);
		if (slot->path != NULL)
			return slot->status;
	}
	if (stat(path, &st) < 0)
		status = errno;
	else if (S_ISDIR(st.st_mode))
		status = EISDIR;
	else if (!S_ISREG(st.st_mode))
		status = EINVAL;
	else if (st.st_size == 0)
		status = EVIDENCE_EMPTY;
	else
		status = 0;
	if (c != NULL) {
		if ((c->n + 1) * 2 > c->cap)
			vcache_grow(c);
		slot = vcache_slot(c->e, c->cap, path);
		slot->path = xstrdup(path);
		slot->status = status;
		c->n++;
	}
	return status;
}

/* Condition evaluation against a dossier. */

/*
 * Conditions take a mutable context; ours reads the dossier and keeps the
 * list behind the last group count() asked for, so iterating its records
 * does not look the group up again for each one.
 */
struct evctx {
	const struct dossier *d;
	const struct cond_ref *group_ref;
	const struct ynode *group;
};

static void
ev_value(void *ctx, const struct cond_ref *ref, const void *rec,
    struct cval *out)
{
	const struct dossier *d = ((struct evctx *)ctx)->d;
	const struct tmpl_field *f = ref->target;
	const struct ynode *v;
	char *end;
	double num;

	memset(out, 0, sizeof *out);
	out->kind = CVAL_NULL;
	if (f->group != NULL)
		v = rec != NULL ? yt_get(rec, f->id) : NULL;
	else
		v = dossier_get(d, f, 0);
	if (!dossier_filled(v))
		return;
	if (v->kind == YT_SEQ) {
		out->kind = CVAL_LIST;
		out->list = v;
		out->nitems = v->n;
		return;
	}
	if (v->kind != YT_SCALAR)
		return;
	if (f->type == TMPL_YESNO) {
		if (strcmp(v->str, "yes") == 0 || strcmp(v->str, "true") == 0) {
			out->kind = CVAL_BOOL;
			out->b = 1;
			return;
		}
		if (strcmp(v->str, "no") == 0 || strcmp(v->str, "false") == 0) {
			out->kind = CVAL_BOOL;
			return;
		}
	}
	if (f->type == TMPL_INTEGER) {
		errno = 0;
		num = strtod(v->str, &end);
		if (*end == '\0' && errno == 0) {
			out->kind = CVAL_NUM;
			out->num = num;
			return;
		}
	}
	out->kind = CVAL_STR;
	out->str = v->str;
}

static const struct ynode *
ev_group(struct evctx *ec, const struct cond_ref *ref)
{
	const struct ynode *v;

	if (ec->group_ref == ref)
		return ec->group;
	v = dossier_get(ec->d, ref->target, 0);
	ec->group_ref = ref;
	ec->group = v != NULL && v->kind == YT_SEQ ? v : NULL;
	return ec->group;
}

static size_t
ev_group_len(void *ctx, const struct cond_ref *ref, const void *rec)
{
	const struct ynode *v = ev_group(ctx, ref);

	(void)rec;
	return v != NULL ? v->n : 0;
}

static const void *
ev_group_record(void *ctx, const struct cond_ref *ref, const void *rec,
    size_t i)
{
	const struct ynode *v = ev_group(ctx, ref);

	(void)rec;
	if (v == NULL || i >= v->n || v->vals[i]->kind != YT_MAP)
		return NULL;
	return v->vals[i];
}

static const char *
ev_list_item(void *ctx, const void *list, size_t i)
{
	const struct ynode *v = list;

	(void)ctx;
	return i < v->n && v->vals[i]->kind == YT_SCALAR ? v->vals[i]->str : "";
}

static const struct cond_eval_ops eval_ops = {
	.value = ev_value,
	.group_len = ev_group_len,
	.group_record = ev_group_record,
	.list_item = ev_list_item,
};

/* 1 or 0; -1 when c ran out of its evaluation budget (cond.h). */
static int
holds3(const struct dossier *d, const struct cond *c, const struct ynode *rec)
{
	struct evctx ctx = { d, NULL, NULL };

	if (c == NULL)
		return 1;
	return cond_test_budget(c, &eval_ops, &ctx, rec, COND_EVAL_BUDGET);
}

/* An undecided condition counts as false here; findings say why. */
static int
holds(const struct dossier *d, const struct cond *c, const struct ynode *rec)
{
	return holds3(d, c, rec) == 1;
}

void
validate_eval_node(const struct dossier *d, const struct cond_node *n,
    const struct ynode *rec, struct cval *out)
{
	struct evctx ctx = { d, NULL, NULL };

	cond_node_eval(n, &eval_ops, &ctx, rec, out);
}

const struct ynode *
validate_record(const struct dossier *d, const struct tmpl_field *f,
    size_t rec)
{
	const struct ynode *g;

	if (f->group == NULL)
		return NULL;
	g = dossier_get(d, f->group, 0);
	if (g == NULL || g->kind != YT_SEQ || rec >= g->n)
		return NULL;
	return g->vals[rec];
}

int
validate_section_applies(const struct dossier *d,
    const struct tmpl_section *s)
{
	return holds(d, s->when, NULL);
}

int
validate_applies(const struct dossier *d, const struct tmpl_field *f,
    size_t rec)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;

	if (!validate_section_applies(d, top->section))
		return 0;
	if (f->group != NULL && !holds(d, f->group->when, NULL))
		return 0;
	return holds(d, f->when, validate_record(d, f, rec));
}

const char *
validate_unasked_because(const struct dossier *d,
    const struct tmpl_field *f, size_t rec)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;

	if (!validate_section_applies(d, top->section))
		return cond_source(top->section->when);
	if (f->group != NULL && !holds(d, f->group->when, NULL))
		return cond_source(f->group->when);
	if (!holds(d, f->when, validate_record(d, f, rec)))
		return cond_source(f->when);
	return NULL;
}

int
validate_required(const struct dossier *d, const struct tmpl_field *f,
    size_t rec)
{
	if (f->required)
		return 1;
	return f->required_if != NULL &&
	    holds(d, f->required_if, validate_record(d, f, rec));
}

/* Reporting. */

/*
 * Findings are kept in buckets: one per field of each section, one per
 * record of each group, one for each section's rules and one for unknown
 * keys.  An edit re-computes only the buckets it can affect; the flat list
 * in struct report is rebuilt from the buckets in template order.
 */
struct fbuf {
	struct finding *f;	/* owned when cap > 0, else a view of the
				 * report's flat list (or NULL) */
	size_t n, cap;
	size_t off;		/* first pass: where it starts in the arena */
};

struct fres {
	struct fbuf own;	/* the field's findings; a group's own ones */
	int rc;			/* check_field's verdict */
	int have_recs;		/* recs reflect the dossier's records */
	size_t nrec;
	struct fbuf *recs;	/* groups: findings per record */
	unsigned char *rec_bad;	/* groups: record incomplete or wrong */
	/*
	 * Groups: is record field j of record i asked (its `when` holds or
	 * ran out of steps), at [i * nfields + j].  The checklist reads it
	 * instead of evaluating every record's conditions again outside the
	 * pass's budget (validate_record_asked).
	 */
	unsigned char *asked;
};

struct sres {
	struct fres *fields;
	struct fbuf rules;
	struct fbuf proof;	/* copies of the cache's proof findings */
};

struct report_cache {
	struct sres *secs;	/* parallel to report.sections */
	struct fbuf unknown;
	struct hset *msgset;	/* shared messages: text -> index in msgs */
	char **msgs;
	size_t nmsgs, capmsgs;
	struct fbuf reviews;	/* reviews and conflicts (review.h) */
	struct fbuf proof;	/* proof findings about no section */
};

struct vstate {
	const struct dossier *d;
	struct vcache *cache;
	struct fbuf *out;		/* where findings go */
	struct fres *fres;		/* the group being checked */
	const struct tmpl_field *hint_group;	/* only this record changed */
	size_t hint_rec;
	int group_seen;			/* check_group ran for vs->fres */
	const struct ynode *pos;	/* nearest node for missing answers */
	char *dir;			/* the dossier's folder */
	struct report_cache *rc;	/* where shared messages live */
	/*
	 * A first validation visits the buckets in template order, so it
	 * writes every finding straight into one array, the future flat
	 * list, instead of copying millions of them out of buckets.
	 */
	struct fbuf *arena;		/* NULL: into the buckets */
	unsigned long pool;		/* condition steps left to this pass */
	int asked;			/* check_field: its `when` did not fail */
};

/*
 * holds3 within the pass's pool: however many records a condition runs
 * for, one check evaluates at most VALIDATE_COND_POOL steps in all.
 */
static int
vholds(struct vstate *vs, const struct cond *c, const struct ynode *rec)
{
	struct evctx ctx = { vs->d, NULL, NULL };

	if (c == NULL)
		return 1;
	return cond_test_pool(c, &eval_ops, &ctx, rec, COND_EVAL_BUDGET,
	    &vs->pool);
}

static void
finding_release(struct finding *f)
{
	if (f->msg_owned)
		free(f->message);
	free(f->key_path);
}

/*
 * Empty b.  A bucket filled in the arena (f NULL) has nothing to free:
 * its findings stay in the arena, which validate() then sees as out of
 * order and discards whole.
 */
static void
fbuf_clear(struct fbuf *b)
{
	size_t i;

	for (i = 0; i < b->n && b->f != NULL; i++)
		finding_release(&b->f[i]);
	b->n = 0;
	if (b->cap == 0)
		b->f = NULL;
}

static void
fbuf_free(struct fbuf *b)
{
	fbuf_clear(b);
	if (b->cap > 0)
		free(b->f);
	b->f = NULL;
	b->cap = 0;
}

static void
fres_drop_recs(struct fres *fr)
{
	size_t i;

	for (i = 0; i < fr->nrec; i++)
		fbuf_free(&fr->recs[i]);
	free(fr->recs);
	free(fr->rec_bad);
	free(fr->asked);
	fr->recs = NULL;
	fr->rec_bad = NULL;
	fr->asked = NULL;
	fr->nrec = 0;
	fr->have_recs = 0;
}

char *
validate_clause_text(const struct tmpl *t, const char *clause,
    enum tmpl_prov prov)
{
	return validate_clause_text_lang(t, clause, prov, LANG_EN);
}

char *
validate_clause_text_lang(const struct tmpl *t, const char *clause,
    enum tmpl_prov prov, enum lang l)
{
	/*
	 * Every reference that was not read in the regulator's own text says
	 * so, so a secondary one never passes for primary.
	 */
	static const char *const notes[] = {
		[TMPL_PROV_NONE] = N_(" (provenance not stated)"),
		[TMPL_PROV_SECONDARY] = N_(" (secondary source)"),
		[TMPL_PROV_SUMMARY_ONLY] = N_(" (summary only)"),
		[TMPL_PROV_INFERRED] = N_(" (inferred)"),
		[TMPL_PROV_TOPIC] = N_(" (topic; no clause number known)"),
		[TMPL_PROV_PEER] = N_(" (peer practice)"),
	};
	const char *note = "";
	char *tid, *s;
	size_t i;

	if ((size_t)prov < sizeof notes / sizeof notes[0] && notes[prov])
		note = lang_gettext(l, notes[prov]);
	tid = xstrdup(t->id);
	for (i = 0; tid[i] != '\0'; i++)
		tid[i] = (char)toupper((unsigned char)tid[i]);
	/*
	 * A bare number is this template's clause; anything else (a topic,
	 * another document such as a guidance note) stands as written, in
	 * the template translation's words when it has them (`clauses:`).
	 */
	if (clause == NULL)
		s = xasprintf("%s%s", tid, note);
	else if (isdigit((unsigned char)clause[0]))
		s = xasprintf("%s %s%s", tid, clause, note);
	else
		s = xasprintf("%s%s", tmpl_clause_text(t, clause, l), note);
	free(tid);
	return s;
}

/*
 * One copy of msg per report, however many findings say it.  len counts
 * every byte: a message with a translation is "English\0display".
 */
static char *
intern(struct report_cache *rc, const char *msg, size_t len)
{
	int fresh;
	size_t *slot;

	if (rc->msgset == NULL)
		rc->msgset = hset_new();
	slot = hset_slot(rc->msgset, msg, len, &fresh);
	if (fresh) {
		if (rc->nmsgs == rc->capmsgs) {
			rc->capmsgs = rc->capmsgs == 0 ? 16 : rc->capmsgs * 2;
			rc->msgs = xreallocarray(rc->msgs, rc->capmsgs,
			    sizeof *rc->msgs);
		}
		rc->msgs[rc->nmsgs] = xmalloc(len + 1);
		memcpy(rc->msgs[rc->nmsgs], msg, len);
		rc->msgs[rc->nmsgs][len] = '\0';
		*slot = rc->nmsgs++;
	}
	return rc->msgs[*slot];
}

const char *
finding_text(const struct finding *f)
{
	return f->has_display ? f->message + strlen(f->message) + 1 :
	    f->message;
}

/*
 * f's message: msg, and disp (the display language's, NULL: none) after
 * its NUL when the two differ.  shared: interned (see add()).
 */
static void
set_message(struct vstate *vs, struct finding *f, int shared,
    const char *msg, const char *disp)
{
	size_t n = strlen(msg), len = n;
	char buf[2048];
	const char *block = msg;

	if (f->msg_owned)
		free(f->message);
	f->msg_owned = 0;
	f->has_display = 0;
	if (disp != NULL && strcmp(disp, msg) != 0 &&
	    n + strlen(disp) + 2 <= sizeof buf) {
		memcpy(buf, msg, n + 1);
		memcpy(buf + n + 1, disp, strlen(disp) + 1);
		len = n + 1 + strlen(disp);
		block = buf;
		f->has_display = 1;
	}
	if (shared) {
		f->message = intern(vs->rc, block, len);
	} else {
		f->message = xmalloc(len + 1);
		memcpy(f->message, block, len + 1);
		f->msg_owned = 1;
	}
}

/*
 * The display text of a message that quotes the template (a label, a
 * rule's message): formatted again with the translation's arguments.
 * Nothing to do in English.
 */
static void
set_display(struct vstate *vs, struct finding *f, int shared,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
set_display(struct vstate *vs, struct finding *f, int shared,
    const char *fmt, ...)
{
	char msg[1024], disp[1024];
	va_list ap;

	if (f == NULL || lang_current() == LANG_EN)
		return;
	va_start(ap, fmt);
	vsnprintf(disp, sizeof disp, fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof msg, "%s", f->message);
	set_message(vs, f, shared, msg, disp);
}

static struct finding *
fbuf_push(struct fbuf *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 4 : b->cap * 2;
		b->f = xreallocarray(b->f, b->cap, sizeof *b->f);
	}
	return &b->f[b->n++];
}

/* Room for a finding in vs->out (or the arena standing for it), zeroed. */
static struct finding *
new_slot(struct vstate *vs)
{
	struct fbuf *b = vs->out;
	struct finding *f;

	if (vs->arena != NULL) {
		if (b->n == 0)
			b->off = vs->arena->n;
		b->n++;
		f = fbuf_push(vs->arena);
	} else {
		f = fbuf_push(b);
	}
	memset(f, 0, sizeof *f);
	return f;
}

/*
 * A new finding in vs->out.  shared: the message depends only on the
 * template, so equal ones are stored once; a message quoting an answer is
 * the finding's own, so editing answers cannot grow the shared set.
 */
static struct finding *
add(struct vstate *vs, enum tmpl_severity sev, enum finding_kind kind,
    const struct ynode *at, int shared, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static struct finding *
add(struct vstate *vs, enum tmpl_severity sev, enum finding_kind kind,
    const struct ynode *at, int shared, const char *fmt, ...)
{
	struct finding *f = new_slot(vs);
	char msg[1024], disp[1024];
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The display language's text: the same arguments, its format. */
	disp[0] = '\0';
	if (lang_current() != LANG_EN && _(fmt) != fmt)
		vsnprintf(disp, sizeof disp, _(fmt), ap2);
	va_end(ap2);
	f->sev = sev;
	f->kind = kind;
	set_message(vs, f, shared, msg, disp[0] != '\0' ? disp : NULL);
	if (at == NULL || at->line == 0)
		at = vs->pos;
	if (at != NULL) {
		f->line = at->line;
		f->col = at->col;
	}
	return f;
}

const char *
finding_path(const struct finding *fi, char *buf)
{
	const struct tmpl_field *f = fi->field;
	const struct tmpl_field *top;
	const struct tmpl_section *s;

	/* Stored: unknown keys, reviews, evidence (flist.h). */
	if (fi->key_path != NULL)
		return fi->key_path;
	if (f == NULL && fi->section != NULL) {
		snprintf(buf, FINDING_PATH_MAX, "%s.%s",
		    fi->section->tmpl->id, fi->section->id);
		return buf;
	}
	if (f == NULL)
		return fi->key_path != NULL ? fi->key_path : "";
	top = f->group != NULL ? f->group : f;
	s = top->section;
	if (f->group != NULL && fi->in_record)
		snprintf(buf, FINDING_PATH_MAX, "%s.%s.%s[%lu].%s",
		    s->tmpl->id, s->id, f->group->id,
		    (unsigned long)fi->rec + 1, f->id);
	else
		snprintf(buf, FINDING_PATH_MAX, "%s.%s.%s", s->tmpl->id,
		    s->id, f->id);
	return buf;
}

/* A finding about field f (record rec when in_record). */
static struct finding *
add_field(struct vstate *vs, const struct tmpl_field *f, int in_record,
    size_t rec, enum finding_kind kind, enum tmpl_severity sev,
    const struct ynode *at, int shared, const char *msg, const char *disp)
{
	struct finding *fi = add(vs, sev, kind, at, shared, "%s", msg);

	if (disp != NULL)
		set_message(vs, fi, shared, msg, disp);
	const struct tmpl_field *top = f->group != NULL ? f->group : f;

	fi->tmpl = top->section->tmpl;
	fi->section = top->section;
	fi->field = f;
	fi->rec = (uint32_t)rec;	/* records fit: values are limited */
	fi->in_record = in_record != 0;
	fi->clause = tmpl_field_clause(f);
	fi->prov = tmpl_field_prov(f);
	return fi;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int
validate_sde_date(const char *sde, char *buf, size_t size)
{
	char *end;
	long long t;
	time_t tt;
	struct tm tm;

	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	t = strtoll(sde, &end, 10);
	if (errno != 0 || *end != '\0' || t < 0 || t > 253402300799LL)
		return -1;
	tt = (time_t)t;
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		return -1;
	return 1;
}

int
validate_is_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	if (s[10] != '\0')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static int
is_option(const struct tmpl_field *f, const char *s)
{
	size_t i;

	if (f->optset != NULL)
		return hset_has(f->optset, s, strlen(s));
	for (i = 0; i < f->options.n; i++)
		if (strcmp(f->options.v[i], s) == 0)
			return 1;
	return 0;
}

struct fcheck {
	struct vstate *vs;
	const struct tmpl_field *f;
	int in_record;
	size_t rec;
	int errors;		/* errors raised on this field */
};

static struct finding *
fc_vadd(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    int shared, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static struct finding *
fc_vadd(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    int shared, const char *fmt, va_list ap)
{
	enum tmpl_severity sev = fc->f->severity;
	struct finding *fi;
	char msg[1024], disp[1024];
	va_list ap2;

	if (kind == FIND_PATTERN_LIMIT)
		sev = TMPL_WARNING;
	va_copy(ap2, ap);
	vsnprintf(msg, sizeof msg, fmt, ap);
	disp[0] = '\0';
	if (lang_current() != LANG_EN && _(fmt) != fmt)
		vsnprintf(disp, sizeof disp, _(fmt), ap2);
	va_end(ap2);
	fi = add_field(fc->vs, fc->f, fc->in_record, fc->rec, kind, sev, at,
	    shared, msg, disp[0] != '\0' ? disp : NULL);
	if (sev == TMPL_ERROR)
		fc->errors++;
	return fi;
}

/* A finding whose message quotes the answer. */
static struct finding *
fc_add(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static struct finding *
fc_add(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    const char *fmt, ...)
{
	struct finding *fi;
	va_list ap;

	va_start(ap, fmt);
	fi = fc_vadd(fc, kind, at, 0, fmt, ap);
	va_end(ap);
	return fi;
}

/* A finding whose message comes from the template alone (shared). */
static struct finding *
fc_note(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static struct finding *
fc_note(struct fcheck *fc, enum finding_kind kind, const struct ynode *at,
    const char *fmt, ...)
{
	struct finding *fi;
	va_list ap;

	va_start(ap, fmt);
	fi = fc_vadd(fc, kind, at, 1, fmt, ap);
	va_end(ap);
	return fi;
}

static void
check_evidence(struct fcheck *fc, const struct ynode *v)
{
	const char *p = v->str;
	char *full;
	int status;

	if (strstr(p, "://") != NULL || strncmp(p, "\\\\", 2) == 0) {
		fc_add(fc, FIND_FILE, v, "'%s' must be a path to a file beside "
		    "the dossier, not a link or network share", p);
		return;
	}
	if (p[0] == '/' || strncmp(p, "../", 3) == 0 ||
	    strstr(p, "/../") != NULL)
		fc_add(fc, FIND_FILE, v, "evidence '%s' lies outside the "
		    "dossier's folder; keep evidence beside the dossier so it "
		    "travels with it", p);
	full = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", fc->vs->dir, p);
	status = evidence_status(fc->vs->cache, full);
	free(full);
	if (status == ENOENT || status == ENOTDIR)
		fc_add(fc, FIND_FILE, v, "evidence file '%s' not found", p);
	else if (status == EISDIR)
		fc_add(fc, FIND_FILE, v, "evidence '%s' is a folder; name a "
		    "file", p);
	else if (status == EVIDENCE_EMPTY)
		fc_add(fc, FIND_FILE, v, "evidence file '%s' is empty; attach "
		    "the document itself", p);
	else if (status != 0)
		fc_add(fc, FIND_FILE, v, "evidence '%s' is not a readable "
		    "regular file", p);
}

static void
check_pattern(struct fcheck *fc, const struct ynode *v)
{
	const struct tmpl_field *f = fc->f;

	switch (pattern_match(f->pattern, v->str, v->len)) {
	case PATTERN_MATCH:
		break;
	case PATTERN_NO_MATCH:
		if (f->pattern_message != NULL)
			set_display(fc->vs, fc_note(fc, FIND_PATTERN, v, "%s",
			    f->pattern_message), 1, "%s", tmpl_field_text(f,
			    TMPL_TR_PATTERN_MESSAGE, lang_current()));
		else
			fc_add(fc, FIND_PATTERN, v, "'%s' does not have the "
			    "expected form (%s)", v->str, f->pattern_src);
		break;
	case PATTERN_LIMIT:
		fc_note(fc, FIND_PATTERN_LIMIT, v, "the template's pattern for "
		    "this field gave up on this answer (PCRE2 limit); the "
		    "answer is neither accepted nor refused: fix the pattern "
		    "at %s:%d:%d", f->section->tmpl->path, f->pattern_line,
		    f->pattern_col);
		break;
	}
}

/*
 * Words and filler.  min_words counts what a reader counts: runs of
 * letters and digits, each Chinese, Japanese or Korean character a word of
 * its own (those scripts do not put spaces between words).  Punctuation and
 * spaces of every script separate words.
 */

/* Decode one UTF-8 sequence at s; *len gets its length (at least 1). */
static long
u8_next(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	long cp;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	cp = n == 1 ? -1 : u[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*len = i;
			return -1;
		}
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	*len = n;
	return cp;
}

static int
is_cjk(long cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) ||	/* Hangul jamo */
	    (cp >= 0x2e80 && cp <= 0x2fdf) ||		/* radicals */
	    (cp >= 0x3040 && cp <= 0x31bf) ||		/* kana, bopomofo */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* ext. A */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||		/* unified */
	    (cp >= 0xac00 && cp <= 0xd7af) ||		/* Hangul */
	    (cp >= 0xf900 && cp <= 0xfaff) ||		/* compatibility */
	    (cp >= 0x20000 && cp <= 0x3134f);		/* ext. B to G */
}

/* Spaces and punctuation of ASCII, Latin-1, general and CJK blocks. */
static int
is_separator(long cp)
{
	if (cp < 0)
		return 1;
	if (cp < 0x80)
		return !isalnum((int)cp);
	return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x2bff) ||
	    (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff0f) ||
	    (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65);
}

/*
 * Call fn for each word of s, with its bytes (ASCII letters lowered into
 * buf, which must hold strlen(s) + 1 bytes).
 */
static size_t
each_word(const char *s, char *buf, void (*fn)(void *, const char *),
    void *arg)
{
	size_t n = 0, len, o = 0;
	long cp;

	while (*s != '\0') {
		cp = u8_next(s, &len);
		if (is_separator(cp) || is_cjk(cp)) {
			if (o > 0) {
				buf[o] = '\0';
				if (fn != NULL)
					fn(arg, buf);
				n++;
				o = 0;
			}
			if (is_cjk(cp)) {
				memcpy(buf, s, len);
				buf[len] = '\0';
				if (fn != NULL)
					fn(arg, buf);
				n++;
			}
		} else {
			memcpy(buf + o, s, len);
			if (len == 1)
				buf[o] = (char)tolower((unsigned char)buf[o]);
			o += len;
		}
		s += len;
	}
	if (o > 0) {
		buf[o] = '\0';
		if (fn != NULL)
			fn(arg, buf);
		n++;
	}
	return n;
}

size_t
validate_count_words(const char *s)
{
	char *buf = xmalloc(strlen(s) + 1);
	size_t n = each_word(s, buf, NULL, NULL);

	free(buf);
	return n;
}

/*
 * What a filler answer is made of.  Answers that are nothing but one of
 * these (after case and punctuation are set aside) say nothing.
 */
static const char *const placeholders[] = {
	"n a", "na", "none", "nil", "null", "nothing", "no", "yes", "ok",
	"tbd", "tbc", "tba", "todo", "to do", "to be done", "to be determined",
	"to be confirmed", "to be added", "to follow", "later", "pending",
	"unknown", "not applicable", "not known", "x", "xx", "xxx", "test",
	"testing", "asdf", "qwerty", "placeholder", "dummy", "sample", "foo",
	"bar", "abc", "see above", "as above", "same as above", "same",
	"see attached", "see document", "see file", "etc",
	"\xe5\xbe\x85\xe5\xae\x9a",			/* 待定 */
	"\xe4\xb8\x8d\xe9\x81\xa9\xe7\x94\xa8",		/* 不適用 */
	"\xe4\xb8\x8d\xe9\x80\x82\xe7\x94\xa8",		/* 不适用 */
	"\xe7\x84\xa1", "\xe6\x97\xa0",			/* 無 无 */
	"\xe6\xb2\x92\xe6\x9c\x89", "\xe6\xb2\xa1\xe6\x9c\x89", /* 沒有 没有 */
	/* The same in Chinese: "same as above", "see attached", "to be
	 * added", "to be confirmed", "unknown", "later", "none for now",
	 * "test", "yes", "no", "ok", "omitted", "empty", "etc". */
	"\xe5\x90\x8c\xe4\xb8\x8a", "\xe5\xa6\x82\xe4\xb8\x8a",	/* 同上 如上 */
	"\xe8\xa6\x8b\xe4\xb8\x8a", "\xe8\xa7\x81\xe4\xb8\x8a",	/* 見上 见上 */
	"\xe5\x90\x8c\xe5\x89\x8d",	/* 同前 */
	"\xe8\xa6\x8b\xe9\x99\x84\xe4\xbb\xb6",	/* 見附件 */
	"\xe8\xa7\x81\xe9\x99\x84\xe4\xbb\xb6",	/* 见附件 */
	"\xe8\xa9\xb3\xe8\xa6\x8b\xe9\x99\x84\xe4\xbb\xb6",	/* 詳見附件 */
	"\xe8\xaf\xa6\xe8\xa7\x81\xe9\x99\x84\xe4\xbb\xb6",	/* 详见附件 */
	"\xe5\xbe\x85\xe8\xa3\x9c", "\xe5\xbe\x85\xe8\xa1\xa5",	/* 待補 待补 */
	"\xe5\xbe\x85\xe8\xa3\x9c\xe5\x85\x85",	/* 待補充 */
	"\xe5\xbe\x85\xe8\xa1\xa5\xe5\x85\x85",	/* 待补充 */
	"\xe5\xbe\x85\xe7\xa2\xba\xe8\xaa\x8d",	/* 待確認 */
	"\xe5\xbe\x85\xe7\xa1\xae\xe8\xae\xa4",	/* 待确认 */
	"\xe6\x9c\xaa\xe5\xae\x9a", "\xe6\x9c\xaa\xe7\x9f\xa5",	/* 未定 未知 */
	"\xe4\xb8\x8d\xe8\xa9\xb3", "\xe4\xb8\x8d\xe8\xaf\xa6",	/* 不詳 不详 */
	"\xe4\xb8\x8d\xe7\x9f\xa5\xe9\x81\x93",	/* 不知道 */
	"\xe7\xa8\x8d\xe5\xbe\x8c", "\xe7\xa8\x8d\xe5\x90\x8e",	/* 稍後 稍后 */
	"\xe4\xbb\xa5\xe5\xbe\x8c", "\xe4\xbb\xa5\xe5\x90\x8e",	/* 以後 以后 */
	"\xe6\x9a\xab\xe7\x84\xa1", "\xe6\x9a\x82\xe6\x97\xa0",	/* 暫無 暂无 */
	"\xe6\xb8\xac\xe8\xa9\xa6", "\xe6\xb5\x8b\xe8\xaf\x95",	/* 測試 测试 */
	"\xe6\x98\xaf", "\xe5\x90\xa6",	/* 是 否 */
	"\xe5\xa5\xbd", "\xe7\x95\xa5",	/* 好 略 */
	"\xe7\xa9\xba", "\xe7\xad\x89\xe7\xad\x89",	/* 空 等等 */
	NULL
};

#define FILLER_WORDS 64		/* distinct words tracked */

struct wordstat {
	char *joined;		/* the first words, space-separated */
	size_t joined_len, cap;
	char *seen[FILLER_WORDS];
	size_t nseen;		/* distinct words, up to FILLER_WORDS */
	size_t total;
	int truncated;		/* joined lacks a word */
	int lorem;		/* "lorem" followed by "ipsum" */
	int prev_lorem;
};

static void
note_word(void *arg, const char *w)
{
	struct wordstat *ws = arg;
	size_t i, len = strlen(w);

	ws->total++;
	ws->lorem |= ws->prev_lorem && strcmp(w, "ipsum") == 0;
	ws->prev_lorem = strcmp(w, "lorem") == 0;
	if (ws->joined_len + len + 2 <= ws->cap) {
		if (ws->joined_len > 0)
			ws->joined[ws->joined_len++] = ' ';
		memcpy(ws->joined + ws->joined_len, w, len + 1);
		ws->joined_len += len;
	} else
		ws->truncated = 1;
	for (i = 0; i < ws->nseen; i++)
		if (strcmp(ws->seen[i], w) == 0)
			return;
	if (ws->nseen < FILLER_WORDS)
		ws->seen[ws->nseen++] = xstrdup(w);
}

/* Words of CJK text come one character each: "待 定" is "待定". */
static int
same_but_spaces(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

/* One character, over and over, spaces and all ("aaaa", "....", "x x"). */
static int
one_char_repeated(const char *s)
{
	const char *first = NULL;
	size_t len, flen = 0;

	for (; *s != '\0'; s += len) {
		u8_next(s, &len);
		if (isspace((unsigned char)*s))
			continue;
		if (first == NULL) {
			first = s;
			flen = len;
		} else if (len != flen || memcmp(s, first, len) != 0)
			return 0;
	}
	return 1;
}

/*
 * Why text looks like filler, or NULL.  min_words sets the bar for
 * variety: at least half that many different words, and (for ten words or
 * more) not the same few words over and over.
 */
static const char *
filler_reason(const char *s, long min_words, char *why, size_t size, int tr)
{
	struct wordstat ws;
	char *buf = xmalloc(strlen(s) + 1);
	/* tr: the reason in the display language, for the message beside
	 * the English one. */
	const char *reason = NULL;
	size_t i, need;

	memset(&ws, 0, sizeof ws);
	ws.cap = 64;
	ws.joined = xmalloc(ws.cap);
	ws.joined[0] = '\0';
	each_word(s, buf, note_word, &ws);
	need = min_words > 1 ? ((size_t)min_words + 1) / 2 : 1;
	if (ws.total <= 4 && !ws.truncated) {
		for (i = 0; placeholders[i] != NULL; i++)
			if (same_but_spaces(ws.joined, placeholders[i]))
				break;
		if (placeholders[i] != NULL) {
			snprintf(why, size, tr ? _("a placeholder ('%s')") :
			    "a placeholder ('%s')", placeholders[i]);
			reason = why;
		}
	}
	if (reason == NULL && one_char_repeated(s))
		reason = tr ? _("one character repeated") :
		    "one character repeated";
	else if (reason == NULL && ws.lorem)
		reason = tr ? _("placeholder text (lorem ipsum)") :
		    "placeholder text (lorem ipsum)";
	if (reason == NULL && ws.total >= need && ws.nseen < need &&
	    ws.nseen < FILLER_WORDS) {
		if (tr)
			snprintf(why, size, ngettext("only %zu different word",
			    "only %zu different words", ws.nseen), ws.nseen);
		else
			snprintf(why, size, "only %zu different word%s",
			    ws.nseen, ws.nseen == 1 ? "" : "s");
		reason = why;
	} else if (reason == NULL && ws.total >= 10 &&
	    ws.nseen < FILLER_WORDS && ws.nseen * 10 < ws.total * 3) {
		snprintf(why, size, tr ? _("the same %zu words repeated") :
		    "the same %zu words repeated", ws.nseen);
		reason = why;
	}
	for (i = 0; i < ws.nseen; i++)
		free(ws.seen[i]);
	free(ws.joined);
	free(buf);
	return reason;
}

/* min_words and the filler check, for fields that ask for substance. */
static void
check_substance(struct fcheck *fc, const struct ynode *v)
{
	const struct tmpl_field *f = fc->f;
	struct finding *fi;
	const char *reason;
	char why[128];
	size_t n;

	if (f->min_words < 0)
		return;
	reason = filler_reason(v->str, f->min_words, why, sizeof why, 0);
	if (reason != NULL) {
		fi = fc_add(fc, FIND_FILLER, v, "this answer says nothing "
		    "(%s); write what the reviewer needs to know", reason);
		if (lang_current() != LANG_EN) {
			reason = filler_reason(v->str, f->min_words, why,
			    sizeof why, 1);
			set_display(fc->vs, fi, 0, _("this answer says nothing "
			    "(%s); write what the reviewer needs to know"),
			    reason);
		}
		return;
	}
	n = validate_count_words(v->str);
	if (n < (size_t)f->min_words)
		set_display(fc->vs, fc_add(fc, FIND_LENGTH, v, "too short: %zu "
		    "word%s, at least %ld expected", n, n == 1 ? "" : "s",
		    f->min_words), 0, ngettext("too short: %zu word, at least "
		    "%ld expected", "too short: %zu words, at least %ld "
		    "expected", n), n, f->min_words);
}

/* A one-line question's answer should stay on one line. */
static void
one_line(struct fcheck *fc, const struct ynode *v)
{
	if (strchr(v->str, '\n') != NULL)
		fc_note(fc, FIND_VALUE, v, "keep this answer to one line "
		    "(use a long-text question for more)");
}

static void
check_scalar(struct fcheck *fc, const struct ynode *v)
{
	const struct tmpl_field *f = fc->f;
	long long n;
	size_t len;
	char *end;

	switch (f->type) {
	case TMPL_CHOICE:
		if (!is_option(f, v->str))
			fc_add(fc, FIND_VALUE, v, "'%s' is not one of the "
			    "options", v->str);
		break;
	case TMPL_YESNO:
		if (strcmp(v->str, "yes") != 0 && strcmp(v->str, "no") != 0 &&
		    strcmp(v->str, "true") != 0 && strcmp(v->str, "false") != 0)
			fc_add(fc, FIND_VALUE, v, "answer yes or no, not '%s'",
			    v->str);
		break;
	case TMPL_DATE:
		if (!validate_is_date(v->str))
			fc_add(fc, FIND_VALUE, v, "'%s' is not a date in the "
			    "form YYYY-MM-DD", v->str);
		break;
	case TMPL_INTEGER:
		errno = 0;
		n = strtoll(v->str, &end, 10);
		if (*end == '\0' && errno == ERANGE && end != v->str)
			fc_add(fc, FIND_RANGE, v, "'%s' is out of range (a whole "
			    "number from %lld to %lld)", v->str, LLONG_MIN,
			    LLONG_MAX);
		else if (*end != '\0' || errno != 0 || end == v->str)
			fc_add(fc, FIND_VALUE, v, "'%s' is not a whole number",
			    v->str);
		else if (f->has_min && n < f->min)
			fc_add(fc, FIND_RANGE, v, "%lld is below the minimum "
			    "of %lld", n, f->min);
		else if (f->has_max && n > f->max)
			fc_add(fc, FIND_RANGE, v, "%lld is above the maximum "
			    "of %lld", n, f->max);
		break;
	case TMPL_FILE:
		check_evidence(fc, v);
		break;
	case TMPL_VERSION:
		/*
		 * Every scheme has a number in it; "a", "tbd", "latest" do
		 * not.  A template's own pattern says what its scheme is.
		 */
		if (f->pattern == NULL && strpbrk(v->str, "0123456789") == NULL)
			fc_add(fc, FIND_VALUE, v, "'%s' is not a version "
			    "identifier: give the one the software reports, "
			    "with its number (e.g. 2.4.1)", v->str);
		one_line(fc, v);
		break;
	case TMPL_TEXT:
		one_line(fc, v);
		break;
	default:
		break;
	}
	len = utf8_chars(v->str);
	if (f->min_length >= 0 && len < (size_t)f->min_length)
		fc_add(fc, FIND_LENGTH, v, "too short: %zu characters, at least "
		    "%ld expected", len, f->min_length);
	if (f->max_length >= 0 && len > (size_t)f->max_length)
		fc_add(fc, FIND_LENGTH, v, "too long: %zu characters, at most "
		    "%ld allowed", len, f->max_length);
	if (f->pattern != NULL)
		check_pattern(fc, v);
	check_substance(fc, v);
}

static void
check_items(struct fcheck *fc, const struct ynode *v, const char *noun)
{
	const struct tmpl_field *f = fc->f;

	if (f->min_items >= 0 && v->n < (size_t)f->min_items)
		set_display(fc->vs, fc_add(fc, FIND_ITEMS, v, "%zu %s; at least "
		    "%ld needed", v->n, noun, f->min_items), 0, _("%zu %s; at "
		    "least %ld needed"), v->n, _(noun), f->min_items);
	if (f->max_items >= 0 && v->n > (size_t)f->max_items)
		set_display(fc->vs, fc_add(fc, FIND_ITEMS, v, "%zu %s; at most "
		    "%ld allowed", v->n, noun, f->max_items), 0, _("%zu %s; at "
		    "most %ld allowed"), v->n, _(noun), f->max_items);
}

static void
check_multichoice(struct fcheck *fc, const struct ynode *v)
{
	struct hset *seen = hset_new();
	size_t i, *count;

	/*
	 * One finding per distinct value, however often it repeats (at its
	 * second occurrence), and a set instead of a scan of the earlier
	 * items: 6,000 copies of one item once meant 18 million findings.
	 */
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->vals[i];

		count = hset_slot(seen, it->str, it->len, NULL);
		if (++*count == 1 && !is_option(fc->f, it->str))
			fc_add(fc, FIND_VALUE, it, "'%s' is not one of the "
			    "options", it->str);
		if (*count == 2)
			fc_add(fc, FIND_VALUE, it, "'%s' is chosen more than "
			    "once", it->str);
	}
	hset_free(seen);
	check_items(fc, v, v->n == 1 ? N_("item") : N_("items"));
}

static int check_field(struct vstate *vs, const struct tmpl_field *f,
    int in_record, size_t rec, const struct ynode *holder);

struct outside {
	const struct tmpl_field *g;
	int hit;
};

static void
note_outside(void *arg, const struct cond_ref *ref)
{
	struct outside *o = arg;
	const struct tmpl_field *t = ref->target;

	if (t == NULL || t->group != o->g)
		o->hit = 1;
}

/*
 * Records are re-checked only when they may have changed: all of them
 * after a full validation or a change of the group's shape, one of them
 * after an edit inside it.  A group whose record conditions read answers
 * outside the record is always re-checked in full.
 */
static int
record_reads_outside(const struct tmpl_field *g)
{
	struct outside o = { g, 0 };
	size_t i;

	for (i = 0; i < g->nfields && !o.hit; i++) {
		if (g->fields[i].when != NULL)
			cond_foreach_ref(g->fields[i].when, note_outside, &o);
		if (g->fields[i].required_if != NULL)
			cond_foreach_ref(g->fields[i].required_if, note_outside,
			    &o);
	}
	return o.hit;
}

static void
check_record(struct vstate *vs, const struct tmpl_field *g,
    struct fres *fr, const struct ynode *rec, size_t i)
{
	const struct ynode *saved_pos = vs->pos;
	struct fbuf *saved_out = vs->out;
	size_t j;
	int bad = 0;

	fbuf_clear(&fr->recs[i]);
	vs->out = &fr->recs[i];
	vs->pos = rec;
	for (j = 0; j < g->nfields; j++) {
		bad |= check_field(vs, &g->fields[j], 1, i, rec) < 0;
		fr->asked[i * g->nfields + j] = (unsigned char)vs->asked;
	}
	fr->rec_bad[i] = (unsigned char)bad;
	vs->out = saved_out;
	vs->pos = saved_pos;
}

/*
 * unique: no two records may give the same answers to a set of record
 * fields (the same dataset twice under two names, say).  Answers compare
 * with case and runs of white space set aside.  Records missing one of the
 * answers are left out.  Sorting keeps this n log n on large groups.
 */
struct ukey {
	char *key;
	size_t rec;
};

static int
ukey_cmp(const void *a, const void *b)
{
	const struct ukey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* Append a normalised copy of s and a separator to buf at *o. */
static void
ukey_add(char *buf, size_t *o, const char *s)
{
	int space = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space)
			buf[(*o)++] = ' ';
		space = 0;
		buf[(*o)++] = (char)tolower((unsigned char)*s);
	}
	buf[(*o)++] = '\x1f';
	buf[*o] = '\0';
}

static char *
ukey_of(const struct tmpl_unique *u, const struct ynode *rec)
{
	const struct ynode *v;
	size_t i, len = 1, o = 0;
	char *buf;

	if (rec == NULL || rec->kind != YT_MAP)
		return NULL;
	for (i = 0; i < u->n; i++) {
		v = yt_get(rec, u->f[i]->id);
		if (!dossier_filled(v) || v->kind != YT_SCALAR)
			return NULL;
		len += strlen(v->str) + 1;
	}
	buf = xmalloc(len);
	for (i = 0; i < u->n; i++)
		ukey_add(buf, &o, yt_get(rec, u->f[i]->id)->str);
	return buf;
}

static void
check_unique(struct fcheck *fc, const struct ynode *g)
{
	const struct tmpl_field *gf = fc->f;
	struct ukey *keys;
	size_t i, j, k, n, first;
	char what[512], msg[1024];

	for (i = 0; i < gf->nunique; i++) {
		const struct tmpl_unique *u = &gf->unique[i];

		keys = xcalloc(g->n, sizeof *keys);
		for (j = n = 0; j < g->n; j++) {
			if ((keys[n].key = ukey_of(u, g->vals[j])) != NULL)
				keys[n++].rec = j;
		}
		qsort(keys, n, sizeof *keys, ukey_cmp);
		what[0] = '\0';
		for (k = 0; k < u->n; k++)
			snprintf(what + strlen(what), sizeof what - strlen(what),
			    "%s'%s'", k == 0 ? "" : k + 1 == u->n ? " and " :
			    ", ", u->f[k]->label);
		/* Sorted by key, then record: each run's first is the
		 * original, and every later one in the run repeats it. */
		for (j = 1, first = 0; j < n; j++) {
			if (strcmp(keys[j].key, keys[first].key) != 0) {
				first = j;
				continue;
			}
			snprintf(msg, sizeof msg, "the same %s as record %zu; "
			    "each record must describe different data, so "
			    "merge the two or correct one", what,
			    keys[first].rec + 1);
			add_field(fc->vs, u->f[0], 1, keys[j].rec,
			    FIND_DUPLICATE, gf->severity,
			    yt_get(g->vals[keys[j].rec], u->f[0]->id), 0, msg, NULL);
			if (gf->severity == TMPL_ERROR)
				fc->errors++;
		}
		for (j = 0; j < n; j++)
			free(keys[j].key);
		free(keys);
	}
}

static int
check_group(struct fcheck *fc, const struct ynode *v)
{
	struct vstate *vs = fc->vs;
	struct fres *fr = vs->fres;
	const struct tmpl_field *g = fc->f;
	size_t i;
	int incomplete = 0;

	vs->group_seen = 1;
	check_items(fc, v, v->n == 1 ? N_("record") : N_("records"));
	check_unique(fc, v);
	if (!fr->have_recs || fr->nrec != v->n || record_reads_outside(g)) {
		fres_drop_recs(fr);
		fr->nrec = v->n;
		fr->recs = xcalloc(v->n, sizeof *fr->recs);
		fr->rec_bad = xcalloc(v->n, 1);
		fr->asked = xcalloc(v->n, g->nfields > 0 ? g->nfields : 1);
		for (i = 0; i < v->n; i++)
			check_record(vs, g, fr, v->vals[i], i);
		fr->have_recs = 1;
	} else if (vs->hint_group == g && vs->hint_rec < v->n) {
		check_record(vs, g, fr, v->vals[vs->hint_rec], vs->hint_rec);
	}
	for (i = 0; i < fr->nrec; i++)
		incomplete += fr->rec_bad[i];
	return incomplete;
}

/*
 * Check one field.  Returns 1 when it counts as complete, 0 when it does
 * not apply or is optional and empty, -1 when it is required (or has an
 * error) and is not complete.
 */
static int
check_field(struct vstate *vs, const struct tmpl_field *f, int in_record,
    size_t rec, const struct ynode *holder)
{
	struct fcheck fc = { vs, f, in_record, rec, 0 };
	const struct ynode *v = f->fact != NULL ? dossier_get(vs->d, f, 0) :
	    yt_get(holder, f->id);
	const char *na = dossier_na_reason(v);
	int required, incomplete = 0, ok, req_if = 0;

	ok = vholds(vs, f->when, in_record ? holder : NULL);
	vs->asked = ok != 0;
	if (ok == 1 && f->required_if != NULL) {
		req_if = vholds(vs, f->required_if, in_record ? holder : NULL);
		if (req_if < 0)
			ok = -1;
	}
	if (ok < 0 && vs->pool == 0) {
		fc_note(&fc, FIND_VALUE, v, "not checked: the template's "
		    "conditions took more than %lu evaluation steps in all, "
		    "the limit for checking a dossier; the condition for "
		    "'%s' (%s:%d:%d) runs for every record (count() in a "
		    "record's condition?); simplify it", VALIDATE_COND_POOL,
		    f->id, f->section->tmpl->path, f->line, f->col);
		return -1;
	}
	if (ok < 0) {
		fc_note(&fc, FIND_VALUE, v, "not checked: the template's "
		    "condition for '%s' (%s:%d:%d) needs more than %lu "
		    "evaluation steps (nested count()?); simplify it", f->id,
		    f->section->tmpl->path, f->line, f->col, COND_EVAL_BUDGET);
		return -1;
	}
	if (ok == 0)
		return 0;
	required = f->required || req_if == 1;
	if (na != NULL) {
		if (!f->allow_na)
			fc_note(&fc, FIND_NA, v, "this question cannot be "
			    "marked not applicable; answer it");
		else if (!dossier_filled(yt_get(v, "not_applicable")))
			fc_note(&fc, FIND_NA, v, "say why this does not apply: "
			    "a reason is required");
	} else if (!dossier_filled(v)) {
		if (!required)
			return 0;
		if (f->type == TMPL_GROUP)
			set_display(vs, fc_note(&fc, FIND_MISSING, v, "%s: no "
			    "records yet", f->label), 1, _("%s: no records yet"),
			    tmpl_field_text(f, TMPL_TR_LABEL,
			    lang_current()));
		else
			set_display(vs, fc_note(&fc, FIND_MISSING, v, "%s: not "
			    "answered", f->label), 1, _("%s: not answered"),
			    tmpl_field_text(f, TMPL_TR_LABEL,
			    lang_current()));
		return -1;
	} else if (f->type == TMPL_GROUP) {
		incomplete = check_group(&fc, v);
	} else if (f->type == TMPL_MULTICHOICE) {
		check_multichoice(&fc, v);
	} else {
		check_scalar(&fc, v);
	}
	if (fc.errors > 0 || incomplete > 0)
		return required || fc.errors > 0 ? -1 : 0;
	return required ? 1 : 0;
}

static void
check_rules(struct vstate *vs, const struct tmpl_section *s,
    const struct ynode *sa)
{
	const struct tmpl_rule *ru;
	struct finding *fi;
	const struct ynode *at;
	size_t i;
	int ok;

	for (i = 0; i < s->nrules; i++) {
		ru = &s->rules[i];
		ok = vholds(vs, ru->when, NULL);
		if (ok == 0)
			continue;
		if (ok == 1) {
			ok = vholds(vs, ru->assert, NULL);
			if (ok == 1)
				continue;
			ok = ok < 0 ? -1 : 1;
		}
		/* ok: 1 the rule fails, -1 it could not be decided. */
		at = ru->field == NULL ? NULL : ru->field->fact != NULL ?
		    dossier_get(vs->d, ru->field, 0) :
		    yt_get(sa, ru->field->id);
		if (ok < 0 && vs->pool == 0)
			fi = add(vs, TMPL_ERROR, FIND_RULE, at != NULL ? at :
			    sa, 1, "rule '%s' (%s:%d:%d) not checked: the "
			    "template's conditions took more than %lu evaluation "
			    "steps in all, the limit for checking a dossier "
			    "(count() in a record's condition?); simplify them",
			    ru->id != NULL ? ru->id : ru->message,
			    s->tmpl->path, ru->line, ru->col,
			    VALIDATE_COND_POOL);
		else if (ok < 0)
			fi = add(vs, TMPL_ERROR, FIND_RULE, at != NULL ? at :
			    sa, 1, "rule '%s' (%s:%d:%d) not checked: its "
			    "condition needs more than %lu evaluation steps "
			    "(nested count()?); simplify it", ru->id != NULL ?
			    ru->id : ru->message, s->tmpl->path, ru->line,
			    ru->col, COND_EVAL_BUDGET);
		else
			set_display(vs, fi = add(vs, ru->severity, FIND_RULE,
			    at != NULL ? at : sa, 1, "%s", ru->message), 1, "%s",
			    tmpl_rule_text(ru, lang_current()));
		fi->tmpl = s->tmpl;
		fi->section = s;
		fi->field = ru->field;
		fi->rule = ru;
		fi->clause = tmpl_rule_clause(ru);
		fi->prov = tmpl_rule_prov(ru);
	}
}

static const struct ynode *
nearest(const struct ynode *a, const struct ynode *b)
{
	return a != NULL && a->line > 0 ? a : b;
}

/*
 * (Re)compute a section's buckets.  Its status counters are derived later
 * from the buckets (report_rebuild).
 */
static void
check_section(struct vstate *vs, struct section_status *ss, struct sres *sr)
{
	const struct tmpl_section *s = ss->section;
	const struct ynode *answers = yt_get(vs->d->root, "answers");
	const struct ynode *ta = yt_get(answers, s->tmpl->id);
	const struct ynode *sa = yt_get(ta, s->id);
	size_t i;

	ss->applies = validate_section_applies(vs->d, s);
	fbuf_clear(&sr->rules);
	for (i = 0; i < s->nfields; i++)
		sr->fields[i].rc = 0;
	if (!ss->applies) {
		for (i = 0; i < s->nfields; i++) {
			fbuf_clear(&sr->fields[i].own);
			fres_drop_recs(&sr->fields[i]);
		}
		return;
	}
	if (ta != NULL && ta->kind != YT_MAP)
		ta = NULL;
	if (sa != NULL && sa->kind != YT_MAP)
		sa = NULL;
	vs->pos = nearest(sa, nearest(ta, nearest(answers, vs->d->root)));
	for (i = 0; i < s->nfields; i++) {
		struct fres *fr = &sr->fields[i];

		fbuf_clear(&fr->own);
		vs->out = &fr->own;
		vs->fres = fr;
		vs->group_seen = 0;
		fr->rc = check_field(vs, &s->fields[i], 0, 0, sa);
		if (s->fields[i].type == TMPL_GROUP && !vs->group_seen)
			fres_drop_recs(fr);
	}
	vs->out = &sr->rules;
	check_rules(vs, s, sa);
	vs->fres = NULL;
}

/* Keys no template knows are kept; say so, once each. */
static void
unknown(struct vstate *vs, const struct ynode *key, const char *what,
    const char *path)
{
	struct finding *fi = add(vs, TMPL_WARNING, FIND_UNKNOWN, key, 0,
	    "'%s' %s (kept as it is)", key->str, what);

	set_display(vs, fi, 0, _("'%s' %s (kept as it is)"), key->str,
	    _(what));

	fi->key_path = xstrdup(path);
}

static void
unknown_in(struct vstate *vs, const struct ynode *m,
    const struct tmpl_field *fs, size_t n, const char *path)
{
	size_t i;
	char *p;

	if (m == NULL || m->kind != YT_MAP)
		return;
	for (i = 0; i < m->n; i++) {
		if (tmpl_field_by_id(fs, n, m->keys[i]->str) != NULL)
			continue;
		p = xasprintf("%s.%s", path, m->keys[i]->str);
		unknown(vs, m->keys[i], "is not a question of this template",
		    p);
		free(p);
	}
}

static void
check_unknown_records(struct vstate *vs, const struct tmpl_section *s,
    const struct ynode *sa)
{
	const struct ynode *g;
	size_t i, j;
	char *p;

	for (i = 0; i < s->nfields; i++) {
		if (s->fields[i].type != TMPL_GROUP)
			continue;
		g = yt_get(sa, s->fields[i].id);
		if (g == NULL || g->kind != YT_SEQ)
			continue;
		for (j = 0; j < g->n; j++) {
			p = xasprintf("%s.%s.%s[%zu]", s->tmpl->id, s->id,
			    s->fields[i].id, j + 1);
			unknown_in(vs, g->vals[j], s->fields[i].fields,
			    s->fields[i].nfields, p);
			free(p);
		}
	}
}

static void
check_unknown(struct vstate *vs)
{
	static const char *const top[] = { "format", "templates", "device",
	    "answers", "reviews", "conflicts", "evidence" };
	const struct dossier *d = vs->d;
	const struct ynode *answers = yt_get(d->root, "answers"), *ta;
	const struct tmpl_section *s;
	size_t i, j, k;
	char *p;

	for (i = 0; i < d->root->n; i++) {
		for (j = 0; j < 7; j++)
			if (strcmp(d->root->keys[i]->str, top[j]) == 0)
				break;
		if (j == 7)
			unknown(vs, d->root->keys[i], "is not a dossier key "
			    "(format, templates, device, answers, reviews, "
			    "conflicts, evidence)",
			    d->root->keys[i]->str);
	}
	if (answers == NULL || answers->kind != YT_MAP)
		return;
	for (i = 0; i < answers->n; i++) {
		const struct tmpl *t = NULL;

		for (k = 0; k < d->ntmpls; k++)
			if (strcmp(d->tmpls[k]->id, answers->keys[i]->str) == 0)
				t = d->tmpls[k];
		if (t == NULL) {
			unknown(vs, answers->keys[i], "is not a template the "
			    "dossier lists in 'templates'",
			    answers->keys[i]->str);
			continue;
		}
		ta = answers->vals[i];
		if (ta->kind != YT_MAP)
			continue;
		for (j = 0; j < ta->n; j++) {
			s = tmpl_section_by_id(t, ta->keys[j]->str);
			p = xasprintf("%s.%s", t->id, ta->keys[j]->str);
			if (s == NULL) {
				unknown(vs, ta->keys[j], "is not a section of "
				    "this template", p);
			} else {
				unknown_in(vs, ta->vals[j], s->fields,
				    s->nfields, p);
				check_unknown_records(vs, s, ta->vals[j]);
			}
			free(p);
		}
	}
}

/*
 * Rebuilding the flat list: every bucket, in template order, is placed in
 * a new array and becomes a view of it, so each finding is stored once.
 * in_place: the buckets already lie in order in the arena (a first
 * validation), and only become views of it.
 */
struct rebuild {
	struct report *r;
	struct finding *to;
	size_t n;
	int in_place;
};

static void
place(struct rebuild *rb, struct section_status *ss, struct fbuf *b)
{
	struct report *r = rb->r;
	size_t i;

	if (b->n > 0) {
		if (!rb->in_place) {
			memcpy(rb->to + rb->n, b->f, b->n * sizeof *b->f);
			if (b->cap > 0)
				free(b->f);
		}
		b->f = rb->to + rb->n;
		b->cap = 0;
	}
	for (i = 0; i < b->n; i++) {
		size_t *c = b->f[i].sev == TMPL_ERROR ? &r->errors :
		    b->f[i].sev == TMPL_WARNING ? &r->warnings : &r->infos;

		(*c)++;
		if (ss == NULL)
			continue;
		c = b->f[i].sev == TMPL_ERROR ? &ss->errors :
		    b->f[i].sev == TMPL_WARNING ? &ss->warnings : &ss->infos;
		(*c)++;
	}
	rb->n += b->n;
}

/*
 * Call fn on every bucket in template order; stops early when fn returns
 * nonzero, and returns that.  with_status: also recount completeness.
 */
static int
each_bucket(struct report *r, int with_status,
    int (*fn)(void *, struct section_status *, struct fbuf *), void *arg)
{
	struct report_cache *rc = r->cache;
	size_t i, j, k;
	int stop;

	for (i = 0; i < r->nsections; i++) {
		struct section_status *ss = &r->sections[i];
		const struct tmpl_section *s = ss->section;
		struct sres *sr = &rc->secs[i];

		for (j = 0; j < s->nfields; j++) {
			struct fres *fr = &sr->fields[j];

			if ((stop = fn(arg, ss, &fr->own)) != 0)
				return stop;
			for (k = 0; k < fr->nrec; k++)
				if ((stop = fn(arg, ss, &fr->recs[k])) != 0)
					return stop;
			if (with_status) {
				ss->required += fr->rc != 0;
				ss->complete += fr->rc > 0;
			}
		}
		if ((stop = fn(arg, ss, &sr->rules)) != 0)
			return stop;
		if ((stop = fn(arg, ss, &sr->proof)) != 0)
			return stop;
		if (with_status) {
			r->required += ss->required;
			r->complete += ss->complete;
		}
	}
	if ((stop = fn(arg, NULL, &rc->unknown)) != 0)
		return stop;
	if ((stop = fn(arg, NULL, &rc->reviews)) != 0)
		return stop;
	return fn(arg, NULL, &rc->proof);
}

static int
count_bucket(void *arg, struct section_status *ss, struct fbuf *b)
{
	(void)ss;
	*(size_t *)arg += b->n;
	return 0;
}

static int
place_bucket(void *arg, struct section_status *ss, struct fbuf *b)
{
	place(arg, ss, b);
	return 0;
}

/* Is this bucket next in the arena?  (Nonzero stops: it is not.) */
static int
arena_bucket(void *arg, struct section_status *ss, struct fbuf *b)
{
	size_t *next = arg;

	(void)ss;
	if (b->n > 0 && b->off != *next)
		return 1;
	*next += b->n;
	return 0;
}

/* The flat list and every counter, from the buckets, in template order. */
static void
report_rebuild(struct report *r, struct finding *arena)
{
	struct rebuild rb = { r, arena, 0, arena != NULL };
	size_t i, total = 0;

	if (arena == NULL) {
		each_bucket(r, 0, count_bucket, &total);
		rb.to = total > 0 ? xreallocarray(NULL, total,
		    sizeof *rb.to) : NULL;
	}
	r->errors = r->warnings = r->infos = 0;
	r->required = r->complete = 0;
	for (i = 0; i < r->nsections; i++) {
		struct section_status *ss = &r->sections[i];

		ss->errors = ss->warnings = ss->infos = 0;
		ss->required = ss->complete = 0;
	}
	each_bucket(r, 1, place_bucket, &rb);
	if (r->f != rb.to)
		free(r->f);
	r->f = rb.to;
	r->n = r->cap = rb.n;
}

static void
vstate_init(struct vstate *vs, const struct dossier *d, struct vcache *cache,
    struct report_cache *rc)
{
	memset(vs, 0, sizeof *vs);
	vs->d = d;
	vs->cache = cache;
	vs->rc = rc;
	vs->pool = VALIDATE_COND_POOL;
	vs->dir = store_dirname(d->path != NULL ? d->path : "");
}

static void
recheck_unknown(struct vstate *vs, struct report *r)
{
	fbuf_clear(&r->cache->unknown);
	vs->out = &r->cache->unknown;
	vs->pos = vs->d->root;
	check_unknown(vs);
}

/*
 * Reviews go stale when any answer changes, so they are checked again on
 * every update; there are few of them.
 */
static void
recheck_reviews(struct vstate *vs, struct report *r)
{
	struct review_note *v;
	struct finding *fi;
	size_t n, i;

	fbuf_clear(&r->cache->reviews);
	vs->out = &r->cache->reviews;
	vs->pos = vs->d->root;
	v = review_notes(vs->d, &n);
	for (i = 0; i < n; i++) {
		fi = add(vs, v[i].sev, v[i].message[0] == 'm' &&
		    strncmp(v[i].message, "merge conflict", 14) == 0 ?
		    FIND_CONFLICT : FIND_REVIEW, v[i].at, 0, "%s",
		    v[i].message);
		if (v[i].shown != NULL)
			set_message(vs, fi, 0, v[i].message, v[i].shown);
		fi->key_path = xstrdup(v[i].path);
		if (v[i].field != NULL) {
			const struct tmpl_field *top = v[i].field->group != NULL ?
			    v[i].field->group : v[i].field;

			fi->field = v[i].field;
			fi->rec = (uint32_t)v[i].rec;
			fi->in_record = v[i].in_record != 0;
			fi->section = top->section;
			fi->tmpl = top->section->tmpl;
			fi->clause = tmpl_field_clause(v[i].field);
			fi->prov = tmpl_field_prov(v[i].field);
		}
	}
	review_notes_free(v, n);
}

/*
 * The cache's proof findings about section i (i == r->nsections: about
 * none of the report's sections), copied with their messages and paths so
 * that the report owns everything it holds; cheap, there are few.  They
 * follow the section's own findings, so lists stay in template order.
 */
static void
recheck_proof(struct vstate *vs, struct report *r, size_t i)
{
	const struct flist *l = vs->cache != NULL ? vs->cache->proof : NULL;
	const struct finding *src;
	struct finding *f;
	size_t k, j, n;

	vs->out = i < r->nsections ? &r->cache->secs[i].proof :
	    &r->cache->proof;
	fbuf_clear(vs->out);
	for (k = 0; l != NULL && k < l->n; k++) {
		src = &l->f[k];
		for (j = 0; j < r->nsections; j++)
			if (src->section != NULL &&
			    r->sections[j].section == src->section)
				break;
		if (j != i)
			continue;
		/* A question not asked has no verdict (checklist.h). */
		if (src->field != NULL && !validate_applies(vs->d, src->field,
		    src->in_record ? src->rec : 0))
			continue;
		f = new_slot(vs);
		*f = *src;
		n = strlen(src->message) + 1;
		if (src->has_display)
			n += strlen(src->message + n) + 1;
		f->message = xmalloc(n);
		memcpy(f->message, src->message, n);
		f->msg_owned = 1;
		f->key_path = src->key_path != NULL ?
		    xstrdup(src->key_path) : NULL;
	}
}

static void
check_all(struct vstate *vs, struct report *r)
{
	size_t i;

	for (i = 0; i < r->nsections; i++) {
		check_section(vs, &r->sections[i], &r->cache->secs[i]);
		recheck_proof(vs, r, i);
	}
	recheck_unknown(vs, r);
	recheck_reviews(vs, r);
	recheck_proof(vs, r, r->nsections);
}

static int
forget_bucket(void *arg, struct section_status *ss, struct fbuf *b)
{
	(void)arg;
	(void)ss;
	b->n = 0;
	return 0;
}

static struct report *
validate_with(const struct dossier *d, struct vcache *cache, int use_arena)
{
	struct report *r = xcalloc(1, sizeof *r);
	struct fbuf arena = { NULL, 0, 0, 0 };
	struct vstate vs;
	size_t i, j, n = 0, next = 0;

	for (i = 0; i < d->ntmpls; i++)
		n += d->tmpls[i]->nsections;
	r->sections = xcalloc(n, sizeof *r->sections);
	r->cache = xcalloc(1, sizeof *r->cache);
	r->cache->secs = xcalloc(n, sizeof *r->cache->secs);
	for (i = 0; i < d->ntmpls; i++) {
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			struct section_status *ss = &r->sections[r->nsections];
			struct sres *sr = &r->cache->secs[r->nsections++];

			ss->section = &d->tmpls[i]->sections[j];
			sr->fields = xcalloc(ss->section->nfields,
			    sizeof *sr->fields);
		}
	}
	vstate_init(&vs, d, cache, r->cache);
	vs.arena = use_arena ? &arena : NULL;
	check_all(&vs, r);
	if (use_arena && (each_bucket(r, 0, arena_bucket, &next) != 0 ||
	    next != arena.n)) {
		/*
		 * A bucket was filled out of template order: not expected,
		 * but then the findings are checked again into the buckets
		 * rather than reported in a wrong order.
		 */
		for (i = 0; i < arena.n; i++)
			finding_release(&arena.f[i]);
		free(arena.f);
		arena.f = NULL;
		each_bucket(r, 0, forget_bucket, NULL);
		vs.arena = NULL;
		use_arena = 0;
		for (i = 0; i < r->nsections; i++)
			for (j = 0; j < r->sections[i].section->nfields; j++)
				fres_drop_recs(&r->cache->secs[i].fields[j]);
		check_all(&vs, r);
	}
	if (use_arena && arena.n < arena.cap && arena.n > 0)
		arena.f = xreallocarray(arena.f, arena.n, sizeof *arena.f);
	if (use_arena && arena.n == 0) {
		free(arena.f);
		arena.f = NULL;
	}
	/* An empty arena has nothing to adopt: rebuild from the buckets. */
	report_rebuild(r, arena.f);
	free(vs.dir);
	return r;
}

struct report *
validate(const struct dossier *d, struct vcache *cache)
{
	return validate_with(d, cache, 1);
}

struct report *
validate_with_proof(const struct dossier *d, const struct flist *proof)
{
	struct vcache *c = vcache_new();
	struct report *r;

	vcache_set_proof(c, proof);
	r = validate(d, c);
	vcache_free(c);
	return r;
}

struct report *
validate_buckets(const struct dossier *d, struct vcache *cache)
{
	return validate_with(d, cache, 0);
}

struct reads_section {
	const struct tmpl_section *s;
	int hit;
};

static void
note_section(void *arg, const struct cond_ref *ref)
{
	struct reads_section *rs = arg;
	const struct tmpl_field *f = ref->target;

	if (f != NULL && (f->group != NULL ? f->group : f)->section == rs->s)
		rs->hit = 1;
}

static void
cond_reads(const struct cond *c, struct reads_section *rs)
{
	if (c != NULL && !rs->hit)
		cond_foreach_ref(c, note_section, rs);
}

static void
fields_read(const struct tmpl_field *fs, size_t n, struct reads_section *rs)
{
	size_t i;

	for (i = 0; i < n && !rs->hit; i++) {
		cond_reads(fs[i].when, rs);
		cond_reads(fs[i].required_if, rs);
		fields_read(fs[i].fields, fs[i].nfields, rs);
	}
}

/* Does any condition of section x read an answer of section s? */
static int
section_reads(const struct tmpl_section *x, const struct tmpl_section *s)
{
	struct reads_section rs = { s, 0 };
	size_t i;

	cond_reads(x->when, &rs);
	fields_read(x->fields, x->nfields, &rs);
	for (i = 0; i < x->nrules && !rs.hit; i++) {
		cond_reads(x->rules[i].when, &rs);
		cond_reads(x->rules[i].assert, &rs);
	}
	return rs.hit;
}

void
validate_update(struct report *r, const struct dossier *d,
    const struct tmpl_field *f, size_t rec, struct vcache *cache)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;
	struct vstate vs;
	size_t i, j;

	vstate_init(&vs, d, cache, r->cache);
	for (i = 0; i < r->nsections; i++) {
		const struct tmpl_section *x = r->sections[i].section;
		struct sres *sr = &r->cache->secs[i];

		if (x != s && !section_reads(x, s))
			continue;
		if (x == s && f->type == TMPL_GROUP) {
			/* Records added, removed or moved: all are new. */
			for (j = 0; j < x->nfields; j++)
				if (&x->fields[j] == f)
					fres_drop_recs(&sr->fields[j]);
		}
		vs.hint_group = x == s ? f->group : NULL;
		vs.hint_rec = rec;
		check_section(&vs, &r->sections[i], sr);
	}
	if (f->type == TMPL_GROUP)
		recheck_unknown(&vs, r);
	recheck_reviews(&vs, r);
	for (i = 0; i <= r->nsections; i++)
		recheck_proof(&vs, r, i);
	report_rebuild(r, NULL);
	free(vs.dir);
}

void
report_free(struct report *r)
{
	size_t i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsections; i++) {
		struct sres *sr = &r->cache->secs[i];

		for (j = 0; j < r->sections[i].section->nfields; j++) {
			fbuf_free(&sr->fields[j].own);
			fres_drop_recs(&sr->fields[j]);
		}
		free(sr->fields);
		fbuf_free(&sr->rules);
		fbuf_free(&sr->proof);
	}
	fbuf_free(&r->cache->unknown);
	fbuf_free(&r->cache->reviews);
	fbuf_free(&r->cache->proof);
	for (i = 0; i < r->cache->nmsgs; i++)
		free(r->cache->msgs[i]);
	free(r->cache->msgs);
	hset_free(r->cache->msgset);
	free(r->cache->secs);
	free(r->cache);
	free(r->f);
	free(r->sections);
	free(r);
}

static int
percent(size_t complete, size_t required)
{
	if (required == 0)
		return 100;
	return (int)(complete * 100 / required);
}

int
report_percent(const struct report *r)
{
	return percent(r->complete, r->required);
}

int
section_percent(const struct section_status *s)
{
	return percent(s->complete, s->required);
}

const struct section_status *
report_section(const struct report *r, const struct tmpl_section *s)
{
	size_t i;

	for (i = 0; i < r->nsections; i++)
		if (r->sections[i].section == s)
			return &r->sections[i];
	return NULL;
}

int
validate_record_asked(const struct report *r, const struct dossier *d,
    const struct section_status *ss, const struct tmpl_field *f, size_t rec)
{
	const struct fres *fr;
	size_t si;

	if (f->group == NULL || ss == NULL || ss < r->sections ||
	    ss >= r->sections + r->nsections)
		return validate_applies(d, f, rec);
	si = (size_t)(ss - r->sections);
	fr = &r->cache->secs[si].fields[f->group->index];
	if (!fr->have_recs || fr->asked == NULL || rec >= fr->nrec ||
	    ss->section != f->group->section)
		return validate_applies(d, f, rec);
	return fr->asked[rec * f->group->nfields + f->index];
}
