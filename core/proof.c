/*
 * Evidence and manifest checks together (see proof.h).
 */
#include "config.h"

#include "core/proof.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/cond.h"
#include "core/xalloc.h"

static void
file_findings(const struct evid_list *l, const struct evid_file *e,
    struct flist *out)
{
	const struct evid_entry *r = e->entry;
	int line = e->at->line, col = e->at->col;

	if (e->outside == 2)
		flist_add(out, TMPL_WARNING, FIND_FILE, e->field, e->in_record,
		    e->rec, e->where, line, col, "evidence '%s' is a link to "
		    "'%s', outside the dossier's folder", e->path, e->real);
	switch (e->state) {
	case EVID_EMPTY:
		/* Validation refuses an empty file already, as an error. */
		break;
	case EVID_CHANGED:
		if (r->size != e->size)
			flist_add(out, TMPL_ERROR, FIND_FILE, e->field,
			    e->in_record, e->rec, e->where, line, col,
			    "evidence '%s' changed since it was recorded%s%s "
			    "(%llu bytes then, %llu now); review it, then run "
			    "'dossier evidence --record'", e->path,
			    r->recorded != NULL ? " on " : "",
			    r->recorded != NULL ? r->recorded : "",
			    (unsigned long long)r->size,
			    (unsigned long long)e->size);
		else
			flist_add(out, TMPL_ERROR, FIND_FILE, e->field,
			    e->in_record, e->rec, e->where, line, col,
			    "evidence '%s' changed since it was recorded%s%s "
			    "(same size, other SHA-256); review it, then run "
			    "'dossier evidence --record'", e->path,
			    r->recorded != NULL ? " on " : "",
			    r->recorded != NULL ? r->recorded : "");
		break;
	case EVID_TOUCHED:
		/*
		 * Hashed and found as recorded: nothing to report.  A copy or
		 * checkout gives every file a new time; evidence lists them.
		 */
		break;
	case EVID_UNRECORDED:
		if (l->have_register)
			flist_add(out, TMPL_WARNING, FIND_FILE, e->field,
			    e->in_record, e->rec, e->where, line, col,
			    "evidence '%s' is not in the evidence register; "
			    "run 'dossier evidence --record'", e->path);
		break;
	case EVID_UNREADABLE:
		/* Not found or not looked at: validation said so already. */
		if (e->read_failed)
			flist_add(out, TMPL_WARNING, FIND_FILE, e->field,
			    e->in_record, e->rec, e->where, line, col,
			    "evidence '%s' cannot be read", e->path);
		break;
	default:
		break;
	}
}

/* Register entries no answer names any more. */
static void
stale_entries(const struct evid_list *l, struct flist *out)
{
	size_t i;

	for (i = 0; i < l->nreg; i++)
		if (evid_find(l, l->reg[i].path) == NULL)
			flist_add(out, TMPL_INFO, FIND_FILE, NULL, 0, 0,
			    "evidence", l->reg[i].node->line,
			    l->reg[i].node->col, "the evidence register lists "
			    "'%s', which no answer names; 'dossier evidence "
			    "--record' drops it", l->reg[i].path);
}

struct proof *
proof_run(const struct dossier *d, int flags, struct diag *err)
{
	struct proof *p = xcalloc(1, sizeof *p);
	size_t i;

	p->ev = evid_scan(d, flags & PROOF_VERIFY ? EVID_HASH : 0, err);
	if (p->ev == NULL) {
		proof_free(p);
		return NULL;
	}
	for (i = 0; i < p->ev->n; i++)
		file_findings(p->ev, &p->ev->f[i], &p->f);
	stale_entries(p->ev, &p->f);
	p->ovl = ovl_run(d, &p->f, err);
	if (p->ovl == NULL) {
		proof_free(p);
		return NULL;
	}
	return p;
}

struct dep {
	const struct tmpl_field *f;
	int hit;
};

static void
dep_ref(void *arg, const struct cond_ref *ref)
{
	struct dep *dp = arg;

	dp->hit |= ref->target == dp->f;
}

static int
reads(const struct cond *c, const struct tmpl_field *f)
{
	struct dep dp = { f, 0 };

	if (c != NULL)
		cond_foreach_ref(c, dep_ref, &dp);
	return dp.hit;
}

/* Is u (NULL: none) f itself, or asked or not because of f's answer? */
static int
asks(const struct tmpl_section *s, const struct tmpl_field *u,
    const struct tmpl_field *f)
{
	if (u == NULL)
		return 0;
	return u == f || reads(u->when, f) || reads(u->required_if, f) ||
	    reads(s->when, f) || (u->group != NULL && (u->group == f ||
	    reads(u->group->when, f)));
}

/* Is g a file answer proof reads, and does f decide what it finds? */
static int
decides(const struct tmpl_section *s, const struct tmpl_field *g,
    const struct tmpl_field *f)
{
	const struct tmpl_manifest *m = g->manifest;
	size_t i;

	if (g->type != TMPL_FILE)
		return 0;
	if (asks(s, g, f))
		return 1;
	if (m == NULL)
		return 0;
	if (asks(s, m->key, f) || asks(s, m->level, f) ||
	    asks(s, m->role, f) || asks(s, m->name, f))
		return 1;
	for (i = 0; i < m->ndecl; i++)
		if (asks(s, m->decl[i].field, f))
			return 1;
	return 0;
}

int
proof_depends_on(const struct dossier *d, const struct tmpl_field *f)
{
	size_t t, i, j, k;

	for (t = 0; t < d->ntmpls; t++) {
		for (i = 0; i < d->tmpls[t]->nsections; i++) {
			const struct tmpl_section *s = &d->tmpls[t]->sections[i];

			for (j = 0; j < s->nfields; j++) {
				const struct tmpl_field *g = &s->fields[j];

				if (decides(s, g, f))
					return 1;
				for (k = 0; k < g->nfields; k++)
					if (decides(s, &g->fields[k], f))
						return 1;
			}
		}
	}
	return 0;
}

void
proof_free(struct proof *p)
{
	if (p == NULL)
		return;
	evid_list_free(p->ev);
	ovl_free(p->ovl);
	flist_free(&p->f);
	free(p);
}
