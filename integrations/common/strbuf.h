/*
 * strbuf.h - a growable, always NUL-terminated byte string (after git's).
 *
 * Invariant: buf is never NULL once sb_init() has run; len excludes the
 * terminating NUL. Allocation failure aborts (the only exit in library
 * code: there is nothing sensible a caller could do with half a string).
 */
#ifndef TL_STRBUF_H
#define TL_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;    /* contents, NUL-terminated */
	size_t len;   /* bytes used, without the NUL */
	size_t alloc; /* bytes allocated */
};

void sb_init(struct strbuf *sb);
void sb_release(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends a decimal integer (no printf: used per row in imports). */
void sb_add_int(struct strbuf *sb, long v);
/* Appends s as the body of a JSON string (without the quotes). */
void sb_add_json(struct strbuf *sb, const char *s);
/* Hands the buffer to the caller (to free); sb is left empty and usable,
 * holding no allocation, so a detached strbuf needs no sb_release. */
char *sb_detach(struct strbuf *sb);

/* strdup that aborts on allocation failure; NULL stays NULL. */
char *xstrdup(const char *s);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

#endif
