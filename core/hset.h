/*
 * A set of byte strings with a counter each, by open addressing: the tool
 * every check uses to stay linear in its input where a nested loop would
 * be quadratic (duplicate answers, option look-ups, duplicate ids, sheet
 * names).  Keys are copied; lookups and inserts are O(1) on average.
 */
#ifndef DOSSIER_HSET_H
#define DOSSIER_HSET_H

#include <stddef.h>

struct hset;

struct hset *hset_new(void);
void hset_free(struct hset *h);

/*
 * The counter of key (len bytes), adding the key with counter 0 when it is
 * new; *fresh (may be NULL) says which.  The pointer is valid until the
 * next hset_slot on h.
 */
size_t *hset_slot(struct hset *h, const char *key, size_t len, int *fresh);

/* 1 when key is in h. */
int hset_has(const struct hset *h, const char *key, size_t len);

/* The counter of key, or NULL when key is not in h (h is not changed). */
const size_t *hset_get(const struct hset *h, const char *key, size_t len);

/* Add a NUL-terminated key; 1 when it was new, 0 when already there. */
int hset_add(struct hset *h, const char *key);

#endif
