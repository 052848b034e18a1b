/*
 * A list of findings built outside validate(): the evidence register and
 * the dataset manifests are checked only by the verbs that ask for it
 * (check, export, evidence), never on every keystroke, and report through
 * the same struct finding so they print like every other finding.
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
 * Add a finding about field f (record rec when in_record) at node at
 * (NULL: no position); the message is formatted.
 */
void flist_add(struct flist *l, enum tmpl_severity sev,
    enum finding_kind kind, const struct tmpl_field *f, int in_record,
    size_t rec, const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 10, 11)));

void flist_free(struct flist *l);

#endif
