#include "config.h"

#include "core/pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct pattern {
	pcre2_code *code;
	pcre2_match_data *md;		/* reused: matching is single-threaded */
	pcre2_match_context *mctx;
};

struct pattern *
pattern_compile(const char *src, char *msg, size_t msgsize, size_t *offset)
{
	pcre2_compile_context *cctx;
	struct pattern *p;
	PCRE2_SIZE erroff = 0;
	int errcode = 0;
	pcre2_code *code;

	*offset = 0;
	if (strlen(src) > PATTERN_MAX_LENGTH) {
		snprintf(msg, msgsize, "pattern is longer than %d bytes",
		    PATTERN_MAX_LENGTH);
		return NULL;
	}
	cctx = pcre2_compile_context_create(NULL);
	if (cctx == NULL) {
		snprintf(msg, msgsize, "out of memory");
		return NULL;
	}
	pcre2_set_max_pattern_length(cctx, PATTERN_MAX_LENGTH);
	pcre2_set_parens_nest_limit(cctx, 64);
	/* \C can split a UTF-8 character and crash the matcher. */
	code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C | PCRE2_MATCH_INVALID_UTF,
	    &errcode, &erroff, cctx);
	pcre2_compile_context_free(cctx);
	if (code == NULL) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(errcode, buf, sizeof buf);
		snprintf(msg, msgsize, "%s", (const char *)buf);
		*offset = erroff;
		return NULL;
	}
	/* JIT is an optimisation; without it the interpreter is used. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	p = xcalloc(1, sizeof *p);
	p->code = code;
	p->md = pcre2_match_data_create_from_pattern(code, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	if (p->md == NULL || p->mctx == NULL) {
		pattern_free(p);
		snprintf(msg, msgsize, "out of memory");
		return NULL;
	}
	pcre2_set_match_limit(p->mctx, PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, PATTERN_DEPTH_LIMIT);
	pcre2_set_heap_limit(p->mctx, PATTERN_HEAP_LIMIT);
	return p;
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	free(p);
}

enum pattern_result
pattern_match(const struct pattern *p, const char *s, size_t len)
{
	int rc;

	rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, 0, 0, p->md, p->mctx);
	if (rc >= 0)
		return PATTERN_MATCH;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
	case PCRE2_ERROR_PARTIAL:
		return PATTERN_NO_MATCH;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
	default:
		/* Also UTF errors: never a verdict on text we cannot read. */
		return PATTERN_LIMIT;
	}
}
