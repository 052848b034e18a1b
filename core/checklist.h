/*
 * The checklist: a dossier and its validation report laid out as rows, one
 * per requirement item, in the order a reviewer reads them.  This is the
 * model behind the XLSX export (export.h); it is plain data, so the wizard
 * or a test can use it without libxlsxwriter.
 *
 * The rows, in template order, section by section (sections that do not
 * apply have none):
 *
 *   - a field row for every field that applies (its section's and its own
 *     `when` hold), required or not; a group field gets a row of its own
 *     and, after it, a row for every field of every record that applies in
 *     that record;
 *   - after the section's field rows, a finding row for every finding of
 *     that section that has no field row to sit on (a rule without a field,
 *     or one whose field does not apply);
 *   - last, a finding row for every finding about no section (keys no
 *     template knows).
 *
 * Every finding of the report sits on exactly one row: the row of its field
 * and record when there is one, else its own finding row.  A row's status
 * follows from the findings on it, most urgent first:
 *
 *   Error     an error that is not "not answered"
 *   Missing   a "not answered" finding (error or warning severity)
 *   Warning   a warning
 *   Info      a finding row whose finding is of info severity
 *   then, for a field row with no finding or only info findings, its answer:
 *   Not applicable  marked not applicable (with its reason)
 *   Complete        answered
 *   Optional        applies, not required, not answered
 *
 * so `dossier check` and the workbook agree row for row (share/doc/
 * checklist.md).
 */
#ifndef DOSSIER_CHECKLIST_H
#define DOSSIER_CHECKLIST_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/template.h"
#include "core/validate.h"

/* Least to most urgent: a record's status is the most urgent of its rows. */
enum checklist_status {
	CHECKLIST_COMPLETE,
	CHECKLIST_OPTIONAL,
	CHECKLIST_NA,
	CHECKLIST_INFO,
	CHECKLIST_WARNING,
	CHECKLIST_MISSING,
	CHECKLIST_ERROR
};

struct checklist_row {
	const struct tmpl *tmpl;		/* NULL: about no template */
	const struct tmpl_section *section;	/* NULL: about no section */
	const struct tmpl_field *field;		/* NULL: a finding row */
	size_t rec;		/* record index, when in_record */
	int in_record;
	const struct ynode *value;	/* field rows: the answer, or NULL */
	enum checklist_status status;
	int has_findings;
	enum tmpl_severity worst;	/* when has_findings */
	size_t first;		/* its findings: find[first .. first+nfind) */
	size_t nfind;
};

struct checklist {
	struct checklist_row *rows;
	size_t n;
	size_t *find;		/* report finding indices, grouped by row */
	size_t *row_of;		/* for each report finding: its row */
	const struct report *report;	/* borrowed */
};

/*
 * Lay out d and its report r (from validate(d, ...), which must outlive
 * the checklist).  Returns a checklist the caller frees.
 */
struct checklist *checklist_build(const struct dossier *d,
    const struct report *r);
void checklist_free(struct checklist *c);

/*
 * The one verdict.  Every output that shows the status of an item (the
 * wizard's marks and help line, the record list, check, status and every
 * sheet of the workbook) gets it from here; none re-derives it.
 *
 * checklist_decide() is the rule itself: given what findings sit on an
 * item (tallied with checklist_tally_add) and, for a field, its answer, it
 * returns the status in the order the header comment gives.
 */
struct checklist_tally {
	unsigned error : 1, missing : 1, warning : 1, info : 1;
};
void checklist_tally_add(struct checklist_tally *t, const struct finding *f);
/* field NULL: an item that is a finding alone (no field row). */
enum checklist_status checklist_decide(const struct checklist_tally *t,
    const struct tmpl_field *field, const struct ynode *value);

/* The status a finding gives the item it sits on, by itself. */
enum checklist_status checklist_finding_status(const struct finding *f);

/* The verdict on one field (record rec of its group, for a record field). */
struct checklist_verdict {
	int asked;		/* it applies: section, group and own `when` */
	int required;		/* left empty, it would be Missing */
	enum checklist_status status;	/* Not applicable when !asked */
	const struct finding *worst;	/* its most urgent finding, or NULL */
	size_t nfind;		/* findings on it */
};
void checklist_verdict(const struct dossier *d, const struct report *r,
    const struct tmpl_field *f, size_t rec, struct checklist_verdict *v);
/*
 * A record's status: the most urgent of its fields' (asked ones), where
 * Optional, Not applicable and Info count as Complete.  acc starts at
 * CHECKLIST_COMPLETE and takes each row in turn.
 */
enum checklist_status checklist_fold(enum checklist_status acc,
    enum checklist_status row);
enum checklist_status checklist_record_status(const struct dossier *d,
    const struct report *r, const struct tmpl_field *group, size_t rec);

/* The status as the workbook writes it: "Error", "Not applicable"... */
const char *checklist_status_name(enum checklist_status s);

/*
 * The rows checklist_build lays out, in the same order and with the same
 * status, one at a time without holding them all: what `check --format
 * json` needs at the size limits.  fn gets each row and, for a finding
 * row, its finding (else NULL); the row's first is not set, nfind, worst
 * and has_findings are.
 */
typedef void checklist_row_fn(void *ctx, const struct checklist_row *w,
    const struct finding *f);
void checklist_each(const struct dossier *d, const struct report *r,
    checklist_row_fn *fn, void *ctx);

/* The i-th finding on row w (i < w->nfind). */
const struct finding *checklist_finding(const struct checklist *c,
    const struct checklist_row *w, size_t i);

/*
 * The text of a row, raw (callers that show it sanitize it).  Each
 * returns a new string the caller frees, except checklist_evidence, whose
 * string is borrowed from the dossier.  The first four are for field rows
 * (w->field set).
 */
/* "tr-007.section.field", "tr-008.s.group[2].field": as check's paths. */
char *checklist_path(const struct checklist_row *w);
/*
 * The answer: the text as given, a list one item a line, a group as its
 * record count, "Not applicable: reason"; "" for an evidence file (see
 * checklist_evidence) and for no answer.
 */
char *checklist_answer(const struct checklist_row *w);
/* The path of an evidence file answer, else "". */
const char *checklist_evidence(const struct checklist_row *w);
/* The items of a sequence, one a line (non-scalars as "..."). */
char *checklist_list_text(const struct ynode *v);
/* "Label", "Group label #2: Label", "Rule: rule-id", "Not in the template". */
char *checklist_item(const struct checklist *c, const struct checklist_row *w);
/* The clause as users read it; f is the row's first finding (finding rows). */
char *checklist_clause(const struct checklist_row *w, const struct finding *f);
/* The messages of the findings on the row, one a line. */
char *checklist_messages(const struct checklist *c,
    const struct checklist_row *w);

#endif
