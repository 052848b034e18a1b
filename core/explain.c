/* "Why is this asked?" in words; see explain.h. */
#include "config.h"

#include "core/explain.h"
#include "core/lang.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "core/xalloc.h"

/* Longest answer quoted back, in bytes (cut at a character boundary). */
#define ANSWER_QUOTE_MAX 60

/* A line being built: text plus the links it names. */
struct lbuild {
	struct xbuf b;
	struct explain_link *links;
	size_t nlinks;
};

/* Where the words are: the dossier and the record they read. */
struct ectx {
	const struct dossier *d;
	const struct ynode *recnode;	/* record of the explained field */
	size_t rec;
	int in_record;
	int in_count;	/* inside count(g, ...): names are g's records' */
};

static void
lb_add(struct lbuild *lb, const char *s)
{
	xbuf_add(&lb->b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
lb_printf(struct lbuild *lb, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lb_add(lb, buf);
}

static void
lb_link(struct lbuild *lb, const struct tmpl_field *f, size_t rec,
    int in_record)
{
	struct explain_link *l;

	lb->links = xreallocarray(lb->links, lb->nlinks + 1,
	    sizeof *lb->links);
	l = &lb->links[lb->nlinks++];
	l->off = lb->b.len;
	l->field = f;
	l->rec = rec;
	l->in_record = in_record;
	lb_add(lb, tmpl_field_text(f, TMPL_TR_LABEL, lang_current()));
	l->len = lb->b.len - l->off;
}

static void
emit(struct explanation *e, struct lbuild *lb, enum explain_mark mark)
{
	struct explain_line *ln;

	e->lines = xreallocarray(e->lines, e->n + 1, sizeof *e->lines);
	ln = &e->lines[e->n++];
	lb_add(lb, "");		/* an empty line still gets its NUL */
	ln->text = lb->b.p;
	ln->mark = mark;
	ln->links = lb->links;
	ln->nlinks = lb->nlinks;
	memset(lb, 0, sizeof *lb);
}

static void
emit_text(struct explanation *e, enum explain_mark mark, const char *text)
{
	struct lbuild lb;

	memset(&lb, 0, sizeof lb);
	lb_add(&lb, text);
	emit(e, &lb, mark);
}

static void
lb_free(struct lbuild *lb)
{
	free(lb->b.p);
	free(lb->links);
	memset(lb, 0, sizeof *lb);
}

/* Ends a sentence with a full stop unless it has one ("." or "。"). */
static void
lb_stop(struct lbuild *lb)
{
	/* TRANSLATORS: the full stop that ends a sentence. */
	const char *stop = _(".");
	size_t n = strlen(stop);

	if (lb->b.len == 0 || (lb->b.len >= n &&
	    memcmp(lb->b.p + lb->b.len - n, stop, n) == 0) ||
	    lb->b.p[lb->b.len - 1] == '.')
		return;
	lb_add(lb, stop);
}

/* Values in words. */

static void
lb_literal(struct lbuild *lb, const struct cval *v)
{
	switch (v->kind) {
	case CVAL_BOOL:
		/* TRANSLATORS: "yes" or "no" as a condition's value:
		 * "Is it a medical device? is yes". */
		lb_printf(lb, C_("yes or no in a condition", "%s"),
		    v->b ? _("yes") : _("no"));
		break;
	case CVAL_NUM:
		lb_printf(lb, C_("a number in a condition", "%g"), v->num);
		break;
	case CVAL_STR:
		lb_add(lb, C_("open quote", "\""));
		lb_add(lb, v->str != NULL ? v->str : "");
		lb_add(lb, C_("close quote", "\""));
		break;
	default:
		lb_add(lb, _("empty"));
		break;
	}
}

/* At most max bytes of s, cut at a character boundary. */
static size_t
cut_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

static void
lb_quoted(struct lbuild *lb, const char *s, int quote)
{
	size_t n = cut_len(s, ANSWER_QUOTE_MAX);
	const char *nl = memchr(s, '\n', n);

	if (nl != NULL)
		n = (size_t)(nl - s);
	if (quote)
		lb_add(lb, C_("open quote", "\""));
	xbuf_add(&lb->b, s, n);
	if (n < strlen(s))
		lb_add(lb, "...");
	if (quote)
		lb_add(lb, C_("close quote", "\""));
}

/*
 * A stored answer as the reader sees it: yes/no and a choice's option in
 * the display language (the stored id when it is no option).
 */
static const char *
shown_answer(const struct tmpl_field *f, const char *stored)
{
	size_t i;

	if (f->type == TMPL_YESNO && strcmp(stored, "yes") == 0)
		return _("yes");
	if (f->type == TMPL_YESNO && strcmp(stored, "no") == 0)
		return _("no");
	if (f->type != TMPL_CHOICE && f->type != TMPL_MULTICHOICE)
		return stored;
	for (i = 0; i < f->options.n; i++)
		if (strcmp(f->options.v[i], stored) == 0)
			return tmpl_option_text(f, i, lang_current());
	return stored;
}

/* The answer of a field now, in words: yes, "SaMD", not answered. */
static void
lb_answer(struct lbuild *lb, const struct ectx *x, const struct tmpl_field *f)
{
	const struct ynode *v;
	size_t i;
	int quote = f->type != TMPL_YESNO && f->type != TMPL_INTEGER;

	if (f->group != NULL)
		v = x->recnode != NULL ? yt_get(x->recnode, f->id) : NULL;
	else
		v = dossier_get(x->d, f, 0);
	if (dossier_na_reason(v) != NULL) {
		lb_add(lb, _("not applicable"));
		return;
	}
	if (!dossier_filled(v)) {
		lb_add(lb, f->type == TMPL_GROUP ? _("no records") :
		    _("not answered"));
		return;
	}
	if (v->kind == YT_SCALAR) {
		lb_quoted(lb, shown_answer(f, v->str), quote);
		return;
	}
	if (v->kind == YT_SEQ && f->type != TMPL_GROUP) {
		for (i = 0; i < v->n && i < 4; i++) {
			/* TRANSLATORS: between answers of a multichoice. */
			lb_add(lb, i > 0 ? _(", ") : "");
			if (v->vals[i]->kind == YT_SCALAR)
				lb_quoted(lb, shown_answer(f,
				    v->vals[i]->str), 1);
		}
		if (v->n > 4)
			lb_printf(lb, _(" and %zu more"), v->n - 4);
		return;
	}
	if (v->kind == YT_SEQ)
		lb_printf(lb, ngettext("%zu record", "%zu records", v->n),
		    v->n);
	else
		lb_add(lb, _("answered"));
}

/* A field named in a condition, as a link to follow. */
static void
lb_ref(struct lbuild *lb, const struct ectx *x, const struct cond_ref *r)
{
	const struct tmpl_field *f = r->target;

	if (f == NULL) {	/* unbound: cannot happen once loaded */
		lb_add(lb, r->text);
		return;
	}
	/* A sibling in the explained record links to that record. */
	if (f->group != NULL && !x->in_count && x->in_record)
		lb_link(lb, f, x->rec, 1);
	else
		lb_link(lb, f, 0, 0);
}

/* Conditions in words. */

static void words(struct lbuild *lb, const struct ectx *x,
    const struct cond_node *n, int neg);

static enum cond_op
op_negate(enum cond_op op)
{
	static const enum cond_op neg[] = {
		[COND_EQ] = COND_NE, [COND_NE] = COND_EQ,
		[COND_LT] = COND_GE, [COND_LE] = COND_GT,
		[COND_GT] = COND_LE, [COND_GE] = COND_LT,
	};

	return neg[op];
}

/* The operator seen from the other side: 3 < x is x > 3. */
static enum cond_op
op_swap(enum cond_op op)
{
	static const enum cond_op sw[] = {
		[COND_EQ] = COND_EQ, [COND_NE] = COND_NE,
		[COND_LT] = COND_GT, [COND_LE] = COND_GE,
		[COND_GT] = COND_LT, [COND_GE] = COND_LE,
	};

	return sw[op];
}

static const char *
op_words(enum cond_op op, int neg, int is_date)
{
	static const char *const plain[2][6] = {
		{ N_("is"), N_("is not"), N_("is less than"),
		    N_("is at most"), N_("is more than"), N_("is at least") },
		{ N_("is not"), N_("is"), N_("is not less than"),
		    N_("is not at most"), N_("is not more than"),
		    N_("is not at least") },
	};
	static const char *const date[2][6] = {
		{ N_("is"), N_("is not"), N_("is before"),
		    N_("is on or before"), N_("is after"),
		    N_("is on or after") },
		{ N_("is not"), N_("is"), N_("is not before"),
		    N_("is not on or before"), N_("is not after"),
		    N_("is not on or after") },
	};

	return _((is_date ? date : plain)[neg != 0][op]);
}

/* count(g[, c]) OP n: "Datasets has at least 1 record where ...". */
static void
words_count(struct lbuild *lb, const struct ectx *x,
    const struct cond_node *cnt, enum cond_op op, double n, int neg)
{
	static const char *const has[6] = {
		[COND_EQ] = N_("has exactly"),
		[COND_NE] = N_("does not have exactly"),
		[COND_LT] = N_("has fewer than"), [COND_LE] = N_("has at most"),
		[COND_GT] = N_("has more than"), [COND_GE] = N_("has at least"),
	};
	struct ectx inner = *x;

	if (neg)
		op = op_negate(op);
	lb_ref(lb, x, cond_node_ref(cond_node_kid(cnt, 0)));
	/* TRANSLATORS: " has at least 2 records": the first %s is one of
	 * "has exactly", "has at most"... */
	lb_printf(lb, ngettext(" %s %g record", " %s %g records",
	    n >= 1 && n <= 1 ? 1 : 2), _(has[op]), n);
	if (cond_node_nkids(cnt) == 2) {
		inner.in_count = 1;
		lb_add(lb, _(" where "));
		words(lb, &inner, cond_node_kid(cnt, 1), 0);
	}
}

/* days_between(a, b) OP n: "B is less than 84 days after A". */
static void
words_days(struct lbuild *lb, const struct ectx *x,
    const struct cond_node *days, enum cond_op op, double n, int neg)
{
	static const char *const rel[6] = {
		[COND_EQ] = N_("exactly"), [COND_NE] = N_("not exactly"),
		[COND_LT] = N_("less than"), [COND_LE] = N_("at most"),
		[COND_GT] = N_("more than"), [COND_GE] = N_("at least"),
	};

	if (neg)
		op = op_negate(op);
	words(lb, x, cond_node_kid(days, 1), 0);
	/* TRANSLATORS: "B is less than 84 days after A": B comes before
	 * this text, A after it; %s is one of "exactly", "at most"... */
	lb_printf(lb, ngettext(" is %s %g day after ", " is %s %g days after ",
	    n >= 1 && n <= 1 ? 1 : 2), _(rel[op]), n);
	words(lb, x, cond_node_kid(days, 0), 0);
}

/* One side of a comparison: a value, not a statement. */
static void
words_operand(struct lbuild *lb, const struct ectx *x,
    const struct cond_node *n)
{
	struct ectx inner = *x;

	if (cond_node_kind(n) == COND_DAYS) {
		/* TRANSLATORS: "the number of days from A to B": A comes
		 * after this text, then " to ", then B. */
		lb_add(lb, _("the number of days from "));
		words(lb, x, cond_node_kid(n, 0), 0);
		lb_add(lb, _(" to "));
		words(lb, x, cond_node_kid(n, 1), 0);
		return;
	}
	if (cond_node_kind(n) != COND_COUNT) {
		words(lb, x, n, 0);
		return;
	}
	lb_add(lb, _("the number of records of "));
	lb_ref(lb, x, cond_node_ref(cond_node_kid(n, 0)));
	if (cond_node_nkids(n) == 2) {
		inner.in_count = 1;
		lb_add(lb, _(" where "));
		words(lb, &inner, cond_node_kid(n, 1), 0);
	}
}

static int
is_num_lit(const struct cond_node *n)
{
	return cond_node_kind(n) == COND_LIT &&
	    cond_node_lit(n)->kind == CVAL_NUM;
}

static void
words_cmp(struct lbuild *lb, const struct ectx *x, const struct cond_node *n,
    int neg)
{
	const struct cond_node *a = cond_node_kid(n, 0), *b = cond_node_kid(n, 1);
	enum cond_op op = cond_node_op(n);
	const struct cond_ref *r;
	const struct cval *lit;
	int is_date = 0;

	/* The field (or count) first: "x > 3" reads better than "3 < x". */
	if ((cond_node_kind(a) == COND_LIT && cond_node_kind(b) != COND_LIT)) {
		const struct cond_node *t = a;

		a = b;
		b = t;
		op = op_swap(op);
	}
	if (cond_node_kind(a) == COND_COUNT && is_num_lit(b)) {
		words_count(lb, x, a, op, cond_node_lit(b)->num, neg);
		return;
	}
	if (cond_node_kind(a) == COND_DAYS && is_num_lit(b)) {
		words_days(lb, x, a, op, cond_node_lit(b)->num, neg);
		return;
	}
	r = cond_node_ref(a);
	lit = cond_node_lit(b);
	if (r != NULL && r->target != NULL &&
	    ((const struct tmpl_field *)r->target)->type == TMPL_DATE)
		is_date = 1;
	if (r != NULL && lit != NULL && lit->kind == CVAL_NULL &&
	    (op == COND_EQ || op == COND_NE)) {
		lb_ref(lb, x, r);
		lb_add(lb, (op == COND_EQ) != !neg ? _(" is answered") :
		    _(" is not answered"));
		return;
	}
	words_operand(lb, x, a);
	if (cond_node_ref(b) != NULL && (op == COND_EQ || op == COND_NE))
		lb_printf(lb, " %s ", (op == COND_EQ) == !neg ?
		    _("is the same as") : _("differs from"));
	else if (cond_node_kind(b) == COND_LIT)
		/* TRANSLATORS: the spaces around "is", "is at least"...
		 * between a question and a value (a quoted text, yes or
		 * no, a number): Chinese puts none before the value. */
		lb_printf(lb, C_("operator before a value", " %s "),
		    op_words(op, neg, is_date));
	else
		lb_printf(lb, " %s ", op_words(op, neg, is_date));
	words_operand(lb, x, b);
}

/* A bare field as a truth value: a yes/no is yes, anything else answered. */
static void
words_ref_truth(struct lbuild *lb, const struct ectx *x,
    const struct cond_ref *r, int neg)
{
	const struct tmpl_field *f = r->target;

	lb_ref(lb, x, r);
	if (f != NULL && f->type == TMPL_YESNO)
		lb_add(lb, neg ? _(" is not yes") : _(" is yes"));
	else if (f != NULL && f->type == TMPL_INTEGER)
		lb_add(lb, neg ? _(" is 0 or not answered") : _(" is not 0"));
	else
		lb_add(lb, neg ? _(" is not answered") : _(" is answered"));
}

static void
words_logic(struct lbuild *lb, const struct ectx *x,
    const struct cond_node *n, int neg)
{
	size_t i, k = cond_node_nkids(n);
	int is_and = cond_node_kind(n) == COND_AND;
	const char *joint;
	const struct cond_node *kid;
	enum cond_kind kk;

	/* De Morgan: "not (a and b)" is "not a or not b". */
	if (neg)
		is_and = !is_and;
	joint = is_and ? _(" and ") : _(" or ");
	if (!is_and)
		lb_add(lb, _("either "));
	for (i = 0; i < k; i++) {
		kid = cond_node_kid(n, i);
		kk = cond_node_kind(kid);
		if (i > 0)
			lb_add(lb, i + 1 < k ? _(", ") : joint);
		if (kk == COND_AND || kk == COND_OR) {
			lb_add(lb, "(");
			words(lb, x, kid, neg);
			lb_add(lb, ")");
		} else {
			words(lb, x, kid, neg);
		}
	}
}

static void
words(struct lbuild *lb, const struct ectx *x, const struct cond_node *n,
    int neg)
{
	const struct cval *lit;

	switch (cond_node_kind(n)) {
	case COND_LIT:
		lit = cond_node_lit(n);
		if (neg)	/* only as a whole condition: "when: no" */
			lb_add(lb, cval_truth(lit) ? _("never") : _("always"));
		else
			lb_literal(lb, lit);
		break;
	case COND_REF:
		if (neg)
			words_ref_truth(lb, x, cond_node_ref(n), 1);
		else
			lb_ref(lb, x, cond_node_ref(n));
		break;
	case COND_NOT:
		words(lb, x, cond_node_kid(n, 0), !neg);
		break;
	case COND_AND:
	case COND_OR:
		words_logic(lb, x, n, neg);
		break;
	case COND_CMP:
		words_cmp(lb, x, n, neg);
		break;
	case COND_FILLED:
		lb_ref(lb, x, cond_node_ref(cond_node_kid(n, 0)));
		lb_add(lb, neg ? _(" is not answered") : _(" is answered"));
		break;
	case COND_COUNT:
		words_count(lb, x, n, COND_GE, 1, neg);
		break;
	case COND_HAS:
		lb_ref(lb, x, cond_node_ref(cond_node_kid(n, 0)));
		lb_add(lb, neg ? _(" does not include ") : _(" includes "));
		lb_literal(lb, cond_node_lit(cond_node_kid(n, 1)));
		break;
	case COND_DAYS:
		/* As a truth value: the two dates differ. */
		words_operand(lb, x, n);
		lb_add(lb, neg ? _(" is 0 or unknown") : _(" is not 0"));
		break;
	}
}

/*
 * A whole condition (a conjunct) as a statement: a bare field or literal
 * is read for its truth, not its value.
 */
static void
statement(struct lbuild *lb, const struct ectx *x, const struct cond_node *n,
    int neg)
{
	const struct cval *lit;

	if (cond_node_kind(n) == COND_REF) {
		words_ref_truth(lb, x, cond_node_ref(n), neg);
		return;
	}
	if (cond_node_kind(n) == COND_LIT) {
		lit = cond_node_lit(n);
		lb_add(lb, cval_truth(lit) != !neg ? _("always") : _("never"));
		return;
	}
	words(lb, x, n, neg);
}

/* The fields a condition reads outside any count(), for "now: ...". */
static void
collect_refs(const struct cond_node *n, const struct cond_ref **out,
    size_t *nout, size_t max)
{
	const struct cond_ref *r;
	size_t i;

	if (cond_node_kind(n) == COND_COUNT) {
		r = cond_node_ref(cond_node_kid(n, 0));
		for (i = 0; i < *nout; i++)
			if (out[i]->target == r->target)
				return;
		if (*nout < max)
			out[(*nout)++] = r;
		return;
	}
	r = cond_node_ref(n);
	if (r != NULL) {
		for (i = 0; i < *nout; i++)
			if (out[i]->target == r->target)
				return;
		if (*nout < max)
			out[(*nout)++] = r;
		return;
	}
	for (i = 0; i < cond_node_nkids(n); i++)
		collect_refs(cond_node_kid(n, i), out, nout, max);
}

/* " (now: yes)" or " (now: A: yes; B: not answered)". */
static void
lb_now(struct lbuild *lb, const struct ectx *x, const struct cond_node *n)
{
	const struct cond_ref *refs[8];
	size_t nrefs = 0, i;

	collect_refs(n, refs, &nrefs, sizeof refs / sizeof refs[0]);
	if (nrefs == 0)
		return;
	lb_add(lb, _(" (now: "));
	for (i = 0; i < nrefs; i++) {
		if (i > 0)
			lb_add(lb, _("; "));
		if (nrefs > 1) {
			/* TRANSLATORS: a question's id before its answer in
			 * " (now: id "2.4.1"; ...)": Chinese quotes the
			 * answer in 「」 and wants no space. */
			lb_printf(lb, C_("a question's id before its answer",
			    "%s "), ((const struct tmpl_field *)
			    refs[i]->target)->id);
		}
		lb_answer(lb, x, refs[i]->target);
	}
	/* TRANSLATORS: closes " (now: ". */
	lb_add(lb, _(")"));
}

/* One part of a condition, checked against the dossier as it is. */
struct conjunct {
	const struct cond_node *node;
	const struct ectx *x;
	int holds;
};

struct cset {
	struct conjunct *c;
	size_t n;
};

static int
node_holds(const struct ectx *x, const struct cond_node *n)
{
	struct cval v;

	validate_eval_node(x->d, n, x->recnode, &v);
	return cval_truth(&v);
}

/* A top-level "and" is split: each operand is judged on its own. */
static void
cset_add(struct cset *cs, const struct cond *c, const struct ectx *x)
{
	const struct cond_node *root;
	size_t i, k;

	if (c == NULL)
		return;
	root = cond_root(c);
	k = cond_node_kind(root) == COND_AND ? cond_node_nkids(root) : 1;
	cs->c = xreallocarray(cs->c, cs->n + k, sizeof *cs->c);
	for (i = 0; i < k; i++) {
		struct conjunct *j = &cs->c[cs->n++];

		j->node = k == 1 ? root : cond_node_kid(root, i);
		j->x = x;
		j->holds = node_holds(x, j->node);
	}
}

static int
cset_holds(const struct cset *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (!cs->c[i].holds)
			return 0;
	return 1;
}

/* "X is yes" holding says the answer already; "X is not no" does not. */
static int
answer_implied(const struct cond_node *n)
{
	const struct cond_node *a, *b;

	if (cond_node_kind(n) == COND_REF || cond_node_kind(n) == COND_FILLED)
		return 1;
	if (cond_node_kind(n) != COND_CMP || cond_node_op(n) != COND_EQ)
		return 0;
	a = cond_node_kid(n, 0);
	b = cond_node_kid(n, 1);
	return (cond_node_kind(a) == COND_REF && cond_node_kind(b) == COND_LIT)
	    || (cond_node_kind(b) == COND_REF &&
	    cond_node_kind(a) == COND_LIT);
}

/*
 * "A is yes and B is answered": the conjuncts that hold (want 1) or fail
 * (want 0), the failing ones with the answers that made them fail.
 */
static size_t
lb_reasons(struct lbuild *lb, const struct cset *cs, int want)
{
	size_t i, k = 0, total = 0;

	for (i = 0; i < cs->n; i++)
		total += cs->c[i].holds == want;
	for (i = 0; i < cs->n; i++) {
		if (cs->c[i].holds != want)
			continue;
		if (k > 0)
			lb_add(lb, k + 1 < total ? _(", ") : _(" and "));
		statement(lb, cs->c[i].x, cs->c[i].node, !want);
		if (!want || !answer_implied(cs->c[i].node))
			lb_now(lb, cs->c[i].x, cs->c[i].node);
		k++;
	}
	return k;
}

/* The failing parts in words, without the answers: for a status line. */
static void
lb_reasons_plain(struct lbuild *lb, const struct cset *cs)
{
	size_t i, k = 0;

	for (i = 0; i < cs->n; i++) {
		if (cs->c[i].holds)
			continue;
		if (k++ > 0)
			lb_add(lb, _(" and "));
		statement(lb, cs->c[i].x, cs->c[i].node, 1);
	}
}

static void
emit_conditions(struct explanation *e, const struct cset *cs,
    const char *heading_one, const char *heading_all)
{
	struct lbuild lb;
	size_t i;

	if (cs->n == 0)
		return;
	emit_text(e, EXPLAIN_HEADING, cs->n == 1 ? heading_one : heading_all);
	for (i = 0; i < cs->n; i++) {
		memset(&lb, 0, sizeof lb);
		statement(&lb, cs->c[i].x, cs->c[i].node, 0);
		lb_now(&lb, cs->c[i].x, cs->c[i].node);
		emit(e, &lb, cs->c[i].holds ? EXPLAIN_HOLDS : EXPLAIN_FAILS);
	}
}

static void
explain_asked(struct explanation *e, const struct cset *sec,
    const struct cset *own, const struct tmpl_section *s)
{
	const char *title = tmpl_section_text(s, TMPL_TR_TITLE, lang_current());
	struct lbuild lb;

	memset(&lb, 0, sizeof lb);
	if (!cset_holds(sec)) {
		lb_add(&lb, _("Not asked: the whole section \""));
		lb_add(&lb, title);
		lb_add(&lb, _("\" is skipped, because "));
		lb_reasons(&lb, sec, 0);
	} else if (!cset_holds(own)) {
		lb_add(&lb, _("Not asked, because "));
		lb_reasons(&lb, own, 0);
	} else if (own->n > 0) {
		lb_add(&lb, _("Asked because "));
		lb_reasons(&lb, own, 1);
	} else if (sec->n > 0) {
		lb_add(&lb, _("Asked whenever its section \""));
		lb_add(&lb, title);
		lb_add(&lb, _("\" is, and it is asked because "));
		lb_reasons(&lb, sec, 1);
	} else {
		lb_add(&lb, _("Always asked: no answer can hide it."));
	}
	lb_stop(&lb);
	emit(e, &lb, EXPLAIN_PLAIN);
	emit_conditions(e, sec, _("Its section is asked when this holds:"),
	    _("Its section is asked when all of these hold:"));
	emit_conditions(e, own, _("It is asked when this holds:"),
	    _("It is asked when all of these hold:"));
}

static void
explain_required(struct explanation *e, const struct tmpl_field *f,
    const struct ectx *x)
{
	struct cset req;
	struct lbuild lb;

	memset(&req, 0, sizeof req);
	memset(&lb, 0, sizeof lb);
	if (f->required_if != NULL) {
		cset_add(&req, f->required_if, x);
		e->required = cset_holds(&req);
		if (e->required) {
			lb_add(&lb, _("Required because "));
			lb_reasons(&lb, &req, 1);
		} else {
			lb_add(&lb, _("Optional for now: "));
			lb_reasons(&lb, &req, 0);
		}
		lb_stop(&lb);
		emit(e, &lb, EXPLAIN_PLAIN);
		emit_conditions(e, &req, _("It is required when this holds:"),
		    _("It is required when all of these hold:"));
	} else {
		e->required = f->required;
		emit_text(e, EXPLAIN_PLAIN, f->required ? _("Required: when it "
		    "is asked, it must be answered.") : _("Optional: it may be "
		    "left blank."));
	}
	if (f->allow_na)
		emit_text(e, EXPLAIN_PLAIN, _("It may be answered \"not "
		    "applicable\", with the reason."));
	free(req.c);
	lb_free(&lb);
}

struct explanation *
explain_field(const struct dossier *d, const struct tmpl_field *f, size_t rec,
    int in_record)
{
	struct explanation *e = xcalloc(1, sizeof *e);
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;
	struct ectx top_x, rec_x;
	struct cset sec, own;
	struct lbuild lb;
	char *path;

	e->field = f;
	e->rec = rec;
	e->in_record = in_record && f->group != NULL;
	memset(&top_x, 0, sizeof top_x);
	top_x.d = d;
	rec_x = top_x;
	if (e->in_record) {
		rec_x.in_record = 1;
		rec_x.rec = rec;
		rec_x.recnode = validate_record(d, f, rec);
	}
	memset(&sec, 0, sizeof sec);
	memset(&own, 0, sizeof own);
	cset_add(&sec, s->when, &top_x);
	if (f->group != NULL)
		cset_add(&own, f->group->when, &top_x);
	cset_add(&own, f->when, &rec_x);
	e->asked = cset_holds(&sec) && cset_holds(&own);

	memset(&lb, 0, sizeof lb);
	path = explain_path(f, rec, e->in_record);
	lb_link(&lb, f, rec, e->in_record);
	lb_add(&lb, " [");
	lb_add(&lb, path);
	lb_add(&lb, "]");
	free(path);
	emit(e, &lb, EXPLAIN_HEADING);
	explain_asked(e, &sec, &own, s);
	explain_required(e, f, &rec_x);
	free(sec.c);
	free(own.c);
	return e;
}

char *
explain_unasked(const struct dossier *d, const struct tmpl_field *f,
    size_t rec, int in_record)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	struct ectx top_x, rec_x;
	struct cset sec, own;
	struct lbuild lb;
	size_t i;

	memset(&top_x, 0, sizeof top_x);
	top_x.d = d;
	rec_x = top_x;
	if (in_record && f->group != NULL) {
		rec_x.in_record = 1;
		rec_x.rec = rec;
		rec_x.recnode = validate_record(d, f, rec);
	}
	memset(&sec, 0, sizeof sec);
	memset(&own, 0, sizeof own);
	memset(&lb, 0, sizeof lb);
	cset_add(&sec, top->section->when, &top_x);
	if (f->group != NULL)
		cset_add(&own, f->group->when, &top_x);
	cset_add(&own, f->when, &rec_x);
	if (!cset_holds(&sec)) {
		lb_add(&lb, _("its section is skipped: "));
		for (i = 0; i < sec.n; i++)
			sec.c[i].x = &top_x;
		lb_reasons_plain(&lb, &sec);
	} else if (!cset_holds(&own)) {
		lb_reasons_plain(&lb, &own);
	}
	free(sec.c);
	free(own.c);
	free(lb.links);
	if (lb.b.len == 0) {
		free(lb.b.p);
		return NULL;
	}
	return lb.b.p;
}

void
explain_free(struct explanation *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n; i++) {
		free(e->lines[i].text);
		free(e->lines[i].links);
	}
	free(e->lines);
	free(e);
}

char *
explain_text(const struct explanation *e)
{
	struct xbuf b;
	const struct explain_line *ln;
	const char *mark;
	size_t i, j, at;

	memset(&b, 0, sizeof b);
	xbuf_add(&b, "", 0);
	for (i = 0; i < e->n; i++) {
		ln = &e->lines[i];
		/* TRANSLATORS: marks before a condition that holds or not;
		 * keep the two the same width. */
		if (ln->mark == EXPLAIN_HOLDS)
			mark = _("  [yes] ");
		else if (ln->mark == EXPLAIN_FAILS)
			mark = _("  [no]  ");
		else
			mark = "";
		xbuf_add(&b, mark, strlen(mark));
		at = 0;
		for (j = 0; j < ln->nlinks; j++) {
			xbuf_add(&b, ln->text + at, ln->links[j].off - at);
			xbuf_add(&b, "*", 1);
			xbuf_add(&b, ln->text + ln->links[j].off,
			    ln->links[j].len);
			xbuf_add(&b, "*", 1);
			at = ln->links[j].off + ln->links[j].len;
		}
		xbuf_add(&b, ln->text + at, strlen(ln->text + at));
		xbuf_add(&b, "\n", 1);
	}
	return b.p;
}

char *
explain_path(const struct tmpl_field *f, size_t rec, int in_record)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;

	if (f->group != NULL && in_record)
		return xasprintf("%s.%s.%s[%zu].%s", s->tmpl->id, s->id,
		    f->group->id, rec + 1, f->id);
	if (f->group != NULL)
		return xasprintf("%s.%s.%s.%s", s->tmpl->id, s->id,
		    f->group->id, f->id);
	return xasprintf("%s.%s.%s", s->tmpl->id, s->id, f->id);
}

/* "datasets[2]": the name and the one-based index, or 0 when none. */
static int
split_index(char *part, size_t *index)
{
	char *br = strchr(part, '['), *end;
	unsigned long long n;

	*index = 0;
	if (br == NULL)
		return 0;
	n = strtoull(br + 1, &end, 10);
	if (end == br + 1 || *end != ']' || end[1] != '\0' || n == 0 ||
	    br[1] == '-' || br[1] == '+')
		return -1;
	*br = '\0';
	*index = (size_t)n;
	return 0;
}

static const struct tmpl_section *
find_section(const struct dossier *d, const char *tid, const char *sid,
    struct diag *err)
{
	const struct tmpl_section *s, *found = NULL;
	size_t i;

	for (i = 0; i < d->ntmpls; i++) {
		if (tid != NULL && strcmp(d->tmpls[i]->id, tid) != 0)
			continue;
		s = tmpl_section_by_id(d->tmpls[i], sid);
		if (s == NULL)
			continue;
		if (found != NULL) {
			diag_set(err, DIAG_USAGE, NULL, 0, 0, "section '%s' is "
			    "in more than one template; name it as "
			    "TEMPLATE.%s", sid, sid);
			return NULL;
		}
		found = s;
	}
	if (found == NULL)
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "no template of this "
		    "dossier has a section '%s%s%s'", tid != NULL ? tid : "",
		    tid != NULL ? "." : "", sid);
	return found;
}

const struct tmpl_field *
explain_find(const struct dossier *d, const char *path, size_t *rec,
    int *in_record, struct diag *err)
{
	char *copy = xstrdup(path), *parts[5], *tok, *save;
	size_t n = 0, i, j, idx[5];
	const struct tmpl_section *s;
	const struct tmpl_field *f = NULL, *g;
	int first_is_tmpl = 0;

	*rec = 0;
	*in_record = 0;
	for (tok = strtok_r(copy, ".", &save); tok != NULL && n < 5;
	    tok = strtok_r(NULL, ".", &save))
		parts[n++] = tok;
	if (tok != NULL || n < 2 || n > 4) {
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "'%s' is not a question "
		    "path such as tr-008.clc.learns_after_deployment", path);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (split_index(parts[i], &idx[i]) < 0 ||
		    (idx[i] > 0 && i + 2 != n)) {
			diag_set(err, DIAG_USAGE, NULL, 0, 0, "'%s': a record "
			    "number goes on the group, as in "
			    "datasets[2].role", path);
			goto out;
		}
	}
	/* Is the first part a template of this dossier? */
	for (i = 0; i < d->ntmpls; i++)
		if (strcmp(d->tmpls[i]->id, parts[0]) == 0 && n >= 3)
			first_is_tmpl = 1;
	s = find_section(d, first_is_tmpl ? parts[0] : NULL,
	    parts[first_is_tmpl], err);
	if (s == NULL)
		goto out;
	i = (size_t)first_is_tmpl + 1;
	if (n - i == 1) {
		f = tmpl_field_by_id(s->fields, s->nfields, parts[i]);
		/* check prints a record field without record as t.s.field */
		for (j = 0; f == NULL && j < s->nfields; j++) {
			g = &s->fields[j];
			if (g->type == TMPL_GROUP)
				f = tmpl_field_by_id(g->fields, g->nfields,
				    parts[i]);
		}
		if (f == NULL)
			diag_set(err, DIAG_USAGE, NULL, 0, 0, "section '%s' "
			    "has no question '%s'", s->id, parts[i]);
		goto out;
	}
	if (n - i != 2) {
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "'%s' is not a question "
		    "path such as tr-008.clc.learns_after_deployment", path);
		goto out;
	}
	g = tmpl_field_by_id(s->fields, s->nfields, parts[i]);
	if (g == NULL || g->type != TMPL_GROUP) {
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "section '%s' has no "
		    "group '%s'", s->id, parts[i]);
		goto out;
	}
	f = tmpl_field_by_id(g->fields, g->nfields, parts[i + 1]);
	if (f == NULL) {
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "group '%s' has no "
		    "question '%s'", g->id, parts[i + 1]);
		goto out;
	}
	if (idx[i] > 0) {
		if (idx[i] > dossier_nrecords(d, g)) {
			diag_set(err, DIAG_USAGE, NULL, 0, 0, "group '%s' has "
			    "%zu record%s, not %zu", g->id,
			    dossier_nrecords(d, g),
			    dossier_nrecords(d, g) == 1 ? "" : "s", idx[i]);
			f = NULL;
			goto out;
		}
		*rec = idx[i] - 1;
		*in_record = 1;
	}
out:
	free(copy);
	return f;
}
