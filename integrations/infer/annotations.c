/* annotations.c - "taskleak_ROLE k=v ..." to a model row (see
 * annotations.h). */
#include "annotations.h"

#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* A value as JSON: integers and true/false as they are, else a string. */
static void add_value(struct strbuf *sb, const char *v, size_t n)
{
	size_t digits = strspn(v, "0123456789");
	if ((digits == n && n) || (n == 4 && !strncmp(v, "true", 4)) ||
	    (n == 5 && !strncmp(v, "false", 5))) {
		sb_add(sb, v, n);
		return;
	}
	char *s = strndup(v, n);
	sb_addc(sb, '"');
	sb_add_json(sb, s);
	sb_addc(sb, '"');
	free(s);
}

/* The one-row model file an annotation stands for. */
static char *row_json(const struct tl_annot_fact *a)
{
	const char *p = a->text + strlen("taskleak_");
	size_t role = strcspn(p, " ");
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "{\"library\": \"" TL_ANNOTATION_LIBRARY "\", \"functions\": [{\"name\": \"");
	sb_add_json(&sb, a->name);
	sb_adds(&sb, "\", \"role\": \"");
	sb_add(&sb, p, role);
	sb_addc(&sb, '"');
	for (p += role; *(p += strspn(p, " ")); p += strcspn(p, " ")) {
		size_t len = strcspn(p, " "), key = strcspn(p, "=");
		if (key >= len)
			key = len; /* "k" alone: the loader names it */
		sb_adds(&sb, ", \"");
		sb_add(&sb, p, key);
		sb_adds(&sb, "\": ");
		if (key < len)
			add_value(&sb, p + key + 1, len - key - 1);
		else
			sb_adds(&sb, "null");
	}
	sb_adds(&sb, ", \"origin\": \"");
	sb_add_json(&sb, a->origin);
	sb_adds(&sb, "\"}]}");
	return sb_detach(&sb);
}

size_t tl_annotations_load(const struct tl_unit_facts *units, size_t nunits,
			   tl_model_set *set, void (*bad)(void *arg, const char *msg),
			   void *arg)
{
	size_t added = 0;
	for (size_t u = 0; u < nunits; u++) {
		for (size_t i = 0; i < units[u].nannots; i++) {
			const struct tl_annot_fact *a = &units[u].annots[i];
			char *err = NULL, *json;
			if (tl_models_lookup(set, a->name))
				continue; /* seen in another unit, or modelled already */
			json = row_json(a);
			if (tl_models_load_buffer(set, a->origin, json, strlen(json), &err) == 0) {
				added++;
			} else if (bad) {
				struct strbuf msg;
				sb_init(&msg);
				/* the loader's "ORIGIN:1: functions[0].FIELD: what" */
				const char *what = err ? strstr(err, "functions[0]") : NULL;
				sb_addf(&msg, "%s: annotation on %s: %s", a->origin, a->name,
					what ? what + strlen("functions[0]") + (what[12] == '.') : (err ? err : "bad"));
				bad(arg, msg.buf);
				sb_release(&msg);
			}
			free(err);
			free(json);
		}
	}
	return added;
}
