/*
 * XLSX cell text with libzip and expat (see xlsxread.h).
 */
#include "config.h"

#include "core/xlsxread.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "core/xalloc.h"

/* Parts. */

static char *
read_part(zip_t *z, const char *name, size_t *len, int required,
    const char *path, struct diag *err)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	zip_int64_t got;
	size_t have = 0, cap;

	*len = 0;
	if (zip_stat(z, name, 0, &st) != 0) {
		if (required)
			diag_set(err, DIAG_SCHEMA, path, 0, 0, "not an XLSX "
			    "checklist: it has no %s", name);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_PART_MAX) {
		diag_set(err, DIAG_LIMIT, path, 0, 0, "%s inflates to more "
		    "than %u MB (limit)", name, XLSX_PART_MAX >> 20);
		return NULL;
	}
	f = zip_fopen(z, name, 0);
	if (f == NULL) {
		diag_set(err, DIAG_IO, path, 0, 0, "cannot read %s: %s", name,
		    zip_strerror(z));
		return NULL;
	}
	cap = (st.valid & ZIP_STAT_SIZE) && st.size > 0 ?
	    (size_t)st.size + 1 : 4096;
	buf = xmalloc(cap);
	/* The stated size is the archive's word; the bytes are checked too. */
	for (;;) {
		if (have + 1 >= cap) {
			if (cap > XLSX_PART_MAX) {
				diag_set(err, DIAG_LIMIT, path, 0, 0, "%s "
				    "inflates to more than %u MB (limit)", name,
				    XLSX_PART_MAX >> 20);
				goto fail;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		got = zip_fread(f, buf + have, cap - have - 1);
		if (got < 0) {
			diag_set(err, DIAG_IO, path, 0, 0, "cannot inflate %s: "
			    "%s", name, zip_file_strerror(f));
			goto fail;
		}
		if (got == 0)
			break;
		have += (size_t)got;
	}
	zip_fclose(f);
	buf[have] = '\0';
	*len = have;
	return buf;
fail:
	zip_fclose(f);
	free(buf);
	return NULL;
}

/* XML. */

struct px;
typedef void px_start_fn(struct px *, const char *el, const char **atts);
typedef void px_end_fn(struct px *, const char *el);

struct px {
	XML_Parser p;
	px_start_fn *start;
	px_end_fn *end;
	struct xbuf text;	/* character data being collected */
	int collect;
	void *ctx;
	const char *fail;	/* our own reason to stop */
};

/* Element and attribute names without their namespace prefix. */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void XMLCALL
px_start(void *arg, const XML_Char *el, const XML_Char **atts)
{
	struct px *px = arg;

	px->start(px, local(el), atts);
}

static void XMLCALL
px_end(void *arg, const XML_Char *el)
{
	struct px *px = arg;

	px->end(px, local(el));
}

static void XMLCALL
px_chars(void *arg, const XML_Char *s, int len)
{
	struct px *px = arg;

	if (px->collect && len > 0) {
		if (px->text.len + (size_t)len > XLSX_PART_MAX) {
			px->fail = "a cell's text is too long";
			XML_StopParser(px->p, XML_FALSE);
			return;
		}
		xbuf_add(&px->text, s, (size_t)len);
	}
}

/* No DTD, hence no entities: nothing to expand, nothing to fetch. */
static void XMLCALL
px_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	struct px *px = arg;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	px->fail = "a document type declaration (refused)";
	XML_StopParser(px->p, XML_FALSE);
}

static void
px_text_reset(struct px *px)
{
	px->text.len = 0;
	xbuf_add(&px->text, "", 0);
}

static int
px_run(const char *buf, size_t len, px_start_fn *start, px_end_fn *end,
    void *ctx, const char *path, const char *part, struct diag *err)
{
	struct px px;
	int ok;

	memset(&px, 0, sizeof px);
	px.p = XML_ParserCreate("UTF-8");
	px.start = start;
	px.end = end;
	px.ctx = ctx;
	xbuf_add(&px.text, "", 0);
	XML_SetUserData(px.p, &px);
	XML_SetElementHandler(px.p, px_start, px_end);
	XML_SetCharacterDataHandler(px.p, px_chars);
	XML_SetStartDoctypeDeclHandler(px.p, px_doctype);
	ok = XML_Parse(px.p, buf, (int)len, XML_TRUE) == XML_STATUS_OK &&
	    px.fail == NULL;
	if (!ok)
		diag_set(err, DIAG_SYNTAX, path, 0, 0, "%s, line %lu: %s", part,
		    (unsigned long)XML_GetCurrentLineNumber(px.p),
		    px.fail != NULL ? px.fail :
		    XML_ErrorString(XML_GetErrorCode(px.p)));
	XML_ParserFree(px.p);
	free(px.text.p);
	return ok ? 0 : -1;
}

static void
px_stop(struct px *px, const char *why)
{
	if (px->fail == NULL)
		px->fail = why;
	XML_StopParser(px->p, XML_FALSE);
}

/* _xHHHH_ escapes. */

static int
hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return 0;
		*v = *v * 16 + (unsigned)(isdigit((unsigned char)s[i]) ?
		    s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10));
	}
	return 1;
}

static size_t
put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int
is_escape(const char *s, unsigned *v)
{
	return s[0] == '_' && s[1] == 'x' && hex4(s + 2, v) && s[6] == '_';
}

void
xlsx_unescape(char *s)
{
	char *o = s;
	unsigned v, lo;

	/* Every escape is 7 bytes and no character takes more than 4. */
	while (*s != '\0') {
		if (!is_escape(s, &v)) {
			*o++ = *s++;
			continue;
		}
		s += 7;
		if (v >= 0xD800 && v < 0xDC00 && is_escape(s, &lo) &&
		    lo >= 0xDC00 && lo < 0xE000) {
			o += put_utf8(o, 0x10000 + ((unsigned long)(v - 0xD800) << 10) +
			    (lo - 0xDC00));
			s += 7;
		} else if (v >= 0xD800 && v < 0xE000) {
			o += put_utf8(o, 0xFFFD);
		} else {
			o += put_utf8(o, v);
		}
	}
	*o = '\0';
}

/* workbook.xml and its relationships. */

struct wb_ctx {
	struct xlsx_book *b;
	char **rids;		/* parallel to b->sheets */
};

static void
wb_start(struct px *px, const char *el, const char **atts)
{
	struct wb_ctx *w = px->ctx;
	struct xlsx_sheet *s;
	const char *name = attr(atts, "name"), *rid = attr(atts, "id");
	const char *state = attr(atts, "state");

	if (strcmp(el, "sheet") != 0)
		return;
	if (name == NULL || rid == NULL) {
		px_stop(px, "a sheet without a name or relationship");
		return;
	}
	if (w->b->n >= 4096) {
		px_stop(px, "more than 4096 sheets");
		return;
	}
	w->b->sheets = xreallocarray(w->b->sheets, w->b->n + 1,
	    sizeof *w->b->sheets);
	w->rids = xreallocarray(w->rids, w->b->n + 1, sizeof *w->rids);
	s = &w->b->sheets[w->b->n];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->hidden = state != NULL && strcmp(state, "visible") != 0;
	w->rids[w->b->n++] = xstrdup(rid);
}

static void
no_end(struct px *px, const char *el)
{
	(void)px;
	(void)el;
}

struct rel_ctx {
	const char *rid;
	char *target;
};

static void
rel_start(struct px *px, const char *el, const char **atts)
{
	struct rel_ctx *r = px->ctx;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");

	if (strcmp(el, "Relationship") == 0 && id != NULL && t != NULL &&
	    strcmp(id, r->rid) == 0 && r->target == NULL)
		r->target = xstrdup(t);
}

/* Shared strings. */

struct ss_ctx {
	char **v;
	size_t n, cap;
	int in_si, in_t, in_rph;
	struct xbuf cur;
};

static void
ss_start(struct px *px, const char *el, const char **atts)
{
	struct ss_ctx *s = px->ctx;

	(void)atts;
	if (strcmp(el, "si") == 0) {
		s->in_si = 1;
		s->cur.len = 0;
		xbuf_add(&s->cur, "", 0);
	} else if (strcmp(el, "rPh") == 0) {
		s->in_rph = 1;	/* phonetic guide: not the cell's text */
	} else if (strcmp(el, "t") == 0 && s->in_si && !s->in_rph) {
		px_text_reset(px);
		px->collect = 1;
	}
}

static void
ss_end(struct px *px, const char *el)
{
	struct ss_ctx *s = px->ctx;

	if (strcmp(el, "t") == 0 && px->collect) {
		xbuf_add(&s->cur, px->text.p, px->text.len);
		px->collect = 0;
	} else if (strcmp(el, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(el, "si") == 0) {
		if (s->n == s->cap) {
			s->cap = s->cap == 0 ? 256 : s->cap * 2;
			s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
		}
		s->v[s->n] = xstrdup(s->cur.p);
		xlsx_unescape(s->v[s->n++]);
		s->in_si = 0;
	}
}

/* A worksheet. */

struct ws_ctx {
	struct xlsx_sheet *sh;
	const struct ss_ctx *ss;
	unsigned next_row, next_col;
	char type[16];
	unsigned col;
	int in_cell, in_is, have_value;
	char *value;
};

static int
parse_ref(const char *ref, unsigned *col, unsigned *row)
{
	unsigned long c = 0, r = 0;

	if (!isalpha((unsigned char)*ref))
		return -1;
	while (isalpha((unsigned char)*ref)) {
		c = c * 26 + (unsigned long)(toupper((unsigned char)*ref) - 'A' + 1);
		if (c > XLSX_COLS_MAX)
			return -1;
		ref++;
	}
	while (isdigit((unsigned char)*ref)) {
		r = r * 10 + (unsigned long)(*ref - '0');
		if (r > XLSX_ROWS_MAX)
			return -1;
		ref++;
	}
	if (*ref != '\0' || r == 0)
		return -1;
	*col = (unsigned)(c - 1);
	*row = (unsigned)(r - 1);
	return 0;
}

static struct xlsx_row *
cur_row(struct ws_ctx *w)
{
	return w->sh->n > 0 ? &w->sh->rows[w->sh->n - 1] : NULL;
}

static void
ws_start(struct px *px, const char *el, const char **atts)
{
	struct ws_ctx *w = px->ctx;
	const char *r, *t;
	unsigned col, row;
	struct xlsx_row *rw;

	if (strcmp(el, "row") == 0) {
		r = attr(atts, "r");
		row = w->next_row;
		if (r != NULL) {
			char *end;
			unsigned long v = strtoul(r, &end, 10);

			if (*end != '\0' || v == 0 || v > XLSX_ROWS_MAX) {
				px_stop(px, "a row number out of range");
				return;
			}
			row = (unsigned)(v - 1);
		}
		if (row >= XLSX_ROWS_MAX || (cur_row(w) != NULL &&
		    row <= cur_row(w)->row)) {
			px_stop(px, "rows out of order");
			return;
		}
		w->sh->rows = xreallocarray(w->sh->rows, w->sh->n + 1,
		    sizeof *w->sh->rows);
		rw = &w->sh->rows[w->sh->n++];
		memset(rw, 0, sizeof *rw);
		rw->row = row;
		w->next_row = row + 1;
		w->next_col = 0;
	} else if (strcmp(el, "c") == 0) {
		if (cur_row(w) == NULL) {
			px_stop(px, "a cell outside a row");
			return;
		}
		r = attr(atts, "r");
		col = w->next_col;
		if (r != NULL && (parse_ref(r, &col, &row) < 0 ||
		    row != cur_row(w)->row)) {
			px_stop(px, "a bad cell reference");
			return;
		}
		if (col >= XLSX_COLS_MAX) {
			px_stop(px, "too many columns");
			return;
		}
		t = attr(atts, "t");
		snprintf(w->type, sizeof w->type, "%s", t != NULL ? t : "n");
		w->col = col;
		w->next_col = col + 1;
		w->in_cell = 1;
		w->have_value = 0;
		free(w->value);
		w->value = NULL;
	} else if (w->in_cell && (strcmp(el, "v") == 0 ||
	    (strcmp(el, "t") == 0 && w->in_is))) {
		px_text_reset(px);
		px->collect = 1;
	} else if (w->in_cell && strcmp(el, "is") == 0) {
		w->in_is = 1;
		free(w->value);
		w->value = xstrdup("");
	}
}

static void
ws_end(struct px *px, const char *el)
{
	struct ws_ctx *w = px->ctx;
	struct xlsx_row *rw;
	char *s;

	if ((strcmp(el, "v") == 0 || strcmp(el, "t") == 0) && px->collect) {
		px->collect = 0;
		if (w->in_is) {
			s = xasprintf("%s%s", w->value, px->text.p);
			free(w->value);
			w->value = s;
		} else {
			free(w->value);
			w->value = xstrdup(px->text.p);
		}
		w->have_value = 1;
	} else if (strcmp(el, "is") == 0) {
		w->in_is = 0;
		w->have_value = 1;
	} else if (strcmp(el, "c") == 0 && w->in_cell) {
		w->in_cell = 0;
		if (!w->have_value || w->value == NULL)
			return;
		if (strcmp(w->type, "s") == 0) {
			char *end;
			unsigned long i = strtoul(w->value, &end, 10);

			if (*end != '\0' || i >= w->ss->n) {
				px_stop(px, "a shared string that does not "
				    "exist");
				return;
			}
			s = xstrdup(w->ss->v[i]);
		} else {
			s = w->value;
			w->value = NULL;
			if (strcmp(w->type, "inlineStr") == 0 ||
			    strcmp(w->type, "str") == 0)
				xlsx_unescape(s);
		}
		rw = cur_row(w);
		if (rw == NULL) {	/* ws_start saw to that; for the compiler */
			free(s);
			return;
		}
		rw->c = xreallocarray(rw->c, rw->n + 1, sizeof *rw->c);
		rw->c[rw->n].col = w->col;
		rw->c[rw->n++].text = s;
	}
}

/* docProps/core.xml: who saved it last, and when. */

struct core_ctx {
	struct xlsx_book *b;
	char **into;
};

static void
core_start(struct px *px, const char *el, const char **atts)
{
	struct core_ctx *c = px->ctx;

	(void)atts;
	c->into = strcmp(el, "lastModifiedBy") == 0 ? &c->b->modified_by :
	    strcmp(el, "modified") == 0 ? &c->b->modified : NULL;
	if (c->into != NULL) {
		px_text_reset(px);
		px->collect = 1;
	}
}

static void
core_end(struct px *px, const char *el)
{
	struct core_ctx *c = px->ctx;

	(void)el;
	if (c->into != NULL && px->collect) {
		free(*c->into);
		*c->into = xstrdup(px->text.p);
		c->into = NULL;
	}
	px->collect = 0;
}

static int
wanted(const char *name, const char *const *want, size_t nwant)
{
	size_t i;

	if (want == NULL)
		return 1;
	for (i = 0; i < nwant; i++)
		if (strcmp(want[i], name) == 0)
			return 1;
	return 0;
}

/* "worksheets/sheet1.xml" (relative to xl/) or "/xl/..." to a zip name. */
static char *
part_name(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

struct xlsx_book *
xlsx_read(const char *path, const char *const *want, size_t nwant,
    struct diag *err)
{
	struct xlsx_book *b = xcalloc(1, sizeof *b);
	struct wb_ctx w = { b, NULL };
	struct ss_ctx ss;
	struct core_ctx cc = { b, NULL };
	zip_t *z;
	int zerr = 0;
	char *buf = NULL, *rels = NULL, *part;
	size_t len, rlen, i;
	int rc = -1;

	memset(&ss, 0, sizeof ss);
	diag_clear(err);
	z = zip_open(path, ZIP_RDONLY, &zerr);
	if (z == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		diag_set(err, zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN ?
		    DIAG_IO : DIAG_SYNTAX, path, 0, 0, "cannot open the "
		    "workbook: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(b);
		return NULL;
	}
	buf = read_part(z, "xl/workbook.xml", &len, 1, path, err);
	if (buf == NULL || px_run(buf, len, wb_start, no_end, &w, path,
	    "xl/workbook.xml", err) < 0)
		goto out;
	free(buf);
	buf = read_part(z, "xl/sharedStrings.xml", &len, 0, path, err);
	if (buf == NULL && err->code != DIAG_OK)
		goto out;
	if (buf != NULL && px_run(buf, len, ss_start, ss_end, &ss, path,
	    "xl/sharedStrings.xml", err) < 0)
		goto out;
	free(buf);
	buf = read_part(z, "docProps/core.xml", &len, 0, path, err);
	if (buf == NULL && err->code != DIAG_OK)
		goto out;
	if (buf != NULL)
		(void)px_run(buf, len, core_start, core_end, &cc, path,
		    "docProps/core.xml", err);
	diag_clear(err);	/* who saved it is nice to know, not needed */
	free(buf);
	buf = NULL;
	rels = read_part(z, "xl/_rels/workbook.xml.rels", &rlen, 1, path, err);
	if (rels == NULL)
		goto out;
	for (i = 0; i < b->n; i++) {
		struct rel_ctx rc1 = { w.rids[i], NULL };
		struct ws_ctx ws;

		if (!wanted(b->sheets[i].name, want, nwant))
			continue;
		if (px_run(rels, rlen, rel_start, no_end, &rc1, path,
		    "xl/_rels/workbook.xml.rels", err) < 0)
			goto out;
		if (rc1.target == NULL) {
			diag_set(err, DIAG_SCHEMA, path, 0, 0, "sheet '%s' has "
			    "no part", b->sheets[i].name);
			goto out;
		}
		part = part_name(rc1.target);
		free(rc1.target);
		buf = read_part(z, part, &len, 1, path, err);
		memset(&ws, 0, sizeof ws);
		ws.sh = &b->sheets[i];
		ws.ss = &ss;
		if (buf == NULL || px_run(buf, len, ws_start, ws_end, &ws, path,
		    part, err) < 0) {
			free(ws.value);
			free(part);
			goto out;
		}
		free(ws.value);
		free(part);
		free(buf);
		buf = NULL;
		b->sheets[i].loaded = 1;
	}
	rc = 0;
out:
	free(buf);
	free(rels);
	for (i = 0; i < ss.n; i++)
		free(ss.v[i]);
	free(ss.v);
	free(ss.cur.p);
	for (i = 0; i < b->n; i++)
		free(w.rids[i]);
	free(w.rids);
	zip_discard(z);
	if (rc < 0) {
		xlsx_free(b);
		return NULL;
	}
	return b;
}

void
xlsx_free(struct xlsx_book *b)
{
	size_t i, j, k;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->sheets[i].n; j++) {
			for (k = 0; k < b->sheets[i].rows[j].n; k++)
				free(b->sheets[i].rows[j].c[k].text);
			free(b->sheets[i].rows[j].c);
		}
		free(b->sheets[i].rows);
		free(b->sheets[i].name);
	}
	free(b->sheets);
	free(b->modified_by);
	free(b->modified);
	free(b);
}

const struct xlsx_sheet *
xlsx_sheet(const struct xlsx_book *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	return NULL;
}

const char *
xlsx_cell(const struct xlsx_sheet *s, const struct xlsx_row *r, unsigned col)
{
	size_t i;

	(void)s;
	for (i = 0; i < r->n; i++)
		if (r->c[i].col == col)
			return r->c[i].text;
	return "";
}
