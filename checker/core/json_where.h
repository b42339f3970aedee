/*
 * json_where.h - find the source line of a value inside JSON text.
 *
 * cJSON keeps no positions, yet a model author needs "file:line" to fix a
 * mistake.  This walks the raw text (strings and nesting only, no values)
 * along a path such as functions[3].role and returns the 1-based line where
 * that member starts, or the line of the nearest enclosing element found.
 */
#ifndef TASKLEAK_JSON_WHERE_H
#define TASKLEAK_JSON_WHERE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Line of `key` in the root object (key != NULL) or of the root. */
int tl_json_line_of(const char *text, size_t len, const char *key,
		    int index, const char *member);

/* Line and column of a byte offset. */
void tl_json_offset_to_line(const char *text, size_t len, size_t off,
			    int *line, int *col);

#ifdef __cplusplus
}
#endif
#endif
