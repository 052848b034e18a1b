/*
 * Editing one answer, by field type: a line with checks as you type
 * (text, version, date, integer, evidence file), a multi-line editor for
 * long text (and the user's own editor), pickers for choices, a toggle for
 * yes/no, and "not applicable" with its reason.  Every answer reaches the
 * dossier through commit(), which makes it one undoable change.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hset.h"
#include "core/lang.h"
#include "core/pattern.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/loop.h"
#include "tui/dialog.h"
#include "tui/edit.h"
#include "tui/extedit.h"

/* What the person reads of the question: its label in the language shown. */
static const char *
label_of(const struct tmpl_field *f)
{
	return tmpl_field_text(f, TMPL_TR_LABEL, lang_current());
}

/*
 * The label for an undo description: at most 60 characters, cut at a
 * character's start (a byte count would split a Chinese character).
 */
static char *
short_label(const struct tmpl_field *f)
{
	const char *s = label_of(f);
	size_t i, chars = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == 60)
			break;
	return xasprintf("%.*s", (int)i, s);
}

/* The answer as text to edit: "" for none and for "not applicable". */
static const char *
current_text(const struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);

	return v != NULL && v->kind == YT_SCALAR ? v->str : "";
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * In a non-UTF-8 locale, text with other characters is shown as
 * placeholders and must not be edited: it would come back re-encoded.
 */
static int
editable(struct app *a, const char *text)
{
	if (!app_writable(a))
		return 0;
	if (scr_utf8() || is_ascii(text))
		return 1;
	app_message(a, SCR_ERROR, "%s", _("Not editable here: the locale is "
	    "not UTF-8, so this answer cannot be shown."));
	return 0;
}

/*
 * Every edit of one answer: undo names it by what, re-validation is told
 * which answer changed, and answers that stop applying are looked for.
 * val (owned; NULL clears) replaces the answer.
 */
static void
replace_answer(struct app *a, const struct tmpl_field *f, size_t rec,
    char *what, struct ynode *val)
{
	app_change_begin(a, what, 1);
	app_change_at(a, f, rec);
	yt_free(dossier_put(a->s.d, f, rec, val));
	app_change_end(a);
	free(what);
}

static void
commit(struct app *a, const struct tmpl_field *f, size_t rec,
    const char *text)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	char *l;

	if (v != NULL && v->kind == YT_SCALAR && strcmp(v->str, text) == 0)
		return;
	if ((v == NULL || !dossier_filled(v)) && *text == '\0' &&
	    dossier_na_reason(v) == NULL)
		return;
	l = short_label(f);
	/* TRANSLATORS: an undo description, shown after "Undone: "; %s is
	 * the question's label. */
	replace_answer(a, f, rec, xasprintf(_("change \"%s\""), l),
	    *text != '\0' ? yt_scalar(text) : NULL);
	free(l);
}

static void
commit_node(struct app *a, const struct tmpl_field *f, size_t rec,
    struct ynode *val)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	char *l;

	if ((v == NULL && val == NULL) ||
	    (v != NULL && val != NULL && yt_equal(v, val))) {
		yt_free(val);
		return;
	}
	l = short_label(f);
	replace_answer(a, f, rec, xasprintf(_("change \"%s\""), l), val);
	free(l);
}

/* Checks as you type. */

struct check_ctx {
	struct app *a;
	const struct tmpl_field *f;
	size_t rec;
	char buf[512];
};

static const char *
check_date(struct check_ctx *c, const char *s, int *ok)
{
	if (*s == '\0')
		return _("Empty clears the answer.");
	if (strlen(s) < 10) {
		*ok = 0;
		return _("Type the date as YYYY-MM-DD, for example "
		    "2026-02-03.");
	}
	if (!validate_is_date(s)) {
		*ok = 0;
		return _("Not a real date: use YYYY-MM-DD.");
	}
	(void)c;
	return _("A valid date.");
}

static const char *
check_integer(struct check_ctx *c, const char *s, int *ok)
{
	const struct tmpl_field *f = c->f;
	long long n;
	char *end;

	if (*s == '\0')
		return _("Empty clears the answer.");
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || end == s) {
		*ok = 0;
		return _("Type a whole number.");
	}
	if ((f->has_min && n < f->min) || (f->has_max && n > f->max)) {
		*ok = 0;
		if (f->has_min && f->has_max)
			snprintf(c->buf, sizeof c->buf, _("Must be between "
			    "%lld and %lld."), f->min, f->max);
		else if (f->has_min)
			snprintf(c->buf, sizeof c->buf, _("Must be at least "
			    "%lld."), f->min);
		else
			snprintf(c->buf, sizeof c->buf, _("Must be at most "
			    "%lld."), f->max);
		return c->buf;
	}
	return _("A valid number.");
}

static const char *
check_file(struct check_ctx *c, const char *s, int *ok)
{
	const char *path = c->a->s.d->path, *slash;
	struct stat st;
	char *full;
	int found;

	(void)ok;
	if (*s == '\0')
		return _("A path relative to the dossier's folder, e.g. "
		    "evidence/report.pdf.");
	if (s[0] == '/' || strncmp(s, "../", 3) == 0 || strncmp(s, "~/", 2) == 0)
		return _("Outside the dossier's folder: Enter offers to copy "
		    "it into evidence/, so it travels with the dossier.");
	slash = path != NULL ? strrchr(path, '/') : NULL;
	full = slash != NULL ? xasprintf("%.*s/%s", (int)(slash - path), path,
	    s) : xstrdup(s);
	found = stat(full, &st) == 0 && S_ISREG(st.st_mode);
	free(full);
	return found ? _("Found: the file exists.") : _("Not found beside "
	    "the dossier yet (you can still enter it; it is reported until it "
	    "exists).");
}

static const char *
check_text(struct check_ctx *c, const char *s, int *ok)
{
	const struct tmpl_field *f = c->f;
	size_t chars = 0;
	const char *p;

	for (p = s; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	/* What check would call an error is not taken: Esc keeps the old. */
	if (f->pattern != NULL && *s != '\0' &&
	    pattern_match(f->pattern, s, strlen(s)) == PATTERN_NO_MATCH) {
		if (f->severity == TMPL_ERROR)
			*ok = 0;
		return f->pattern_message != NULL ? tmpl_field_text(f,
		    TMPL_TR_PATTERN_MESSAGE, lang_current()) :
		    _("Does not have the expected form.");
	}
	/* The count typed decides the plural; the limit is in a sentence
	 * of its own so that each number has its own plural form. */
	if (f->min_length > 0 && chars < (size_t)f->min_length) {
		snprintf(c->buf, sizeof c->buf, ngettext("%zu character; at "
		    "least %ld expected.", "%zu characters; at least %ld "
		    "expected.", chars), chars, f->min_length);
		return c->buf;
	}
	if (f->max_length >= 0 && chars > (size_t)f->max_length) {
		*ok = 0;
		snprintf(c->buf, sizeof c->buf, ngettext("%zu character; at "
		    "most %ld allowed.", "%zu characters; at most %ld allowed.",
		    chars), chars, f->max_length);
		return c->buf;
	}
	return NULL;
}

static const char *
check_any(void *ctx, const char *s, int *ok)
{
	struct check_ctx *c = ctx;

	switch (c->f->type) {
	case TMPL_DATE:
		return check_date(c, s, ok);
	case TMPL_INTEGER:
		return check_integer(c, s, ok);
	case TMPL_FILE:
		return check_file(c, s, ok);
	default:
		return check_text(c, s, ok);
	}
}

/* Dialog titles that say what to do, rather than the type's name. */
static const char *
dialog_title(const struct tmpl_field *f)
{
	static const char *const titles[] = {
		[TMPL_TEXT] = N_("Your answer"),
		[TMPL_LONGTEXT] = N_("Your answer"),
		[TMPL_CHOICE] = N_("Choose one"),
		[TMPL_MULTICHOICE] = N_("Tick all that apply"),
		[TMPL_YESNO] = N_("Yes or no"),
		[TMPL_DATE] = N_("A date"),
		[TMPL_INTEGER] = N_("A whole number"),
		[TMPL_VERSION] = N_("A version"),
		[TMPL_FILE] = N_("A file beside the dossier"),
		[TMPL_GROUP] = N_("Records"),
	};

	if ((size_t)f->type < sizeof titles / sizeof titles[0] &&
	    titles[f->type] != NULL)
		return _(titles[f->type]);
	return tmpl_type_name(f->type);
}

/* "Example: ..." in the language shown, or NULL when there is none. */
static char *
example_text(const struct tmpl_field *f)
{
	const char *ex = tmpl_field_text(f, TMPL_TR_EXAMPLE, lang_current());

	/* TRANSLATORS: the line under a question's help; %s is an example
	 * answer taken from the template. */
	return ex != NULL ? xasprintf(_("Example: %s"), ex) : NULL;
}

/* The help and the example, kept in view while typing. */
static char *
guide_text(const struct tmpl_field *f)
{
	const char *help = tmpl_field_text(f, TMPL_TR_HELP, lang_current());
	char *ex = example_text(f), *s;

	s = xasprintf("%s%s%s", help != NULL ? help : "",
	    help != NULL && ex != NULL ? "\n" : "", ex != NULL ? ex : "");
	free(ex);
	return s;
}

static char *
prompt_text(const struct tmpl_field *f)
{
	char *g = guide_text(f), *s;

	s = xasprintf("%s%s%s", label_of(f), *g != '\0' ? "\n" : "", g);
	free(g);
	return s;
}

/* Evidence from elsewhere. */

/* A path that leaves the dossier's folder. */
static int
outside(const char *s)
{
	return s[0] == '/' || strncmp(s, "../", 3) == 0 ||
	    strncmp(s, "~/", 2) == 0 || strcmp(s, "..") == 0;
}

/* Copy from to a new file to (never over one): 0, or -1 with errno. */
static int
copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in, out, rc = 0, e;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) <
	    0) {
		e = errno;
		close(in);
		errno = e;
		return -1;
	}
	while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(out, buf, (size_t)n) != n)
			rc = -1;
	}
	e = errno;
	if (rc == 0 && fsync(out) < 0)
		rc = -1, e = errno;
	close(in);
	if (close(out) < 0 && rc == 0)
		rc = -1, e = errno;
	if (rc < 0) {
		unlink(to);
		errno = e;
	}
	return rc;
}

/*
 * A file from outside the dossier's folder would not travel with it:
 * offer to copy it into evidence/.  Returns the path to keep (owned;
 * took ownership of typed), or NULL when the user went back.
 */
static char *
offer_copy(struct app *a, const char *base, char *typed)
{
	/* TRANSLATORS: a button: the letter before the colon is the key
	 * that chooses it, the same in every language; keep "c:" and
	 * translate what follows.  dlg_choose shows the key beside it. */
	static const char *const buttons[] = { N_("c:Copy it into evidence/"),
	    N_("k:Keep the path as typed") };
	const char *home = getenv("HOME"), *name;
	char *from, *dir, *to, *rel, *text;
	struct stat st;
	int c;

	from = strncmp(typed, "~/", 2) == 0 && home != NULL ?
	    xasprintf("%s/%s", home, typed + 2) : typed[0] == '/' ?
	    xstrdup(typed) : xasprintf("%s/%s", base, typed);
	if (stat(from, &st) < 0 || !S_ISREG(st.st_mode)) {
		free(from);
		return typed;
	}
	name = strrchr(from, '/') != NULL ? strrchr(from, '/') + 1 : from;
	text = xasprintf(_("%s is outside the dossier's folder, so it would "
	    "not travel with the dossier.  Copy it to evidence/%s and answer "
	    "with that path?"), typed, name);
	c = dlg_choose(_("A file from elsewhere"), text, buttons, 2,
	    _("Go back"), NULL);
	free(text);
	if (c != 0) {
		free(from);
		if (c == 1)
			return typed;
		free(typed);
		return NULL;
	}
	dir = xasprintf("%s/evidence", base);
	to = xasprintf("%s/%s", dir, name);
	rel = xasprintf("evidence/%s", name);
	if ((mkdir(dir, 0755) < 0 && errno != EEXIST) ||
	    copy_file(from, to) < 0) {
		app_message(a, SCR_ERROR, _("Not copied: %s: %s.  The answer "
		    "keeps the path as typed."), errno == EEXIST ? rel : to,
		    errno == EEXIST ? _("a file of that name is there "
		    "already") : strerror(errno));
		free(rel);
		rel = typed;
		typed = NULL;
	} else {
		app_message(a, SCR_OK, _("Copied %s to %s."), typed, rel);
	}
	free(typed);
	free(from);
	free(dir);
	free(to);
	return rel;
}

static int
edit_line(struct app *a, const struct tmpl_field *f, size_t rec,
    const char *initial)
{
	struct check_ctx c = { a, f, rec, "" };
	enum edit_filter filter = f->type == TMPL_DATE ? EDIT_DATE :
	    f->type == TMPL_INTEGER ? EDIT_INTEGER : EDIT_ANY;
	char *text = prompt_text(f), *s, *base;

	if (f->type == TMPL_FILE) {
		base = a->path != NULL ? store_dirname(a->path) : xstrdup(".");
		s = dlg_prompt_path(dialog_title(f), text, initial != NULL ?
		    initial : current_text(a, f, rec), check_any, &c, base);
		if (s != NULL && outside(s))
			s = offer_copy(a, base, s);
		free(base);
	} else {
		s = dlg_prompt(dialog_title(f), text, initial != NULL ?
		    initial : current_text(a, f, rec), filter, check_any, &c);
	}
	if (s != NULL)
		commit(a, f, rec, s);
	free(text);
	if (s == NULL)
		return 0;
	free(s);
	return 1;
}

/* The long-text editor. */

static int
confirm_discard(void)
{
	/* TRANSLATORS: keep "d:", the key, as it is. */
	static const char *const buttons[] = { N_("d:Discard my changes") };

	return dlg_choose(_("Discard changes?"), _("Leave the editor and "
	    "forget what you typed?"), buttons, 1, _("Go on editing"),
	    _("Discard changes? d discards, Esc goes back.")) == 0;
}

/* The long-text editor as a layer (loop.h): returns the text. */
struct longed {
	struct app *a;
	const struct tmpl_field *f;
	struct edit e;
	char status[512];	/* the external editor's failure, a refusal */
	char *result;
};

static void
long_draw(void *arg)
{
	struct longed *l = arg;
	struct check_ctx c = { l->a, l->f, 0, "" };
	int y, x, h = LINES - 2, w = COLS - 4 > 100 ? 100 : COLS - 4, ok = 1;
	int gh = 0;
	const char *st, *help = tmpl_field_text(l->f, TMPL_TR_HELP,
	    lang_current());
	char *s, *guide = guide_text(l->f), *ex = NULL;

	dlg_frame(h, w, label_of(l->f), &y, &x);
	/* The help and the example stay in view above the box; when room is
	 * short, the help is cut and the example kept whole. */
	if (*guide != '\0') {
		int room = (h - 5) / 3, er = 0;

		ex = example_text(l->f);
		if (ex != NULL) {
			er = dlg_para_rows(ex, w - 4);
			if (er > room)
				er = room;
		}
		if (help != NULL)
			gh = dlg_para(y + 1, x + 2, w - 4, room - er, help,
			    scr_attr(SCR_DIM));
		if (ex != NULL)
			gh += dlg_para(y + 1 + gh, x + 2, w - 4, er, ex,
			    scr_attr(SCR_DIM));
		scr_hline(stdscr, y + 1 + gh, x + 1, w - 2,
		    scr_attr(SCR_BORDER));
		gh++;
	}
	free(guide);
	free(ex);
	s = edit_text(&l->e);
	st = l->status[0] != '\0' ? l->status : check_text(&c, s, &ok);
	free(s);
	scr_text(stdscr, y + h - 3, x + 2, w - 4, st != NULL ? st : "",
	    scr_attr(l->status[0] != '\0' || !ok ? SCR_ERROR : SCR_INFO));
	dlg_hint(y + h - 2, x + 2, w - 4, KC_TEXT, 0);
	edit_draw(&l->e, stdscr, y + 1 + gh, x + 2, h - 5 - gh, w - 4,
	    scr_attr(SCR_INPUT));
	curs_set(1);
}

static void
long_external(struct edit *e, char *status, size_t size)
{
	char *s = edit_text(e), *out;

	if (extedit_run(s, &out, status, size) == 0) {
		edit_set(e, out);
		e->changed = 1;
		status[0] = '\0';
		free(out);
	}
	free(s);
}

static enum loop_reply
long_key(void *arg, int key, unsigned ctx)
{
	struct longed *l = arg;
	struct check_ctx c = { l->a, l->f, 0, "" };
	int ok = 1;

	switch (keys_lookup(ctx, key)) {
	case KA_DONE:
		l->result = edit_text(&l->e);
		if (check_text(&c, l->result, &ok) != NULL && !ok) {
			free(l->result);
			l->result = NULL;
			beep();
			return LOOP_HANDLED;
		}
		return LOOP_CLOSE;
	case KA_CANCEL:
		return !l->e.changed || confirm_discard() ? LOOP_CLOSE :
		    LOOP_HANDLED;
	case KA_EXTEDIT:
		long_external(&l->e, l->status, sizeof l->status);
		return LOOP_HANDLED;
	default:
		break;
	}
	l->status[0] = '\0';
	if (edit_key(&l->e, key, l->e.boxh) == EDIT_REFUSED) {
		snprintf(l->status, sizeof l->status, "%s",
		    edit_refusal(&l->e));
		beep();
	}
	return LOOP_HANDLED;
}

static const struct layer_ops long_ops = { long_draw, long_key, NULL };

static int
edit_long(struct app *a, const struct tmpl_field *f, size_t rec,
    const char *initial)
{
	struct longed l;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.f = f;
	edit_init(&l.e, initial != NULL ? initial : current_text(a, f, rec), 1,
	    EDIT_ANY);
	loop_push(&long_ops, &l, KC_TEXT, _("Enlarge the window to go on "
	    "typing; Esc cancels."));
	loop_run();
	curs_set(0);
	edit_free(&l.e);
	if (l.result == NULL)
		return 0;
	commit(a, f, rec, l.result);
	free(l.result);
	return 1;
}

/* Choices. */

/*
 * The options as the person reads them, in the language shown (the array
 * is the caller's to free, the strings the template's).  The answer
 * stored is always the option's id, options.v[i], whatever is shown.
 */
static const char **
option_texts(const struct tmpl_field *f)
{
	const char **v = xcalloc(f->options.n, sizeof *v);
	size_t i;

	for (i = 0; i < f->options.n; i++)
		v[i] = tmpl_option_text(f, i, lang_current());
	return v;
}

static int
pick_choice(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const char *cur = current_text(a, f, rec);
	const char **shown = option_texts(f);
	size_t i, initial = 0;
	char *text;
	int c;

	for (i = 0; i < f->options.n; i++)
		if (strcmp(f->options.v[i], cur) == 0)
			initial = i;
	text = prompt_text(f);
	c = dlg_pick(dialog_title(f), text, shown, f->options.n, initial,
	    NULL);
	free(text);
	free(shown);
	if (c >= 0)
		commit(a, f, rec, f->options.v[c]);
	return c >= 0;
}

static int
pick_multi(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	unsigned char *sel = xcalloc(f->options.n, 1);
	const char **shown = option_texts(f);
	struct ynode *list = NULL;
	char *text;
	size_t i, j;
	int c;

	for (i = 0; v != NULL && v->kind == YT_SEQ && i < v->n; i++)
		for (j = 0; j < f->options.n; j++)
			if (yt_is_scalar(v->vals[i], f->options.v[j]))
				sel[j] = 1;
	text = prompt_text(f);
	c = dlg_pick(dialog_title(f), text, shown, f->options.n, 0, sel);
	free(text);
	free(shown);
	if (c == 0) {
		for (j = 0; j < f->options.n; j++) {
			if (!sel[j])
				continue;
			if (list == NULL)
				list = yt_seq();
			yt_append(list, yt_scalar(f->options.v[j]));
		}
		/* Items that are not options are kept, after the options. */
		for (i = 0; v != NULL && v->kind == YT_SEQ && i < v->n; i++) {
			for (j = 0; j < f->options.n; j++)
				if (yt_is_scalar(v->vals[i], f->options.v[j]))
					break;
			if (j < f->options.n)
				continue;
			if (list == NULL)
				list = yt_seq();
			yt_append(list, yt_clone(v->vals[i]));
		}
		commit_node(a, f, rec, list);
	}
	free(sel);
	return c == 0;
}

static int
is_yes(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "true") == 0;
}

/* Enter on yes/no: both answers, the current one highlighted. */
static int
pick_yesno(struct app *a, const struct tmpl_field *f, size_t rec)
{
	static const char *const items[] = { "yes", "no" };
	const char *cur = current_text(a, f, rec);
	const char *shown[2];
	char *text = prompt_text(f);
	int c;

	/* Shown in the language; the answer stored is items[c]. */
	shown[0] = _("yes");
	shown[1] = _("no");
	c = dlg_pick(dialog_title(f), text, shown, 2,
	    *cur != '\0' && !is_yes(cur) ? 1 : 0, NULL);
	free(text);
	if (c >= 0)
		commit(a, f, rec, items[c]);
	return c >= 0;
}

int
app_answer_yesno(struct app *a, const struct tmpl_field *f, size_t rec,
    enum key_action act)
{
	const char *cur = current_text(a, f, rec), *v;

	if (f->type != TMPL_YESNO || !editable(a, cur))
		return 0;
	if (act == KA_YES)
		v = "yes";
	else if (act == KA_NO)
		v = "no";
	else
		v = is_yes(cur) ? "no" : "yes";
	/* Before commit: a question about answers that stop applying wins. */
	/* TRANSLATORS: the message line after y, n or Space on a yes/no
	 * question: the question's label, then the new answer ("yes" or
	 * "no", translated).  y, n, Space and u are key names. */
	app_message(a, SCR_MESSAGE, _("%s: %s  (y yes, n no, Space switches, "
	    "u undoes)"), label_of(f), _(v));
	commit(a, f, rec, v);
	return 1;
}

int
app_edit(struct app *a, const struct tmpl_field *f, size_t rec)
{
	if (!editable(a, current_text(a, f, rec)))
		return 0;
	switch (f->type) {
	case TMPL_LONGTEXT:
		return edit_long(a, f, rec, NULL);
	case TMPL_CHOICE:
		return pick_choice(a, f, rec);
	case TMPL_MULTICHOICE:
		return pick_multi(a, f, rec);
	case TMPL_YESNO:
		return pick_yesno(a, f, rec);
	case TMPL_GROUP:
		app_message(a, SCR_MESSAGE, "%s", _("A list inside a record is "
		    "edited in the YAML file."));
		return 0;
	default:
		return edit_line(a, f, rec, NULL);
	}
}

void
app_edit_external(struct app *a, const struct tmpl_field *f, size_t rec)
{
	char why[512], *out;

	if (f->type != TMPL_LONGTEXT && f->type != TMPL_TEXT) {
		app_message(a, SCR_MESSAGE, "%s", _("e opens text answers in "
		    "your editor; press Enter to answer this question."));
		return;
	}
	if (!editable(a, current_text(a, f, rec)))
		return;
	if (extedit_run(current_text(a, f, rec), &out, why, sizeof why) < 0) {
		app_message(a, SCR_ERROR, "%s", why);
		return;
	}
	commit(a, f, rec, out);
	free(out);
}

static const char *
check_reason(void *ctx, const char *s, int *ok)
{
	struct check_ctx *c = ctx;

	if (*s != '\0')
		return NULL;
	if (dossier_na_reason(dossier_get(c->a->s.d, c->f, c->rec)) != NULL)
		return _("Empty removes the \"not applicable\" mark.");
	*ok = 0;
	return _("A reason is required.");
}

void
app_not_applicable(struct app *a, const struct tmpl_field *f, size_t rec)
{
	struct check_ctx c = { a, f, rec, "" };
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	const char *reason = dossier_na_reason(v);
	char *text, *s, *l;

	if (!app_writable(a))
		return;
	if (!f->allow_na) {
		app_message(a, SCR_ERROR, "%s", _("This question cannot be "
		    "marked not applicable: the template needs an answer."));
		return;
	}
	/* TRANSLATORS: %s is the question's label. */
	text = xasprintf(_("Why does \"%s\" not apply to your device?  The "
	    "reason is required and goes into the checklist."), label_of(f));
	if (dossier_filled(v)) {
		char *t = xasprintf("%s%s", text, _("  This replaces the "
		    "current answer (u undoes it)."));

		free(text);
		text = t;
	}
	s = dlg_prompt(_("Not applicable"), text, reason != NULL ? reason :
	    "", EDIT_ANY, check_reason, &c);
	free(text);
	if (s == NULL)
		return;
	l = short_label(f);
	/* TRANSLATORS: an undo description, shown after "Undone: ". */
	replace_answer(a, f, rec, xasprintf(_("mark \"%s\" not applicable"),
	    l), *s != '\0' ? dossier_na_value(s) : NULL);
	free(l);
	free(s);
}

void
app_clear(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	char *l;

	if (v == NULL) {
		app_message(a, SCR_MESSAGE, "%s", _("Nothing to clear."));
		return;
	}
	if (f->type == TMPL_GROUP && a->level == APP_FIELDS &&
	    dossier_nrecords(a->s.d, f) > 0) {
		app_message(a, SCR_MESSAGE, "%s", _("Open the list (Enter) to "
		    "delete records one by one."));
		return;
	}
	if (!app_writable(a))
		return;
	l = short_label(f);
	/* TRANSLATORS: an undo description, shown after "Undone: ". */
	replace_answer(a, f, rec, xasprintf(_("clear \"%s\""), l), NULL);
	free(l);
	app_message(a, SCR_MESSAGE, "%s", _("Cleared; u brings the answer "
	    "back."));
}

/*
 * Start from the answer of the question the template names (start_from):
 * text goes into the editor to be adapted (Esc keeps the answer as it
 * was); a choice or a yes/no is taken as it is when it is one of this
 * question's options.
 */
int
app_reuse(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct tmpl_field *src = app_start_source(a, f);
	const struct ynode *v;
	struct ynode *list = NULL;
	size_t i;

	if (src == NULL) {
		if (f->start_from != NULL)
			/* TRANSLATORS: %s is a question's id. */
			app_message(a, SCR_MESSAGE, _("The answer this one may "
			    "start from (%s) is not given yet."),
			    f->start_from);
		else
			app_message(a, SCR_MESSAGE, "%s", _("This question "
			    "names no other answer to start from."));
		return 0;
	}
	v = dossier_get(a->s.d, src, 0);
	if (!editable(a, current_text(a, f, rec)))
		return 0;
	switch (f->type) {
	case TMPL_LONGTEXT:
		return v->kind == YT_SCALAR ? edit_long(a, f, rec, v->str) : 0;
	case TMPL_CHOICE:
	case TMPL_YESNO:
		if (v->kind != YT_SCALAR || (f->type == TMPL_CHOICE &&
		    !hset_has(f->optset, v->str, strlen(v->str)))) {
			app_message(a, SCR_MESSAGE, _("\"%s\" is not one of "
			    "this question's options."), yt_str(v));
			return 0;
		}
		commit(a, f, rec, v->str);
		return 1;
	case TMPL_MULTICHOICE:
		for (i = 0; v->kind == YT_SEQ && i < v->n; i++)
			if (v->vals[i]->kind == YT_SCALAR &&
			    hset_has(f->optset, v->vals[i]->str,
			    strlen(v->vals[i]->str))) {
				if (list == NULL)
					list = yt_seq();
				yt_append(list, yt_clone(v->vals[i]));
			}
		commit_node(a, f, rec, list);
		return list != NULL;
	case TMPL_GROUP:
		return 0;
	default:
		return v->kind == YT_SCALAR ? edit_line(a, f, rec, v->str) : 0;
	}
}
