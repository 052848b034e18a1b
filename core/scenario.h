/*
 * Workshop scenarios: the dossiers behind `dossier --demo NAME`, listed as
 * data in share/examples/scenarios.yaml.  Each scenario names an exercise
 * dossier with deliberate mistakes, its answer key (a dossier that checks
 * clean), the folder of evidence files both refer to, and the findings a
 * student is meant to fix, each with the exercise that fixes it.  The
 * findings are a promise the test suite keeps: `check` on the exercise
 * reports exactly them.
 *
 * A working copy is the exercise (or the key) and its evidence copied into
 * a folder, as NAME.yaml (NAME-solution.yaml) and evidence/; it can be
 * reopened later and restored to the original.
 */
#ifndef DOSSIER_SCENARIO_H
#define DOSSIER_SCENARIO_H

#include <stddef.h>

#include "core/diag.h"
#include "core/lang.h"
#include "core/validate.h"

struct scenario_finding {
	char *severity;		/* error, warning or info */
	char *path;		/* as check prints it */
	char *rule;		/* the template rule's id, or NULL */
	char *exercise;		/* what the student does to fix it */
	/* exercise in another language (the key named by its lang_tag,
	 * "zh-Hant:"), or NULL; [LANG_EN] is unused */
	char *exercise_tr[LANG_COUNT];
};

struct scenario {
	char *name;		/* [a-z0-9-]+, unique */
	char *title;		/* one line */
	char *title_tr[LANG_COUNT];	/* as exercise_tr */
	char *exercise;		/* relative to the index's folder */
	char *solution;
	char *evidence;		/* may be NULL: no evidence files */
	struct scenario_finding *findings;
	size_t nfindings;
};

struct scenario_index {
	char *dir;		/* the folder the index is in */
	struct scenario *s;	/* in file order; the first is the default */
	size_t n;
};

/* Read and check the index.  NULL with err filled (file:line:col). */
struct scenario_index *scenario_index_load(const char *path,
    struct diag *err);
void scenario_index_free(struct scenario_index *ix);

/* The title, and a finding's exercise, in the display language when the
 * index has it there, else in English. */
const char *scenario_title(const struct scenario *s);
const char *scenario_exercise(const struct scenario_finding *f);

/* NULL when no scenario has that name. */
const struct scenario *scenario_find(const struct scenario_index *ix,
    const char *name);

/* The bundled file of a scenario: index folder + rel; caller frees. */
char *scenario_file(const struct scenario_index *ix, const char *rel);

/*
 * How many of s's documented findings r no longer reports: the exercises
 * a student has done (a finding reported twice must be fixed twice).
 */
size_t scenario_fixed(const struct scenario *s, const struct report *r);
/* The same, and open[i] (when not NULL) set for each finding still there. */
size_t scenario_check(const struct scenario *s, const struct report *r,
    unsigned char *open);

enum scenario_copy_mode {
	SCENARIO_OPEN,		/* reuse a copy that is there, else make it */
	SCENARIO_RESET		/* overwrite the copy and its evidence */
};

/*
 * Make (or find) the working copy of s in folder dir, which is created if
 * it does not exist (its parent must).  The copy is dir/NAME.yaml, or
 * dir/NAME-solution.yaml for the answer key; evidence files go to
 * dir/evidence/, never replacing a file there except on SCENARIO_RESET.
 * Returns the copy's path (caller frees) and sets *fresh when the copy was
 * made or restored now, or NULL with err filled.
 */
char *scenario_copy(const struct scenario_index *ix,
    const struct scenario *s, int solution, const char *dir,
    enum scenario_copy_mode mode, int *fresh, struct diag *err);

#endif
