/* annotation.c - "taskleak_ROLE k=v ..." to a model row (see annotation.h). */
#include "annotation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing buffer, enough for one row. */
struct buf {
	char *s;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *grown = realloc(b->s, cap);
		if (!grown) {
			b->oom = 1;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* A JSON string body: quotes and backslashes escaped, controls dropped. */
static void put_escaped(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			put(b, "\\", 1);
		if ((unsigned char)s[i] >= 0x20)
			put(b, s + i, 1);
	}
}

static void put_value(struct buf *b, const char *v, size_t n)
{
	if ((n && strspn(v, "0123456789") >= n) || (n == 4 && !strncmp(v, "true", 4)) ||
	    (n == 5 && !strncmp(v, "false", 5))) {
		put(b, v, n);
		return;
	}
	put(b, "\"", 1);
	put_escaped(b, v, n);
	put(b, "\"", 1);
}

static void put_fields(struct buf *b, const char *p)
{
	for (; *(p += strspn(p, " ")); p += strcspn(p, " ")) {
		size_t len = strcspn(p, " "), key = strcspn(p, "=");
		if (key > len)
			key = len;
		puts_(b, ", \"");
		put_escaped(b, p, key);
		puts_(b, "\": ");
		if (key < len)
			put_value(b, p + key + 1, len - key - 1);
		else
			puts_(b, "null"); /* "k" alone: the loader names the field */
	}
}

int tl_models_load_annotation(tl_model_set *set, const char *name, const char *text,
			      const char *origin, char **err)
{
	struct buf b = { 0 };
	size_t pre = strlen(TL_ANNOTATION_PREFIX);
	int rc;

	*err = NULL;
	if (strncmp(text, TL_ANNOTATION_PREFIX, pre)) {
		size_t need = strlen(origin) + strlen(text) + 64;
		if ((*err = malloc(need)))
			snprintf(*err, need, "%s: not a taskleak annotation: '%s'", origin, text);
		return -1;
	}
	text += pre;
	puts_(&b, "{\"library\": \"" TL_ANNOTATION_LIBRARY "\", \"functions\": [{\"name\": \"");
	put_escaped(&b, name, strlen(name));
	puts_(&b, "\", \"role\": \"");
	put_escaped(&b, text, strcspn(text, " "));
	puts_(&b, "\"");
	put_fields(&b, text + strcspn(text, " "));
	puts_(&b, ", \"origin\": \"");
	put_escaped(&b, origin, strlen(origin));
	puts_(&b, "\"}]}");
	if (b.oom) {
		free(b.s);
		*err = strdup("out of memory");
		return -1;
	}
	rc = tl_models_load_buffer(set, origin, b.s, b.len, err);
	free(b.s);
	return rc;
}
