/*
 * Manifest reading (see manifest.h): one pass over the bytes with a small
 * state machine, which checks UTF-8 as it goes, so a 20 MB manifest is
 * read, checked, hashed and keyed without ever being held in memory.
 */
#include "config.h"

#include "core/manifest.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/lang.h"
#include "core/rdopen.h"
#include "core/sha256hex.h"
#include "core/xalloc.h"

#define MF_CHUNK (1u << 20)

/* Keys. */

static uint64_t mf_seed;
static int mf_seeded;

static uint64_t
mf_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint32_t
mf_hash(const char *k, size_t len)
{
	uint64_t h = mf_seed ^ (len * 0x9E3779B97F4A7C15ULL), w;

	while (len >= 8) {
		memcpy(&w, k, 8);
		h = mf_mix(h ^ w) + 0x9E3779B97F4A7C15ULL;
		k += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, k, len);
	h = mf_mix(h ^ w ^ ((uint64_t)len << 56));
	return (uint32_t)h;
}

static void
mf_seed_once(void)
{
	if (mf_seeded)
		return;
	/* Only timing depends on the seed: every report follows file order. */
	if (getrandom(&mf_seed, sizeof mf_seed, GRND_NONBLOCK) !=
	    (ssize_t)sizeof mf_seed)
		mf_seed = (uint64_t)getpid() * 0x9E3779B97F4A7C15ULL;
	mf_seeded = 1;
}

const char *
mf_key(const struct mf_keyset *s, size_t i, size_t *len)
{
	*len = (size_t)(s->off[i + 1] - s->off[i]);
	return s->arena + s->off[i];
}

/*
 * A slot holds the key's hash in its high half and index + 1 in its low
 * half, so a probe compares hashes without touching the keys.
 */
static long
ks_lookup(const struct mf_keyset *s, const char *k, size_t len, uint32_t h)
{
	size_t mask = s->nslot - 1, i = h & mask, klen;
	uint64_t e;
	const char *p;

	if (s->nslot == 0)
		return -1;
	while ((e = s->slot[i]) != 0) {
		if ((uint32_t)(e >> 32) == h) {
			p = mf_key(s, (uint32_t)e - 1, &klen);
			if (klen == len && memcmp(p, k, len) == 0)
				return (long)((uint32_t)e - 1);
		}
		i = (i + 1) & mask;
	}
	return -1;
}

long
mf_find(const struct mf_keyset *s, const char *key, size_t len)
{
	mf_seed_once();
	return ks_lookup(s, key, len, mf_hash(key, len));
}

/*
 * A large table is touched at random: ask for huge pages, so each probe
 * does not also miss the TLB (a page walk per key was most of the cost).
 */
#define MF_HUGE (2u << 20)

static uint64_t *
slots_alloc(size_t n)
{
	size_t bytes = n * sizeof(uint64_t);
	void *p;

	if (bytes < MF_HUGE)
		return xcalloc(n, sizeof(uint64_t));
	if (posix_memalign(&p, MF_HUGE, bytes) != 0)
		return xcalloc(n, sizeof(uint64_t));
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

static void
ks_resize(struct mf_keyset *s, size_t nslot)
{
	uint64_t *old = s->slot;
	size_t i, j, mask, oldn = s->nslot;

	s->nslot = nslot;
	s->slot = slots_alloc(s->nslot);
	mask = s->nslot - 1;
	for (i = 0; i < oldn; i++) {
		if (old[i] == 0)
			continue;
		j = (size_t)(old[i] >> 32) & mask;
		while (s->slot[j] != 0)
			j = (j + 1) & mask;
		s->slot[j] = old[i];
	}
	free(old);
}

/*
 * Make room for about n keys at once, so a large manifest is not
 * rehashed again and again as it grows.
 */
static void
ks_reserve(struct mf_keyset *s, size_t n, size_t keylen)
{
	size_t want = 1024;

	while (want < 2 * n && want < ((size_t)1 << 30))
		want *= 2;
	if (want > s->nslot)
		ks_resize(s, want);
	/* The key arrays too: growing them by copying costs page faults. */
	if (n > s->cap) {
		s->cap = n;
		s->off = xreallocarray(s->off, s->cap + 1, sizeof *s->off);
		s->line = xreallocarray(s->line, s->cap, sizeof *s->line);
	}
	if (keylen > 0 && (uint64_t)n * keylen > s->acap) {
		s->acap = (uint64_t)n * keylen;
		s->arena = xreallocarray(s->arena, s->acap, 1);
	}
}

/* Add a key; returns 1 when it was new, 0 for a duplicate. */
static int
ks_insert(struct mf_keyset *s, const char *k, size_t len, uint32_t h,
    uint32_t line)
{
	size_t mask, i;
	long at;

	if ((s->n + 1) * 2 > s->nslot)
		ks_resize(s, s->nslot == 0 ? 1024 : s->nslot * 2);
	at = ks_lookup(s, k, len, h);
	if (at >= 0) {
		if (s->ndup_ex < MF_EXAMPLES) {
			s->dup_key[s->ndup_ex] = (size_t)at;
			s->dup_line[s->ndup_ex++] = line;
		}
		s->dups++;
		return 0;
	}
	if (s->n + 1 >= s->cap) {
		s->cap = s->cap == 0 ? 1024 : s->cap * 2;
		s->off = xreallocarray(s->off, s->cap + 1, sizeof *s->off);
		s->line = xreallocarray(s->line, s->cap, sizeof *s->line);
	}
	if (s->alen + len > s->acap) {
		s->acap = s->acap == 0 ? 65536 : s->acap * 2;
		while (s->acap < s->alen + len)
			s->acap *= 2;
		s->arena = xreallocarray(s->arena, s->acap, 1);
	}
	if (s->n == 0)
		s->off[0] = 0;
	memcpy(s->arena + s->alen, k, len);
	s->alen += len;
	s->off[s->n + 1] = s->alen;
	s->line[s->n] = line;
	mask = s->nslot - 1;
	i = h & mask;
	while (s->slot[i] != 0)
		i = (i + 1) & mask;
	s->slot[i] = (uint64_t)h << 32 | (uint32_t)(++s->n);
	return 1;
}

static void
ks_free(struct mf_keyset *s)
{
	free(s->arena);
	free(s->off);
	free(s->line);
	free(s->slot);
	memset(s, 0, sizeof *s);
}

void
mf_result_free(struct mf_result *r)
{
	if (r == NULL)
		return;
	ks_free(&r->item);
	ks_free(&r->level);
	r->have_level = 0;
}

/*
 * Keys are looked up in batches: the slots of a whole batch are fetched
 * from memory before the first is compared, so the cache misses of a
 * large table overlap instead of queueing.
 */
#define MF_BATCH 32

size_t
mf_overlap(const struct mf_keyset *a, const struct mf_keyset *b,
    size_t ex[MF_EXAMPLES], size_t *nex)
{
	uint32_t h[MF_BATCH];
	size_t i, j, m, len, n = 0;
	const char *k;

	mf_seed_once();
	*nex = 0;
	if (b->nslot == 0)
		return 0;
	for (i = 0; i < a->n; i += m) {
		m = a->n - i < MF_BATCH ? a->n - i : MF_BATCH;
		for (j = 0; j < m; j++) {
			k = mf_key(a, i + j, &len);
			h[j] = mf_hash(k, len);
			__builtin_prefetch(&b->slot[h[j] & (b->nslot - 1)]);
		}
		for (j = 0; j < m; j++) {
			k = mf_key(a, i + j, &len);
			if (ks_lookup(b, k, len, h[j]) < 0)
				continue;
			if (*nex < MF_EXAMPLES)
				ex[(*nex)++] = i + j;
			n++;
		}
	}
	return n;
}

char *
mf_key_text(const struct mf_keyset *s, size_t i)
{
	size_t len, j;
	const char *k = mf_key(s, i, &len);
	char *out = xmalloc(len + 1);

	for (j = 0; j < len; j++) {
		unsigned char c = (unsigned char)k[j];

		out[j] = c == 0x1F ? '+' : c < 0x20 || c == 0x7F ? '?' :
		    (char)c;
	}
	out[len] = '\0';
	return out;
}

/* Parsing. */

enum mf_state { S_START, S_PLAIN, S_QUOTED, S_QQ };

struct mf_val {
	char buf[MF_MAX_KEY];
	size_t len;
	unsigned long line, col;	/* where the field began */
};

struct mf_spec {
	char *names[MF_MAX_KEYCOLS];
	int slot[MF_MAX_KEYCOLS];	/* into parse.vals */
	size_t n;
};

/* Keys waiting to be inserted, their slots already on their way. */
struct mf_batch {
	struct mf_keyset *set;
	uint32_t h[MF_BATCH], line[MF_BATCH];
	size_t off[MF_BATCH], len[MF_BATCH];
	size_t n;
	char *stage;		/* the keys' bytes */
	size_t used, cap;
};

struct mf_parse {
	const char *shown;
	struct diag *err;
	char delim;
	int quoting;
	enum mf_state state;
	unsigned long line, col;	/* of the byte being read */
	int need;			/* UTF-8 continuation bytes still due */
	unsigned char lo, hi;		/* the next one's range */
	unsigned long u_line, u_col;	/* where that sequence began */
	int cr;				/* a CR wants its LF */
	unsigned long q_line, q_col;	/* the open quote */
	size_t field;			/* index in the row */
	unsigned long row_line;		/* where the row began */
	int row_bytes;			/* the row is not blank */
	int header;			/* reading the header row */
	char **names;			/* the header's columns */
	size_t nnames, ncols;
	int *colslot;			/* column -> vals index, or -1 */
	struct mf_val *cur;		/* where this field's bytes go */
	struct mf_val hval;		/* header fields */
	struct mf_val vals[2 * MF_MAX_KEYCOLS];
	size_t nvals;
	struct mf_spec item, level;
	struct mf_result *r;
	uint64_t expect;		/* the file's size when opened */
	unsigned char plain[256];	/* bytes with no meaning to the parser */
	struct mf_batch bitem, blevel;
	char kbuf[2 * MF_MAX_KEY * MF_MAX_KEYCOLS];
};

static int
mf_fail(struct mf_parse *p, enum diag_code code, unsigned long line,
    unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
mf_fail(struct mf_parse *p, enum diag_code code, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(p->err, code, p->shown, line > (unsigned long)INT32_MAX ?
	    0 : (int)line, col > (unsigned long)INT32_MAX ? 0 : (int)col, fmt,
	    ap);
	va_end(ap);
	return -1;
}

static int
spec_parse(struct mf_parse *p, const char *s, struct mf_spec *sp,
    const char *what)
{
	const char *q;
	size_t len;

	sp->n = 0;
	if (s == NULL)
		return 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		q = strchr(s, ',');
		len = q != NULL ? (size_t)(q - s) : strlen(s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (sp->n == MF_MAX_KEYCOLS) {
			mf_fail(p, DIAG_LIMIT, 0, 0, "the %s names more than "
			    "%d columns", what, MF_MAX_KEYCOLS);
			return diag_retext(p->err, "the %s names more than %d "
			    "columns", diag_word(what), MF_MAX_KEYCOLS);
		}
		sp->names[sp->n++] = xstrndup(s, len);
		s += len;
	}
	return 0;
}

static void
spec_free(struct mf_spec *sp)
{
	size_t i;

	for (i = 0; i < sp->n; i++)
		free(sp->names[i]);
	sp->n = 0;
}

static void
columns_text(const struct mf_parse *p, char *buf, size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < p->ncols && used + 8 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    i > 0 ? ", " : "", p->names[i]);
	if (i < p->ncols && used + 4 < size)
		snprintf(buf + used, size - used, ", ...");
}

/* Find each named column in the header and give it a value slot. */
static int
spec_bind(struct mf_parse *p, struct mf_spec *sp)
{
	char cols[300];
	size_t i, c, found;
	int slot;

	for (i = 0; i < sp->n; i++) {
		found = p->ncols;
		for (c = 0; c < p->ncols; c++) {
			if (strcmp(p->names[c], sp->names[i]) != 0)
				continue;
			if (found < p->ncols)
				return mf_fail(p, DIAG_SCHEMA, 1, 1, "the "
				    "header names column '%s' twice (columns "
				    "%zu and %zu)", sp->names[i], found + 1,
				    c + 1);
			found = c;
		}
		if (found == p->ncols) {
			columns_text(p, cols, sizeof cols);
			return mf_fail(p, DIAG_SCHEMA, 1, 1, "missing key "
			    "column '%s' (the header has: %s)", sp->names[i],
			    cols);
		}
		slot = p->colslot[found];
		if (slot < 0) {
			slot = (int)p->nvals++;
			p->colslot[found] = slot;
		}
		sp->slot[i] = slot;
	}
	return 0;
}

static int
header_done(struct mf_parse *p)
{
	size_t i;

	p->colslot = xcalloc(p->ncols, sizeof *p->colslot);
	for (i = 0; i < p->ncols; i++)
		p->colslot[i] = -1;
	if (spec_bind(p, &p->item) < 0 || spec_bind(p, &p->level) < 0)
		return -1;
	p->header = 0;
	return 0;
}

static void
batch_flush(struct mf_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		ks_insert(b->set, b->stage + b->off[i], b->len[i], b->h[i],
		    b->line[i]);
	b->n = 0;
	b->used = 0;
}

static void
batch_add(struct mf_batch *b, const char *k, size_t len, uint32_t line)
{
	struct mf_keyset *s = b->set;

	if (b->n == MF_BATCH || b->used + len > b->cap)
		batch_flush(b);
	if (len > b->cap) {
		b->cap = len < 65536 ? 65536 : len;
		free(b->stage);
		b->stage = xmalloc(b->cap);
	}
	memcpy(b->stage + b->used, k, len);
	b->off[b->n] = b->used;
	b->len[b->n] = len;
	b->line[b->n] = line;
	b->h[b->n] = mf_hash(k, len);
	if (s->nslot > 0)
		__builtin_prefetch(&s->slot[b->h[b->n] & (s->nslot - 1)]);
	b->used += len;
	b->n++;
}

/* The composite key of spec sp for this row, in p->kbuf. */
static int
row_key(struct mf_parse *p, const struct mf_spec *sp, size_t *len)
{
	size_t i, n = 0;
	struct mf_val *v;

	for (i = 0; i < sp->n; i++) {
		v = &p->vals[sp->slot[i]];
		if (v->len == 0)
			return mf_fail(p, DIAG_SCHEMA, v->line, v->col,
			    "key column '%s' is empty", sp->names[i]);
		if (i > 0)
			p->kbuf[n++] = 0x1F;
		memcpy(p->kbuf + n, v->buf, v->len);
		n += v->len;
	}
	*len = n;
	return 0;
}

static int
row_done(struct mf_parse *p)
{
	size_t len, i;
	uint32_t line;

	if (!p->row_bytes && p->field == 0)
		return 0;	/* a blank line */
	if (p->header) {
		p->ncols = p->nnames;
		return header_done(p);
	}
	if (p->field + 1 < p->ncols)
		return mf_fail(p, DIAG_SCHEMA, p->line, p->col, "%zu field%s, "
		    "but the header has %zu columns", p->field + 1,
		    p->field == 0 ? "" : "s", p->ncols);
	if (++p->r->rows > MF_MAX_ROWS)
		return mf_fail(p, DIAG_LIMIT, p->line, 1, "more than %lu rows "
		    "(limit)", MF_MAX_ROWS);
	line = p->row_line > UINT32_MAX ? UINT32_MAX : (uint32_t)p->row_line;
	if (row_key(p, &p->item, &len) < 0)
		return -1;
	batch_add(&p->bitem, p->kbuf, len, line);
	if (p->level.n > 0) {
		if (row_key(p, &p->level, &len) < 0)
			return -1;
		batch_add(&p->blevel, p->kbuf, len, line);
	}
	for (i = 0; i < p->nvals; i++)
		p->vals[i].len = 0;
	return 0;
}

static void
field_begin(struct mf_parse *p, unsigned long line, unsigned long col)
{
	if (p->header) {
		p->cur = &p->hval;
	} else if (p->field < p->ncols && p->colslot[p->field] >= 0) {
		p->cur = &p->vals[p->colslot[p->field]];
	} else {
		p->cur = NULL;
		return;
	}
	p->cur->len = 0;
	p->cur->line = line;
	p->cur->col = col;
}

static int
field_end(struct mf_parse *p)
{
	if (p->header) {
		if (p->field >= MF_MAX_COLS)
			return mf_fail(p, DIAG_LIMIT, p->line, p->col, "more "
			    "than %d columns (limit)", MF_MAX_COLS);
		p->names = xreallocarray(p->names, p->nnames + 1,
		    sizeof *p->names);
		p->names[p->nnames++] = xstrndup(p->hval.buf, p->hval.len);
	}
	return 0;
}

/* After a delimiter: the next field of the row. */
static int
field_next(struct mf_parse *p)
{
	if (field_end(p) < 0)
		return -1;
	p->field++;
	if (!p->header && p->field >= p->ncols)
		return mf_fail(p, DIAG_SCHEMA, p->line, p->col + 1, "more "
		    "fields than the header's %zu columns", p->ncols);
	p->state = S_START;
	field_begin(p, p->line, p->col + 1);
	return 0;
}

static int
row_next(struct mf_parse *p)
{
	if (field_end(p) < 0 || row_done(p) < 0)
		return -1;
	p->field = 0;
	p->row_bytes = 0;
	p->state = S_START;
	return 0;
}

/* A column name or key over MF_MAX_KEY, where it starts. */
static int
too_long(struct mf_parse *p, const struct mf_val *v)
{
	const char *what = p->header ? N_("column name") : N_("key");

	mf_fail(p, DIAG_LIMIT, v->line, v->col, "a %s longer than %d bytes "
	    "(limit)", what, MF_MAX_KEY);
	return diag_retext(p->err, "a %s longer than %d bytes (limit)",
	    diag_word(what), MF_MAX_KEY);
}

static int
add_byte(struct mf_parse *p, unsigned char b)
{
	struct mf_val *v = p->cur;

	p->row_bytes = 1;
	if (v == NULL)
		return 0;
	if (v->len == MF_MAX_KEY)
		return too_long(p, v);
	v->buf[v->len++] = (char)b;
	return 0;
}

/* UTF-8, checked byte by byte; 1 when b continues a sequence. */
static int
utf8_byte(struct mf_parse *p, unsigned char b)
{
	if (p->need > 0) {
		if (b < p->lo || b > p->hi)
			return mf_fail(p, DIAG_SYNTAX, p->u_line, p->u_col,
			    "invalid UTF-8 (byte 0x%02X)", b);
		p->need--;
		p->lo = 0x80;
		p->hi = 0xBF;
		return 1;
	}
	if (b < 0x80)
		return 0;
	/* The column advances after this check: this byte is col + 1. */
	p->u_line = p->line;
	p->u_col = p->col + 1;
	p->lo = 0x80;
	p->hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF) {
		p->need = 1;
	} else if (b >= 0xE0 && b <= 0xEF) {
		p->need = 2;
		if (b == 0xE0)
			p->lo = 0xA0;
		else if (b == 0xED)
			p->hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		p->need = 3;
		if (b == 0xF0)
			p->lo = 0x90;
		else if (b == 0xF4)
			p->hi = 0x8F;
	} else {
		return mf_fail(p, DIAG_SYNTAX, p->u_line, p->u_col, "invalid "
		    "UTF-8 (byte 0x%02X)", b);
	}
	return 0;
}

static int
eol(struct mf_parse *p)
{
	if (row_next(p) < 0)
		return -1;
	p->line++;
	p->col = 0;	/* the caller's advance makes it 1 */
	p->row_line = p->line;
	field_begin(p, p->line, 1);
	return 0;
}

/* One byte of the file; the column advances in the caller. */
static int
step(struct mf_parse *p, unsigned char b)
{
	if (p->cr && b != '\n')
		return mf_fail(p, DIAG_SYNTAX, p->line, p->col - 1, "carriage "
		    "return without a line feed");
	if (b == '\0')
		return mf_fail(p, DIAG_SYNTAX, p->line, p->col, "NUL byte");
	switch (p->state) {
	case S_START:
	case S_PLAIN:
		if (b == (unsigned char)p->delim)
			return field_next(p);
		if (b == '\n') {
			p->cr = 0;
			return eol(p);
		}
		if (b == '\r') {
			p->cr = 1;
			return 0;
		}
		if (b == '"' && p->quoting) {
			if (p->state == S_PLAIN)
				return mf_fail(p, DIAG_SYNTAX, p->line, p->col,
				    "quote inside an unquoted field (quote the "
				    "whole field and double the quote)");
			p->state = S_QUOTED;
			p->row_bytes = 1;
			p->q_line = p->line;
			p->q_col = p->col;
			return 0;
		}
		p->state = S_PLAIN;
		return add_byte(p, b);
	case S_QUOTED:
		if (b == '"') {
			p->state = S_QQ;
			return 0;
		}
		if (b == '\n') {
			p->line++;
			p->col = 0;
		}
		return add_byte(p, b);
	case S_QQ:
		if (b == '"') {
			p->state = S_QUOTED;
			return add_byte(p, b);
		}
		if (b == (unsigned char)p->delim)
			return field_next(p);
		if (b == '\n') {
			p->cr = 0;
			return eol(p);
		}
		if (b == '\r') {
			p->cr = 1;
			return 0;
		}
		return mf_fail(p, DIAG_SYNTAX, p->line, p->col, "unexpected "
		    "character after a closing quote");
	}
	return 0;
}

/* A run of ordinary bytes in an unquoted field, copied in one go. */
static int
add_span(struct mf_parse *p, const unsigned char *b, size_t n)
{
	struct mf_val *v = p->cur;

	p->state = S_PLAIN;
	p->row_bytes = 1;
	p->col += n;
	if (v == NULL)
		return 0;
	if (n > MF_MAX_KEY - v->len)
		return too_long(p, v);
	memcpy(v->buf + v->len, b, n);
	v->len += n;
	return 0;
}

static int
parse_chunk(struct mf_parse *p, const unsigned char *buf, size_t n)
{
	size_t i = 0, j;
	int cont;

	while (i < n) {
		unsigned char b = buf[i];

		if (p->plain[b] && p->need == 0 && !p->cr &&
		    (p->state == S_PLAIN || p->state == S_START)) {
			for (j = i + 1; j < n && p->plain[buf[j]]; j++)
				;
			if (add_span(p, buf + i, j - i) < 0)
				return -1;
			i = j;
			continue;
		}
		i++;
		if (p->need > 0 || b >= 0x80) {
			cont = utf8_byte(p, b);
			if (cont < 0)
				return -1;
			if (cont) {
				if (add_byte(p, b) < 0)
					return -1;
				continue;
			}
		}
		p->col++;
		if (step(p, b) < 0)
			return -1;
	}
	return 0;
}

static int
parse_end(struct mf_parse *p)
{
	if (p->need > 0)
		return mf_fail(p, DIAG_SYNTAX, p->u_line, p->u_col, "invalid "
		    "UTF-8 (the file ends inside a character)");
	if (p->state == S_QUOTED)
		return mf_fail(p, DIAG_SYNTAX, p->q_line, p->q_col, "unbalanced "
		    "quote: the quoted field that begins here never ends");
	if (p->cr)
		return mf_fail(p, DIAG_SYNTAX, p->line, p->col, "carriage "
		    "return without a line feed");
	p->col++;
	if (row_next(p) < 0)
		return -1;
	batch_flush(&p->bitem);
	batch_flush(&p->blevel);
	if (p->header)
		return mf_fail(p, DIAG_SCHEMA, 1, 1, "the manifest is empty: "
		    "a header row naming the columns is needed");
	return 0;
}

static int
is_tsv(const char *path)
{
	size_t n = strlen(path);

	return (n >= 4 && strcasecmp(path + n - 4, ".tsv") == 0) ||
	    (n >= 4 && strcasecmp(path + n - 4, ".tab") == 0);
}

static void
parse_free(struct mf_parse *p)
{
	size_t i;

	for (i = 0; i < p->nnames; i++)
		free(p->names[i]);
	free(p->names);
	free(p->colslot);
	free(p->bitem.stage);
	free(p->blevel.stage);
	spec_free(&p->item);
	spec_free(&p->level);
}

/* After the first chunk: guess the rows from the bytes per row so far. */
static void
presize(struct mf_parse *p)
{
	uint64_t est;

	if (p->r->rows == 0 || p->expect <= p->r->size)
		return;
	est = p->expect / (p->r->size / p->r->rows + 1) + 1;
	if (est > MF_MAX_ROWS)
		est = MF_MAX_ROWS;
	/*
	 * Item keys are mostly distinct, so rows are a fair guess of their
	 * number; level keys (patients) are far fewer and grow as needed.
	 */
	ks_reserve(&p->r->item, (size_t)est,
	    p->r->item.n > 0 ? p->r->item.alen / p->r->item.n : 0);
}

static int
mf_read_fd(struct mf_parse *p, int fd)
{
	struct sha256_ctx sha;
	unsigned char *buf = xmalloc(MF_CHUNK);
	ssize_t n;
	int rc = 0, bom = 1;
	size_t skip;

	sha256_init(&sha);
	for (;;) {
		n = read(fd, buf, MF_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mf_fail(p, DIAG_IO, 0, 0, "cannot read: %s",
			    strerror(errno));
			break;
		}
		if (n == 0)
			break;
		sha256_update(&sha, (size_t)n, buf);
		p->r->size += (uint64_t)n;
		if (p->r->size > MF_MAX_BYTES) {
			rc = mf_fail(p, DIAG_LIMIT, 0, 0, "larger than %llu "
			    "bytes (limit)", (unsigned long long)MF_MAX_BYTES);
			break;
		}
		skip = 0;
		if (bom && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			skip = 3;
		bom = 0;
		if (parse_chunk(p, buf + skip, (size_t)n - skip) < 0) {
			rc = -1;
			break;
		}
		if (p->r->size == (uint64_t)n)
			presize(p);
	}
	free(buf);
	if (rc == 0 && parse_end(p) < 0)
		rc = -1;
	sha256hex_digest(&sha, p->r->sha256);
	return rc;
}

int
mf_read(const char *path, const char *shown, const char *key,
    const char *level, struct mf_result *r, struct diag *err)
{
	struct mf_parse *p;
	struct stat st;
	int fd, rc;

	mf_seed_once();
	memset(r, 0, sizeof *r);
	p = xcalloc(1, sizeof *p);
	p->shown = shown != NULL ? shown : path;
	p->err = err;
	p->r = r;
	p->bitem.set = &r->item;
	p->blevel.set = &r->level;
	p->line = 1;
	p->row_line = 1;
	p->header = 1;
	r->tab = (char)is_tsv(path);
	p->delim = r->tab ? '\t' : ',';
	p->quoting = !r->tab;
	for (fd = 1; fd < 0x80; fd++)
		p->plain[fd] = 1;
	p->plain[(unsigned char)p->delim] = p->plain['\n'] = p->plain['\r'] = 0;
	if (p->quoting)
		p->plain['"'] = 0;
	rc = spec_parse(p, key, &p->item, N_("item key"));
	if (rc == 0)
		rc = spec_parse(p, level, &p->level, N_("level"));
	if (rc == 0 && p->item.n == 0)
		rc = mf_fail(p, DIAG_SCHEMA, 0, 0, "no key column named");
	if (rc < 0)
		goto out;
	r->have_level = p->level.n > 0;
	fd = rdopen_regular(path, p->shown, &st, err);
	if (fd < 0) {
		rc = -1;
		goto out;
	}
	if ((unsigned long long)st.st_size > MF_MAX_BYTES) {
		rc = mf_fail(p, DIAG_LIMIT, 0, 0, "larger than %llu bytes "
		    "(limit)", (unsigned long long)MF_MAX_BYTES);
		close(fd);
		goto out;
	}
	p->expect = (uint64_t)st.st_size;
	p->col = 0;
	field_begin(p, 1, 1);
	rc = mf_read_fd(p, fd);
	close(fd);
out:
	parse_free(p);
	free(p);
	if (rc < 0)
		mf_result_free(r);
	return rc;
}

/* Reading several manifests at once. */

struct mf_pool {
	struct mf_job *jobs;
	size_t n;
	size_t next;		/* taken with an atomic add */
};

static void *
mf_worker(void *arg)
{
	struct mf_pool *pool = arg;
	size_t i;

	while ((i = __atomic_fetch_add(&pool->next, 1, __ATOMIC_RELAXED)) <
	    pool->n) {
		struct mf_job *j = &pool->jobs[i];

		diag_clear(&j->err);
		j->rc = mf_read(j->path, j->shown, j->key, j->level, &j->r,
		    &j->err);
	}
	return NULL;
}

long
mf_read_all(struct mf_job *jobs, size_t n)
{
	struct mf_pool pool = { jobs, n, 0 };
	pthread_t tid[MF_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = 0, want, i;

	mf_seed_once();
	want = cpus > 1 ? (size_t)cpus : 1;
	if (want > MF_THREADS)
		want = MF_THREADS;
	if (want > n)
		want = n;
	/* The calling thread is one worker; the others are extra. */
	for (i = 1; i < want; i++)
		if (pthread_create(&tid[nt], NULL, mf_worker, &pool) == 0)
			nt++;
	mf_worker(&pool);
	for (i = 0; i < nt; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < n; i++)
		if (jobs[i].rc < 0)
			return (long)i;
	return -1;
}
