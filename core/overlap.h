/*
 * Dataset overlap: the records of a group whose `file` field carries a
 * template's `manifest` attribute name a manifest each (manifest.h).  This
 * module reads them all, computes for every pair of records with
 * different roles how many keys they share (at the level columns when both
 * records name them, else at the item key), and compares that with what
 * each record declares about sharing data with the other's role.  It also
 * keeps a receipt per manifest in the dossier (evidence.manifests), so a
 * reviewer who re-runs the check sees whether the numbers are the same.
 *
 * Reports go to a findings list (flist.h): a contradiction with a
 * declaration is an error, overlap nobody declared a warning, duplicate
 * keys inside one manifest a warning.  A malformed manifest is not a
 * finding but unusable input: ovl_run fails with its file:line:col.
 */
#ifndef DOSSIER_OVERLAP_H
#define DOSSIER_OVERLAP_H

#include <stddef.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/flist.h"
#include "core/manifest.h"

struct ovl_rec {
	const struct tmpl_field *field;	/* the manifest field */
	size_t rec;			/* record index in its group */
	const struct ynode *at;		/* the manifest answer */
	const char *path;		/* as answered (borrowed) */
	char *where;			/* tr-008.datasets.datasets[2] */
	char *name;			/* the record's name, or "record N" */
	char *role;			/* "" when unanswered */
	char *key, *level;		/* column specs; level may be "" */
	char *shown, *real;		/* the manifest's name in messages,
					 * and the file read */
	struct mf_result mf;
	int read;			/* mf is filled */
};

struct ovl_pair {
	size_t a, b;			/* records, a < b */
	int by_level;			/* compared at the level columns */
	size_t shared;
	size_t ex[MF_EXAMPLES];		/* examples: indexes into a's keys */
	size_t nex;
};

struct ovl {
	struct ovl_rec *r;
	size_t n;
	struct ovl_pair *p;
	size_t np;
};

/*
 * Read every manifest d's answers name and compare them.  Findings are
 * added to out.  Returns NULL with err (file:line:col of the manifest)
 * when a manifest is malformed or past a limit; a manifest that is not
 * there is left to validation (record skipped).
 */
struct ovl *ovl_run(const struct dossier *d, struct flist *out,
    struct diag *err);
void ovl_free(struct ovl *o);

/* The keys of record i at the level pair p compares (for examples). */
const struct mf_keyset *ovl_keys(const struct ovl *o,
    const struct ovl_pair *p);

/*
 * Write the receipts (evidence.manifests) into d, sorted by manifest
 * path; marks d dirty when they changed.
 */
void ovl_record(struct dossier *d, const struct ovl *o);

/* "P00012, P00345": the examples of p (caller frees). */
char *ovl_examples(const struct ovl *o, const struct ovl_pair *p);

#endif
