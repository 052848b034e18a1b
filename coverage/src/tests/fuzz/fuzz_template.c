/*
 * libFuzzer harness for the template loader: bytes go to tmpl_load_buffer.
 * A template that loads is resolved as a set of one, a dossier is built on
 * it with a plausible answer in every field (so patterns, lengths and
 * conditions run on real values), validated, and its canonical text must
 * load again against the same template.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/dossier.h"
#include "core/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *
fuzz_answer(const struct tmpl_field *f)
{
	if (f->example != NULL)
		return f->example;
	switch (f->type) {
	case TMPL_CHOICE:
	case TMPL_MULTICHOICE:
		return f->options.n > 0 ? f->options.v[0] : "x";
	case TMPL_YESNO:
		return "yes";
	case TMPL_DATE:
		return "2026-01-31";
	case TMPL_INTEGER:
		return "7";
	case TMPL_VERSION:
		return "1.2.3";
	default:
		return "some text";
	}
}

/* A multiple choice holds a list; everything else a single value. */
static void
fuzz_put(struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	struct ynode *list;

	if (f->type != TMPL_MULTICHOICE) {
		dossier_set_text(d, f, rec, fuzz_answer(f));
		return;
	}
	list = yt_seq();
	yt_append(list, yt_scalar(fuzz_answer(f)));
	yt_free(dossier_put(d, f, rec, list));
}

static void
fuzz_fill(struct dossier *d, const struct tmpl_field *fs, size_t n)
{
	const struct tmpl_field *f;
	size_t i, j;

	for (i = 0; i < n; i++) {
		f = &fs[i];
		if (f->type != TMPL_GROUP) {
			fuzz_put(d, f, 0);
			continue;
		}
		/* Two records: one filled, one empty. */
		dossier_insert_record(d, f, 0, NULL);
		dossier_insert_record(d, f, 1, NULL);
		for (j = 0; j < f->nfields; j++)
			if (f->fields[j].type != TMPL_GROUP)
				fuzz_put(d, &f->fields[j], 0);
	}
}

static void
fuzz_dossier_on(struct tmpl_set *set, const struct tmpl *t)
{
	struct dossier *d, *d2;
	struct report *r;
	struct diag err;
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];
	char *s;
	size_t i, n;

	d = dossier_new(set, &t, 1);
	r = validate(d, NULL);
	report_free(r);
	for (i = 0; i < t->nsections; i++)
		fuzz_fill(d, t->sections[i].fields, t->sections[i].nfields);
	r = validate(d, NULL);
	report_free(r);
	s = dossier_serialize(d, &n);
	d2 = dossier_load_buffer(s, n, "fuzz.yaml", set, &err);
	if (d2 == NULL) {
		fprintf(stderr, "fuzz_template: a dossier saved on this "
		    "template does not load: %s\n%.*s\n",
		    diag_format(&err, buf, sizeof buf), (int)n, s);
		abort();
	}
	dossier_free(d2);
	free(s);
	dossier_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_set *set;
	struct tmpl *t;
	struct diag err;

	t = tmpl_load_buffer((const char *)data, size, "fuzz-template.yaml",
	    &err);
	if (t == NULL)
		return 0;
	set = tmpl_set_new();
	if (tmpl_set_add(set, t, &err) == 0 && tmpl_set_resolve(set, &err) == 0)
		fuzz_dossier_on(set, t);
	tmpl_set_free(set);
	return 0;
}
