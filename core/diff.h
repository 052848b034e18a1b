/*
 * What changed between two versions of a dossier, by question rather
 * than by line: template editions, device facts, answers added, changed
 * and removed, records added and removed, checklist status changes (the
 * status of checklist.h, the same one the workbook and `check` use) and
 * findings added or resolved.
 *
 * Records of a group are matched by identity, not position: a record is
 * known by the value of its group's key field (the template's `key`, else
 * the record's first field, e.g. a dataset's name or a release's
 * version).  A record whose key is blank, or shared with another record of
 * the same side, is known by its position ("#3") instead.  Paths in the
 * result name records the same way: tr-008.datasets.datasets[CXR-Train].role.
 *
 * Each changed answer also says what GN-10 would likely make of it: a
 * field marked `change_impact: major` in its template is "major" (a change
 * application), any other answer change is "minor" (a notification).  The
 * marks and their provenance come from the template (templates.md).
 */
#ifndef DOSSIER_DIFF_H
#define DOSSIER_DIFF_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/validate.h"

enum diff_kind {
	DIFF_TEMPLATE,		/* a template added, removed or re-edited */
	DIFF_DEVICE,		/* a device fact */
	DIFF_ADDED,		/* an answer given where there was none */
	DIFF_CHANGED,
	DIFF_REMOVED,
	DIFF_RECORD_ADDED,
	DIFF_RECORD_REMOVED,
	DIFF_STATUS,		/* checklist status of a question */
	DIFF_FINDING_ADDED,
	DIFF_FINDING_RESOLVED
};

enum diff_impact { DIFF_IMPACT_NONE, DIFF_IMPACT_MINOR, DIFF_IMPACT_MAJOR };

struct diff_item {
	enum diff_kind kind;
	const struct tmpl *tmpl;		/* may be NULL */
	const struct tmpl_section *section;	/* may be NULL */
	const struct tmpl_field *field;		/* may be NULL */
	char *what;	/* "Datasets [CXR-Train]: Role", "device name" */
	char *what_shown;	/* what in the display language (labels
				 * from the template's translation); NULL:
				 * what; what itself stays English (JSON) */
	char *old_shown, *new_shown, *clause_shown;	/* the same for old,
				 * new and clause (NULL: as they are) */
	char *path;	/* stable path (records by identity) */
	char *old, *new;	/* display text; NULL: none */
	char *clause;	/* as users read it; may be NULL */
	int line, col;	/* in the new file (old file for removals) */
	int in_new;	/* line/col refer to the new file */
	enum diff_impact impact;	/* answers and records only */
	enum tmpl_prov impact_prov;	/* of a major mark */
};

struct diff {
	struct diff_item *v;
	size_t n, cap;
	size_t majors, minors;	/* answer and record changes by impact */
};

/*
 * Compare a (old) with b (new); ra and rb are their reports from
 * validate().  The result is in template order; free with diff_free.
 */
struct diff *diff_dossiers(const struct dossier *a, const struct report *ra,
    const struct dossier *b, const struct report *rb);
void diff_free(struct diff *df);

const char *diff_kind_name(enum diff_kind k);

/*
 * The identities of the first n records of group g in d, by which diff
 * and merge match records across dossiers: a record's key value, or "#N"
 * (its position) when the key is blank, starts with '#' or is shared.
 */
struct hset;

struct diff_ids {
	char **v;
	size_t n;
	struct hset *index;	/* id -> index + 1, for diff_ids_find */
};
void diff_ids_make(struct diff_ids *ids, const struct dossier *d,
    const struct tmpl_field *g, size_t n);
void diff_ids_free(struct diff_ids *ids);
/* The index of the record whose identity is id, or -1. */
long diff_ids_find(const struct diff_ids *ids, const char *id);

/* An answer on one line, newlines as spaces (NULL for none). */
char *diff_value_text(const struct ynode *v);

#endif
