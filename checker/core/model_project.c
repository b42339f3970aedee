/*
 * model_project.c - loading a project model's "owners" and "entries"
 * (see model_project.h), as strictly as function rows: an unknown or
 * duplicate key, a wrong type or a missing field is an error naming the
 * file, line and member.
 */
#include "model_set.h"
#include "json_where.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct where {
	const char *origin, *text;
	size_t len;
	char **err;
	const char *array; /* "owners" or "entries" */
	int index;
};

static int bad(const struct where *w, const char *key, const char *msg)
{
	int line = tl_json_line_of(w->text, w->len, w->array, w->index, key);
	size_t need = strlen(w->origin) + strlen(w->array) + strlen(msg) +
		      (key ? strlen(key) : 0) + 48;
	*w->err = malloc(need);
	if (*w->err)
		snprintf(*w->err, need, "%s:%d: %s[%d]%s%s: %s", w->origin, line, w->array,
			 w->index, key ? "." : "", key ? key : "", msg);
	return -1;
}

/* Every key of obj is one of the space-separated words of `allowed`, once. */
static int check_keys(const struct where *w, const cJSON *obj, const char *allowed)
{
	if (!cJSON_IsObject(obj))
		return bad(w, NULL, "expected an object");
	for (const cJSON *m = obj->child; m; m = m->next) {
		char word[64];
		snprintf(word, sizeof(word), " %s ", m->string);
		if (strlen(m->string) > 40 || !strstr(allowed, word))
			return bad(w, m->string, "unknown field");
		for (const cJSON *k = obj->child; k != m; k = k->next)
			if (!strcmp(k->string, m->string))
				return bad(w, m->string, "duplicate field");
	}
	return 0;
}

static bool is_name(const char *s)
{
	return *s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_:~") == strlen(s);
}

/* A function, type or field name; NULL when absent and not required. */
static int get_name(const struct where *w, const cJSON *obj, const char *key,
		    bool required, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (!v)
		return required ? bad(w, key, "missing field") : 0;
	if (!cJSON_IsString(v) || !is_name(v->valuestring))
		return bad(w, key, "expected a name");
	*out = strdup(v->valuestring);
	return *out ? 0 : bad(w, key, "out of memory");
}

static int get_flag(const struct where *w, const cJSON *obj, const char *key, bool *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = false;
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return bad(w, key, "expected true or false");
	*out = cJSON_IsTrue(v);
	return 0;
}

/* "origin": "FILE:LINE", required: a report names the other file. */
static int get_origin(const struct where *w, const cJSON *obj, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "origin");
	const char *colon;
	char *end;
	*out = NULL;
	if (!v)
		return bad(w, "origin", "missing field");
	if (!cJSON_IsString(v) || !(colon = strrchr(v->valuestring, ':')) ||
	    colon == v->valuestring || strtol(colon + 1, &end, 10) <= 0 || *end)
		return bad(w, "origin", "expected \"FILE:LINE\"");
	*out = strdup(v->valuestring);
	return *out ? 0 : bad(w, "origin", "out of memory");
}

/* An optional array of names ("released_in", "flags", "ended_in", "writes"). */
static int get_names(const struct where *w, const cJSON *obj, const char *key,
		     char ***out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key), *e;
	if (!v)
		return 0;
	if (!cJSON_IsArray(v))
		return bad(w, key, "expected an array of names");
	*out = calloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(char *));
	if (!*out)
		return bad(w, key, "out of memory");
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e) || !is_name(e->valuestring))
			return bad(w, key, "expected an array of names");
		if (!((*out)[(*n)++] = strdup(e->valuestring)))
			return bad(w, key, "out of memory");
	}
	return 0;
}

void tl_owner_row_clear(tl_owner_row *o)
{
	free(o->record);
	free(o->field);
	free(o->spawn);
	free(o->acquired_in);
	free(o->entry);
	for (size_t k = 0; k < o->nreleased; k++)
		free(o->released_in[k]);
	free(o->released_in);
	for (size_t k = 0; k < o->nflags; k++)
		free(o->flags[k]);
	free(o->flags);
	for (size_t k = 0; k < o->nended; k++)
		free(o->ended_in[k]);
	free(o->ended_in);
	free(o->origin);
	memset(o, 0, sizeof(*o));
}

void tl_entry_row_clear(tl_entry_row *e)
{
	free(e->name);
	free(e->origin);
	for (size_t k = 0; k < e->nwrites; k++)
		free(e->writes[k]);
	free(e->writes);
	for (size_t k = 0; k < e->nstops; k++) {
		free(e->stops[k].record);
		free(e->stops[k].field);
	}
	free(e->stops);
	memset(e, 0, sizeof(*e));
}

static int parse_owner(const struct where *w, const cJSON *obj, tl_owner_row *o)
{
	if (check_keys(w, obj, " record field spawn acquired_in entry entry_gets_owner "
			       "released_in flags ended_in origin comment ") ||
	    get_name(w, obj, "record", true, &o->record) ||
	    get_name(w, obj, "field", true, &o->field) ||
	    get_name(w, obj, "spawn", true, &o->spawn) ||
	    get_name(w, obj, "acquired_in", true, &o->acquired_in) ||
	    get_name(w, obj, "entry", false, &o->entry) ||
	    get_flag(w, obj, "entry_gets_owner", &o->entry_gets_owner) ||
	    get_names(w, obj, "released_in", &o->released_in, &o->nreleased) ||
	    get_names(w, obj, "flags", &o->flags, &o->nflags) ||
	    get_names(w, obj, "ended_in", &o->ended_in, &o->nended) ||
	    get_origin(w, obj, &o->origin))
		return -1;
	return 0;
}

/* A name member of a "stops_on" test, copied; NULL when absent or not a name. */
static char *test_name(const cJSON *t, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, key);
	return cJSON_IsString(v) && is_name(v->valuestring) ? strdup(v->valuestring) : NULL;
}

/* One "stops_on" test: {"record", "field", "equal"?, "value"?}; errors
 * name "stops_on" (its line) and what is wrong with the test. */
static int get_stop(const struct where *w, const cJSON *t, tl_stop_test *s)
{
	if (!cJSON_IsObject(t))
		return bad(w, "stops_on", "expected an array of tests {\"record\", \"field\"}");
	for (const cJSON *m = t->child; m; m = m->next) {
		char word[64];
		snprintf(word, sizeof(word), " %s ", m->string);
		bool twice = false;
		for (const cJSON *k = t->child; k != m; k = k->next)
			twice |= !strcmp(k->string, m->string);
		if (twice || strlen(m->string) > 40 || !strstr(" record field equal value ", word))
			return bad(w, "stops_on", "a test has only \"record\", \"field\", "
						   "\"equal\" and \"value\", once each");
	}
	const cJSON *eq = cJSON_GetObjectItemCaseSensitive(t, "equal");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, "value");
	s->record = test_name(t, "record");
	s->field = test_name(t, "field");
	if (!s->record || !s->field)
		return bad(w, "stops_on", "a test needs \"record\" and \"field\" names");
	bool integer = v && cJSON_IsNumber(v) && v->valuedouble >= -9.0e18 &&
		       v->valuedouble <= 9.0e18 &&
		       v->valuedouble == (double)(long long)v->valuedouble;
	if ((eq && !cJSON_IsBool(eq)) || (v && !integer))
		return bad(w, "stops_on", "\"equal\" is true or false, \"value\" an integer");
	s->equal = cJSON_IsTrue(eq);
	s->value = v ? (long long)v->valuedouble : 0;
	return 0;
}

/* "stops_on": the tests that end the entry's loop, one per way out. */
static int get_stops(const struct where *w, const cJSON *obj, tl_entry_row *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "stops_on"), *t;
	if (!v)
		return 0;
	if (!cJSON_IsArray(v))
		return bad(w, "stops_on", "expected an array of tests");
	e->has_stops = true;
	e->stops = calloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(*e->stops));
	if (!e->stops)
		return bad(w, "stops_on", "out of memory");
	cJSON_ArrayForEach(t, v) {
		if (get_stop(w, t, &e->stops[e->nstops++]))
			return -1;
	}
	return 0;
}

static int parse_entry(const struct where *w, const cJSON *obj, tl_entry_row *e)
{
	if (check_keys(w, obj, " name detaches_self writes stops_on origin comment ") ||
	    get_name(w, obj, "name", true, &e->name) ||
	    get_flag(w, obj, "detaches_self", &e->detaches_self) ||
	    get_names(w, obj, "writes", &e->writes, &e->nwrites) ||
	    get_stops(w, obj, e) ||
	    get_origin(w, obj, &e->origin))
		return -1;
	return 0;
}

/* Parses one array of the root into a fresh array of n rows of `size`
 * bytes; -1 on error with the rows parsed so far cleared. */
static int parse_array(struct where *w, const cJSON *root, size_t size, void **rows,
		       size_t *n)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, w->array), *obj;
	bool owners = !strcmp(w->array, "owners");
	*rows = NULL;
	*n = 0;
	w->index = -1;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr)) {
		int line = tl_json_line_of(w->text, w->len, w->array, -1, NULL);
		size_t need = strlen(w->origin) + 64;
		if ((*w->err = malloc(need)))
			snprintf(*w->err, need, "%s:%d: %s: expected an array", w->origin,
				 line, w->array);
		return -1;
	}
	*rows = calloc((size_t)cJSON_GetArraySize(arr) + 1, size);
	if (!*rows)
		return -1;
	cJSON_ArrayForEach(obj, arr) {
		w->index = (int)*n;
		void *row = (char *)*rows + *n * size;
		++*n;
		if (owners ? parse_owner(w, obj, row) : parse_entry(w, obj, row))
			return -1;
	}
	return 0;
}

static void free_rows(tl_owner_row *o, size_t no, tl_entry_row *e, size_t ne)
{
	for (size_t k = 0; k < no; k++)
		tl_owner_row_clear(&o[k]);
	for (size_t k = 0; k < ne; k++)
		tl_entry_row_clear(&e[k]);
	free(o);
	free(e);
}

/* An entry listed twice, in this file or an earlier one: which summary
 * holds would be an accident of the load order. */
static int duplicate_entry(struct where *w, const tl_model_set *set,
			   const tl_entry_row *e, size_t ne)
{
	for (size_t i = 0; i < ne; i++) {
		bool twice = tl_models_entry_lookup(set, e[i].name) != NULL;
		for (size_t k = 0; k < i; k++)
			twice |= !strcmp(e[k].name, e[i].name);
		if (twice) {
			w->index = (int)i;
			return bad(w, "name", "entry listed twice");
		}
	}
	return 0;
}

static void *grow(void *old, size_t have, size_t more, size_t size)
{
	return more ? realloc(old, (have + more) * size) : old;
}

int tl_models_load_project(tl_model_set *set, const cJSON *root, const char *origin,
			   const char *text, size_t len, char **err)
{
	struct where w = { origin, text, len, err, "owners", -1 };
	void *o = NULL, *e = NULL;
	size_t no = 0, ne = 0;

	if (parse_array(&w, root, sizeof(tl_owner_row), &o, &no))
		goto fail;
	w.array = "entries";
	if (parse_array(&w, root, sizeof(tl_entry_row), &e, &ne) ||
	    duplicate_entry(&w, set, e, ne))
		goto fail;
	tl_owner_row *owners = grow(set->owners, set->nowners, no, sizeof(*owners));
	if (no && owners)
		set->owners = owners;
	tl_entry_row *entries = grow(set->entries, set->nentries, ne, sizeof(*entries));
	if (ne && entries)
		set->entries = entries;
	if ((no && !owners) || (ne && !entries)) {
		*err = strdup("out of memory");
		goto fail;
	}
	if (no)
		memcpy(set->owners + set->nowners, o, no * sizeof(tl_owner_row));
	if (ne)
		memcpy(set->entries + set->nentries, e, ne * sizeof(tl_entry_row));
	set->nowners += no;
	set->nentries += ne;
	free(o);
	free(e);
	return 0;
fail:
	free_rows(o, no, e, ne);
	return -1;
}

void tl_models_free_project(tl_model_set *set)
{
	free_rows(set->owners, set->nowners, set->entries, set->nentries);
}

size_t tl_models_owner_count(const tl_model_set *set)
{
	return set ? set->nowners : 0;
}

const tl_owner_row *tl_models_owner_at(const tl_model_set *set, size_t i)
{
	return set && i < set->nowners ? &set->owners[i] : NULL;
}

size_t tl_models_entry_count(const tl_model_set *set)
{
	return set ? set->nentries : 0;
}

const tl_entry_row *tl_models_entry_at(const tl_model_set *set, size_t i)
{
	return set && i < set->nentries ? &set->entries[i] : NULL;
}

const tl_entry_row *tl_models_entry_lookup(const tl_model_set *set, const char *name)
{
	for (size_t i = 0; set && i < set->nentries; i++)
		if (!strcmp(set->entries[i].name, name))
			return &set->entries[i];
	return NULL;
}
