/*
 * Submission bundles: one zip archive (libzip) holding the canonical
 * dossier YAML, its XLSX checklist, every evidence file and manifest the
 * answers name under its path relative to the dossier, and MANIFEST.sha256
 * listing the SHA-256 of every other entry in the format "sha256sum -c"
 * reads.  The archive is deterministic: entries in a fixed order (the
 * manifest, then by name), every time stamp 1980-01-01 00:00, permissions
 * 0644, deflate at one level, so the same inputs give the same bytes.
 * It appears at its name complete or not at all (tmpout.h).
 *
 * bundle_verify reads an archive back, never extracting anything, and
 * re-hashes every entry MANIFEST.sha256 lists.
 */
#ifndef DOSSIER_BUNDLE_H
#define DOSSIER_BUNDLE_H

#include <stddef.h>

#include "core/diag.h"
#include "core/dossier.h"
#include "core/evidence.h"

#define BUNDLE_MANIFEST "MANIFEST.sha256"

/*
 * Write the bundle of d to out.  ev must come from evid_scan(d,
 * EVID_HASH): every file must be a readable regular file inside the
 * dossier's folder by name (a link out of it is followed, and the caller
 * says so), or the bundle is refused with err naming the first that is
 * not.  xlsx is the checklist already written to a file, stored as
 * NAME.xlsx beside NAME.yaml (NAME: the dossier's file name without
 * extension).  Returns 0, or -1 with err (DIAG_SCHEMA for an unusable
 * evidence path, DIAG_IO when the archive cannot be written).
 */
int bundle_write(const struct dossier *d, const struct evid_list *ev,
    const char *xlsx, const char *out, struct diag *err);

/* What verify found for one entry. */
enum bundle_check { BUNDLE_OK, BUNDLE_MISMATCH, BUNDLE_ABSENT,
    BUNDLE_UNLISTED };

/*
 * Check the archive at path: every line of MANIFEST.sha256 against the
 * entry it names, and every entry against the list.  report is called
 * once per entry, in the manifest's order, then for unlisted entries.
 * Returns the number of problems, or -1 with err when the file is not a
 * readable zip archive or has no well-formed MANIFEST.sha256 (the line
 * and column of a malformed line).
 */
long bundle_verify(const char *path,
    void (*report)(void *arg, const char *name, enum bundle_check c),
    void *arg, struct diag *err);

#endif
