/*
 * Fixtures shared by the unit tests: a private temporary folder per case
 * (tests never write anywhere else, so they run from a read-only source
 * tree), files written from strings, templates and dossiers loaded from
 * strings, and assertions on diags and findings that print what they got
 * when they fail.  Include after <cmocka.h>.  Links only core/libcore.a.
 */
#ifndef DOSSIER_TEST_HELPERS_H
#define DOSSIER_TEST_HELPERS_H

#include <stddef.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/template.h"
#include "core/validate.h"

/* Per-case state; setup and teardown below create and remove it. */
struct fx {
	char *dir;		/* mkdtemp folder, removed with its contents */
	struct tmpl_set *set;	/* from h_set, freed at teardown */
	struct dossier *d;	/* from h_dossier, freed at teardown */
	struct report *r;	/* from h_validate, freed at teardown */
	struct diag err;
};

/* cmocka group hooks: *state becomes a struct fx. */
int h_setup(void **state);
int h_teardown(void **state);

/* A fixture under $TESTDATA (tests/data in the source tree); caller frees. */
char *h_data(const char *rel);

/* dir/name; caller frees. */
char *h_path(const struct fx *fx, const char *name);
/* Write len bytes (or strlen(s) when len is (size_t)-1) to dir/name. */
char *h_write(const struct fx *fx, const char *name, const char *s,
    size_t len);
/* The whole file; caller frees; NULL if it cannot be read. */
char *h_slurp(const char *path, size_t *len);

/*
 * Load the template text yaml (written to dir/name, "t.yaml" when NULL)
 * into a fresh resolved set stored in fx->set.  NULL with fx->err filled
 * when it does not load.
 */
struct tmpl_set *h_set(struct fx *fx, const char *name, const char *yaml);
/*
 * Load dossier text against fx->set, as file dir/name ("d.yaml" when
 * NULL), into fx->d; NULL with fx->err filled.
 */
struct dossier *h_dossier(struct fx *fx, const char *name, const char *yaml);
/* Validate fx->d into fx->r (replacing an earlier report). */
struct report *h_validate(struct fx *fx);

/* "tid.sid.fid" or "tid.sid.gid.fid" in fx->set; fails the test if absent. */
const struct tmpl_field *h_field(const struct fx *fx, const char *path);

/* The n-th (0-based) finding with this kind and path, or NULL. */
const struct finding *h_finding(const struct report *r,
    enum finding_kind kind, const char *path, size_t nth);
/* How many findings have this kind (and path, unless NULL). */
size_t h_count(const struct report *r, enum finding_kind kind,
    const char *path);
/* Print every finding (for a failing case). */
void h_dump(const struct report *r);

/* Exact file, line, column and message of a diag. */
void h_assert_diag(const struct diag *d, const char *file, int line, int col,
    const char *msg);
/* The same with file being fx's dir/name. */
void h_assert_err(const struct fx *fx, const char *name, int line, int col,
    const char *msg);
/* A finding at line:col with this exact message. */
void h_assert_finding(const struct finding *f, int line, int col,
    const char *msg);

#endif
