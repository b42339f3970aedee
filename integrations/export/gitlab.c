/*
 * gitlab.c - GitLab Code Quality JSON (see gitlab.h).
 */
#include "gitlab.h"
#include "rules_help.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <string.h>

const char *tl_gitlab_severity(const char *level)
{
	if (level && !strcmp(level, "error"))
		return "critical";
	if (level && !strcmp(level, "note"))
		return "minor";
	return "major";
}

int tl_gitlab_render(const struct tl_export_set *set, const struct tl_catalog *cat,
		     char **out, char **err)
{
	struct tl_rule_table rt;
	*out = NULL;
	int rc = tl_rule_table_build(cat, set, &rt, err);
	if (rc)
		return rc;
	cJSON *doc = cJSON_CreateArray();
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_export_result *r = &set->v[i];
		if (r->baseline == TL_BASELINE_ABSENT)
			continue;
		const struct tl_rule_desc *d = &rt.v[rt.of[i]];
		cJSON *issue = cJSON_CreateObject();
		struct strbuf desc;
		sb_init(&desc);
		sb_addf(&desc, "%s: %s", r->rule, r->message);
		cJSON_AddStringToObject(issue, "type", "issue");
		cJSON_AddStringToObject(issue, "check_name", r->rule);
		cJSON_AddStringToObject(issue, "description", desc.buf);
		sb_release(&desc);
		cJSON_AddStringToObject(issue, "content", d->short_text);
		cJSON *cats = cJSON_AddArrayToObject(issue, "categories");
		cJSON_AddItemToArray(cats, cJSON_CreateString("Bug Risk"));
		cJSON_AddStringToObject(issue, "fingerprint", r->fingerprint);
		cJSON_AddStringToObject(issue, "severity", tl_gitlab_severity(d->level));
		cJSON *loc = cJSON_AddObjectToObject(issue, "location");
		cJSON_AddStringToObject(loc, "path", r->file);
		cJSON *lines = cJSON_AddObjectToObject(loc, "lines");
		cJSON_AddNumberToObject(lines, "begin", r->line > 0 ? r->line : 1);
		cJSON_AddItemToArray(doc, issue);
	}
	*out = cJSON_Print(doc);
	cJSON_Delete(doc);
	tl_rule_table_free(&rt);
	if (!*out)
		return tl_error(err, TL_E_NOMEM, "out of memory writing GitLab Code Quality JSON");
	return TL_OK;
}
