/*
 * The YAML reader and the tree it builds.  libyaml's event parser feeds a
 * loop with an explicit stack (so depth is ours to bound, and a hostile file
 * cannot recurse us off the stack); nodes are built as events arrive and
 * every refusal carries the event's mark.  libyaml's marks are zero-based,
 * ours one-based.  Reader errors (bad UTF-8, control characters) come with
 * a byte offset instead of a mark; we turn it into line:column ourselves.
 */
#include "config.h"

#include "core/ytree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "core/lang.h"
#include "core/xalloc.h"

/* Maps up to this size look for duplicate keys as they grow. */
#define YT_LINEAR_DUPS 32

struct yt_reader {
	const char *name;
	const unsigned char *buf;
	size_t len;
	struct diag *err;
	size_t nodes;
};

static struct ynode *
yt_new(enum yt_kind kind)
{
	struct ynode *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	return n;
}

struct ynode *
yt_scalar_n(const char *s, size_t len)
{
	struct ynode *n = yt_new(YT_SCALAR);

	n->str = xstrndup(s, len);
	n->len = len;
	return n;
}

struct ynode *
yt_scalar(const char *s)
{
	return yt_scalar_n(s, strlen(s));
}

struct ynode *
yt_map(void)
{
	return yt_new(YT_MAP);
}

struct ynode *
yt_seq(void)
{
	return yt_new(YT_SEQ);
}

void
yt_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			yt_free(n->keys[i]);
		yt_free(n->vals[i]);
	}
	free(n->keys);
	free(n->vals);
	free(n->str);
	free(n);
}

static void
yt_grow(struct ynode *n)
{
	if (n->n < n->cap)
		return;
	n->cap = n->cap == 0 ? 4 : n->cap * 2;
	n->vals = xreallocarray(n->vals, n->cap, sizeof *n->vals);
	if (n->kind == YT_MAP)
		n->keys = xreallocarray(n->keys, n->cap, sizeof *n->keys);
}

static void
yt_push(struct ynode *m, struct ynode *key, struct ynode *val)
{
	yt_grow(m);
	if (m->kind == YT_MAP)
		m->keys[m->n] = key;
	m->vals[m->n++] = val;
}

struct ynode *
yt_clone(const struct ynode *n)
{
	struct ynode *c;
	size_t i;

	if (n == NULL)
		return NULL;
	c = yt_new(n->kind);
	c->line = n->line;
	c->col = n->col;
	c->quoted = n->quoted;
	if (n->kind == YT_SCALAR) {
		c->str = xstrndup(n->str, n->len);
		c->len = n->len;
		return c;
	}
	for (i = 0; i < n->n; i++)
		yt_push(c, n->keys != NULL ? yt_clone(n->keys[i]) : NULL,
		    yt_clone(n->vals[i]));
	return c;
}

int
yt_equal(const struct ynode *a, const struct ynode *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return 0;
	if (a->kind == YT_SCALAR)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	for (i = 0; i < a->n; i++) {
		if (a->kind == YT_MAP && !yt_equal(a->keys[i], b->keys[i]))
			return 0;
		if (!yt_equal(a->vals[i], b->vals[i]))
			return 0;
	}
	return 1;
}

long
yt_index(const struct ynode *m, const char *key)
{
	size_t i, len;

	if (m == NULL || m->kind != YT_MAP)
		return -1;
	len = strlen(key);
	for (i = 0; i < m->n; i++) {
		if (m->keys[i]->len == len && m->keys[i]->str[0] == key[0] &&
		    memcmp(m->keys[i]->str, key, len) == 0)
			return (long)i;
	}
	return -1;
}

struct ynode *
yt_get(const struct ynode *m, const char *key)
{
	long i = yt_index(m, key);

	return i < 0 ? NULL : m->vals[i];
}

struct ynode *
yt_swap(struct ynode *m, const char *key, struct ynode *val)
{
	long i = yt_index(m, key);
	struct ynode *old;

	if (i < 0) {
		yt_push(m, yt_scalar(key), val);
		return NULL;
	}
	old = m->vals[i];
	m->vals[i] = val;
	return old;
}

void
yt_set(struct ynode *m, const char *key, struct ynode *val)
{
	yt_free(yt_swap(m, key, val));
}

struct ynode *
yt_take(struct ynode *m, const char *key)
{
	long i = yt_index(m, key);
	struct ynode *val;

	if (i < 0)
		return NULL;
	val = m->vals[i];
	yt_free(m->keys[i]);
	memmove(m->keys + i, m->keys + i + 1,
	    (m->n - (size_t)i - 1) * sizeof *m->keys);
	memmove(m->vals + i, m->vals + i + 1,
	    (m->n - (size_t)i - 1) * sizeof *m->vals);
	m->n--;
	return val;
}

struct ynode *
yt_get_map(struct ynode *m, const char *key)
{
	struct ynode *v = yt_get(m, key);

	if (v != NULL && v->kind == YT_MAP)
		return v;
	v = yt_map();
	yt_set(m, key, v);
	return v;
}

void
yt_append(struct ynode *s, struct ynode *val)
{
	yt_push(s, NULL, val);
}

void
yt_insert(struct ynode *s, size_t i, struct ynode *val)
{
	if (i > s->n)
		i = s->n;
	yt_grow(s);
	memmove(s->vals + i + 1, s->vals + i, (s->n - i) * sizeof *s->vals);
	s->vals[i] = val;
	s->n++;
}

struct ynode *
yt_remove(struct ynode *s, size_t i)
{
	struct ynode *val;

	if (i >= s->n)
		return NULL;
	val = s->vals[i];
	memmove(s->vals + i, s->vals + i + 1, (s->n - i - 1) * sizeof *s->vals);
	s->n--;
	return val;
}

int
yt_is_scalar(const struct ynode *n, const char *s)
{
	return n != NULL && n->kind == YT_SCALAR && strcmp(n->str, s) == 0;
}

const char *
yt_str(const struct ynode *n)
{
	return n != NULL && n->kind == YT_SCALAR ? n->str : NULL;
}

size_t
yt_count(const struct ynode *n)
{
	size_t i, c;

	if (n == NULL)
		return 0;
	c = 1;
	for (i = 0; i < n->n; i++)
		c += (n->keys != NULL ? 1 : 0) + yt_count(n->vals[i]);
	return c;
}

const char *
yt_kind_name(const struct ynode *n)
{
	/* English, marked for diag_word (core/diag.h). */
	if (n == NULL)
		return N_("nothing");
	switch (n->kind) {
	case YT_MAP:
		return N_("a mapping");
	case YT_SEQ:
		return N_("a list");
	case YT_SCALAR:
		break;
	}
	return N_("a single value");
}

/* Reading. */

static int yt_fail(struct yt_reader *r, const yaml_mark_t *mark,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
yt_fail(struct yt_reader *r, const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(r->err, DIAG_SCHEMA, r->name, (int)mark->line + 1,
	    (int)mark->column + 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Line and column (in characters) of a byte offset into the buffer. */
static void
yt_offset_pos(const struct yt_reader *r, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > r->len)
		off = r->len;
	for (i = 0; i < off; i++) {
		if (r->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((r->buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static int
yt_parser_error(struct yt_reader *r, const yaml_parser_t *p)
{
	int line, col;
	const char *problem = p->problem != NULL ? p->problem : "parse error";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return diag_set(r->err, DIAG_NOMEM, r->name, 0, 0,
		    "out of memory while reading");
	case YAML_READER_ERROR:
		yt_offset_pos(r, p->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8") != NULL)
			return diag_set(r->err, DIAG_SYNTAX, r->name, line, col,
			    "invalid UTF-8 (%s); save the file as UTF-8",
			    problem);
		return diag_set(r->err, DIAG_SYNTAX, r->name, line, col,
		    "%s (byte 0x%02x)", problem,
		    (unsigned)p->problem_value & 0xff);
	default:
		break;
	}
	if (p->context != NULL)
		return diag_set(r->err, DIAG_SYNTAX, r->name,
		    (int)p->problem_mark.line + 1,
		    (int)p->problem_mark.column + 1,
		    "invalid YAML: %s %s (line %d)", problem, p->context,
		    (int)p->context_mark.line + 1);
	return diag_set(r->err, DIAG_SYNTAX, r->name,
	    (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
	    "invalid YAML: %s", problem);
}

static int
yt_check_props(struct yt_reader *r, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return yt_fail(r, &ev->start_mark,
		    "anchors (&%s) are not supported; write the value out",
		    (const char *)anchor);
	if (tag != NULL)
		return yt_fail(r, &ev->start_mark,
		    "tags (%s) are not supported; remove the tag",
		    (const char *)tag);
	return 0;
}

/* Complain about a key that is already in map m; 0 when it is new. */
static int
yt_check_dup_linear(struct yt_reader *r, const struct ynode *m,
    const struct ynode *key)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct ynode *k = m->keys[i];

		if (k->len == key->len && memcmp(k->str, key->str, k->len) == 0)
			return diag_set(r->err, DIAG_SCHEMA, r->name, key->line,
			    key->col, "duplicate key '%s' (first at %d:%d)",
			    key->str, k->line, k->col);
	}
	return 0;
}

static int
yt_cmp_keys(const void *a, const void *b)
{
	const struct ynode *ka = *(struct ynode *const *)a;
	const struct ynode *kb = *(struct ynode *const *)b;
	size_t n = ka->len < kb->len ? ka->len : kb->len;
	int c = memcmp(ka->str, kb->str, n);

	if (c != 0)
		return c;
	if (ka->len != kb->len)
		return ka->len < kb->len ? -1 : 1;
	/* Equal keys: file order, so the report names the later one. */
	return ka->line != kb->line ? (ka->line < kb->line ? -1 : 1) :
	    (ka->col < kb->col ? -1 : ka->col > kb->col);
}

/* Large maps are checked once complete: sorting beats quadratic scans. */
static int
yt_check_dup_sorted(struct yt_reader *r, const struct ynode *m)
{
	struct ynode **sorted;
	size_t i;
	int rc = 0;

	if (m->n <= YT_LINEAR_DUPS)
		return 0;
	sorted = xreallocarray(NULL, m->n, sizeof *sorted);
	memcpy(sorted, m->keys, m->n * sizeof *sorted);
	qsort(sorted, m->n, sizeof *sorted, yt_cmp_keys);
	for (i = 1; i < m->n && rc == 0; i++) {
		if (sorted[i]->len == sorted[i - 1]->len &&
		    memcmp(sorted[i]->str, sorted[i - 1]->str,
		    sorted[i]->len) == 0)
			rc = diag_set(r->err, DIAG_SCHEMA, r->name,
			    sorted[i]->line, sorted[i]->col,
			    "duplicate key '%s' (first at %d:%d)",
			    sorted[i]->str, sorted[i - 1]->line,
			    sorted[i - 1]->col);
	}
	free(sorted);
	return rc;
}

struct yt_frame {
	struct ynode *node;
	struct ynode *key;	/* mapping: key waiting for its value */
};

struct yt_state {
	struct yt_frame stack[YT_MAX_DEPTH + 1];
	int depth;
	struct ynode *root;
	int documents;
};

/*
 * YAML reads an empty or null plain key as null, not as a string: keeping
 * it as the string "~" would write back a different key.
 */
static int
yt_is_null_key(const struct ynode *k)
{
	return !k->quoted && (k->len == 0 || strcmp(k->str, "~") == 0 ||
	    strcmp(k->str, "null") == 0 || strcmp(k->str, "Null") == 0 ||
	    strcmp(k->str, "NULL") == 0);
}

/* Attach a finished or newly opened node to its parent. */
static int
yt_attach(struct yt_reader *r, struct yt_state *st, struct ynode *n,
    const yaml_event_t *ev)
{
	struct yt_frame *top;

	if (st->depth == 0) {
		st->root = n;
		return 0;
	}
	top = &st->stack[st->depth - 1];
	if (top->node->kind == YT_SEQ) {
		yt_push(top->node, NULL, n);
		return 0;
	}
	if (top->key == NULL) {
		if (n->kind != YT_SCALAR) {
			const char *what = yt_kind_name(n);

			yt_free(n);
			yt_fail(r, &ev->start_mark,
			    "a key must be a single value, not %s", what);
			return diag_retext(r->err, "a key must be a single "
			    "value, not %s", diag_word(what));
		}
		if (yt_is_null_key(n)) {
			yt_free(n);
			return yt_fail(r, &ev->start_mark, "%s",
			    "a key must be a name, not empty or null");
		}
		if (top->node->n < YT_LINEAR_DUPS &&
		    yt_check_dup_linear(r, top->node, n) < 0) {
			yt_free(n);
			return -1;
		}
		top->key = n;
		return 0;
	}
	yt_push(top->node, top->key, n);
	top->key = NULL;
	return 0;
}

static struct ynode *
yt_node_at(enum yt_kind kind, const yaml_event_t *ev)
{
	struct ynode *n = yt_new(kind);

	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static int
yt_event(struct yt_reader *r, struct yt_state *st, const yaml_event_t *ev)
{
	struct ynode *n;

	if (yt_check_props(r, ev) < 0)
		return -1;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (st->documents++ > 0)
			return yt_fail(r, &ev->start_mark, "%s",
			    "a second YAML document starts here; a file holds "
			    "exactly one");
		return 0;
	case YAML_ALIAS_EVENT:
		return yt_fail(r, &ev->start_mark,
		    "aliases (*%s) are not supported; write the value out",
		    (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length > YT_MAX_SCALAR)
			return yt_fail(r, &ev->start_mark, "%s",
			    "value is longer than the 1 MiB limit");
		if (++r->nodes > YT_MAX_NODES)
			return yt_fail(r, &ev->start_mark, "%s",
			    "file has more than 1,000,000 values (limit)");
		n = yt_node_at(YT_SCALAR, ev);
		n->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->str) != n->len) {
			yt_free(n);
			return yt_fail(r, &ev->start_mark, "%s",
			    "value contains a NUL character");
		}
		return yt_attach(r, st, n, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (st->depth >= YT_MAX_DEPTH)
			return yt_fail(r, &ev->start_mark,
			    "nesting deeper than %s levels (limit)", "32");
		if (++r->nodes > YT_MAX_NODES)
			return yt_fail(r, &ev->start_mark, "%s",
			    "file has more than 1,000,000 values (limit)");
		n = yt_node_at(ev->type == YAML_MAPPING_START_EVENT ?
		    YT_MAP : YT_SEQ, ev);
		if (yt_attach(r, st, n, ev) < 0)
			return -1;
		st->stack[st->depth].node = n;
		st->stack[st->depth].key = NULL;
		st->depth++;
		return 0;
	case YAML_MAPPING_END_EVENT:
		if (yt_check_dup_sorted(r, st->stack[st->depth - 1].node) < 0)
			return -1;
		st->depth--;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
		st->depth--;
		return 0;
	default:
		return 0;
	}
}

static struct ynode *
yt_parse(struct yt_reader *r)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct yt_state st;
	int rc = 0, done = 0;

	memset(&st, 0, sizeof st);
	if (!yaml_parser_initialize(&p)) {
		diag_set(r->err, DIAG_NOMEM, r->name, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&p, r->buf, r->len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = yt_parser_error(r, &p);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = yt_event(r, &st, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (rc == 0 && st.root == NULL)
		rc = diag_set(r->err, DIAG_SCHEMA, r->name, 1, 1,
		    "file is empty (no YAML document)");
	if (rc < 0) {
		/*
		 * Containers are attached when they open, so all of them are
		 * reachable from the root; only keys still waiting for their
		 * value are not.
		 */
		for (int i = 0; i < st.depth; i++)
			yt_free(st.stack[i].key);
		yt_free(st.root);
		return NULL;
	}
	return st.root;
}

struct ynode *
yt_read_buffer(const char *buf, size_t len, const char *name,
    struct diag *err)
{
	struct yt_reader r;
	const unsigned char *b = (const unsigned char *)buf;

	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF))) {
		diag_set(err, DIAG_SYNTAX, name, 1, 1,
		    "file is UTF-16; save it as UTF-8");
		return NULL;
	}
	if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		b += 3;
		len -= 3;
	}
	memset(&r, 0, sizeof r);
	r.name = name;
	r.buf = b;
	r.len = len;
	r.err = err;
	if (len == 0) {
		diag_set(err, DIAG_SCHEMA, name, 1, 1, "file is empty");
		return NULL;
	}
	return yt_parse(&r);
}

/*
 * Read the whole file, refusing anything that is not a regular file before
 * a byte is read: O_NONBLOCK keeps a FIFO from hanging the open.
 */
char *
yt_slurp_fd(int fd, const char *path, size_t *lenp, struct diag *err)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	ssize_t got;

	if (fstat(fd, &st) < 0) {
		diag_set(err, DIAG_IO, path, 0, 0, "cannot stat: %s",
		    strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_set(err, DIAG_IO, path, 0, 0,
		    "is a folder, not a YAML file");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_set(err, DIAG_IO, path, 0, 0,
		    "is not a regular file (device, FIFO or socket)");
		return NULL;
	}
	if ((unsigned long long)st.st_size > YT_MAX_FILE) {
		diag_set(err, DIAG_LIMIT, path, 0, 0,
		    "file is %.1f MB; the limit is %u MB",
		    (double)st.st_size / (1024.0 * 1024.0),
		    YT_MAX_FILE / (1024u * 1024u));
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	/* The size can change under us; never read past the limit. */
	while (len < (size_t)st.st_size + 1) {
		got = read(fd, buf + len, (size_t)st.st_size + 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_set(err, DIAG_IO, path, 0, 0, "cannot read: %s",
			    strerror(errno));
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	if (len > (size_t)st.st_size) {
		diag_set(err, DIAG_IO, path, 0, 0,
		    "file grew while being read; try again");
		free(buf);
		return NULL;
	}
	/* Callers may treat it as a string: an empty file is "". */
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

char *
yt_slurp(const char *path, size_t *lenp, struct diag *err)
{
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_set(err, DIAG_IO, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	buf = yt_slurp_fd(fd, path, lenp, err);
	close(fd);
	return buf;
}

struct ynode *
yt_read_file(const char *path, struct diag *err)
{
	struct ynode *root;
	size_t len;
	char *buf;

	buf = yt_slurp(path, &len, err);
	if (buf == NULL)
		return NULL;
	root = yt_read_buffer(buf, len, path, err);
	free(buf);
	return root;
}
