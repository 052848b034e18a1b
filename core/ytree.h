/*
 * A YAML document as a plain tree of scalars, mappings and sequences, with
 * the one-based line and column of every node.  This is what dossier and
 * template files are read into, and what the dossier model edits and saves:
 * keeping the whole tree is how keys no template knows survive a round trip.
 *
 * Reading is deliberately stricter than YAML: one document, no anchors,
 * aliases or tags, no duplicate, null or non-scalar keys, UTF-8 only, and
 * hard limits on size, depth, scalar length and node count (below).  Every
 * refusal is a diag with file:line:col.  Scalars are strings; typing them
 * is the caller's business, and so is the kind of the root (a scalar root
 * is returned, so the caller can say what it expected instead).
 */
#ifndef DOSSIER_YTREE_H
#define DOSSIER_YTREE_H

#include <stddef.h>

#include "core/diag.h"

#define YT_MAX_FILE	(32u * 1024 * 1024)	/* bytes in one file */
#define YT_MAX_DEPTH	32			/* nested collections */
#define YT_MAX_SCALAR	(1u * 1024 * 1024)	/* bytes in one scalar */
#define YT_MAX_NODES	1000000			/* nodes in one file */

enum yt_kind { YT_SCALAR, YT_MAP, YT_SEQ };

struct ynode {
	enum yt_kind kind;
	int line, col;		/* one-based; 0 for nodes built in memory */
	unsigned quoted:1;	/* scalar was quoted or a block in the file */
	char *str;		/* YT_SCALAR: NUL-terminated, owned */
	size_t len;		/* YT_SCALAR: bytes, without the NUL */
	/*
	 * YT_MAP: keys[i] (always scalars) maps to vals[i], in file order.
	 * YT_SEQ: vals[i]; keys is NULL.  Children are owned.
	 */
	struct ynode **keys;
	struct ynode **vals;
	size_t n, cap;
};

/*
 * Read the file at path.  The file must be a regular file no larger than
 * YT_MAX_FILE; a UTF-8 byte-order mark is skipped and CRLF is accepted.
 * Returns the root (owned by the caller) or NULL with err filled.
 */
struct ynode *yt_read_file(const char *path, struct diag *err);

/*
 * Read a whole regular file (at most YT_MAX_FILE bytes) into a fresh buffer
 * the caller frees; anything else (folder, FIFO, device) is refused before
 * it is read.  NULL with err filled on failure.
 */
char *yt_slurp(const char *path, size_t *len, struct diag *err);
/*
 * The same from an open descriptor (not closed); path is for messages.
 * Either way the buffer has a NUL after its len bytes.
 */
char *yt_slurp_fd(int fd, const char *path, size_t *len, struct diag *err);

/* The same for a buffer in memory; name is used in messages only. */
struct ynode *yt_read_buffer(const char *buf, size_t len, const char *name,
    struct diag *err);

void yt_free(struct ynode *n);
struct ynode *yt_clone(const struct ynode *n);
/* Same shape and same scalars (positions and quoting are ignored). */
int yt_equal(const struct ynode *a, const struct ynode *b);

struct ynode *yt_scalar(const char *s);
struct ynode *yt_scalar_n(const char *s, size_t len);
struct ynode *yt_map(void);
struct ynode *yt_seq(void);

/* Mapping lookup by key; NULL when absent or when m is not a mapping. */
struct ynode *yt_get(const struct ynode *m, const char *key);
/* Index of key in m, or -1. */
long yt_index(const struct ynode *m, const char *key);
/*
 * Set key to val in mapping m, taking ownership of val.  An existing value
 * is freed and replaced in place, so key order is kept; a new key goes last.
 */
void yt_set(struct ynode *m, const char *key, struct ynode *val);
/* Like yt_set, but returns the old value (owned by the caller) or NULL. */
struct ynode *yt_swap(struct ynode *m, const char *key, struct ynode *val);
/* Remove key from m; returns its value (owned by the caller) or NULL. */
struct ynode *yt_take(struct ynode *m, const char *key);
/* Get the mapping under key, creating an empty one when absent. */
struct ynode *yt_get_map(struct ynode *m, const char *key);

/* Sequence editing; each takes or gives ownership of the element. */
void yt_append(struct ynode *s, struct ynode *val);
void yt_insert(struct ynode *s, size_t i, struct ynode *val);
struct ynode *yt_remove(struct ynode *s, size_t i);

/* Scalar test helpers. */
int yt_is_scalar(const struct ynode *n, const char *s);
const char *yt_str(const struct ynode *n);	/* NULL unless a scalar */

/* Number of nodes in the tree under n, n included (0 for NULL). */
size_t yt_count(const struct ynode *n);

/* "mapping", "sequence" or "scalar", for messages. */
const char *yt_kind_name(const struct ynode *n);

#endif
