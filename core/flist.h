/*
 * A list of findings built outside validate(): the evidence register and
 * the dataset manifests are read only by the verbs and by the wizard when
 * a file answer changes, never on every keystroke, and report through the
 * same struct finding, which validate() then counts (vcache_set_proof).
 */
#ifndef DOSSIER_FLIST_H
#define DOSSIER_FLIST_H

#include <stddef.h>

#include "core/validate.h"

struct flist {
	struct finding *f;	/* owned, with their path and message */
	size_t n, cap;
	size_t errors, warnings, infos;
};

/*
 * Add a finding about field f (record rec when in_record) at line, col of
 * the dossier; path is how check names its place, NULL for the field's
 * own path (so the finding and its checklist row name the same place).
 * The message is formatted.
 */
void flist_add(struct flist *l, enum tmpl_severity sev,
    enum finding_kind kind, const struct tmpl_field *f, int in_record,
    size_t rec, const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 10, 11)));

/*
 * A file that could not be read at all (a malformed manifest: err names
 * its file, line and column) as an error finding, for the wizard, which
 * must show it rather than refuse to open the dossier as check does.
 */
struct diag;
void flist_add_diag(struct flist *l, const struct diag *err);

void flist_free(struct flist *l);

#endif
