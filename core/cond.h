/*
 * The condition language of templates: `when`, conditional `required` and
 * rule `assert` expressions.  A condition is parsed once, when its template
 * loads, into a tree; field names are then bound to template fields by a
 * caller-supplied resolver; evaluation walks the tree against a dossier
 * through caller-supplied callbacks.  This module knows nothing of templates
 * or dossiers: it sees names, opaque targets and values.
 *
 * Grammar (lowest precedence first):
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | cmp
 *   cmp     := primary (("==" | "!=" | "<" | "<=" | ">" | ">=") primary)?
 *   primary := literal | ref | call | "(" expr ")"
 *   call    := name "(" [args] ")"       filled(ref)  count(ref[, expr])
 *                                         has(ref, literal)
 *                                         days_between(expr, expr)
 *   literal := number | "string" | 'string' | yes | no | true | false | null
 *   ref     := name ("." name){0,2}      field, section.field or
 *                                         template.section.field
 *   name    := [A-Za-z_][A-Za-z0-9_-]*    (hyphens allowed: "acme-qa")
 * Keywords (and or not yes no true false null) are not names.  A number may
 * carry a leading '-'.  Comparisons do not chain.
 *
 * Semantics: an unanswered field is null.  == and != compare numbers as
 * numbers, strings byte-wise, booleans as booleans, null equal only to null;
 * a string that reads as a number compares numerically with a number; any
 * other mix is unequal.  < <= > >= hold only between two numbers or two
 * strings (ISO dates order correctly as strings).  Truth: null and false are
 * false, a number is true unless 0, a string unless empty, a list unless
 * empty.  days_between(a, b) is b minus a in days when both are real
 * YYYY-MM-DD dates, else null.  Evaluation cannot fail, but it is bounded:
 * see COND_EVAL_BUDGET.
 */
#ifndef DOSSIER_COND_H
#define DOSSIER_COND_H

#include <stddef.h>

#include "core/diag.h"

#define COND_MAX_SOURCE 4096	/* bytes in one condition */
#define COND_MAX_DEPTH 64	/* nesting of parentheses, not and calls */
/*
 * Steps (nodes evaluated, records visited by count(), list items looked at
 * by has() and any other function) one evaluation may take.  Nesting
 * count() in count() multiplies the records visited, so a short condition
 * can ask for records^depth steps; PCRE2's match limit bounds patterns the
 * same way.  Ten million steps take well under a second, and are far more
 * than any sensible condition needs on a dossier within the file limits.
 */
#define COND_EVAL_BUDGET 10000000ul

enum cval_kind { CVAL_NULL, CVAL_BOOL, CVAL_NUM, CVAL_STR, CVAL_LIST };

struct cval {
	enum cval_kind kind;
	int b;			/* CVAL_BOOL */
	double num;		/* CVAL_NUM */
	const char *str;	/* CVAL_STR: borrowed, NUL-terminated */
	const void *list;	/* CVAL_LIST: opaque, read with list_item */
	size_t nitems;		/* CVAL_LIST */
};

enum cond_ref_kind {
	COND_REF_VALUE,		/* an ordinary field */
	COND_REF_GROUP		/* a repeated group: usable in count() */
};

/* A field name in a condition, as written, and what the resolver bound. */
struct cond_ref {
	const char *text;	/* "a.b.c" as written; owned by the cond */
	const char *parts[3];	/* split at the dots; owned by the cond */
	int nparts;		/* 1 to 3 */
	int line, col;		/* one-based position in the template file */
	void *target;		/* set by the resolver; opaque here */
	enum cond_ref_kind kind;	/* set by the resolver */
};

struct cond;

/*
 * Parse src, whose first byte sits at line:col of file (used for error
 * positions only; a newline in src advances the line).  Returns a new
 * condition or NULL with err filled (code DIAG_COND, the exact position of
 * the offending token, and what was expected).
 */
struct cond *cond_parse(const char *src, const char *file, int line, int col,
    struct diag *err);

void cond_free(struct cond *c);

/* The source text as given to cond_parse. */
const char *cond_source(const struct cond *c);

/*
 * Bind every reference.  resolve() is called once per ref with the scope it
 * appears in: the scope passed here at the top level, and inside the
 * condition of count(g, ...) the target of g (so record fields can be found
 * by bare name).  It sets ref->target and ref->kind, or returns -1 with err
 * filled (it should use ref->line/col).  After the callback, this function
 * checks usage: count() needs a COND_REF_GROUP first argument and a group
 * may appear nowhere else; it reports misuse at the ref's position.
 * Returns 0 or -1.
 */
typedef int (*cond_resolve_fn)(void *ctx, void *scope, struct cond_ref *ref,
    struct diag *err);
int cond_resolve(struct cond *c, cond_resolve_fn resolve, void *ctx,
    void *scope, struct diag *err);

/* Calls fn for every ref, in source order, nested ones included. */
void cond_foreach_ref(const struct cond *c,
    void (*fn)(void *arg, const struct cond_ref *ref), void *arg);

/*
 * How evaluation reads a dossier.  rec is the record of the innermost
 * count() being iterated, or whatever the caller passed to cond_eval (NULL
 * at the top of a section; a record when evaluating a field's `when` inside
 * a group).
 */
struct cond_eval_ops {
	/* Value of a COND_REF_VALUE ref.  Strings stay valid during the eval. */
	void (*value)(void *ctx, const struct cond_ref *ref,
	    const void *rec, struct cval *out);
	/* Number of records of a COND_REF_GROUP ref. */
	size_t (*group_len)(void *ctx, const struct cond_ref *ref,
	    const void *rec);
	/* The i-th record, passed back as rec for the inner condition. */
	const void *(*group_record)(void *ctx, const struct cond_ref *ref,
	    const void *rec, size_t i);
	/* The i-th string of a CVAL_LIST value. */
	const char *(*list_item)(void *ctx, const void *list, size_t i);
};

/*
 * A read-only view of the parsed tree, for tools that put a condition into
 * words (core/explain.c) rather than quote its source.  The tree is as
 * parsed: "a and b and c" is one COND_AND node with three operands,
 * brackets leave no node, a call's arguments are its operands.
 */
enum cond_kind {
	COND_LIT, COND_REF, COND_NOT, COND_AND, COND_OR, COND_CMP,
	COND_FILLED, COND_COUNT, COND_HAS, COND_DAYS
};
enum cond_op { COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE };

struct cond_node;

const struct cond_node *cond_root(const struct cond *c);
enum cond_kind cond_node_kind(const struct cond_node *n);
size_t cond_node_nkids(const struct cond_node *n);
const struct cond_node *cond_node_kid(const struct cond_node *n, size_t i);
/* COND_CMP only. */
enum cond_op cond_node_op(const struct cond_node *n);
/* COND_REF only (else NULL). */
const struct cond_ref *cond_node_ref(const struct cond_node *n);
/* COND_LIT only (else NULL). */
const struct cval *cond_node_lit(const struct cond_node *n);
/* Evaluate one node of the tree, as cond_eval does the whole. */
void cond_node_eval(const struct cond_node *n, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, struct cval *out);

/* Evaluate to a value (see semantics above). */
void cond_eval(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, struct cval *out);

/* Evaluate and apply the truth rule: returns 0 or 1. */
int cond_test(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec);

/*
 * The same within budget steps: 0 or 1, or -1 when the budget ran out
 * before the condition was decided (its value is then unknown).
 * cond_eval and cond_test use COND_EVAL_BUDGET and read "unknown" as null.
 */
int cond_test_budget(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, unsigned long budget);

/*
 * The same, also drawing on *pool, the steps left to a whole pass of
 * evaluations (a validation evaluates a record's condition once per
 * record): at most min(budget, *pool) steps, and *pool is reduced by the
 * steps taken.  -1 when either ran out.
 */
int cond_test_pool(const struct cond *c, const struct cond_eval_ops *ops,
    void *ctx, const void *rec, unsigned long budget, unsigned long *pool);

/* The truth rule on its own. */
int cval_truth(const struct cval *v);

#endif
