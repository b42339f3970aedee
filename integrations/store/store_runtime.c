/*
 * store_runtime.c - run-time leak sites matched to static findings.
 *
 * The join is the spawn call: the analysis notes "... spawned here" (or
 * "Thread started here") on the step where a task was created, and the
 * run-time library records the file and line of the same call from the
 * program's DWARF. The two spell paths differently (root-relative against
 * the compiler's absolute or build-relative name), so a leak's file is
 * first made root-relative like any report path, and then compared by
 * whole trailing path components.
 */
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"
#include "../import/import.h"
#include "../import/runtime.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct spawn_step {
	int64_t finding;
	char *file;
	int line;
};

struct steps {
	struct spawn_step *v;
	size_t n;
};

static void steps_free(struct steps *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].file);
	free(s->v);
}

static void steps_add(struct steps *out, size_t *alloc, int64_t finding, const char *file,
		      int line)
{
	if (out->n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 64;
		out->v = xrealloc(out->v, *alloc * sizeof(*out->v));
	}
	out->v[out->n++] = (struct spawn_step){ finding, xstrdup(file ? file : ""), line };
}

/* The steps of one finding's path (JSON) that note a spawn call. Read
 * here rather than with the database's JSON functions, which differ
 * between SQLite and PostgreSQL. */
static void spawn_steps(struct steps *out, size_t *alloc, int64_t finding, const char *json)
{
	cJSON *path = cJSON_Parse(json), *step;
	cJSON_ArrayForEach(step, path) {
		const char *msg = cJSON_GetStringValue(cJSON_GetObjectItem(step, "message"));
		cJSON *line = cJSON_GetObjectItem(step, "line");
		if (!msg || !(strcasestr(msg, "spawned here") || strcasestr(msg, "started here")))
			continue;
		steps_add(out, alloc, finding,
			  cJSON_GetStringValue(cJSON_GetObjectItem(step, "file")),
			  cJSON_IsNumber(line) ? line->valueint : 0);
	}
	cJSON_Delete(path);
}

/* The spawn steps of every open static finding, in one pass. */
static int load_steps(struct tl_store *s, struct steps *out, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s,
		"SELECT f.id, o.path FROM findings f "
		"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id "
		"WHERE f.detection <> 'resolved' AND f.rule <> '" TL_RUNTIME_RULE "' "
		"AND o.path IS NOT NULL ORDER BY f.id", &st, err);
	if (rc)
		return rc;
	size_t alloc = 0;
	memset(out, 0, sizeof(*out));
	while ((rc = tl_step(st)) == TL_STEP_ROW)
		spawn_steps(out, &alloc, tl_col_int64(st, 0), tl_col_text(st, 1));
	tl_finalize(st);
	if (rc != TL_STEP_DONE) {
		steps_free(out);
		return tl_db_fail(s, "cannot read the findings' spawn steps", err);
	}
	return TL_OK;
}

static int exec_bound(struct tl_store *s, const char *sql, int64_t a, int64_t b, int64_t c,
		      char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	/* 0 is 0: OR-ing the results keeps any failure */
	rc = tl_bind_int64(st, 1, a) | tl_bind_int64(st, 2, b) |
	     tl_bind_int64(st, 3, c);
	rc = rc == 0 ? tl_step(st) : rc;
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot store the run-time leaks", err);
}

/* Counts n leaked tasks on finding id for this run (summed when several
 * sites of the run land on it). */
static int mark(struct tl_run_tx *tx, int64_t id, int n, char **err)
{
	return exec_bound(tl_run_store(tx),
		"UPDATE findings SET runtime_tasks = ?3 + CASE WHEN runtime_run = ?2 "
		"THEN runtime_tasks ELSE 0 END, runtime_run = ?2 WHERE id = ?1",
		id, tl_run_id(tx), n, err);
}

static int record(struct tl_run_tx *tx, const struct tl_rt_site *x, int64_t id, int confirmed,
		  char **err)
{
	struct tl_store *s = tl_run_store(tx);
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "INSERT INTO runtime_leaks(run_id, file, line, function, entry, "
			       "api, program, running, finished, finding_id, confirmed) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", &st, err);
	if (rc)
		return rc;
	/* every bind checked: a text too big for SQLite fails the import
	 * instead of being stored as NULL (0 is 0, so OR keeps any
	 * failure) */
	rc = tl_bind_int64(st, 1, tl_run_id(tx)) |
	     tl_bind_text(st, 2, x->file) |
	     tl_bind_int64(st, 3, x->line) |
	     tl_bind_text(st, 4, x->function) |
	     tl_bind_text(st, 5, x->entry) |
	     tl_bind_text(st, 6, x->api) |
	     tl_bind_text(st, 7, x->program) |
	     tl_bind_int64(st, 8, x->running) | tl_bind_int64(st, 9, x->finished) |
	     tl_bind_int64(st, 10, id) | tl_bind_int64(st, 11, confirmed);
	rc = rc == 0 ? tl_step(st) : rc;
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot store the run-time leaks", err);
}

/* The TL101R report of a site no static finding explains. */
static void missed_report(struct tl_import_ctx *ctx, const struct tl_rt_site *x,
			  struct tl_report_set *set)
{
	const struct tl_path_entry *pe = tl_paths_resolve(&ctx->paths, NULL, x->file);
	struct tl_report *r = tl_report_set_add(set);
	struct strbuf m;
	sb_init(&m);
	r->checker = xstrdup(TL_RUNTIME_CHECKER);
	r->file = xstrdup(pe ? pe->rel : x->file);
	r->line = x->line;
	r->function = *x->function ? xstrdup(x->function) : NULL;
	sb_addf(&m, "Task running '%s' was never joined or detached at run time "
		"(%d still running, %d finished, when %s exited)", x->entry, x->running, x->finished,
		*x->program ? x->program : "the program");
	r->message = sb_detach(&m);
	struct tl_step *st = tl_report_add_step(r);
	st->file = xstrdup(r->file);
	st->line = x->line;
	sb_init(&m);
	sb_addf(&m, "Thread running %s spawned here (%s, seen at run time)", x->entry, x->api);
	st->message = sb_detach(&m);
	tl_import_finish(ctx, r, pe ? pe->abs : NULL);
}

static int missed_finding(struct tl_run_tx *tx, struct tl_import_ctx *ctx,
			  const struct tl_rt_site *x, int64_t *id, char **err)
{
	struct tl_report_set set;
	tl_report_set_init(&set);
	missed_report(ctx, x, &set);
	int rc = tl_run_add(tx, &set, err);
	struct tl_stmt *st = NULL;
	if (!rc && !(rc = tl_db_prepare(tl_run_store(tx), "SELECT id FROM findings "
					"WHERE fingerprint = ?1", &st, err))) {
		if (tl_bind_text(st, 1, set.v[0].fingerprint) == 0 &&
		    tl_step(st) == TL_STEP_ROW)
			*id = tl_col_int64(st, 0);
		else
			rc = tl_db_fail(tl_run_store(tx), "cannot read the run-time finding", err);
		tl_finalize(st);
	}
	tl_report_set_clear(&set);
	return rc;
}

/* One site: confirms the findings whose spawn step it is, or adds its
 * TL101R finding. */
static int add_site(struct tl_run_tx *tx, struct tl_import_ctx *ctx, const struct steps *steps,
		    const struct tl_rt_site *x, struct tl_rt_outcome *out, char **err)
{
	const struct tl_path_entry *pe = tl_paths_resolve(&ctx->paths, NULL, x->file);
	const char *rel = pe ? pe->rel : x->file;
	int n = x->running + x->finished, matched = 0, rc = TL_OK;
	int64_t last = 0;
	for (size_t i = 0; i < steps->n && !rc; i++) {
		const struct spawn_step *sp = &steps->v[i];
		if (sp->line != x->line || sp->finding == last ||
		    !(tl_rt_same_file(sp->file, rel) || tl_rt_same_file(sp->file, x->file)))
			continue;
		last = sp->finding; /* a finding's path may name its spawn twice */
		matched++;
		if (!(rc = mark(tx, sp->finding, n, err)))
			rc = record(tx, x, sp->finding, 1, err);
	}
	if (rc)
		return rc;
	out->sites++;
	if (matched) {
		out->confirmed++;
		out->findings += matched;
		return TL_OK;
	}
	int64_t id = 0;
	if ((rc = missed_finding(tx, ctx, x, &id, err)) || (rc = mark(tx, id, n, err)))
		return rc;
	out->missed++;
	return record(tx, x, id, 0, err);
}

int tl_run_add_runtime(struct tl_run_tx *tx, struct tl_import_ctx *ctx,
		       const struct tl_rt_set *leaks, struct tl_rt_outcome *out, char **err)
{
	struct steps steps = { NULL, 0 };
	memset(out, 0, sizeof(*out));
	int rc = load_steps(tl_run_store(tx), &steps, err);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < leaks->n; i++)
		rc = add_site(tx, ctx, &steps, &leaks->v[i], out, err);
	steps_free(&steps);
	return rc;
}
