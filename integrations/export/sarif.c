/*
 * sarif.c - SARIF 2.1.0 for one run (see sarif.h), built with cJSON.
 */
#include "sarif.h"
#include "limits.h"
#include "line_hash.h"
#include "rules_help.h"
#include "../common/strmap.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"
#define FINGERPRINT_KEY "taskleak/v1"

void tl_uri_path(struct strbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/!$&'()*+,;=:@", *p)) {
			sb_addc(sb, (char)*p);
		} else {
			sb_addc(sb, '%');
			sb_addc(sb, hex[*p >> 4]);
			sb_addc(sb, hex[*p & 15]);
		}
	}
}

static cJSON *text_obj(const char *key, const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, key, text);
	return o;
}

static cJSON *physical(const char *file, int line, int col)
{
	cJSON *pl = cJSON_CreateObject(), *al = cJSON_AddObjectToObject(pl, "artifactLocation");
	struct strbuf uri;
	sb_init(&uri);
	if (file[0] == '/') {
		sb_adds(&uri, "file://");
		tl_uri_path(&uri, file);
		cJSON_AddStringToObject(al, "uri", uri.buf);
	} else {
		tl_uri_path(&uri, file);
		cJSON_AddStringToObject(al, "uri", uri.buf);
		cJSON_AddStringToObject(al, "uriBaseId", SRCROOT);
	}
	sb_release(&uri);
	if (line > 0) {
		cJSON *region = cJSON_AddObjectToObject(pl, "region");
		cJSON_AddNumberToObject(region, "startLine", line);
		if (col > 0)
			cJSON_AddNumberToObject(region, "startColumn", col);
	}
	return pl;
}

static cJSON *rule_json(const struct tl_rule_desc *d)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "id", d->id);
	if (d->name)
		cJSON_AddStringToObject(r, "name", d->name);
	cJSON_AddItemToObject(r, "shortDescription", text_obj("text", d->short_text));
	cJSON_AddItemToObject(r, "fullDescription", text_obj("text", d->full_text));
	cJSON *help = text_obj("text", d->help_text);
	cJSON_AddStringToObject(help, "markdown", d->help_markdown);
	cJSON_AddItemToObject(r, "help", help);
	if (d->help_uri)
		cJSON_AddStringToObject(r, "helpUri", d->help_uri);
	cJSON_AddItemToObject(r, "defaultConfiguration", text_obj("level", d->level));
	cJSON *props = cJSON_AddObjectToObject(r, "properties");
	cJSON *tags = cJSON_AddArrayToObject(props, "tags");
	for (size_t i = 0; i < d->ntags; i++)
		cJSON_AddItemToArray(tags, cJSON_CreateString(d->tags[i]));
	if (d->precision)
		cJSON_AddStringToObject(props, "precision", d->precision);
	if (d->security_severity)
		cJSON_AddStringToObject(props, "security-severity", d->security_severity);
	cJSON_AddStringToObject(props, "problem.severity",
				!strcmp(d->level, "note") ? "recommendation" : d->level);
	return r;
}

static cJSON *code_flow(const struct tl_export_result *r, size_t max, int *cut)
{
	cJSON *flows = cJSON_CreateArray(), *flow = cJSON_CreateObject();
	cJSON *tf = cJSON_CreateObject(), *locs = cJSON_AddArrayToObject(tf, "locations");
	size_t n = r->nsteps;
	*cut = n > max;
	if (*cut)
		n = max;
	for (size_t i = 0; i < n; i++) {
		const struct tl_export_step *s = &r->steps[i];
		cJSON *tfl = cJSON_CreateObject(), *loc = cJSON_AddObjectToObject(tfl, "location");
		cJSON_AddItemToObject(loc, "physicalLocation", physical(s->file, s->line, s->col));
		if (s->message && *s->message)
			cJSON_AddItemToObject(loc, "message", text_obj("text", s->message));
		cJSON_AddNumberToObject(tfl, "nestingLevel", s->depth);
		cJSON_AddItemToArray(locs, tfl);
	}
	cJSON *tfs = cJSON_AddArrayToObject(flow, "threadFlows");
	cJSON_AddItemToArray(tfs, tf);
	cJSON_AddItemToArray(flows, flow);
	return flows;
}

static cJSON *result_json(const struct tl_export_result *r, size_t rule_index,
			  const struct tl_rule_desc *d, const char *line_hash,
			  const struct tl_sarif_opts *o, struct tl_export_report *rep)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "ruleId", r->rule);
	cJSON_AddNumberToObject(j, "ruleIndex", (double)rule_index);
	cJSON_AddStringToObject(j, "level", d->level);
	cJSON_AddItemToObject(j, "message", text_obj("text", *r->message ? r->message : d->short_text));
	cJSON *locs = cJSON_AddArrayToObject(j, "locations"), *loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation", physical(r->file, r->line, r->col));
	if (r->function && *r->function) {
		cJSON *ll = cJSON_AddArrayToObject(loc, "logicalLocations"), *l = cJSON_CreateObject();
		cJSON_AddStringToObject(l, "name", r->function);
		cJSON_AddStringToObject(l, "kind", "function");
		cJSON_AddItemToArray(ll, l);
	}
	cJSON_AddItemToArray(locs, loc);
	cJSON *fp = cJSON_AddObjectToObject(j, "partialFingerprints");
	if (line_hash)
		cJSON_AddStringToObject(fp, "primaryLocationLineHash", line_hash);
	cJSON_AddStringToObject(fp, FINGERPRINT_KEY, r->fingerprint);
	if (r->nsteps) {
		int cut;
		cJSON_AddItemToObject(j, "codeFlows", code_flow(r, o->max_flow_steps ?
			o->max_flow_steps : TL_GITHUB_MAX_FLOW_STEPS, &cut));
		rep->flows_cut += cut;
	}
	if (r->baseline != TL_BASELINE_NONE)
		cJSON_AddStringToObject(j, "baselineState", tl_baseline_name(r->baseline));
	if (r->suppressed) {
		cJSON *sups = cJSON_AddArrayToObject(j, "suppressions"), *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "kind", r->in_source ? "inSource" : "external");
		cJSON_AddStringToObject(s, "status", "accepted");
		struct strbuf why;
		sb_init(&why);
		sb_addf(&why, "%s%s%s", r->triage, r->triage_note && *r->triage_note ? ": " : "",
			r->triage_note ? r->triage_note : "");
		cJSON_AddStringToObject(s, "justification", why.buf);
		sb_release(&why);
		cJSON_AddItemToArray(sups, s);
	}
	cJSON *props = cJSON_AddObjectToObject(j, "properties");
	cJSON_AddStringToObject(props, "triage", r->triage);
	if (r->runtime_tasks) {
		/* a static finding seen leaking by libtaskleak-rt, or a TL101R */
		cJSON_AddBoolToObject(props, "taskleak/confirmedAtRunTime", 1);
		cJSON_AddNumberToObject(props, "taskleak/runtimeTasks", r->runtime_tasks);
	}
	return j;
}

/* Line hashes of every primary location, each file read once. */
struct hashes {
	const char **of;               /* of[i]: result i's hash, NULL when unknown */
	struct tl_line_hashes **files; /* the tables the strings live in */
	size_t nfiles;
};

static void hash_lines(const struct tl_export_set *set, struct hashes *h,
		       struct tl_export_report *rep)
{
	struct strmap files;
	strmap_init(&files);
	h->of = xcalloc(set->n ? set->n : 1, sizeof(*h->of));
	h->files = xcalloc(set->n ? set->n : 1, sizeof(*h->files));
	h->nfiles = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_export_result *r = &set->v[i];
		void **slot = strmap_put(&files, r->file);
		if (!*slot) {
			struct tl_line_hashes *lh = xcalloc(1, sizeof(*lh));
			struct strbuf p;
			sb_init(&p);
			if (r->file[0] == '/')
				sb_adds(&p, r->file);
			else
				sb_addf(&p, "%s/%s", set->run.root ? set->run.root : ".", r->file);
			tl_line_hashes_file(p.buf, lh, NULL); /* unreadable: no lines */
			sb_release(&p);
			*slot = h->files[h->nfiles++] = lh;
		}
		h->of[i] = tl_line_hash(*slot, r->line);
		if (!h->of[i])
			rep->unhashed++;
	}
	strmap_free(&files);
}

static void free_hashes(struct hashes *h)
{
	for (size_t i = 0; i < h->nfiles; i++) {
		tl_line_hashes_free(h->files[i]);
		free(h->files[i]);
	}
	free(h->files);
	free(h->of);
}

struct ranked {
	size_t i;
	int level, security, is_new;
};

static int by_severity(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->level != y->level)
		return y->level - x->level;
	if (x->security != y->security)
		return y->security - x->security;
	if (x->is_new != y->is_new)
		return y->is_new - x->is_new;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* keep[i] = 1 for the `limit` most severe results. */
static void choose(const struct tl_export_set *set, const struct tl_rule_table *rt,
		   size_t limit, char *keep)
{
	struct ranked *v = xcalloc(set->n ? set->n : 1, sizeof(*v));
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_rule_desc *d = &rt->v[rt->of[i]];
		v[i].i = i;
		v[i].level = tl_level_rank(d->level);
		v[i].security = tl_security_rank(d->security_severity);
		v[i].is_new = set->v[i].baseline == TL_BASELINE_NEW;
	}
	qsort(v, set->n, sizeof(*v), by_severity);
	memset(keep, 0, set->n);
	for (size_t i = 0; i < set->n && i < limit; i++)
		keep[v[i].i] = 1;
	free(v);
}

/* One invocation: the run's start and end, always successful (a failed
 * scan stores no run). */
static void add_invocation(cJSON *run, const struct tl_run_meta *r)
{
	cJSON *invs = cJSON_AddArrayToObject(run, "invocations"), *inv = cJSON_CreateObject();
	cJSON_AddBoolToObject(inv, "executionSuccessful", 1);
	if (r->started_at)
		cJSON_AddStringToObject(inv, "startTimeUtc", r->started_at);
	if (r->finished_at)
		cJSON_AddStringToObject(inv, "endTimeUtc", r->finished_at);
	cJSON_AddItemToArray(invs, inv);
}

static cJSON *run_json(const struct tl_export_set *set, const struct tl_sarif_opts *o,
		       const struct tl_rule_table *rt, const char **hashes, const char *keep,
		       struct tl_export_report *rep)
{
	cJSON *run = cJSON_CreateObject();
	cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "taskleak");
	cJSON_AddStringToObject(driver, "version", o->version);
	cJSON_AddStringToObject(driver, "semanticVersion", o->version);
	if (set->run.tool && *set->run.tool) {
		struct strbuf full;
		sb_init(&full);
		sb_addf(&full, "taskleak %s (%s)", o->version, set->run.tool);
		cJSON_AddStringToObject(driver, "fullName", full.buf);
		sb_release(&full);
	}
	cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; i < rt->n; i++)
		cJSON_AddItemToArray(rules, rule_json(&rt->v[i]));

	struct strbuf s;
	sb_init(&s);
	sb_addf(&s, "%s/%s", o->category ? o->category : "taskleak", set->run.name);
	cJSON_AddItemToObject(run, "automationDetails", text_obj("id", s.buf));

	sb_reset(&s);
	sb_adds(&s, "file://");
	tl_uri_path(&s, set->run.root && *set->run.root ? set->run.root : "/");
	if (s.buf[s.len - 1] != '/')
		sb_addc(&s, '/');
	cJSON *base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "originalUriBaseIds"),
					      SRCROOT);
	cJSON_AddStringToObject(base, "uri", s.buf);
	cJSON_AddItemToObject(base, "description", text_obj("text", "The project root"));
	sb_release(&s);

	add_invocation(run, &set->run);

	cJSON *results = cJSON_AddArrayToObject(run, "results");
	rep->written = 0;
	rep->flows_cut = 0;
	for (size_t i = 0; i < set->n; i++) {
		if (!keep[i])
			continue;
		size_t ri = rt->of[i];
		cJSON_AddItemToArray(results, result_json(&set->v[i], ri, &rt->v[ri], hashes[i], o, rep));
		rep->written++;
	}
	cJSON *props = cJSON_AddObjectToObject(run, "properties");
	cJSON_AddStringToObject(props, "run", set->run.name);
	if (set->baseline_name)
		cJSON_AddStringToObject(props, "baseline", set->baseline_name);
	cJSON_AddNumberToObject(props, "suppressedLeftOut", (double)set->n_left_out);
	cJSON_AddNumberToObject(props, "droppedOverLimits", (double)rep->dropped);
	return run;
}

int tl_sarif_render(const struct tl_export_set *set, const struct tl_sarif_opts *o,
		    char **out, struct tl_export_report *rep, char **err)
{
	struct tl_rule_table rt;
	memset(rep, 0, sizeof(*rep));
	*out = NULL;
	int rc = tl_rule_table_build(o->cat, set, &rt, err);
	if (rc)
		return rc;
	struct hashes hashes;
	hash_lines(set, &hashes, rep);
	size_t max_results = o->max_results ? o->max_results : TL_GITHUB_MAX_RESULTS;
	size_t max_gzip = o->max_gzip ? o->max_gzip : TL_GITHUB_MAX_GZIP;
	size_t limit = set->n;
	char *keep = xcalloc(set->n ? set->n : 1, 1);
	if (limit > max_results) {
		limit = max_results;
		rep->over_results = 1;
	}
	for (;;) {
		choose(set, &rt, limit, keep);
		rep->dropped = set->n - (limit < set->n ? limit : set->n);
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "$schema", SARIF_SCHEMA);
		cJSON_AddStringToObject(doc, "version", "2.1.0");
		cJSON_AddItemToArray(cJSON_AddArrayToObject(doc, "runs"),
				     run_json(set, o, &rt, hashes.of, keep, rep));
		char *text = cJSON_Print(doc);
		cJSON_Delete(doc);
		if (!text) {
			rc = tl_error(err, TL_E_NOMEM, "out of memory writing SARIF");
			break;
		}
		rep->gzip_size = tl_gzip_size(text, strlen(text));
		if (rep->gzip_size <= max_gzip || limit == 0) {
			*out = text;
			break;
		}
		/* too large: shrink in proportion, with a margin, and redo */
		rep->over_size = 1;
		size_t next = (size_t)((double)limit * max_gzip / rep->gzip_size * 0.95);
		limit = next < limit ? next : limit - 1;
		free(text);
	}
	free(keep);
	free_hashes(&hashes);
	tl_rule_table_free(&rt);
	return rc;
}
