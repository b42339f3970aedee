/*
 * json_scan.h - finding the extent of JSON values without building them.
 *
 * The SARIF reader parses a file piece by piece (sarif.c): the document
 * and each run without their big arrays, then one result at a time, each
 * with cJSON. This scanner only finds where values start and end (strings
 * with their escapes, nested brackets); cJSON still checks every byte of
 * every piece, so a document the scanner accepts but cJSON does not is
 * still malformed.
 */
#ifndef TL_JSON_SCAN_H
#define TL_JSON_SCAN_H

#include <stddef.h>

struct json_span {
	const char *start, *end; /* [start, end) */
};

/* Skips whitespace; returns p, or end. */
const char *json_ws(const char *p, const char *end);
/* The end of the value starting at p (after whitespace), or NULL when it
 * is cut short or its brackets do not match; *at is where it failed. */
const char *json_value_end(const char *p, const char *end, const char **at);

/* Iterates the members of the object in span: call with *pos = NULL
 * first. Returns 1 with the member's raw key (between the quotes, escapes
 * not decoded) and value span, 0 after the last, -1 when malformed (*pos
 * is then where). */
int json_member_next(const struct json_span *obj, const char **pos,
		     struct json_span *key, struct json_span *value);
/* The same for the elements of an array. */
int json_element_next(const struct json_span *arr, const char **pos, struct json_span *value);

#endif
