/*
 * The reviewer's verdict on the focused question, and the verdicts before
 * it (core/review.h; `dossier review` brings them back from a checklist).
 * Read only: verdicts come from the reviewer's workbook, not the wizard.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/lang.h"
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

/* The reviewer's words, as the workbook's list offers them. */
static const char *const status_words[] = {
	[REVIEW_ACCEPTED] = N_("Accepted"),
	[REVIEW_QUERY] = N_("Query"),
	[REVIEW_REJECTED] = N_("Rejected"),
};

/*
 * A verdict's status as read: translated, with the workbook's own word
 * beside it when they differ, since that is what the reviewer chose from
 * (caller frees).  Anything else is shown as it was written.
 */
static char *
status_text(const char *st)
{
	int k = st != NULL ? review_status_parse(st) : -1;
	const char *word, *tr;

	if (k <= REVIEW_NONE || (size_t)k >= sizeof status_words /
	    sizeof status_words[0])
		return xstrdup(st);
	word = review_status_name((enum review_status)k);
	tr = _(status_words[k]);
	if (strcmp(tr, word) == 0)
		return xstrdup(word);
	/* TRANSLATORS: a review status in your language, then as the
	 * workbook has it ("Rejected").  Never shown in English. */
	return xasprintf(_("%s (in the workbook: %s)"), tr, word);
}

/* "Rejected by Rita, 2026-03-02T10:15:00Z: note" and a newline, added. */
static char *
add_verdict(char *text, const char *lead, const struct ynode *v)
{
	const char *note = field_or(v, "note", NULL), *by, *at;
	char *st = status_text(field_or(v, "status", _("(no status)"))), *s;

	by = field_or(v, "by", _("an unnamed reviewer"));
	at = field_or(v, "at", _("at an unknown time"));
	/* TRANSLATORS: an earlier verdict: its status, who gave it, when,
	 * and (in the first) the reviewer's note. */
	s = note != NULL ? xasprintf(_("%s by %s, %s: %s"), st, by, at, note) :
	    xasprintf(_("%s by %s, %s"), st, by, at);
	free(st);
	st = xasprintf("%s%s%s\n", text, lead, s);
	free(s);
	free(text);
	return st;
}

void
review_show(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	struct checklist_row w;
	const struct ynode *rv, *hist;
	char *path, *text, *title, *st, now[65];
	const char *judged;
	size_t i;

	memset(&w, 0, sizeof w);
	w.field = f;
	w.rec = rec;
	w.in_record = f->group != NULL;
	path = checklist_path(&w);
	/* TRANSLATORS: a dialog's title; %s is the question's label. */
	title = xasprintf(_("Review of %s"), tmpl_field_text(f, TMPL_TR_LABEL,
	    lang_current()));
	rv = review_get(d, path);
	if (rv == NULL) {
		/* TRANSLATORS: %s is the checklist's path of the question;
		 * the command at the end stays as it is. */
		text = xasprintf(_("No reviewer has judged this answer "
		    "(%s).\n\nExport the checklist, send it, and bring the "
		    "Reviewer columns back with: dossier review FILE "
		    "CHECKLIST.xlsx"), path);
		dlg_message(title, text);
		goto out;
	}
	st = status_text(field_or(rv, "status", _("(none)")));
	/* TRANSLATORS: the verdict: the checklist's path, then status, note,
	 * reviewer and time, their labels lined up in one column. */
	text = xasprintf(_("%s\n\nStatus: %s\nNote:   %s\nBy:     %s\n"
	    "When:   %s\n"), path, st, field_or(rv, "note", _("(none)")),
	    field_or(rv, "by", _("(unnamed)")), field_or(rv, "at",
	    _("(unknown)")));
	free(st);
	review_answer_hash(d, f, rec, now);
	judged = yt_str(yt_get(rv, "answer"));
	if (judged == NULL || strcmp(judged, now) != 0) {
		char *s = xasprintf("%s%s\n", text, _("Stale:  the answer "
		    "has changed since this verdict; export the checklist "
		    "again for a new review."));

		free(text);
		text = s;
	}
	hist = yt_get(rv, "history");
	if (hist != NULL && hist->kind == YT_SEQ && hist->n > 0) {
		char *s = xasprintf("%s\n%s\n", text, _("Earlier verdicts, "
		    "latest first:"));

		free(text);
		text = s;
		for (i = hist->n; i-- > 0;)
			text = add_verdict(text, "  ", hist->vals[i]);
	} else {
		char *s = xasprintf("%s\n%s\n", text,
		    _("No earlier verdicts."));

		free(text);
		text = s;
	}
	dlg_view(title, text);
out:
	free(text);
	free(title);
	free(path);
}
