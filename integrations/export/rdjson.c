/*
 * rdjson.c - reviewdog Diagnostic JSON (see rdjson.h).
 */
#include "rdjson.h"
#include "rules_help.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <string.h>

const char *tl_rdjson_severity(const char *level)
{
	if (level && !strcmp(level, "error"))
		return "ERROR";
	if (level && !strcmp(level, "note"))
		return "INFO";
	return "WARNING";
}

static cJSON *location(const char *path, int line, int col)
{
	cJSON *loc = cJSON_CreateObject();
	cJSON_AddStringToObject(loc, "path", path);
	cJSON *start = cJSON_AddObjectToObject(cJSON_AddObjectToObject(loc, "range"), "start");
	cJSON_AddNumberToObject(start, "line", line > 0 ? line : 1);
	if (col > 0)
		cJSON_AddNumberToObject(start, "column", col);
	return loc;
}

int tl_rdjson_render(const struct tl_export_set *set, const struct tl_catalog *cat,
		     char **out, char **err)
{
	struct tl_rule_table rt;
	*out = NULL;
	int rc = tl_rule_table_build(cat, set, &rt, err);
	if (rc)
		return rc;
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddItemToObject(doc, "source", cJSON_CreateObject());
	cJSON_AddStringToObject(cJSON_GetObjectItem(doc, "source"), "name", "taskleak");
	cJSON *diags = cJSON_AddArrayToObject(doc, "diagnostics");
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_export_result *r = &set->v[i];
		if (r->baseline == TL_BASELINE_ABSENT)
			continue;
		const struct tl_rule_desc *d = &rt.v[rt.of[i]];
		cJSON *g = cJSON_CreateObject();
		cJSON_AddStringToObject(g, "message", r->message);
		cJSON_AddItemToObject(g, "location", location(r->file, r->line, r->col));
		cJSON_AddStringToObject(g, "severity", tl_rdjson_severity(d->level));
		cJSON *src = cJSON_AddObjectToObject(g, "source");
		cJSON_AddStringToObject(src, "name", "taskleak");
		cJSON *code = cJSON_AddObjectToObject(g, "code");
		cJSON_AddStringToObject(code, "value", r->rule);
		if (d->help_uri)
			cJSON_AddStringToObject(code, "url", d->help_uri);
		if (r->nsteps) {
			cJSON *rel = cJSON_AddArrayToObject(g, "related_locations");
			for (size_t k = 0; k < r->nsteps; k++) {
				const struct tl_export_step *s = &r->steps[k];
				cJSON *rl = cJSON_CreateObject();
				cJSON_AddStringToObject(rl, "message", s->message);
				cJSON_AddItemToObject(rl, "location", location(s->file, s->line, s->col));
				cJSON_AddItemToArray(rel, rl);
			}
		}
		cJSON_AddItemToArray(diags, g);
	}
	*out = cJSON_Print(doc);
	cJSON_Delete(doc);
	tl_rule_table_free(&rt);
	if (!*out)
		return tl_error(err, TL_E_NOMEM, "out of memory writing rdjson");
	return TL_OK;
}
