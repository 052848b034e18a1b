#include "config.h"

#include "core/hset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct hentry {
	char *key;		/* NULL: empty */
	size_t len;
	size_t count;
	uint64_t hash;
};

struct hset {
	struct hentry *v;
	size_t cap;		/* a power of two */
	size_t n;
};

/* FNV-1a, 64 bits. */
static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

struct hset *
hset_new(void)
{
	struct hset *h = xcalloc(1, sizeof *h);

	h->cap = 16;
	h->v = xcalloc(h->cap, sizeof *h->v);
	return h;
}

void
hset_free(struct hset *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->cap; i++)
		free(h->v[i].key);
	free(h->v);
	free(h);
}

static struct hentry *
find(const struct hset *h, const char *key, size_t len, uint64_t hash)
{
	size_t i = (size_t)hash & (h->cap - 1);
	struct hentry *e;

	for (;;) {
		e = &h->v[i];
		if (e->key == NULL || (e->hash == hash && e->len == len &&
		    memcmp(e->key, key, len) == 0))
			return e;
		i = (i + 1) & (h->cap - 1);
	}
}

static void
grow(struct hset *h)
{
	struct hentry *old = h->v, *e;
	size_t oldcap = h->cap, i;

	h->cap *= 2;
	h->v = xcalloc(h->cap, sizeof *h->v);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		e = find(h, old[i].key, old[i].len, old[i].hash);
		*e = old[i];
	}
	free(old);
}

size_t *
hset_slot(struct hset *h, const char *key, size_t len, int *fresh)
{
	uint64_t hash = hash_bytes(key, len);
	struct hentry *e;

	/* At most half full, so probes stay short. */
	if (2 * (h->n + 1) > h->cap)
		grow(h);
	e = find(h, key, len, hash);
	if (fresh != NULL)
		*fresh = e->key == NULL;
	if (e->key == NULL) {
		e->key = xmalloc(len + 1);
		memcpy(e->key, key, len);
		e->key[len] = '\0';
		e->len = len;
		e->hash = hash;
		e->count = 0;
		h->n++;
	}
	return &e->count;
}

const size_t *
hset_get(const struct hset *h, const char *key, size_t len)
{
	const struct hentry *e = find(h, key, len, hash_bytes(key, len));

	return e->key != NULL ? &e->count : NULL;
}

int
hset_has(const struct hset *h, const char *key, size_t len)
{
	return find(h, key, len, hash_bytes(key, len))->key != NULL;
}

int
hset_add(struct hset *h, const char *key)
{
	int fresh;

	(void)hset_slot(h, key, strlen(key), &fresh);
	return fresh;
}
