#ifndef DOSSIER_REVIEWSHOW_H
#define DOSSIER_REVIEWSHOW_H

#include <stddef.h>

#include "core/dossier.h"

/*
 * A pop-up with the reviewer's verdict on field f (record rec when f is a
 * record's): status, note, who, when, whether it is stale, and the
 * verdicts before it.  A message when there is none.
 */
void review_show(const struct dossier *d, const struct tmpl_field *f,
    size_t rec);

#endif
