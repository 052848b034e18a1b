/*
 * Three-way merge of dossiers by question and by record identity, for
 * git's merge driver.  Each answer is one unit: when only one side
 * changed it (against the common base) that side wins; when both changed
 * it to the same value, that value; when both changed it differently,
 * the result keeps ours and records a conflict (review.h) holding base,
 * ours and theirs, which `check` reports as an error until resolved.
 * Records of a group are matched by identity (diff.h): records added on
 * either side are kept (ours first, then theirs), a record deleted on one
 * side and unchanged on the other goes, a record deleted on one side and
 * changed on the other is kept and is a conflict.  Device facts, reviews
 * and keys no template knows merge key by key the same way; the
 * templates list is one unit.
 */
#ifndef DOSSIER_MERGE_H
#define DOSSIER_MERGE_H

#include <stddef.h>

#include "core/dossier.h"

/*
 * Merge into a new tree (owned by the caller): base, ours and theirs must
 * have been loaded against the same template set.  *nconflicts receives
 * the number of conflicts recorded in the tree's conflicts: list (earlier
 * conflicts of either side are kept and not counted).
 */
struct ynode *merge_dossiers(const struct dossier *base,
    const struct dossier *ours, const struct dossier *theirs,
    size_t *nconflicts);

#endif
