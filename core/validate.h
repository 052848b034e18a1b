/*
 * Validation: what is missing, malformed or inconsistent in a dossier,
 * as a list of findings (data, not errors) plus completeness per section.
 * It is cheap enough to run after every keystroke: one pass over the
 * answers, conditions pre-parsed, patterns pre-compiled, and evidence files
 * looked up once per validation cache.
 *
 * Completeness counts the fields that apply (their section's and their own
 * `when` hold) and are required (always or by condition), plus optional
 * ones whose answer has an error (a wrong answer is never "complete"): a
 * field is complete when it holds an answer, or a reasoned "not applicable"
 * where the template allows it, and has no error of its own.
 */
#ifndef DOSSIER_VALIDATE_H
#define DOSSIER_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/lang.h"
#include "core/template.h"

enum finding_kind {
	FIND_MISSING,		/* required and not answered */
	FIND_NA,		/* "not applicable" misused or without reason */
	FIND_VALUE,		/* not a valid value of the field's type */
	FIND_PATTERN,		/* does not match the template's pattern */
	FIND_PATTERN_LIMIT,	/* the pattern could not be evaluated */
	FIND_LENGTH,		/* too short or too long */
	FIND_RANGE,		/* integer out of range */
	FIND_ITEMS,		/* too few or too many items or records */
	FIND_FILE,		/* evidence file missing or unusable */
	FIND_FILLER,		/* text that says nothing: tbd, x, lorem */
	FIND_DUPLICATE,		/* two records with the same unique key */
	FIND_RULE,		/* a template rule does not hold */
	FIND_UNKNOWN,		/* a key no template knows (kept) */
	FIND_REVIEW,		/* a reviewer's verdict, or a stale one */
	FIND_CONFLICT,		/* a merge conflict left to resolve */
	FIND_DATASET		/* manifests contradict a declaration
				 * (overlap.h; not from validate) */
};

/*
 * A finding is small and holds no heap string of its own in the common
 * case: a check of 300,000 records may keep millions of them.  Messages
 * that only depend on the template ("Name: not answered") are shared
 * within the report; the path is written on demand by finding_path().
 */
struct finding {
	enum tmpl_severity sev : 8;
	enum finding_kind kind : 8;
	enum tmpl_prov prov : 8;
	unsigned in_record : 1;		/* rec is meaningful */
	unsigned msg_owned : 1;		/* message is this finding's */
	unsigned has_display : 1;	/* message's NUL is followed by its
					 * text in the display language */
	uint32_t rec;			/* record, when field is a record's */
	int line, col;		/* in the dossier; nearest known place */
	const struct tmpl *tmpl;	/* NULL for unknown top-level keys */
	const struct tmpl_section *section;	/* may be NULL */
	const struct tmpl_field *field;	/* may be NULL (rule without field) */
	const struct tmpl_rule *rule;	/* FIND_RULE */
	const char *clause;		/* may be NULL; borrowed from template */
	char *key_path;		/* a stored path (unknown keys, reviews,
				 * evidence); NULL: see finding_path() */
	char *message;		/* shared unless msg_owned; English, whatever
				 * the display language: JSON and diff read
				 * it (finding_text() gives the translation) */
};

/*
 * The message to show a person: in lang_current() when validation ran in
 * a language other than English and the message has a translation, else
 * the English.  Kept in the same block as the English, so a finding is
 * no larger for it.
 */
const char *finding_text(const struct finding *f);

/* Room finding_path needs: ids are at most 64 bytes each. */
#define FINDING_PATH_MAX 320

/*
 * The finding's path, as check prints it: acme-qa.section.field,
 * acme-qa.section.group[2].field, or the unknown key's place.  Written
 * into buf (FINDING_PATH_MAX bytes) when computed; the result is valid as
 * long as buf and the report are.
 */
const char *finding_path(const struct finding *f, char *buf);

struct section_status {
	const struct tmpl_section *section;
	int applies;
	size_t required;	/* applicable required fields */
	size_t complete;	/* of which complete */
	size_t errors, warnings, infos;
};

struct report_cache;

/*
 * Condition steps one validation may take in all (cond.h's budget bounds
 * one evaluation; a record's condition is evaluated once per record).
 */
#define VALIDATE_COND_POOL 100000000ul

struct report {
	struct finding *f;	/* every finding, in template order; a view
				 * of storage inside cache */
	size_t n, cap;
	struct section_status *sections;	/* every section of every
						 * template the dossier uses,
						 * in order */
	size_t nsections;
	size_t required, complete;
	size_t errors, warnings, infos;
	struct report_cache *cache;	/* what validate_update reuses */
};

/* Evidence-file lookups, kept between validations (NULL: no caching). */
struct vcache;
struct vcache *vcache_new(void);
/* Forget what was looked up (the wizard's re-check key does this). */
void vcache_clear(struct vcache *c);
void vcache_free(struct vcache *c);

/*
 * What reading the files found (proof.h: evidence changed since recorded,
 * datasets that share data they said they did not), made part of every
 * report validated with this cache from now on, so that the one verdict
 * counts it as it counts any other finding: on the item it is about, in
 * its section's counts and in the totals.  Borrowed, not copied: set it
 * again (or NULL) before the list is freed.  Only the verbs and the wizard
 * read files; validation itself never does.
 */
struct flist;
void vcache_set_proof(struct vcache *c, const struct flist *proof);

/* A one-off validate() whose report counts proof's findings (NULL: none). */
struct report *validate_with_proof(const struct dossier *d,
    const struct flist *proof);

/* Validate d.  Returns a report the caller frees with report_free. */
struct report *validate(const struct dossier *d, struct vcache *cache);
void report_free(struct report *r);
/*
 * The same report as validate(), computed the way validate_update works
 * (into per-field buckets, then copied); tests compare the two.
 */
struct report *validate_buckets(const struct dossier *d,
    struct vcache *cache);

/*
 * Bring r up to date after one answer changed: the answer of field f
 * (record rec for a record field).  Pass a group field itself after its
 * records were added, removed or moved.  Only the sections the change can
 * reach are re-checked, and inside a group only the changed record, so
 * this stays fast on dossiers with thousands of records.  The result is
 * the same as a fresh validate() (positions of findings aside, which refer
 * to the file as loaded).  Finding pointers into r are invalidated.
 */
void validate_update(struct report *r, const struct dossier *d,
    const struct tmpl_field *f, size_t rec, struct vcache *cache);

/* Whole percent complete, rounded down; 100 when nothing is required. */
int report_percent(const struct report *r);
int section_percent(const struct section_status *s);
const struct section_status *report_section(const struct report *r,
    const struct tmpl_section *s);

/*
 * Does field f apply (its section's and its own `when` hold)?  rec is the
 * record for a record field.
 */
int validate_applies(const struct dossier *d, const struct tmpl_field *f,
    size_t rec);
/*
 * The same for a record field, as report r (whose section status for f's
 * section is ss) found it: no condition is evaluated again, so asking for
 * every record stays within the validation's budget.  A `when` that ran
 * out of steps counts as asked (its finding needs a row).
 */
int validate_record_asked(const struct report *r, const struct dossier *d,
    const struct section_status *ss, const struct tmpl_field *f,
    size_t rec);
int validate_section_applies(const struct dossier *d,
    const struct tmpl_section *s);
/*
 * Why f (record rec) is not asked: the source text of the first `when`
 * that does not hold (section's, group's, its own), or NULL when it is.
 */
const char *validate_unasked_because(const struct dossier *d,
    const struct tmpl_field *f, size_t rec);
/*
 * Is field f required now (always, or its required_if holds)?  Says
 * nothing of whether it applies.
 */
int validate_required(const struct dossier *d, const struct tmpl_field *f,
    size_t rec);

/*
 * Evaluate one node of a template condition against d, as validation does
 * (rec: the record a record field's condition reads, else NULL).
 */
void validate_eval_node(const struct dossier *d, const struct cond_node *n,
    const struct ynode *rec, struct cval *out);
/* The record node of record rec of f's group, or NULL. */
const struct ynode *validate_record(const struct dossier *d,
    const struct tmpl_field *f, size_t rec);

/* "ACME-QA 5.4.1 (summary only)": the clause as users should read it. */
char *validate_clause_text(const struct tmpl *t, const char *clause,
    enum tmpl_prov prov);
/* The same in language l (what people read; JSON keeps the English). */
char *validate_clause_text_lang(const struct tmpl *t, const char *clause,
    enum tmpl_prov prov, enum lang l);

/*
 * Words in s as min_words counts them: runs of letters and digits, with
 * each Chinese, Japanese or Korean character a word of its own.
 */
size_t validate_count_words(const char *s);

/* Is s a valid ISO 8601 calendar date (YYYY-MM-DD)? */
int validate_is_date(const char *s);

/*
 * The day of SOURCE_DATE_EPOCH's value sde, in UTC as the reproducible-
 * builds convention reads it, into buf (at least 11 bytes): 1; 0 when sde
 * is NULL or empty; -1 when it is not a number of seconds from 0 to
 * 253402300799 (9999-12-31, the last day a checklist can carry).
 */
int validate_sde_date(const char *sde, char *buf, size_t size);

#endif
