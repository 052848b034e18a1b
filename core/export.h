/*
 * The XLSX checklist: a workbook a reviewer and a regulator can work from,
 * written with libxlsxwriter.  This is the only file of dossier that
 * includes xlsxwriter.h; what a row is lives in checklist.h, what happens to
 * text on its way into a cell in xltext.h, and the sheets are described in
 * share/doc/checklist.md.
 *
 * Promises:
 *   - user text (answers, device facts, template text, file names) is only
 *     ever written as a string cell, with the Text number format ("@") so
 *     that editing the cell in a spreadsheet keeps it text; no formula is
 *     ever built from it;
 *   - the library's limits are checked before it is called, and while the
 *     workbook is written the process's stderr (file descriptor 2) points
 *     at opts->log or /dev/null, so nothing the library prints can reach a
 *     curses screen;
 *   - the file appears at out only complete: it is written to a temporary
 *     file in out's folder (libxlsxwriter's own scratch files go there
 *     too), flushed, and renamed over out only when libxlsxwriter reports
 *     success; any failure removes the temporary file and leaves an
 *     existing out untouched;
 *   - the same dossier, templates, tool version and date give the same
 *     workbook, byte for byte;
 *   - out is never the dossier itself (d->path) nor anything but a
 *     regular file or a new name (outpath.h).
 */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include "core/diag.h"
#include "core/dossier.h"
#include "core/validate.h"

struct proof;

struct export_opts {
	/*
	 * The date the workbook carries (Summary sheet and the document's
	 * creation time, at 00:00 UTC), as YYYY-MM-DD.  NULL: the local date
	 * of the dossier file's last modification when the model is saved and
	 * unchanged (d->have_disk and not d->dirty), else today's.
	 */
	const char *date;
	/* How the date was chosen, for the Summary; NULL: said from above. */
	const char *date_note;
	/* Where libxlsxwriter's own messages go; NULL: /dev/null. */
	const char *log;
	/*
	 * Called for each thing the user should know about an export that
	 * still succeeds (a cell that had to be cut); may be NULL.  msg is
	 * valid during the call only.
	 */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
	/*
	 * What reading the files found (proof.h): adds the Evidence sheet,
	 * short hashes in the Checklist and computed sizes and overlaps in
	 * the Datasets sheet.  NULL: none of these.
	 */
	const struct proof *proof;
};

/*
 * Write the checklist of d, whose validation report is r (from
 * validate(d, ...)), to the file out (".xlsx" is not added).  o may be
 * NULL for the defaults.  Returns 0, or -1 with err filled: DIAG_USAGE for
 * a bad date, DIAG_IO when the file could not be written (the message
 * names out and says why).
 */
int export_xlsx(const struct dossier *d, const struct report *r,
    const char *out, const struct export_opts *o, struct diag *err);

/* What one XLSX sheet holds at most (Excel's limits, also the library's). */
#define EXPORT_MAX_ROWS 1048576u
#define EXPORT_MAX_COLS 16384u

/*
 * Will the checklist of d fit?  Counted from the dossier alone, before any
 * validation or other work: a row per field, and per field of every record
 * of a group (whether or not it applies, so this is an upper bound), on
 * the Checklist sheet; a row per record on a group's sheet.  Returns 0, or
 * -1 with err (DIAG_LIMIT) naming the limit and the count.
 */
int export_check_size(const struct dossier *d, struct diag *err);

#endif
