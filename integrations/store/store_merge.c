/*
 * store_merge.c - shard runs: reading, checking, copying (store_merge.h).
 */
#include "store_merge.h"
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 512 /* occurrences handed to the run at a time */

static char *dup_col(struct tl_stmt *st, int i)
{
	return tl_col_null(st, i) ? NULL : xstrdup(tl_col_text(st, i));
}

int tl_shard_run_read(struct tl_store *s, struct tl_shard_run *out, char **err)
{
	struct tl_stmt *st;
	memset(out, 0, sizeof(*out));
	out->db = s->path;
	int rc = tl_db_prepare(s, "SELECT id, name, root, tool, units_hash, shard_index, "
			       "shard_count, units_total, units_analyzed FROM runs "
			       "WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1", &st, err);
	if (rc)
		return rc;
	rc = tl_step(st);
	if (rc == TL_STEP_ROW) {
		out->run_id = tl_col_int64(st, 0);
		out->name = dup_col(st, 1);
		out->root = dup_col(st, 2);
		out->tool = dup_col(st, 3);
		out->units_hash = dup_col(st, 4);
		out->index = tl_col_int(st, 5);
		out->count = tl_col_int(st, 6);
		out->units_total = (long)tl_col_int64(st, 7);
		out->units = (long)tl_col_int64(st, 8);
	}
	tl_finalize(st);
	if (rc == TL_STEP_DONE)
		return tl_error(err, TL_E_NOTFOUND, "%s: no finished run to merge", s->path);
	if (rc != TL_STEP_ROW)
		return tl_db_fail(s, "cannot read runs", err);
	if (out->count < 1 || !out->units_hash)
		return tl_error(err, TL_E_INPUT, "%s: run '%s' is not a shard (made by "
				"'taskleak scan --shard I/N')", s->path, out->name);
	return TL_OK;
}

void tl_shard_run_free(struct tl_shard_run *r)
{
	free(r->name); free(r->root); free(r->tool); free(r->units_hash);
	memset(r, 0, sizeof(*r));
}

/* The first shard that disagrees with v[0] on what was split, or n. */
static size_t mismatch(const struct tl_shard_run *v, size_t n, const char **what)
{
	for (size_t i = 1; i < n; i++) {
		if (v[i].count != v[0].count)
			*what = "different shard counts";
		else if (strcmp(v[i].units_hash, v[0].units_hash) || v[i].units_total != v[0].units_total)
			*what = "different compilation databases";
		else if (strcmp(v[i].root, v[0].root))
			*what = "different project roots";
		else
			continue;
		return i;
	}
	return n;
}

int tl_shard_runs_check(const struct tl_shard_run *v, size_t n, char **err)
{
	const char *what = NULL;
	size_t bad = mismatch(v, n, &what);
	if (!n)
		return tl_error(err, TL_E_USAGE, "no shard databases to merge");
	if (bad < n)
		return tl_error(err, TL_E_INPUT, "%s (shard %d/%d of %ld units, root %s) and %s "
				"(shard %d/%d of %ld units, root %s) are shards of different scans: %s",
				v[0].db, v[0].index, v[0].count, v[0].units_total, v[0].root,
				v[bad].db, v[bad].index, v[bad].count, v[bad].units_total,
				v[bad].root, what);
	int count = v[0].count;
	const struct tl_shard_run **seen = xcalloc((size_t)count + 1, sizeof(*seen));
	int rc = TL_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		if (seen[v[i].index])
			rc = tl_error(err, TL_E_INPUT, "%s and %s are both shard %d/%d",
				      seen[v[i].index]->db, v[i].db, v[i].index, count);
		seen[v[i].index] = &v[i];
	}
	for (int k = 1; k <= count && !rc; k++)
		if (!seen[k])
			rc = tl_error(err, TL_E_INPUT, "shard %d/%d is missing (%zu of %d shard "
				      "databases given)", k, count, n, count);
	free(seen);
	return rc;
}

/* One stored occurrence as the report that produced it. */
static void to_report(struct tl_stmt *st, struct tl_report *r)
{
	snprintf(r->fingerprint, sizeof(r->fingerprint), "%s", tl_col_text(st, 0));
	r->rule = dup_col(st, 1);
	r->checker = dup_col(st, 2);
	r->file = dup_col(st, 3);
	r->line = tl_col_int(st, 4);
	r->col = tl_col_int(st, 5);
	r->function = dup_col(st, 6);
	r->message = dup_col(st, 7);
	r->issue_hash = dup_col(st, 8);
	r->path_json = dup_col(st, 9);
	r->reports = tl_col_int(st, 10);
	r->suppressed = tl_col_int(st, 11);
	if (r->suppressed)
		r->suppress_reason = dup_col(st, 12);
}

int tl_run_add_stored(struct tl_run_tx *tx, struct tl_store *s, int64_t run_id, char **err)
{
	struct tl_stmt *st;
	struct tl_report_set set;
	/* a finding's in-source flag is current for the runs that saw it */
	int rc = tl_db_prepare(s,
		"SELECT f.fingerprint, f.rule, f.checker, fi.path, o.line, o.col, f.function, "
		"o.message, o.issue_hash, o.path, o.reports, "
		"CASE WHEN f.triage_in_source <> 0 AND f.triage = 'intentional' THEN 1 ELSE 0 END, "
		"f.triage_note "
		"FROM occurrences o JOIN findings f ON f.id = o.finding_id "
		"JOIN files fi ON fi.id = f.file_id "
		"WHERE o.run_id = ?1 AND o.status <> 'resolved' ORDER BY f.id", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, run_id), err)))
		return rc;
	tl_report_set_init(&set);
	int step;
	while ((step = tl_step(st)) == TL_STEP_ROW) {
		to_report(st, tl_report_set_add(&set));
		if (set.n < BATCH)
			continue;
		if ((rc = tl_run_add(tx, &set, err)))
			break;
		tl_report_set_truncate(&set, 0);
	}
	if (!rc && step != TL_STEP_DONE)
		rc = tl_db_fail(s, "cannot read the shard's occurrences", err);
	if (!rc)
		rc = tl_run_add(tx, &set, err);
	tl_report_set_clear(&set);
	tl_finalize(st);
	return rc;
}
