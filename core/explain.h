/*
 * "Why is this asked?": the conditions that decide whether a question is
 * asked (its section's, its group's and its own `when`) and whether it
 * must be answered (`required`), put into plain words from the parsed
 * condition trees, with the answers they depend on now.  Words, never the
 * template's source text: a trainee reads "Does the device keep learning
 * after it is deployed? is yes", not "learns_after_deployment == yes".
 *
 * Each line may carry links: spans of its text that name another
 * question, which a reader (the wizard) can follow.
 */
#ifndef DOSSIER_EXPLAIN_H
#define DOSSIER_EXPLAIN_H

#include <stddef.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/template.h"

struct explain_link {
	size_t off, len;		/* byte span in the line's text */
	const struct tmpl_field *field;	/* the question it names */
	size_t rec;			/* its record, when in_record */
	int in_record;
};

enum explain_mark {
	EXPLAIN_PLAIN,		/* a sentence */
	EXPLAIN_HEADING,	/* introduces the condition lines below it */
	EXPLAIN_HOLDS,		/* a condition that holds now */
	EXPLAIN_FAILS		/* a condition that does not hold now */
};

struct explain_line {
	char *text;		/* UTF-8, from templates and answers: not
				 * sanitised, the printer does that */
	enum explain_mark mark;
	struct explain_link *links;
	size_t nlinks;
};

struct explanation {
	const struct tmpl_field *field;
	size_t rec;
	int in_record;
	int asked;		/* section, group and own conditions hold */
	int required;		/* must be answered when asked */
	struct explain_line *lines;
	size_t n;
};

/*
 * Explain field f of d (rec: the record, when in_record; a record field
 * explained without a record reads its record's answers as unanswered).
 */
struct explanation *explain_field(const struct dossier *d,
    const struct tmpl_field *f, size_t rec, int in_record);
void explain_free(struct explanation *e);

/*
 * Why f is not asked, in a few words for a status line: the parts of its
 * conditions that fail, as "Is the software a medical device? is not yes",
 * joined by "and"; "its section is skipped: ..." when the section's do.
 * NULL when f is asked.  Caller frees.  Not sanitised.
 */
char *explain_unasked(const struct dossier *d, const struct tmpl_field *f,
    size_t rec, int in_record);

/*
 * The whole explanation as text, one line each: links as *label*, the
 * condition lines indented under their heading and marked "[yes]" or
 * "[no]".  Caller frees.  Not sanitised.
 */
char *explain_text(const struct explanation *e);

/*
 * The field a path names, as check prints them:
 * template.section.field, template.section.group[N].field (N one-based,
 * as check prints it) or template.section.group.field (no record);
 * the template may be left out (section.field) when only one of the
 * dossier's templates has that section.  Returns NULL with err filled
 * (DIAG_USAGE).
 */
const struct tmpl_field *explain_find(const struct dossier *d,
    const char *path, size_t *rec, int *in_record, struct diag *err);

/* "tr-008.clc.rollback_description", "...datasets[2].role": caller frees. */
char *explain_path(const struct tmpl_field *f, size_t rec, int in_record);

#endif
