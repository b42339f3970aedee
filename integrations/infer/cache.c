/*
 * cache.c - per-unit facts on disk (see cache.h).  One JSON file per
 * unit, named by the hash of its key; written to a temporary name and
 * renamed, so a run killed halfway leaves no half entry.
 */
#include "cache.h"

#include "common/fileio.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bump when the facts' meaning changes: old entries then never match. */
#define FACTS_VERSION "taskleak-infer-facts-12"

int tl_infer_cache_open(struct tl_infer_cache *c, const char *dir, char **err)
{
	memset(c, 0, sizeof(*c));
	strmap_init(&c->hashes);
	if (!dir)
		return TL_OK;
	char *parent = tl_dirname(dir);
	if (!tl_is_dir(parent))
		mkdir(parent, 0777);
	free(parent);
	if (!tl_is_dir(dir) && mkdir(dir, 0777))
		return tl_error_errno(err, TL_E_INPUT, "cannot create the cache folder '%s'", dir);
	c->dir = xstrdup(dir);
	return TL_OK;
}

static void free_hash(const char *key, void *value)
{
	(void)key;
	free(value);
}

void tl_infer_cache_close(struct tl_infer_cache *c)
{
	strmap_each(&c->hashes, free_hash);
	strmap_free(&c->hashes);
	free(c->dir);
	c->dir = NULL;
}

static const char *file_hash(struct tl_infer_cache *c, const char *path)
{
	void **slot = strmap_put(&c->hashes, path);
	char *text;
	size_t len;
	if (*slot || tl_read_file(path, &text, &len, NULL))
		return *slot;
	struct sha256 h;
	char *hex = xmalloc(65);
	sha256_init(&h);
	sha256_update(&h, text, len);
	sha256_hex(&h, hex);
	free(text);
	return *slot = hex;
}

static char *entry_path(const struct tl_infer_cache *c, const struct tl_tu *tu)
{
	struct sha256 h;
	char hex[65];
	struct strbuf sb;
	sha256_init(&h);
	sha256_update(&h, FACTS_VERSION, sizeof(FACTS_VERSION));
	sha256_update(&h, tu->directory, strlen(tu->directory) + 1);
	sha256_update(&h, tu->file, strlen(tu->file) + 1);
	for (size_t i = 0; i < tu->nargs; i++)
		sha256_update(&h, tu->args[i], strlen(tu->args[i]) + 1);
	sha256_hex(&h, hex);
	sb_init(&sb);
	sb_addf(&sb, "%s/%s.json", c->dir, hex);
	return sb_detach(&sb);
}

/*===--- reading an entry -------------------------------------------------===*/

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int int_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* "mtime:size" of a file, or "" when it cannot be stat'ed. */
static void file_stamp(const char *path, char out[64])
{
	struct stat st;
	out[0] = '\0';
	if (!stat(path, &st))
		snprintf(out, 64, "%lld.%09ld:%lld", (long long)st.st_mtim.tv_sec,
			 st.st_mtim.tv_nsec, (long long)st.st_size);
}

/* A file is unchanged when its stamp is (no read at all: a warm run then
 * costs a stat per file), or else when its content hashes the same. */
static bool file_unchanged(struct tl_infer_cache *c, const cJSON *f)
{
	const char *path = str_of(f, "path"), *hash = str_of(f, "sha256");
	const char *stamp = str_of(f, "stamp");
	char now_stamp[64];
	if (!path || !hash)
		return false;
	file_stamp(path, now_stamp);
	if (stamp && *now_stamp && !strcmp(stamp, now_stamp))
		return true;
	const char *now = file_hash(c, path);
	return now && !strcmp(now, hash);
}

static bool files_unchanged(struct tl_infer_cache *c, const cJSON *files,
			    struct tl_unit_facts *out)
{
	const cJSON *f;
	cJSON_ArrayForEach(f, files) {
		const char *path = str_of(f, "path");
		if (!file_unchanged(c, f))
			return false;
		if ((out->nfiles & (out->nfiles - 1)) == 0)
			out->files = xrealloc(out->files, (out->nfiles ? out->nfiles * 2 : 1) *
					      sizeof(*out->files));
		out->files[out->nfiles++] = xstrdup(path);
	}
	return true;
}

static void read_call(const cJSON *jc, struct tl_call_fact *c)
{
	const cJSON *a;
	c->callee = xstrdup(str_of(jc, "callee") ? str_of(jc, "callee") : "");
	c->returned = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(jc, "returned"));
	c->dies = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(jc, "dies"));
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(jc, "enders"))
		if (cJSON_IsString(a))
			tl_call_add_ender(c, a->valuestring);
	c->rooted = (unsigned)int_of(jc, "rooted");
	c->nargs = int_of(jc, "nargs");
	int i = 0;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(jc, "args")) {
		if (i >= TL_INFER_MAX_ARGS)
			break;
		const cJSON *kind = cJSON_GetArrayItem(a, 0), *param = cJSON_GetArrayItem(a, 1);
		const cJSON *field = cJSON_GetArrayItem(a, 2), *record = cJSON_GetArrayItem(a, 3);
		bool ok = cJSON_IsNumber(kind) && cJSON_IsNumber(param) &&
			  kind->valueint >= 0 && kind->valueint <= TL_ARG_ADDR_GLOBAL;
		c->args[i].kind = ok ? (enum tl_arg_kind)kind->valueint : TL_ARG_OTHER;
		c->args[i].param = ok ? param->valueint : -1;
		c->args[i].field = ok && cJSON_IsString(field) ? xstrdup(field->valuestring) : NULL;
		c->args[i].record = ok && c->args[i].field && cJSON_IsString(record)
					    ? xstrdup(record->valuestring) : NULL;
		i++;
	}
}

/* "stores": [[param, field, record or null, from, from_call]] and
 * "ret_local": the name of a local the function returns. */
static void read_stores(const cJSON *jf, struct tl_fn_fact *fn)
{
	const cJSON *js;
	const char *ret = str_of(jf, "ret_local");
	fn->returns_local = ret ? xstrdup(ret) : NULL;
	cJSON_ArrayForEach(js, cJSON_GetObjectItemCaseSensitive(jf, "stores")) {
		const cJSON *param = cJSON_GetArrayItem(js, 0), *field = cJSON_GetArrayItem(js, 1);
		const cJSON *record = cJSON_GetArrayItem(js, 2), *from = cJSON_GetArrayItem(js, 3);
		if (!cJSON_IsNumber(param) || !cJSON_IsString(field) || !cJSON_IsString(from))
			continue;
		struct tl_store_fact *st = tl_fn_add_store(fn);
		st->param = param->valueint;
		st->field = xstrdup(field->valuestring);
		st->record = cJSON_IsString(record) ? xstrdup(record->valuestring) : NULL;
		st->from = xstrdup(from->valuestring);
		st->from_call = cJSON_IsTrue(cJSON_GetArrayItem(js, 4));
	}
}

/* "links": [[record, field, arg_field or null, param]] (trampoline facts). */
static void read_links(const cJSON *jf, struct tl_fn_fact *fn)
{
	const cJSON *jl;
	cJSON_ArrayForEach(jl, cJSON_GetObjectItemCaseSensitive(jf, "links")) {
		const cJSON *record = cJSON_GetArrayItem(jl, 0), *field = cJSON_GetArrayItem(jl, 1);
		const cJSON *arg = cJSON_GetArrayItem(jl, 2), *param = cJSON_GetArrayItem(jl, 3);
		if (!cJSON_IsString(record) || !cJSON_IsString(field) || !cJSON_IsNumber(param))
			continue;
		struct tl_link_fact *l = tl_fn_add_link(fn);
		l->record = xstrdup(record->valuestring);
		l->field = xstrdup(field->valuestring);
		l->arg_field = cJSON_IsString(arg) ? xstrdup(arg->valuestring) : NULL;
		l->param = param->valueint;
	}
}

/* "loop": {"stops": [[record, field, equal, value]], "calls": [names]},
 * present when the function's loop is summarised (stop_loop.c). */
static void read_loop(const cJSON *jf, struct tl_fn_fact *fn)
{
	const cJSON *loop = cJSON_GetObjectItemCaseSensitive(jf, "loop"), *js;
	if (!cJSON_IsObject(loop))
		return;
	fn->has_loop = true;
	cJSON_ArrayForEach(js, cJSON_GetObjectItemCaseSensitive(loop, "stops")) {
		const cJSON *record = cJSON_GetArrayItem(js, 0), *field = cJSON_GetArrayItem(js, 1);
		const cJSON *value = cJSON_GetArrayItem(js, 3);
		if (!cJSON_IsString(record) || !cJSON_IsString(field) || !cJSON_IsNumber(value)) {
			fn->has_loop = false; /* a damaged entry: no summary, never a wrong one */
			continue;
		}
		struct tl_stop_fact *s = tl_fn_add_stop(fn);
		s->record = xstrdup(record->valuestring);
		s->field = xstrdup(field->valuestring);
		s->equal = cJSON_IsTrue(cJSON_GetArrayItem(js, 2));
		s->value = (long long)value->valuedouble;
	}
	cJSON_ArrayForEach(js, cJSON_GetObjectItemCaseSensitive(loop, "calls"))
		if (cJSON_IsString(js))
			tl_fn_add_loop_call(fn, js->valuestring);
}

static void read_fns(const cJSON *fns, struct tl_unit_facts *out)
{
	const cJSON *jf, *jc;
	cJSON_ArrayForEach(jf, fns) {
		struct tl_fn_fact *fn = tl_unit_add_fn(out);
		fn->name = xstrdup(str_of(jf, "name") ? str_of(jf, "name") : "");
		fn->origin = xstrdup(str_of(jf, "origin") ? str_of(jf, "origin") : "");
		fn->nparams = int_of(jf, "nparams");
		fn->ret = (enum tl_ret_kind)int_of(jf, "ret");
		fn->bare_use = (unsigned)int_of(jf, "bare");
		fn->loose_use = (unsigned)int_of(jf, "loose");
		const cJSON *jw;
		cJSON_ArrayForEach(jw, cJSON_GetObjectItemCaseSensitive(jf, "writes"))
			if (cJSON_IsString(jw))
				tl_fn_add_write(fn, jw->valuestring);
		cJSON_ArrayForEach(jw, cJSON_GetObjectItemCaseSensitive(jf, "named"))
			if (cJSON_IsString(jw))
				tl_fn_add_named(fn, jw->valuestring);
		cJSON_ArrayForEach(jc, cJSON_GetObjectItemCaseSensitive(jf, "calls"))
			read_call(jc, tl_fn_add_call(fn));
		read_stores(jf, fn);
		read_links(jf, fn);
		read_loop(jf, fn);
	}
}

static void read_annots(const cJSON *annots, struct tl_unit_facts *out)
{
	const cJSON *ja;
	cJSON_ArrayForEach(ja, annots) {
		const char *name = str_of(ja, "name"), *text = str_of(ja, "text");
		const char *origin = str_of(ja, "origin");
		if (!name || !text || !origin)
			continue;
		struct tl_annot_fact *a = tl_unit_add_annot(out);
		a->name = xstrdup(name);
		a->text = xstrdup(text);
		a->origin = xstrdup(origin);
	}
}

int tl_infer_cache_load(struct tl_infer_cache *c, const struct tl_tu *tu,
			struct tl_unit_facts *out)
{
	char *path, *text;
	size_t len;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!c->dir)
		return -1;
	path = entry_path(c, tu);
	if (tl_read_file(path, &text, &len, NULL)) {
		free(path);
		return -1;
	}
	cJSON *root = cJSON_ParseWithLength(text, len);
	const char *version = root ? str_of(root, "version") : NULL;
	if (version && !strcmp(version, FACTS_VERSION) &&
	    files_unchanged(c, cJSON_GetObjectItemCaseSensitive(root, "files"), out)) {
		read_fns(cJSON_GetObjectItemCaseSensitive(root, "functions"), out);
		read_annots(cJSON_GetObjectItemCaseSensitive(root, "annotations"), out);
		rc = 0;
	}
	if (rc)
		tl_unit_facts_free(out);
	cJSON_Delete(root);
	free(text);
	free(path);
	return rc;
}

/*===--- writing an entry -------------------------------------------------===*/

static void add_string(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	sb_add_json(sb, s);
	sb_addc(sb, '"');
}

static void write_stores(struct strbuf *sb, const struct tl_fn_fact *fn)
{
	if (fn->returns_local) {
		sb_adds(sb, ",\"ret_local\":");
		add_string(sb, fn->returns_local);
	}
	sb_adds(sb, ",\"stores\":[");
	for (size_t k = 0; k < fn->nstores; k++) {
		const struct tl_store_fact *st = &fn->stores[k];
		sb_addf(sb, "%s[%d,", k ? "," : "", st->param);
		add_string(sb, st->field);
		sb_addc(sb, ',');
		if (st->record)
			add_string(sb, st->record);
		else
			sb_adds(sb, "null");
		sb_addc(sb, ',');
		add_string(sb, st->from);
		sb_addf(sb, ",%s]", st->from_call ? "true" : "false");
	}
	sb_addc(sb, ']');
}

static void write_links(struct strbuf *sb, const struct tl_fn_fact *fn)
{
	sb_adds(sb, ",\"links\":[");
	for (size_t k = 0; k < fn->nlinks; k++) {
		const struct tl_link_fact *l = &fn->links[k];
		sb_adds(sb, k ? ",[" : "[");
		add_string(sb, l->record);
		sb_addc(sb, ',');
		add_string(sb, l->field);
		sb_addc(sb, ',');
		if (l->arg_field)
			add_string(sb, l->arg_field);
		else
			sb_adds(sb, "null");
		sb_addf(sb, ",%d]", l->param);
	}
	sb_addc(sb, ']');
}

static void add_strings(struct strbuf *sb, const char *key, char *const *v, size_t n);

static void write_loop(struct strbuf *sb, const struct tl_fn_fact *fn)
{
	if (!fn->has_loop)
		return;
	sb_adds(sb, ",\"loop\":{\"stops\":[");
	for (size_t k = 0; k < fn->nstops; k++) {
		const struct tl_stop_fact *s = &fn->stops[k];
		sb_adds(sb, k ? ",[" : "[");
		add_string(sb, s->record);
		sb_addc(sb, ',');
		add_string(sb, s->field);
		sb_addf(sb, ",%s,%lld]", s->equal ? "true" : "false", s->value);
	}
	sb_adds(sb, "],");
	add_strings(sb, "calls", fn->loop_calls, fn->nloop_calls);
	sb_addc(sb, '}');
}

/* `"key":["a","b"]` */
static void add_strings(struct strbuf *sb, const char *key, char *const *v, size_t n)
{
	sb_addf(sb, "\"%s\":[", key);
	for (size_t k = 0; k < n; k++) {
		if (k)
			sb_addc(sb, ',');
		add_string(sb, v[k]);
	}
	sb_addc(sb, ']');
}

/* `[kind,param(,field(,record))],...`, one per described argument. */
static void write_args(struct strbuf *sb, const struct tl_call_fact *c)
{
	for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++) {
		sb_addf(sb, "%s[%d,%d", i ? "," : "", (int)c->args[i].kind, c->args[i].param);
		if (c->args[i].field) {
			sb_addc(sb, ',');
			add_string(sb, c->args[i].field);
		}
		if (c->args[i].field && c->args[i].record) {
			sb_addc(sb, ',');
			add_string(sb, c->args[i].record);
		}
		sb_addc(sb, ']');
	}
}

static void write_fn(struct strbuf *sb, const struct tl_fn_fact *fn)
{
	sb_adds(sb, "{\"name\":");
	add_string(sb, fn->name);
	sb_adds(sb, ",\"origin\":");
	add_string(sb, fn->origin);
	sb_addf(sb, ",\"nparams\":%d,\"ret\":%d,\"bare\":%u,\"loose\":%u,", fn->nparams,
		(int)fn->ret, fn->bare_use, fn->loose_use);
	add_strings(sb, "writes", fn->writes, fn->nwrites);
	sb_addc(sb, ',');
	add_strings(sb, "named", fn->named, fn->nnamed);
	sb_adds(sb, ",\"calls\":[");
	for (size_t k = 0; k < fn->ncalls; k++) {
		const struct tl_call_fact *c = &fn->calls[k];
		sb_adds(sb, k ? ",{\"callee\":" : "{\"callee\":");
		add_string(sb, c->callee);
		sb_addf(sb, ",\"returned\":%s,\"dies\":%s,\"rooted\":%u,\"nargs\":%d,\"args\":[",
			c->returned ? "true" : "false", c->dies ? "true" : "false", c->rooted,
			c->nargs);
		write_args(sb, c);
		sb_adds(sb, "],");
		add_strings(sb, "enders", c->enders, c->nenders);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	write_stores(sb, fn);
	write_links(sb, fn);
	write_loop(sb, fn);
	sb_addc(sb, '}');
}

int tl_infer_cache_store(struct tl_infer_cache *c, const struct tl_tu *tu,
			 const struct tl_unit_facts *facts, char **err)
{
	struct strbuf sb;
	if (!c->dir)
		return TL_OK;
	sb_init(&sb);
	sb_adds(&sb, "{\"version\":\"" FACTS_VERSION "\",\"files\":[");
	for (size_t i = 0; i < facts->nfiles; i++) {
		const char *hash = file_hash(c, facts->files[i]);
		if (!hash) {
			sb_release(&sb);
			return TL_OK; /* a file gone already: nothing worth keeping */
		}
		char stamp[64];
		file_stamp(facts->files[i], stamp);
		sb_adds(&sb, i ? ",{\"path\":" : "{\"path\":");
		add_string(&sb, facts->files[i]);
		sb_addf(&sb, ",\"sha256\":\"%s\",\"stamp\":\"%s\"}", hash, stamp);
	}
	sb_adds(&sb, "],\"functions\":[");
	for (size_t i = 0; i < facts->nfns; i++) {
		if (i)
			sb_addc(&sb, ',');
		write_fn(&sb, &facts->fns[i]);
	}
	sb_adds(&sb, "],\"annotations\":[");
	for (size_t i = 0; i < facts->nannots; i++) {
		const struct tl_annot_fact *a = &facts->annots[i];
		sb_adds(&sb, i ? ",{\"name\":" : "{\"name\":");
		add_string(&sb, a->name);
		sb_adds(&sb, ",\"text\":");
		add_string(&sb, a->text);
		sb_adds(&sb, ",\"origin\":");
		add_string(&sb, a->origin);
		sb_addc(&sb, '}');
	}
	sb_adds(&sb, "]}\n");
	char *path = entry_path(c, tu);
	int rc = tl_write_file_atomic(path, sb.buf, sb.len, err);
	free(path);
	sb_release(&sb);
	return rc;
}
