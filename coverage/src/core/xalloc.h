/*
 * Allocation wrappers.  Policy: running out of memory is not a condition
 * dossier tries to survive half-way; every allocation goes through these,
 * which print one line and exit(3) when malloc fails.  That is the only
 * place core ever exits.  A zero size is treated as one byte so callers
 * never have to special-case empty arrays.
 */
#ifndef DOSSIER_XALLOC_H
#define DOSSIER_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* Grows or shrinks; checks n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A growable byte buffer, always NUL-terminated once anything (even
 * nothing) was added.  p is owned by whoever holds the struct.
 */
struct xbuf {
	char *p;
	size_t len, cap;
};

void xbuf_add(struct xbuf *b, const char *s, size_t n);

/*
 * Test hook: when set, called before every allocation; returning non-zero
 * makes that allocation fail as if malloc had returned NULL.  Used by the
 * out-of-memory sweep; NULL in the program.
 */
extern int (*xalloc_fail_hook)(size_t size);

#endif
