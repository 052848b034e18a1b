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

#include "core/diag.h"
#include "core/lang.h"
#include "core/xalloc.h"

/*
 * The finding's message block: the English, its NUL, then the display
 * language's text when it differs (validate.h).
 */
static void
set_text(struct finding *x, const char *en, const char *shown)
{
	size_t n = strlen(en);
	size_t m = shown[0] != '\0' && strcmp(shown, en) != 0 ?
	    strlen(shown) : 0;

	x->message = xmalloc(n + 1 + m + 1);
	memcpy(x->message, en, n + 1);
	x->has_display = m > 0;
	if (m > 0)
		memcpy(x->message + n + 1, shown, m + 1);
	x->msg_owned = 1;
}

void
flist_add(struct flist *l, enum tmpl_severity sev, enum finding_kind kind,
    const struct tmpl_field *f, int in_record, size_t rec, const char *path,
    int line, int col, const char *fmt, ...)
{
	const struct tmpl_field *top;
	struct finding *x;
	char msg[2048], disp[2048];
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The display language's text after the English (validate.h). */
	disp[0] = '\0';
	if (lang_current() != LANG_EN && _(fmt) != fmt)
		vsnprintf(disp, sizeof disp, _(fmt), ap2);
	va_end(ap2);
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
	/* NULL: the path follows from the field and record (finding_path). */
	x->key_path = path != NULL ? xstrdup(path) : NULL;
	set_text(x, msg, disp);
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
flist_add_diag(struct flist *l, const struct diag *err)
{
	struct finding *x;
	char *en, *shown;

	/* The place is in the file, not the dossier: it goes in the text. */
	en = err->line > 0 ? xasprintf("%s:%d:%d: %s", err->file, err->line,
	    err->col, err->msg_en) : xasprintf("%s: %s", err->file,
	    err->msg_en);
	shown = err->line > 0 ? xasprintf("%s:%d:%d: %s", err->file,
	    err->line, err->col, err->msg) : xasprintf("%s: %s", err->file,
	    err->msg);
	flist_add(l, TMPL_ERROR, FIND_FILE, NULL, 0, 0, err->file, 0, 0,
	    "%s", en);
	x = &l->f[l->n - 1];
	free(x->message);
	set_text(x, en, shown);
	free(en);
	free(shown);
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
