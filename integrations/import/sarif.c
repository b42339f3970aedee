/*
 * sarif.c - reads SARIF 2.1.0 from any tool (cJSON).
 *
 * Per result: ruleId (or rule.id), message.text, the first location's
 * artifactLocation (uri, uriBaseId resolved through the run's
 * originalUriBaseIds, or an index into artifacts) and region, the
 * enclosing function from logicalLocations, clang's issue hash from
 * partialFingerprints "clang/issueHash/v1" when present, and the first
 * thread flow as the path steps. A wrong type anywhere is an error naming
 * the file and the JSON path of the field.
 */
#include "import.h"
#include "../common/arena.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"
#include "json_scan.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sarif_reader {
	struct tl_import_ctx *ctx;
	const char *path;      /* the SARIF file, for messages */
	const char *base;      /* where relative URIs start when no base id says */
	const cJSON *run;      /* the run being read */
	struct strbuf where;   /* JSON path of the current field */
	char **err;
};

static int type_error(struct sarif_reader *r, const char *field, const char *want)
{
	const char *dot = r->where.len && *field ? "." : "";
	if (!r->where.len && !*field)
		return tl_error(r->err, TL_E_INPUT, "%s: expected %s", r->path, want);
	return tl_error(r->err, TL_E_INPUT, "%s: %s%s%s: expected %s", r->path,
			r->where.buf, dot, field, want);
}

/* Optional member of the right type: NULL when absent, error when the
 * type is wrong (*rc set). */
static const cJSON *member(struct sarif_reader *r, const cJSON *o, const char *key,
			   cJSON_bool (*is)(const cJSON *), const char *want, int *rc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (v && !is(v))
		*rc = type_error(r, key, want);
	return *rc ? NULL : v;
}

/* A whole number that fits an int (line, column, index, nesting level). */
static cJSON_bool is_int(const cJSON *v)
{
	return cJSON_IsNumber(v) && v->valuedouble >= INT_MIN && v->valuedouble <= INT_MAX &&
	       v->valuedouble == (double)(int)v->valuedouble;
}

/* Appends ".key" (or "key" first) and "[index]" when index >= 0 to the
 * JSON path; *mark remembers where to cut it back. No printf: this runs
 * for every field of every result. */
static void where_push(struct sarif_reader *r, size_t *mark, const char *key, long index)
{
	*mark = r->where.len;
	if (key) {
		if (r->where.len)
			sb_addc(&r->where, '.');
		sb_adds(&r->where, key);
	}
	if (index >= 0) {
		char digits[24];
		int n = 0;
		do
			digits[n++] = (char)('0' + index % 10);
		while ((index /= 10) > 0);
		sb_addc(&r->where, '[');
		while (n)
			sb_addc(&r->where, digits[--n]);
		sb_addc(&r->where, ']');
	}
}

static void where_pop(struct sarif_reader *r, size_t mark)
{
	r->where.len = mark;
	r->where.buf[mark] = '\0';
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* "file:///a%20b/c" -> "/a b/c"; relative URIs are only decoded. */
static char *uri_to_path(const char *uri)
{
	if (!strncmp(uri, "file://", 7)) {
		uri += 7;
		if (*uri != '/') { /* file://host/path: drop the host */
			const char *slash = strchr(uri, '/');
			uri = slash ? slash : uri;
		}
	} else if (!strncmp(uri, "file:", 5)) {
		uri += 5;
	}
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = uri; *p; p++) {
		int h1, h2;
		if (*p == '%' && (h1 = hexval(p[1])) >= 0 && (h2 = hexval(p[2])) >= 0) {
			sb_addc(&sb, (char)(h1 * 16 + h2));
			p += 2;
		} else {
			sb_addc(&sb, *p);
		}
	}
	char *s = sb_detach(&sb);
	sb_release(&sb);
	return s;
}

/* The absolute folder a uriBaseId stands for, or NULL when undefined. */
static char *base_for(struct sarif_reader *r, const char *id, int *rc)
{
	const cJSON *bases = member(r, r->run, "originalUriBaseIds", cJSON_IsObject,
				    "an object", rc);
	const cJSON *b = bases ? cJSON_GetObjectItemCaseSensitive(bases, id) : NULL;
	const cJSON *u = b && cJSON_IsObject(b) ? cJSON_GetObjectItemCaseSensitive(b, "uri") : NULL;
	if (!cJSON_IsString(u))
		return NULL;
	return uri_to_path(u->valuestring);
}

/* follow: 1 for a result's own artifactLocation, which may name its file
 * by index into run.artifacts; 0 for the artifact's location found there,
 * which must then have a uri. One hop only: an artifact whose location
 * points back by index (to itself, or 1 -> 0 -> 1) would otherwise loop
 * forever. */
static int artifact_path(struct sarif_reader *r, const cJSON *al, int follow,
			 const struct tl_path_entry **out)
{
	int rc = TL_OK;
	const cJSON *uri = member(r, al, "uri", cJSON_IsString, "a string", &rc);
	const cJSON *base_id = rc ? NULL : member(r, al, "uriBaseId", cJSON_IsString, "a string", &rc);
	const cJSON *index = rc ? NULL : member(r, al, "index", is_int, "an integer", &rc);
	if (rc)
		return rc;
	if (!uri && index && !follow)
		return type_error(r, "uri", "a string (an artifact's location cannot be another index)");
	if (!uri && index) { /* the location is in run.artifacts[index] */
		const cJSON *arts = member(r, r->run, "artifacts", cJSON_IsArray, "an array", &rc);
		const cJSON *a = arts ? cJSON_GetArrayItem(arts, index->valueint) : NULL;
		const cJSON *loc = a ? cJSON_GetObjectItemCaseSensitive(a, "location") : NULL;
		if (rc)
			return rc;
		if (!loc)
			return type_error(r, "index", "an index into run.artifacts");
		return artifact_path(r, loc, 0, out);
	}
	if (!uri)
		return type_error(r, "uri", "a string");
	char *p = uri_to_path(uri->valuestring);
	char *base = NULL;
	if (p[0] != '/' && base_id)
		base = base_for(r, base_id->valuestring, &rc);
	if (rc) {
		free(p);
		return rc;
	}
	const char *b = base ? base : (p[0] == '/' ? NULL : r->ctx->paths.root);
	if (!base && r->base && p[0] != '/' && !base_id)
		b = r->base;
	*out = tl_paths_resolve(&r->ctx->paths, b, p);
	free(p);
	free(base);
	return TL_OK;
}

/* physicalLocation -> file, line, col. */
static int physical(struct sarif_reader *r, const cJSON *loc,
		    const struct tl_path_entry **file, int *line, int *col)
{
	int rc = TL_OK;
	size_t m1, m2;
	const cJSON *pl = member(r, loc, "physicalLocation", cJSON_IsObject, "an object", &rc);
	if (rc)
		return rc;
	if (!pl)
		return type_error(r, "physicalLocation", "an object");
	where_push(r, &m1, "physicalLocation", -1);
	const cJSON *al = member(r, pl, "artifactLocation", cJSON_IsObject, "an object", &rc);
	const cJSON *region = rc ? NULL : member(r, pl, "region", cJSON_IsObject, "an object", &rc);
	if (!rc && !al)
		rc = type_error(r, "artifactLocation", "an object");
	if (!rc) {
		where_push(r, &m2, "artifactLocation", -1);
		rc = artifact_path(r, al, 1, file);
		where_pop(r, m2);
	}
	*line = 1;
	*col = 0;
	if (!rc && region) {
		where_push(r, &m2, "region", -1);
		const cJSON *sl = member(r, region, "startLine", is_int, "an integer", &rc);
		const cJSON *sc = rc ? NULL : member(r, region, "startColumn", is_int, "an integer", &rc);
		if (sl)
			*line = sl->valueint;
		if (sc)
			*col = sc->valueint;
		where_pop(r, m2);
	}
	where_pop(r, m1);
	return rc;
}

static int message_text(struct sarif_reader *r, const cJSON *o, int required, char **out)
{
	int rc = TL_OK;
	size_t m;
	const cJSON *msg = member(r, o, "message", cJSON_IsObject, "an object", &rc);
	if (rc)
		return rc;
	if (!msg) {
		if (required)
			return type_error(r, "message", "an object with 'text'");
		*out = xstrdup("");
		return TL_OK;
	}
	where_push(r, &m, "message", -1);
	const cJSON *t = member(r, msg, "text", cJSON_IsString, "a string", &rc);
	if (!rc && !t && required)
		rc = type_error(r, "text", "a string");
	where_pop(r, m);
	if (!rc)
		*out = xstrdup(t ? t->valuestring : "");
	return rc;
}

static int read_flow(struct sarif_reader *r, const cJSON *res, struct tl_report *rep)
{
	int rc = TL_OK;
	size_t m;
	const cJSON *flows = member(r, res, "codeFlows", cJSON_IsArray, "an array", &rc);
	const cJSON *flow = flows ? cJSON_GetArrayItem(flows, 0) : NULL;
	if (rc || !flow)
		return rc;
	where_push(r, &m, "codeFlows", 0);
	const cJSON *tfs = cJSON_IsObject(flow) ? member(r, flow, "threadFlows", cJSON_IsArray, "an array", &rc) : NULL;
	if (!cJSON_IsObject(flow))
		rc = type_error(r, "", "an object");
	const cJSON *tf = tfs ? cJSON_GetArrayItem(tfs, 0) : NULL;
	const cJSON *locs = tf && cJSON_IsObject(tf) ? member(r, tf, "locations", cJSON_IsArray, "an array", &rc) : NULL;
	size_t i = 0;
	const cJSON *it;
	size_t m2;
	cJSON_ArrayForEach(it, locs) {
		if (rc)
			break;
		where_push(r, &m2, "threadFlows[0].locations", (long)i++);
		const cJSON *loc = cJSON_IsObject(it) ? member(r, it, "location", cJSON_IsObject, "an object", &rc) : NULL;
		const cJSON *nest = cJSON_IsObject(it) ? member(r, it, "nestingLevel", is_int, "an integer", &rc) : NULL;
		if (!cJSON_IsObject(it))
			rc = type_error(r, "", "an object");
		if (!rc && loc) {
			const struct tl_path_entry *file = NULL;
			int line, col;
			char *text = NULL;
			size_t m3;
			where_push(r, &m3, "location", -1);
			rc = physical(r, loc, &file, &line, &col);
			if (!rc)
				rc = message_text(r, loc, 0, &text);
			where_pop(r, m3);
			if (!rc) {
				struct tl_step *st = tl_report_add_step(rep);
				st->file = xstrdup(file->rel);
				st->line = line;
				st->col = col;
				st->depth = nest ? nest->valueint : 0;
				st->message = text;
			}
		}
		where_pop(r, m2);
	}
	where_pop(r, m);
	return rc;
}

/* The enclosing function, from the first logical location if any. */
static int logical(struct sarif_reader *r, const cJSON *loc, char **function)
{
	int rc = TL_OK;
	const cJSON *lls = member(r, loc, "logicalLocations", cJSON_IsArray, "an array", &rc);
	const cJSON *ll = lls ? cJSON_GetArrayItem(lls, 0) : NULL;
	if (rc || !ll || !cJSON_IsObject(ll))
		return rc;
	size_t m;
	where_push(r, &m, "logicalLocations", 0);
	const cJSON *fq = member(r, ll, "fullyQualifiedName", cJSON_IsString, "a string", &rc);
	const cJSON *nm = rc ? NULL : member(r, ll, "name", cJSON_IsString, "a string", &rc);
	if (fq || nm)
		*function = xstrdup((fq ? fq : nm)->valuestring);
	where_pop(r, m);
	return rc;
}

static int read_result(struct sarif_reader *r, const cJSON *res, struct tl_report_set *out)
{
	int rc = TL_OK;
	if (!cJSON_IsObject(res))
		return type_error(r, "", "an object");
	struct tl_report *rep = tl_report_set_add(out);
	const cJSON *rule_id = member(r, res, "ruleId", cJSON_IsString, "a string", &rc);
	const cJSON *rule = rc ? NULL : member(r, res, "rule", cJSON_IsObject, "an object", &rc);
	if (!rc && !rule_id && rule) {
		size_t m;
		where_push(r, &m, "rule", -1);
		rule_id = member(r, rule, "id", cJSON_IsString, "a string", &rc);
		where_pop(r, m);
	}
	if (!rc && !rule_id)
		rc = type_error(r, "ruleId", "a string");
	if (rc)
		return rc;
	const struct tl_rule *known = tl_catalog_by_id(r->ctx->catalog, rule_id->valuestring);
	rep->checker = xstrdup(known ? known->checker : rule_id->valuestring);
	if ((rc = message_text(r, res, 1, &rep->message)))
		return rc;

	const cJSON *locs = member(r, res, "locations", cJSON_IsArray, "an array", &rc);
	const cJSON *loc = locs ? cJSON_GetArrayItem(locs, 0) : NULL;
	if (rc)
		return rc;
	if (!loc)
		return type_error(r, "locations", "an array with a location");
	size_t m;
	where_push(r, &m, "locations", 0);
	const struct tl_path_entry *file = NULL;
	if (!cJSON_IsObject(loc))
		rc = type_error(r, "", "an object");
	if (!rc)
		rc = physical(r, loc, &file, &rep->line, &rep->col);
	if (!rc)
		rc = logical(r, loc, &rep->function);
	where_pop(r, m);
	if (rc)
		return rc;

	const cJSON *pf = member(r, res, "partialFingerprints", cJSON_IsObject, "an object", &rc);
	const cJSON *h = pf ? cJSON_GetObjectItemCaseSensitive(pf, "clang/issueHash/v1") : NULL;
	if (cJSON_IsString(h))
		rep->issue_hash = xstrdup(h->valuestring);
	if (rc || (rc = read_flow(r, res, rep)))
		return rc;
	rep->file = xstrdup(file->rel);
	tl_import_finish(r->ctx, rep, file->abs);
	return TL_OK;
}

static int line_of(const char *buf, const char *at)
{
	int line = 1;
	for (const char *p = buf; p < at && *p; p++)
		line += *p == '\n';
	return line;
}

/*
 * Streaming: the document is parsed in pieces so that memory does not grow
 * with a cJSON tree of the whole file (about 5 times its size). The
 * document is parsed with its `runs` array replaced by [], each run with
 * its `results` array replaced by [], and each result on its own, in an
 * arena dropped after it. A key written with escapes is not recognised by
 * the scanner: its array then stays in the piece, parsed whole (correct,
 * only not streamed).
 */
struct piece {
	const char *buf;        /* the whole file */
	size_t len;
	cJSON *doc;             /* the piece, parsed */
};

/* obj with the value span v replaced by "[]", parsed. Errors name the
 * line in the file. */
static int parse_without(struct sarif_reader *r, const struct piece *file,
			 const struct json_span *obj, const struct json_span *v, cJSON **out)
{
	struct strbuf sb;
	const char *end = NULL;
	sb_init(&sb);
	if (v) {
		sb_add(&sb, obj->start, (size_t)(v->start - obj->start));
		sb_adds(&sb, "[]");
		sb_add(&sb, v->end, (size_t)(obj->end - v->end));
	} else {
		sb_add(&sb, obj->start, (size_t)(obj->end - obj->start));
	}
	*out = cJSON_ParseWithLengthOpts(sb.buf, sb.len, &end, 0);
	size_t off = end && end >= sb.buf ? (size_t)(end - sb.buf) : 0;
	if (v && off > (size_t)(v->start - obj->start)) /* past the [] */
		off += (size_t)(v->end - v->start) - 2;
	sb_release(&sb);
	if (*out)
		return TL_OK;
	return tl_error(r->err, TL_E_INPUT, "%s:%d: malformed SARIF JSON", r->path,
			line_of(file->buf, obj->start + off));
}

static int scan_error(struct sarif_reader *r, const struct piece *file, const char *at)
{
	/* at the end of the file: the line of the last thing in it */
	while (at > file->buf && (at >= file->buf + file->len || *at == ' ' || *at == '\n' ||
				  *at == '\r' || *at == '\t'))
		at--;
	return tl_error(r->err, TL_E_INPUT, "%s:%d: malformed SARIF JSON", r->path,
			line_of(file->buf, at));
}

/* The first member named key (raw) whose value is an array, or NULL. */
static int find_array(const struct json_span *obj, const char *key, struct json_span *out,
		      const char **bad)
{
	const char *pos = NULL;
	struct json_span k, v;
	int got;
	size_t n = strlen(key);
	while ((got = json_member_next(obj, &pos, &k, &v)) > 0)
		if ((size_t)(k.end - k.start) == n && !memcmp(k.start, key, n)) {
			if (*v.start != '[')
				return 0; /* left in the piece: its type error is reported there */
			*out = v;
			return 1;
		}
	*bad = got < 0 ? pos : NULL;
	return 0;
}

static int read_results(struct sarif_reader *r, const struct piece *file,
			const struct json_span *results, struct tl_report_set *out)
{
	const char *pos = NULL;
	struct json_span v;
	int got, rc = TL_OK;
	size_t j = 0, m;
	while (!rc && (got = json_element_next(results, &pos, &v)) > 0) {
		const char *end = NULL;
		tl_arena_begin();
		cJSON *res = cJSON_ParseWithLengthOpts(v.start, (size_t)(v.end - v.start), &end, 0);
		if (!res) {
			rc = tl_error(r->err, TL_E_INPUT, "%s:%d: malformed SARIF JSON", r->path,
				      line_of(file->buf, end ? end : v.start));
		} else {
			where_push(r, &m, "results", (long)j++);
			rc = read_result(r, res, out);
			where_pop(r, m);
		}
		tl_arena_end(); /* drops res */
	}
	return rc ? rc : got < 0 ? scan_error(r, file, pos) : TL_OK;
}

static int read_run(struct sarif_reader *r, const struct piece *file, const struct json_span *span,
		    struct tl_report_set *out)
{
	struct json_span results;
	const char *bad = NULL;
	cJSON *run;
	int has = find_array(span, "results", &results, &bad), rc;
	if (bad)
		return scan_error(r, file, bad);
	if ((rc = parse_without(r, file, span, has ? &results : NULL, &run)))
		return rc;
	r->run = run;
	if (!cJSON_IsObject(run)) {
		rc = type_error(r, "", "an object");
	} else {
		const cJSON *tool = member(r, run, "tool", cJSON_IsObject, "an object", &rc);
		const cJSON *driver = tool ? cJSON_GetObjectItemCaseSensitive(tool, "driver") : NULL;
		const cJSON *name = cJSON_IsObject(driver) ? cJSON_GetObjectItemCaseSensitive(driver, "name") : NULL;
		if (cJSON_IsString(name) && !out->tool)
			out->tool = xstrdup(name->valuestring);
		const cJSON *inline_results = rc ? NULL : member(r, run, "results", cJSON_IsArray, "an array", &rc);
		size_t j = 0, m;
		const cJSON *res;
		cJSON_ArrayForEach(res, inline_results) { /* not streamed (see above) */
			where_push(r, &m, "results", (long)j++);
			rc = read_result(r, res, out);
			where_pop(r, m);
			if (rc)
				break;
		}
		if (!rc && has)
			rc = read_results(r, file, &results, out);
	}
	r->run = NULL;
	cJSON_Delete(run);
	return rc;
}

static int read_doc(struct sarif_reader *r, const struct piece *file, struct tl_report_set *out)
{
	struct json_span all = { file->buf, file->buf + file->len }, runs;
	const char *bad = NULL, *at;
	const char *doc_end = json_value_end(file->buf, all.end, &at);
	if (!doc_end || json_ws(doc_end, all.end) != all.end)
		return scan_error(r, file, doc_end ? doc_end : at);
	all.start = json_ws(all.start, all.end);
	all.end = doc_end;
	int has = *all.start == '{' && find_array(&all, "runs", &runs, &bad), rc = TL_OK;
	if (bad)
		return scan_error(r, file, bad);
	cJSON *doc;
	if ((rc = parse_without(r, file, &all, has ? &runs : NULL, &doc)))
		return rc;
	if (!cJSON_IsObject(doc)) {
		rc = type_error(r, "", "a SARIF log object");
		goto out;
	}
	const cJSON *version = member(r, doc, "version", cJSON_IsString, "a string", &rc);
	if (rc)
		goto out;
	if (!version || strcmp(version->valuestring, "2.1.0")) {
		rc = type_error(r, "version", "\"2.1.0\"");
		goto out;
	}
	const cJSON *inline_runs = member(r, doc, "runs", cJSON_IsArray, "an array", &rc);
	if (!rc && !inline_runs)
		rc = type_error(r, "runs", "an array");
	size_t i = 0, m;
	const cJSON *run;
	cJSON_ArrayForEach(run, inline_runs) { /* not streamed: a "runs" key with escapes */
		char *text = rc ? NULL : cJSON_PrintUnformatted(run);
		if (!text)
			break;
		struct piece p = { text, strlen(text), NULL };
		struct json_span span = { text, text + p.len };
		where_push(r, &m, "runs", (long)i++);
		rc = read_run(r, &p, &span, out);
		where_pop(r, m);
		free(text);
	}
	const char *pos = NULL;
	struct json_span v;
	int got = 0;
	while (!rc && has && (got = json_element_next(&runs, &pos, &v)) > 0) {
		where_push(r, &m, "runs", (long)i++);
		rc = *v.start == '{' ? read_run(r, file, &v, out) : type_error(r, "", "an object");
		where_pop(r, m);
	}
	if (!rc && got < 0)
		rc = scan_error(r, file, pos);
out:
	cJSON_Delete(doc);
	return rc;
}

int tl_sarif_read(struct tl_import_ctx *ctx, const char *path, const char *base,
		  struct tl_report_set *out, char **err)
{
	struct piece file = { NULL, 0, NULL };
	char *buf;
	int rc = tl_read_file(path, &buf, &file.len, err);
	if (rc)
		return rc;
	file.buf = buf;
	struct sarif_reader r = { ctx, path, base, NULL, { 0 }, err };
	sb_init(&r.where);
	size_t before = out->n;
	rc = read_doc(&r, &file, out);
	if (rc)
		tl_report_set_truncate(out, before);
	sb_release(&r.where);
	free(buf);
	return rc;
}
