/*
 * check --format json: one dossier's report.  At the value limit that is
 * ten million findings and as many checklist items, gigabytes of JSON, so
 * it is written through one buffer (an fwrite per megabyte) and the text
 * findings share is escaped once: a finding's fields up to its path, the
 * fixed parts of a record's path and a shared message are cached by the
 * pointers they come from.  The output is what the printf-per-field
 * writer gave, byte for byte (tests/unit/test_verdict, verbs.sh).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/flist.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "tui/cli.h"

#define JB_FLUSH (1u << 20)

struct jb {
	char *b;
	size_t n, cap;
	int grow;		/* a string being built, not output */
};

static void
jb_flush(struct jb *j)
{
	if (j->n > 0)
		(void)fwrite(j->b, 1, j->n, stdout);
	j->n = 0;
}

static void
jb_put(struct jb *j, const char *s, size_t len)
{
	if (j->grow && j->n + len > j->cap) {
		while (j->n + len > j->cap)
			j->cap *= 2;
		j->b = xreallocarray(j->b, j->cap, 1);
	}
	if (j->n + len > j->cap) {
		jb_flush(j);
		if (len > j->cap) {
			(void)fwrite(s, 1, len, stdout);
			return;
		}
	}
	memcpy(j->b + j->n, s, len);
	j->n += len;
}

static void
jb_s(struct jb *j, const char *s)
{
	jb_put(j, s, strlen(s));
}

static void
jb_num(struct jb *j, long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	jb_put(j, p, (size_t)(tmp + sizeof tmp - p));
}

/* Printable ASCII without quote or backslash: JSON as it is. */
static int
plain(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

/* s as a JSON string's contents. */
static void
jb_esc(struct jb *j, const char *s)
{
	char *e;

	if (plain(s)) {
		jb_s(j, s);
		return;
	}
	e = text_json(s);
	jb_s(j, e);
	free(e);
}

/* "key": "val", (or null) as cli.c's json_str writes it. */
static void
jb_kv(struct jb *j, const char *key, const char *val, int comma)
{
	jb_put(j, "\"", 1);
	jb_s(j, key);
	if (val == NULL) {
		jb_put(j, "\": null", 7);
	} else {
		jb_put(j, "\": \"", 4);
		jb_esc(j, val);
		jb_put(j, "\"", 1);
	}
	if (comma)
		jb_put(j, ", ", 2);
}

/* A string built in a second buffer, to be cached. */
static char *
jb_take(struct jb *j, size_t *len)
{
	char *s = xmalloc(j->n + 1);

	memcpy(s, j->b, j->n);
	s[j->n] = '\0';
	*len = j->n;
	j->n = 0;
	return s;
}

/* What a finding's JSON up to its path's value depends on. */
struct fkey {
	intptr_t sev, prov;
	const void *tmpl, *clause, *section, *field, *rule;
};

#define NCACHE 256

struct fentry {
	int used;
	struct fkey key;
	char *head;		/* `{"severity": ... "path": ` */
	size_t headlen;
	char *pre, *suf;	/* a record's path around its number, or NULL */
	size_t prelen, suflen;
};

struct mentry {
	const char *msg;	/* shared message, by pointer */
	char *json;
	size_t len;
};

struct jout {
	struct jb out, tmp;
	struct fentry f[NCACHE];
	struct mentry m[NCACHE];
	struct fentry item[NCACHE];	/* item paths by field */
	size_t nitems;
};

static size_t
hash_ptr(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9E3779B1u;
	return (size_t)(v >> 7) % NCACHE;
}

/* Record path "t.s.g[" and "].f" around the number, if plain. */
static void
record_path_parts(struct jout *o, const struct tmpl_field *f,
    struct fentry *e)
{
	const struct tmpl_section *s = f->group->section;
	size_t len;

	if (!plain(s->tmpl->id) || !plain(s->id) || !plain(f->group->id) ||
	    !plain(f->id))
		return;
	jb_s(&o->tmp, s->tmpl->id);
	jb_put(&o->tmp, ".", 1);
	jb_s(&o->tmp, s->id);
	jb_put(&o->tmp, ".", 1);
	jb_s(&o->tmp, f->group->id);
	jb_put(&o->tmp, "[", 1);
	e->pre = jb_take(&o->tmp, &len);
	e->prelen = len;
	jb_put(&o->tmp, "].", 2);
	jb_s(&o->tmp, f->id);
	e->suf = jb_take(&o->tmp, &len);
	e->suflen = len;
}

static void
entry_clear(struct fentry *e)
{
	free(e->head);
	free(e->pre);
	free(e->suf);
	memset(e, 0, sizeof *e);
}

static const struct fentry *
finding_head(struct jout *o, const struct finding *f)
{
	struct fkey k;
	struct fentry *e;
	char *clause = NULL;

	memset(&k, 0, sizeof k);
	k.sev = f->sev;
	k.prov = f->prov;
	k.tmpl = f->tmpl;
	k.clause = f->clause;
	k.section = f->section;
	k.field = f->field;
	k.rule = f->rule;
	e = &o->f[(hash_ptr(f->field) + hash_ptr(f->rule) * 3 +
	    hash_ptr(f->clause) * 7 + (size_t)f->sev) % NCACHE];
	if (e->used && memcmp(&e->key, &k, sizeof k) == 0)
		return e;
	entry_clear(e);
	e->used = 1;
	e->key = k;
	if (f->tmpl != NULL)
		clause = validate_clause_text(f->tmpl, f->clause, f->prov);
	jb_put(&o->tmp, "{", 1);
	jb_kv(&o->tmp, "severity", tmpl_severity_name(f->sev), 1);
	jb_kv(&o->tmp, "template", f->tmpl != NULL ? f->tmpl->id : NULL, 1);
	jb_kv(&o->tmp, "clause", f->clause, 1);
	jb_kv(&o->tmp, "provenance", f->tmpl != NULL &&
	    f->prov != TMPL_PROV_NONE ? tmpl_prov_name(f->prov) : NULL, 1);
	jb_kv(&o->tmp, "cite", clause, 1);
	jb_kv(&o->tmp, "section", f->section != NULL ? f->section->id : NULL,
	    1);
	jb_kv(&o->tmp, "field", f->field != NULL ? f->field->id : NULL, 1);
	jb_kv(&o->tmp, "rule", f->rule != NULL ? f->rule->id : NULL, 1);
	jb_put(&o->tmp, "\"path\": ", 8);
	e->head = jb_take(&o->tmp, &e->headlen);
	free(clause);
	if (f->field != NULL && f->field->group != NULL)
		record_path_parts(o, f->field, e);
	return e;
}

/* A record's path from cached parts, else as finding_path gives it. */
static void
path_json(struct jout *o, const struct fentry *e, const struct finding *f)
{
	char buf[FINDING_PATH_MAX];

	jb_put(&o->out, "\"", 1);
	if (f->key_path == NULL && e->pre != NULL && f->in_record) {
		jb_put(&o->out, e->pre, e->prelen);
		jb_num(&o->out, (long)f->rec + 1);
		jb_put(&o->out, e->suf, e->suflen);
	} else {
		jb_esc(&o->out, finding_path(f, buf));
	}
	jb_put(&o->out, "\"", 1);
}

static void
message_json(struct jout *o, const struct finding *f)
{
	struct mentry *m;

	if (f->message == NULL) {
		jb_put(&o->out, "\"message\": null, ", 17);
		return;
	}
	jb_put(&o->out, "\"message\": \"", 12);
	if (f->msg_owned) {
		jb_esc(&o->out, f->message);
	} else {
		m = &o->m[hash_ptr(f->message)];
		if (m->msg != f->message) {
			free(m->json);
			m->msg = f->message;
			jb_esc(&o->tmp, f->message);
			m->json = jb_take(&o->tmp, &m->len);
		}
		jb_put(&o->out, m->json, m->len);
	}
	jb_put(&o->out, "\", ", 3);
}

static void
finding_json(struct jout *o, const struct finding *f, int first)
{
	const struct fentry *e = finding_head(o, f);

	if (first)
		jb_put(&o->out, "\n    ", 5);
	else
		jb_put(&o->out, ",\n    ", 6);
	jb_put(&o->out, e->head, e->headlen);
	path_json(o, e, f);
	jb_put(&o->out, ", ", 2);
	message_json(o, f);
	jb_put(&o->out, "\"line\": ", 8);
	jb_num(&o->out, f->line);
	jb_put(&o->out, ", \"column\": ", 12);
	jb_num(&o->out, f->col);
	jb_put(&o->out, "}", 1);
}

/*
 * Every item the checklist has a row for, with core's verdict: the same
 * status the wizard marks and the workbook writes (share/doc/checklist.md).
 */
static void
item_json(void *ctx, const struct checklist_row *w, const struct finding *f)
{
	struct jout *o = ctx;
	struct fentry *e;
	char *path, buf[FINDING_PATH_MAX];

	if (o->nitems++ > 0)
		jb_put(&o->out, ",\n    {\"path\": \"", 16);
	else
		jb_put(&o->out, "\n    {\"path\": \"", 15);
	if (w->field != NULL && w->in_record && w->field->group != NULL) {
		e = &o->item[hash_ptr(w->field)];
		if (!e->used || e->key.field != w->field) {
			entry_clear(e);
			e->used = 1;
			e->key.field = w->field;
			record_path_parts(o, w->field, e);
		}
	} else {
		e = NULL;
	}
	if (e != NULL && e->pre != NULL) {
		jb_put(&o->out, e->pre, e->prelen);
		jb_num(&o->out, (long)w->rec + 1);
		jb_put(&o->out, e->suf, e->suflen);
	} else if (w->field != NULL) {
		path = checklist_path(w);
		jb_esc(&o->out, path);
		free(path);
	} else {
		jb_esc(&o->out, finding_path(f, buf));
	}
	jb_s(&o->out, w->field != NULL ? "\", \"kind\": \"field\", "
	    "\"status\": \"" : "\", \"kind\": \"finding\", \"status\": \"");
	jb_esc(&o->out, checklist_status_name(w->status));
	jb_put(&o->out, "\"}", 2);
}

static void
jout_free(struct jout *o)
{
	size_t i;

	for (i = 0; i < NCACHE; i++) {
		entry_clear(&o->f[i]);
		entry_clear(&o->item[i]);
		free(o->m[i].json);
	}
	free(o->out.b);
	free(o->tmp.b);
	free(o);
}

void
cli_print_report_json(const struct dossier *d, const struct report *r,
    const struct flist *files)
{
	struct jout *o = xcalloc(1, sizeof *o);
	struct jb *j = &o->out;
	char tmp[256];
	size_t i;

	j->cap = JB_FLUSH;
	j->b = xmalloc(j->cap);
	o->tmp.cap = 256;
	o->tmp.b = xmalloc(o->tmp.cap);
	o->tmp.grow = 1;
	jb_put(j, "  {", 3);
	jb_kv(j, "file", d->path, 1);
	snprintf(tmp, sizeof tmp, "\"completeness\": %d, \"errors\": %zu, "
	    "\"warnings\": %zu, \"infos\": %zu,\n   \"file_errors\": %zu, "
	    "\"file_warnings\": %zu, \"file_infos\": %zu,\n   "
	    "\"templates\": [", report_percent(r), r->errors, r->warnings,
	    r->infos, files->errors, files->warnings, files->infos);
	jb_s(j, tmp);
	for (i = 0; i < d->ntmpls; i++) {
		jb_s(j, i > 0 ? ", {" : "{");
		jb_kv(j, "id", d->tmpls[i]->id, 1);
		jb_kv(j, "edition", d->tmpls[i]->edition, 1);
		jb_s(j, d->tmpls[i]->draft ? "\"draft\": true, " :
		    "\"draft\": false, ");
		jb_kv(j, "sha256", d->tmpls[i]->sha256, 0);
		jb_put(j, "}", 1);
	}
	jb_s(j, "],\n   \"findings\": [");
	for (i = 0; i < r->n; i++)
		finding_json(o, &r->f[i], i == 0);
	jb_s(j, r->n > 0 ? "\n   ],\n   \"items\": [" :
	    "],\n   \"items\": [");
	checklist_each(d, r, item_json, o);
	if (o->nitems > 0)
		jb_s(j, "\n   ");
	jb_s(j, "]}");
	jb_flush(j);
	jout_free(o);
}
