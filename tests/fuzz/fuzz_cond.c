/*
 * libFuzzer harness for the condition language: bytes are a condition's
 * source; whatever parses is bound by a fake resolver (a few names of each
 * kind, one repeated group whose record fields are visible only inside
 * count()), and whatever binds is evaluated against fixed values, at the
 * top level and inside each record.  Parsing refuses, binding refuses,
 * evaluation cannot fail: anything else is a finding.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum fz_kind { FZ_TOP, FZ_GROUP, FZ_FIELD };

struct fz_var {
	const char *name;
	enum fz_kind kind;
	struct cval val;	/* FZ_TOP; FZ_FIELD takes it from the record */
	int slot;		/* FZ_FIELD: index into a record */
};

#define FZ_NREC 3
#define FZ_NFIELD 3

static const char *const fz_tags[] = { "ai", "ml", "" };
static const char *const fz_kinds[] = { "image", "text" };

static struct fz_var fz_vars[] = {
	{ "a", FZ_TOP, { .kind = CVAL_BOOL, .b = 1 }, 0 },
	{ "b", FZ_TOP, { .kind = CVAL_BOOL, .b = 0 }, 0 },
	{ "n", FZ_TOP, { .kind = CVAL_NUM, .num = 5 }, 0 },
	{ "z", FZ_TOP, { .kind = CVAL_NUM, .num = -0.5 }, 0 },
	{ "s", FZ_TOP, { .kind = CVAL_STR, .str = "abc" }, 0 },
	{ "d", FZ_TOP, { .kind = CVAL_STR, .str = "2026-01-31" }, 0 },
	{ "numstr", FZ_TOP, { .kind = CVAL_STR, .str = "12" }, 0 },
	{ "empty", FZ_TOP, { .kind = CVAL_STR, .str = "" }, 0 },
	{ "none", FZ_TOP, { .kind = CVAL_NULL }, 0 },
	{ "tags", FZ_TOP, { .kind = CVAL_LIST, .list = fz_tags,
	    .nitems = 3 }, 0 },
	{ "tr-007.sec.f", FZ_TOP, { .kind = CVAL_STR, .str = "yes" }, 0 },
	{ "sec.g", FZ_TOP, { .kind = CVAL_NUM, .num = 1e308 }, 0 },
	{ "items", FZ_GROUP, { .kind = CVAL_NULL }, 0 },
	{ "name", FZ_FIELD, { .kind = CVAL_NULL }, 0 },
	{ "size", FZ_FIELD, { .kind = CVAL_NULL }, 1 },
	{ "kinds", FZ_FIELD, { .kind = CVAL_NULL }, 2 },
};
#define FZ_NVARS (sizeof fz_vars / sizeof fz_vars[0])

static const struct cval fz_records[FZ_NREC][FZ_NFIELD] = {
	{ { .kind = CVAL_STR, .str = "train" }, { .kind = CVAL_NUM,
	    .num = 120 }, { .kind = CVAL_LIST, .list = fz_kinds,
	    .nitems = 2 } },
	{ { .kind = CVAL_NULL }, { .kind = CVAL_STR, .str = "80" },
	    { .kind = CVAL_LIST, .list = NULL, .nitems = 0 } },
	{ { .kind = CVAL_STR, .str = "" }, { .kind = CVAL_BOOL, .b = 1 },
	    { .kind = CVAL_NULL } },
};

static int
fz_resolve(void *ctx, void *scope, struct cond_ref *ref, struct diag *err)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < FZ_NVARS; i++) {
		if (strcmp(fz_vars[i].name, ref->text) != 0)
			continue;
		if (fz_vars[i].kind == FZ_FIELD && scope == NULL)
			break;
		ref->target = &fz_vars[i];
		ref->kind = fz_vars[i].kind == FZ_GROUP ? COND_REF_GROUP :
		    COND_REF_VALUE;
		return 0;
	}
	return diag_set(err, DIAG_TEMPLATE, "fuzz.yaml", ref->line, ref->col,
	    "unknown field '%s'", ref->text);
}

static void
fz_value(void *ctx, const struct cond_ref *ref, const void *rec,
    struct cval *out)
{
	const struct fz_var *v = ref->target;
	const struct cval *r = rec;

	(void)ctx;
	if (v->kind == FZ_FIELD) {
		if (r == NULL) {
			memset(out, 0, sizeof *out);
			out->kind = CVAL_NULL;
			return;
		}
		*out = r[v->slot];
		return;
	}
	*out = v->val;
}

static size_t
fz_group_len(void *ctx, const struct cond_ref *ref, const void *rec)
{
	(void)ctx;
	(void)ref;
	(void)rec;
	return FZ_NREC;
}

static const void *
fz_group_record(void *ctx, const struct cond_ref *ref, const void *rec,
    size_t i)
{
	(void)ctx;
	(void)ref;
	(void)rec;
	if (i >= FZ_NREC)
		abort();	/* cond asked past group_len */
	return fz_records[i];
}

static const char *
fz_list_item(void *ctx, const void *list, size_t i)
{
	(void)ctx;
	return ((const char *const *)list)[i];
}

static const struct cond_eval_ops fz_ops = {
	.value = fz_value,
	.group_len = fz_group_len,
	.group_record = fz_group_record,
	.list_item = fz_list_item,
};

static void
fz_count_ref(void *arg, const struct cond_ref *ref)
{
	(void)ref;
	(*(size_t *)arg)++;
}

/* Parse, bind in scope and evaluate once per record in recs (or once). */
static void
fz_run(const uint8_t *data, size_t size, void *scope,
    const struct cval (*recs)[FZ_NFIELD], size_t nrecs)
{
	struct cond *c;
	struct diag err;
	struct cval v;
	char *src;
	size_t i, nrefs = 0;

	/* A condition is a C string in a template: stop at a NUL. */
	src = xstrndup((const char *)data, size);
	c = cond_parse(src, "fuzz.yaml", 3, 7, &err);
	free(src);
	if (c == NULL)
		return;
	cond_foreach_ref(c, fz_count_ref, &nrefs);
	if (cond_resolve(c, fz_resolve, NULL, scope, &err) == 0) {
		/* A pass's pool, shared by the records as a validation
		 * shares it: it only shrinks, and an empty pool decides
		 * nothing. */
		unsigned long pool = (unsigned long)(size % 23), before;
		int t;

		for (i = 0; i < (recs != NULL ? nrecs : 1); i++) {
			before = pool;
			t = cond_test_pool(c, &fz_ops, NULL, recs != NULL ?
			    recs[i] : NULL, (unsigned long)(size % 5) + 1, &pool);
			if (t > 1 || t < -1 || pool > before ||
			    (before == 0 && t != -1))
				abort();
			cond_eval(c, &fz_ops, NULL,
			    recs != NULL ? recs[i] : NULL, &v);
			(void)cval_truth(&v);
			(void)cond_test(c, &fz_ops, NULL,
			    recs != NULL ? recs[i] : NULL);
			/* The budget's exhaustion path, at every size. */
			if (cond_test_budget(c, &fz_ops, NULL, recs != NULL ?
			    recs[i] : NULL, (unsigned long)(size % 7)) > 1)
				abort();
		}
	}
	cond_free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	/* At the top of a section, then as a `when` inside a record. */
	fz_run(data, size, NULL, NULL, 0);
	for (i = 0; i < FZ_NVARS; i++)
		if (fz_vars[i].kind == FZ_GROUP)
			fz_run(data, size, &fz_vars[i], fz_records, FZ_NREC);
	return 0;
}
