#include "config.h"

#include "core/outpath.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store.h"
#include "core/xalloc.h"

int
outpath_same(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb, *da, *db;
	const char *ba, *bb;
	int same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	/* One is still to be made: same folder and same name in it. */
	ra = store_resolve_links(a);
	rb = store_resolve_links(b);
	da = store_dirname(ra);
	db = store_dirname(rb);
	ba = strrchr(ra, '/') != NULL ? strrchr(ra, '/') + 1 : ra;
	bb = strrchr(rb, '/') != NULL ? strrchr(rb, '/') + 1 : rb;
	same = strcmp(ba, bb) == 0 && stat(da, &sa) == 0 &&
	    stat(db, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
	free(da);
	free(db);
	free(ra);
	free(rb);
	return same;
}

int
outpath_vet(const char *out, const char *input, int may_be_input,
    const char *what, struct diag *err)
{
	struct stat st;

	/* what: words marked N_() by the caller, translated here. */
	if (*out == '\0') {
		diag_set(err, DIAG_USAGE, NULL, 0, 0, "the file name for %s "
		    "is empty", what);
		return diag_retext(err, "the file name for %s is empty",
		    diag_word(what));
	}
	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_set(err, DIAG_IO, out, 0, 0, "cannot write %s: it is not "
		    "a regular file (a device, FIFO, socket or folder); "
		    "refusing to replace it", what);
		return diag_retext(err, "cannot write %s: it is not a regular "
		    "file (a device, FIFO, socket or folder); refusing to "
		    "replace it", diag_word(what));
	}
	if (!may_be_input && input != NULL && outpath_same(out, input)) {
		diag_set(err, DIAG_IO, out, 0, 0, "cannot write %s: this is "
		    "the dossier itself (%s); refusing to replace it", what,
		    input);
		return diag_retext(err, "cannot write %s: this is the dossier "
		    "itself (%s); refusing to replace it", diag_word(what),
		    input);
	}
	return 0;
}
