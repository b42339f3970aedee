/* strmap.c - string-keyed hash map with linear probing (FNV-1a hash). */
#include "strmap.h"
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	m->capacity = 64;
	m->count = 0;
	m->slots = xcalloc(m->capacity, sizeof(*m->slots));
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->capacity; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->capacity = m->count = 0;
}

static struct strmap_entry *slot(const struct strmap *m, const char *key)
{
	size_t mask = m->capacity - 1;
	for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
		struct strmap_entry *e = &m->slots[i];
		if (!e->key || !strcmp(e->key, key))
			return e;
	}
}

void **strmap_find(const struct strmap *m, const char *key)
{
	struct strmap_entry *e = slot(m, key);
	return e->key ? &e->value : NULL;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	m->capacity *= 2;
	m->slots = xcalloc(m->capacity, sizeof(*m->slots));
	for (size_t i = 0; i < old.capacity; i++)
		if (old.slots[i].key)
			*slot(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

void **strmap_put(struct strmap *m, const char *key)
{
	if ((m->count + 1) * 4 > m->capacity * 3)
		grow(m);
	struct strmap_entry *e = slot(m, key);
	if (!e->key) {
		e->key = xstrdup(key);
		e->value = NULL;
		m->count++;
	}
	return &e->value;
}

void strmap_each(struct strmap *m, void (*fn)(const char *key, void *value))
{
	for (size_t i = 0; i < m->capacity; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].value);
}
