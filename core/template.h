/*
 * Templates: the regulation as data.  A template file declares sections,
 * their fields (questions) and rules; this module loads such files into
 * read-only structures, compiles every pattern and condition once, and
 * binds condition names to fields across the whole set of loaded
 * templates.  Nothing here knows any particular regulation: the key names
 * below are the whole interface (share/doc/templates.md documents them).
 *
 * A malformed template is refused as a whole with file:line:col; there is
 * never a half-loaded template.
 */
#ifndef DOSSIER_TEMPLATE_H
#define DOSSIER_TEMPLATE_H

#include <stddef.h>

#include "core/cond.h"
#include "core/diag.h"
#include "core/lang.h"
#include "core/pattern.h"

/* One row per field type; adding a type means adding a row in template.c. */
enum tmpl_type {
	TMPL_TEXT, TMPL_LONGTEXT, TMPL_CHOICE, TMPL_MULTICHOICE, TMPL_YESNO,
	TMPL_DATE, TMPL_INTEGER, TMPL_VERSION, TMPL_FILE, TMPL_GROUP
};

enum tmpl_severity { TMPL_ERROR, TMPL_WARNING, TMPL_INFO };

/* How sure a clause reference is (see share/doc/templates.md). */
enum tmpl_prov {
	TMPL_PROV_NONE,		/* not stated */
	TMPL_PROV_PRIMARY,	/* read in the regulator's own text */
	TMPL_PROV_SECONDARY,	/* read in a summary of it */
	TMPL_PROV_SUMMARY_ONLY,	/* only in revision summaries */
	TMPL_PROV_INFERRED,	/* deduced, not seen */
	TMPL_PROV_TOPIC,	/* no number known: the clause names a topic */
	TMPL_PROV_PEER		/* peer practice, not a local requirement */
};

struct tmpl;
struct tmpl_section;

/*
 * What a translation file (NAME.zh-Hant.yaml beside NAME.yaml; see
 * share/doc/templates.md) may give for an item.  tr[LANG_EN] is never
 * set: English is the template itself.  A NULL slot falls back to the
 * English text, string by string.
 */
enum tmpl_tr_slot {
	TMPL_TR_TITLE,		/* template, section */
	TMPL_TR_LABEL,		/* field */
	TMPL_TR_HELP,		/* section, field */
	TMPL_TR_EXAMPLE,	/* field */
	TMPL_TR_PATTERN_MESSAGE,	/* field */
	TMPL_TR_MESSAGE,	/* rule */
	TMPL_TR_DESCRIPTION,	/* template */
	TMPL_TR_NOTE,		/* template */
	TMPL_TR_NSLOTS
};
typedef char *tmpl_tr[LANG_COUNT][TMPL_TR_NSLOTS];

/*
 * A clause citation written as words ("TR-008, datasets") and its text
 * in one language, from the `clauses:` mapping of a translation file.
 * A bare clause number needs none: it is shown after the template's id.
 */
struct tmpl_clause_tr {
	char *en;		/* exactly as the template writes it */
	char *tr;
};

struct tmpl_strings {
	char **v;
	size_t n;
};

/*
 * A `file` field of a group record may name a dataset manifest: a CSV or
 * TSV with one row per item.  The manifest attribute says which sibling
 * fields of the record hold the key columns, the level columns, the role
 * and the record's name, and which fields declare what the record shares
 * with other roles (see share/doc/templates.md).  Ids are resolved to
 * fields when the group is loaded.
 */
struct tmpl_mdecl {
	char *field_id;
	char *role;		/* yesno: the role it speaks of; NULL for a
				 * multichoice whose options are roles */
	const struct tmpl_field *field;
	int line, col;
};

struct tmpl_manifest {
	char *key_id, *level_id, *role_id, *name_id;
	const struct tmpl_field *key;	/* item key columns (text) */
	const struct tmpl_field *level;	/* may be NULL */
	const struct tmpl_field *role;
	const struct tmpl_field *name;	/* may be NULL */
	struct tmpl_mdecl *decl;
	size_t ndecl;
	int line, col;
};

/* A set of record fields that no two records of a group may share. */
struct tmpl_unique {
	const struct tmpl_field **f;
	size_t n;
};

struct tmpl_field {
	char *id;
	char *label;
	char *help;		/* may be NULL */
	char *example;		/* may be NULL */
	/*
	 * start_from: "template.section.field" of another question whose
	 * answer is a good start for this one (TR-008's intended use from
	 * TR-007's purpose); the wizard offers it with one key.  NULL: none.
	 */
	char *start_from;
	char *clause;		/* may be NULL: the section's applies */
	enum tmpl_prov prov;
	struct tmpl_strings crosswalk;
	enum tmpl_type type;
	struct tmpl_strings options;	/* choice, multichoice */
	struct hset *optset;	/* the options as a set, for O(1) look-ups */
	int required;		/* 1: always; see required_if */
	struct cond *required_if;	/* NULL unless required is a condition */
	struct cond *when;	/* NULL: always applies */
	struct pattern *pattern;
	char *pattern_src;
	char *pattern_message;
	int pattern_line, pattern_col;
	long min_length, max_length;	/* -1 when not set */
	int has_min, has_max;
	long long min, max;
	long min_items, max_items;	/* -1 when not set */
	long min_words;		/* -1 when not set; also turns on the
				 * filler check (validate.c) */
	/*
	 * specify: choosing option specify_options.v[i] makes the record or
	 * section field specify_fields.v[i] apply and be required.  The loader
	 * writes that field's `when` from these pairs.
	 */
	struct tmpl_strings specify_options, specify_fields;
	int specify_line, specify_col;
	const struct tmpl_field *specifies;	/* the choice this field
						 * explains, or NULL */
	struct tmpl_unique *unique;	/* group: record keys */
	size_t nunique;
	int allow_na;
	/*
	 * fact: the answer is the dossier's device fact of this name
	 * (device.<fact>), not an entry under answers: every template that
	 * binds the same fact reads and writes one value (dossier.h).
	 * NULL for an ordinary field.
	 */
	char *fact;
	enum tmpl_severity severity;
	struct tmpl_field *fields;	/* group: the record's fields */
	size_t nfields;
	/*
	 * group: the record field that names a record (diff and merge match
	 * records by it); the template's `key`, else the first record field.
	 */
	const struct tmpl_field *key;
	char *key_id;		/* `key` as written; NULL when not given */
	/*
	 * `change_impact: major`: a change of this answer is one GN-10 would
	 * likely treat as major (dossier diff says so); with its provenance.
	 */
	char *change_impact;	/* "major", "minor" or NULL */
	enum tmpl_prov change_prov;
	struct tmpl_manifest *manifest;	/* file in a group; may be NULL */
	tmpl_tr tr;		/* label, help, example, pattern_message */
	char **option_tr[LANG_COUNT];	/* parallel to options; NULL */
	struct tmpl_section *section;	/* owner */
	struct tmpl_field *group;	/* owning group for record fields */
	size_t index;		/* position in its list */
	int line, col;
};

struct tmpl_rule {
	char *id;
	struct cond *assert;
	struct cond *when;	/* NULL: always checked */
	char *message;
	enum tmpl_severity severity;
	char *clause;		/* may be NULL: the section's applies */
	enum tmpl_prov prov;
	struct tmpl_strings crosswalk;
	const struct tmpl_field *field;	/* where findings point; may be NULL */
	tmpl_tr tr;		/* message */
	struct tmpl_section *section;
	size_t index;
	int line, col;
};

struct tmpl_section {
	char *id;
	char *title;
	char *clause;		/* may be NULL */
	enum tmpl_prov prov;
	char *help;
	struct cond *when;
	struct tmpl_strings crosswalk;
	struct tmpl_field *fields;
	size_t nfields;
	struct tmpl_rule *rules;
	size_t nrules;
	tmpl_tr tr;		/* title, help */
	struct tmpl *tmpl;	/* owner */
	size_t index;
	int line, col;
};

struct tmpl {
	char *id;
	char *edition;
	char *title;
	char *source;		/* may be NULL */
	int draft;		/* status: draft */
	char *note;		/* may be NULL */
	char *jurisdiction;	/* may be NULL */
	char *description;	/* may be NULL */
	long order;		/* where a new dossier lists it; see
				 * TMPL_ORDER_DEFAULT */
	char *path;
	char sha256[65];	/* of the file's bytes, lowercase hex */
	tmpl_tr tr;		/* title, description, note */
	char *tr_path[LANG_COUNT];	/* translation files read; NULL */
	struct tmpl_clause_tr *clause_tr[LANG_COUNT];	/* clauses: */
	size_t nclause_tr[LANG_COUNT];
	struct hset *clause_ix[LANG_COUNT];	/* en -> index in clause_tr */
	struct tmpl_section *sections;
	size_t nsections;
};

/*
 * A template without an 'order' key comes after the ordered ones.  Sets
 * are kept sorted by order, then id, then load order (tmpl_set_resolve),
 * so a new dossier lists templates in the same order whatever their
 * files are called.
 */
#define TMPL_ORDER_DEFAULT 1000

/* Every template found on the search path; owns them. */
struct tmpl_set {
	struct tmpl **t;
	size_t n;
};

/*
 * Load one template file without resolving cross-template references
 * (tmpl_set_resolve does that).  Returns NULL with err filled.
 */
struct tmpl *tmpl_load_file(const char *path, struct diag *err);
/*
 * The same from a buffer in memory (the fuzzer's entry point); name is
 * used in messages and as the template's path.
 */
struct tmpl *tmpl_load_buffer(const char *buf, size_t len, const char *name,
    struct diag *err);
void tmpl_free(struct tmpl *t);

/*
 * Load every *.yaml and *.yml file in each folder, in name order, folders
 * in the order given; the first folder that holds an id:edition wins, and
 * two files of one folder with the same id:edition are an error.  A
 * folder that cannot be read is an error only when required is set.
 * Conditions are resolved across the set.  Returns NULL with err filled.
 */
struct tmpl_set *tmpl_set_load(const char *const *dirs, size_t ndirs,
    int required, struct diag *err);
struct tmpl_set *tmpl_set_new(void);
/* Add t (taking ownership); -1 with err if id:edition is already there. */
int tmpl_set_add(struct tmpl_set *set, struct tmpl *t, struct diag *err);
/*
 * Sort the set (see TMPL_ORDER_DEFAULT) and bind condition names; call
 * once all templates are added.
 */
int tmpl_set_resolve(struct tmpl_set *set, struct diag *err);
void tmpl_set_free(struct tmpl_set *set);

/* "id:edition" lookup; edition NULL finds the first with that id. */
struct tmpl *tmpl_set_find(const struct tmpl_set *set, const char *id,
    const char *edition);

const struct tmpl_section *tmpl_section_by_id(const struct tmpl *t,
    const char *id);
const struct tmpl_field *tmpl_field_by_id(const struct tmpl_field *fields,
    size_t n, const char *id);

const char *tmpl_type_name(enum tmpl_type type);
const char *tmpl_severity_name(enum tmpl_severity sev);
const char *tmpl_prov_name(enum tmpl_prov prov);

/*
 * The text to show in language l: the translation when there is one,
 * else the English (which may be NULL for optional slots).
 */
const char *tmpl_own_text(const struct tmpl *t, enum tmpl_tr_slot slot,
    enum lang l);
const char *tmpl_section_text(const struct tmpl_section *s,
    enum tmpl_tr_slot slot, enum lang l);
const char *tmpl_field_text(const struct tmpl_field *f,
    enum tmpl_tr_slot slot, enum lang l);
const char *tmpl_rule_text(const struct tmpl_rule *r, enum lang l);
/* Option i's display text; the stored answer is always options.v[i]. */
const char *tmpl_option_text(const struct tmpl_field *f, size_t i,
    enum lang l);
/*
 * A clause citation of t (as written on a section, field or rule) in
 * language l: its translation from the `clauses:` mapping, else clause
 * itself.  NULL stays NULL.
 */
const char *tmpl_clause_text(const struct tmpl *t, const char *clause,
    enum lang l);
/*
 * Whether a clause citation is written as words, so that it has text to
 * translate: anything but a bare number ("4.1.5") or a run of document
 * ids ("GN-10", "A004 / B002"), which read the same in every language.
 */
int tmpl_clause_is_words(const char *clause);

/*
 * Read the translations of t into it: NAME.TAG.yaml beside its file, for
 * every language but English.  A missing file is no error (the template
 * stays English); a malformed one is refused with file:line:col.
 */
int tmpl_load_translations(struct tmpl *t, struct diag *err);

/* Frees what tmpl_load_translations read (tmpl_free calls it). */
void tmpl_translations_free(struct tmpl *t);

/* Whether a file name is a translation (NAME.zh-Hant.yaml), not a template. */
int tmpl_is_translation_name(const char *name);

/*
 * Coverage of t's translation into l: calls fn for every string that
 * has no translation (path as in the translation file, e.g.
 * sections.cyber.fields.pw.label) and returns the count of strings;
 * *missing gets how many lack one.
 */
size_t tmpl_coverage(const struct tmpl *t, enum lang l,
    void (*fn)(const char *path, const char *english, void *arg), void *arg,
    size_t *missing);

/* The clause a field or rule cites: its own, else its section's. */
const char *tmpl_field_clause(const struct tmpl_field *f);
enum tmpl_prov tmpl_field_prov(const struct tmpl_field *f);
const char *tmpl_rule_clause(const struct tmpl_rule *r);
enum tmpl_prov tmpl_rule_prov(const struct tmpl_rule *r);

#endif
