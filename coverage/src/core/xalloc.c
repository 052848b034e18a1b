#include "config.h"

#include "core/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int (*xalloc_fail_hook)(size_t size);

static void xalloc_die(size_t) __attribute__((noreturn));

static void
xalloc_die(size_t size)
{
	fprintf(stderr, "dossier: out of memory (allocating %zu bytes)\n", size);
	exit(3);
}

static void *
checked(void *p, size_t size)
{
	if (p == NULL)
		xalloc_die(size);
	return p;
}

static int
injected(size_t size)
{
	return xalloc_fail_hook != NULL && xalloc_fail_hook(size);
}

void *
xmalloc(size_t size)
{
	if (size == 0)
		size = 1;
	return checked(injected(size) ? NULL : malloc(size), size);
}

void *
xcalloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	return checked(injected(n * size) ? NULL : calloc(n, size), n * size);
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	return checked(injected(n * size) ? NULL : realloc(p, n * size),
	    n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *d;

	d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_die(0);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void
xbuf_add(struct xbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}
