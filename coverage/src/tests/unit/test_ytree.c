/*
 * Unit tests of the YAML reader (core/ytree.c): the tree it builds with
 * one-based positions, the YAML it refuses (each refusal with its exact
 * position and message), its limits, the files it will not read, and the
 * tree editing helpers the dossier model is built on.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "core/ytree.h"
#include "tests/unit/helpers.h"

/* Read s (NUL-terminated) as the buffer "mem.yaml". */
static struct ynode *
rd(const char *s, struct diag *err)
{
	diag_clear(err);
	return yt_read_buffer(s, strlen(s), "mem.yaml", err);
}

/* Reading s must fail with exactly this position and message. */
static void
refused(const char *s, size_t len, int line, int col, const char *msg)
{
	struct diag err;
	struct ynode *n;

	diag_clear(&err);
	n = yt_read_buffer(s, len, "mem.yaml", &err);
	if (n != NULL)
		print_error("accepted: %s\n", s);
	assert_null(n);
	h_assert_diag(&err, "mem.yaml", line, col, msg);
}

#define REFUSED(s, line, col, msg) refused(s, sizeof(s) - 1, line, col, msg)

static void
test_ytree_reads_mapping_with_one_based_positions(void **state)
{
	struct diag err;
	struct ynode *n, *b;

	(void)state;
	n = rd("a: 1\nb:\n  c: x\n  d: [y, z]\n", &err);
	assert_non_null(n);
	assert_int_equal(n->kind, YT_MAP);
	assert_int_equal(n->n, 2);
	assert_string_equal(n->keys[0]->str, "a");
	assert_int_equal(n->keys[0]->line, 1);
	assert_int_equal(n->keys[0]->col, 1);
	assert_string_equal(yt_str(n->vals[0]), "1");
	assert_int_equal(n->vals[0]->col, 4);
	b = yt_get(n, "b");
	assert_non_null(b);
	assert_int_equal(b->kind, YT_MAP);
	assert_int_equal(b->line, 3);
	assert_int_equal(b->col, 3);
	assert_int_equal(yt_get(b, "c")->line, 3);
	assert_int_equal(yt_get(b, "c")->col, 6);
	assert_int_equal(yt_get(b, "d")->kind, YT_SEQ);
	assert_int_equal(yt_get(b, "d")->n, 2);
	assert_string_equal(yt_get(b, "d")->vals[1]->str, "z");
	assert_int_equal(yt_get(b, "d")->vals[1]->line, 4);
	assert_int_equal(yt_get(b, "d")->vals[1]->col, 10);
	yt_free(n);
}

static void
test_ytree_keeps_key_order_of_the_file(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("zeta: 1\nalpha: 2\nmid: 3\n", &err);
	assert_non_null(n);
	assert_string_equal(n->keys[0]->str, "zeta");
	assert_string_equal(n->keys[1]->str, "alpha");
	assert_string_equal(n->keys[2]->str, "mid");
	assert_int_equal(yt_index(n, "mid"), 2);
	assert_int_equal(yt_index(n, "none"), -1);
	yt_free(n);
}

static void
test_ytree_marks_quoted_and_block_scalars(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("a: yes\nb: \"yes\"\nc: 'x'\nd: |\n  two\n  lines\ne: >\n"
	    "  folded\n  text\n", &err);
	assert_non_null(n);
	assert_false(yt_get(n, "a")->quoted);
	assert_true(yt_get(n, "b")->quoted);
	assert_true(yt_get(n, "c")->quoted);
	assert_true(yt_get(n, "d")->quoted);
	assert_string_equal(yt_str(yt_get(n, "d")), "two\nlines\n");
	assert_string_equal(yt_str(yt_get(n, "e")), "folded text\n");
	/* Scalars are strings: typing them is the caller's business. */
	assert_string_equal(yt_str(yt_get(n, "a")), "yes");
	yt_free(n);
}

static void
test_ytree_reads_sequence_and_flow_roots(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("- a\n- {b: c}\n", &err);
	assert_non_null(n);
	assert_int_equal(n->kind, YT_SEQ);
	assert_null(n->keys);
	assert_int_equal(n->vals[1]->kind, YT_MAP);
	yt_free(n);
	n = rd("{a: [1, 2], b: {c: d}}", &err);
	assert_non_null(n);
	assert_int_equal(yt_get(n, "a")->n, 2);
	assert_string_equal(yt_str(yt_get(yt_get(n, "b"), "c")), "d");
	yt_free(n);
}

/*
 * A scalar root is read as a scalar, so the dossier and template loaders
 * can say what they expected instead.
 */
static void
test_ytree_returns_a_scalar_root_for_callers_to_refuse(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("hello\n", &err);
	assert_non_null(n);
	assert_int_equal(n->kind, YT_SCALAR);
	assert_string_equal(n->str, "hello");
	yt_free(n);
}

static void
test_ytree_skips_utf8_bom(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("\xEF\xBB\xBF" "a: b\n", &err);
	assert_non_null(n);
	assert_string_equal(n->keys[0]->str, "a");
	assert_int_equal(n->keys[0]->line, 1);
	assert_int_equal(n->keys[0]->col, 1);
	yt_free(n);
	/* Positions of reader errors do not count the BOM either. */
	REFUSED("\xEF\xBB\xBF" "a: \xFF\n", 1, 4,
	    "invalid UTF-8 (invalid leading UTF-8 octet); save the file as "
	    "UTF-8");
}

static void
test_ytree_accepts_crlf_line_ends(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	n = rd("a: one\r\nb: |\r\n  two\r\n  lines\r\nc: x\r\n", &err);
	assert_non_null(n);
	assert_string_equal(yt_str(yt_get(n, "a")), "one");
	assert_string_equal(yt_str(yt_get(n, "b")), "two\nlines\n");
	assert_int_equal(yt_get(n, "c")->line, 5);
	assert_int_equal(yt_get(n, "c")->col, 4);
	yt_free(n);
	REFUSED("a: b\r\nc: \xFF\r\n", 2, 4,
	    "invalid UTF-8 (invalid leading UTF-8 octet); save the file as "
	    "UTF-8");
}

static void
test_ytree_refuses_empty_input(void **state)
{
	(void)state;
	REFUSED("", 1, 1, "file is empty");
	REFUSED("# only a comment\n", 1, 1,
	    "file is empty (no YAML document)");
	REFUSED("  \n\n", 1, 1, "file is empty (no YAML document)");
	REFUSED("\xEF\xBB\xBF", 1, 1, "file is empty");
}

static void
test_ytree_refuses_utf16(void **state)
{
	(void)state;
	REFUSED("\xFF\xFE" "a\0:\0 \0b\0\n\0", 1, 1,
	    "file is UTF-16; save it as UTF-8");
	REFUSED("\xFE\xFF" "\0a\0:\0 \0b\0\n", 1, 1,
	    "file is UTF-16; save it as UTF-8");
	/* Without a BOM the NUL bytes give it away. */
	REFUSED("a\0:\0 \0b\0\n\0", 1, 2,
	    "control characters are not allowed (byte 0x00)");
}

static void
test_ytree_refuses_invalid_utf8_at_its_position(void **state)
{
	(void)state;
	REFUSED("a: ok\nb: \xFF\xFE bad\n", 2, 4,
	    "invalid UTF-8 (invalid leading UTF-8 octet); save the file as "
	    "UTF-8");
	/* Columns count characters, not bytes. */
	REFUSED("\xE5\x90\x8D\xE5\xAD\x97: \xFF\n", 1, 5,
	    "invalid UTF-8 (invalid leading UTF-8 octet); save the file as "
	    "UTF-8");
	/* A cut-off sequence is reported at the byte that breaks it. */
	REFUSED("a: \xC3\n", 1, 5,
	    "invalid UTF-8 (invalid trailing UTF-8 octet); save the file as "
	    "UTF-8");
	/* An overlong form of '/'. */
	REFUSED("a: \xC0\xAF\n", 1, 4,
	    "invalid UTF-8 (invalid length of a UTF-8 sequence); save the "
	    "file as UTF-8");
}

static void
test_ytree_refuses_control_characters(void **state)
{
	(void)state;
	REFUSED("a: x\0y\n", 1, 5,
	    "control characters are not allowed (byte 0x00)");
	REFUSED("ok: 1\n\x01" "a: b\n", 2, 1,
	    "control characters are not allowed (byte 0x01)");
	REFUSED("a: \x1B[2J\n", 1, 4,
	    "control characters are not allowed (byte 0x1b)");
}

/* An escaped NUL gets past libyaml; C strings cannot hold it. */
static void
test_ytree_refuses_escaped_nul_in_a_value(void **state)
{
	(void)state;
	REFUSED("a: \"x\\0y\"\n", 1, 4, "value contains a NUL character");
}

static void
test_ytree_refuses_invalid_yaml_with_position(void **state)
{
	(void)state;
	REFUSED("key: value: x\n", 1, 11,
	    "invalid YAML: mapping values are not allowed in this context");
	REFUSED("a: [1, 2\n", 2, 1,
	    "invalid YAML: did not find expected ',' or ']' while parsing a "
	    "flow sequence (line 1)");
	REFUSED("a: \"abc\n", 2, 1,
	    "invalid YAML: found unexpected end of stream while scanning a "
	    "quoted scalar (line 1)");
	REFUSED("a:\n  - b\n c: d\n", 3, 2,
	    "invalid YAML: did not find expected key while parsing a block "
	    "mapping (line 1)");
}

static void
test_ytree_refuses_anchors_and_aliases(void **state)
{
	(void)state;
	REFUSED("a: &x 1\nb: *x\n", 1, 4,
	    "anchors (&x) are not supported; write the value out");
	REFUSED("a: [&x 1]\n", 1, 5,
	    "anchors (&x) are not supported; write the value out");
	/* An alias to nothing is refused as an alias, 0:3 becomes 1:4. */
	REFUSED("a: *nope\n", 1, 4,
	    "aliases (*nope) are not supported; write the value out");
	/* A node containing itself never reaches a recursive walk. */
	REFUSED("answers: &x {a: *x}\n", 1, 10,
	    "anchors (&x) are not supported; write the value out");
}

static void
test_ytree_refuses_billion_laughs_at_the_first_anchor(void **state)
{
	static const char lol[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
	    "\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

	(void)state;
	REFUSED(lol, 1, 4,
	    "anchors (&a) are not supported; write the value out");
}

static void
test_ytree_refuses_tags(void **state)
{
	(void)state;
	REFUSED("a: !!python/object:os.system x\n", 1, 4,
	    "tags (tag:yaml.org,2002:python/object:os.system) are not "
	    "supported; remove the tag");
	REFUSED("a: !<tag:evil> x\n", 1, 4,
	    "tags (tag:evil) are not supported; remove the tag");
	REFUSED("a: !!binary aGk=\n", 1, 4,
	    "tags (tag:yaml.org,2002:binary) are not supported; remove the "
	    "tag");
	REFUSED("a: !!int \"x\"\n", 1, 4,
	    "tags (tag:yaml.org,2002:int) are not supported; remove the tag");
	REFUSED("a: !local {b: c}\n", 1, 4,
	    "tags (!local) are not supported; remove the tag");
}

static void
test_ytree_refuses_duplicate_keys_naming_both_positions(void **state)
{
	(void)state;
	REFUSED("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at 1:1)");
	REFUSED("a:\n  b: 1\n  b: 2\n", 3, 3, "duplicate key 'b' (first at 2:3)");
	REFUSED("- x: 1\n  x: 2\n", 2, 3, "duplicate key 'x' (first at 1:3)");
	/* Quoting does not make a different key. */
	REFUSED("a: 1\n\"a\": 2\n", 2, 1, "duplicate key 'a' (first at 1:1)");
	REFUSED("{a: 1, a: 2}\n", 1, 8, "duplicate key 'a' (first at 1:2)");
}

/* Large mappings are checked by sorting once complete. */
static void
test_ytree_refuses_duplicate_keys_in_large_mappings(void **state)
{
	char buf[4096];
	size_t len = 0;
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len,
		    "k%03d: %d\n", i, i);
	len += (size_t)snprintf(buf + len, sizeof buf - len, "k050: again\n");
	refused(buf, len, 101, 1, "duplicate key 'k050' (first at 51:1)");
}

static void
test_ytree_accepts_many_distinct_keys(void **state)
{
	struct diag err;
	struct ynode *n;
	char buf[8192];
	size_t len = 0;
	int i;

	(void)state;
	for (i = 0; i < 500; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len,
		    "k%d: v\n", i);
	diag_clear(&err);
	n = yt_read_buffer(buf, len, "mem.yaml", &err);
	assert_non_null(n);
	assert_int_equal(n->n, 500);
	yt_free(n);
}

static void
test_ytree_refuses_keys_that_are_collections(void **state)
{
	(void)state;
	REFUSED("? [a, b]\n: c\n", 1, 3,
	    "a key must be a single value, not a list");
	REFUSED("? {a: b}\n: c\n", 1, 3,
	    "a key must be a single value, not a mapping");
	REFUSED("{[a]: b}\n", 1, 2, "a key must be a single value, not a list");
}

/*
 * A null key would be read as the string "~" and written back quoted, a
 * different key: refuse it as YAML means it.
 */
static void
test_ytree_refuses_null_keys(void **state)
{
	struct diag err;
	struct ynode *n;

	(void)state;
	REFUSED("a: 1\n~: x\n", 2, 1,
	    "a key must be a name, not empty or null");
	REFUSED("null: x\n", 1, 1, "a key must be a name, not empty or null");
	REFUSED("? \n: x\n", 1, 2, "a key must be a name, not empty or null");
	REFUSED("{NULL: x}\n", 1, 2, "a key must be a name, not empty or null");
	/* Quoted, they are ordinary strings. */
	n = rd("\"~\": x\n'': y\n", &err);
	assert_non_null(n);
	assert_string_equal(n->keys[0]->str, "~");
	assert_string_equal(n->keys[1]->str, "");
	yt_free(n);
}

static void
test_ytree_refuses_a_second_document(void **state)
{
	(void)state;
	REFUSED("format: 1\n---\nformat: 1\n", 2, 1,
	    "a second YAML document starts here; a file holds exactly one");
	REFUSED("a: 1\n...\n---\nb: 2\n", 3, 1,
	    "a second YAML document starts here; a file holds exactly one");
}

/* Build "a: " followed by depth levels of flow nesting. */
static char *
flow_nesting(size_t depth, size_t *len)
{
	char *s = xmalloc(3 + 2 * depth + 2);

	memcpy(s, "a: ", 3);
	memset(s + 3, '[', depth);
	memset(s + 3 + depth, ']', depth);
	s[3 + 2 * depth] = '\n';
	s[3 + 2 * depth + 1] = '\0';
	*len = 3 + 2 * depth + 1;
	return s;
}

static void
test_ytree_accepts_nesting_up_to_the_limit(void **state)
{
	struct diag err;
	struct ynode *n;
	size_t len;
	char *s;

	(void)state;
	/* The root mapping is one level: 31 lists fit under it. */
	s = flow_nesting(YT_MAX_DEPTH - 1, &len);
	diag_clear(&err);
	n = yt_read_buffer(s, len, "mem.yaml", &err);
	assert_non_null(n);
	yt_free(n);
	free(s);
}

static void
test_ytree_refuses_nesting_past_the_limit(void **state)
{
	size_t len;
	char *s;

	(void)state;
	s = flow_nesting(YT_MAX_DEPTH, &len);
	refused(s, len, 1, 35, "nesting deeper than 32 levels (limit)");
	free(s);
}

/* libyaml 0.2.5 needs 38 s to load this; we stop at level 33. */
static void
test_ytree_refuses_deep_flow_nesting_quickly(void **state)
{
	struct timespec t0, t1;
	double secs;
	size_t len;
	char *s;

	(void)state;
	s = flow_nesting(160000, &len);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	refused(s, len, 1, 35, "nesting deeper than 32 levels (limit)");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 5.0);
	free(s);
}

static void
test_ytree_refuses_deep_block_nesting(void **state)
{
	char *s = xmalloc(5000 * 5050);
	size_t len = 0;
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		memset(s + len, ' ', (size_t)i);
		len += (size_t)i;
		s[len++] = 'k';
		s[len++] = ':';
		s[len++] = '\n';
	}
	memset(s + len, ' ', 5000);
	len += 5000;
	memcpy(s + len, "v: 1\n", 5);
	len += 5;
	refused(s, len, 33, 33, "nesting deeper than 32 levels (limit)");
	free(s);
}

static void
test_ytree_scalar_length_limit(void **state)
{
	struct diag err;
	struct ynode *n;
	size_t len = 3 + YT_MAX_SCALAR + 1;
	char *s = xmalloc(len + 2);

	(void)state;
	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', YT_MAX_SCALAR);
	s[3 + YT_MAX_SCALAR] = '\n';
	diag_clear(&err);
	n = yt_read_buffer(s, len, "mem.yaml", &err);
	assert_non_null(n);
	assert_int_equal(yt_get(n, "a")->len, YT_MAX_SCALAR);
	yt_free(n);
	s[3 + YT_MAX_SCALAR] = 'x';
	s[3 + YT_MAX_SCALAR + 1] = '\n';
	refused(s, len + 1, 1, 4, "value is longer than the 1 MiB limit");
	free(s);
}

/* "[1,1,...]" with n items: n + 1 nodes. */
static char *
many_items(size_t n, size_t *len)
{
	char *s = xmalloc(2 * n + 3);
	size_t i;

	s[0] = '[';
	for (i = 0; i < n; i++) {
		s[1 + 2 * i] = '1';
		s[2 + 2 * i] = ',';
	}
	s[2 * n] = ']';
	s[2 * n + 1] = '\n';
	s[2 * n + 2] = '\0';
	*len = 2 * n + 2;
	return s;
}

static void
test_ytree_node_count_limit(void **state)
{
	struct diag err;
	struct ynode *n;
	size_t len;
	char *s;

	(void)state;
	s = many_items(YT_MAX_NODES - 1, &len);
	diag_clear(&err);
	n = yt_read_buffer(s, len, "mem.yaml", &err);
	assert_non_null(n);
	assert_int_equal(n->n, YT_MAX_NODES - 1);
	yt_free(n);
	free(s);
	s = many_items(YT_MAX_NODES, &len);
	refused(s, len, 1, 2000000, "file has more than 1,000,000 values "
	    "(limit)");
	free(s);
}

static void
test_ytree_reads_a_file(void **state)
{
	struct fx *fx = *state;
	struct ynode *n;
	char *path;

	path = h_write(fx, "f.yaml", "a: b\n", (size_t)-1);
	n = yt_read_file(path, &fx->err);
	assert_non_null(n);
	assert_string_equal(yt_str(yt_get(n, "a")), "b");
	yt_free(n);
	free(path);
}

static void
test_ytree_read_file_names_the_file_in_errors(void **state)
{
	struct fx *fx = *state;
	struct ynode *n;
	char *path;

	path = h_write(fx, "f.yaml", "a: 1\na: 2\n", (size_t)-1);
	n = yt_read_file(path, &fx->err);
	assert_null(n);
	h_assert_err(fx, "f.yaml", 2, 1, "duplicate key 'a' (first at 1:1)");
	free(path);
}

static void
test_ytree_refuses_missing_file(void **state)
{
	struct fx *fx = *state;
	char *path = h_path(fx, "none.yaml");

	assert_null(yt_read_file(path, &fx->err));
	assert_int_equal(fx->err.code, DIAG_IO);
	h_assert_err(fx, "none.yaml", 0, 0,
	    "cannot open: No such file or directory");
	free(path);
}

static void
test_ytree_refuses_a_folder(void **state)
{
	struct fx *fx = *state;

	assert_null(yt_read_file(fx->dir, &fx->err));
	h_assert_diag(&fx->err, fx->dir, 0, 0, "is a folder, not a YAML file");
}

/* O_NONBLOCK: a FIFO with no writer must not hang the open. */
static void
test_ytree_refuses_a_fifo_without_blocking(void **state)
{
	struct fx *fx = *state;
	char *path = h_path(fx, "fifo.yaml");

	assert_int_equal(mkfifo(path, 0600), 0);
	assert_null(yt_read_file(path, &fx->err));
	h_assert_err(fx, "fifo.yaml", 0, 0,
	    "is not a regular file (device, FIFO or socket)");
	free(path);
}

static void
test_ytree_refuses_a_device(void **state)
{
	struct fx *fx = *state;

	assert_null(yt_read_file("/dev/zero", &fx->err));
	h_assert_diag(&fx->err, "/dev/zero", 0, 0,
	    "is not a regular file (device, FIFO or socket)");
}

static void
test_ytree_refuses_a_file_over_the_size_limit(void **state)
{
	struct fx *fx = *state;
	char *path = h_path(fx, "big.yaml");
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	/* Sparse: no 32 MB ever touches the disk. */
	assert_int_equal(ftruncate(fd, (off_t)YT_MAX_FILE + 1), 0);
	close(fd);
	assert_null(yt_read_file(path, &fx->err));
	assert_int_equal(fx->err.code, DIAG_LIMIT);
	h_assert_err(fx, "big.yaml", 0, 0,
	    "file is 32.0 MB; the limit is 32 MB");
	free(path);
}

static void
test_ytree_slurp_returns_bytes_as_they_are(void **state)
{
	struct fx *fx = *state;
	char *path = h_write(fx, "b.bin", "a\0b\r\n", 5), *buf;
	size_t len = 0;

	buf = yt_slurp(path, &len, &fx->err);
	assert_non_null(buf);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "a\0b\r\n", 5);
	free(buf);
	free(path);
}

static void
test_ytree_set_replaces_in_place_and_appends_new_keys(void **state)
{
	struct ynode *m = yt_map(), *old;

	(void)state;
	yt_set(m, "a", yt_scalar("1"));
	yt_set(m, "b", yt_scalar("2"));
	yt_set(m, "a", yt_scalar("3"));
	assert_int_equal(m->n, 2);
	assert_string_equal(m->keys[0]->str, "a");
	assert_string_equal(yt_str(m->vals[0]), "3");
	old = yt_swap(m, "b", yt_scalar("4"));
	assert_string_equal(yt_str(old), "2");
	yt_free(old);
	assert_null(yt_swap(m, "c", yt_scalar("5")));
	assert_string_equal(m->keys[2]->str, "c");
	old = yt_take(m, "a");
	assert_string_equal(yt_str(old), "3");
	yt_free(old);
	assert_null(yt_take(m, "a"));
	assert_int_equal(m->n, 2);
	assert_string_equal(m->keys[0]->str, "b");
	assert_string_equal(m->keys[1]->str, "c");
	yt_free(m);
}

static void
test_ytree_get_map_creates_or_replaces_non_mappings(void **state)
{
	struct ynode *m = yt_map(), *sub;

	(void)state;
	sub = yt_get_map(m, "x");
	assert_int_equal(sub->kind, YT_MAP);
	assert_ptr_equal(yt_get_map(m, "x"), sub);
	yt_set(m, "y", yt_scalar(""));
	sub = yt_get_map(m, "y");
	assert_int_equal(yt_get(m, "y")->kind, YT_MAP);
	assert_ptr_equal(yt_get(m, "y"), sub);
	assert_null(yt_get(m, "none"));
	yt_free(m);
}

static void
test_ytree_sequence_insert_and_remove(void **state)
{
	struct ynode *s = yt_seq(), *v;

	(void)state;
	yt_append(s, yt_scalar("b"));
	yt_insert(s, 0, yt_scalar("a"));
	yt_insert(s, 99, yt_scalar("c"));
	assert_int_equal(s->n, 3);
	assert_string_equal(s->vals[0]->str, "a");
	assert_string_equal(s->vals[2]->str, "c");
	v = yt_remove(s, 1);
	assert_string_equal(v->str, "b");
	yt_free(v);
	assert_null(yt_remove(s, 2));
	assert_int_equal(s->n, 2);
	yt_free(s);
}

static void
test_ytree_clone_is_equal_and_independent(void **state)
{
	struct diag err;
	struct ynode *a, *b;

	(void)state;
	a = rd("a: [1, {b: \"x\"}]\nc: |\n  t\n", &err);
	assert_non_null(a);
	b = yt_clone(a);
	assert_true(yt_equal(a, b));
	assert_int_equal(yt_get(b, "c")->line, 2);
	assert_true(yt_get(b, "c")->quoted);
	yt_set(b, "c", yt_scalar("u"));
	assert_false(yt_equal(a, b));
	assert_string_equal(yt_str(yt_get(a, "c")), "t\n");
	yt_free(a);
	yt_free(b);
}

static void
test_ytree_equal_ignores_positions_and_quoting(void **state)
{
	struct diag err;
	struct ynode *a, *b;

	(void)state;
	a = rd("a: x\nb: [1]\n", &err);
	b = rd("{a: \"x\", b: [1]}", &err);
	assert_true(yt_equal(a, b));
	assert_false(yt_equal(a, NULL));
	assert_true(yt_equal(NULL, NULL));
	yt_free(b);
	b = rd("{b: [1], a: x}", &err);
	assert_false(yt_equal(a, b));	/* order matters */
	yt_free(a);
	yt_free(b);
}

static void
test_ytree_scalar_helpers(void **state)
{
	struct ynode *s = yt_scalar_n("abc", 2), *m = yt_map(), *q = yt_seq();

	(void)state;
	assert_string_equal(s->str, "ab");
	assert_int_equal(s->len, 2);
	assert_true(yt_is_scalar(s, "ab"));
	assert_false(yt_is_scalar(s, "abc"));
	assert_false(yt_is_scalar(NULL, "ab"));
	assert_null(yt_str(m));
	assert_string_equal(yt_kind_name(s), "a single value");
	assert_string_equal(yt_kind_name(m), "a mapping");
	assert_string_equal(yt_kind_name(q), "a list");
	assert_string_equal(yt_kind_name(NULL), "nothing");
	assert_null(yt_get(q, "a"));
	assert_int_equal(yt_index(s, "a"), -1);
	yt_free(s);
	yt_free(m);
	yt_free(q);
	yt_free(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, h_setup, h_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ytree_reads_mapping_with_one_based_positions),
		T(test_ytree_keeps_key_order_of_the_file),
		T(test_ytree_marks_quoted_and_block_scalars),
		T(test_ytree_reads_sequence_and_flow_roots),
		T(test_ytree_returns_a_scalar_root_for_callers_to_refuse),
		T(test_ytree_skips_utf8_bom),
		T(test_ytree_accepts_crlf_line_ends),
		T(test_ytree_refuses_empty_input),
		T(test_ytree_refuses_utf16),
		T(test_ytree_refuses_invalid_utf8_at_its_position),
		T(test_ytree_refuses_control_characters),
		T(test_ytree_refuses_escaped_nul_in_a_value),
		T(test_ytree_refuses_invalid_yaml_with_position),
		T(test_ytree_refuses_anchors_and_aliases),
		T(test_ytree_refuses_billion_laughs_at_the_first_anchor),
		T(test_ytree_refuses_tags),
		T(test_ytree_refuses_duplicate_keys_naming_both_positions),
		T(test_ytree_refuses_duplicate_keys_in_large_mappings),
		T(test_ytree_accepts_many_distinct_keys),
		T(test_ytree_refuses_keys_that_are_collections),
		T(test_ytree_refuses_null_keys),
		T(test_ytree_refuses_a_second_document),
		T(test_ytree_accepts_nesting_up_to_the_limit),
		T(test_ytree_refuses_nesting_past_the_limit),
		T(test_ytree_refuses_deep_flow_nesting_quickly),
		T(test_ytree_refuses_deep_block_nesting),
		T(test_ytree_scalar_length_limit),
		T(test_ytree_node_count_limit),
		T(test_ytree_reads_a_file),
		T(test_ytree_read_file_names_the_file_in_errors),
		T(test_ytree_refuses_missing_file),
		T(test_ytree_refuses_a_folder),
		T(test_ytree_refuses_a_fifo_without_blocking),
		T(test_ytree_refuses_a_device),
		T(test_ytree_refuses_a_file_over_the_size_limit),
		T(test_ytree_slurp_returns_bytes_as_they_are),
		T(test_ytree_set_replaces_in_place_and_appends_new_keys),
		T(test_ytree_get_map_creates_or_replaces_non_mappings),
		T(test_ytree_sequence_insert_and_remove),
		T(test_ytree_clone_is_equal_and_independent),
		T(test_ytree_equal_ignores_positions_and_quoting),
		T(test_ytree_scalar_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
