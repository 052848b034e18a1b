/*
 * The reviewer's verdict on the focused question, and the verdicts before
 * it (core/review.h; `dossier review` brings them back from a checklist).
 * Read only: verdicts come from the reviewer's workbook, not the wizard.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "tui/dialog.h"
#include "tui/reviewshow.h"

static const char *
field_or(const struct ynode *m, const char *key, const char *dflt)
{
	const char *s = yt_str(yt_get(m, key));

	return s != NULL && *s != '\0' ? s : dflt;
}

/* "Rejected by Rita, 2026-03-02T10:15:00Z: note" and a newline, added. */
static char *
add_verdict(char *text, const char *lead, const struct ynode *v)
{
	const char *note = field_or(v, "note", NULL);
	char *s = xasprintf("%s%s%s by %s, %s%s%s\n", text, lead,
	    field_or(v, "status", "(no status)"), field_or(v, "by",
	    "an unnamed reviewer"), field_or(v, "at", "at an unknown time"),
	    note != NULL ? ": " : "", note != NULL ? note : "");

	free(text);
	return s;
}

void
review_show(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	struct checklist_row w;
	const struct ynode *rv, *hist;
	char *path, *text, *title, now[65];
	const char *judged;
	size_t i;

	memset(&w, 0, sizeof w);
	w.field = f;
	w.rec = rec;
	w.in_record = f->group != NULL;
	path = checklist_path(&w);
	title = xasprintf("Review of %s", f->label);
	rv = review_get(d, path);
	if (rv == NULL) {
		text = xasprintf("No reviewer has judged this answer (%s).\n\n"
		    "Export the checklist, send it, and bring the Reviewer "
		    "columns back with: dossier review FILE CHECKLIST.xlsx",
		    path);
		dlg_message(title, text);
		goto out;
	}
	text = xasprintf("%s\n\nStatus: %s\nNote:   %s\nBy:     %s\n"
	    "When:   %s\n", path, field_or(rv, "status", "(none)"),
	    field_or(rv, "note", "(none)"), field_or(rv, "by", "(unnamed)"),
	    field_or(rv, "at", "(unknown)"));
	review_answer_hash(d, f, rec, now);
	judged = yt_str(yt_get(rv, "answer"));
	if (judged == NULL || strcmp(judged, now) != 0) {
		char *s = xasprintf("%sStale:  the answer has changed since this "
		    "verdict; export the checklist again for a new review.\n", text);

		free(text);
		text = s;
	}
	hist = yt_get(rv, "history");
	if (hist != NULL && hist->kind == YT_SEQ && hist->n > 0) {
		char *s = xasprintf("%s\nEarlier verdicts, latest first:\n",
		    text);

		free(text);
		text = s;
		for (i = hist->n; i-- > 0;)
			text = add_verdict(text, "  ", hist->vals[i]);
	} else {
		char *s = xasprintf("%s\nNo earlier verdicts.\n", text);

		free(text);
		text = s;
	}
	dlg_view(title, text);
out:
	free(text);
	free(title);
	free(path);
}
