/*
 * Template translations: NAME.TAG.yaml beside NAME.yaml holds the text
 * of one language, keyed by the ids of the template's items (see
 * share/doc/templates.md).  Only display text is translated; ids,
 * options as stored, conditions and patterns stay the template's, so a
 * dossier's answers never depend on the language it was written in.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hset.h"
#include "core/template.h"
#include "core/xalloc.h"
#include "core/ytree.h"

static const char *
pick(char *const tr[LANG_COUNT][TMPL_TR_NSLOTS], enum tmpl_tr_slot slot,
    const char *en, enum lang l)
{
	if ((unsigned)l < LANG_COUNT && l != LANG_EN && tr[l][slot] != NULL)
		return tr[l][slot];
	return en;
}

const char *
tmpl_own_text(const struct tmpl *t, enum tmpl_tr_slot slot, enum lang l)
{
	const char *en = slot == TMPL_TR_TITLE ? t->title :
	    slot == TMPL_TR_DESCRIPTION ? t->description :
	    slot == TMPL_TR_NOTE ? t->note : NULL;

	return pick(t->tr, slot, en, l);
}

const char *
tmpl_section_text(const struct tmpl_section *s, enum tmpl_tr_slot slot,
    enum lang l)
{
	const char *en = slot == TMPL_TR_TITLE ? s->title :
	    slot == TMPL_TR_HELP ? s->help : NULL;

	return pick(s->tr, slot, en, l);
}

/*
 * The example of a yes/no or choice question is one of its values: shown
 * as that value is shown (是 for yes), so that a Chinese screen does not
 * say "例子：yes".  Other examples are prose, or values typed as they are.
 */
static const char *
example_value_text(const struct tmpl_field *f, enum lang l)
{
	size_t i;

	if (f->example == NULL || l == LANG_EN)
		return NULL;
	if (f->type == TMPL_YESNO && strcmp(f->example, "yes") == 0)
		return lang_gettext(l, "yes");
	if (f->type == TMPL_YESNO && strcmp(f->example, "no") == 0)
		return lang_gettext(l, "no");
	if (f->type == TMPL_CHOICE || f->type == TMPL_MULTICHOICE)
		for (i = 0; i < f->options.n; i++)
			if (strcmp(f->example, f->options.v[i]) == 0)
				return tmpl_option_text(f, i, l);
	return NULL;
}

const char *
tmpl_field_text(const struct tmpl_field *f, enum tmpl_tr_slot slot,
    enum lang l)
{
	const char *en = slot == TMPL_TR_LABEL ? f->label :
	    slot == TMPL_TR_HELP ? f->help :
	    slot == TMPL_TR_EXAMPLE ? f->example :
	    slot == TMPL_TR_PATTERN_MESSAGE ? f->pattern_message : NULL;
	const char *v;

	if (slot == TMPL_TR_EXAMPLE && ((unsigned)l >= LANG_COUNT ||
	    f->tr[l][slot] == NULL) && (v = example_value_text(f, l)) != NULL)
		return v;
	return pick(f->tr, slot, en, l);
}

const char *
tmpl_rule_text(const struct tmpl_rule *r, enum lang l)
{
	return pick(r->tr, TMPL_TR_MESSAGE, r->message, l);
}

const char *
tmpl_option_text(const struct tmpl_field *f, size_t i, enum lang l)
{
	if (i >= f->options.n)
		return "";
	if ((unsigned)l < LANG_COUNT && f->option_tr[l] != NULL &&
	    f->option_tr[l][i] != NULL)
		return f->option_tr[l][i];
	return f->options.v[i];
}

int
tmpl_clause_is_words(const char *clause)
{
	const unsigned char *p;

	if (clause == NULL || isdigit((unsigned char)clause[0]))
		return 0;
	/*
	 * Document ids and item codes are capitals, digits and signs; a
	 * lowercase letter (or any non-ASCII one) means there are words.
	 */
	for (p = (const unsigned char *)clause; *p != '\0'; p++)
		if (islower(*p) || *p >= 0x80)
			return 1;
	return 0;
}

const char *
tmpl_clause_text(const struct tmpl *t, const char *clause, enum lang l)
{
	const size_t *i;

	if (clause == NULL || t == NULL || (unsigned)l >= LANG_COUNT ||
	    l == LANG_EN || t->clause_ix[l] == NULL)
		return clause;
	i = hset_get(t->clause_ix[l], clause, strlen(clause));
	if (i == NULL || *i >= t->nclause_tr[l] ||
	    t->clause_tr[l][*i].tr == NULL)
		return clause;
	return t->clause_tr[l][*i].tr;
}

/* Loading. */

struct trload {
	const char *path;
	enum lang l;
	struct diag *err;
};

/* what: a message (po/Makevars: tr_bad is a keyword). */
static int
tr_bad(struct trload *ld, const struct ynode *n, const char *what)
{
	return diag_set_text(ld->err, DIAG_TEMPLATE, ld->path, n->line, n->col,
	    what);
}

/* A translation is a non-empty string; an empty one would hide the English. */
static int
take(struct trload *ld, const struct ynode *v, char **slot)
{
	if (v->kind != YT_SCALAR || v->len == 0)
		return tr_bad(ld, v, "a translation must be a non-empty "
		    "string");
	free(*slot);
	*slot = xstrdup(v->str);
	return 0;
}

static int
want_map(struct trload *ld, const struct ynode *v)
{
	return v->kind == YT_MAP ? 0 : tr_bad(ld, v, "expected a mapping keyed "
	    "by the template's ids");
}

/*
 * Ids the template does not have are skipped, not refused: a translation
 * written for another revision still translates what is left, and
 * `dossier templates --coverage` lists what it lacks.
 */
static int load_fields(struct trload *ld, struct tmpl_field *fs, size_t n,
    const struct ynode *m);

static int
load_field(struct trload *ld, struct tmpl_field *f, const struct ynode *m)
{
	static const struct { const char *key; enum tmpl_tr_slot slot; }
	    keys[] = {
		{ "label", TMPL_TR_LABEL }, { "help", TMPL_TR_HELP },
		{ "example", TMPL_TR_EXAMPLE },
		{ "pattern_message", TMPL_TR_PATTERN_MESSAGE },
	};
	size_t i, j, k;

	if (want_map(ld, m) < 0)
		return -1;
	for (i = 0; i < m->n; i++) {
		const char *key = m->keys[i]->str;
		const struct ynode *v = m->vals[i];

		for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strcmp(key, keys[k].key) == 0)
				break;
		if (k < sizeof keys / sizeof keys[0]) {
			if (take(ld, v, &f->tr[ld->l][keys[k].slot]) < 0)
				return -1;
		} else if (strcmp(key, "options") == 0) {
			if (want_map(ld, v) < 0)
				return -1;
			if (f->option_tr[ld->l] == NULL && f->options.n > 0)
				f->option_tr[ld->l] = xcalloc(f->options.n,
				    sizeof(char *));
			for (j = 0; j < v->n; j++)
				for (k = 0; k < f->options.n; k++)
					if (strcmp(v->keys[j]->str,
					    f->options.v[k]) == 0 &&
					    take(ld, v->vals[j],
					    &f->option_tr[ld->l][k]) < 0)
						return -1;
		} else if (strcmp(key, "fields") == 0) {
			if (load_fields(ld, f->fields, f->nfields, v) < 0)
				return -1;
		} else {
			return tr_bad(ld, m->keys[i], "unknown key (label, "
			    "help, example, pattern_message, options, "
			    "fields)");
		}
	}
	return 0;
}

static int
load_fields(struct trload *ld, struct tmpl_field *fs, size_t n,
    const struct ynode *m)
{
	size_t i, j;

	if (want_map(ld, m) < 0)
		return -1;
	for (i = 0; i < m->n; i++)
		for (j = 0; j < n; j++)
			if (strcmp(m->keys[i]->str, fs[j].id) == 0 &&
			    load_field(ld, &fs[j], m->vals[i]) < 0)
				return -1;
	return 0;
}

static int
load_rules(struct trload *ld, struct tmpl_section *s, const struct ynode *m)
{
	size_t i, j, k;
	const struct ynode *r;

	if (want_map(ld, m) < 0)
		return -1;
	for (i = 0; i < m->n; i++)
		for (j = 0; j < s->nrules; j++) {
			if (s->rules[j].id == NULL ||
			    strcmp(m->keys[i]->str, s->rules[j].id) != 0)
				continue;
			r = m->vals[i];
			if (want_map(ld, r) < 0)
				return -1;
			for (k = 0; k < r->n; k++) {
				if (strcmp(r->keys[k]->str, "message") != 0)
					return tr_bad(ld, r->keys[k], "unknown "
					    "key (message)");
				if (take(ld, r->vals[k], &s->rules[j].tr[ld->l]
				    [TMPL_TR_MESSAGE]) < 0)
					return -1;
			}
		}
	return 0;
}

static int
load_section(struct trload *ld, struct tmpl_section *s, const struct ynode *m)
{
	size_t i;

	if (want_map(ld, m) < 0)
		return -1;
	for (i = 0; i < m->n; i++) {
		const char *key = m->keys[i]->str;
		const struct ynode *v = m->vals[i];
		int rc;

		if (strcmp(key, "title") == 0)
			rc = take(ld, v, &s->tr[ld->l][TMPL_TR_TITLE]);
		else if (strcmp(key, "help") == 0)
			rc = take(ld, v, &s->tr[ld->l][TMPL_TR_HELP]);
		else if (strcmp(key, "fields") == 0)
			rc = load_fields(ld, s->fields, s->nfields, v);
		else if (strcmp(key, "rules") == 0)
			rc = load_rules(ld, s, v);
		else
			rc = tr_bad(ld, m->keys[i], "unknown key (title, help, "
			    "fields, rules)");
		if (rc < 0)
			return -1;
	}
	return 0;
}

/*
 * Every clause a template cites, in the order written (sections, then
 * their fields depth first, then their rules); fn stops the walk by
 * returning nonzero.
 */
static int
fields_clauses(const struct tmpl_field *fs, size_t n,
    int (*fn)(const char *, void *), void *arg)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((fs[i].clause != NULL && fn(fs[i].clause, arg)) ||
		    fields_clauses(fs[i].fields, fs[i].nfields, fn, arg))
			return 1;
	return 0;
}

static int
each_clause(const struct tmpl *t, int (*fn)(const char *, void *), void *arg)
{
	size_t i, j;

	for (i = 0; i < t->nsections; i++) {
		const struct tmpl_section *s = &t->sections[i];

		if ((s->clause != NULL && fn(s->clause, arg)) ||
		    fields_clauses(s->fields, s->nfields, fn, arg))
			return 1;
		for (j = 0; j < s->nrules; j++)
			if (s->rules[j].clause != NULL &&
			    fn(s->rules[j].clause, arg))
				return 1;
	}
	return 0;
}

static int
add_clause(const char *clause, void *arg)
{
	hset_add(arg, clause);
	return 0;
}

/*
 * clauses: English citation -> its text.  Unlike stale ids, a key no
 * clause uses is refused: these keys are long prose copied by hand, and
 * a typo would otherwise leave the citation English without a word.
 */
static int
load_clauses(struct trload *ld, struct tmpl *t, const struct ynode *m)
{
	struct tmpl_clause_tr *v;
	struct hset *used;
	size_t i;
	int rc = 0;

	if (m->kind != YT_MAP)
		return tr_bad(ld, m, "expected a mapping from each clause as "
		    "the template writes it to its translation");
	/*
	 * One clauses: per file (the reader refuses a duplicate key).  Sets,
	 * not nested loops: a template may cite thousands of clauses.
	 */
	used = hset_new();
	each_clause(t, add_clause, used);
	t->clause_tr[ld->l] = xcalloc(m->n > 0 ? m->n : 1, sizeof *v);
	t->clause_ix[ld->l] = hset_new();
	for (i = 0; i < m->n && rc == 0; i++) {
		const struct ynode *k = m->keys[i];

		if (isdigit((unsigned char)k->str[0])) {
			rc = tr_bad(ld, k, "a clause number is shown as it "
			    "is; only a clause written as words is "
			    "translated");
			break;
		}
		if (!hset_has(used, k->str, strlen(k->str))) {
			/* TRANSLATORS: %s: a template id; '%s': a clause as
			 * the translation file writes it. */
			rc = diag_set(ld->err, DIAG_TEMPLATE, ld->path,
			    k->line, k->col, "no section, field or rule of "
			    "%s cites the clause '%s'", t->id, k->str);
			break;
		}
		v = &t->clause_tr[ld->l][t->nclause_tr[ld->l]];
		v->en = xstrdup(k->str);
		*hset_slot(t->clause_ix[ld->l], k->str, strlen(k->str), NULL) =
		    t->nclause_tr[ld->l]++;
		rc = take(ld, m->vals[i], &v->tr);
	}
	hset_free(used);
	return rc < 0 ? -1 : 0;
}

static int
load_top(struct trload *ld, struct tmpl *t, const struct ynode *root)
{
	char *want;
	size_t i, j;
	int rc = 0;

	if (want_map(ld, root) < 0)
		return -1;
	want = xasprintf("%s:%s", t->id, t->edition);
	for (i = 0; i < root->n && rc == 0; i++) {
		const char *key = root->keys[i]->str;
		const struct ynode *v = root->vals[i];

		if (strcmp(key, "template") == 0) {
			if (v->kind != YT_SCALAR || strcmp(v->str, want) != 0)
				rc = diag_set(ld->err, DIAG_TEMPLATE, ld->path,
				    v->line, v->col, "this translation is of "
				    "'%s', not of %s", v->kind == YT_SCALAR ?
				    v->str : "?", want);
		} else if (strcmp(key, "lang") == 0) {
			if (v->kind != YT_SCALAR ||
			    strcmp(v->str, lang_tag(ld->l)) != 0)
				rc = tr_bad(ld, v, "'lang' does not match the "
				    "file name's language");
		} else if (strcmp(key, "status") == 0) {
			/* draft or checked: shown in the glossary, not used */
		} else if (strcmp(key, "title") == 0) {
			rc = take(ld, v, &t->tr[ld->l][TMPL_TR_TITLE]);
		} else if (strcmp(key, "description") == 0) {
			rc = take(ld, v, &t->tr[ld->l][TMPL_TR_DESCRIPTION]);
		} else if (strcmp(key, "note") == 0) {
			rc = take(ld, v, &t->tr[ld->l][TMPL_TR_NOTE]);
		} else if (strcmp(key, "clauses") == 0) {
			rc = load_clauses(ld, t, v);
		} else if (strcmp(key, "sections") == 0) {
			rc = want_map(ld, v);
			for (j = 0; rc == 0 && j < v->n; j++) {
				const struct tmpl_section *s =
				    tmpl_section_by_id(t, v->keys[j]->str);

				if (s != NULL)
					rc = load_section(ld, &t->sections[s -
					    t->sections], v->vals[j]);
			}
		} else {
			rc = tr_bad(ld, root->keys[i], "unknown key (template, "
			    "lang, status, title, description, note, "
			    "clauses, sections)");
		}
	}
	free(want);
	return rc;
}

/* NAME.yaml -> NAME.TAG.yaml (also for .yml). */
static char *
translation_path(const char *path, enum lang l)
{
	size_t n = strlen(path);
	size_t ext = n > 5 && strcmp(path + n - 5, ".yaml") == 0 ? 5 :
	    n > 4 && strcmp(path + n - 4, ".yml") == 0 ? 4 : 0;

	return xasprintf("%.*s.%s%s", (int)(n - ext), path, lang_tag(l),
	    path + n - ext);
}

int
tmpl_load_translations(struct tmpl *t, struct diag *err)
{
	struct trload ld;
	struct ynode *root;
	char *p;
	int l;

	for (l = 0; l < LANG_COUNT; l++) {
		if (l == LANG_EN || t->path == NULL)
			continue;
		p = translation_path(t->path, (enum lang)l);
		if (access(p, F_OK) != 0) {
			free(p);
			continue;
		}
		root = yt_read_file(p, err);
		ld.path = p;
		ld.l = (enum lang)l;
		ld.err = err;
		if (root == NULL || load_top(&ld, t, root) < 0) {
			yt_free(root);
			free(p);
			return -1;
		}
		yt_free(root);
		t->tr_path[l] = p;
	}
	return 0;
}

int
tmpl_is_translation_name(const char *name)
{
	const char *dot = strrchr(name, '.'), *tag;
	size_t n;
	int l;

	if (dot == NULL)
		return 0;
	for (l = 0; l < LANG_COUNT; l++) {
		if (l == LANG_EN)
			continue;
		tag = lang_tag((enum lang)l);
		n = strlen(tag);
		if ((size_t)(dot - name) > n + 1 && dot[-(long)n - 1] == '.' &&
		    strncmp(dot - n, tag, n) == 0)
			return 1;
	}
	return 0;
}

/* Freeing (tmpl_free calls this first). */

static void
tr_free(char *tr[LANG_COUNT][TMPL_TR_NSLOTS])
{
	int l, s;

	for (l = 0; l < LANG_COUNT; l++)
		for (s = 0; s < TMPL_TR_NSLOTS; s++)
			free(tr[l][s]);
}

static void
fields_tr_free(struct tmpl_field *fs, size_t n)
{
	size_t i, k;
	int l;

	for (i = 0; i < n; i++) {
		tr_free(fs[i].tr);
		for (l = 0; l < LANG_COUNT; l++) {
			if (fs[i].option_tr[l] == NULL)
				continue;
			for (k = 0; k < fs[i].options.n; k++)
				free(fs[i].option_tr[l][k]);
			free(fs[i].option_tr[l]);
		}
		fields_tr_free(fs[i].fields, fs[i].nfields);
	}
}

void
tmpl_translations_free(struct tmpl *t)
{
	size_t i, j;
	int l;

	tr_free(t->tr);
	for (l = 0; l < LANG_COUNT; l++) {
		free(t->tr_path[l]);
		for (i = 0; i < t->nclause_tr[l]; i++) {
			free(t->clause_tr[l][i].en);
			free(t->clause_tr[l][i].tr);
		}
		free(t->clause_tr[l]);
		hset_free(t->clause_ix[l]);
	}
	for (i = 0; i < t->nsections; i++) {
		tr_free(t->sections[i].tr);
		fields_tr_free(t->sections[i].fields, t->sections[i].nfields);
		for (j = 0; j < t->sections[i].nrules; j++)
			tr_free(t->sections[i].rules[j].tr);
	}
}

/* Coverage. */

struct cov {
	enum lang l;
	void (*fn)(const char *, const char *, void *);
	void *arg;
	size_t total, missing;
};

static void
cov_one(struct cov *c, const char *en, const char *tr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
cov_one(struct cov *c, const char *en, const char *tr, const char *fmt, ...)
{
	char path[1024];
	va_list ap;

	if (en == NULL)
		return;
	c->total++;
	if (tr != NULL)
		return;
	c->missing++;
	if (c->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	c->fn(path, en, c->arg);
}

static void
cov_fields(struct cov *c, const char *prefix, const struct tmpl_field *fs,
    size_t n)
{
	size_t i, k;
	char *p;

	for (i = 0; i < n; i++) {
		const struct tmpl_field *f = &fs[i];

		p = xasprintf("%sfields.%s", prefix, f->id);
		cov_one(c, f->label, f->tr[c->l][TMPL_TR_LABEL], "%s%s%s",
		    p, ".label", "");
		cov_one(c, f->help, f->tr[c->l][TMPL_TR_HELP], "%s%s%s",
		    p, ".help", "");
		/*
		 * An example of a choice, date, number, version, yes/no or
		 * file is a value to type, the same in every language; only
		 * prose examples count.
		 */
		if (f->type == TMPL_TEXT || f->type == TMPL_LONGTEXT)
			cov_one(c, f->example, f->tr[c->l][TMPL_TR_EXAMPLE],
			    "%s%s%s", p, ".example", "");
		cov_one(c, f->pattern_message,
		    f->tr[c->l][TMPL_TR_PATTERN_MESSAGE], "%s%s%s", p,
		    ".pattern_message", "");
		for (k = 0; k < f->options.n; k++)
			cov_one(c, f->options.v[k], f->option_tr[c->l] != NULL ?
			    f->option_tr[c->l][k] : NULL, "%s.options.%s%s", p,
			    f->options.v[k], "");
		if (f->nfields > 0) {
			char *q = xasprintf("%s.", p);

			cov_fields(c, q, f->fields, f->nfields);
			free(q);
		}
		free(p);
	}
}

/* Each distinct clause written as words counts once, however often cited. */
struct cov_clauses {
	struct cov *c;
	const struct tmpl *t;
	struct hset *seen;
};

static int
cov_clause(const char *clause, void *arg)
{
	struct cov_clauses *cc = arg;
	const char *tr;

	if (!tmpl_clause_is_words(clause) || !hset_add(cc->seen, clause))
		return 0;
	tr = tmpl_clause_text(cc->t, clause, cc->c->l);
	cov_one(cc->c, clause, tr != clause ? tr : NULL, "clauses.%s%s%s",
	    clause, "", "");
	return 0;
}

size_t
tmpl_coverage(const struct tmpl *t, enum lang l,
    void (*fn)(const char *path, const char *english, void *arg), void *arg,
    size_t *missing)
{
	struct cov c = { l, fn, arg, 0, 0 };
	struct cov_clauses cc = { &c, t, NULL };
	size_t i, j;
	char *p;

	if ((unsigned)l >= LANG_COUNT || l == LANG_EN) {
		*missing = 0;
		return 0;
	}
	cov_one(&c, t->title, t->tr[l][TMPL_TR_TITLE], "%s%s%s", "title", "",
	    "");
	cov_one(&c, t->description, t->tr[l][TMPL_TR_DESCRIPTION], "%s%s%s",
	    "description", "", "");
	cov_one(&c, t->note, t->tr[l][TMPL_TR_NOTE], "%s%s%s", "note", "", "");
	for (i = 0; i < t->nsections; i++) {
		const struct tmpl_section *s = &t->sections[i];

		cov_one(&c, s->title, s->tr[l][TMPL_TR_TITLE],
		    "sections.%s%s%s", s->id, ".title", "");
		cov_one(&c, s->help, s->tr[l][TMPL_TR_HELP],
		    "sections.%s%s%s", s->id, ".help", "");
		p = xasprintf("sections.%s.", s->id);
		cov_fields(&c, p, s->fields, s->nfields);
		free(p);
		for (j = 0; j < s->nrules; j++)
			cov_one(&c, s->rules[j].message,
			    s->rules[j].tr[l][TMPL_TR_MESSAGE],
			    "sections.%s.rules.%s%s", s->id,
			    s->rules[j].id != NULL ? s->rules[j].id : "?",
			    ".message");
	}
	cc.seen = hset_new();
	each_clause(t, cov_clause, &cc);
	hset_free(cc.seen);
	*missing = c.missing;
	return c.total;
}
