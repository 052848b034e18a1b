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
#include "core/pattern.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/loop.h"
#include "tui/dialog.h"
#include "tui/edit.h"
#include "tui/extedit.h"

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
	app_message(a, SCR_ERROR, "Not editable here: the locale is not "
	    "UTF-8, so this answer cannot be shown.");
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

	if (v != NULL && v->kind == YT_SCALAR && strcmp(v->str, text) == 0)
		return;
	if ((v == NULL || !dossier_filled(v)) && *text == '\0' &&
	    dossier_na_reason(v) == NULL)
		return;
	replace_answer(a, f, rec, xasprintf("change \"%.60s\"", f->label),
	    *text != '\0' ? yt_scalar(text) : NULL);
}

static void
commit_node(struct app *a, const struct tmpl_field *f, size_t rec,
    struct ynode *val)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);

	if ((v == NULL && val == NULL) ||
	    (v != NULL && val != NULL && yt_equal(v, val))) {
		yt_free(val);
		return;
	}
	replace_answer(a, f, rec, xasprintf("change \"%.60s\"", f->label),
	    val);
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
		return "Empty clears the answer.";
	if (strlen(s) < 10) {
		*ok = 0;
		return "Type the date as YYYY-MM-DD, for example 2026-02-03.";
	}
	if (!validate_is_date(s)) {
		*ok = 0;
		return "Not a real date: use YYYY-MM-DD.";
	}
	(void)c;
	return "A valid date.";
}

static const char *
check_integer(struct check_ctx *c, const char *s, int *ok)
{
	const struct tmpl_field *f = c->f;
	long long n;
	char *end;

	if (*s == '\0')
		return "Empty clears the answer.";
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || end == s) {
		*ok = 0;
		return "Type a whole number.";
	}
	if ((f->has_min && n < f->min) || (f->has_max && n > f->max)) {
		*ok = 0;
		if (f->has_min && f->has_max)
			snprintf(c->buf, sizeof c->buf, "Must be between %lld "
			    "and %lld.", f->min, f->max);
		else if (f->has_min)
			snprintf(c->buf, sizeof c->buf, "Must be at least "
			    "%lld.", f->min);
		else
			snprintf(c->buf, sizeof c->buf, "Must be at most "
			    "%lld.", f->max);
		return c->buf;
	}
	return "A valid number.";
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
		return "A path relative to the dossier's folder, e.g. "
		    "evidence/report.pdf.";
	if (s[0] == '/' || strncmp(s, "../", 3) == 0 || strncmp(s, "~/", 2) == 0)
		return "Outside the dossier's folder: Enter offers to copy it "
		    "into evidence/, so it travels with the dossier.";
	slash = path != NULL ? strrchr(path, '/') : NULL;
	full = slash != NULL ? xasprintf("%.*s/%s", (int)(slash - path), path,
	    s) : xstrdup(s);
	found = stat(full, &st) == 0 && S_ISREG(st.st_mode);
	free(full);
	return found ? "Found: the file exists." : "Not found beside the "
	    "dossier yet (you can still enter it; it is reported until it "
	    "exists).";
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
		return f->pattern_message != NULL ? f->pattern_message :
		    "Does not have the expected form.";
	}
	if (f->min_length > 0 && chars < (size_t)f->min_length) {
		snprintf(c->buf, sizeof c->buf, "%zu characters; at least "
		    "%ld expected.", chars, f->min_length);
		return c->buf;
	}
	if (f->max_length >= 0 && chars > (size_t)f->max_length) {
		*ok = 0;
		snprintf(c->buf, sizeof c->buf, "%zu characters; at most %ld "
		    "allowed.", chars, f->max_length);
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
		[TMPL_TEXT] = "Your answer",
		[TMPL_LONGTEXT] = "Your answer",
		[TMPL_CHOICE] = "Choose one",
		[TMPL_MULTICHOICE] = "Tick all that apply",
		[TMPL_YESNO] = "Yes or no",
		[TMPL_DATE] = "A date",
		[TMPL_INTEGER] = "A whole number",
		[TMPL_VERSION] = "A version",
		[TMPL_FILE] = "A file beside the dossier",
		[TMPL_GROUP] = "Records",
	};

	if ((size_t)f->type < sizeof titles / sizeof titles[0] &&
	    titles[f->type] != NULL)
		return titles[f->type];
	return tmpl_type_name(f->type);
}

/* The help and the example, kept in view while typing. */
static char *
guide_text(const struct tmpl_field *f)
{
	return xasprintf("%s%s%s%s", f->help != NULL ? f->help : "",
	    f->help != NULL && f->example != NULL ? "\n" : "",
	    f->example != NULL ? "Example: " : "",
	    f->example != NULL ? f->example : "");
}

static char *
prompt_text(const struct tmpl_field *f)
{
	char *g = guide_text(f), *s;

	s = xasprintf("%s%s%s", f->label, *g != '\0' ? "\n" : "", g);
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
	static const char *const buttons[] = { "c:Copy it into evidence/",
	    "k:Keep the path as typed" };
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
	text = xasprintf("%s is outside the dossier's folder, so it would not "
	    "travel with the dossier.  Copy it to evidence/%s and answer "
	    "with that path?", typed, name);
	c = dlg_choose("A file from elsewhere", text, buttons, 2, "Go back",
	    NULL);
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
		app_message(a, SCR_ERROR, "Not copied: %s: %s.  The answer "
		    "keeps the path as typed.", errno == EEXIST ? rel : to,
		    errno == EEXIST ? "a file of that name is there already" :
		    strerror(errno));
		free(rel);
		rel = typed;
		typed = NULL;
	} else {
		app_message(a, SCR_OK, "Copied %s to %s.", typed, rel);
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
	static const char *const buttons[] = { "d:Discard my changes" };

	return dlg_choose("Discard changes?", "Leave the editor and "
	    "forget what you typed?", buttons, 1, "Go on editing",
	    "Discard changes? d discards, Esc goes back.") == 0;
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
	const char *st;
	char *s, *guide = guide_text(l->f), *ex = NULL;

	dlg_frame(h, w, l->f->label, &y, &x);
	/* The help and the example stay in view above the box; when room is
	 * short, the help is cut and the example kept whole. */
	if (*guide != '\0') {
		int room = (h - 5) / 3, er = 0;

		if (l->f->example != NULL) {
			ex = xasprintf("Example: %s", l->f->example);
			er = dlg_para_rows(ex, w - 4);
			if (er > room)
				er = room;
		}
		if (l->f->help != NULL)
			gh = dlg_para(y + 1, x + 2, w - 4, room - er,
			    l->f->help, scr_attr(SCR_DIM));
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
	loop_push(&long_ops, &l, KC_TEXT, "Enlarge the window to go on "
	    "typing; Esc cancels.");
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

static int
pick_choice(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const char *cur = current_text(a, f, rec);
	size_t i, initial = 0;
	char *text;
	int c;

	for (i = 0; i < f->options.n; i++)
		if (strcmp(f->options.v[i], cur) == 0)
			initial = i;
	text = prompt_text(f);
	c = dlg_pick(dialog_title(f), text,
	    (const char *const *)f->options.v, f->options.n, initial, NULL);
	free(text);
	if (c >= 0)
		commit(a, f, rec, f->options.v[c]);
	return c >= 0;
}

static int
pick_multi(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	unsigned char *sel = xcalloc(f->options.n, 1);
	struct ynode *list = NULL;
	char *text;
	size_t i, j;
	int c;

	for (i = 0; v != NULL && v->kind == YT_SEQ && i < v->n; i++)
		for (j = 0; j < f->options.n; j++)
			if (yt_is_scalar(v->vals[i], f->options.v[j]))
				sel[j] = 1;
	text = prompt_text(f);
	c = dlg_pick(dialog_title(f), text,
	    (const char *const *)f->options.v, f->options.n, 0, sel);
	free(text);
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
	char *text = prompt_text(f);
	int c;

	c = dlg_pick(dialog_title(f), text, items, 2,
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
	app_message(a, SCR_MESSAGE, "%s: %s  (y yes, n no, Space switches, "
	    "u undoes)", f->label, v);
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
		app_message(a, SCR_MESSAGE, "A list inside a record is edited "
		    "in the YAML file.");
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
		app_message(a, SCR_MESSAGE, "e opens text answers in your "
		    "editor; press Enter to answer this question.");
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
		return "Empty removes the \"not applicable\" mark.";
	*ok = 0;
	return "A reason is required.";
}

void
app_not_applicable(struct app *a, const struct tmpl_field *f, size_t rec)
{
	struct check_ctx c = { a, f, rec, "" };
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	const char *reason = dossier_na_reason(v);
	char *text, *s;

	if (!app_writable(a))
		return;
	if (!f->allow_na) {
		app_message(a, SCR_ERROR, "This question cannot be marked not "
		    "applicable: the template needs an answer.");
		return;
	}
	text = xasprintf("Why does \"%s\" not apply to your device?  The "
	    "reason is required and goes into the checklist.%s", f->label,
	    dossier_filled(v) ? "  This replaces the current answer (u "
	    "undoes it)." : "");
	s = dlg_prompt("Not applicable", text, reason != NULL ? reason :
	    "", EDIT_ANY, check_reason, &c);
	free(text);
	if (s == NULL)
		return;
	replace_answer(a, f, rec, xasprintf("mark \"%.60s\" not applicable",
	    f->label), *s != '\0' ? dossier_na_value(s) : NULL);
	free(s);
}

void
app_clear(struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);

	if (v == NULL) {
		app_message(a, SCR_MESSAGE, "Nothing to clear.");
		return;
	}
	if (f->type == TMPL_GROUP && a->level == APP_FIELDS &&
	    dossier_nrecords(a->s.d, f) > 0) {
		app_message(a, SCR_MESSAGE, "Open the list (Enter) to delete "
		    "records one by one.");
		return;
	}
	if (!app_writable(a))
		return;
	replace_answer(a, f, rec, xasprintf("clear \"%.60s\"", f->label),
	    NULL);
	app_message(a, SCR_MESSAGE, "Cleared; u brings the answer back.");
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
		app_message(a, SCR_MESSAGE, f->start_from != NULL ? "The "
		    "answer this one may start from (%s) is not given yet." :
		    "This question names no other answer to start from.",
		    f->start_from);
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
			app_message(a, SCR_MESSAGE, "\"%s\" is not one of this "
			    "question's options.", yt_str(v));
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
