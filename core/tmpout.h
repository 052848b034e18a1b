/*
 * An output file that appears complete or not at all, for writers that
 * insist on a file name of their own (libxlsxwriter opens and writes its
 * file inside workbook_close).  tmpout_begin creates an empty temporary
 * file beside the target, with the mode the target has or would get; the
 * writer fills it by name.  Because the writer opens it by name (and so
 * would follow a link someone swapped in), the file lives in a folder
 * beside the target that only we can enter (.NAME.xxxxxx.tmp/out); the
 * writer's own scratch files belong there too; tmpout_commit flushes it, renames it over the
 * target and flushes the folder, or tmpout_abort removes it.  A symbolic
 * link at the target is followed, so the link stays a link.  Between begin
 * and commit or abort, SIGXFSZ is ignored, so a file-size limit gives an
 * error (EFBIG) instead of killing the process half-way.
 *
 * store.h does the same for a buffer already in memory.
 */
#ifndef DOSSIER_TMPOUT_H
#define DOSSIER_TMPOUT_H

#include "core/diag.h"

struct tmpout {
	const char *what;	/* "the checklist": for messages */
	const char *out;	/* as given, for messages */
	char *target;		/* out with symbolic links followed */
	char *dir;		/* the target's folder */
	char *pdir;		/* our private folder beside the target */
	char *tmp;		/* the temporary file, inside pdir */
	void (*oldxfsz)(int);
};

/*
 * Create the temporary file for out.  Returns 0, or -1 with err filled
 * ("cannot write WHAT: creating a temporary file beside it: Permission
 * denied") and nothing to abort.  An out that exists but is not a regular
 * file (a device node, FIFO, socket or folder, also through a link) is
 * refused: replacing /dev/null with a workbook is never what was meant.
 */
int tmpout_begin(struct tmpout *t, const char *out, const char *what,
    struct diag *err);
/* Put the finished temporary file in place; -1 with err, file removed. */
int tmpout_commit(struct tmpout *t, struct diag *err);
/* Remove the temporary file and forget it. */
void tmpout_abort(struct tmpout *t);

/*
 * Point stderr (descriptor 2) at log, or /dev/null when log is NULL, so a
 * library that prints cannot reach a curses screen; returns what to give
 * tmpout_unquiet (-1 when nothing changed).
 */
int tmpout_quiet(const char *log);
void tmpout_unquiet(int saved);

#endif
