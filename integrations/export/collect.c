/*
 * collect.c - reads one run's findings for export, compares them with a
 * baseline run, and leaves suppressed ones out (see export.h).
 */
#include "export.h"
#include "../common/strbuf.h"
#include "../common/strmap.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

struct tl_export_result *tl_export_add(struct tl_export_set *set)
{
	if (set->n == set->alloc) {
		set->alloc = set->alloc ? set->alloc * 2 : 64;
		set->v = xrealloc(set->v, set->alloc * sizeof(*set->v));
	}
	struct tl_export_result *r = &set->v[set->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

const char *tl_baseline_name(enum tl_baseline_state b)
{
	switch (b) {
	case TL_BASELINE_NEW: return "new";
	case TL_BASELINE_UNCHANGED: return "unchanged";
	case TL_BASELINE_UPDATED: return "updated";
	case TL_BASELINE_ABSENT: return "absent";
	default: return NULL;
	}
}

int tl_export_suppresses(const char *triage)
{
	return triage && (!strcmp(triage, "false-positive") || !strcmp(triage, "intentional"));
}

/* Path steps from the stored JSON [{file,line,col,depth,message}]. */
static void parse_steps(const char *json, struct tl_export_result *r)
{
	cJSON *steps = json ? cJSON_Parse(json) : NULL;
	const cJSON *s;
	size_t n = (size_t)cJSON_GetArraySize(steps);
	if (n)
		r->steps = xcalloc(n, sizeof(*r->steps));
	cJSON_ArrayForEach(s, steps) {
		const cJSON *file = cJSON_GetObjectItem(s, "file");
		const cJSON *line = cJSON_GetObjectItem(s, "line");
		const cJSON *col = cJSON_GetObjectItem(s, "col");
		const cJSON *depth = cJSON_GetObjectItem(s, "depth");
		const cJSON *msg = cJSON_GetObjectItem(s, "message");
		if (!cJSON_IsString(file) || !cJSON_IsNumber(line) || line->valueint < 1)
			continue;
		struct tl_export_step *st = &r->steps[r->nsteps++];
		st->file = xstrdup(file->valuestring);
		st->line = line->valueint;
		st->col = cJSON_IsNumber(col) ? col->valueint : 0;
		st->depth = cJSON_IsNumber(depth) && depth->valueint > 0 ? depth->valueint : 0;
		st->message = xstrdup(cJSON_IsString(msg) ? msg->valuestring : "");
	}
	cJSON_Delete(steps);
}

struct collect_state {
	struct tl_export_set *set;
	const struct tl_export_opts *o;
	struct strmap *base;   /* baseline: fingerprint -> its message (malloc'ed) */
	struct strmap *seen;   /* run: fingerprints seen (value unused) */
	int absent_pass;       /* reading the baseline for absent findings */
};

static int add_row(void *arg, const struct tl_occurrence_row *row)
{
	struct collect_state *st = arg;
	enum tl_baseline_state b = TL_BASELINE_NONE;
	if (st->absent_pass) {
		if (strmap_find(st->seen, row->fingerprint))
			return 0;
		b = TL_BASELINE_ABSENT;
	} else if (st->base) {
		void **m = strmap_find(st->base, row->fingerprint);
		b = !m ? TL_BASELINE_NEW :
		    strcmp(*m, row->message ? row->message : "") ? TL_BASELINE_UPDATED :
		    TL_BASELINE_UNCHANGED;
		strmap_put(st->seen, row->fingerprint);
	}
	int suppressed = tl_export_suppresses(row->triage);
	if (suppressed && !st->o->include_suppressed) {
		if (!st->absent_pass)
			st->set->n_left_out++;
		return 0;
	}
	struct tl_export_result *r = tl_export_add(st->set);
	r->fingerprint = xstrdup(row->fingerprint);
	r->rule = xstrdup(row->rule);
	r->checker = xstrdup(row->checker);
	r->file = xstrdup(row->file);
	r->line = row->line;
	r->col = row->col;
	r->function = xstrdup(row->function);
	r->message = xstrdup(row->message ? row->message : "");
	r->triage = xstrdup(row->triage);
	r->triage_note = xstrdup(row->triage_note);
	r->in_source = row->triage_in_source;
	r->runtime_tasks = row->runtime_tasks;
	r->suppressed = suppressed;
	r->baseline = b;
	r->status = xstrdup(row->status);
	parse_steps(row->path_json, r);
	return 0;
}

static int remember_base(void *arg, const struct tl_occurrence_row *row)
{
	struct strmap *m = arg;
	void **v = strmap_put(m, row->fingerprint);
	if (!*v)
		*v = xstrdup(row->message ? row->message : "");
	return 0;
}

static void free_value(const char *key, void *value)
{
	(void)key;
	free(value);
}

int tl_export_collect(struct tl_store *s, const struct tl_export_opts *o,
		      struct tl_export_set *out, char **err)
{
	struct strmap base, seen;
	struct collect_state st = { out, o, NULL, &seen, 0 };
	memset(out, 0, sizeof(*out));
	strmap_init(&base);
	strmap_init(&seen);
	int rc = tl_store_run_meta(s, o->run, &out->run, err);
	if (!rc && o->baseline) {
		struct tl_run_meta bm;
		if (!(rc = tl_store_run_meta(s, o->baseline, &bm, err))) {
			out->baseline_name = xstrdup(bm.name);
			tl_run_meta_free(&bm);
			rc = tl_store_occurrences(s, o->baseline, remember_base, &base, err);
			st.base = &base;
		}
	}
	if (!rc)
		rc = tl_store_occurrences(s, o->run, add_row, &st, err);
	if (!rc && o->baseline) {
		st.absent_pass = 1;
		rc = tl_store_occurrences(s, o->baseline, add_row, &st, err);
	}
	strmap_each(&base, free_value);
	strmap_free(&base);
	strmap_free(&seen);
	if (rc)
		tl_export_set_free(out);
	return rc;
}

void tl_export_set_free(struct tl_export_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct tl_export_result *r = &set->v[i];
		free(r->fingerprint); free(r->rule); free(r->checker); free(r->file);
		free(r->function); free(r->message); free(r->triage); free(r->triage_note);
		free(r->status);
		for (size_t j = 0; j < r->nsteps; j++) {
			free(r->steps[j].file);
			free(r->steps[j].message);
		}
		free(r->steps);
	}
	free(set->v);
	tl_run_meta_free(&set->run);
	free(set->baseline_name);
	memset(set, 0, sizeof(*set));
}
