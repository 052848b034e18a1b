/*
 * The dossier: a YAML tree of answers bound to the templates it lists.
 * The whole tree is kept, keys no template knows included, so saving
 * writes back everything that was read.  Answers live at
 * answers.<template id>.<section id>.<field id>; a group's value is a list
 * of records (mappings of record field id to value).
 *
 * Loading checks the shape of everything a template defines (a list where
 * a list belongs, a single value where one belongs) and refuses the file
 * otherwise; what the values say is validation's business (validate.h),
 * so a half-finished dossier always loads.
 */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include <stddef.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/template.h"
#include "core/ytree.h"

#define DOSSIER_FORMAT 1	/* the file format this build reads and writes */

struct dossier {
	char *path;		/* as given; NULL for a dossier never saved */
	struct ynode *root;	/* always a mapping; owned */
	const struct tmpl_set *set;	/* borrowed */
	const struct tmpl **tmpls;	/* the ones listed, in file order */
	size_t ntmpls;
	struct stat disk;	/* the file as last read or written */
	int have_disk;
	int dirty;		/* changed since load or save */
	int comment_line;	/* the file's first comment, 0 for none */
};

/* Load and check the shape of path against set.  NULL with err filled. */
struct dossier *dossier_load(const char *path, const struct tmpl_set *set,
    struct diag *err);
/* The same from a buffer; name is used in messages and as path. */
struct dossier *dossier_load_buffer(const char *buf, size_t len,
    const char *name, const struct tmpl_set *set, struct diag *err);
/*
 * What to tell someone whose file has comments (comment_line): saving
 * does not keep them, and where remarks go instead.  One sentence.
 */
#define DOSSIER_COMMENTS_NOTE "has comments (the first on line %d); " \
	"saving writes the answers afresh and does not keep them: put " \
	"remarks in an answer, or under device: (any key, e.g. note:), " \
	"which is kept"
/*
 * DOSSIER_COMMENTS_NOTE for comment_line in the display language, for a
 * person (the wizard's dialog): "has comments (the first on line 3); ...".
 * Caller frees.
 */
char *dossier_comments_note(int comment_line);
/* A new, empty dossier using the given templates (none may be NULL). */
struct dossier *dossier_new(const struct tmpl_set *set,
    const struct tmpl *const *tmpls, size_t n);
void dossier_free(struct dossier *d);

/*
 * Replace the whole tree with root, taking ownership, and return the old
 * tree (owned by the caller).  This is how the wizard undoes a change and
 * takes a recovered file back: root must be a copy of this dossier's tree
 * (yt_clone(d->root)) or the tree of a dossier loaded against the same
 * templates list, because it is not checked again.  Marks d dirty.
 */
struct ynode *dossier_swap_root(struct dossier *d, struct ynode *root);

/* Is template t one this dossier lists? */
int dossier_uses(const struct dossier *d, const struct tmpl *t);

/*
 * The canonical YAML text: keys in template order, unknown keys after the
 * known ones in their original order, fixed style.  Same model, same
 * bytes.  Returns a buffer the caller frees; *len is its length.
 */
char *dossier_serialize(const struct dossier *d, size_t *len);

#define DOSSIER_SAVE_FORCE 1	/* overwrite even if changed on disk */
#define DOSSIER_SAVE_READONLY 2	/* overwrite even a read-only file */

/*
 * Write the canonical text to path (d->path when NULL) atomically (see
 * store.h).  Unless DOSSIER_SAVE_FORCE is given, refuses with DIAG_CHANGED
 * when the file on disk is no longer the one loaded or last saved, and
 * unless DOSSIER_SAVE_READONLY is given, with DIAG_READONLY when the file
 * is read-only (no write permission bit, or not writable by us: a save
 * renames over it, which the folder's permissions alone would allow).  On
 * success d is clean and remembers the new file.  On failure d keeps its
 * edits and stays dirty; if only the folder flush failed (store.h), d also
 * remembers the new file, so saving again is not refused as a change.
 */
int dossier_save(struct dossier *d, const char *path, int flags,
    struct diag *err);

/*
 * Answers.  rec is the record index for a field inside a group and is
 * ignored otherwise.  dossier_get returns the value node (borrowed) or
 * NULL when there is none.
 */
const struct ynode *dossier_get(const struct dossier *d,
    const struct tmpl_field *f, size_t rec);
/*
 * Replace the value (val NULL removes it; ownership of val passes to d) and
 * return the old one, owned by the caller (for undo), or NULL.  Creates the
 * mappings on the way.  For a record field the record must exist.
 */
struct ynode *dossier_put(struct dossier *d, const struct tmpl_field *f,
    size_t rec, struct ynode *val);
/* Shorthands: a single value, and "not applicable" with a reason. */
void dossier_set_text(struct dossier *d, const struct tmpl_field *f,
    size_t rec, const char *text);
void dossier_set_na(struct dossier *d, const struct tmpl_field *f,
    size_t rec, const char *reason);
/* A new {not_applicable: reason} value, for dossier_put. */
struct ynode *dossier_na_value(const char *reason);

/* The records of a group field. */
size_t dossier_nrecords(const struct dossier *d, const struct tmpl_field *g);
/* Insert a record (NULL: an empty one) at i; returns its index. */
size_t dossier_insert_record(struct dossier *d, const struct tmpl_field *g,
    size_t i, struct ynode *rec);
/* Remove record i; returns it (owned by the caller) or NULL. */
struct ynode *dossier_remove_record(struct dossier *d,
    const struct tmpl_field *g, size_t i);
/* Move record from to position to. */
void dossier_move_record(struct dossier *d, const struct tmpl_field *g,
    size_t from, size_t to);

/*
 * "Not applicable": the reason when v is {not_applicable: reason}, else
 * NULL.  An empty reason is returned as "".
 */
const char *dossier_na_reason(const struct ynode *v);

/* True when v holds an answer: not absent, not blank, not an empty list. */
int dossier_filled(const struct ynode *v);

/*
 * Device facts: the device: mapping (name, model, manufacturer, lrp, their
 * addresses...).  They are the one place names and addresses live: a
 * template field with 'fact: KEY' has no answer of its own, its value is
 * device.KEY (dossier_get and dossier_put go there), so the wizard's
 * device form, every template that asks the fact, check, the checklist and
 * the top line all see one value.
 *
 * dossier_fact_get returns the fact or NULL.  dossier_fact_set sets it
 * (value NULL or "" removes it); a device: that is not a mapping (only a
 * blank one loads) becomes one.  dossier_fact_field returns the first
 * field of the dossier's templates bound to the fact (its label, help and
 * constraints, for a form that edits the fact), or NULL when no template
 * asks it.  dossier_device and dossier_set_device are the older names.
 */
const char *dossier_fact_get(const struct dossier *d, const char *key);
void dossier_fact_set(struct dossier *d, const char *key, const char *value);
const struct tmpl_field *dossier_fact_field(const struct dossier *d,
    const char *key);
const char *dossier_device(const struct dossier *d, const char *key);
void dossier_set_device(struct dossier *d, const char *key,
    const char *value);

#endif
