/*
 * name_index.h - rows of a model set found by name in constant time
 *
 * Every load checks each new row against every row already loaded ("function
 * 'x' is modelled twice"), and the analyzer loads the built-in models again
 * for each translation unit: a linear search made that check quadratic, a
 * third of the plugin's fixed cost on a small unit.  The index maps a name to
 * the position of its row in an array the caller owns, so it survives the
 * array being moved by realloc.
 */
#ifndef TASKLEAK_NAME_INDEX_H
#define TASKLEAK_NAME_INDEX_H

#include <stddef.h>

struct tl_name_index {
	size_t *slots; /* position + 1 of a row, 0 for an empty slot */
	size_t cap;    /* a power of two, or 0 */
	size_t used;
};

/* Makes room for `count` names in all, so that adding up to that many
 * cannot fail; 0, or -1 when out of memory (the index is then unchanged). */
int tl_name_index_reserve(struct tl_name_index *ix, const void *rows,
			  const char *(*name_at)(const void *rows, size_t pos), size_t count);

/* Adds the row at `pos`, whose name is name_at(rows, pos); a later row of
 * the same name replaces the earlier.  0, or -1 when out of memory (the
 * index is then unchanged). */
int tl_name_index_add(struct tl_name_index *ix, const void *rows,
		      const char *(*name_at)(const void *rows, size_t pos), size_t pos);

/* The position of the row named `name`, or (size_t)-1. */
size_t tl_name_index_find(const struct tl_name_index *ix, const void *rows,
			  const char *(*name_at)(const void *rows, size_t pos),
			  const char *name);

void tl_name_index_free(struct tl_name_index *ix);

#endif
