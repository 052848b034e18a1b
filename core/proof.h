/*
 * Proof instead of declarations: the checks that read files a dossier
 * names, run by the verbs, and by the wizard when it opens, re-checks or
 * a file answer changes, rather than on every edit.
 * proof_run compares every evidence file with the register (evidence.h)
 * and every dataset manifest with the others (overlap.h), and gathers
 * what they found as findings (flist.h) that print like validation's.
 *
 * Validation already reports evidence that is missing, empty, a folder,
 * not a regular file or named outside the dossier's folder; proof adds
 * what only reading or comparing can tell: changed since recorded,
 * unrecorded, a link that leads out of the folder, and everything about
 * manifests.  Its findings join validation's through vcache_set_proof,
 * so every verdict counts them.
 */
#ifndef DOSSIER_PROOF_H
#define DOSSIER_PROOF_H

#include "core/diag.h"
#include "core/dossier.h"
#include "core/evidence.h"
#include "core/flist.h"
#include "core/overlap.h"

struct proof {
	struct evid_list *ev;
	struct ovl *ovl;
	struct flist f;
};

#define PROOF_VERIFY 1	/* hash every evidence file (check --verify, export) */

/*
 * Run both checks.  NULL with err when the register in the dossier is
 * malformed or a manifest is (file:line:col): unusable input.
 */
struct proof *proof_run(const struct dossier *d, int flags, struct diag *err);
void proof_free(struct proof *p);

/*
 * Can changing the answer to f change what proof_run finds in d?  Yes for
 * a file answer, a field a manifest reads (its key, level, role, name or a
 * declaration), and any answer a condition reads that decides whether one
 * of those is asked.  The wizard reads the files again only then: editing
 * anything else stays as fast as without manifests.
 */
int proof_depends_on(const struct dossier *d, const struct tmpl_field *f);

#endif
