/* catalog.c - loads rules/catalog.json with cJSON. */
#include "catalog.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static int get_str(const cJSON *o, const char *key, int required, char **out,
		   const char *path, size_t i, char **err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v && !required) {
		*out = xstrdup("");
		return TL_OK;
	}
	if (!cJSON_IsString(v))
		return tl_error(err, TL_E_INPUT, "%s: rules[%zu].%s: expected a string",
				path, i, key);
	*out = xstrdup(v->valuestring);
	return TL_OK;
}

static char *join_list(const cJSON *arr, const char *prefix)
{
	struct strbuf sb;
	sb_init(&sb);
	const cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		if (sb.len)
			sb_adds(&sb, ", ");
		if (cJSON_IsNumber(it))
			sb_addf(&sb, "%s%d", prefix, it->valueint);
		else if (cJSON_IsString(it))
			sb_addf(&sb, "%s%s", prefix, it->valuestring);
	}
	char *s = sb_detach(&sb);
	sb_release(&sb);
	return s;
}

static int load_rule(const cJSON *o, struct tl_rule *r, const char *path,
		     size_t i, char **err)
{
	int rc;
	if ((rc = get_str(o, "id", 1, &r->id, path, i, err)) ||
	    (rc = get_str(o, "checker", 1, &r->checker, path, i, err)) ||
	    (rc = get_str(o, "name", 0, &r->name, path, i, err)) ||
	    (rc = get_str(o, "short", 1, &r->short_desc, path, i, err)) ||
	    (rc = get_str(o, "full", 0, &r->full_desc, path, i, err)) ||
	    (rc = get_str(o, "page", 0, &r->page, path, i, err)) ||
	    (rc = get_str(o, "level", 0, &r->level, path, i, err)) ||
	    (rc = get_str(o, "precision", 0, &r->precision, path, i, err)) ||
	    (rc = get_str(o, "security_severity", 0, &r->security_severity, path, i, err)))
		return rc;
	r->cwe = join_list(cJSON_GetObjectItemCaseSensitive(o, "cwe"), "CWE-");
	char *cert = join_list(cJSON_GetObjectItemCaseSensitive(o, "cert"), "CERT ");
	char *misra = join_list(cJSON_GetObjectItemCaseSensitive(o, "misra"), "");
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, cert);
	if (*cert && *misra)
		sb_adds(&sb, ", ");
	sb_adds(&sb, misra);
	r->standards = sb_detach(&sb);
	sb_release(&sb);
	free(cert);
	free(misra);
	r->implemented = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "implemented"));
	r->on_by_default = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "default"));
	return TL_OK;
}

int tl_catalog_load(const char *path, struct tl_catalog *out, char **err)
{
	char *buf = NULL;
	size_t len;
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = tl_read_file(path, &buf, &len, err)))
		return rc;
	cJSON *doc = cJSON_ParseWithLength(buf, len);
	free(buf);
	if (!doc)
		return tl_error(err, TL_E_INPUT, "%s: not valid JSON", path);
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(doc, "rules");
	if (!cJSON_IsArray(rules)) {
		cJSON_Delete(doc);
		return tl_error(err, TL_E_INPUT, "%s: rules: expected an array", path);
	}
	size_t n = (size_t)cJSON_GetArraySize(rules);
	out->rules = xcalloc(n, sizeof(*out->rules));
	out->dir = tl_dirname(path);
	const cJSON *it;
	cJSON_ArrayForEach(it, rules) {
		if ((rc = load_rule(it, &out->rules[out->n], path, out->n, err))) {
			out->n++;
			cJSON_Delete(doc);
			tl_catalog_free(out);
			return rc;
		}
		out->n++;
	}
	cJSON_Delete(doc);
	return TL_OK;
}

void tl_catalog_free(struct tl_catalog *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct tl_rule *r = &c->rules[i];
		free(r->id); free(r->checker); free(r->name);
		free(r->short_desc); free(r->full_desc); free(r->page);
		free(r->level); free(r->precision); free(r->security_severity);
		free(r->cwe); free(r->standards);
	}
	free(c->rules);
	free(c->dir);
	memset(c, 0, sizeof(*c));
}

const struct tl_rule *tl_catalog_by_id(const struct tl_catalog *c, const char *id)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->rules[i].id && !strcmp(c->rules[i].id, id))
			return &c->rules[i];
	return NULL;
}

const struct tl_rule *tl_catalog_by_checker(const struct tl_catalog *c, const char *checker)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->rules[i].checker && !strcmp(c->rules[i].checker, checker))
			return &c->rules[i];
	return NULL;
}

const char *tl_catalog_rule_id(const struct tl_catalog *c, const char *checker)
{
	const struct tl_rule *r = tl_catalog_by_checker(c, checker);
	return r ? r->id : checker;
}
