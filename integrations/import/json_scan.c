/* json_scan.c - extents of JSON values (see json_scan.h). */
#include "json_scan.h"

const char *json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Past the string whose opening quote is at p, or NULL. */
static const char *string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

const char *json_value_end(const char *p, const char *end, const char **at)
{
	/* brackets only need counting: cJSON checks the structure later; the
	 * stack of kinds catches "[}" so that a span never ends early */
	char stack[512];
	size_t depth = 0;
	p = json_ws(p, end);
	*at = p;
	do {
		if (p >= end)
			return NULL;
		*at = p;
		if (*p == '"') {
			if (!(p = string_end(p, end)))
				return NULL;
			continue;
		}
		if (*p == '[' || *p == '{') {
			if (depth == sizeof(stack))
				return NULL; /* deeper than any SARIF */
			stack[depth++] = *p == '[' ? ']' : '}';
		} else if (*p == ']' || *p == '}') {
			if (!depth || stack[--depth] != *p)
				return NULL;
		} else if (!depth && (*p == ',' || *p == ':')) {
			return NULL;
		}
		p++;
		if (!depth) /* a scalar ends at a delimiter */
			while (p < end && p[-1] != ']' && p[-1] != '}' && *p != ',' && *p != ']' &&
			       *p != '}' && *p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
				p++;
	} while (depth);
	return p;
}

/* Moves *pos past whitespace and one separator; 1 at an item, 0 at close. */
static int next_item(const struct json_span *s, const char **pos, char open, char close)
{
	const char *p = *pos ? *pos : s->start;
	p = json_ws(p, s->end);
	if (!*pos) {
		if (p >= s->end || *p != open)
			goto bad;
		p = json_ws(p + 1, s->end);
		if (p < s->end && *p == close)
			goto done;
	} else {
		if (p < s->end && *p == close)
			goto done;
		if (p >= s->end || *p != ',')
			goto bad;
		p = json_ws(p + 1, s->end);
	}
	*pos = p;
	return 1;
done:
	*pos = p + 1;
	return 0;
bad:
	*pos = p;
	return -1;
}

int json_element_next(const struct json_span *arr, const char **pos, struct json_span *value)
{
	int got = next_item(arr, pos, '[', ']');
	const char *at;
	if (got <= 0)
		return got;
	value->start = *pos;
	if (!(value->end = json_value_end(*pos, arr->end, &at))) {
		*pos = at;
		return -1;
	}
	*pos = value->end;
	return 1;
}

int json_member_next(const struct json_span *obj, const char **pos,
		     struct json_span *key, struct json_span *value)
{
	int got = next_item(obj, pos, '{', '}');
	const char *at, *p = *pos;
	if (got <= 0)
		return got;
	if (p >= obj->end || *p != '"' || !(at = string_end(p, obj->end)))
		return -1;
	key->start = p + 1;
	key->end = at - 1;
	p = json_ws(at, obj->end);
	if (p >= obj->end || *p != ':') {
		*pos = p;
		return -1;
	}
	value->start = json_ws(p + 1, obj->end);
	if (!(value->end = json_value_end(value->start, obj->end, &at))) {
		*pos = at;
		return -1;
	}
	*pos = value->end;
	return 1;
}
