/*
 * libFuzzer harness for the dossier loader, shaped like OSS-Fuzz's
 * libyaml_loader_fuzzer: bytes go to dossier_load_buffer against a fixed
 * template set (the bundled templates and the test template, so the
 * examples in the seed corpus load).  Whatever loads is validated and then
 * put through the round-trip oracle of libyaml's emitter fuzzer: the
 * canonical text must load again, and saving that must give the same
 * bytes.  A refusal is fine; a crash, a leak, a sanitizer report, an exit
 * or a failed oracle is a finding.  Then a few edits chosen from a hash of
 * the input go through the model API, as the wizard makes them, and the
 * result must again load and save to the same bytes.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dossier.h"
#include "core/validate.h"
#include "core/xalloc.h"

#ifndef FUZZ_TEMPLATE_DIR
#define FUZZ_TEMPLATE_DIR "templates"
#endif
#ifndef FUZZ_TPL_DIR
#define FUZZ_TPL_DIR "tests/data/tpl"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once and kept: reachable at exit, so not a leak to LSan. */
static struct tmpl_set *fuzz_set;

static const struct tmpl_set *
fuzz_templates(void)
{
	static const char *const dirs[] = { FUZZ_TEMPLATE_DIR, FUZZ_TPL_DIR };
	struct diag err;
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];

	if (fuzz_set != NULL)
		return fuzz_set;
	fuzz_set = tmpl_set_load(dirs, 2, 1, &err);
	if (fuzz_set == NULL) {
		/* Without templates every input is refused: useless run. */
		fprintf(stderr, "fuzz_dossier: %s\n",
		    diag_format(&err, buf, sizeof buf));
		abort();
	}
	return fuzz_set;
}

static void fuzz_fail(const char *, const char *, size_t, const char *,
    size_t) __attribute__((noreturn));

static void
fuzz_fail(const char *what, const char *a, size_t alen, const char *b,
    size_t blen)
{
	fprintf(stderr, "fuzz_dossier: round trip: %s\n--- first (%zu "
	    "bytes)\n%.*s\n--- second (%zu bytes)\n%.*s\n", what, alen,
	    (int)alen, a, blen, b != NULL ? (int)blen : 0,
	    b != NULL ? b : "");
	abort();
}

/* A small deterministic generator seeded from the input (FNV-1a). */
static uint32_t
fuzz_seed(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

static uint32_t
fuzz_next(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static const char *const fuzz_texts[] = {
	"", "yes", "no", "12", "-1", "2026-02-30", "1.2.3", "null", "~",
	"a: b", "- x", "#", "line one\nline two\n", " lead", "trail ",
	"\xe6\xb8\xac\xe8\xa9\xa6", "\"quoted\"", "{x}", "*a", "&a",
};
#define FUZZ_NTEXTS (sizeof fuzz_texts / sizeof fuzz_texts[0])

/* One edit as the wizard makes them, on field f (record rec). */
static void
fuzz_edit_field(struct dossier *d, const struct tmpl_field *f, size_t rec,
    uint32_t *rng)
{
	const char *text = fuzz_texts[fuzz_next(rng) % FUZZ_NTEXTS];
	struct ynode *list;
	size_t n;

	switch (fuzz_next(rng) % 3) {
	case 0:
		dossier_set_na(d, f, rec, text);
		return;
	case 1:
		yt_free(dossier_put(d, f, rec, NULL));
		return;
	default:
		break;
	}
	if (f->type == TMPL_MULTICHOICE) {
		list = yt_seq();
		yt_append(list, yt_scalar(f->options.n > 0 ?
		    f->options.v[fuzz_next(rng) % f->options.n] : text));
		yt_free(dossier_put(d, f, rec, list));
	} else if (f->type == TMPL_GROUP) {
		n = dossier_nrecords(d, f);
		switch (fuzz_next(rng) % 3) {
		case 0:
			dossier_insert_record(d, f, fuzz_next(rng) % (n + 1),
			    NULL);
			break;
		case 1:
			yt_free(dossier_remove_record(d, f,
			    n > 0 ? fuzz_next(rng) % n : 0));
			break;
		default:
			if (n > 0)
				dossier_move_record(d, f, fuzz_next(rng) % n,
				    fuzz_next(rng) % n);
			break;
		}
		if (f->nfields > 0 && dossier_nrecords(d, f) > 0)
			fuzz_edit_field(d, &f->fields[fuzz_next(rng) %
			    f->nfields], fuzz_next(rng) %
			    dossier_nrecords(d, f), rng);
	} else {
		dossier_set_text(d, f, rec, text);
	}
}

/*
 * Edits through the model API must never make a dossier that cannot be
 * opened again: that would be data loss the moment the wizard saves.
 */
/*
 * The round-trip oracle: d's canonical text loads again, and saving that
 * gives the same bytes.  what names the stage in a failure report.
 */
static void
fuzz_round_trip(const struct dossier *d, const struct tmpl_set *set,
    const char *what)
{
	struct dossier *d2;
	struct diag err;
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];
	char *s1, *s2;
	size_t n1, n2;

	s1 = dossier_serialize(d, &n1);
	d2 = dossier_load_buffer(s1, n1, "fuzz.yaml", set, &err);
	if (d2 == NULL)
		fuzz_fail(diag_format(&err, buf, sizeof buf), s1, n1, NULL, 0);
	s2 = dossier_serialize(d2, &n2);
	if (n1 != n2 || memcmp(s1, s2, n1) != 0)
		fuzz_fail(what, s1, n1, s2, n2);
	free(s1);
	free(s2);
	dossier_free(d2);
}

static void
fuzz_edits(struct dossier *d, const struct tmpl_set *set,
    const uint8_t *data, size_t size)
{
	const struct tmpl *t;
	const struct tmpl_section *sec;
	uint32_t rng = fuzz_seed(data, size);
	int i;

	for (i = 0; i < 8; i++) {
		t = d->tmpls[fuzz_next(&rng) % d->ntmpls];
		if (t->nsections == 0)
			continue;
		sec = &t->sections[fuzz_next(&rng) % t->nsections];
		if (sec->nfields == 0)
			continue;
		fuzz_edit_field(d, &sec->fields[fuzz_next(&rng) %
		    sec->nfields], 0, &rng);
	}
	fuzz_round_trip(d, set, "after edits, second save differs");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct tmpl_set *set = fuzz_templates();
	struct dossier *d;
	struct report *r;
	struct diag err;

	d = dossier_load_buffer((const char *)data, size, "fuzz.yaml", set,
	    &err);
	if (d == NULL)
		return 0;
	r = validate(d, NULL);
	report_free(r);
	fuzz_round_trip(d, set, "second save differs");
	fuzz_edits(d, set, data, size);
	dossier_free(d);
	return 0;
}
