/*
 * libFuzzer harness for the dossier loader, shaped like OSS-Fuzz's
 * libyaml_loader_fuzzer: bytes go to dossier_load_buffer against a fixed
 * template set (the bundled templates and the test template, so the
 * examples in the seed corpus load).  Whatever loads is validated and then
 * put through the round-trip oracle of libyaml's emitter fuzzer: the
 * canonical text must load again, and saving that must give the same
 * bytes.  A refusal is fine; a crash, a leak, a sanitizer report, an exit
 * or a failed oracle is a finding.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct tmpl_set *set = fuzz_templates();
	struct dossier *d, *d2;
	struct report *r;
	struct diag err;
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 64];
	char *s1, *s2;
	size_t n1, n2;

	d = dossier_load_buffer((const char *)data, size, "fuzz.yaml", set,
	    &err);
	if (d == NULL)
		return 0;
	r = validate(d, NULL);
	report_free(r);
	s1 = dossier_serialize(d, &n1);
	d2 = dossier_load_buffer(s1, n1, "fuzz.yaml", set, &err);
	if (d2 == NULL)
		fuzz_fail(diag_format(&err, buf, sizeof buf), s1, n1, NULL, 0);
	s2 = dossier_serialize(d2, &n2);
	if (n1 != n2 || memcmp(s1, s2, n1) != 0)
		fuzz_fail("second save differs", s1, n1, s2, n2);
	free(s1);
	free(s2);
	dossier_free(d2);
	dossier_free(d);
	return 0;
}
