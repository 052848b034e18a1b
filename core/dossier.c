/*
 * Loading, shaping and saving dossiers.  The shape check walks only what
 * the templates define; everything else is left in the tree untouched (the
 * validator reports it as unknown and the writer puts it back).
 */
#include "config.h"

#include "core/dossier.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "core/store.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "core/yamlcomment.h"

struct shape {
	const char *name;
	struct diag *err;
};

static int
shape_fail(struct shape *sh, const struct ynode *at, const char *what,
    const char *expected)
{
	diag_set(sh->err, DIAG_SCHEMA, sh->name, at->line, at->col,
	    "%s must be %s, not %s", what, expected, yt_kind_name(at));
	return diag_retext(sh->err, "%s must be %s, not %s", diag_word(what),
	    diag_word(expected), diag_word(yt_kind_name(at)));
}

const char *
dossier_na_reason(const struct ynode *v)
{
	const struct ynode *r;

	if (v == NULL || v->kind != YT_MAP || v->n != 1)
		return NULL;
	r = yt_get(v, "not_applicable");
	if (r == NULL)
		return NULL;
	return r->kind == YT_SCALAR ? r->str : "";
}

static int
is_blank(const char *s)
{
	if (*s != '\0' && !isspace((unsigned char)*s))
		return 0;	/* the usual case, decided at once */
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* YAML's null spellings, written without quotes, are no answer. */
static int
is_plain_null(const struct ynode *v)
{
	if (v->quoted || (v->str[0] != '~' && v->str[0] != 'n' &&
	    v->str[0] != 'N'))
		return 0;
	return (strcmp(v->str, "~") == 0 ||
	    strcmp(v->str, "null") == 0 || strcmp(v->str, "Null") == 0 ||
	    strcmp(v->str, "NULL") == 0);
}

int
dossier_filled(const struct ynode *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case YT_SCALAR:
		return !is_blank(v->str) && !is_plain_null(v);
	case YT_SEQ:
		return v->n > 0;
	case YT_MAP:
		return dossier_na_reason(v) == NULL && v->n > 0;
	}
	return 0;
}

static int
shape_value(struct shape *sh, const struct tmpl_field *f,
    const struct ynode *v);

static int
shape_na(struct shape *sh, const struct tmpl_field *f, const struct ynode *v)
{
	const struct ynode *r = yt_get(v, "not_applicable");

	if (r == NULL || v->n != 1)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, v->line, v->col,
		    "'%s' holds a mapping; the only mapping a field may hold "
		    "is {not_applicable: reason}", f->id);
	if (r->kind != YT_SCALAR)
		return shape_fail(sh, r, N_("the not_applicable reason"),
		    N_("a single value"));
	return 0;
}

static int
shape_record(struct shape *sh, const struct tmpl_field *g,
    const struct ynode *rec)
{
	const struct tmpl_field *f;
	size_t i;

	if (rec->kind != YT_MAP)
		return shape_fail(sh, rec, N_("a record"), N_("a mapping"));
	for (i = 0; i < rec->n; i++) {
		f = tmpl_field_by_id(g->fields, g->nfields, rec->keys[i]->str);
		if (f != NULL && shape_value(sh, f, rec->vals[i]) < 0)
			return -1;
	}
	return 0;
}

static int
shape_value(struct shape *sh, const struct tmpl_field *f,
    const struct ynode *v)
{
	size_t i;

	if (v->kind == YT_MAP)
		return shape_na(sh, f, v);
	switch (f->type) {
	case TMPL_GROUP:
		if (v->kind == YT_SCALAR && !dossier_filled(v))
			return 0;
		if (v->kind != YT_SEQ)
			return shape_fail(sh, v, f->id,
			    N_("a list of records"));
		for (i = 0; i < v->n; i++)
			if (shape_record(sh, f, v->vals[i]) < 0)
				return -1;
		return 0;
	case TMPL_MULTICHOICE:
		if (v->kind == YT_SCALAR && !dossier_filled(v))
			return 0;
		if (v->kind != YT_SEQ)
			return shape_fail(sh, v, f->id,
			    N_("a list of options"));
		for (i = 0; i < v->n; i++)
			if (v->vals[i]->kind != YT_SCALAR)
				return shape_fail(sh, v->vals[i],
				    N_("an option"), N_("a single value"));
		return 0;
	default:
		if (v->kind != YT_SCALAR)
			return shape_fail(sh, v, f->id, N_("a single value"));
		return 0;
	}
}

static int
shape_answers(struct shape *sh, const struct dossier *d,
    const struct ynode *answers)
{
	const struct tmpl_section *s;
	const struct tmpl_field *f;
	const struct ynode *ta, *sa;
	size_t i, j, k;

	if (answers->kind != YT_MAP)
		return shape_fail(sh, answers, "answers", N_("a mapping"));
	for (i = 0; i < d->ntmpls; i++) {
		ta = yt_get(answers, d->tmpls[i]->id);
		if (ta == NULL)
			continue;
		if (ta->kind != YT_MAP)
			return shape_fail(sh, ta, d->tmpls[i]->id,
			    N_("a mapping of sections"));
		for (j = 0; j < ta->n; j++) {
			s = tmpl_section_by_id(d->tmpls[i], ta->keys[j]->str);
			if (s == NULL)
				continue;
			sa = ta->vals[j];
			if (sa->kind == YT_SCALAR && !dossier_filled(sa))
				continue;
			if (sa->kind != YT_MAP)
				return shape_fail(sh, sa, s->id,
				    N_("a mapping of answers"));
			for (k = 0; k < sa->n; k++) {
				f = tmpl_field_by_id(s->fields, s->nfields,
				    sa->keys[k]->str);
				if (f != NULL &&
				    shape_value(sh, f, sa->vals[k]) < 0)
					return -1;
			}
		}
	}
	return 0;
}

static int
load_format(struct shape *sh, const struct ynode *root)
{
	const struct ynode *v = yt_get(root, "format");
	char *end;
	long n;

	if (v == NULL)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, root->line,
		    root->col, "no 'format' key: is this a dossier file? "
		    "(expected format: %d)", DOSSIER_FORMAT);
	if (v->kind != YT_SCALAR)
		return shape_fail(sh, v, "format", "a number");
	errno = 0;
	n = strtol(v->str, &end, 10);
	if (v->quoted || v->len == 0 || *end != '\0' || errno != 0)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, v->line, v->col,
		    "format must be the number %d, not '%s'", DOSSIER_FORMAT,
		    v->str);
	if (n > DOSSIER_FORMAT)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, v->line, v->col,
		    "format %ld is newer than this version of dossier reads "
		    "(%d); upgrade dossier", n, DOSSIER_FORMAT);
	if (n != DOSSIER_FORMAT)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, v->line, v->col,
		    "unknown format %ld (expected %d)", n, DOSSIER_FORMAT);
	return 0;
}

static int
load_templates(struct shape *sh, struct dossier *d, const struct ynode *root)
{
	const struct ynode *v = yt_get(root, "templates"), *item;
	const struct tmpl *t;
	char *id, *colon;
	size_t i, j;

	if (v == NULL)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, root->line,
		    root->col, "no 'templates' list (e.g. templates: "
		    "[id:edition])");
	if (v->kind != YT_SEQ || v->n == 0)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, v->line, v->col,
		    "templates must be a non-empty list of id:edition");
	d->tmpls = xcalloc(v->n, sizeof *d->tmpls);
	for (i = 0; i < v->n; i++) {
		item = v->vals[i];
		if (item->kind != YT_SCALAR)
			return shape_fail(sh, item, N_("a template"),
			    "id:edition");
		id = xstrdup(item->str);
		colon = strchr(id, ':');
		if (colon != NULL)
			*colon++ = '\0';
		t = colon != NULL ? tmpl_set_find(d->set, id, colon) : NULL;
		free(id);
		if (colon == NULL)
			return diag_set(sh->err, DIAG_SCHEMA, sh->name,
			    item->line, item->col, "template '%s' must be "
			    "written id:edition", item->str);
		if (t == NULL)
			return diag_set(sh->err, DIAG_SCHEMA, sh->name,
			    item->line, item->col, "unknown template '%s' (see "
			    "'dossier templates' for the ones installed)",
			    item->str);
		for (j = 0; j < d->ntmpls; j++)
			if (strcmp(d->tmpls[j]->id, t->id) == 0)
				return diag_set(sh->err, DIAG_SCHEMA,
				    sh->name, item->line, item->col,
				    "template '%s' is listed twice", t->id);
		d->tmpls[d->ntmpls++] = t;
	}
	return 0;
}

/*
 * A field with 'fact' keeps its answer in device:, shared with every other
 * field bound to the same fact.  device.<fact> must then be one value.  A
 * file written before the field was bound may still hold the answer under
 * answers:; it moves to device: when that is empty or the same, and a
 * different value is refused: which of the two is right is the user's
 * call, not ours.
 */
static int
shape_fact(struct shape *sh, struct dossier *d, const struct tmpl_field *f)
{
	struct ynode *dev = yt_get(d->root, "device"), *sa, *a, *dv;

	dv = dev != NULL && dev->kind == YT_MAP ? yt_get(dev, f->fact) : NULL;
	if (dv != NULL && dv->kind != YT_SCALAR) {
		char *what = xasprintf("device.%s", f->fact);
		int rc = shape_fail(sh, dv, what, N_("a single value"));

		free(what);
		return rc;
	}
	sa = yt_get(yt_get(yt_get(d->root, "answers"), f->section->tmpl->id),
	    f->section->id);
	a = sa != NULL && sa->kind == YT_MAP ? yt_get(sa, f->id) : NULL;
	if (a == NULL)
		return 0;
	if (a->kind != YT_SCALAR) {
		diag_set(sh->err, DIAG_SCHEMA, sh->name, a->line, a->col,
		    "'%s' is the device fact device.%s, so it must be a "
		    "single value, not %s", f->id, f->fact, yt_kind_name(a));
		return diag_retext(sh->err, "'%s' is the device fact "
		    "device.%s, so it must be a single value, not %s", f->id,
		    f->fact, diag_word(yt_kind_name(a)));
	}
	if (dossier_filled(a) && dossier_filled(dv) &&
	    strcmp(a->str, dv->str) != 0)
		return diag_set(sh->err, DIAG_SCHEMA, sh->name, a->line, a->col,
		    "'%s' says '%.40s' but device.%s (line %d) says '%.40s'; "
		    "this question's answer is that device fact: keep one of "
		    "the two", f->id, a->str, f->fact, dv->line, dv->str);
	a = yt_take(sa, f->id);
	if (dossier_filled(a) && !dossier_filled(dv))
		yt_set(yt_get_map(d->root, "device"), f->fact, a);
	else
		yt_free(a);
	return 0;
}

static int
shape_facts(struct shape *sh, struct dossier *d)
{
	const struct tmpl_section *s;
	size_t i, j, k;

	for (i = 0; i < d->ntmpls; i++)
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			s = &d->tmpls[i]->sections[j];
			for (k = 0; k < s->nfields; k++)
				if (s->fields[k].fact != NULL &&
				    shape_fact(sh, d, &s->fields[k]) < 0)
					return -1;
		}
	return 0;
}

static int
dossier_check_root(struct dossier *d, struct diag *err)
{
	struct shape sh = { d->path, err };
	const struct ynode *v;

	if (d->root->kind != YT_MAP) {
		diag_set(err, DIAG_SCHEMA, d->path, d->root->line,
		    d->root->col, "a dossier must be a mapping (format, "
		    "templates, device, answers), not %s",
		    yt_kind_name(d->root));
		return diag_retext(err, "a dossier must be a mapping (format, "
		    "templates, device, answers), not %s",
		    diag_word(yt_kind_name(d->root)));
	}
	if (load_format(&sh, d->root) < 0 || load_templates(&sh, d, d->root) < 0)
		return -1;
	v = yt_get(d->root, "device");
	if (v != NULL && v->kind != YT_MAP && dossier_filled(v))
		return shape_fail(&sh, v, "device", "a mapping");
	v = yt_get(d->root, "answers");
	if (v != NULL && (v->kind != YT_SCALAR || dossier_filled(v)) &&
	    shape_answers(&sh, d, v) < 0)
		return -1;
	return shape_facts(&sh, d);
}

static struct dossier *
dossier_from_tree(struct ynode *root, const char *name,
    const struct tmpl_set *set, struct diag *err)
{
	struct dossier *d;

	d = xcalloc(1, sizeof *d);
	d->path = xstrdup(name);
	d->root = root;
	d->set = set;
	if (dossier_check_root(d, err) < 0) {
		dossier_free(d);
		return NULL;
	}
	return d;
}

struct dossier *
dossier_load_buffer(const char *buf, size_t len, const char *name,
    const struct tmpl_set *set, struct diag *err)
{
	struct ynode *root = yt_read_buffer(buf, len, name, err);
	struct dossier *d;

	if (root == NULL)
		return NULL;
	d = dossier_from_tree(root, name, set, err);
	if (d != NULL)
		d->comment_line = yaml_comment_line(buf, len);
	return d;
}

struct dossier *
dossier_load(const char *path, const struct tmpl_set *set, struct diag *err)
{
	struct dossier *d;
	struct stat st;
	struct ynode *root;
	char *buf;
	size_t len;

	buf = yt_slurp(path, &len, err);
	if (buf == NULL)
		return NULL;
	/* Remember the file as read, to notice others changing it. */
	if (stat(path, &st) < 0)
		memset(&st, 0, sizeof st);
	root = yt_read_buffer(buf, len, path, err);
	if (root == NULL) {
		free(buf);
		return NULL;
	}
	d = dossier_from_tree(root, path, set, err);
	if (d != NULL) {
		d->disk = st;
		d->have_disk = 1;
		d->comment_line = yaml_comment_line(buf, len);
	}
	free(buf);
	return d;
}

struct dossier *
dossier_new(const struct tmpl_set *set, const struct tmpl *const *tmpls,
    size_t n)
{
	struct dossier *d = xcalloc(1, sizeof *d);
	struct ynode *list = yt_seq();
	size_t i;

	d->set = set;
	d->root = yt_map();
	d->tmpls = xcalloc(n, sizeof *d->tmpls);
	yt_set(d->root, "format", yt_scalar("1"));
	for (i = 0; i < n; i++) {
		char *s = xasprintf("%s:%s", tmpls[i]->id, tmpls[i]->edition);

		yt_append(list, yt_scalar(s));
		free(s);
		d->tmpls[d->ntmpls++] = tmpls[i];
	}
	yt_set(d->root, "templates", list);
	yt_set(d->root, "device", yt_map());
	yt_set(d->root, "answers", yt_map());
	return d;
}

void
dossier_free(struct dossier *d)
{
	if (d == NULL)
		return;
	yt_free(d->root);
	free(d->tmpls);
	free(d->path);
	free(d);
}

struct ynode *
dossier_swap_root(struct dossier *d, struct ynode *root)
{
	struct ynode *old = d->root;

	d->root = root;
	d->dirty = 1;
	return old;
}

int
dossier_uses(const struct dossier *d, const struct tmpl *t)
{
	size_t i;

	for (i = 0; i < d->ntmpls; i++)
		if (d->tmpls[i] == t)
			return 1;
	return 0;
}

const char *
dossier_fact_get(const struct dossier *d, const char *key)
{
	return yt_str(yt_get(yt_get(d->root, "device"), key));
}

void
dossier_fact_set(struct dossier *d, const char *key, const char *value)
{
	struct ynode *dev = yt_get_map(d->root, "device");

	d->dirty = 1;
	if (value == NULL || *value == '\0')
		yt_free(yt_take(dev, key));
	else
		yt_set(dev, key, yt_scalar(value));
}

const struct tmpl_field *
dossier_fact_field(const struct dossier *d, const char *key)
{
	const struct tmpl_section *s;
	size_t i, j, k;

	for (i = 0; i < d->ntmpls; i++)
		for (j = 0; j < d->tmpls[i]->nsections; j++) {
			s = &d->tmpls[i]->sections[j];
			for (k = 0; k < s->nfields; k++)
				if (s->fields[k].fact != NULL &&
				    strcmp(s->fields[k].fact, key) == 0)
					return &s->fields[k];
		}
	return NULL;
}

const char *
dossier_device(const struct dossier *d, const char *key)
{
	return dossier_fact_get(d, key);
}

void
dossier_set_device(struct dossier *d, const char *key, const char *value)
{
	dossier_fact_set(d, key, value);
}

/* Answers. */

/* The mapping that holds f's value (a section's or a record's). */
static struct ynode *
holder(const struct dossier *d, const struct tmpl_field *f, size_t rec,
    int create)
{
	const struct tmpl_field *top = f->group != NULL ? f->group : f;
	const struct tmpl_section *s = top->section;
	struct ynode *m, *g;

	m = yt_get(d->root, "answers");
	if (create) {
		m = yt_get_map(d->root, "answers");
		m = yt_get_map(m, s->tmpl->id);
		m = yt_get_map(m, s->id);
	} else {
		m = yt_get(yt_get(m, s->tmpl->id), s->id);
	}
	if (m == NULL || m->kind != YT_MAP)
		return NULL;
	if (f->group == NULL)
		return m;
	g = yt_get(m, f->group->id);
	if (g == NULL || g->kind != YT_SEQ || rec >= g->n ||
	    g->vals[rec]->kind != YT_MAP)
		return NULL;
	return g->vals[rec];
}

const struct ynode *
dossier_get(const struct dossier *d, const struct tmpl_field *f, size_t rec)
{
	if (f->fact != NULL)
		return yt_get(yt_get(d->root, "device"), f->fact);
	return yt_get(holder(d, f, rec, 0), f->id);
}

struct ynode *
dossier_put(struct dossier *d, const struct tmpl_field *f, size_t rec,
    struct ynode *val)
{
	struct ynode *m;

	if (f->fact != NULL) {
		/* Only one value fits there; anything else would not load. */
		if (val != NULL && val->kind != YT_SCALAR) {
			yt_free(val);
			return NULL;
		}
		d->dirty = 1;
		m = yt_get_map(d->root, "device");
		return val == NULL ? yt_take(m, f->fact) :
		    yt_swap(m, f->fact, val);
	}
	m = holder(d, f, rec, val != NULL);
	d->dirty = 1;
	if (m == NULL) {
		yt_free(val);
		return NULL;
	}
	if (val == NULL)
		return yt_take(m, f->id);
	return yt_swap(m, f->id, val);
}

void
dossier_set_text(struct dossier *d, const struct tmpl_field *f, size_t rec,
    const char *text)
{
	yt_free(dossier_put(d, f, rec, text != NULL && *text != '\0' ?
	    yt_scalar(text) : NULL));
}

struct ynode *
dossier_na_value(const char *reason)
{
	struct ynode *m = yt_map();

	yt_set(m, "not_applicable", yt_scalar(reason));
	return m;
}

void
dossier_set_na(struct dossier *d, const struct tmpl_field *f, size_t rec,
    const char *reason)
{
	yt_free(dossier_put(d, f, rec, dossier_na_value(reason)));
}

static struct ynode *
group_list(const struct dossier *d, const struct tmpl_field *g, int create)
{
	struct ynode *m = holder(d, g, 0, create), *v;

	if (m == NULL)
		return NULL;
	v = yt_get(m, g->id);
	if (v != NULL && v->kind == YT_SEQ)
		return v;
	if (!create)
		return NULL;
	v = yt_seq();
	yt_set(m, g->id, v);
	return v;
}

size_t
dossier_nrecords(const struct dossier *d, const struct tmpl_field *g)
{
	const struct ynode *v = group_list(d, g, 0);

	return v != NULL ? v->n : 0;
}

size_t
dossier_insert_record(struct dossier *d, const struct tmpl_field *g,
    size_t i, struct ynode *rec)
{
	struct ynode *v = group_list(d, g, 1);

	if (v == NULL) {	/* g is not a group of a section */
		yt_free(rec);
		return 0;
	}
	if (i > v->n)
		i = v->n;
	yt_insert(v, i, rec != NULL ? rec : yt_map());
	d->dirty = 1;
	return i;
}

struct ynode *
dossier_remove_record(struct dossier *d, const struct tmpl_field *g,
    size_t i)
{
	struct ynode *v = group_list(d, g, 0);

	if (v == NULL || i >= v->n)
		return NULL;
	d->dirty = 1;
	return yt_remove(v, i);
}

void
dossier_move_record(struct dossier *d, const struct tmpl_field *g,
    size_t from, size_t to)
{
	struct ynode *v = group_list(d, g, 0), *rec;

	if (v == NULL || from >= v->n || to >= v->n || from == to)
		return;
	rec = yt_remove(v, from);
	yt_insert(v, to, rec);
	d->dirty = 1;
}

/* Writing. */

/* libyaml's output callback: append to an xbuf. */
static int
out_write(void *data, unsigned char *buf, size_t size)
{
	xbuf_add(data, (const char *)buf, size);
	return 1;
}

enum scalar_kind { SK_TEXT, SK_TYPED, SK_UNKNOWN };

struct emit {
	yaml_emitter_t e;
	const struct dossier *d;
	int failed;
};

/*
 * Would a YAML 1.1 or 1.2 reader (PyYAML, older tools, a 1.2 core-schema
 * reader) take plain s for something other than a string?  Over-approximate:
 * quoting a string is harmless, a string read back as a number, a boolean,
 * a null, a timestamp or a merge key is not.  Covered: the null and
 * boolean words of 1.1 (y, n, yes, on, off... in their three spellings),
 * the value key "=" and the merge key "<<", infinities and NaN with any
 * sign and spelling, and anything that starts like a number (after a
 * sign or a dot): integers in every base, floats, sexagesimal numbers
 * and timestamps, whose characters are letters, digits and "_.:+-", or a
 * timestamp with blanks before its time.
 */
/*
 * A YAML 1.1 timestamp with a space before its time ("2001-12-14
 * 21:59:43.10 -5"): YYYY-M(M)-D(D), blanks, a digit.  Other text with
 * spaces ("2015 - 2021") is a string to every reader.
 */
static int
is_spaced_timestamp(const char *p)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)*p++))
			return 0;
	for (i = 0; i < 2; i++) {
		if (*p++ != '-' || !isdigit((unsigned char)*p++))
			return 0;
		if (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != ' ' && *p != '\t')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	return isdigit((unsigned char)*p);
}

static int
looks_typed(const char *s)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
		"ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
		"=", "<<", NULL
	};
	static const char *const special[] = {
		"inf", "Inf", "INF", "nan", "NaN", "NAN", NULL
	};
	const char *p = s, *q;
	size_t i;

	if (*s == '\0')
		return 1;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '.') {
		for (i = 0; special[i] != NULL; i++)
			if (strcmp(p + 1, special[i]) == 0)
				return 1;
		p++;
	}
	if (!isdigit((unsigned char)*p))
		return 0;
	for (q = p; *q != '\0'; q++) {
		if (*q == ' ' || *q == '\t')
			return is_spaced_timestamp(p);
		if (!isalnum((unsigned char)*q) && strchr("_.:+-", *q) == NULL)
			return 0;
	}
	return 1;
}

/*
 * An unanswered question, written as a plain null, stays a plain null:
 * quoting it would turn "no answer" into the text "null".
 */
static int
plain_null(const struct ynode *n)
{
	return !n->quoted && (n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0);
}

static void
emit_event(struct emit *em, yaml_event_t *ev, int ok)
{
	if (em->failed)
		return;
	if (!ok || !yaml_emitter_emit(&em->e, ev))
		em->failed = 1;
}

/*
 * Files are read only when valid UTF-8, but an edit (a terminal in
 * another encoding) could hand the model anything; libyaml refuses to
 * write invalid UTF-8, and refusing to save would lose every other answer.
 * Invalid bytes become U+FFFD instead.  NULL when s is already valid.
 */
static char *
utf8_repaired(const char *s, size_t len, size_t *outlen)
{
	struct xbuf b = { NULL, 0, 0 };
	size_t i = 0;
	int32_t cp;
	int n, bad = 0;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp < 0) {
			bad = 1;
			xbuf_add(&b, "\xEF\xBF\xBD", 3);
		} else {
			xbuf_add(&b, s + i, (size_t)n);
		}
		i += (size_t)n;
	}
	if (!bad) {
		free(b.p);
		return NULL;
	}
	*outlen = b.len;
	return b.p;
}

static void
emit_scalar(struct emit *em, const struct ynode *n, enum scalar_kind kind)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	yaml_event_t ev;
	size_t len = n->len;
	char *fixed;
	int ok;

	/*
	 * Only a null read from a file is a null: text typed into the wizard
	 * (built in memory, line 0) is text even when it says "null".  An
	 * empty plain scalar is written "null", which reads back the same.
	 */
	if (plain_null(n) && n->line != 0) {
		static char null_word[] = "null";

		ok = yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)(n->len == 0 ? null_word : n->str),
		    n->len == 0 ? 4 : (int)n->len, 1, 1,
		    YAML_PLAIN_SCALAR_STYLE);
		emit_event(em, &ev, ok);
		return;
	}
	fixed = utf8_repaired(n->str, n->len, &len);
	if (strchr(n->str, '\n') != NULL)
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (kind == SK_TEXT && looks_typed(n->str))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (kind == SK_UNKNOWN && n->quoted && looks_typed(n->str))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (*n->str == '\0')
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	ok = yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)(fixed != NULL ? fixed : n->str), (int)len, 1, 1,
	    style);
	emit_event(em, &ev, ok);
	free(fixed);
}

static void
emit_start(struct emit *em, enum yt_kind kind)
{
	yaml_event_t ev;
	int ok;

	if (kind == YT_MAP)
		ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	emit_event(em, &ev, ok);
}

static void
emit_end(struct emit *em, enum yt_kind kind)
{
	yaml_event_t ev;
	int ok;

	if (kind == YT_MAP)
		ok = yaml_mapping_end_event_initialize(&ev);
	else
		ok = yaml_sequence_end_event_initialize(&ev);
	emit_event(em, &ev, ok);
}

/* A subtree no template describes: as it is, in its own order. */
static void
emit_plain(struct emit *em, const struct ynode *n)
{
	size_t i;

	if (n->kind == YT_SCALAR) {
		emit_scalar(em, n, SK_UNKNOWN);
		return;
	}
	emit_start(em, n->kind);
	for (i = 0; i < n->n; i++) {
		if (n->kind == YT_MAP)
			emit_scalar(em, n->keys[i], SK_TEXT);
		emit_plain(em, n->vals[i]);
	}
	emit_end(em, n->kind);
}

/*
 * A mapping whose known keys come first, in the order name(i) gives for
 * i < nknown, each written by fn; then every other key as it stands.
 */
typedef void (*emit_known_fn)(struct emit *, const void *ctx, size_t i,
    const struct ynode *val);

static void
emit_ordered(struct emit *em, const struct ynode *m, size_t nknown,
    const char *(*name)(const void *ctx, size_t i), emit_known_fn fn,
    const void *ctx)
{
	unsigned char *seen = xcalloc(m->n, 1);
	size_t i;
	long at;

	emit_start(em, YT_MAP);
	for (i = 0; i < nknown; i++) {
		at = yt_index(m, name(ctx, i));
		if (at < 0)
			continue;
		seen[at] = 1;
		emit_scalar(em, m->keys[at], SK_TEXT);
		fn(em, ctx, i, m->vals[at]);
	}
	for (i = 0; i < m->n; i++) {
		if (seen[i])
			continue;
		emit_scalar(em, m->keys[i], SK_TEXT);
		emit_plain(em, m->vals[i]);
	}
	emit_end(em, YT_MAP);
	free(seen);
}

static void emit_field_value(struct emit *em, const struct tmpl_field *f,
    const struct ynode *v);

struct fields_ctx {
	const struct tmpl_field *f;
	size_t n;
};

static const char *
fields_name(const void *ctx, size_t i)
{
	return ((const struct fields_ctx *)ctx)->f[i].id;
}

static void
fields_emit(struct emit *em, const void *ctx, size_t i,
    const struct ynode *v)
{
	emit_field_value(em, &((const struct fields_ctx *)ctx)->f[i], v);
}

static void
emit_fields(struct emit *em, const struct tmpl_field *fs, size_t n,
    const struct ynode *m)
{
	struct fields_ctx c = { fs, n };

	if (m->kind != YT_MAP) {
		emit_plain(em, m);
		return;
	}
	emit_ordered(em, m, n, fields_name, fields_emit, &c);
}

static void
emit_field_value(struct emit *em, const struct tmpl_field *f,
    const struct ynode *v)
{
	enum scalar_kind kind = SK_TEXT;
	size_t i;

	if (v->kind == YT_MAP) {
		emit_plain(em, v);	/* not_applicable */
		return;
	}
	if (f->type == TMPL_GROUP && v->kind == YT_SEQ) {
		emit_start(em, YT_SEQ);
		for (i = 0; i < v->n; i++)
			emit_fields(em, f->fields, f->nfields, v->vals[i]);
		emit_end(em, YT_SEQ);
		return;
	}
	if (v->kind != YT_SCALAR) {
		emit_plain(em, v);
		return;
	}
	/* Typed values written as typed, so other YAML readers agree. */
	if ((f->type == TMPL_INTEGER || f->type == TMPL_YESNO ||
	    f->type == TMPL_DATE) && !v->quoted)
		kind = SK_TYPED;
	emit_scalar(em, v, kind);
}

static const char *
sections_name(const void *ctx, size_t i)
{
	return ((const struct tmpl *)ctx)->sections[i].id;
}

static void
sections_emit(struct emit *em, const void *ctx, size_t i,
    const struct ynode *v)
{
	const struct tmpl_section *s = &((const struct tmpl *)ctx)->sections[i];

	emit_fields(em, s->fields, s->nfields, v);
}

static const char *
tmpls_name(const void *ctx, size_t i)
{
	return ((const struct dossier *)ctx)->tmpls[i]->id;
}

static void
tmpls_emit(struct emit *em, const void *ctx, size_t i, const struct ynode *v)
{
	const struct tmpl *t = ((const struct dossier *)ctx)->tmpls[i];

	if (v->kind != YT_MAP) {
		emit_plain(em, v);
		return;
	}
	emit_ordered(em, v, t->nsections, sections_name, sections_emit, t);
}

static const char *const root_keys[] = {
	"format", "templates", "device", "answers", "evidence"
};

static const char *
root_name(const void *ctx, size_t i)
{
	(void)ctx;
	return root_keys[i];
}

static void
root_emit(struct emit *em, const void *ctx, size_t i, const struct ynode *v)
{
	const struct dossier *d = ctx;

	if (i == 3 && v->kind == YT_MAP)
		emit_ordered(em, v, d->ntmpls, tmpls_name, tmpls_emit, d);
	else if (i == 0 && v->kind == YT_SCALAR)
		emit_scalar(em, v, SK_TYPED);
	else
		emit_plain(em, v);
}

char *
dossier_serialize(const struct dossier *d, size_t *len)
{
	struct xbuf out = { NULL, 0, 0 };
	struct emit em;
	yaml_event_t ev;

	memset(&em, 0, sizeof em);
	em.d = d;
	if (!yaml_emitter_initialize(&em.e)) {
		fprintf(stderr, "%s", _("dossier: out of memory\n"));
		exit(3);
	}
	yaml_emitter_set_output(&em.e, out_write, &out);
	yaml_emitter_set_unicode(&em.e, 1);
	yaml_emitter_set_indent(&em.e, 2);
	yaml_emitter_set_width(&em.e, -1);
	yaml_emitter_set_break(&em.e, YAML_LN_BREAK);
	emit_event(&em, &ev, yaml_stream_start_event_initialize(&ev,
	    YAML_UTF8_ENCODING));
	emit_event(&em, &ev, yaml_document_start_event_initialize(&ev, NULL,
	    NULL, NULL, 1));
	emit_ordered(&em, d->root, sizeof root_keys / sizeof root_keys[0],
	    root_name, root_emit, d);
	emit_event(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit_event(&em, &ev, yaml_stream_end_event_initialize(&ev));
	yaml_emitter_flush(&em.e);
	yaml_emitter_delete(&em.e);
	/*
	 * Text is repaired to UTF-8 on the way out, so the emitter can only
	 * fail for want of memory: the allocation policy applies.
	 */
	if (em.failed) {
		fprintf(stderr, "%s", _("dossier: cannot write YAML (out of "
		    "memory or invalid text in the model)\n"));
		exit(3);
	}
	*len = out.len;
	return out.p != NULL ? out.p : xstrdup("");
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int
dossier_save(struct dossier *d, const char *path, int flags,
    struct diag *err)
{
	struct stat now, st;
	char *buf, *copy;
	size_t len;
	int rc;

	if (path == NULL)
		path = d->path;
	if (path == NULL)
		return diag_set(err, DIAG_USAGE, NULL, 0, 0,
		    "no file name to save to");
	if (!(flags & DOSSIER_SAVE_FORCE) && d->have_disk &&
	    d->path != NULL && strcmp(path, d->path) == 0) {
		if (stat(path, &now) < 0)
			return diag_set(err, DIAG_CHANGED, path, 0, 0,
			    "the file was deleted or renamed since it was "
			    "opened");
		if (!same_file(&now, &d->disk))
			return diag_set(err, DIAG_CHANGED, path, 0, 0,
			    "the file was changed by someone else since it "
			    "was opened");
	}
	if (!(flags & DOSSIER_SAVE_READONLY) && stat(path, &now) == 0 &&
	    S_ISREG(now.st_mode) && ((now.st_mode & 0222) == 0 ||
	    access(path, W_OK) < 0))
		return diag_set(err, DIAG_READONLY, path, 0, 0,
		    "the file is read-only");
	buf = dossier_serialize(d, &len);
	rc = store_write_atomic(path, buf, len, &st, err);
	free(buf);
	if (rc < 0 && st.st_nlink == 0)
		return -1;
	if (d->path == NULL || strcmp(path, d->path) == 0) {
		/* path may be d->path itself: copy before freeing. */
		copy = xstrdup(path);
		free(d->path);
		d->path = copy;
		/*
		 * Replaced but not flushed (the folder's fsync failed): the
		 * file is ours now, so the next save must not take it for
		 * someone else's; it stays dirty so that save happens.
		 */
		d->disk = st;
		d->have_disk = 1;
		d->dirty = rc < 0;
	}
	return rc;
}

char *
dossier_comments_note(int comment_line)
{
	/* TRANSLATORS: after a file name; DOSSIER_COMMENTS_NOTE's words. */
	return xasprintf(_("has comments (the first on line %d); saving writes "
	    "the answers afresh and does not keep them: put remarks in an "
	    "answer, or under device: (any key, e.g. note:), which is kept"),
	    comment_line);
}
