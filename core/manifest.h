/*
 * Dataset manifests: a CSV or TSV file with a header row and one row per
 * item of a dataset.  This module reads one manifest in a single streaming
 * pass, checks that it is well formed (balanced quotes, the header's
 * number of columns on every row, UTF-8 throughout, the key columns
 * present and filled), hashes its bytes with SHA-256, and collects the
 * distinct values of two keys: the item key (the columns that identify one
 * row; duplicates are counted) and, when given, the level key (the columns
 * that group items, e.g. a patient pseudonym; overlaps between datasets
 * are computed at this level when both sides give one).
 *
 * Keys are kept in first-seen order, so every report built on them
 * ("the first few shared keys") depends on the files only.  Lookups go
 * through a hash table with a per-process random seed, so a manifest
 * crafted for collisions cannot make the work quadratic.
 *
 * Knows nothing of dossiers or templates: overlap.h puts manifests
 * together.
 */
#ifndef DOSSIER_MANIFEST_H
#define DOSSIER_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

/* Limits, documented in share/doc/evidence.md. */
#define MF_MAX_ROWS	50000000UL		/* data rows in one manifest */
#define MF_MAX_BYTES	(8ULL << 30)		/* bytes in one manifest */
#define MF_MAX_KEY	4096			/* bytes in one key */
#define MF_MAX_COLS	4096			/* columns in the header */
#define MF_MAX_KEYCOLS	8			/* columns in one key */
#define MF_EXAMPLES	5			/* examples kept for reports */

/* The distinct values of one key, in first-seen order. */
struct mf_keyset {
	char *arena;		/* the keys' bytes, back to back */
	uint64_t alen, acap;
	uint64_t *off;		/* key i is arena[off[i] .. off[i+1]) */
	uint32_t *line;		/* the line key i was first seen on */
	size_t n, cap;
	uint64_t *slot;		/* open addressing: hash, index + 1 */
	size_t nslot;		/* a power of two */
	size_t dups;		/* rows whose key was already there */
	/* The first MF_EXAMPLES duplicates: key index and the later line. */
	size_t dup_key[MF_EXAMPLES];
	uint32_t dup_line[MF_EXAMPLES];
	size_t ndup_ex;
};

struct mf_result {
	char sha256[65];	/* of the file's bytes, lowercase hex */
	uint64_t size;		/* bytes */
	size_t rows;		/* data rows (the header not counted) */
	char tab;		/* 1 when read as TSV */
	struct mf_keyset item;	/* always filled */
	struct mf_keyset level;	/* filled when a level was asked for */
	int have_level;
};

/*
 * Read the manifest at path.  key and level name columns of the header,
 * several joined by commas ("site, patient_id"); level may be NULL or
 * empty.  A name ending in ".tsv" or ".tab" (any case) is read as
 * tab-separated without quoting; anything else as CSV (RFC 4180: commas,
 * double quotes, doubled quotes inside them).  A UTF-8 byte-order mark is
 * skipped, CRLF is accepted and blank lines are skipped.
 *
 * The file is opened without following a final symbolic link and without
 * blocking, and refused unless it is a regular file (a FIFO or a device
 * is never read).  Returns 0 and fills r (free with mf_result_free), or
 * -1 with err: DIAG_SYNTAX or DIAG_SCHEMA with file:line:col for a
 * malformed file, DIAG_LIMIT past a limit, DIAG_IO when it cannot be read.
 * shown is the name used in messages (path when NULL).
 */
int mf_read(const char *path, const char *shown, const char *key,
    const char *level, struct mf_result *r, struct diag *err);
void mf_result_free(struct mf_result *r);

/* One manifest to read, for mf_read_all. */
struct mf_job {
	const char *path, *shown, *key, *level;	/* as for mf_read */
	struct mf_result r;	/* filled when rc is 0 */
	struct diag err;	/* filled when rc is -1 */
	int rc;
};

/*
 * Read every job's manifest, several at once on a machine with more than
 * one processor (at most MF_THREADS threads; results do not depend on
 * it).  Returns the index of the first job, in order, that failed, or -1
 * when all were read.  Free each job's r with mf_result_free.
 */
#define MF_THREADS 4
long mf_read_all(struct mf_job *jobs, size_t n);

/* Key i of s: *len bytes, not NUL-terminated (borrowed). */
const char *mf_key(const struct mf_keyset *s, size_t i, size_t *len);

/* Index of the key in s, or -1. */
long mf_find(const struct mf_keyset *s, const char *key, size_t len);

/*
 * How many keys of a are also in b; the first MF_EXAMPLES of them, in a's
 * order, go to ex (indexes into a) and *nex.
 */
size_t mf_overlap(const struct mf_keyset *a, const struct mf_keyset *b,
    size_t ex[MF_EXAMPLES], size_t *nex);

/*
 * A key for messages: the parts of a composite key joined by "+", and
 * control characters shown as '?'.  Caller frees.
 */
char *mf_key_text(const struct mf_keyset *s, size_t i);

#endif
