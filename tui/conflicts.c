/*
 * Merge conflicts in the wizard: when a dossier opens with conflicts:
 * (core/review.h, left by `dossier merge`), offer to resolve them one by
 * one: keep ours (the answer in the file), take theirs or take the base.
 * A record changed on one side and deleted on the other is kept or
 * deleted.  Each resolution is one undoable change; Esc leaves the rest
 * for later (check keeps reporting them).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/dialog.h"

/*
 * A side's answer as the question shows it: a choice by its option's text
 * in the language shown, yes and no translated; what is stored (and what
 * the choice keeps) is the id.
 */
static const char *
value_text(const struct tmpl_field *f, const char *v)
{
	size_t i;

	if (f->type == TMPL_YESNO && (strcmp(v, "yes") == 0 ||
	    strcmp(v, "no") == 0))
		return _(v);
	if (f->type == TMPL_CHOICE)
		for (i = 0; i < f->options.n; i++)
			if (strcmp(f->options.v[i], v) == 0)
				return tmpl_option_text(f, i, lang_current());
	return v;
}

static char *
side_text(const struct tmpl_field *f, const struct ynode *c, const char *key)
{
	const struct ynode *v = yt_get(c, key);
	const char *na = dossier_na_reason(v);

	if (v == NULL)
		return xstrdup(_("(no answer)"));
	if (na != NULL)
		/* TRANSLATORS: %s is the reason given. */
		return xasprintf(_("not applicable: %s"), na);
	if (v->kind == YT_SCALAR)
		return xstrdup(value_text(f, v->str));
	if (v->kind == YT_SEQ)
		return xasprintf(ngettext("a list of %zu", "a list of %zu",
		    v->n), v->n);
	return xstrdup(_("a record"));
}

/* Resolve conflict i (number k of n); 0 when resolved, -1 for later. */
static int
resolve_one(struct app *a, size_t i, size_t k, size_t n)
{
	/* TRANSLATORS: buttons: the letter before the colon is the key, the
	 * same in every language; keep it and the colon, translate the rest.
	 * "ours" is the answer in the file, "theirs" the other side's, "base"
	 * the answer both started from. */
	static const char *const answer_buttons[] = { N_("o:Keep ours"),
	    N_("t:Take theirs"), N_("b:Take base") };
	static const char *const record_buttons[] = { N_("k:Keep the record"),
	    N_("d:Delete the record") };
	const struct ynode *c = review_conflict(a->s.d, i);
	const char *path = yt_str(yt_get(c, "path"));
	const struct tmpl_field *f = NULL;
	size_t rec = 0;
	int inr = 0, record = yt_get(c, "record") != NULL, pick;
	char *o, *t, *b, *text, *title;
	const char *side;

	if (path == NULL || review_resolve(a->s.d, path, &f, &rec, &inr) < 0 ||
	    (inr && rec >= dossier_nrecords(a->s.d, f->group))) {
		dlg_message(_("Merge conflict"), _("This conflict is not about "
		    "a question of the dossier; edit the file to resolve it."));
		return -1;
	}
	o = side_text(f, c, "ours");
	t = side_text(f, c, "theirs");
	b = side_text(f, c, "base");
	title = xasprintf(_("Merge conflict %zu of %zu"), k + 1, n);
	if (record)
		/* TRANSLATORS: the first %s is a list's label, the second
		 * the record's name; Ours and Theirs are the two sides. */
		text = xasprintf(_("%s, record %s, was changed on one side and "
		    "deleted on the other.\n\nOurs: %s\nTheirs: %s"),
		    tmpl_field_text(f->group, TMPL_TR_LABEL, lang_current()),
		    yt_str(yt_get(c, "record")), o, t);
	else
		/* TRANSLATORS: the question's label, then the three sides'
		 * answers. */
		text = xasprintf(_("%s\n\nOurs: %s\nTheirs: %s\nBase: %s"),
		    tmpl_field_text(f, TMPL_TR_LABEL, lang_current()), o, t, b);
	pick = record ? dlg_choose(title, text, record_buttons, 2, _("Later"),
	    _("Merge conflict")) : dlg_choose(title, text, answer_buttons, 3,
	    _("Later"), _("Merge conflict"));
	free(o);
	free(t);
	free(b);
	free(text);
	free(title);
	if (pick < 0)
		return -1;
	/* TRANSLATORS: an undo description, shown after "Undone: ". */
	app_change_begin(a, _("resolve a merge conflict"), 0);
	if (record && pick == 1) {
		yt_free(dossier_remove_record(a->s.d, f->group, rec));
		app_change_at(a, f->group, rec);
	} else if (!record && pick > 0) {
		side = pick == 1 ? "theirs" : "base";
		yt_free(dossier_put(a->s.d, f, rec, yt_get(c, side) != NULL ?
		    yt_clone(yt_get(c, side)) : NULL));
		app_change_at(a, f, rec);
	} else {
		app_change_at(a, f, rec);
	}
	review_drop_conflict(a->s.d, i);
	app_change_end(a);
	return 0;
}

void
app_resolve_conflicts(struct app *a)
{
	size_t n = review_nconflicts(a->s.d), done = 0;
	/* TRANSLATORS: keep "r:", the key, as it is. */
	static const char *const ask[] = { N_("r:Resolve now") };

	if (n == 0 || a->readonly != NULL)
		return;
	if (dlg_choose(_("Merge conflicts"), n == 1 ? _("A merge left one "
	    "answer that both sides changed.") : _("A merge left answers "
	    "that both sides changed."), ask, 1, _("Later"),
	    _("Merge conflicts")) < 0)
		return;
	while (review_nconflicts(a->s.d) > 0 && resolve_one(a, 0, done, n) == 0)
		done++;
	if (done > 0)
		app_message(a, SCR_MESSAGE, ngettext("%zu conflict resolved; s "
		    "saves.", "%zu conflicts resolved; s saves.", done), done);
}
