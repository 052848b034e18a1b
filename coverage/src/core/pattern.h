/*
 * Regular expressions from template files (PCRE2).  A template is
 * untrusted input: patterns are compiled once at load with limits on their
 * length and nesting, and matched with match, depth and heap limits far
 * below PCRE2's defaults, so a runaway pattern is cut off and reported
 * instead of freezing the wizard.  Matching is a search (use ^ and $ to
 * anchor), in UTF mode; invalid UTF-8 in an answer simply does not match.
 */
#ifndef DOSSIER_PATTERN_H
#define DOSSIER_PATTERN_H

#include <stddef.h>

#define PATTERN_MAX_LENGTH	4096	/* bytes in one pattern */
#define PATTERN_MATCH_LIMIT	100000	/* PCRE2 match-loop calls */
#define PATTERN_DEPTH_LIMIT	1000	/* PCRE2 backtracking depth */
#define PATTERN_HEAP_LIMIT	1024	/* KiB of backtracking heap */

struct pattern;

/*
 * Compile src.  On failure returns NULL, writes PCRE2's message into msg
 * and the zero-based character offset of the error into *offset.
 */
struct pattern *pattern_compile(const char *src, char *msg, size_t msgsize,
    size_t *offset);
void pattern_free(struct pattern *p);

enum pattern_result {
	PATTERN_MATCH,
	PATTERN_NO_MATCH,
	PATTERN_LIMIT		/* the pattern ran into a limit: no verdict */
};

enum pattern_result pattern_match(const struct pattern *p, const char *s,
    size_t len);

#endif
