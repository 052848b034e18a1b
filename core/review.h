/*
 * Reviews and merge conflicts: what a reviewer said about an answer, and
 * what a three-way merge could not decide, kept in the dossier itself
 * (share/doc/review.md describes the keys):
 *
 *   reviews:
 *     tr-007.versioning.listed_version:     # the checklist's Path
 *       status: Rejected                    # Accepted, Query or Rejected
 *       note: Listed version differs from the IFU
 *       by: J. Reviewer
 *       at: 2026-03-02T10:15:00Z
 *       answer: 3f1c...                     # SHA-256 of the answer judged
 *       history: [ earlier verdicts, same keys, oldest first ]
 *   conflicts:
 *     - path: tr-007.versioning.listed_version
 *       base: "2.4.0"                       # absent: no answer
 *       ours: "2.4.1"
 *       theirs: "2.5.0"
 *
 * A verdict judged one answer: the hash of the answer's checklist cells
 * (review_answer_hash).  When the answer changes afterwards the review is
 * stale.  validate() turns both keys into findings (review_findings).
 */
#ifndef DOSSIER_REVIEW_H
#define DOSSIER_REVIEW_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/template.h"
#include "core/ytree.h"

enum review_status { REVIEW_NONE, REVIEW_ACCEPTED, REVIEW_QUERY,
    REVIEW_REJECTED };

/* "Accepted", "Query", "Rejected" (any case, surrounding blanks) or -1. */
int review_status_parse(const char *s);
const char *review_status_name(enum review_status s);

/*
 * A checklist Path ("tr-007.sec.field", "tr-008.sec.group[2].field") to its
 * field and record.  0, or -1 when the dossier's templates have no such
 * question.
 */
int review_resolve(const struct dossier *d, const char *path,
    const struct tmpl_field **f, size_t *rec, int *in_record);

/*
 * The Answer cell of a field's row as the checklist writes it (display
 * form: single newlines inside a paragraph joined, see export.h), before
 * the spreadsheet preparation of xltext.h.  Caller frees.
 */
char *review_answer_cell(const struct tmpl_field *f, const struct ynode *v);
/* The Evidence cell: the evidence file's path, else "".  Borrowed. */
const char *review_evidence_cell(const struct tmpl_field *f,
    const struct ynode *v);

/*
 * SHA-256 (lowercase hex) of the two cells exactly as they stand in a
 * workbook; review_answer_hash is the same for the dossier's answer now.
 */
void review_cell_hash(const char *answer, const char *evidence, char out[65]);
void review_answer_hash(const struct dossier *d, const struct tmpl_field *f,
    size_t rec, char out[65]);

/* SHA-256 of the dossier's canonical text (dossier_serialize). */
void review_dossier_hash(const struct dossier *d, char out[65]);

/* The hidden sheet that carries the hashes (export.c, cmd_review.c). */
#define REVIEW_SHEET "Review data"
#define REVIEW_MARK "dossier-checklist-review"

/* One problem a review or a conflict raises (validate makes it a finding). */
struct review_note {
	enum tmpl_severity sev;
	const struct tmpl_field *field;	/* NULL: the path names no question */
	size_t rec;
	int in_record;
	char *path;
	char *message;		/* English: JSON reads it */
	char *shown;		/* in the display language; NULL: message */
	const struct ynode *at;	/* where in the dossier */
};

/* Every note for d; *n receives the count.  Free with review_notes_free. */
struct review_note *review_notes(const struct dossier *d, size_t *n);
void review_notes_free(struct review_note *v, size_t n);

/*
 * The dossier's review state for a portfolio: "none" (no verdicts),
 * "rejected", "query", "stale", "accepted" (every verdict Accepted and
 * current), most urgent first.
 */
const char *review_state(const struct dossier *d);

/*
 * Record a verdict (the previous one, if any, goes to history).  hash is
 * the answer judged.  Returns 1 when it changed anything, 0 when the same
 * verdict was already there.
 */
int review_record(struct dossier *d, const char *path,
    enum review_status st, const char *note, const char *by,
    const char *at, const char *hash);

/* The current verdict on path: its mapping in reviews:, or NULL. */
const struct ynode *review_get(const struct dossier *d, const char *path);

/* Conflicts: count, and remove the i-th once it is resolved. */
size_t review_nconflicts(const struct dossier *d);
const struct ynode *review_conflict(const struct dossier *d, size_t i);
void review_drop_conflict(struct dossier *d, size_t i);

#endif
