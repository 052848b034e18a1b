/*
 * Reviews and merge conflicts kept in the dossier (see review.h).
 */
#include "config.h"

#include "core/review.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/sha2.h>

#include "core/checklist.h"
#include "core/sha256hex.h"
#include "core/xalloc.h"
#include "core/xlsxread.h"
#include "core/xltext.h"

static const char *const status_names[] = {
	[REVIEW_NONE] = "",
	[REVIEW_ACCEPTED] = "Accepted",
	[REVIEW_QUERY] = "Query",
	[REVIEW_REJECTED] = "Rejected",
};

int
review_status_parse(const char *s)
{
	size_t n;
	int i;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	for (i = REVIEW_ACCEPTED; i <= REVIEW_REJECTED; i++)
		if (strlen(status_names[i]) == n &&
		    strncasecmp(s, status_names[i], n) == 0)
			return i;
	return -1;
}

const char *
review_status_name(enum review_status s)
{
	return status_names[s];
}

int
review_resolve(const struct dossier *d, const char *path,
    const struct tmpl_field **fp, size_t *rec, int *in_record)
{
	char *p = xstrdup(path), *sec, *fld, *sub = NULL, *br;
	const struct tmpl *t = NULL;
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	size_t i;
	int rc = -1;

	*rec = 0;
	*in_record = 0;
	sec = strchr(p, '.');
	if (sec == NULL)
		goto out;
	*sec++ = '\0';
	fld = strchr(sec, '.');
	if (fld == NULL)
		goto out;
	*fld++ = '\0';
	for (i = 0; i < d->ntmpls; i++)
		if (strcmp(d->tmpls[i]->id, p) == 0)
			t = d->tmpls[i];
	if (t == NULL || (s = tmpl_section_by_id(t, sec)) == NULL)
		goto out;
	br = strchr(fld, '[');
	if (br != NULL) {
		char *end;
		unsigned long long n;

		*br++ = '\0';
		if (!isdigit((unsigned char)*br))
			goto out;
		n = strtoull(br, &end, 10);
		if (n == 0 || end[0] != ']' || end[1] != '.')
			goto out;
		sub = end + 2;
		*rec = (size_t)(n - 1);
		*in_record = 1;
	}
	f = tmpl_field_by_id(s->fields, s->nfields, fld);
	if (f == NULL)
		goto out;
	if (sub != NULL) {
		if (f->type != TMPL_GROUP)
			goto out;
		f = tmpl_field_by_id(f->fields, f->nfields, sub);
		if (f == NULL)
			goto out;
	}
	*fp = f;
	rc = 0;
out:
	free(p);
	return rc;
}

/*
 * A hard-wrapped paragraph reads as one on paper: a single newline becomes
 * a space, a blank line stays, trailing newlines go.
 */
static char *
join_lines(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	size_t i, n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] != '\n') {
			*o++ = s[i];
			continue;
		}
		if (i + 1 < n && s[i + 1] == '\n') {
			while (o > out && o[-1] == ' ')
				o--;
			*o++ = '\n';
			*o++ = '\n';
			while (i + 1 < n && s[i + 1] == '\n')
				i++;
			continue;
		}
		/* A list written by hand keeps its lines. */
		if (i + 1 < n && (s[i + 1] == '-' || s[i + 1] == '*' ||
		    s[i + 1] == ' ' || isdigit((unsigned char)s[i + 1]))) {
			*o++ = '\n';
			continue;
		}
		if (o > out && o[-1] != ' ')
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

char *
review_answer_cell(const struct tmpl_field *f, const struct ynode *v)
{
	struct checklist_row w;
	char *s, *j;

	memset(&w, 0, sizeof w);
	w.field = f;
	w.value = v;
	s = checklist_answer(&w);
	if (v == NULL || v->kind != YT_SCALAR || f->type != TMPL_LONGTEXT)
		return s;
	j = join_lines(s);
	free(s);
	return j;
}

const char *
review_evidence_cell(const struct tmpl_field *f, const struct ynode *v)
{
	struct checklist_row w;

	memset(&w, 0, sizeof w);
	w.field = f;
	w.value = v;
	return checklist_evidence(&w);
}

void
review_cell_hash(const char *answer, const char *evidence, char out[65])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(answer), (const uint8_t *)answer);
	/* A separator no cell holds keeps ("ab","") apart from ("a","b"). */
	sha256_update(&ctx, 1, (const uint8_t *)"\0");
	sha256_update(&ctx, strlen(evidence), (const uint8_t *)evidence);
	sha256hex_digest(&ctx, out);
}

void
review_answer_hash(const struct dossier *d, const struct tmpl_field *f,
    size_t rec, char out[65])
{
	const struct ynode *v = dossier_get(d, f, rec);
	char *a = review_answer_cell(f, v);
	struct xl_text ta, te;

	char *ca, *ce;

	/* As a spreadsheet shows the cells the export wrote. */
	xl_text_prepare(&ta, a);
	xl_text_prepare(&te, review_evidence_cell(f, v));
	ca = xstrdup(ta.s);
	ce = xstrdup(te.s);
	xlsx_unescape(ca);
	xlsx_unescape(ce);
	review_cell_hash(ca, ce, out);
	free(ca);
	free(ce);
	xl_text_done(&ta);
	xl_text_done(&te);
	free(a);
}

void
review_dossier_hash(const struct dossier *d, char out[65])
{
	size_t len;
	char *buf = dossier_serialize(d, &len);

	sha256hex_buf(buf, len, out);
	free(buf);
}

/* Notes. */

struct notes {
	struct review_note *v;
	size_t n, cap;
};

static struct review_note *
note_add(struct notes *ns, enum tmpl_severity sev, const struct ynode *at,
    const char *path, char *message)
{
	struct review_note *r;

	if (ns->n == ns->cap) {
		ns->cap = ns->cap == 0 ? 8 : ns->cap * 2;
		ns->v = xreallocarray(ns->v, ns->cap, sizeof *ns->v);
	}
	r = &ns->v[ns->n++];
	memset(r, 0, sizeof *r);
	r->sev = sev;
	r->at = at;
	r->path = xstrdup(path);
	r->message = message;
	return r;
}

/*
 * A note from an English format (po/Makevars: note_addf is a keyword):
 * the English for JSON, and the display language's beside it.
 */
static struct review_note *
note_addf(struct notes *ns, enum tmpl_severity sev, const struct ynode *at,
    const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static struct review_note *
note_addf(struct notes *ns, enum tmpl_severity sev, const struct ynode *at,
    const char *path, const char *fmt, ...)
{
	struct review_note *r;
	char en[1024], shown[1024];
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	vsnprintf(en, sizeof en, fmt, ap);
	va_end(ap);
	vsnprintf(shown, sizeof shown, _(fmt), ap2);
	va_end(ap2);
	r = note_add(ns, sev, at, path, xstrdup(en));
	if (strcmp(en, shown) != 0)
		r->shown = xstrdup(shown);
	return r;
}

/* Does the record the path names exist (a review of a removed record)? */
static int
record_exists(const struct dossier *d, const struct tmpl_field *f,
    size_t rec, int in_record)
{
	return !in_record || rec < dossier_nrecords(d, f->group);
}

static const char *
str_or(const struct ynode *m, const char *key, const char *dflt)
{
	const char *s = yt_str(yt_get(m, key));

	return s != NULL && *s != '\0' ? s : dflt;
}

static void
review_note_one(const struct dossier *d, struct notes *ns,
    const struct ynode *key, const struct ynode *rv)
{
	const struct tmpl_field *f = NULL;
	size_t rec;
	int inr, st;
	char now[65];
	const char *judged, *note, *by;
	struct review_note *r;

	if (review_resolve(d, key->str, &f, &rec, &inr) < 0 ||
	    !record_exists(d, f, rec, inr)) {
		note_addf(ns, TMPL_WARNING, key, key->str, "a review of '%s', "
		    "which is not a question of this dossier (kept as it is)",
		    key->str);
		return;
	}
	st = review_status_parse(yt_str(yt_get(rv, "status")));
	if (rv->kind != YT_MAP || st < 0) {
		r = note_addf(ns, TMPL_WARNING, key, key->str, "the review of "
		    "this answer has no status Accepted, Query or Rejected");
		goto bind;
	}
	review_answer_hash(d, f, rec, now);
	judged = yt_str(yt_get(rv, "answer"));
	note = str_or(rv, "note", NULL);
	/* Who, as the file says; "the reviewer" only when it does not. */
	by = str_or(rv, "by", NULL);
	if (judged == NULL || strcmp(judged, now) != 0) {
		char *why = note != NULL ? xasprintf(" (%s)", note) :
		    xstrdup("");

		if (by != NULL)
			r = note_addf(ns, TMPL_WARNING, key, key->str,
			    "review is stale: the answer changed after %s "
			    "marked it %s%s; export the checklist again for a "
			    "new review", by, status_names[st], why);
		else
			r = note_addf(ns, TMPL_WARNING, key, key->str,
			    "review is stale: the answer changed after the "
			    "reviewer marked it %s%s; export the checklist "
			    "again for a new review", status_names[st], why);
		free(why);
	} else if (st == REVIEW_REJECTED) {
		if (by != NULL)
			r = note_addf(ns, TMPL_ERROR, key, key->str,
			    "rejected by %s%s%s", by, note != NULL ? ": " : "",
			    note != NULL ? note : "");
		else
			r = note_addf(ns, TMPL_ERROR, key, key->str,
			    "rejected by the reviewer%s%s",
			    note != NULL ? ": " : "", note != NULL ? note : "");
	} else if (st == REVIEW_QUERY) {
		if (by != NULL)
			r = note_addf(ns, TMPL_WARNING, key, key->str,
			    "query from %s%s%s", by, note != NULL ? ": " : "",
			    note != NULL ? note : "");
		else
			r = note_addf(ns, TMPL_WARNING, key, key->str,
			    "query from the reviewer%s%s",
			    note != NULL ? ": " : "", note != NULL ? note : "");
	} else {
		return;
	}
bind:
	r->field = f;
	r->rec = rec;
	r->in_record = inr;
}

/* One side of a conflict in words: in English, or shown (translated). */
static char *
conflict_side(const struct ynode *c, const char *key, int shown)
{
	const struct ynode *v = yt_get(c, key);

	if (v == NULL)
		return xstrdup(shown ? _("(no answer)") : "(no answer)");
	if (v->kind == YT_SCALAR)
		return xasprintf("'%s'", v->str);
	if (v->kind == YT_SEQ)
		return shown ? xasprintf(ngettext("a list of %zu",
		    "a list of %zu", v->n), v->n) : xasprintf("a list of %zu",
		    v->n);
	return xstrdup(shown ? _("a mapping") : "a mapping");
}

static void
conflict_note(const struct dossier *d, struct notes *ns,
    const struct ynode *c)
{
	const char *path = yt_str(yt_get(c, "path"));
	const struct tmpl_field *f = NULL;
	char *o, *t;
	size_t rec;
	int inr;
	struct review_note *r;

	if (path == NULL)
		path = "conflicts";
	o = conflict_side(c, "ours", 0);
	t = conflict_side(c, "theirs", 0);
	r = note_add(ns, TMPL_ERROR, c, path, xasprintf("merge conflict: "
	    "both sides changed this answer (ours %s, theirs %s); choose one "
	    "in the wizard or edit the answer and delete the conflict", o, t));
	free(o);
	free(t);
	o = conflict_side(c, "ours", 1);
	t = conflict_side(c, "theirs", 1);
	r->shown = xasprintf(_("merge conflict: both sides changed this answer "
	    "(ours %s, theirs %s); choose one in the wizard or edit the answer "
	    "and delete the conflict"), o, t);
	free(o);
	free(t);
	if (review_resolve(d, path, &f, &rec, &inr) == 0 &&
	    record_exists(d, f, rec, inr)) {
		r->field = f;
		r->rec = rec;
		r->in_record = inr;
	}
}

struct review_note *
review_notes(const struct dossier *d, size_t *n)
{
	const struct ynode *rv = yt_get(d->root, "reviews");
	const struct ynode *cf = yt_get(d->root, "conflicts");
	struct notes ns = { NULL, 0, 0 };
	size_t i;

	if (rv != NULL && rv->kind == YT_MAP)
		for (i = 0; i < rv->n; i++)
			review_note_one(d, &ns, rv->keys[i], rv->vals[i]);
	if (cf != NULL && cf->kind == YT_SEQ)
		for (i = 0; i < cf->n; i++)
			conflict_note(d, &ns, cf->vals[i]);
	else if (cf != NULL && !(cf->kind == YT_SCALAR && cf->len == 0))
		note_addf(&ns, TMPL_ERROR, cf, "conflicts", "'conflicts' must "
		    "be a list of merge conflicts");
	*n = ns.n;
	return ns.v;
}

void
review_notes_free(struct review_note *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].message);
		free(v[i].shown);
	}
	free(v);
}

const char *
review_state(const struct dossier *d)
{
	const struct ynode *rv = yt_get(d->root, "reviews");
	struct review_note *v;
	size_t n, i;
	int rejected = 0, query = 0, stale = 0;

	if (rv == NULL || rv->kind != YT_MAP || rv->n == 0)
		return "none";
	v = review_notes(d, &n);
	for (i = 0; i < n; i++) {
		if (strncmp(v[i].message, "rejected", 8) == 0)
			rejected = 1;
		else if (strncmp(v[i].message, "query", 5) == 0)
			query = 1;
		else if (strncmp(v[i].message, "review is stale", 15) == 0)
			stale = 1;
	}
	review_notes_free(v, n);
	return rejected ? "rejected" : query ? "query" : stale ? "stale" :
	    "accepted";
}

const struct ynode *
review_get(const struct dossier *d, const char *path)
{
	return yt_get(yt_get(d->root, "reviews"), path);
}

static int
same_str(const struct ynode *m, const char *key, const char *s)
{
	const char *v = yt_str(yt_get(m, key));

	if (s == NULL || *s == '\0')
		return v == NULL;
	return v != NULL && strcmp(v, s) == 0;
}

int
review_record(struct dossier *d, const char *path, enum review_status st,
    const char *note, const char *by, const char *at, const char *hash)
{
	struct ynode *rv = yt_get(d->root, "reviews"), *old, *m, *hist;

	if (rv != NULL && rv->kind != YT_MAP) {
		/* Only a blank reviews: loads as anything but a mapping. */
		yt_free(yt_take(d->root, "reviews"));
		rv = NULL;
	}
	if (rv == NULL)
		rv = yt_get_map(d->root, "reviews");
	old = yt_get(rv, path);
	if (old != NULL && old->kind == YT_MAP &&
	    review_status_parse(yt_str(yt_get(old, "status"))) == (int)st &&
	    same_str(old, "note", note) && same_str(old, "by", by) &&
	    same_str(old, "answer", hash))
		return 0;
	m = yt_map();
	yt_set(m, "status", yt_scalar(status_names[st]));
	if (note != NULL && *note != '\0')
		yt_set(m, "note", yt_scalar(note));
	if (by != NULL && *by != '\0')
		yt_set(m, "by", yt_scalar(by));
	yt_set(m, "at", yt_scalar(at));
	yt_set(m, "answer", yt_scalar(hash));
	old = yt_take(rv, path);
	if (old != NULL && old->kind == YT_MAP) {
		hist = yt_take(old, "history");
		if (hist == NULL || hist->kind != YT_SEQ) {
			yt_free(hist);
			hist = yt_seq();
		}
		yt_append(hist, old);
		yt_set(m, "history", hist);
	} else {
		yt_free(old);
	}
	yt_set(rv, path, m);
	d->dirty = 1;
	return 1;
}

size_t
review_nconflicts(const struct dossier *d)
{
	const struct ynode *cf = yt_get(d->root, "conflicts");

	return cf != NULL && cf->kind == YT_SEQ ? cf->n : 0;
}

const struct ynode *
review_conflict(const struct dossier *d, size_t i)
{
	return yt_get(d->root, "conflicts")->vals[i];
}

void
review_drop_conflict(struct dossier *d, size_t i)
{
	struct ynode *cf = yt_get(d->root, "conflicts");

	yt_free(yt_remove(cf, i));
	if (cf->n == 0)
		yt_free(yt_take(d->root, "conflicts"));
	d->dirty = 1;
}
