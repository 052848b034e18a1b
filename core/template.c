/*
 * Template loading.  Each mapping level (template, section, field, rule)
 * is read through a table of known keys: the table says where a value goes
 * and how it is checked, so a new key is a new row.  Any key not in the
 * table, a value of the wrong shape, a duplicate id or a pattern or
 * condition that does not compile refuses the whole file with the
 * position of the offending node.
 */
#include "config.h"

#include "core/template.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hset.h"
#include "core/sha256hex.h"
#include "core/xalloc.h"
#include "core/ytree.h"

#define TMPL_MAX_SECTIONS 1000
#define TMPL_MAX_FIELDS 1000	/* per section, and per group record */
#define TMPL_MAX_RULES 1000	/* per section */

struct tl {
	const char *path;
	struct diag *err;
	struct tmpl *t;
	struct tmpl_section *sec;	/* being loaded */
	int in_group;
};

static const char *const type_names[] = {
	[TMPL_TEXT] = "text", [TMPL_LONGTEXT] = "longtext",
	[TMPL_CHOICE] = "choice", [TMPL_MULTICHOICE] = "multichoice",
	[TMPL_YESNO] = "yesno", [TMPL_DATE] = "date",
	[TMPL_INTEGER] = "integer", [TMPL_VERSION] = "version",
	[TMPL_FILE] = "file", [TMPL_GROUP] = "group",
};

static const char *const severity_names[] = {
	[TMPL_ERROR] = N_("error"), [TMPL_WARNING] = N_("warning"),
	[TMPL_INFO] = N_("info"),
};

static const char *const prov_names[] = {
	[TMPL_PROV_NONE] = "", [TMPL_PROV_PRIMARY] = "primary",
	[TMPL_PROV_SECONDARY] = "secondary",
	[TMPL_PROV_SUMMARY_ONLY] = "summary-only",
	[TMPL_PROV_INFERRED] = "inferred", [TMPL_PROV_TOPIC] = "topic",
	[TMPL_PROV_PEER] = "peer",
};

/* Words of the condition language cannot be field names. */
static const char *const reserved_words[] = {
	"and", "or", "not", "yes", "no", "true", "false", "null", NULL
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
tmpl_type_name(enum tmpl_type type)
{
	return (size_t)type < NELEM(type_names) ? type_names[type] : "?";
}

const char *
tmpl_severity_name(enum tmpl_severity sev)
{
	return (size_t)sev < NELEM(severity_names) ? severity_names[sev] : "?";
}

const char *
tmpl_prov_name(enum tmpl_prov prov)
{
	return (size_t)prov < NELEM(prov_names) ? prov_names[prov] : "";
}

static int
tl_fail(struct tl *tl, const struct ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
tl_fail(struct tl *tl, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(tl->err, DIAG_TEMPLATE, tl->path,
	    at != NULL ? at->line : 0, at != NULL ? at->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

static int
tl_lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (names[i] != NULL && names[i][0] != '\0' &&
		    strcmp(names[i], s) == 0)
			return (int)i;
	}
	return -1;
}

static int
tl_scalar(struct tl *tl, const struct ynode *v, const char *what)
{
	if (v->kind != YT_SCALAR) {
		tl_fail(tl, v, "%s must be a single value, not %s", what,
		    yt_kind_name(v));
		return diag_retext(tl->err, "%s must be a single value, not "
		    "%s", diag_word(what), diag_word(yt_kind_name(v)));
	}
	return 0;
}

static int
tl_id(struct tl *tl, const struct ynode *v, const char *what,
    const char *extra)
{
	const char *s;

	if (tl_scalar(tl, v, what) < 0)
		return -1;
	if (v->len == 0 || v->len > 64)
		return tl_fail(tl, v, "%s must be 1 to 64 characters", what);
	for (s = v->str; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || (extra != NULL && strchr(extra, *s) != NULL))
			continue;
		return tl_fail(tl, v, "%s '%s' may use only a-z, 0-9, _%s",
		    what, v->str, extra != NULL ? " and -" : "");
	}
	if (tl_lookup(reserved_words, NELEM(reserved_words) - 1, v->str) >= 0)
		return tl_fail(tl, v, "%s '%s' is a reserved word of the "
		    "condition language", what, v->str);
	return 0;
}

/* The generic key table. */

enum tl_kind {
	TK_STR, TK_TEXTID, TK_BOOL, TK_COUNT, TK_STRINGS, TK_COND, TK_PROV,
	TK_SEV, TK_CUSTOM
};

struct tl_key {
	const char *name;
	enum tl_kind kind;
	size_t off;
	int required;
	int (*custom)(struct tl *, const struct ynode *, void *);
};

static int
tl_bool(struct tl *tl, const struct ynode *v, int *out)
{
	if (tl_scalar(tl, v, "this value") < 0)
		return -1;
	if (strcmp(v->str, "true") == 0 || strcmp(v->str, "yes") == 0)
		*out = 1;
	else if (strcmp(v->str, "false") == 0 || strcmp(v->str, "no") == 0)
		*out = 0;
	else
		return tl_fail(tl, v, "expected true or false, found '%s'",
		    v->str);
	return 0;
}

static int
tl_llong(struct tl *tl, const struct ynode *v, long long *out)
{
	char *end;

	if (tl_scalar(tl, v, "this value") < 0)
		return -1;
	errno = 0;
	*out = strtoll(v->str, &end, 10);
	if (v->len > 0 && *end == '\0' && errno == ERANGE)
		return tl_fail(tl, v, "'%s' is out of range (beyond 64 bits)",
		    v->str);
	if (v->len == 0 || *end != '\0' || errno != 0)
		return tl_fail(tl, v, "expected a whole number, found '%s'",
		    v->str);
	return 0;
}

static int
tl_strings(struct tl *tl, const struct ynode *v, struct tmpl_strings *out)
{
	size_t i;

	if (v->kind != YT_SEQ) {
		tl_fail(tl, v, "expected a list, found %s", yt_kind_name(v));
		return diag_retext(tl->err, "expected a list, found %s",
		    diag_word(yt_kind_name(v)));
	}
	out->v = xcalloc(v->n, sizeof *out->v);
	for (i = 0; i < v->n; i++) {
		if (tl_scalar(tl, v->vals[i], "a list item") < 0)
			return -1;
		out->v[out->n++] = xstrdup(v->vals[i]->str);
	}
	return 0;
}

/* Where the first character of a scalar's text sits in the file. */
static int
tl_text_col(const struct ynode *v)
{
	return v->col + (v->quoted ? 1 : 0);
}

static int
tl_cond(struct tl *tl, const struct ynode *v, struct cond **out)
{
	if (tl_scalar(tl, v, "a condition") < 0)
		return -1;
	*out = cond_parse(v->str, tl->path, v->line, tl_text_col(v), tl->err);
	if (*out == NULL) {
		if (tl->err != NULL)
			tl->err->code = DIAG_TEMPLATE;
		return -1;
	}
	return 0;
}

static int
tl_value(struct tl *tl, const struct tl_key *k, const struct ynode *v,
    void *obj)
{
	void *slot = (char *)obj + k->off;
	long long n;
	int i;

	switch (k->kind) {
	case TK_STR:
		if (tl_scalar(tl, v, k->name) < 0)
			return -1;
		*(char **)slot = xstrdup(v->str);
		return 0;
	case TK_TEXTID:
		if (tl_id(tl, v, k->name, NULL) < 0)
			return -1;
		*(char **)slot = xstrdup(v->str);
		return 0;
	case TK_BOOL:
		return tl_bool(tl, v, (int *)slot);
	case TK_COUNT:
		if (tl_llong(tl, v, &n) < 0)
			return -1;
		if (n < 0 || n > LONG_MAX)
			return tl_fail(tl, v, "%s must be 0 or more", k->name);
		*(long *)slot = (long)n;
		return 0;
	case TK_STRINGS:
		return tl_strings(tl, v, (struct tmpl_strings *)slot);
	case TK_COND:
		return tl_cond(tl, v, (struct cond **)slot);
	case TK_PROV:
		if (tl_scalar(tl, v, k->name) < 0)
			return -1;
		i = tl_lookup(prov_names, NELEM(prov_names), v->str);
		if (i < 0)
			return tl_fail(tl, v, "unknown provenance '%s' (known: "
			    "primary, secondary, summary-only, inferred, topic, "
			    "peer)", v->str);
		*(enum tmpl_prov *)slot = (enum tmpl_prov)i;
		return 0;
	case TK_SEV:
		if (tl_scalar(tl, v, k->name) < 0)
			return -1;
		i = tl_lookup(severity_names, NELEM(severity_names), v->str);
		if (i < 0)
			return tl_fail(tl, v, "unknown severity '%s' (known: "
			    "error, warning, info)", v->str);
		*(enum tmpl_severity *)slot = (enum tmpl_severity)i;
		return 0;
	case TK_CUSTOM:
		return k->custom(tl, v, obj);
	}
	return 0;
}

static void
tl_known(const struct tl_key *keys, size_t nkeys, char *buf, size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < nkeys && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    i > 0 ? ", " : "", keys[i].name);
}

/*
 * Read mapping m through a key table.  Values are handled in table order,
 * not file order, so a later key may rely on an earlier one (rules name
 * fields, so 'fields' precedes 'rules' in the section table).
 */
static int
tl_map(struct tl *tl, const struct ynode *m, const char *what,
    const struct tl_key *keys, size_t nkeys, void *obj)
{
	char known[400];
	size_t i, j;
	long at;

	if (m->kind != YT_MAP) {
		tl_fail(tl, m, "%s must be a mapping, not %s", what,
		    yt_kind_name(m));
		return diag_retext(tl->err, "%s must be a mapping, not %s",
		    diag_word(what), diag_word(yt_kind_name(m)));
	}
	for (i = 0; i < m->n; i++) {
		for (j = 0; j < nkeys; j++) {
			if (strcmp(keys[j].name, m->keys[i]->str) == 0)
				break;
		}
		if (j == nkeys) {
			tl_known(keys, nkeys, known, sizeof known);
			tl_fail(tl, m->keys[i],
			    "unknown key '%s' in %s (known: %s)",
			    m->keys[i]->str, what, known);
			return diag_retext(tl->err, "unknown key '%s' in %s "
			    "(known: %s)", m->keys[i]->str, diag_word(what),
			    known);
		}
	}
	for (j = 0; j < nkeys; j++) {
		at = yt_index(m, keys[j].name);
		if (at < 0 && keys[j].required)
			return tl_fail(tl, m, "%s has no '%s'", what,
			    keys[j].name);
		if (at >= 0 && tl_value(tl, &keys[j], m->vals[at], obj) < 0)
			return -1;
	}
	return 0;
}

/* Fields. */

static int tl_fields(struct tl *tl, const struct ynode *v,
    struct tmpl_field **out, size_t *nout, struct tmpl_field *group);

static int
tl_field_type(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;
	int i;

	if (tl_scalar(tl, v, "type") < 0)
		return -1;
	i = tl_lookup(type_names, NELEM(type_names), v->str);
	if (i < 0)
		return tl_fail(tl, v, "unknown field type '%s' (known: text, "
		    "longtext, choice, multichoice, yesno, date, integer, "
		    "version, file, group)", v->str);
	f->type = (enum tmpl_type)i;
	return 0;
}

static int
tl_field_required(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;

	if (tl_scalar(tl, v, "required") < 0)
		return -1;
	if (!v->quoted && (strcmp(v->str, "true") == 0 ||
	    strcmp(v->str, "false") == 0 || strcmp(v->str, "yes") == 0 ||
	    strcmp(v->str, "no") == 0))
		return tl_bool(tl, v, &f->required);
	return tl_cond(tl, v, &f->required_if);
}

static int
tl_field_pattern(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;
	char msg[256];
	size_t off;

	if (tl_scalar(tl, v, "pattern") < 0)
		return -1;
	f->pattern = pattern_compile(v->str, msg, sizeof msg, &off);
	if (f->pattern == NULL)
		return diag_set(tl->err, DIAG_PATTERN, tl->path, v->line,
		    tl_text_col(v) + (int)off, "bad pattern: %s", msg);
	f->pattern_src = xstrdup(v->str);
	f->pattern_line = v->line;
	f->pattern_col = v->col;
	return 0;
}

static int
tl_field_minmax(struct tl *tl, const struct ynode *v, long long *out,
    int *has)
{
	if (tl_llong(tl, v, out) < 0)
		return -1;
	*has = 1;
	return 0;
}

static int
tl_field_min(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;

	return tl_field_minmax(tl, v, &f->min, &f->has_min);
}

static int
tl_field_max(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;

	return tl_field_minmax(tl, v, &f->max, &f->has_max);
}

static int tl_manifest_resolve(struct tl *tl, const struct tmpl_field *g,
    struct tmpl_manifest *m);

static int
tl_field_subfields(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;
	size_t i;

	if (tl->in_group)
		return tl_fail(tl, v, "groups do not nest: a record field "
		    "cannot have fields");
	tl->in_group = 1;
	if (tl_fields(tl, v, &f->fields, &f->nfields, f) < 0) {
		tl->in_group = 0;
		return -1;
	}
	tl->in_group = 0;
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].manifest != NULL &&
		    tl_manifest_resolve(tl, f, f->fields[i].manifest) < 0)
			return -1;
	return 0;
}

/* Dataset manifests (struct tmpl_manifest). */

#define MK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl_manifest, member), req, NULL }
#define DK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl_mdecl, member), req, NULL }

static const struct tl_key mdecl_keys[] = {
	DK("field", TK_TEXTID, field_id, 1),
	DK("role", TK_STR, role, 0),
};

static int
tl_manifest_declares(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_manifest *m = obj;
	size_t i;

	if (v->kind != YT_SEQ) {
		tl_fail(tl, v, "'declares' must be a list, not %s",
		    yt_kind_name(v));
		return diag_retext(tl->err, "'declares' must be a list, not %s",
		    diag_word(yt_kind_name(v)));
	}
	m->decl = xcalloc(v->n + 1, sizeof *m->decl);
	for (i = 0; i < v->n; i++) {
		m->decl[i].line = v->vals[i]->line;
		m->decl[i].col = v->vals[i]->col;
		m->ndecl = i + 1;
		if (tl_map(tl, v->vals[i], N_("a declaration"), mdecl_keys,
		    NELEM(mdecl_keys), &m->decl[i]) < 0)
			return -1;
	}
	return 0;
}

static const struct tl_key manifest_keys[] = {
	MK("key", TK_TEXTID, key_id, 1),
	MK("level", TK_TEXTID, level_id, 0),
	MK("role", TK_TEXTID, role_id, 1),
	MK("name", TK_TEXTID, name_id, 0),
	{ "declares", TK_CUSTOM, 0, 0, tl_manifest_declares },
};

static int
tl_field_manifest(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;

	f->manifest = xcalloc(1, sizeof *f->manifest);
	f->manifest->line = v->line;
	f->manifest->col = v->col;
	return tl_map(tl, v, N_("a manifest"), manifest_keys,
	    NELEM(manifest_keys), f->manifest);
}

static void
tl_manifest_free(struct tmpl_manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	free(m->key_id);
	free(m->level_id);
	free(m->role_id);
	free(m->name_id);
	for (i = 0; i < m->ndecl; i++) {
		free(m->decl[i].field_id);
		free(m->decl[i].role);
	}
	free(m->decl);
	free(m);
}

/* A sibling of a manifest field, of one of the given types. */
static int
tl_sibling(struct tl *tl, const struct tmpl_field *g, const char *id,
    const char *what, int line, int col, unsigned types,
    const struct tmpl_field **out)
{
	const struct tmpl_field *s = tmpl_field_by_id(g->fields, g->nfields,
	    id);

	if (s == NULL)
		return diag_set(tl->err, DIAG_TEMPLATE, tl->path, line, col,
		    "manifest %s '%s' is not a field of the record", what, id);
	if (!(types & (1u << s->type)))
		return diag_set(tl->err, DIAG_TEMPLATE, tl->path, line, col,
		    "manifest %s '%s' is a %s field; it cannot say that",
		    what, id, tmpl_type_name(s->type));
	*out = s;
	return 0;
}

#define TBIT(t) (1u << (t))

static int
tl_manifest_resolve(struct tl *tl, const struct tmpl_field *g,
    struct tmpl_manifest *m)
{
	unsigned text = TBIT(TMPL_TEXT) | TBIT(TMPL_CHOICE);
	size_t i;

	if (tl_sibling(tl, g, m->key_id, "key", m->line, m->col, text,
	    &m->key) < 0 || tl_sibling(tl, g, m->role_id, "role", m->line,
	    m->col, text, &m->role) < 0)
		return -1;
	if (m->level_id != NULL && tl_sibling(tl, g, m->level_id, "level",
	    m->line, m->col, text, &m->level) < 0)
		return -1;
	if (m->name_id != NULL && tl_sibling(tl, g, m->name_id, "name",
	    m->line, m->col, text | TBIT(TMPL_LONGTEXT), &m->name) < 0)
		return -1;
	for (i = 0; i < m->ndecl; i++) {
		struct tmpl_mdecl *d = &m->decl[i];

		if (tl_sibling(tl, g, d->field_id, "declaration", d->line,
		    d->col, TBIT(TMPL_YESNO) | TBIT(TMPL_MULTICHOICE),
		    &d->field) < 0)
			return -1;
		if (d->field->type == TMPL_YESNO && d->role == NULL)
			return diag_set(tl->err, DIAG_TEMPLATE, tl->path,
			    d->line, d->col, "declaration '%s' is a yes/no "
			    "question: say which role it is about (role:)",
			    d->field_id);
		if (d->field->type == TMPL_MULTICHOICE && d->role != NULL)
			return diag_set(tl->err, DIAG_TEMPLATE, tl->path,
			    d->line, d->col, "declaration '%s' lists roles "
			    "itself; leave out role:", d->field_id);
	}
	return 0;
}

/* specify: {option: field id, ...}; checked once the list is loaded. */
static int
tl_field_specify(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;
	size_t i;

	if (v->kind != YT_MAP || v->n == 0)
		return tl_fail(tl, v, "'specify' must be a mapping of option "
		    "to the id of the field that asks what it means");
	f->specify_options.v = xcalloc(v->n, sizeof(char *));
	f->specify_fields.v = xcalloc(v->n, sizeof(char *));
	for (i = 0; i < v->n; i++) {
		if (tl_id(tl, v->vals[i], "specify field", NULL) < 0)
			return -1;
		f->specify_options.v[f->specify_options.n++] =
		    xstrdup(v->keys[i]->str);
		f->specify_fields.v[f->specify_fields.n++] =
		    xstrdup(v->vals[i]->str);
	}
	f->specify_line = v->line;
	f->specify_col = v->col;
	return 0;
}

/* unique: [id, [id, id], ...]: record fields no two records may share. */
static int
tl_field_unique(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_field *f = obj;
	const struct ynode *item, *id;
	struct tmpl_unique *u;
	size_t i, j, n;

	if (f->type != TMPL_GROUP)
		return tl_fail(tl, v, "field '%s': 'unique' belongs to group "
		    "fields", f->id);
	if (v->kind != YT_SEQ || v->n == 0)
		return tl_fail(tl, v, "'unique' must be a non-empty list of "
		    "record field ids, or of lists of them");
	f->unique = xcalloc(v->n, sizeof *f->unique);
	for (i = 0; i < v->n; i++) {
		item = v->vals[i];
		n = item->kind == YT_SEQ ? item->n : 1;
		if (n == 0)
			return tl_fail(tl, item, "an empty list in 'unique'");
		u = &f->unique[f->nunique++];
		u->f = xcalloc(n, sizeof *u->f);
		for (j = 0; j < n; j++) {
			id = item->kind == YT_SEQ ? item->vals[j] : item;
			if (tl_scalar(tl, id, "a record field id") < 0)
				return -1;
			u->f[j] = tmpl_field_by_id(f->fields, f->nfields,
			    id->str);
			if (u->f[j] == NULL)
				return tl_fail(tl, id, "'unique' names '%s', "
				    "which is not a field of group '%s'",
				    id->str, f->id);
			if (u->f[j]->type == TMPL_MULTICHOICE)
				return tl_fail(tl, id, "'unique' compares "
				    "single answers; '%s' is a multichoice",
				    id->str);
			u->n++;
		}
	}
	return 0;
}

#define FK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl_field, member), req, NULL }
#define FC(name, fn, req) { name, TK_CUSTOM, 0, req, fn }

static const struct tl_key field_keys[] = {
	FK("id", TK_TEXTID, id, 1),
	FK("label", TK_STR, label, 1),
	FC("type", tl_field_type, 1),
	FK("options", TK_STRINGS, options, 0),
	FC("specify", tl_field_specify, 0),
	FC("required", tl_field_required, 0),
	FK("when", TK_COND, when, 0),
	FC("pattern", tl_field_pattern, 0),
	FK("pattern_message", TK_STR, pattern_message, 0),
	FK("min_length", TK_COUNT, min_length, 0),
	FK("max_length", TK_COUNT, max_length, 0),
	FK("min_words", TK_COUNT, min_words, 0),
	FC("min", tl_field_min, 0),
	FC("max", tl_field_max, 0),
	FK("min_items", TK_COUNT, min_items, 0),
	FK("max_items", TK_COUNT, max_items, 0),
	FK("allow_na", TK_BOOL, allow_na, 0),
	FK("fact", TK_TEXTID, fact, 0),
	FK("severity", TK_SEV, severity, 0),
	FK("help", TK_STR, help, 0),
	FK("example", TK_STR, example, 0),
	FK("start_from", TK_STR, start_from, 0),
	FK("clause", TK_STR, clause, 0),
	FK("provenance", TK_PROV, prov, 0),
	FK("crosswalk", TK_STRINGS, crosswalk, 0),
	FC("fields", tl_field_subfields, 0),
	FC("unique", tl_field_unique, 0),	/* after 'fields' */
	FK("key", TK_TEXTID, key_id, 0),
	FK("change_impact", TK_STR, change_impact, 0),
	FK("change_provenance", TK_PROV, change_prov, 0),
	FC("manifest", tl_field_manifest, 0),
};

static int
tl_is_texty(enum tmpl_type t)
{
	return t == TMPL_TEXT || t == TMPL_LONGTEXT || t == TMPL_VERSION ||
	    t == TMPL_FILE;
}

/* Not "template.section.field" (three parts, none empty)? */
static int
tl_bad_ref(const char *s)
{
	const char *a = strchr(s, '.'), *b = a != NULL ? strchr(a + 1, '.') :
	    NULL;

	return a == NULL || b == NULL || a == s || b == a + 1 ||
	    b[1] == '\0' || strchr(b + 1, '.') != NULL;
}

/* Constraints that do not fit the field's type are mistakes: say so. */
static int
tl_field_check(struct tl *tl, const struct ynode *m, struct tmpl_field *f)
{
	int choice = f->type == TMPL_CHOICE || f->type == TMPL_MULTICHOICE;
	size_t i;

	if (choice && f->options.n == 0)
		return tl_fail(tl, m, "field '%s': a %s needs a non-empty "
		    "'options' list", f->id, tmpl_type_name(f->type));
	if (!choice && yt_get(m, "options") != NULL)
		return tl_fail(tl, yt_get(m, "options"), "field '%s': "
		    "'options' belongs to choice and multichoice fields", f->id);
	if (choice) {
		/* A set, not a nested loop: linear in the number of options. */
		f->optset = hset_new();
		for (i = 0; i < f->options.n; i++)
			if (!hset_add(f->optset, f->options.v[i]))
				return tl_fail(tl, yt_get(m, "options")->vals[i],
				    "field '%s': option '%s' is listed twice",
				    f->id, f->options.v[i]);
	}
	if (f->manifest != NULL && (f->type != TMPL_FILE || !tl->in_group))
		return tl_fail(tl, yt_get(m, "manifest"), "field '%s': "
		    "'manifest' belongs to a file field of a group record",
		    f->id);
	if (f->type == TMPL_GROUP && f->nfields == 0)
		return tl_fail(tl, m, "field '%s': a group needs 'fields'",
		    f->id);
	if (f->type != TMPL_GROUP && yt_get(m, "fields") != NULL)
		return tl_fail(tl, yt_get(m, "fields"), "field '%s': only a "
		    "group has 'fields'", f->id);
	if (f->pattern != NULL && !tl_is_texty(f->type) &&
	    f->type != TMPL_DATE)
		return tl_fail(tl, yt_get(m, "pattern"), "field '%s': a "
		    "pattern applies to text, longtext, version, file and date "
		    "fields", f->id);
	if ((f->min_length >= 0 || f->max_length >= 0) && !tl_is_texty(f->type))
		return tl_fail(tl, m, "field '%s': min_length/max_length apply "
		    "to text fields", f->id);
	if (f->min_words >= 0 && f->type != TMPL_TEXT &&
	    f->type != TMPL_LONGTEXT)
		return tl_fail(tl, m, "field '%s': min_words applies to text "
		    "and longtext fields", f->id);
	for (i = 0; i < f->specify_options.n; i++) {
		const struct ynode *sp = yt_get(m, "specify");

		if (!choice)
			return tl_fail(tl, sp, "field '%s': 'specify' belongs "
			    "to choice and multichoice fields", f->id);
		if (!hset_has(f->optset, f->specify_options.v[i],
		    strlen(f->specify_options.v[i])))
			return tl_fail(tl, sp->keys[i], "field '%s': 'specify' "
			    "names '%s', which is not one of its options",
			    f->id, f->specify_options.v[i]);
	}
	if (f->fact != NULL && f->group != NULL)
		return tl_fail(tl, yt_get(m, "fact"), "field '%s': a record "
		    "field cannot be a device fact (each record would need "
		    "its own)", f->id);
	if (f->fact != NULL && f->type != TMPL_TEXT &&
	    f->type != TMPL_LONGTEXT)
		return tl_fail(tl, yt_get(m, "fact"), "field '%s': 'fact' "
		    "applies to text and longtext fields", f->id);
	if (f->fact != NULL && f->allow_na)
		return tl_fail(tl, yt_get(m, "allow_na"), "field '%s': a "
		    "device fact cannot be marked not applicable", f->id);
	if ((f->has_min || f->has_max) && f->type != TMPL_INTEGER)
		return tl_fail(tl, m, "field '%s': min/max apply to integer "
		    "fields", f->id);
	if ((f->min_items >= 0 || f->max_items >= 0) &&
	    f->type != TMPL_MULTICHOICE && f->type != TMPL_GROUP)
		return tl_fail(tl, m, "field '%s': min_items/max_items apply "
		    "to multichoice and group fields", f->id);
	if (f->has_min && f->has_max && f->min > f->max)
		return tl_fail(tl, m, "field '%s': min is above max", f->id);
	if (f->start_from != NULL && f->type == TMPL_GROUP)
		return tl_fail(tl, yt_get(m, "start_from"), "field '%s': a "
		    "group's records cannot start from another answer", f->id);
	if (f->start_from != NULL && tl_bad_ref(f->start_from))
		return tl_fail(tl, yt_get(m, "start_from"), "field '%s': "
		    "start_from names a question as template.section.field, "
		    "e.g. tr-007.qualification.software_function", f->id);
	if (f->key_id != NULL && f->type != TMPL_GROUP)
		return tl_fail(tl, yt_get(m, "key"), "field '%s': 'key' "
		    "belongs to group fields", f->id);
	if (f->type == TMPL_GROUP) {
		f->key = f->key_id != NULL ? tmpl_field_by_id(f->fields,
		    f->nfields, f->key_id) : &f->fields[0];
		if (f->key == NULL)
			return tl_fail(tl, yt_get(m, "key"), "field '%s': "
			    "'key' names no field of the record (%s)", f->id,
			    f->key_id);
	}
	if (f->change_impact != NULL && strcmp(f->change_impact, "major") != 0 &&
	    strcmp(f->change_impact, "minor") != 0)
		return tl_fail(tl, yt_get(m, "change_impact"), "field '%s': "
		    "change_impact is major or minor, not '%s'", f->id,
		    f->change_impact);
	if (f->min_length >= 0 && f->max_length >= 0 &&
	    f->min_length > f->max_length)
		return tl_fail(tl, m, "field '%s': min_length is above "
		    "max_length", f->id);
	if (f->min_items >= 0 && f->max_items >= 0 &&
	    f->min_items > f->max_items)
		return tl_fail(tl, m, "field '%s': min_items is above "
		    "max_items", f->id);
	return 0;
}

/* Append s to *buf as a condition string literal. */
static void
tl_cond_quote(char **buf, const char *s)
{
	char *q, *o;

	q = xmalloc(strlen(s) * 2 + 3);
	o = q;
	*o++ = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	o = xasprintf("%s%s", *buf, q);
	free(*buf);
	free(q);
	*buf = o;
}

/*
 * The fields that src's 'specify' names: in the same list, text or
 * longtext, explaining no other choice, with no 'when' or 'required' of
 * their own.  Each gets when: has(src, "option") or ..., and required.
 */
static int
tl_specify_targets(struct tl *tl, const struct ynode *list,
    struct tmpl_field *fs, size_t n, struct tmpl_field *src)
{
	struct tmpl_field *t;
	const struct ynode *tm;
	char *cond, *next;
	size_t i, j, k;

	for (i = 0; i < src->specify_fields.n; i++) {
		const char *id = src->specify_fields.v[i];

		for (j = 0; j < i; j++)
			if (strcmp(src->specify_fields.v[j], id) == 0)
				break;
		if (j < i)
			continue;	/* done with the first option naming it */
		for (t = NULL, k = 0; k < n && t == NULL; k++)
			if (strcmp(fs[k].id, id) == 0)
				t = &fs[k];
		if (t == NULL)
			return diag_set(tl->err, DIAG_TEMPLATE, tl->path,
			    src->specify_line, src->specify_col, "field '%s': "
			    "'specify' names field '%s', which is not in the "
			    "same %s", src->id, id, src->group != NULL ?
			    "record" : "section");
		tm = list->vals[t->index];
		if (t->type != TMPL_TEXT && t->type != TMPL_LONGTEXT)
			return tl_fail(tl, tm, "field '%s' explains a choice of "
			    "'%s' ('specify'), so it must be text or longtext",
			    t->id, src->id);
		if (t->specifies != NULL)
			return tl_fail(tl, tm, "field '%s' is named in the "
			    "'specify' of both '%s' and '%s'", t->id,
			    t->specifies->id, src->id);
		if (yt_get(tm, "when") != NULL || yt_get(tm, "required") != NULL)
			return tl_fail(tl, tm, "field '%s' is named in the "
			    "'specify' of '%s', which decides when it is asked: "
			    "remove its own 'when' and 'required'", t->id,
			    src->id);
		cond = xstrdup("");
		for (j = i; j < src->specify_fields.n; j++) {
			if (strcmp(src->specify_fields.v[j], id) != 0)
				continue;
			next = xasprintf("%s%shas(%s, ", cond,
			    cond[0] != '\0' ? " or " : "", src->id);
			free(cond);
			cond = next;
			tl_cond_quote(&cond, src->specify_options.v[j]);
			next = xasprintf("%s)", cond);
			free(cond);
			cond = next;
		}
		t->when = cond_parse(cond, tl->path, src->specify_line,
		    src->specify_col, tl->err);
		free(cond);
		if (t->when == NULL) {
			if (tl->err != NULL)
				tl->err->code = DIAG_TEMPLATE;
			return -1;
		}
		t->required = 1;
		t->specifies = src;
	}
	return 0;
}

static int
tl_fields(struct tl *tl, const struct ynode *v, struct tmpl_field **out,
    size_t *nout, struct tmpl_field *group)
{
	struct tmpl_field *fs;
	struct hset *ids;
	size_t i, j, *first;

	if (v->kind != YT_SEQ) {
		tl_fail(tl, v, "'fields' must be a list, not %s",
		    yt_kind_name(v));
		return diag_retext(tl->err, "'fields' must be a list, not %s",
		    diag_word(yt_kind_name(v)));
	}
	if (v->n > TMPL_MAX_FIELDS)
		return tl_fail(tl, v, "more than %d fields (limit)",
		    TMPL_MAX_FIELDS);
	fs = xcalloc(v->n, sizeof *fs);
	*out = fs;
	ids = hset_new();
	for (i = 0; i < v->n; i++) {
		struct tmpl_field *f = &fs[i];

		f->min_length = f->max_length = -1;
		f->min_items = f->max_items = -1;
		f->min_words = -1;
		f->section = tl->sec;
		f->group = group;
		f->index = i;
		f->line = v->vals[i]->line;
		f->col = v->vals[i]->col;
		*nout = i + 1;
		if (tl_map(tl, v->vals[i], N_("a field"), field_keys,
		    NELEM(field_keys), f) < 0)
			goto fail;
		if (tl_field_check(tl, v->vals[i], f) < 0)
			goto fail;
		/* The slot holds index + 1 of the first field with the id. */
		first = hset_slot(ids, f->id, strlen(f->id), NULL);
		if (*first != 0) {
			j = *first - 1;
			tl_fail(tl, yt_get(v->vals[i], "id"), "duplicate field "
			    "id '%s' (first at %d:%d)", f->id, fs[j].line,
			    fs[j].col);
			goto fail;
		}
		*first = i + 1;
	}
	hset_free(ids);
	for (i = 0; i < v->n; i++) {
		if (tl_specify_targets(tl, v, fs, v->n, &fs[i]) < 0)
			return -1;
	}
	return 0;
fail:
	hset_free(ids);
	return -1;
}

/* Rules. */

static int
tl_rule_field(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_rule *r = obj;
	const struct tmpl_field *f;

	if (tl_scalar(tl, v, "field") < 0)
		return -1;
	f = tmpl_field_by_id(tl->sec->fields, tl->sec->nfields, v->str);
	if (f == NULL)
		return tl_fail(tl, v, "rule points at field '%s', which section "
		    "'%s' does not have", v->str, tl->sec->id);
	r->field = f;
	return 0;
}

static int
tl_rule_id(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_rule *r = obj;

	if (tl_id(tl, v, "rule id", "-") < 0)
		return -1;
	r->id = xstrdup(v->str);
	return 0;
}

#define RK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl_rule, member), req, NULL }

static const struct tl_key rule_keys[] = {
	FC("id", tl_rule_id, 1),
	RK("assert", TK_COND, assert, 1),
	RK("message", TK_STR, message, 1),
	RK("severity", TK_SEV, severity, 0),
	RK("clause", TK_STR, clause, 0),
	RK("provenance", TK_PROV, prov, 0),
	FC("field", tl_rule_field, 0),
	RK("when", TK_COND, when, 0),
	RK("crosswalk", TK_STRINGS, crosswalk, 0),
};

static int
tl_rules(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_section *s = obj;
	size_t i;

	if (v->kind != YT_SEQ) {
		tl_fail(tl, v, "'rules' must be a list, not %s",
		    yt_kind_name(v));
		return diag_retext(tl->err, "'rules' must be a list, not %s",
		    diag_word(yt_kind_name(v)));
	}
	if (v->n > TMPL_MAX_RULES)
		return tl_fail(tl, v, "more than %d rules (limit)",
		    TMPL_MAX_RULES);
	s->rules = xcalloc(v->n, sizeof *s->rules);
	for (i = 0; i < v->n; i++) {
		struct tmpl_rule *r = &s->rules[i];

		r->section = s;
		r->index = i;
		r->line = v->vals[i]->line;
		r->col = v->vals[i]->col;
		s->nrules = i + 1;
		if (tl_map(tl, v->vals[i], N_("a rule"), rule_keys,
		    NELEM(rule_keys), r) < 0)
			return -1;
	}
	return 0;
}

/* Sections. */

static int
tl_section_fields(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl_section *s = obj;

	return tl_fields(tl, v, &s->fields, &s->nfields, NULL);
}

#define SK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl_section, member), req, NULL }

/* 'rules' name fields by id, so 'fields' must come first. */
static const struct tl_key section_keys[] = {
	SK("id", TK_TEXTID, id, 1),
	SK("title", TK_STR, title, 1),
	SK("clause", TK_STR, clause, 0),
	SK("provenance", TK_PROV, prov, 0),
	SK("help", TK_STR, help, 0),
	SK("when", TK_COND, when, 0),
	SK("crosswalk", TK_STRINGS, crosswalk, 0),
	FC("fields", tl_section_fields, 1),
	FC("rules", tl_rules, 0),
};

static int
tl_section(struct tl *tl, const struct ynode *m, struct tmpl_section *s)
{
	tl->sec = s;
	return tl_map(tl, m, N_("a section"), section_keys, NELEM(section_keys),
	    s);
}

static int
tl_sections(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl *t = obj;
	struct hset *ids;
	size_t i, j, *first;

	if (v->kind != YT_SEQ || v->n == 0)
		return tl_fail(tl, v, "'sections' must be a non-empty list");
	if (v->n > TMPL_MAX_SECTIONS)
		return tl_fail(tl, v, "more than %d sections (limit)",
		    TMPL_MAX_SECTIONS);
	t->sections = xcalloc(v->n, sizeof *t->sections);
	ids = hset_new();
	for (i = 0; i < v->n; i++) {
		struct tmpl_section *s = &t->sections[i];

		s->tmpl = t;
		s->index = i;
		s->line = v->vals[i]->line;
		s->col = v->vals[i]->col;
		t->nsections = i + 1;
		if (tl_section(tl, v->vals[i], s) < 0)
			goto fail;
		first = hset_slot(ids, s->id, strlen(s->id), NULL);
		if (*first != 0) {
			j = *first - 1;
			tl_fail(tl, yt_get(v->vals[i], "id"), "duplicate "
			    "section id '%s' (first at %d:%d)", s->id,
			    t->sections[j].line, t->sections[j].col);
			goto fail;
		}
		*first = i + 1;
	}
	hset_free(ids);
	return 0;
fail:
	hset_free(ids);
	return -1;
}

static int
tl_tmpl_id(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl *t = obj;

	if (tl_id(tl, v, "template id", "-") < 0)
		return -1;
	t->id = xstrdup(v->str);
	return 0;
}

static int
tl_tmpl_edition(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl *t = obj;

	if (tl_scalar(tl, v, "edition") < 0)
		return -1;
	/* Like an id: it is printed, joined to the id, and typed by people. */
	if (v->len == 0 || v->len > 64 || strspn(v->str, "ABCDEFGHIJKLMNOPQRST"
	    "UVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != v->len)
		return tl_fail(tl, v, "edition '%s' must be 1 to 64 characters "
		    "from A-Z, a-z, 0-9, '.', '_' and '-'", v->str);
	t->edition = xstrdup(v->str);
	return 0;
}

static int
tl_tmpl_status(struct tl *tl, const struct ynode *v, void *obj)
{
	struct tmpl *t = obj;

	if (yt_is_scalar(v, "draft"))
		t->draft = 1;
	else if (yt_is_scalar(v, "checked"))
		t->draft = 0;
	else
		return tl_fail(tl, v, "status must be 'draft' or 'checked'");
	return 0;
}

#define TK(name, kind, member, req) \
	{ name, kind, offsetof(struct tmpl, member), req, NULL }

static const struct tl_key tmpl_keys[] = {
	FC("id", tl_tmpl_id, 1),
	FC("edition", tl_tmpl_edition, 1),
	TK("title", TK_STR, title, 1),
	TK("source", TK_STR, source, 0),
	FC("status", tl_tmpl_status, 0),
	TK("note", TK_STR, note, 0),
	TK("jurisdiction", TK_STR, jurisdiction, 0),
	TK("description", TK_STR, description, 0),
	TK("order", TK_COUNT, order, 0),
	FC("sections", tl_sections, 1),
};

struct tmpl *
tmpl_load_buffer(const char *buf, size_t len, const char *name,
    struct diag *err)
{
	struct ynode *root;
	struct tmpl *t;
	struct tl tl;

	root = yt_read_buffer(buf, len, name, err);
	if (root == NULL)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->order = TMPL_ORDER_DEFAULT;
	t->path = xstrdup(name);
	sha256hex_buf(buf, len, t->sha256);
	memset(&tl, 0, sizeof tl);
	tl.path = name;
	tl.err = err;
	tl.t = t;
	if (tl_map(&tl, root, N_("a template"), tmpl_keys, NELEM(tmpl_keys),
	    t) < 0) {
		if (err != NULL && err->code == DIAG_SCHEMA)
			err->code = DIAG_TEMPLATE;
		tmpl_free(t);
		t = NULL;
	}
	yt_free(root);
	return t;
}

struct tmpl *
tmpl_load_file(const char *path, struct diag *err)
{
	struct tmpl *t;
	size_t len;
	char *buf;

	buf = yt_slurp(path, &len, err);
	if (buf == NULL)
		return NULL;
	t = tmpl_load_buffer(buf, len, path, err);
	free(buf);
	return t;
}

static void
tmpl_strings_free(struct tmpl_strings *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void
tmpl_fields_free(struct tmpl_field *fs, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct tmpl_field *f = &fs[i];

		free(f->id);
		free(f->label);
		free(f->help);
		free(f->example);
		free(f->start_from);
		free(f->clause);
		free(f->fact);
		tmpl_strings_free(&f->crosswalk);
		tmpl_strings_free(&f->options);
		hset_free(f->optset);
		tmpl_strings_free(&f->specify_options);
		tmpl_strings_free(&f->specify_fields);
		for (j = 0; j < f->nunique; j++)
			free(f->unique[j].f);
		free(f->unique);
		cond_free(f->required_if);
		cond_free(f->when);
		pattern_free(f->pattern);
		free(f->pattern_src);
		free(f->pattern_message);
		free(f->key_id);
		free(f->change_impact);
		tl_manifest_free(f->manifest);
		tmpl_fields_free(f->fields, f->nfields);
	}
	free(fs);
}

void
tmpl_free(struct tmpl *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	tmpl_translations_free(t);
	for (i = 0; i < t->nsections; i++) {
		struct tmpl_section *s = &t->sections[i];

		free(s->id);
		free(s->title);
		free(s->clause);
		free(s->help);
		cond_free(s->when);
		tmpl_strings_free(&s->crosswalk);
		tmpl_fields_free(s->fields, s->nfields);
		for (j = 0; j < s->nrules; j++) {
			struct tmpl_rule *r = &s->rules[j];

			free(r->id);
			cond_free(r->assert);
			cond_free(r->when);
			free(r->message);
			free(r->clause);
			tmpl_strings_free(&r->crosswalk);
		}
		free(s->rules);
	}
	free(t->sections);
	free(t->id);
	free(t->edition);
	free(t->title);
	free(t->source);
	free(t->note);
	free(t->jurisdiction);
	free(t->description);
	free(t->path);
	free(t);
}

/* Lookups. */

const struct tmpl_section *
tmpl_section_by_id(const struct tmpl *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->nsections; i++)
		if (strcmp(t->sections[i].id, id) == 0)
			return &t->sections[i];
	return NULL;
}

const struct tmpl_field *
tmpl_field_by_id(const struct tmpl_field *fields, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fields[i].id, id) == 0)
			return &fields[i];
	return NULL;
}

const char *
tmpl_field_clause(const struct tmpl_field *f)
{
	if (f->clause != NULL)
		return f->clause;
	if (f->group != NULL && f->group->clause != NULL)
		return f->group->clause;
	return f->section->clause;
}

enum tmpl_prov
tmpl_field_prov(const struct tmpl_field *f)
{
	if (f->clause != NULL)
		return f->prov;
	if (f->group != NULL && f->group->clause != NULL)
		return f->group->prov;
	return f->section->prov;
}

const char *
tmpl_rule_clause(const struct tmpl_rule *r)
{
	return r->clause != NULL ? r->clause : r->section->clause;
}

enum tmpl_prov
tmpl_rule_prov(const struct tmpl_rule *r)
{
	return r->clause != NULL ? r->prov : r->section->prov;
}

/* The set, and binding condition names to fields. */

struct tmpl_set *
tmpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_set));
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

struct tmpl *
tmpl_set_find(const struct tmpl_set *set, const char *id,
    const char *edition)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (strcmp(set->t[i]->id, id) == 0 && (edition == NULL ||
		    strcmp(set->t[i]->edition, edition) == 0))
			return set->t[i];
	}
	return NULL;
}

int
tmpl_set_add(struct tmpl_set *set, struct tmpl *t, struct diag *err)
{
	struct tmpl *old = tmpl_set_find(set, t->id, t->edition);

	if (old != NULL)
		return diag_set(err, DIAG_TEMPLATE, t->path, 0, 0,
		    "template %s:%s is also defined in %s", t->id, t->edition,
		    old->path);
	set->t = xreallocarray(set->t, set->n + 1, sizeof *set->t);
	set->t[set->n++] = t;
	return 0;
}

struct resolve_ctx {
	const struct tmpl_set *set;
	const struct tmpl *t;
	const struct tmpl_section *s;
};

/* tmpl_field_by_id for the resolver, which stores a mutable target. */
static struct tmpl_field *
find_field(struct tmpl_field *fs, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fs[i].id, id) == 0)
			return &fs[i];
	return NULL;
}

static int
resolve_ref(void *vctx, void *scope, struct cond_ref *ref, struct diag *err)
{
	struct resolve_ctx *ctx = vctx;
	const struct tmpl_field *group = scope;
	struct tmpl_field *f = NULL;
	const struct tmpl_section *s = ctx->s;
	const struct tmpl *t = ctx->t;

	if (ref->nparts == 3) {
		t = tmpl_set_find(ctx->set, ref->parts[0], NULL);
		if (t == NULL)
			return diag_set(err, DIAG_TEMPLATE, ctx->t->path,
			    ref->line, ref->col, "'%s' names template '%s', "
			    "which is not loaded", ref->text, ref->parts[0]);
	}
	if (ref->nparts >= 2) {
		s = tmpl_section_by_id(t, ref->parts[ref->nparts - 2]);
		if (s == NULL)
			return diag_set(err, DIAG_TEMPLATE, ctx->t->path,
			    ref->line, ref->col, "'%s' names section '%s', "
			    "which template '%s' does not have", ref->text,
			    ref->parts[ref->nparts - 2], t->id);
	}
	if (ref->nparts == 1 && group != NULL)
		f = find_field(group->fields, group->nfields,
		    ref->parts[0]);
	if (f == NULL)
		f = find_field(s->fields, s->nfields,
		    ref->parts[ref->nparts - 1]);
	if (f == NULL)
		return diag_set(err, DIAG_TEMPLATE, ctx->t->path, ref->line,
		    ref->col, "'%s' is not a field of section '%s'%s",
		    ref->text, s->id, group != NULL ? " or of this group's "
		    "records" : "");
	ref->target = f;
	ref->kind = f->type == TMPL_GROUP ? COND_REF_GROUP : COND_REF_VALUE;
	return 0;
}

static int
resolve_one(struct resolve_ctx *ctx, struct cond *c, void *scope,
    struct diag *err)
{
	if (c == NULL)
		return 0;
	if (cond_resolve(c, resolve_ref, ctx, scope, err) < 0) {
		if (err != NULL)
			err->code = DIAG_TEMPLATE;
		return -1;
	}
	return 0;
}

static int
resolve_fields(struct resolve_ctx *ctx, struct tmpl_field *fs, size_t n,
    struct tmpl_field *group, struct diag *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (resolve_one(ctx, fs[i].when, group, err) < 0 ||
		    resolve_one(ctx, fs[i].required_if, group, err) < 0 ||
		    resolve_fields(ctx, fs[i].fields, fs[i].nfields, &fs[i],
		    err) < 0)
			return -1;
	}
	return 0;
}

/*
 * Insertion sort: stable, so equal keys keep load order (an earlier
 * folder's edition first), and sets are a handful of templates.
 */
static void
set_sort(struct tmpl_set *set)
{
	struct tmpl *t;
	size_t i, j;

	for (i = 1; i < set->n; i++) {
		t = set->t[i];
		for (j = i; j > 0 && (set->t[j - 1]->order > t->order ||
		    (set->t[j - 1]->order == t->order &&
		    strcmp(set->t[j - 1]->id, t->id) > 0)); j--)
			set->t[j] = set->t[j - 1];
		set->t[j] = t;
	}
}

int
tmpl_set_resolve(struct tmpl_set *set, struct diag *err)
{
	struct resolve_ctx ctx;
	size_t i, j, k;

	set_sort(set);
	ctx.set = set;
	for (i = 0; i < set->n; i++) {
		ctx.t = set->t[i];
		for (j = 0; j < set->t[i]->nsections; j++) {
			struct tmpl_section *s = &set->t[i]->sections[j];

			ctx.s = s;
			if (resolve_one(&ctx, s->when, NULL, err) < 0 ||
			    resolve_fields(&ctx, s->fields, s->nfields, NULL,
			    err) < 0)
				return -1;
			for (k = 0; k < s->nrules; k++) {
				if (resolve_one(&ctx, s->rules[k].assert, NULL,
				    err) < 0 || resolve_one(&ctx,
				    s->rules[k].when, NULL, err) < 0)
					return -1;
			}
		}
	}
	return 0;
}

static int
tl_is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.' || tmpl_is_translation_name(name))
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
tl_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* File names of a folder's templates, sorted; NULL with err on failure. */
static char **
tl_list_dir(const char *dir, size_t *n, struct diag *err)
{
	struct dirent *de;
	char **names = NULL;
	DIR *d;

	*n = 0;
	d = opendir(dir);
	if (d == NULL) {
		diag_set(err, DIAG_IO, dir, 0, 0,
		    "cannot read template folder: %s", strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (!tl_is_yaml_name(de->d_name))
			continue;
		names = xreallocarray(names, *n + 1, sizeof *names);
		names[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof *names, tl_cmp_names);
	if (names == NULL)
		names = xcalloc(1, sizeof *names);
	return names;
}

/* Is t's id:edition in set->t[0..first), that is, from an earlier folder? */
static int
tl_from_earlier_folder(const struct tmpl_set *set, size_t first,
    const struct tmpl *t)
{
	size_t i;

	for (i = 0; i < first; i++)
		if (strcmp(set->t[i]->id, t->id) == 0 &&
		    strcmp(set->t[i]->edition, t->edition) == 0)
			return 1;
	return 0;
}

static int
tl_load_dir(struct tmpl_set *set, const char *dir, int required,
    struct diag *err)
{
	size_t i, n, first = set->n;
	char **names;
	int rc = 0;

	names = tl_list_dir(dir, &n, required ? err : NULL);
	if (names == NULL)
		return required ? -1 : 0;
	for (i = 0; i < n; i++) {
		struct tmpl *t;

		if (rc == 0) {
			t = tmpl_load_file(names[i], err);
			if (t != NULL && tmpl_load_translations(t, err) < 0) {
				tmpl_free(t);
				t = NULL;
			}
			if (t == NULL)
				rc = -1;
			else if (tl_from_earlier_folder(set, first, t))
				tmpl_free(t);	/* an earlier folder wins */
			else if ((rc = tmpl_set_add(set, t, err)) < 0)
				tmpl_free(t);	/* twice in this folder */
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

struct tmpl_set *
tmpl_set_load(const char *const *dirs, size_t ndirs, int required,
    struct diag *err)
{
	struct tmpl_set *set = tmpl_set_new();
	size_t i;

	for (i = 0; i < ndirs; i++) {
		if (tl_load_dir(set, dirs[i], required, err) < 0) {
			tmpl_set_free(set);
			return NULL;
		}
	}
	if (tmpl_set_resolve(set, err) < 0) {
		tmpl_set_free(set);
		return NULL;
	}
	return set;
}
