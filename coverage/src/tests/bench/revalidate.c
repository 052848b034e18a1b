/*
 * In-process figure for the wizard's hot path: after one answer changes,
 * how long does a full re-validation of a large dossier take?
 * usage: revalidate TEMPLATE_DIR DOSSIER [ROUNDS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dossier.h"
#include "core/validate.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	const char *dirs[1];
	struct tmpl_set *set;
	struct dossier *d;
	struct vcache *cache;
	struct report *r;
	struct diag err;
	double t0, best = 1e9, total = 0, full;
	int i, rounds = argc > 3 ? atoi(argv[3]) : 200;
	char buf[32];

	if (argc < 3) {
		fprintf(stderr, "usage: revalidate TEMPLATE_DIR DOSSIER [N]\n");
		return 2;
	}
	dirs[0] = argv[1];
	set = tmpl_set_load(dirs, 1, 1, &err);
	d = set != NULL ? dossier_load(argv[2], set, &err) : NULL;
	if (d == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.col,
		    err.msg);
		return 2;
	}
	s = tmpl_section_by_id(d->tmpls[d->ntmpls - 1], "datasets");
	f = s != NULL ? tmpl_field_by_id(s->fields, s->nfields, "datasets") :
	    NULL;
	if (f == NULL || f->nfields == 0) {
		fprintf(stderr, "revalidate: no datasets group\n");
		return 2;
	}
	f = tmpl_field_by_id(f->fields, f->nfields, "size");
	cache = vcache_new();
	r = validate(d, cache);
	t0 = now();
	report_free(validate(d, cache));
	full = now() - t0;
	for (i = 0; i < rounds; i++) {
		size_t rec = (size_t)i % dossier_nrecords(d, f->group);

		/* Every tenth edit makes the size invalid, then valid again. */
		snprintf(buf, sizeof buf, i % 10 == 0 ? "-%d" : "%d", 1000 + i);
		t0 = now();
		dossier_set_text(d, f, rec, buf);
		validate_update(r, d, f, rec, cache);
		t0 = now() - t0;
		total += t0;
		if (t0 < best)
			best = t0;
	}
	printf("revalidate: %zu records; full validation %.3f ms; after one "
	    "changed answer: mean %.3f ms, best %.3f ms over %d rounds\n",
	    dossier_nrecords(d, f->group), full * 1e3, total / rounds * 1e3,
	    best * 1e3, rounds);
	report_free(r);
	vcache_free(cache);
	dossier_free(d);
	tmpl_set_free(set);
	return 0;
}
