/*
 * json_where.c - source lines for JSON paths (see json_where.h).
 *
 * The text has already been parsed by cJSON when this runs, so it is well
 * formed; still, every step is bounded by `len` and gives up quietly, since
 * a wrong line number is better than a crash while reporting an error.
 */
#include "json_where.h"

#include <string.h>

struct cursor {
	const char *s;
	size_t len, pos;
};

static void skip_ws(struct cursor *c)
{
	while (c->pos < c->len && c->s[c->pos] && strchr(" \t\r\n", c->s[c->pos]))
		c->pos++;
}

/* At a '"': move past the closing quote. Returns start of contents. */
static size_t skip_string(struct cursor *c)
{
	size_t start = ++c->pos;
	while (c->pos < c->len && c->s[c->pos] != '"') {
		if (c->s[c->pos] == '\\')
			c->pos++;
		c->pos++;
	}
	c->pos++;
	return start;
}

static void skip_value(struct cursor *c)
{
	skip_ws(c);
	if (c->pos >= c->len)
		return;
	if (c->s[c->pos] == '"') {
		skip_string(c);
		return;
	}
	if (c->s[c->pos] == '{' || c->s[c->pos] == '[') {
		int depth = 0;
		while (c->pos < c->len) {
			char ch = c->s[c->pos];
			if (ch == '"') {
				skip_string(c);
				continue;
			}
			if (ch == '{' || ch == '[') {
				depth++;
			} else if (ch == '}' || ch == ']') {
				if (--depth == 0) {
					c->pos++;
					return;
				}
			}
			c->pos++;
		}
		return;
	}
	/* a number or a literal */
	while (c->pos < c->len && c->s[c->pos] && !strchr(",}] \t\r\n", c->s[c->pos]))
		c->pos++;
}

/* At '{': move to the value of member `key`. Returns 0 if found. */
static int enter_member(struct cursor *c, const char *key)
{
	size_t klen = strlen(key);
	skip_ws(c);
	if (c->pos >= c->len || c->s[c->pos] != '{')
		return -1;
	c->pos++;
	for (;;) {
		skip_ws(c);
		if (c->pos >= c->len || c->s[c->pos] != '"')
			return -1;
		size_t start = skip_string(c);
		size_t n = c->pos - 1 - start;
		skip_ws(c);
		if (c->pos < c->len && c->s[c->pos] == ':')
			c->pos++;
		skip_ws(c);
		if (n == klen && !memcmp(c->s + start, key, n)) {
			c->pos = start - 1; /* report the key's line */
			skip_string(c);
			skip_ws(c);
			c->pos++; /* ':' */
			skip_ws(c);
			return 0;
		}
		skip_value(c);
		skip_ws(c);
		if (c->pos >= c->len || c->s[c->pos] != ',')
			return -1;
		c->pos++;
	}
}

/* At '[': move to element `index`. Returns 0 if found. */
static int enter_element(struct cursor *c, int index)
{
	skip_ws(c);
	if (c->pos >= c->len || c->s[c->pos] != '[')
		return -1;
	c->pos++;
	for (int i = 0; i < index; i++) {
		skip_value(c);
		skip_ws(c);
		if (c->pos >= c->len || c->s[c->pos] != ',')
			return -1;
		c->pos++;
	}
	skip_ws(c);
	return 0;
}

void tl_json_offset_to_line(const char *text, size_t len, size_t off,
			    int *line, int *col)
{
	int l = 1, k = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			l++;
			k = 1;
		} else {
			k++;
		}
	}
	*line = l;
	if (col)
		*col = k;
}

int tl_json_line_of(const char *text, size_t len, const char *key,
		    int index, const char *member)
{
	struct cursor c = { text, len, 0 };
	size_t best = 0;
	int line;

	skip_ws(&c);
	best = c.pos;
	if (key && enter_member(&c, key) == 0) {
		best = c.pos;
		if (index >= 0 && enter_element(&c, index) == 0) {
			best = c.pos;
			if (member && enter_member(&c, member) == 0)
				best = c.pos;
		}
	}
	tl_json_offset_to_line(text, len, best, &line, NULL);
	return line;
}
