/*
 * validate_update must give exactly what a fresh validate() gives.  The
 * oracle: thousands of random edits (valid and invalid values, "not
 * applicable", clearing, records added, removed and moved, gating answers
 * flipped) on the bundled example dossier; after each, the incremental
 * report and a full one are compared finding by finding and counter by
 * counter.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dossier.h"
#include "core/validate.h"
#include "core/xalloc.h"

struct world {
	struct tmpl_set *set;
	struct dossier *d;
	const struct tmpl_field **fields;	/* every field, records' too */
	size_t nfields;
	unsigned seed;
};

static unsigned
rnd(struct world *w, unsigned n)
{
	w->seed = w->seed * 1103515245u + 12345u;
	return (w->seed >> 8) % n;
}

static void
collect(struct world *w, const struct tmpl_field *fs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		w->fields = xreallocarray(w->fields, w->nfields + 1,
		    sizeof *w->fields);
		w->fields[w->nfields++] = &fs[i];
		collect(w, fs[i].fields, fs[i].nfields);
	}
}

static int
setup(void **state)
{
	struct world *w = xcalloc(1, sizeof *w);
	const char *tdir = getenv("DOSSIER_TEMPLATE_PATH");
	const char *ex = getenv("EXAMPLES");
	struct diag err;
	size_t i, j;
	char *path;

	if (tdir == NULL || ex == NULL)
		fail_msg("DOSSIER_TEMPLATE_PATH and EXAMPLES must be set");
	w->set = tmpl_set_load(&tdir, 1, 1, &err);
	assert_non_null(w->set);
	path = xasprintf("%s/complete.yaml", ex);
	w->d = dossier_load(path, w->set, &err);
	free(path);
	assert_non_null(w->d);
	for (i = 0; i < w->d->ntmpls; i++)
		for (j = 0; j < w->d->tmpls[i]->nsections; j++)
			collect(w, w->d->tmpls[i]->sections[j].fields,
			    w->d->tmpls[i]->sections[j].nfields);
	w->seed = 20260203u;
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	dossier_free(w->d);
	tmpl_set_free(w->set);
	free(w->fields);
	free(w);
	return 0;
}

static const char *const junk[] = {
	"", "yes", "no", "maybe", "0", "-3", "42", "2026-02-03", "2026-02-30",
	"1.0", "2.4.1", "evidence/architecture.md", "missing.pdf", "x\ny",
	"中文的答案", "training", "validation", "test",
};

/* One random edit; returns the field and record validate_update needs. */
static const struct tmpl_field *
edit(struct world *w, size_t *rec)
{
	const struct tmpl_field *f = w->fields[rnd(w, (unsigned)w->nfields)];
	const struct tmpl_field *g = f->group;
	size_t n;

	*rec = 0;
	if (f->type == TMPL_GROUP) {
		n = dossier_nrecords(w->d, f);
		switch (rnd(w, 3)) {
		case 0:
			dossier_insert_record(w->d, f, rnd(w, (unsigned)n + 1),
			    NULL);
			break;
		case 1:
			if (n > 0)
				yt_free(dossier_remove_record(w->d, f,
				    rnd(w, (unsigned)n)));
			break;
		default:
			if (n > 1)
				dossier_move_record(w->d, f,
				    rnd(w, (unsigned)n), rnd(w, (unsigned)n));
			break;
		}
		return f;
	}
	if (g != NULL) {
		n = dossier_nrecords(w->d, g);
		if (n == 0)
			return NULL;
		*rec = rnd(w, (unsigned)n);
	}
	switch (rnd(w, 5)) {
	case 0:
		yt_free(dossier_put(w->d, f, *rec, NULL));
		break;
	case 1:
		dossier_set_na(w->d, f, *rec, rnd(w, 2) ? "no network" : "");
		break;
	case 2:
		if (f->options.n > 0 && f->type == TMPL_MULTICHOICE) {
			struct ynode *l = yt_seq();

			yt_append(l, yt_scalar(f->options.v[rnd(w,
			    (unsigned)f->options.n)]));
			yt_free(dossier_put(w->d, f, *rec, l));
			break;
		}
		if (f->options.n > 0) {
			dossier_set_text(w->d, f, *rec, f->options.v[rnd(w,
			    (unsigned)f->options.n)]);
			break;
		}
		/* FALLTHROUGH */
	default:
		dossier_set_text(w->d, f, *rec, junk[rnd(w,
		    (unsigned)(sizeof junk / sizeof junk[0]))]);
		break;
	}
	return f;
}

static void
assert_same(const struct report *a, const struct report *b, int step)
{
	char pa[FINDING_PATH_MAX], pb[FINDING_PATH_MAX];
	size_t i;

	if (a->n != b->n)
		fail_msg("step %d: %zu findings incrementally, %zu in full",
		    step, a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->f[i].sev, b->f[i].sev);
		assert_int_equal(a->f[i].kind, b->f[i].kind);
		assert_string_equal(finding_path(&a->f[i], pa),
		    finding_path(&b->f[i], pb));
		assert_int_equal(a->f[i].line, b->f[i].line);
		assert_int_equal(a->f[i].col, b->f[i].col);
		assert_string_equal(a->f[i].message, b->f[i].message);
	}
	assert_int_equal(a->errors, b->errors);
	assert_int_equal(a->warnings, b->warnings);
	assert_int_equal(a->infos, b->infos);
	assert_int_equal(a->required, b->required);
	assert_int_equal(a->complete, b->complete);
	assert_int_equal(a->nsections, b->nsections);
	for (i = 0; i < a->nsections; i++) {
		assert_int_equal(a->sections[i].applies, b->sections[i].applies);
		assert_int_equal(a->sections[i].required,
		    b->sections[i].required);
		assert_int_equal(a->sections[i].complete,
		    b->sections[i].complete);
		assert_int_equal(a->sections[i].errors, b->sections[i].errors);
		assert_int_equal(a->sections[i].warnings,
		    b->sections[i].warnings);
	}
}

/*
 * What the report remembers of every record field's `when` (the checklist
 * reads it) must be what evaluating it again says.  Returns the number of
 * record fields compared.
 */
static size_t
assert_asked(const struct report *r, const struct dossier *d, int step)
{
	const struct tmpl_section *s;
	const struct tmpl_field *g;
	size_t i, j, k, rec, n = 0;

	for (i = 0; i < r->nsections; i++) {
		s = r->sections[i].section;
		for (j = 0; j < s->nfields; j++) {
			g = &s->fields[j];
			if (g->type != TMPL_GROUP || !validate_applies(d, g, 0))
				continue;
			for (rec = 0; rec < dossier_nrecords(d, g); rec++) {
				for (k = 0; k < g->nfields; k++, n++) {
					if (validate_record_asked(r, d,
					    &r->sections[i], &g->fields[k],
					    rec) == validate_applies(d,
					    &g->fields[k], rec))
						continue;
					fail_msg("step %d: %s record %zu: asked "
					    "differs", step, g->fields[k].id,
					    rec);
				}
			}
		}
	}
	return n;
}

static void
test_update_matches_full_validation_after_random_edits(void **state)
{
	struct world *w = *state;
	struct vcache *cache = vcache_new();
	struct report *inc = validate(w->d, cache), *full, *buckets;
	const struct tmpl_field *f;
	size_t rec, asked = 0;
	int step, changed = 0;

	for (step = 0; step < 3000; step++) {
		f = edit(w, &rec);
		if (f == NULL)
			continue;
		validate_update(inc, w->d, f, rec, cache);
		full = validate(w->d, cache);
		assert_same(inc, full, step);
		/* The single-pass first validation and the bucketed one
		 * (validate_update's way) must agree too. */
		buckets = validate_buckets(w->d, cache);
		assert_same(buckets, full, step);
		asked += assert_asked(inc, w->d, step);
		changed += full->n > 0;
		report_free(full);
		report_free(buckets);
	}
	/* The edits must have produced findings to compare, not silence. */
	assert_true(changed > 1000);
	assert_true(asked > 1000);
	report_free(inc);
	vcache_free(cache);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_update_matches_full_validation_after_random_edits,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
