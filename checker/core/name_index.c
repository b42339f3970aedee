/*
 * name_index.c - open addressing over row positions, keyed by FNV-1a of the
 * row's name; grown to keep it at most half full.
 */
#include "name_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef const char *(*name_at_fn)(const void *rows, size_t pos);

static size_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot holding `name`, or the empty slot where it would go. */
static size_t slot_of(const size_t *slots, size_t cap, const void *rows,
		      name_at_fn name_at, const char *name)
{
	size_t i = hash_name(name) & (cap - 1);
	while (slots[i] && strcmp(name_at(rows, slots[i] - 1), name))
		i = (i + 1) & (cap - 1);
	return i;
}

static int grow(struct tl_name_index *ix, const void *rows, name_at_fn name_at,
		size_t count)
{
	size_t cap = ix->cap ? ix->cap : 64;
	while (2 * count > cap)
		cap *= 2;
	if (cap == ix->cap)
		return 0;
	size_t *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->slots[i])
			slots[slot_of(slots, cap, rows, name_at, name_at(rows, ix->slots[i] - 1))] =
				ix->slots[i];
	free(ix->slots);
	ix->slots = slots;
	ix->cap = cap;
	return 0;
}

int tl_name_index_reserve(struct tl_name_index *ix, const void *rows, name_at_fn name_at,
			  size_t count)
{
	return grow(ix, rows, name_at, count);
}

int tl_name_index_add(struct tl_name_index *ix, const void *rows, name_at_fn name_at,
		      size_t pos)
{
	if (grow(ix, rows, name_at, ix->used + 1))
		return -1;
	size_t i = slot_of(ix->slots, ix->cap, rows, name_at, name_at(rows, pos));
	if (!ix->slots[i])
		ix->used++;
	ix->slots[i] = pos + 1;
	return 0;
}

size_t tl_name_index_find(const struct tl_name_index *ix, const void *rows,
			  name_at_fn name_at, const char *name)
{
	if (!ix->cap)
		return (size_t)-1;
	size_t i = slot_of(ix->slots, ix->cap, rows, name_at, name);
	return ix->slots[i] ? ix->slots[i] - 1 : (size_t)-1;
}

void tl_name_index_free(struct tl_name_index *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->cap = ix->used = 0;
}
