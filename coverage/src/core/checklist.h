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

/* The status as the workbook writes it: "Error", "Not applicable"... */
const char *checklist_status_name(enum checklist_status s);

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
