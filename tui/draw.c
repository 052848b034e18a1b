/*
 * The main screen, drawn from scratch every time: the top line (device,
 * file, unsaved mark, completeness), the section list with a mark per
 * section, the questions of the current section (or the records of a
 * group, or one record), the help for what has the focus, the findings
 * line and the key bar.  Statuses are symbols first and colours second.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/evidence.h"
#include "core/lang.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/loop.h"

void
app_geom(struct app_geom *g)
{
	g->left_w = COLS >= 110 ? 34 : 28;
	g->main_y = 1;
	g->keys_y = LINES - 1;
	g->find_y = LINES - 2;
	g->help_h = LINES >= 32 ? 6 : 4;
	g->help_y = g->find_y - g->help_h;
	g->main_h = g->help_y - 1 - g->main_y;
	g->right_x = g->left_w + 1;
	g->right_w = COLS - g->right_x - 1;
	g->list_y = g->main_y + 1;
	g->list_h = g->main_h - 1;
}

/* Marks: the status of core's one verdict, as a symbol. */

enum scr_mark
app_status_mark(enum checklist_status st)
{
	static const enum scr_mark marks[] = {
		[CHECKLIST_COMPLETE] = SCR_MARK_DONE,
		[CHECKLIST_OPTIONAL] = SCR_MARK_NONE,
		[CHECKLIST_NA] = SCR_MARK_NA,
		[CHECKLIST_INFO] = SCR_MARK_INFO,
		[CHECKLIST_WARNING] = SCR_MARK_WARNING,
		[CHECKLIST_MISSING] = SCR_MARK_OPEN,
		[CHECKLIST_ERROR] = SCR_MARK_ERROR,
	};

	return marks[st];
}

enum scr_mark
app_field_mark(const struct app *a, const struct tmpl_field *f, size_t rec)
{
	struct checklist_verdict v;

	if (a->s.r == NULL)
		return SCR_MARK_NONE;
	checklist_verdict(a->s.d, a->s.r, f, rec, &v);
	return app_status_mark(v.status);
}

static enum scr_mark
record_mark(const struct app *a, const struct tmpl_field *g, size_t rec)
{
	return app_status_mark(checklist_record_status(a->s.d, a->s.r, g, rec));
}

enum scr_mark
app_section_mark(const struct app *a, const struct tmpl_section *s)
{
	const struct section_status *ss;
	size_t i;

	if (a->s.r == NULL || (ss = report_section(a->s.r, s)) == NULL)
		return SCR_MARK_NONE;
	if (!ss->applies)
		return SCR_MARK_NA;
	for (i = 0; i < a->s.r->n; i++)
		if (a->s.r->f[i].section == s && a->s.r->f[i].sev == TMPL_ERROR &&
		    a->s.r->f[i].kind != FIND_MISSING)
			return SCR_MARK_ERROR;
	return ss->complete < ss->required ? SCR_MARK_OPEN : SCR_MARK_DONE;
}

/* Values. */

/*
 * A stored value as the person reads it: a choice's option in the
 * current language (the file keeps the option's English id), yes and no
 * in words; anything else as stored.
 */
static const char *
shown_value(const struct tmpl_field *f, const char *val)
{
	size_t i;

	if (f->type == TMPL_YESNO)
		return strcmp(val, "yes") == 0 ? _("yes") :
		    strcmp(val, "no") == 0 ? _("no") : val;
	if (f->type != TMPL_CHOICE && f->type != TMPL_MULTICHOICE)
		return val;
	for (i = 0; i < f->options.n; i++)
		if (strcmp(f->options.v[i], val) == 0)
			return tmpl_option_text(f, i, lang_current());
	return val;
}

static char *
join_items(const struct tmpl_field *f, const struct ynode *v)
{
	size_t i, len = 1;
	const char *t;
	char *s;

	for (i = 0; i < v->n; i++)
		if (v->vals[i]->kind == YT_SCALAR)
			len += strlen(shown_value(f, v->vals[i]->str)) + 2;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < v->n; i++) {
		if (v->vals[i]->kind != YT_SCALAR)
			continue;
		t = shown_value(f, v->vals[i]->str);
		if (s[0] != '\0')
			strcat(s, ", ");
		strcat(s, t);
	}
	return s;
}

char *
app_summary(const struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct ynode *v = dossier_get(a->s.d, f, rec);
	const char *na = dossier_na_reason(v), *nl;

	if (na != NULL)
		return xasprintf(_("n/a: %s"), na);
	if (v == NULL || !dossier_filled(v))
		return xstrdup("");
	if (v->kind == YT_SEQ && f->type == TMPL_GROUP)
		return xasprintf(ngettext("%zu record", "%zu records", v->n),
		    v->n);
	if (v->kind == YT_SEQ)
		return join_items(f, v);
	if (v->kind != YT_SCALAR)
		return xstrdup(_("(structured value)"));
	nl = strchr(v->str, '\n');
	if (nl != NULL)
		return xasprintf("%.*s \u2026", (int)(nl - v->str), v->str);
	return xstrdup(shown_value(f, v->str));
}

/* Drawing. */

/* Where the focus is: "Section 4 of 21, question 3 of 9". */
static void
position(const struct app *a, char *buf, size_t size)
{
	size_t i, sec = 0, nsec = 0, q = 0, nq = 0, n;
	int len;

	for (i = 0; i < a->nitems; i++)
		if (a->items[i].s != NULL) {
			nsec++;
			if (i == a->sec)
				sec = nsec;
		}
	/* TRANSLATORS: the start of the top line's "where you are"; the
	 * parts below follow it. */
	len = snprintf(buf, size, _("Section %zu of %zu"), sec, nsec);
	if (a->pane == 0 || len < 0 || (size_t)len >= size)
		return;
	n = a->level != APP_FIELDS ? dossier_nrecords(a->s.d, a->group) : 0;
	if (a->level != APP_FIELDS && n == 0)
		len += snprintf(buf + len, size - (size_t)len, "%s",
		    _(", no records"));
	else if (a->level != APP_FIELDS)
		len += snprintf(buf + len, size - (size_t)len,
		    _(", record %zu of %zu"), (a->level == APP_GROUP ?
		    a->cur[APP_GROUP] : a->rec) + 1, n);
	if (a->level == APP_GROUP || (size_t)len >= size)
		return;
	/* Questions that are asked: the ones the cursor can reach. */
	n = app_rows(a);
	for (i = 0; i < n; i++)
		if (app_row_asked(a, i)) {
			nq++;
			if (i <= a->cur[a->level])
				q = nq;
		}
	snprintf(buf + len, size - (size_t)len, _(", question %zu of %zu"),
	    q, nq);
}

static void
draw_title(struct app *a)
{
	const char *name = a->s.d != NULL ? dossier_device(a->s.d, "name") : NULL;
	const char *sep = scr_utf8() ? "\u2502" : "|", *head;
	char tail[512], right[192], pos[96];
	int attr = scr_attr(SCR_TITLE), rw, x, room, want, keep;

	scr_fill(stdscr, 0, 0, COLS, attr);
	right[0] = '\0';
	if (a->s.r != NULL && a->nitems > 0) {
		position(a, pos, sizeof pos);
		/* TRANSLATORS: where you are, a bar, the percentage. */
		snprintf(right, sizeof right, _("%s %s %d%% complete "), pos,
		    sep, report_percent(a->s.r));
	}
	snprintf(tail, sizeof tail, " %s %s%s", sep, app_filename(a),
	    a->readonly != NULL ? _(" [read-only]") : app_dirty(a) ?
	    _(" [unsaved]") : "");
	rw = scr_width(right);
	/*
	 * Narrow: the percentage's word goes first, then the percentage,
	 * then where we are, so that the device's name keeps some room (14
	 * columns; 6 inside a record, where the position is longest).
	 */
	keep = a->pane == 1 && a->level == APP_RECORD ? 6 : 14;
	want = name != NULL && scr_width(name) < keep ? scr_width(name) : keep;
	want += scr_width(tail) + 2;
	if (rw > COLS - want && a->s.r != NULL && a->nitems > 0) {
		snprintf(right, sizeof right, "%s %s %d%% ", pos, sep,
		    report_percent(a->s.r));
		rw = scr_width(right);
	}
	if (rw > COLS - want && a->s.r != NULL && a->nitems > 0) {
		snprintf(right, sizeof right, "%s ", pos);
		rw = scr_width(right);
	}
	if (rw > COLS - want && a->s.r != NULL) {
		snprintf(right, sizeof right, _("%d%% complete "),
		    report_percent(a->s.r));
		rw = scr_width(right);
	}
	/* The file and its state first; the device's name takes the rest. */
	room = COLS - rw - 1 - scr_width(tail);
	head = room >= 40 ? " dossier " : " ";
	x = scr_text(stdscr, 0, 0, room, head, attr);
	if (room >= 40)
		x += scr_text(stdscr, 0, x, room - x, sep, attr) +
		    scr_text(stdscr, 0, x + 1, room - x - 1, " ", attr);
	x += scr_text(stdscr, 0, x, room - x, name != NULL ? name :
	    _("(device not named yet: D)"), attr);
	scr_text(stdscr, 0, x, COLS - rw - 1 - x, tail, attr);
	scr_text(stdscr, 0, COLS - rw, rw, right, attr);
}

static char *
heading(const struct tmpl *t)
{
	char *s = xasprintf("%s:%s %s", t->id, t->edition,
	    tmpl_own_text(t, TMPL_TR_TITLE, lang_current())), *p;

	for (p = s; *p != '\0' && *p != ':'; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

static void
draw_mark(int y, int x, enum scr_mark m, int attr)
{
	int role = scr_attr(scr_mark_role(m));

	/* On the highlighted row the row's colours win; the symbol stays. */
	scr_text(stdscr, y, x, 1, scr_mark(m), attr == SCR_PLAIN ? role :
	    attr);
}

/*
 * A section title in w columns, abbreviated by one rule when it does not
 * fit (the full title is in the header when the section has the focus):
 * first the usual short forms of a few long words, then without small
 * words (and, of, the...), then words of more than seven letters (only
 * letters) cut after the last consonant of their first six, with a full
 * stop, longest first; what is still too long is cut with an ellipsis
 * where it is drawn.
 */
static const char *const short_forms[][2] = {
	{ "artificial intelligence", "AI" }, { "identification", "ident." },
	{ "classification", "class." }, { "cybersecurity", "cyber" },
	{ "documentation", "docs" }, { "verification", "verif." },
	{ "requirements", "reqs" }, { "information", "info" },
	{ "performance", "perf." }, { "development", "dev." },
	{ "description", "descr." }, { "management", "mgmt" },
	{ "evaluation", "eval." }, { "validation", "valid." },
	{ "continuous", "cont." }, { "operating system", "OS" },
	{ "appropriateness", "approp." }, { "software", "SW" },
};

static const char *const small_words[] = {
	"and", "of", "the", "for", "to", "a", "an", "in", "on", "with",
	"its", "or", "by",
};

/* Replace the whole words from with to in s (ASCII, any case). */
static void
replace_words(char *s, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	char *p = s;

	while (*p != '\0') {
		if ((p == s || p[-1] == ' ') && strncasecmp(p, from, fl) == 0 &&
		    (p[fl] == '\0' || p[fl] == ' ' || p[fl] == ',')) {
			memmove(p + tl, p + fl, strlen(p + fl) + 1);
			memcpy(p, to, tl);
			p += tl;
		} else {
			p++;
		}
	}
}

static int
all_letters(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isalpha((unsigned char)p[i]))
			return 0;
	return 1;
}

static char *
abbreviate(const char *title, int w)
{
	char *s = xstrdup(title), *p, *best;
	size_t i, len, blen, cut;

	if (scr_width(s) <= w)
		return s;
	for (i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
		replace_words(s, short_forms[i][0], short_forms[i][1]);
	for (i = 0; i < sizeof small_words / sizeof small_words[0] &&
	    scr_width(s) > w; i++) {
		/* Never the first word. */
		p = strchr(s, ' ');
		if (p == NULL)
			break;
		replace_words(p + 1, small_words[i], "");
		/* Close the gaps the words left. */
		while ((p = strstr(s, "  ")) != NULL)
			memmove(p, p + 1, strlen(p));
	}
	while (scr_width(s) > w) {
		best = NULL;
		blen = 7;
		for (p = s; *p != '\0'; p += len + (p[len] != '\0')) {
			len = strcspn(p, " ");
			if (len > blen && all_letters(p, len)) {
				best = p;
				blen = len;
			}
		}
		if (best == NULL)
			break;
		/* After the last consonant of the first six letters:
		 * "Qualification" is "Qualif.", "Principles" "Princ.". */
		for (cut = 6; cut > 1 && strchr("aeiouyAEIOUY",
		    best[cut - 1]) != NULL; cut--)
			;
		best[cut] = '.';
		memmove(best + cut + 1, best + blen, strlen(best + blen) + 1);
	}
	/* A short form at the start still starts with a capital. */
	if (isupper((unsigned char)title[0]))
		s[0] = (char)toupper((unsigned char)s[0]);
	return s;
}

static void
draw_section_row(struct app *a, const struct app_geom *g, int y, size_t i)
{
	const struct app_item *it = &a->items[i];
	const struct section_status *ss;
	char pct[32], *h;
	int attr = SCR_PLAIN, w = g->left_w - 1, pw;

	if (it->s == NULL) {
		h = heading(it->t);
		scr_text(stdscr, y, 0, w, h, scr_attr(SCR_HEADING));
		free(h);
		return;
	}
	if (i == a->sec)
		attr = scr_attr(a->pane == 0 ? SCR_CURSOR : SCR_CURSOR_IDLE);
	scr_fill(stdscr, y, 0, w, attr);
	draw_mark(y, 1, app_section_mark(a, it->s), attr);
	ss = report_section(a->s.r, it->s);
	if (ss != NULL && !ss->applies)
		/* TRANSLATORS: a section that does not apply, right-aligned
		 * after its title in the section list; at most 6 columns. */
		snprintf(pct, sizeof pct, "%s", _("n/a"));
	else
		snprintf(pct, sizeof pct, "%d%%",
		    ss != NULL ? section_percent(ss) : 0);
	/* The title takes what the mark is not, nor the figure by columns
	 * (a Chinese "n/a" is wider than "100%"), nor a space before it. */
	pw = scr_width(pct);
	if (pw > 6)
		pw = 6;
	h = abbreviate(tmpl_section_text(it->s, TMPL_TR_TITLE,
	    lang_current()), w - 4 - (pw > 4 ? pw : 4));
	scr_text(stdscr, y, 3, w - 4 - (pw > 4 ? pw : 4), h,
	    ss != NULL && !ss->applies ? attr | scr_attr(SCR_DIM) : attr);
	free(h);
	scr_text(stdscr, y, w - pw, pw, pct, attr);
}

struct pane_draw {
	struct app *a;
	const struct app_geom *g;
};

static void
section_row(void *arg, size_t i, int r, int focus)
{
	struct pane_draw *p = arg;

	(void)focus;
	draw_section_row(p->a, p->g, p->g->main_y + r, i);
}

static void
draw_sections(struct app *a, const struct app_geom *g)
{
	struct pane_draw p = { a, g };
	int rows = g->main_h - 1;
	char legend[128];

	list_scroll(a->sec, (size_t)rows, &a->sec_top);
	/* Show the template heading above the first section. */
	if (a->sec_top == 1 && a->sec < (size_t)rows)
		a->sec_top = 0;
	list_draw(a->sec, a->nitems, (size_t)rows, &a->sec_top, section_row,
	    &p);
	/* TRANSLATORS: the marks' legend under the section list; each %s
	 * is a one-column mark; at most 27 columns in all. */
	snprintf(legend, sizeof legend, _("%s done %s open %s fix %s n/a"),
	    scr_mark(SCR_MARK_DONE), scr_mark(SCR_MARK_OPEN),
	    scr_mark(SCR_MARK_ERROR), scr_mark(SCR_MARK_NA));
	scr_text(stdscr, g->main_y + rows, 0, g->left_w - 1, legend,
	    scr_attr(SCR_DIM));
	scr_vline(stdscr, g->main_y, g->left_w, g->main_h,
	    scr_attr(SCR_BORDER));
}

static void
draw_header(struct app *a, const struct app_geom *g)
{
	const struct tmpl_section *s = app_section(a);
	enum lang l = lang_current();
	const char *title = tmpl_section_text(s, TMPL_TR_TITLE, l),
	    *glabel;
	char *clause, *h;
	size_t n;
	int used;

	if (a->level == APP_FIELDS) {
		used = scr_text(stdscr, g->main_y, g->right_x + 1,
		    g->right_w - 1, title, scr_attr(SCR_HEADING));
		clause = validate_clause_text_lang(s->tmpl, s->clause, s->prov,
		    l);
		h = xasprintf("  %s%s", clause != NULL ? clause : "",
		    s->tmpl->draft ? _(" \u00b7 draft template") : "");
		scr_text(stdscr, g->main_y, g->right_x + 1 + used,
		    g->right_w - 1 - used, h, scr_attr(SCR_DIM));
		free(h);
		free(clause);
		return;
	}
	n = dossier_nrecords(a->s.d, a->group);
	glabel = tmpl_field_text(a->group, TMPL_TR_LABEL, l);
	/* Where we are first: the section title may not fit. */
	if (a->level == APP_GROUP)
		/* TRANSLATORS: a group's name, its number of records, and
		 * the section's title. */
		h = xasprintf(ngettext("%s: %zu record \u2014 %s",
		    "%s: %zu records \u2014 %s", n), glabel, n, title);
	else
		/* TRANSLATORS: a group's name, the record shown, how many
		 * there are, and the section's title. */
		h = xasprintf(_("%s \u203a record %zu of %zu \u2014 %s"),
		    glabel, a->rec + 1, n, title);
	scr_text(stdscr, g->main_y, g->right_x + 1, g->right_w - 1, h,
	    scr_attr(SCR_HEADING));
	free(h);
}

static char *
record_summary(const struct app *a, const struct tmpl_field *g, size_t rec)
{
	char *s = xstrdup(""), *v, *t;
	size_t i, shown = 0;

	for (i = 0; i < g->nfields && shown < 3; i++) {
		if (g->fields[i].type == TMPL_LONGTEXT && shown > 0)
			continue;
		v = app_summary(a, &g->fields[i], rec);
		if (*v != '\0') {
			t = xasprintf("%s%s%s", s, shown > 0 ? " \u00b7 " : "",
			    v);
			free(s);
			s = t;
			shown++;
		}
		free(v);
	}
	if (*s == '\0') {
		free(s);
		s = xstrdup(_("(empty record)"));
	}
	return s;
}

/* Rows of the question pane are two lines (label, answer), records one. */
int
app_row_height(const struct app *a)
{
	return a->level == APP_GROUP ? 1 : 2;
}

static void
draw_record(struct app *a, int y, int x, int w, size_t i, int attr)
{
	char num[24], *v;

	draw_mark(y, x, record_mark(a, a->group, i), attr);
	snprintf(num, sizeof num, "%zu.", i + 1);
	scr_text(stdscr, y, x + 2, 4, num, attr);
	v = record_summary(a, a->group, i);
	scr_text(stdscr, y, x + 6, w - 6, v, attr);
	free(v);
}

/*
 * A file answer's state against the evidence register, from a stat (no
 * hashing on screen); "" when there is nothing to say.
 */
static const char *
evidence_note(const struct app *a, const struct app_ref *ref)
{
	const struct ynode *v = dossier_get(a->s.d, ref->f, ref->rec);
	int reg = yt_get(yt_get(a->s.d->root, "evidence"), "files") != NULL;
	char *dir;
	enum evid_state st;

	if (ref->f->type != TMPL_FILE || yt_str(v) == NULL ||
	    !dossier_filled(v))
		return "";
	dir = a->path != NULL ? store_dirname(a->path) : xstrdup(".");
	st = evid_quick_state(a->s.d, dir, yt_str(v));
	free(dir);
	/*
	 * A copy or checkout gives files new times; only a hash could tell
	 * more, and the screen does not hash: the size matching is
	 * "recorded", check --verify says the rest.
	 */
	switch (st) {
	case EVID_OK:
	case EVID_TOUCHED:
		return reg ? _("  [recorded]") : "";
	case EVID_UNRECORDED:
		return reg ? _("  [not recorded]") : "";
	case EVID_CHANGED:
		return _("  [CHANGED since recorded]");
	case EVID_EMPTY:
		return _("  [empty]");
	case EVID_MISSING:
		return _("  [missing]");
	default:
		return _("  [not a file]");
	}
}

static char *
value_text(const struct app *a, const struct app_ref *ref)
{
	char *v = app_summary(a, ref->f, ref->rec), *t;
	const char *note;

	if (*v != '\0') {
		note = evidence_note(a, ref);
		if (*note == '\0')
			return v;
		t = xasprintf("%s%s", v, note);
		free(v);
		return t;
	}
	free(v);
	if (!validate_applies(a->s.d, ref->f, ref->rec))
		/* TRANSLATORS: around the reason a question is not asked
		 * (the two parts of "(not asked: REASON; w: why)"). */
		return app_unasked(a, ref, _("(not asked: "), _("; w: why)"));
	if (ref->f->type == TMPL_GROUP)
		return xstrdup(_("(no records yet: Enter opens the list)"));
	return xstrdup(_("(no answer yet)"));
}

static void
draw_row(struct app *a, const struct app_geom *g, int y, size_t i)
{
	struct app_ref ref = app_row(a, i);
	int focus = a->pane == 1 && i == a->cur[a->level];
	int attr = focus ? scr_attr(SCR_CURSOR) : SCR_PLAIN;
	int x = g->right_x + 1, w = g->right_w - 1, dim;
	enum scr_mark m;
	char *v;

	scr_fill(stdscr, y, x, w, attr);
	if (ref.f == NULL) {
		draw_record(a, y, x, w, i, attr);
		return;
	}
	scr_fill(stdscr, y + 1, x, w, attr);
	m = app_field_mark(a, ref.f, ref.rec);
	dim = focus ? attr : attr | scr_attr(SCR_DIM);
	draw_mark(y, x, m, attr);
	scr_text(stdscr, y, x + 2, w - 2, tmpl_field_text(ref.f,
	    TMPL_TR_LABEL, lang_current()), m == SCR_MARK_NA ? dim : attr);
	v = value_text(a, &ref);
	/* An empty answer shows what stands in for it, greyed, in any
	 * language (so not by its opening bracket). */
	scr_text(stdscr, y + 1, x + 4, w - 4, v, m == SCR_MARK_NA ||
	    !dossier_filled(dossier_get(a->s.d, ref.f, ref.rec)) ? dim :
	    attr);
	free(v);
}

static void
question_row(void *arg, size_t i, int r, int focus)
{
	struct pane_draw *p = arg;

	(void)focus;
	draw_row(p->a, p->g, p->g->list_y + r * app_row_height(p->a), i);
}

static void
draw_rows(struct app *a, const struct app_geom *g)
{
	struct pane_draw p = { a, g };
	size_t n = app_rows(a), *cur = &a->cur[a->level],
	    *top = &a->top[a->level], fit;
	int rh = app_row_height(a);

	fit = (size_t)(g->list_h / rh);
	if (*cur >= n)
		*cur = n > 0 ? n - 1 : 0;
	list_draw(*cur, n, fit, top, question_row, &p);
	if (n == 0 && a->level == APP_GROUP)
		scr_text(stdscr, g->list_y, g->right_x + 3, g->right_w - 3,
		    _("No records yet.  Press a to add one."),
		    scr_attr(SCR_DIM));
	/* More above or below: arrows on the divider. */
	if (*top > 0)
		scr_text(stdscr, g->list_y, g->left_w, 1, "^",
		    scr_attr(SCR_HEADING));
	if (*top + fit < n)
		scr_text(stdscr, g->list_y + (int)fit * rh - 1, g->left_w, 1,
		    "v", scr_attr(SCR_HEADING));
}

/*
 * The hint on the help separator: what the keys do on this row, from the
 * key table, less what this question does not take.
 */
static const char *
row_hint(const struct app *a, const struct app_ref *ref, char *buf,
    size_t size)
{
	unsigned long long skip = 0;
	const struct tmpl_field *f = ref->f;

	if (a->pane == 1 && a->level != APP_GROUP) {
		if (f == NULL)
			return "";
		if (!f->allow_na || f->type == TMPL_GROUP)
			skip |= KEYS_SKIP(KA_NA);
		if (f->type != TMPL_TEXT && f->type != TMPL_LONGTEXT)
			skip |= KEYS_SKIP(KA_EXTEDIT);
		if (f->type == TMPL_GROUP)
			skip |= KEYS_SKIP(KA_CLEAR);
		if (app_start_source(a, f) == NULL)
			skip |= KEYS_SKIP(KA_REUSE);
	}
	buf[0] = ' ';
	keys_hint(app_context(a), skip, buf + 1, size - 2);
	strcat(buf, " ");
	return buf;
}

/* A field's type as the help line names it (the template's own word in
 * English). */
static const char *
type_text(enum tmpl_type type)
{
	static const char *const names[] = {
		/* TRANSLATORS: the kinds of question, named on the line
		 * above a question's help. */
		[TMPL_TEXT] = N_("text"), [TMPL_LONGTEXT] = N_("longtext"),
		[TMPL_CHOICE] = N_("choice"),
		[TMPL_MULTICHOICE] = N_("multichoice"),
		[TMPL_YESNO] = N_("yesno"), [TMPL_DATE] = N_("date"),
		[TMPL_INTEGER] = N_("integer"), [TMPL_VERSION] = N_("version"),
		[TMPL_FILE] = N_("file"), [TMPL_GROUP] = N_("group"),
	};

	if ((size_t)type < sizeof names / sizeof names[0] &&
	    names[type] != NULL)
		return _(names[type]);
	return tmpl_type_name(type);
}

/* Clause, type, and whether it must be answered: core's verdict. */
static char *
field_facts(const struct app *a, const struct tmpl_field *f, size_t rec)
{
	const struct tmpl *t = (f->group != NULL ? f->group : f)->section->tmpl;
	char *clause = validate_clause_text_lang(t, tmpl_field_clause(f),
	    tmpl_field_prov(f), lang_current()), *s;
	struct checklist_verdict v;
	const char *req;

	checklist_verdict(a->s.d, a->s.r, f, rec, &v);
	req = !v.asked ? _("does not apply") : v.required ? _("required") :
	    v.status == CHECKLIST_ERROR ? _("optional, but fix or clear the "
	    "answer") : _("optional");
	s = xasprintf("%s \u00b7 %s \u00b7 %s%s", clause != NULL ? clause :
	    t->id, type_text(f->type), req, f->allow_na && v.asked ?
	    _(" \u00b7 may be marked not applicable") : "");
	free(clause);
	return s;
}

static void
draw_help(struct app *a, const struct app_geom *g)
{
	struct app_ref ref = { NULL, 0 };
	const struct tmpl_section *s = app_section(a);
	const struct tmpl_field *f, *src;
	const char *label, *help, *example;
	enum lang lg = lang_current();
	char *facts, *text, **l, hint[256], *reuse;
	size_t n, i;
	int y = g->help_y;

	if (a->pane == 1 && app_rows(a) > 0)
		ref = app_row(a, a->cur[a->level]);
	scr_hline(stdscr, g->help_y - 1, 0, COLS, scr_attr(SCR_BORDER));
	scr_text(stdscr, g->help_y - 1, 2, COLS - 4, row_hint(a, &ref, hint,
	    sizeof hint),
	    scr_attr(SCR_DIM));
	f = ref.f != NULL ? ref.f : a->level != APP_FIELDS ? a->group : NULL;
	if (f == NULL) {
		help = tmpl_section_text(s, TMPL_TR_HELP, lg);
		text = xasprintf("%s", help != NULL ? help : "");
	} else {
		facts = field_facts(a, f, ref.f != NULL ? ref.rec : a->rec);
		scr_text(stdscr, y++, 1, COLS - 2, facts, scr_attr(SCR_INFO));
		free(facts);
		/* The question in full when its row had to cut it. */
		label = tmpl_field_text(f, TMPL_TR_LABEL, lg);
		if (scr_width(label) <= g->right_w - 3)
			label = "";
		help = tmpl_field_text(f, TMPL_TR_HELP, lg);
		example = tmpl_field_text(f, TMPL_TR_EXAMPLE, lg);
		/* An answer to start from first: it is offered with R. */
		src = app_start_source(a, f);
		reuse = src != NULL ? xasprintf(_("R starts this answer from "
		    "\u201c%s\u201d (%s).  "), tmpl_field_text(src,
		    TMPL_TR_LABEL, lg), src->section->tmpl->id) : xstrdup("");
		text = xasprintf("%s%s%s%s%s%s", reuse, label,
		    *label != '\0' ? "  " : "", help != NULL ? help : "",
		    example != NULL ? _("  Example: ") : "",
		    example != NULL ? example : "");
		free(reuse);
	}
	l = scr_wrap(text, COLS - 2, &n);
	for (i = 0; i < n && y < g->help_y + g->help_h; i++)
		scr_text(stdscr, y++, 1, COLS - 2, l[i], SCR_PLAIN);
	scr_wrap_free(l, n);
	free(text);
}

static void
draw_findings_line(struct app *a, const struct app_geom *g)
{
	struct app_ref ref = { NULL, 0 };
	struct checklist_verdict v;
	enum scr_mark m;
	char buf[768], *e, *w, *i;

	if (a->msg[0] != '\0') {
		scr_fill(stdscr, g->find_y, 0, COLS, scr_attr(a->msg_role));
		scr_text(stdscr, g->find_y, 1, COLS - 2, a->msg,
		    scr_attr(a->msg_role));
		return;
	}
	memset(&v, 0, sizeof v);
	if (a->pane == 1 && app_rows(a) > 0) {
		ref = app_row(a, a->cur[a->level]);
		if (ref.f != NULL)
			checklist_verdict(a->s.d, a->s.r, ref.f, ref.rec, &v);
	}
	if (v.worst != NULL) {
		m = app_status_mark(checklist_finding_status(v.worst));
		snprintf(buf, sizeof buf, "%s %s%s", scr_mark(m),
		    finding_text(v.worst), v.nfind > 1 ? _("  (more: F6)") :
		    "");
		scr_text(stdscr, g->find_y, 1, COLS - 2, buf,
		    scr_attr(scr_mark_role(m)));
		return;
	}
	if (a->s.r->n == 0) {
		scr_text(stdscr, g->find_y, 1, COLS - 2, _("No findings: "
		    "every check passes."), scr_attr(SCR_OK));
		return;
	}
	app_counts(a, &e, &w, &i);
	/* TRANSLATORS: the three counts ("20 errors", "5 warnings", "1
	 * note"), then what the keys do. */
	snprintf(buf, sizeof buf, _("%s, %s, %s \u2014 F6 or ! lists them, f "
	    "goes to the next"), e, w, i);
	free(e);
	free(w);
	free(i);
	scr_text(stdscr, g->find_y, 1, COLS - 2, buf,
	    scr_attr(a->s.r->errors > 0 ? SCR_ERROR : SCR_WARNING));
}

void
app_counts(const struct app *a, char **errors, char **warnings,
    char **notes)
{
	size_t e = a->s.r->errors, w = a->s.r->warnings, i = a->s.r->infos;

	*errors = xasprintf(ngettext("%zu error", "%zu errors", e), e);
	*warnings = xasprintf(ngettext("%zu warning", "%zu warnings", w), w);
	*notes = xasprintf(ngettext("%zu note", "%zu notes", i), i);
}

/* "F1/?" from the binding's names: the first two keys. */
static void
bar_keys(const char *names, char *out, size_t size)
{
	const char *sp = strstr(names, "  ");
	size_t n;

	if (sp == NULL || names[0] != 'F' ||
	    !isdigit((unsigned char)names[1])) {
		n = sp != NULL ? (size_t)(sp - names) : strlen(names);
		snprintf(out, size, "%.*s", (int)n, names);
		return;
	}
	n = (size_t)(sp - names);
	sp += 2;
	snprintf(out, size, "%.*s/%.*s", (int)n, names,
	    (int)strcspn(sp, " "), sp);
}

void
app_draw_keybar(struct app *a, unsigned ctx)
{
	const struct key_binding *b;
	const char *label;
	char keys[32];
	size_t n, i;
	int x = 0, w;

	(void)a;
	b = keys_table(&n);
	scr_fill(stdscr, LINES - 1, 0, COLS, SCR_PLAIN);
	for (i = 0; i < n; i++) {
		if (b[i].bar == NULL || (b[i].ctx & ctx) == 0)
			continue;
		bar_keys(b[i].names, keys, sizeof keys);
		/* Columns, not bytes: a Chinese label is two a character. */
		label = _(b[i].bar);
		w = scr_width(keys) + scr_width(label) + 2;
		if (x + w > COLS)
			break;
		x += scr_text(stdscr, LINES - 1, x, COLS - x, keys,
		    scr_attr(SCR_KEY));
		x += scr_text(stdscr, LINES - 1, x, COLS - x, " ", SCR_PLAIN);
		x += scr_text(stdscr, LINES - 1, x, COLS - x, label,
		    scr_attr(SCR_KEYLABEL));
		x += scr_text(stdscr, LINES - 1, x, COLS - x, "  ", SCR_PLAIN);
	}
}

void
app_draw(void *arg)
{
	struct app *a = arg;
	struct app_geom g;

	draw_title(a);
	if (a->s.d == NULL || a->s.r == NULL || a->nitems == 0)
		return;
	app_geom(&g);
	draw_sections(a, &g);
	draw_header(a, &g);
	draw_rows(a, &g);
	draw_help(a, &g);
	draw_findings_line(a, &g);
	app_draw_keybar(a, app_context(a));
}
