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
#include <unistd.h>

#include "core/diag.h"
#include "core/pattern.h"
#include "core/template.h"
#include "core/ytree.h"

/*
 * Every documented limit (dossier(1), LIMITS) at its edge: the largest
 * input that is accepted, and one more that is refused with the message
 * the man page quotes and the position of the offending node.  The
 * condition limits are tested in test_cond.c; hostile files as a whole in
 * tests/hostile.
 */

/* A growing string buffer; aborts on failure (it is only a test). */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void
sb_rep(struct sbuf *b, const char *s, size_t times)
{
	while (times-- > 0)
		sb_str(b, s);
}

/* Read b and expect a refusal with msg at line:col (0: any). */
static void
expect_refused(const struct sbuf *b, int line, int col, const char *msg)
{
	struct diag err;
	struct ynode *n;

	diag_clear(&err);
	n = yt_read_buffer(b->p, b->len, "t.yaml", &err);
	if (n != NULL)
		fail_msg("accepted, expected \"%s\"", msg);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("message \"%s\", expected \"%s\"", err.msg, msg);
	if (line > 0)
		assert_int_equal(err.line, line);
	if (col > 0)
		assert_int_equal(err.col, col);
}

static void
expect_read(const struct sbuf *b)
{
	struct diag err;
	struct ynode *n;

	n = yt_read_buffer(b->p, b->len, "t.yaml", &err);
	if (n == NULL)
		fail_msg("refused: %d:%d: %s", err.line, err.col, err.msg);
	yt_free(n);
}

/* Nesting: 32 collections inside each other read, 33 do not. */
static void
test_limits_depth(void **state)
{
	struct sbuf b = { NULL, 0, 0 };

	(void)state;
	sb_rep(&b, "[", YT_MAX_DEPTH);
	sb_rep(&b, "]", YT_MAX_DEPTH);
	expect_read(&b);
	b.len = 0;
	sb_rep(&b, "[", YT_MAX_DEPTH + 1);
	sb_rep(&b, "]", YT_MAX_DEPTH + 1);
	expect_refused(&b, 1, YT_MAX_DEPTH + 1,
	    "nesting deeper than 32 levels (limit)");
	/*
	 * 160,000 brackets: refused at once, not after libyaml's 38 s.  The
	 * mapping is the first level, so the 32nd bracket is one too many.
	 */
	b.len = 0;
	sb_str(&b, "a: ");
	sb_rep(&b, "[", 160000);
	expect_refused(&b, 1, 3 + YT_MAX_DEPTH,
	    "nesting deeper than 32 levels (limit)");
	free(b.p);
}

/* One value of 1 MiB reads; one byte more is refused at its start. */
static void
test_limits_scalar_length(void **state)
{
	struct sbuf b = { NULL, 0, 0 };

	(void)state;
	sb_str(&b, "key: ");
	sb_rep(&b, "x", YT_MAX_SCALAR);
	sb_str(&b, "\n");
	expect_read(&b);
	b.len = 0;
	sb_str(&b, "a: 1\nkey: ");
	sb_rep(&b, "x", YT_MAX_SCALAR + 1);
	sb_str(&b, "\n");
	expect_refused(&b, 2, 6, "value is longer than the 1 MiB limit");
	free(b.p);
}

/*
 * Nodes: a list holding 999,999 values is 1,000,000 nodes and reads; one
 * more value is refused at that value.  About 2 MB of text.
 */
static void
test_limits_node_count(void **state)
{
	struct sbuf b = { NULL, 0, 0 };
	size_t col;

	(void)state;
	sb_str(&b, "[0");
	sb_rep(&b, ",0", YT_MAX_NODES - 2);
	sb_str(&b, "]");
	expect_read(&b);
	b.len = 0;
	sb_str(&b, "[0");
	sb_rep(&b, ",0", YT_MAX_NODES - 1);
	sb_str(&b, "]");
	col = b.len - 1;	/* the last 0 */
	expect_refused(&b, 1, (int)col,
	    "file has more than 1,000,000 values (limit)");
	free(b.p);
}

/* File size: checked with fstat before a byte is read (a sparse file). */
static void
test_limits_file_size(void **state)
{
	char path[] = "/tmp/limits.XXXXXX";
	struct diag err;
	size_t len;
	char *buf;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, YT_MAX_FILE), 0);
	buf = yt_slurp(path, &len, &err);
	assert_non_null(buf);
	assert_int_equal(len, YT_MAX_FILE);
	free(buf);
	assert_int_equal(ftruncate(fd, (off_t)YT_MAX_FILE + 1), 0);
	close(fd);
	diag_clear(&err);
	assert_null(yt_slurp(path, &len, &err));
	assert_int_equal(err.code, DIAG_LIMIT);
	assert_string_equal(err.msg, "file is 32.0 MB; the limit is 32 MB");
	unlink(path);
}

/* Patterns: length, nesting, and the match limit a template cannot raise. */
static void
test_limits_pattern(void **state)
{
	struct sbuf b = { NULL, 0, 0 };
	struct pattern *p;
	char msg[256], subject[64];
	size_t off;

	(void)state;
	sb_rep(&b, "a", PATTERN_MAX_LENGTH);
	p = pattern_compile(b.p, msg, sizeof msg, &off);
	assert_non_null(p);
	pattern_free(p);
	sb_str(&b, "a");
	assert_null(pattern_compile(b.p, msg, sizeof msg, &off));
	assert_string_equal(msg, "pattern is longer than 4096 bytes");

	b.len = 0;
	sb_rep(&b, "(", 64);
	sb_str(&b, "a");
	sb_rep(&b, ")", 64);
	p = pattern_compile(b.p, msg, sizeof msg, &off);
	assert_non_null(p);
	pattern_free(p);
	b.len = 0;
	sb_rep(&b, "(", 65);
	sb_str(&b, "a");
	sb_rep(&b, ")", 65);
	assert_null(pattern_compile(b.p, msg, sizeof msg, &off));
	assert_non_null(strstr(msg, "parentheses are too deeply nested"));

	/* Catastrophic backtracking: no verdict, quickly. */
	memset(subject, 'a', 40);
	subject[40] = 'b';
	subject[41] = '\0';
	p = pattern_compile("^(a+)+$", msg, sizeof msg, &off);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, subject, 41), PATTERN_LIMIT);
	pattern_free(p);
	p = pattern_compile("(*LIMIT_MATCH=999999999)(*LIMIT_HEAP=99999999)"
	    "^(a+)+$", msg, sizeof msg, &off);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, subject, 41), PATTERN_LIMIT);
	pattern_free(p);
	/* \C could split a UTF-8 character: refused at compile time. */
	assert_null(pattern_compile("a\\Cb", msg, sizeof msg, &off));
	free(b.p);
}

/* A template with n sections, fields per section or rules per section. */
static void
make_template(struct sbuf *b, int nsections, int nfields, int nrules)
{
	char line[128];
	int s, i;

	b->len = 0;
	sb_str(b, "id: t\nedition: \"1\"\ntitle: T\nsections:\n");
	for (s = 0; s < nsections; s++) {
		snprintf(line, sizeof line, "  - id: s%d\n    title: S\n"
		    "    fields:\n", s);
		sb_str(b, line);
		for (i = 0; i < nfields; i++) {
			snprintf(line, sizeof line, "      - {id: f%d, label: "
			    "F, type: text}\n", i);
			sb_str(b, line);
		}
		if (nrules == 0)
			continue;
		sb_str(b, "    rules:\n");
		for (i = 0; i < nrules; i++) {
			snprintf(line, sizeof line, "      - {id: r%d, assert: "
			    "filled(f0), message: M}\n", i);
			sb_str(b, line);
		}
	}
}

static void
expect_template(const struct sbuf *b, const char *msg)
{
	struct diag err;
	struct tmpl *t;

	diag_clear(&err);
	t = tmpl_load_buffer(b->p, b->len, "t.yaml", &err);
	if (msg == NULL) {
		if (t == NULL)
			fail_msg("refused: %d:%d: %s", err.line, err.col,
			    err.msg);
		tmpl_free(t);
		return;
	}
	if (t != NULL)
		fail_msg("accepted, expected \"%s\"", msg);
	assert_int_equal(err.code, DIAG_TEMPLATE);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("message \"%s\", expected \"%s\"", err.msg, msg);
}

static void
test_limits_template(void **state)
{
	struct sbuf b = { NULL, 0, 0 };

	(void)state;
	make_template(&b, 1000, 1, 0);
	expect_template(&b, NULL);
	make_template(&b, 1001, 1, 0);
	expect_template(&b, "more than 1000 sections (limit)");
	make_template(&b, 1, 1000, 0);
	expect_template(&b, NULL);
	make_template(&b, 1, 1001, 0);
	expect_template(&b, "more than 1000 fields (limit)");
	make_template(&b, 1, 1, 1000);
	expect_template(&b, NULL);
	make_template(&b, 1, 1, 1001);
	expect_template(&b, "more than 1000 rules (limit)");
	free(b.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits_depth),
		cmocka_unit_test(test_limits_scalar_length),
		cmocka_unit_test(test_limits_node_count),
		cmocka_unit_test(test_limits_file_size),
		cmocka_unit_test(test_limits_pattern),
		cmocka_unit_test(test_limits_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
