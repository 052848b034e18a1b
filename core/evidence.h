/*
 * The evidence register: for every file a dossier's answers name (every
 * answer to a `file` field), the size, modification time and SHA-256 it
 * had when someone recorded it, kept in the dossier itself under the
 * top-level key `evidence`, sorted by path so the file diffs well:
 *
 *   evidence:
 *     files:
 *       reports/vv-report.md:
 *         size: 18231
 *         modified: "2026-01-30T09:12:44.000000000Z"
 *         sha256: "9f2c...64 hex digits"
 *         recorded: "2026-02-02"
 *     manifests:          (receipts of dataset manifests, see overlap.h)
 *
 * evid_scan compares what is on disk with the register.  It never opens
 * anything but a regular file (rdopen.h) and hashes only when it has to:
 * a file whose size and time match its entry is taken as unchanged unless
 * a hash is asked for (check --verify, export --bundle), and a file whose
 * size differs is changed without reading it.  Paths are relative to the
 * dossier's folder; where one leads out of it, by its name or through a
 * symbolic link, the scan says so.
 *
 * The module reads and edits the dossier tree but never saves it.
 */
#ifndef DOSSIER_EVIDENCE_H
#define DOSSIER_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/dossier.h"

enum evid_state {
	EVID_OK,		/* matches its entry */
	EVID_UNRECORDED,	/* no entry in the register */
	EVID_TOUCHED,		/* new time, same bytes (hashed to know) */
	EVID_CHANGED,		/* differs from its entry */
	EVID_EMPTY,		/* zero bytes */
	EVID_MISSING,		/* not there */
	EVID_NOT_FILE,		/* a folder, FIFO, device or socket */
	EVID_UNREADABLE		/* there, but could not be read */
};

/* One entry of the register as read from the dossier. */
struct evid_entry {
	char *path;
	uint64_t size;
	char *modified;		/* as written */
	char sha256[65];
	char *recorded;		/* may be NULL */
	const struct ynode *node;	/* the entry's key, for positions */
};

/* One file named by the answers. */
struct evid_file {
	char *path;			/* as answered */
	const struct ynode *at;		/* the first answer naming it */
	const struct tmpl_field *field;
	size_t rec;
	int in_record;
	char *where;			/* tr-008.datasets.datasets[0].x */
	enum evid_state state;
	int outside;			/* 1 by its name, 2 through a link */
	char *real;			/* the file, links resolved; may be NULL */
	const char *kind;		/* what it is when EVID_NOT_FILE */
	uint64_t size;
	char modified[64];		/* on disk, as the register writes it */
	char sha256[65];		/* "" unless hashed */
	int read_failed;		/* found and stat'ed, but reading it
					 * failed (EVID_UNREADABLE): what
					 * validation, which only looks, cannot
					 * tell */
	const struct evid_entry *entry;	/* its register entry, or NULL */
};

struct evid_list {
	char *dir;			/* the dossier's folder, as named */
	char *realdir;			/* the same, links resolved */
	struct evid_file *f;		/* in answer order, one per path */
	size_t n;
	struct evid_entry *reg;		/* the register, in file order */
	size_t nreg;
	int have_register;		/* the dossier has evidence.files */
};

#define EVID_HASH 1	/* hash every readable file (--verify, bundles) */
#define EVID_NO_DISK 2	/* read answers and register only: no stat, no hash */

/*
 * The files d's answers name, each compared with the register.  Returns
 * NULL with err filled (DIAG_SCHEMA and the position) when the register in
 * the dossier is malformed.  Free with evid_list_free.
 */
struct evid_list *evid_scan(const struct dossier *d, int flags,
    struct diag *err);
void evid_list_free(struct evid_list *l);

/*
 * Hash every file of l that can be read (those already hashed are kept)
 * and write the register into d: one entry per readable file, sorted by
 * path; entries of files no answer names any more are dropped.  date is
 * the recorded date (YYYY-MM-DD).  Marks d dirty when the register
 * changed.  Returns the number of entries written, or -1 with err when a
 * file could not be read.  Entries of files that match already keep their
 * recorded date.
 */
long evid_record(struct dossier *d, struct evid_list *l, const char *date,
    struct diag *err);

/*
 * Hash a regular file already checked by evid_scan (or any path) into
 * hex; -1 with err.  Never opens anything but a regular file.
 */
int evid_hash_file(const char *path, const char *shown, char hex[65],
    uint64_t *size, struct diag *err);

/* "ok", "unrecorded", "changed", ...: for lists and the XLSX. */
const char *evid_state_name(enum evid_state s);

/* The register entry for path, or NULL. */
const struct evid_entry *evid_lookup(const struct evid_list *l,
    const char *path);

/* The file answer for path, or NULL. */
const struct evid_file *evid_find(const struct evid_list *l,
    const char *path);

/*
 * The register's entry for one file answer, without hashing: the state a
 * screen shows beside the answer (stat only).  dir is the dossier's
 * folder.
 */
enum evid_state evid_quick_state(const struct dossier *d, const char *dir,
    const char *path);

/* The dossier's folder, "." when its path has none (caller frees). */
char *evid_dossier_dir(const struct dossier *d);

/* A modification time as the register writes it. */
void evid_format_time(const struct stat *st, char out[64]);

#endif
