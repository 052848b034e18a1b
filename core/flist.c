/*
 * Findings outside validate() (see flist.h).
 */
#include "config.h"

#include "core/flist.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void
flist_add(struct flist *l, enum tmpl_severity sev, enum finding_kind kind,
    const struct tmpl_field *f, int in_record, size_t rec, const char *path,
    int line, int col, const char *fmt, ...)
{
	const struct tmpl_field *top;
	struct finding *x;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->f = xreallocarray(l->f, l->cap, sizeof *l->f);
	}
	x = &l->f[l->n++];
	memset(x, 0, sizeof *x);
	x->sev = sev;
	x->kind = kind;
	if (f != NULL) {
		top = f->group != NULL ? f->group : f;
		x->field = f;
		x->section = top->section;
		x->tmpl = top->section->tmpl;
		x->clause = tmpl_field_clause(f);
		x->prov = tmpl_field_prov(f);
	}
	x->in_record = in_record != 0;
	x->rec = (uint32_t)rec;
	x->key_path = xstrdup(path != NULL ? path : "");
	x->message = xstrdup(msg);
	x->msg_owned = 1;
	x->line = line;
	x->col = col;
	if (sev == TMPL_ERROR)
		l->errors++;
	else if (sev == TMPL_WARNING)
		l->warnings++;
	else
		l->infos++;
}

void
flist_free(struct flist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->f[i].key_path);
		free(l->f[i].message);
	}
	free(l->f);
	memset(l, 0, sizeof *l);
}
