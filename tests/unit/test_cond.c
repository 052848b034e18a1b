#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/diag.h"

/*
 * Unit tests of the condition language.  A fake template stands in for the
 * real one: a table of names, one repeated group "datasets" whose three
 * records have fields of their own, and values kept in a struct world that
 * each case builds for itself.  Targets are pointers into the name table.
 */

enum var_kind { VAR_TOP, VAR_GROUP, VAR_FIELD };

struct var {
	const char	*name;
	enum var_kind	 kind;
	int		 slot;	/* index in world.top or in a record */
};

enum {
	V_A, V_B, V_C, V_N, V_S, V_EMPTY, V_UNANSWERED, V_TAGS, V_NOTAGS,
	V_MIN_SIZE, V_FLAG, V_ZERO, V_OFF, V_DATE, V_NUMSTR, V_PASSWORD,
	NTOP
};

enum { F_NAME, F_SIZE, F_SPLIT, F_KINDS, NFIELD };

#define NREC 3
#define NSEEN 32

static struct var vars[] = {
	{ "a", VAR_TOP, V_A },
	{ "b", VAR_TOP, V_B },
	{ "c", VAR_TOP, V_C },
	{ "n", VAR_TOP, V_N },
	{ "s", VAR_TOP, V_S },
	{ "empty", VAR_TOP, V_EMPTY },
	{ "unanswered", VAR_TOP, V_UNANSWERED },
	{ "tags", VAR_TOP, V_TAGS },
	{ "notags", VAR_TOP, V_NOTAGS },
	{ "min_size", VAR_TOP, V_MIN_SIZE },
	{ "flag", VAR_TOP, V_FLAG },
	{ "zero", VAR_TOP, V_ZERO },
	{ "off", VAR_TOP, V_OFF },
	{ "date", VAR_TOP, V_DATE },
	{ "numstr", VAR_TOP, V_NUMSTR },
	{ "acme-x.cyber.password", VAR_TOP, V_PASSWORD },
	{ "datasets", VAR_GROUP, 0 },
	/* Found only inside count(datasets, ...). */
	{ "name", VAR_FIELD, F_NAME },
	{ "size", VAR_FIELD, F_SIZE },
	{ "split", VAR_FIELD, F_SPLIT },
	{ "kinds", VAR_FIELD, F_KINDS },
};
#define NVARS (sizeof vars / sizeof vars[0])

static const char *const tag_items[] = { "ai", "ml" };
static const char *const kinds0[] = { "image" };
static const char *const kinds2[] = { "image", "text" };

struct world {
	struct cval	 top[NTOP];
	struct cval	 rec[NREC][NFIELD];
	int		 fail;		/* resolver fails on every ref */
	int		 nvalues;	/* calls to value() */
	int		 nseen;
	struct {
		const void	*scope;
		char		 text[64];
	}		 seen[NSEEN];
};

static struct var *
var_named(const char *name)
{
	size_t	i;

	for (i = 0; i < NVARS; i++) {
		if (strcmp(vars[i].name, name) == 0)
			return &vars[i];
	}
	return NULL;
}

static struct cval
v_null(void)
{
	struct cval	v;

	memset(&v, 0, sizeof v);
	v.kind = CVAL_NULL;
	return v;
}

static struct cval
v_bool(int b)
{
	struct cval	v = v_null();

	v.kind = CVAL_BOOL;
	v.b = b;
	return v;
}

static struct cval
v_num(double num)
{
	struct cval	v = v_null();

	v.kind = CVAL_NUM;
	v.num = num;
	return v;
}

static struct cval
v_str(const char *s)
{
	struct cval	v = v_null();

	v.kind = CVAL_STR;
	v.str = s;
	return v;
}

static struct cval
v_list(const char *const *items, size_t n)
{
	struct cval	v = v_null();

	v.kind = CVAL_LIST;
	v.list = items;
	v.nitems = n;
	return v;
}

static void
world_record(struct world *w, int i, const char *name, double size,
    const char *split, struct cval kinds)
{
	w->rec[i][F_NAME] = v_str(name);
	w->rec[i][F_SIZE] = v_num(size);
	w->rec[i][F_SPLIT] = v_str(split);
	w->rec[i][F_KINDS] = kinds;
}

static void
world_init(struct world *w)
{
	memset(w, 0, sizeof *w);
	w->top[V_A] = v_bool(1);
	w->top[V_B] = v_bool(0);
	w->top[V_C] = v_bool(0);
	w->top[V_N] = v_num(5);
	w->top[V_S] = v_str("abc");
	w->top[V_EMPTY] = v_str("");
	w->top[V_UNANSWERED] = v_null();
	w->top[V_TAGS] = v_list(tag_items, 2);
	w->top[V_NOTAGS] = v_list(NULL, 0);
	w->top[V_MIN_SIZE] = v_num(100);
	w->top[V_FLAG] = v_bool(1);
	w->top[V_ZERO] = v_num(0);
	w->top[V_OFF] = v_bool(0);
	w->top[V_DATE] = v_str("2024-03-01");
	w->top[V_NUMSTR] = v_str("12");
	w->top[V_PASSWORD] = v_str("unique per device");
	world_record(w, 0, "train-a", 120, "train", v_list(kinds0, 1));
	world_record(w, 1, "val-a", 80, "validation", v_list(NULL, 0));
	world_record(w, 2, "train-b", 300, "train", v_list(kinds2, 2));
}

/* Record fields are visible only in the group's scope; the rest anywhere. */
static int
fake_resolve(void *ctx, void *scope, struct cond_ref *ref, struct diag *err)
{
	struct world	*w = ctx;
	struct var	*v = var_named(ref->text);

	if (w->nseen < NSEEN) {
		w->seen[w->nseen].scope = scope;
		snprintf(w->seen[w->nseen].text, sizeof w->seen[0].text, "%s",
		    ref->text);
		w->nseen++;
	}
	if (w->fail || v == NULL ||
	    (v->kind == VAR_FIELD && scope != var_named("datasets")))
		return diag_set(err, DIAG_TEMPLATE, "t.yaml", ref->line,
		    ref->col, "unknown field '%s'", ref->text);
	ref->target = v;
	ref->kind = v->kind == VAR_GROUP ? COND_REF_GROUP : COND_REF_VALUE;
	return 0;
}

static void
fake_value(void *ctx, const struct cond_ref *ref, const void *rec, struct cval *out)
{
	struct world		*w = ctx;
	const struct var	*v = ref->target;
	const struct cval	*fields = rec;

	w->nvalues++;
	if (v->kind == VAR_FIELD)
		*out = fields != NULL ? fields[v->slot] : v_null();
	else
		*out = w->top[v->slot];
}

static size_t
fake_group_len(void *ctx, const struct cond_ref *ref, const void *rec)
{
	(void)ctx;
	(void)ref;
	(void)rec;
	return NREC;
}

static const void *
fake_group_record(void *ctx, const struct cond_ref *ref, const void *rec, size_t i)
{
	struct world	*w = ctx;

	(void)ref;
	(void)rec;
	return w->rec[i];
}

static const char *
fake_list_item(void *ctx, const void *list, size_t i)
{
	const char *const	*items = list;

	(void)ctx;
	return items[i];
}

static const struct cond_eval_ops fake_ops = {
	fake_value, fake_group_len, fake_group_record, fake_list_item
};

/* Parse at 1:1 and resolve at the top scope; fail the case on error. */
static struct cond *
must_parse(struct world *w, const char *src)
{
	struct diag	 err;
	struct cond	*c;

	diag_clear(&err);
	if ((c = cond_parse(src, "t.yaml", 1, 1, &err)) == NULL)
		fail_msg("parse \"%s\": %d:%d: %s", src, err.line, err.col,
		    err.msg);
	if (cond_resolve(c, fake_resolve, w, NULL, &err) == -1) {
		cond_free(c);
		fail_msg("resolve \"%s\": %d:%d: %s", src, err.line, err.col,
		    err.msg);
	}
	return c;
}

static int
truth(struct world *w, const char *src)
{
	struct cond	*c = must_parse(w, src);
	int		 t;

	t = cond_test(c, &fake_ops, w, NULL);
	cond_free(c);
	return t;
}

/* Evaluates src in a fresh world. */
static int
holds(const char *src)
{
	struct world	w;

	world_init(&w);
	return truth(&w, src);
}

static double
number(const char *src)
{
	struct world	 w;
	struct cond	*c;
	struct cval	 v;

	world_init(&w);
	c = must_parse(&w, src);
	cond_eval(c, &fake_ops, &w, NULL, &v);
	cond_free(c);
	assert_int_equal(v.kind, CVAL_NUM);
	return v.num;
}

/* Exact equality, written so -Wfloat-equal has nothing to say. */
static void
assert_number(const char *src, double want)
{
	double	got = number(src);

	if (!(got <= want && got >= want))
		fail_msg("%s: got %g, want %g", src, got, want);
}

static void
assert_error_from(const char *src, int line0, int col0, int line, int col,
    const char *msg)
{
	struct diag	 err;
	struct cond	*c;

	diag_clear(&err);
	c = cond_parse(src, "t.yaml", line0, col0, &err);
	if (c != NULL)
		cond_free(c);
	assert_null(c);
	assert_int_equal(err.code, DIAG_COND);
	assert_string_equal(err.file, "t.yaml");
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
}

static void
assert_error(const char *src, int line, int col, const char *msg)
{
	assert_error_from(src, 1, 1, line, col, msg);
}

static void
assert_resolve_error(struct world *w, const char *src, enum diag_code code,
    int col, const char *msg)
{
	struct diag	 err;
	struct cond	*c;
	int		 rc;

	diag_clear(&err);
	c = cond_parse(src, "t.yaml", 1, 1, &err);
	assert_non_null(c);
	rc = cond_resolve(c, fake_resolve, w, NULL, &err);
	cond_free(c);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, "t.yaml");
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, col);
}

static char *
repeat(const char *head, int n, const char *unit, const char *tail)
{
	size_t	 len = strlen(head) + n * strlen(unit) + strlen(tail) + 1;
	char	*s = malloc(len);
	int	 i;

	assert_non_null(s);
	strcpy(s, head);
	for (i = 0; i < n; i++)
		strcat(s, unit);
	strcat(s, tail);
	return s;
}

/* Precedence and grouping. */

static void
test_cond_and_binds_tighter_than_or(void **state)
{
	(void)state;
	/* a is true, b and c false: (a or b) and c would be false. */
	assert_true(holds("a or b and c"));
	assert_true(holds("b and c or a"));
	assert_true(holds("a and b or a and not c"));
}

static void
test_cond_not_binds_looser_than_comparison(void **state)
{
	(void)state;
	/* n is 5: (not n) == 3 would compare false with 3, which is false. */
	assert_true(holds("not n == 3"));
	assert_false(holds("not n == 5"));
}

static void
test_cond_not_binds_tighter_than_and(void **state)
{
	(void)state;
	/* not (a and b) would be true. */
	assert_false(holds("not a and b"));
	assert_true(holds("not not a"));
	assert_false(holds("not not not a"));
}

static void
test_cond_parentheses_override_precedence(void **state)
{
	(void)state;
	assert_false(holds("(a or b) and c"));
	assert_true(holds("not (a and b)"));
	assert_true(holds("((((a))))"));
	assert_true(holds("(n == 5) == yes"));
}

static void
test_cond_and_or_short_circuit(void **state)
{
	struct world	w;

	(void)state;
	world_init(&w);
	assert_false(truth(&w, "off and a and flag"));
	assert_int_equal(w.nvalues, 1);
	w.nvalues = 0;
	assert_true(truth(&w, "flag or b or c"));
	assert_int_equal(w.nvalues, 1);
}

/* Comparisons. */

static void
test_cond_numbers_compare_as_numbers(void **state)
{
	(void)state;
	assert_true(holds("n == 5"));
	assert_true(holds("n == 5.0"));
	assert_true(holds("n != 4"));
	assert_true(holds("n < 5.5"));
	assert_true(holds("n <= 5"));
	assert_true(holds("n > -1"));
	assert_true(holds("n >= 5"));
	assert_false(holds("n >= 6"));
	assert_false(holds("n < 5"));
	assert_true(holds("-0 == 0"));
	assert_true(holds("0.1 == 0.10"));
	assert_true(holds("-2.5 < -2"));
}

static void
test_cond_strings_compare_bytewise(void **state)
{
	(void)state;
	assert_true(holds("s == 'abc'"));
	assert_true(holds("s == \"abc\""));
	assert_true(holds("s != 'ABC'"));
	assert_true(holds("s < 'abd'"));
	assert_true(holds("s > 'ab'"));
	assert_true(holds("s >= 'abc' and s <= 'abc'"));
	assert_true(holds("'10' < '9'"));
	assert_true(holds("'Z' < 'a'"));
	assert_true(holds("'\xc3\xa9' > 'z'"));
	assert_true(holds("'12' != '12.0'"));
}

static void
test_cond_iso_dates_order_as_strings(void **state)
{
	(void)state;
	assert_true(holds("date > '2024-02-29'"));
	assert_true(holds("date >= '2024-03-01' and date < '2024-03-02'"));
	assert_false(holds("date < '2023-12-31'"));
}

static void
test_cond_numeric_string_equals_number(void **state)
{
	(void)state;
	assert_true(holds("numstr == 12"));
	assert_true(holds("12 == numstr"));
	assert_true(holds("numstr == 12.0"));
	assert_true(holds("'12.50' == 12.5"));
	assert_true(holds("'-3' == -3"));
	assert_true(holds("numstr != 13"));
	assert_false(holds("'12x' == 12"));
	assert_false(holds("' 12' == 12"));
	assert_false(holds("'' == 0"));
	assert_false(holds("'1e1' == 10"));
}

static void
test_cond_ordering_needs_two_numbers_or_two_strings(void **state)
{
	(void)state;
	assert_false(holds("numstr < 13"));
	assert_false(holds("numstr > 11"));
	assert_false(holds("yes > no"));
	assert_false(holds("no < yes"));
	assert_false(holds("null < 1"));
	assert_false(holds("null <= null"));
	assert_false(holds("tags >= tags"));
	assert_false(holds("flag > 0"));
}

static void
test_cond_booleans_compare_as_booleans(void **state)
{
	(void)state;
	assert_true(holds("flag == yes"));
	assert_true(holds("flag == true"));
	assert_true(holds("off == no"));
	assert_true(holds("off == false"));
	assert_true(holds("yes != no"));
	assert_true(holds("true == yes"));
	assert_false(holds("flag == 1"));
	assert_false(holds("flag == 'yes'"));
	assert_false(holds("off == 0"));
}

static void
test_cond_null_equals_only_null(void **state)
{
	(void)state;
	assert_true(holds("unanswered == null"));
	assert_true(holds("null == null"));
	assert_true(holds("unanswered != 0"));
	assert_false(holds("empty == null"));
	assert_false(holds("zero == null"));
	assert_false(holds("off == null"));
	assert_false(holds("notags == null"));
	assert_false(holds("null == 'null'"));
}

static void
test_cond_lists_are_never_equal(void **state)
{
	(void)state;
	assert_false(holds("tags == tags"));
	assert_false(holds("tags == 'ai'"));
	assert_true(holds("tags != 'ai'"));
}

/* Truth and values. */

static void
test_cond_truth_rule(void **state)
{
	struct cval	v;

	(void)state;
	v = v_null();
	assert_false(cval_truth(&v));
	v = v_bool(0);
	assert_false(cval_truth(&v));
	v = v_bool(1);
	assert_true(cval_truth(&v));
	v = v_num(0);
	assert_false(cval_truth(&v));
	v = v_num(-0.5);
	assert_true(cval_truth(&v));
	v = v_str("");
	assert_false(cval_truth(&v));
	v = v_str("0");
	assert_true(cval_truth(&v));
	v = v_list(NULL, 0);
	assert_false(cval_truth(&v));
	v = v_list(tag_items, 2);
	assert_true(cval_truth(&v));
}

static void
test_cond_bare_values_use_the_truth_rule(void **state)
{
	(void)state;
	assert_true(holds("n"));
	assert_false(holds("zero"));
	assert_true(holds("s"));
	assert_false(holds("empty"));
	assert_true(holds("tags"));
	assert_false(holds("notags"));
	assert_false(holds("unanswered"));
	assert_false(holds("off"));
	assert_false(holds("null"));
	assert_false(holds("0.0"));
	assert_true(holds("'x'"));
}

static void
test_cond_eval_returns_values(void **state)
{
	struct world	 w;
	struct cond	*c;
	struct cval	 v;

	(void)state;
	world_init(&w);
	c = must_parse(&w, "s");
	cond_eval(c, &fake_ops, &w, NULL, &v);
	assert_int_equal(v.kind, CVAL_STR);
	assert_string_equal(v.str, "abc");
	cond_free(c);
	c = must_parse(&w, "unanswered");
	cond_eval(c, &fake_ops, &w, NULL, &v);
	assert_int_equal(v.kind, CVAL_NULL);
	cond_free(c);
	c = must_parse(&w, "n or s");
	cond_eval(c, &fake_ops, &w, NULL, &v);
	assert_int_equal(v.kind, CVAL_BOOL);
	assert_int_equal(v.b, 1);
	cond_free(c);
	assert_number("-2.5", -2.5);
	assert_number("007", 7);
}

static void
test_cond_string_escapes(void **state)
{
	struct world	 w;
	struct cond	*c;
	struct cval	 v;

	(void)state;
	assert_true(holds("'it\\'s' == \"it's\""));
	assert_true(holds("\"say \\\"hi\\\"\" == 'say \"hi\"'"));
	world_init(&w);
	c = must_parse(&w, "'a\\\\b\\\"c'");
	cond_eval(c, &fake_ops, &w, NULL, &v);
	assert_string_equal(v.str, "a\\b\"c");
	cond_free(c);
}

/* Functions. */

static void
test_cond_filled_needs_a_non_empty_value(void **state)
{
	(void)state;
	assert_true(holds("filled(s)"));
	assert_false(holds("filled(empty)"));
	assert_false(holds("filled(unanswered)"));
	assert_true(holds("filled(tags)"));
	assert_false(holds("filled(notags)"));
	assert_true(holds("filled(zero)"));
	assert_true(holds("filled(off)"));
	assert_true(holds("not filled(empty)"));
}

static void
test_cond_count_counts_records(void **state)
{
	(void)state;
	assert_number("count(datasets)", 3);
	assert_true(holds("count(datasets) >= 3"));
	assert_true(holds("count ( datasets ) == 3"));
}

static void
test_cond_count_with_condition_reads_record_fields(void **state)
{
	(void)state;
	assert_number("count(datasets, split == 'train')", 2);
	assert_number("count(datasets, filled(kinds))", 2);
	assert_number("count(datasets, has(kinds, 'text'))", 1);
	assert_number("count(datasets, size > 200 or "
	    "split == 'validation')", 2);
	assert_number("count(datasets, no)", 0);
	assert_true(holds("count(datasets, name == 'val-a') == 1"));
}

/*
 * count(g, c) against a number stops once the answer is decided: a rule
 * like "at least one test set" must not read every record on every edit.
 * Records 1 and 2 are 'train'; each record costs one value() call.
 */
static void
test_cond_count_against_a_number_stops_when_decided(void **state)
{
	struct world	w;

	(void)state;
	world_init(&w);
	assert_true(truth(&w, "count(datasets, split == 'train') >= 1"));
	assert_int_equal(w.nvalues, 1);
	w.nvalues = 0;
	assert_false(truth(&w, "count(datasets, split == 'train') == 0"));
	assert_int_equal(w.nvalues, 1);
	w.nvalues = 0;
	/* Deciding "== 2" needs a third look: is there no third match? */
	assert_true(truth(&w, "count(datasets, split == 'train') == 2"));
	assert_int_equal(w.nvalues, 3);
	w.nvalues = 0;
	assert_false(truth(&w, "count(datasets, split == 'train') > 2"));
	assert_true(truth(&w, "count(datasets, split == 'train') < 2.5"));
	assert_true(truth(&w, "count(datasets, split == 'train') != 1"));
	assert_true(truth(&w, "count(datasets, split == 'train') <= 2"));
}

static void
test_cond_count_condition_reads_outer_fields(void **state)
{
	(void)state;
	assert_number("count(datasets, size >= min_size)", 2);
	assert_number("count(datasets, size > n and flag)", 3);
	assert_number("count(datasets, count(datasets) == 3)", 3);
}

static void
test_cond_count_resolves_inner_refs_in_group_scope(void **state)
{
	struct world	 w;
	struct cond	*c;
	int		 top;
	const void	*group = var_named("datasets");

	(void)state;
	world_init(&w);
	c = cond_parse("a and count(datasets, size > min_size)", "t.yaml", 1,
	    1, NULL);
	assert_non_null(c);
	assert_int_equal(cond_resolve(c, fake_resolve, &w, &top, NULL), 0);
	cond_free(c);
	assert_int_equal(w.nseen, 4);
	assert_string_equal(w.seen[0].text, "a");
	assert_ptr_equal(w.seen[0].scope, &top);
	assert_string_equal(w.seen[1].text, "datasets");
	assert_ptr_equal(w.seen[1].scope, &top);
	assert_string_equal(w.seen[2].text, "size");
	assert_ptr_equal(w.seen[2].scope, group);
	assert_string_equal(w.seen[3].text, "min_size");
	assert_ptr_equal(w.seen[3].scope, group);
}

static void
test_cond_eval_passes_caller_record(void **state)
{
	struct world	 w;
	struct diag	 err;
	struct cond	*c;

	(void)state;
	/* A field's `when` inside a group: resolved and run in its record. */
	world_init(&w);
	c = cond_parse("size > min_size", "t.yaml", 1, 1, &err);
	assert_non_null(c);
	assert_int_equal(cond_resolve(c, fake_resolve, &w,
	    var_named("datasets"), &err), 0);
	assert_true(cond_test(c, &fake_ops, &w, w.rec[0]));
	assert_false(cond_test(c, &fake_ops, &w, w.rec[1]));
	assert_true(cond_test(c, &fake_ops, &w, w.rec[2]));
	cond_free(c);
}

static void
test_cond_has_looks_in_lists_and_strings(void **state)
{
	(void)state;
	assert_true(holds("has(tags, 'ml')"));
	assert_true(holds("has(tags, \"ai\")"));
	assert_false(holds("has(tags, 'm')"));
	assert_false(holds("has(notags, 'ai')"));
	assert_true(holds("has(s, 'abc')"));
	assert_false(holds("has(s, 'ab')"));
	assert_false(holds("has(unanswered, 'x')"));
	assert_false(holds("has(flag, yes)"));
}

/* References and the tree. */

struct ref_log {
	int	n;
	char	text[8][64];
	int	nparts[8];
	int	col[8];
	char	last_part[8][32];
};

static void
log_ref(void *arg, const struct cond_ref *ref)
{
	struct ref_log	*log = arg;

	if (log->n >= 8)
		return;
	snprintf(log->text[log->n], sizeof log->text[0], "%s", ref->text);
	snprintf(log->last_part[log->n], sizeof log->last_part[0], "%s",
	    ref->parts[ref->nparts - 1]);
	log->nparts[log->n] = ref->nparts;
	log->col[log->n] = ref->col;
	log->n++;
}

/* Date arithmetic for deadline rules (GN-10's 12 and 24 weeks, say). */
static void
test_cond_days_between_counts_calendar_days(void **state)
{
	(void)state;
	assert_number("days_between('2024-03-01', '2024-03-02')", 1);
	assert_number("days_between('2024-03-02', '2024-03-01')", -1);
	assert_number("days_between(date, date)", 0);
	/* 2024 is a leap year, 1900 is not, 2000 is. */
	assert_number("days_between('2024-02-28', date)", 2);
	assert_number("days_between('2023-02-28', '2023-03-01')", 1);
	assert_number("days_between('1900-02-28', '1900-03-01')", 1);
	assert_number("days_between('2000-02-28', '2000-03-01')", 2);
	assert_number("days_between('1970-01-01', '2026-02-03')", 20487);
	assert_number("days_between('0000-01-01', '9999-12-31')", 3652424);
	/* Twelve weeks before 2026-05-01 is 2026-02-06. */
	assert_true(holds("days_between('2026-02-06', '2026-05-01') >= 84"));
	assert_false(holds("days_between('2026-02-07', '2026-05-01') >= 84"));
}

static void
test_cond_days_between_is_null_unless_two_dates(void **state)
{
	(void)state;
	/* Unanswered, not a date, an impossible date: null, so every
	 * ordering comparison is false and == null holds. */
	assert_true(holds("days_between(unanswered, date) == null"));
	assert_true(holds("days_between(date, s) == null"));
	assert_true(holds("days_between(date, n) == null"));
	assert_true(holds("days_between('2023-02-29', date) == null"));
	assert_true(holds("days_between('2024-13-01', date) == null"));
	assert_true(holds("days_between('2024-3-1', date) == null"));
	assert_true(holds("days_between('2024-03-01x', date) == null"));
	assert_false(holds("days_between(unanswered, date) >= 0"));
	assert_false(holds("days_between(unanswered, date) < 0"));
	assert_error("days_between(date)", 1, 18,
	    "days_between() takes 2 arguments");
	assert_error("days_between(date, date, date)", 1, 24,
	    "days_between() takes 2 arguments");
}

static void
test_cond_foreach_ref_in_source_order(void **state)
{
	struct world	 w;
	struct ref_log	 log;
	struct cond	*c;

	(void)state;
	world_init(&w);
	memset(&log, 0, sizeof log);
	c = must_parse(&w, "acme-x.cyber.password == 'x' or filled(s) or "
	    "count(datasets, size > 1)");
	cond_foreach_ref(c, log_ref, &log);
	cond_free(c);
	assert_int_equal(log.n, 4);
	assert_string_equal(log.text[0], "acme-x.cyber.password");
	assert_int_equal(log.nparts[0], 3);
	assert_string_equal(log.last_part[0], "password");
	assert_int_equal(log.col[0], 1);
	assert_string_equal(log.text[1], "s");
	assert_int_equal(log.col[1], 40);
	assert_string_equal(log.text[2], "datasets");
	assert_int_equal(log.col[2], 52);
	assert_string_equal(log.text[3], "size");
	assert_int_equal(log.nparts[3], 1);
}

static void
test_cond_ref_is_split_into_parts(void **state)
{
	struct diag	 err;
	struct ref_log	 log;
	struct cond	*c;

	(void)state;
	memset(&log, 0, sizeof log);
	c = cond_parse("sec_1.field-2", "t.yaml", 3, 5, &err);
	assert_non_null(c);
	cond_foreach_ref(c, log_ref, &log);
	cond_free(c);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.nparts[0], 2);
	assert_string_equal(log.last_part[0], "field-2");
	assert_int_equal(log.col[0], 5);
}

static void
test_cond_source_is_kept_verbatim(void **state)
{
	struct cond	*c;

	(void)state;
	c = cond_parse("  a   and\n b ", "t.yaml", 1, 1, NULL);
	assert_non_null(c);
	assert_string_equal(cond_source(c), "  a   and\n b ");
	cond_free(c);
	cond_free(NULL);
}

/* Parse errors. */

static void
test_cond_error_unclosed_parenthesis(void **state)
{
	(void)state;
	assert_error("(a or b", 1, 8, "expected ')' to close '(' at 1:1");
	assert_error("a and (b or c", 1, 14,
	    "expected ')' to close '(' at 1:7");
	assert_error("(a b)", 1, 4, "expected ')' to close '(' at 1:1");
	assert_error("a)", 1, 2, "')' without a matching '('");
}

static void
test_cond_error_unknown_function(void **state)
{
	(void)state;
	assert_error("a and fild(a)", 1, 7,
	    "unknown function 'fild' (known: filled, count, has, days_between)");
	assert_error("a.b(c)", 1, 1,
	    "unknown function 'a.b' (known: filled, count, has, days_between)");
}

static void
test_cond_error_wrong_number_of_arguments(void **state)
{
	(void)state;
	assert_error("filled(a, b)", 1, 9, "filled() takes 1 argument");
	assert_error("filled()", 1, 8, "filled() takes 1 argument");
	assert_error("has(tags)", 1, 9, "has() takes 2 arguments");
	assert_error("count(datasets, a, b)", 1, 18,
	    "count() takes 1 or 2 arguments");
	assert_error("filled(a b)", 1, 10,
	    "expected ')' to close 'filled(' at 1:1");
	assert_error("count(datasets, )", 1, 17, "unexpected ')'");
}

static void
test_cond_error_wrong_kind_of_argument(void **state)
{
	(void)state;
	assert_error("filled(\"x\")", 1, 8,
	    "filled() takes a field name as its argument");
	assert_error("filled((a == b))", 1, 8,
	    "filled() takes a field name as its argument");
	assert_error("has('x', 'y')", 1, 5,
	    "has() takes a field name as its first argument");
	assert_error("has(tags, s)", 1, 11,
	    "has() takes a value as its second argument");
	assert_error("count(1)", 1, 7,
	    "count() takes a group name as its first argument");
}

static void
test_cond_error_strings(void **state)
{
	(void)state;
	assert_error("s == \"abc", 1, 6, "unterminated string");
	assert_error("s == 'abc\\", 1, 6, "unterminated string");
	assert_error("s == 'abc\"", 1, 6, "unterminated string");
	assert_error("s == \"a\\nb\"", 1, 8,
	    "invalid escape '\\n' in string (only \\\", \\' and \\\\)");
	assert_error("a == 'x' \"y\"", 1, 10, "unexpected string \"y\"");
}

static void
test_cond_error_unexpected_tokens(void **state)
{
	(void)state;
	assert_error("a and and b", 1, 7, "unexpected 'and'");
	assert_error("a ==", 1, 5, "expected a field name, a value or '('");
	assert_error("not", 1, 4, "expected a field name, a value or '('");
	assert_error("a b", 1, 3, "unexpected 'b'");
	assert_error("or a", 1, 1, "unexpected 'or'");
	assert_error("a == == b", 1, 6, "unexpected '=='");
}

static void
test_cond_error_empty_source(void **state)
{
	(void)state;
	assert_error("", 1, 1, "empty condition");
	assert_error("  \n\t ", 1, 1, "empty condition");
	assert_error_from(" ", 7, 3, 7, 3, "empty condition");
}

static void
test_cond_error_comparisons_do_not_chain(void **state)
{
	(void)state;
	assert_error("a == b == c", 1, 8,
	    "comparisons do not chain; join them with 'and'");
	assert_error("1 < n <= 9", 1, 7,
	    "comparisons do not chain; join them with 'and'");
}

static void
test_cond_error_bad_characters(void **state)
{
	(void)state;
	assert_error("a = b", 1, 3, "use '==' to compare");
	assert_error("!a", 1, 1, "use 'not' to negate");
	assert_error("a && b", 1, 3, "use 'and' instead of '&'");
	assert_error("a || b", 1, 3, "use 'or' instead of '|'");
	assert_error("a @ b", 1, 3, "unexpected character '@'");
	assert_error("a\x01", 1, 2, "unexpected control character 0x01");
	assert_error("a \xef\xbc\x8c b", 1, 3,
	    "unexpected character '\xef\xbc\x8c' (U+FF0C)");
	assert_error("a ==\xc2\xa0" "1", 1, 5,
	    "unexpected character '\xc2\xa0' (U+00A0)");
	assert_error("a \xff", 1, 3, "invalid UTF-8 byte 0xff");
	assert_error("a \xe6\x95", 1, 3, "invalid UTF-8 byte 0xe6");
	assert_error("a \xed\xa0\x80", 1, 3, "invalid UTF-8 byte 0xed");
}

static void
test_cond_error_numbers(void **state)
{
	(void)state;
	assert_error("v == 1.2.3", 1, 6, "malformed number '1.2.3'");
	assert_error("n > 12abc", 1, 5, "malformed number '12abc'");
	assert_error("n > 1.", 1, 5, "malformed number '1.'");
	assert_error("n > -x", 1, 5, "expected a digit after '-'");
}

static void
test_cond_error_references(void **state)
{
	(void)state;
	assert_error("a.b.c.d", 1, 1,
	    "'a.b.c.d' has 4 parts; at most 3 (template.section.field)");
	assert_error("a.not", 1, 3, "'not' is a keyword, not a name");
	assert_error("yes.a", 1, 1, "'yes' is a keyword, not a name");
	assert_error("a. b", 1, 3, "expected a name after '.'");
}

static void
test_cond_error_position_across_lines(void **state)
{
	(void)state;
	assert_error("a and\n  (b or\n   c", 3, 5,
	    "expected ')' to close '(' at 2:3");
	/* Only the first line is shifted by the starting column. */
	assert_error_from("a and\n  (b or\n   c", 10, 7, 12, 5,
	    "expected ')' to close '(' at 11:3");
	assert_error_from("a and", 4, 9, 4, 14,
	    "expected a field name, a value or '('");
	assert_error("a or\r\n  b c", 2, 5, "unexpected 'c'");
}

static void
test_cond_error_position_counts_utf8_characters(void **state)
{
	(void)state;
	/* Each of the three Chinese characters is one column. */
	assert_error("s == \"\xe6\x95\xb0\xe6\x8d\xae\xe9\x9b\x86\" and )",
	    1, 16, "unexpected ')'");
	assert_error("s == '\xe6\x95\xb0\xe6\x8d\xae' '\xe9\x9b\x86'", 1, 11,
	    "unexpected string '\xe9\x9b\x86'");
	assert_error("s == '\xe6\x95\xb0' or\n\xe6\x8d\xae", 2, 1,
	    "unexpected character '\xe6\x8d\xae' (U+636E)");
	assert_error_from("s == '\xe6\x95\xb0\xe6\x8d\xae' =", 5, 20, 5, 30,
	    "use '==' to compare");
}

static void
test_cond_error_without_diag_is_safe(void **state)
{
	(void)state;
	assert_null(cond_parse("(a", "t.yaml", 1, 1, NULL));
	assert_null(cond_parse(NULL, NULL, 1, 1, NULL));
}

/* Limits. */

static void
test_cond_longest_source_is_accepted(void **state)
{
	struct world	 w;
	char		*src;

	(void)state;
	world_init(&w);
	src = repeat("a", COND_MAX_SOURCE - 1, " ", "");
	assert_int_equal(strlen(src), COND_MAX_SOURCE);
	assert_true(truth(&w, src));
	free(src);
	/* 800 operands in one chain is no nesting at all. */
	src = repeat("", 800, "b or ", "a");
	assert_true(truth(&w, src));
	free(src);
}

static void
test_cond_error_source_too_long(void **state)
{
	char	*src;

	(void)state;
	src = repeat("a", COND_MAX_SOURCE, " ", "");
	assert_error(src, 1, 1, "condition is longer than 4096 bytes");
	free(src);
	src = repeat("", 10000, "(", "a");
	assert_error(src, 1, 1, "condition is longer than 4096 bytes");
	free(src);
	src = repeat("", 10000, "not ", "a");
	assert_error(src, 1, 1, "condition is longer than 4096 bytes");
	free(src);
}

static void
test_cond_deepest_nesting_is_accepted(void **state)
{
	struct world	 w;
	char		*open, *src;

	(void)state;
	world_init(&w);
	open = repeat("", COND_MAX_DEPTH, "(", "a");
	src = repeat(open, COND_MAX_DEPTH, ")", "");
	assert_true(truth(&w, src));
	free(open);
	free(src);
	src = repeat("", COND_MAX_DEPTH, "not ", "a");
	assert_true(truth(&w, src));
	free(src);
}

static void
test_cond_error_nesting_too_deep(void **state)
{
	char	*src, *head;

	(void)state;
	src = repeat("", 65, "(", "a");
	assert_error(src, 1, 65, "conditions nest deeper than 64 levels");
	free(src);
	src = repeat("", 2000, "(", "a");
	assert_error(src, 1, 65, "conditions nest deeper than 64 levels");
	free(src);
	src = repeat("", 1000, "not ", "a");
	assert_error(src, 1, 257, "conditions nest deeper than 64 levels");
	free(src);
	/* Calls count too: 32 nots and 32 brackets leave no room for one. */
	head = repeat("", 32, "not ", "");
	src = repeat(head, 32, "(", "filled(a)");
	assert_error(src, 1, 161, "conditions nest deeper than 64 levels");
	free(head);
	free(src);
}

/* Resolve errors. */

static void
test_cond_resolve_rejects_group_outside_count(void **state)
{
	struct world	w;

	(void)state;
	world_init(&w);
	assert_resolve_error(&w, "datasets == 1", DIAG_COND, 1,
	    "'datasets' is a group; use count(datasets) or count(datasets, "
	    "...)");
	assert_resolve_error(&w, "filled(datasets)", DIAG_COND, 8,
	    "'datasets' is a group; use count(datasets) or count(datasets, "
	    "...)");
	assert_resolve_error(&w, "has(datasets, 'x')", DIAG_COND, 5,
	    "'datasets' is a group; use count(datasets) or count(datasets, "
	    "...)");
	assert_resolve_error(&w, "a and datasets", DIAG_COND, 7,
	    "'datasets' is a group; use count(datasets) or count(datasets, "
	    "...)");
}

static void
test_cond_resolve_rejects_count_of_a_value(void **state)
{
	struct world	w;

	(void)state;
	world_init(&w);
	assert_resolve_error(&w, "count(tags) > 1", DIAG_COND, 7,
	    "'tags' is not a group; count() counts the records of a group");
}

static void
test_cond_resolve_propagates_resolver_failure(void **state)
{
	struct world	w;

	(void)state;
	world_init(&w);
	assert_resolve_error(&w, "a and nosuch", DIAG_TEMPLATE, 7,
	    "unknown field 'nosuch'");
	assert_resolve_error(&w, "count(datasets, nosuch > 1)", DIAG_TEMPLATE,
	    17, "unknown field 'nosuch'");
	/* Record fields are not visible outside their group. */
	assert_resolve_error(&w, "size > 1", DIAG_TEMPLATE, 1,
	    "unknown field 'size'");
	world_init(&w);
	w.fail = 1;
	assert_resolve_error(&w, "count(datasets)", DIAG_TEMPLATE, 7,
	    "unknown field 'datasets'");
	assert_int_equal(w.nseen, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cond_and_binds_tighter_than_or),
		cmocka_unit_test(test_cond_not_binds_looser_than_comparison),
		cmocka_unit_test(test_cond_not_binds_tighter_than_and),
		cmocka_unit_test(test_cond_parentheses_override_precedence),
		cmocka_unit_test(test_cond_and_or_short_circuit),
		cmocka_unit_test(test_cond_numbers_compare_as_numbers),
		cmocka_unit_test(test_cond_strings_compare_bytewise),
		cmocka_unit_test(test_cond_iso_dates_order_as_strings),
		cmocka_unit_test(test_cond_numeric_string_equals_number),
		cmocka_unit_test(
		    test_cond_ordering_needs_two_numbers_or_two_strings),
		cmocka_unit_test(test_cond_booleans_compare_as_booleans),
		cmocka_unit_test(test_cond_null_equals_only_null),
		cmocka_unit_test(test_cond_lists_are_never_equal),
		cmocka_unit_test(test_cond_truth_rule),
		cmocka_unit_test(test_cond_bare_values_use_the_truth_rule),
		cmocka_unit_test(test_cond_eval_returns_values),
		cmocka_unit_test(test_cond_string_escapes),
		cmocka_unit_test(test_cond_filled_needs_a_non_empty_value),
		cmocka_unit_test(test_cond_count_counts_records),
		cmocka_unit_test(
		    test_cond_count_with_condition_reads_record_fields),
		cmocka_unit_test(test_cond_count_condition_reads_outer_fields),
		cmocka_unit_test(
		    test_cond_count_against_a_number_stops_when_decided),
		cmocka_unit_test(
		    test_cond_count_resolves_inner_refs_in_group_scope),
		cmocka_unit_test(test_cond_eval_passes_caller_record),
		cmocka_unit_test(test_cond_has_looks_in_lists_and_strings),
		cmocka_unit_test(test_cond_days_between_counts_calendar_days),
		cmocka_unit_test(test_cond_days_between_is_null_unless_two_dates),
		cmocka_unit_test(test_cond_foreach_ref_in_source_order),
		cmocka_unit_test(test_cond_ref_is_split_into_parts),
		cmocka_unit_test(test_cond_source_is_kept_verbatim),
		cmocka_unit_test(test_cond_error_unclosed_parenthesis),
		cmocka_unit_test(test_cond_error_unknown_function),
		cmocka_unit_test(test_cond_error_wrong_number_of_arguments),
		cmocka_unit_test(test_cond_error_wrong_kind_of_argument),
		cmocka_unit_test(test_cond_error_strings),
		cmocka_unit_test(test_cond_error_unexpected_tokens),
		cmocka_unit_test(test_cond_error_empty_source),
		cmocka_unit_test(test_cond_error_comparisons_do_not_chain),
		cmocka_unit_test(test_cond_error_bad_characters),
		cmocka_unit_test(test_cond_error_numbers),
		cmocka_unit_test(test_cond_error_references),
		cmocka_unit_test(test_cond_error_position_across_lines),
		cmocka_unit_test(
		    test_cond_error_position_counts_utf8_characters),
		cmocka_unit_test(test_cond_error_without_diag_is_safe),
		cmocka_unit_test(test_cond_longest_source_is_accepted),
		cmocka_unit_test(test_cond_error_source_too_long),
		cmocka_unit_test(test_cond_deepest_nesting_is_accepted),
		cmocka_unit_test(test_cond_error_nesting_too_deep),
		cmocka_unit_test(test_cond_resolve_rejects_group_outside_count),
		cmocka_unit_test(test_cond_resolve_rejects_count_of_a_value),
		cmocka_unit_test(
		    test_cond_resolve_propagates_resolver_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
