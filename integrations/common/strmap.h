/*
 * strmap.h - an open-addressing hash map from strings to pointers.
 *
 * The map owns copies of its keys; values belong to the caller, who frees
 * them (strmap_each() helps) before strmap_free(). Used to cache path
 * resolution, source files and file ids during one import.
 */
#ifndef TL_STRMAP_H
#define TL_STRMAP_H

#include <stddef.h>

struct strmap_entry {
	char *key;   /* owned copy, NULL for an empty slot */
	void *value; /* caller's */
};

struct strmap {
	struct strmap_entry *slots; /* capacity slots, a power of two */
	size_t capacity;
	size_t count;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Returns the value slot for key, or NULL when absent. */
void **strmap_find(const struct strmap *m, const char *key);
/* Returns the value slot for key, adding it (value NULL) when absent. */
void **strmap_put(struct strmap *m, const char *key);
void strmap_each(struct strmap *m, void (*fn)(const char *key, void *value));

#endif
