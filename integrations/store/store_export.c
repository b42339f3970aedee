/*
 * store_export.c - read queries for export (see store_export.h): one
 * run's record and its occurrences.
 */
#include "store_export.h"
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdlib.h>
#include <string.h>

int tl_store_run_meta(struct tl_store *s, int64_t id, struct tl_run_meta *out, char **err)
{
	struct tl_stmt *st;
	memset(out, 0, sizeof(*out));
	int rc = tl_db_prepare(s, "SELECT id, name, root, tool, source, command, started_at, "
			       "finished_at FROM runs WHERE id = ?1", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, id), err)))
		return rc;
	rc = tl_step(st);
	if (rc == TL_STEP_ROW) {
		out->id = tl_col_int64(st, 0);
		out->name = xstrdup(tl_col_text(st, 1));
		out->root = xstrdup(tl_col_text(st, 2));
		out->tool = xstrdup(tl_col_text(st, 3));
		out->source = xstrdup(tl_col_text(st, 4));
		out->command = xstrdup(tl_col_text(st, 5));
		out->started_at = xstrdup(tl_col_text(st, 6));
		out->finished_at = xstrdup(tl_col_text(st, 7));
	}
	tl_finalize(st);
	if (rc == TL_STEP_DONE)
		return tl_error(err, TL_E_NOTFOUND, "no run %lld in %s", (long long)id, s->path);
	if (rc != TL_STEP_ROW)
		return tl_db_fail(s, "cannot read runs", err);
	return TL_OK;
}

void tl_run_meta_free(struct tl_run_meta *m)
{
	free(m->name); free(m->root); free(m->tool); free(m->source);
	free(m->command); free(m->started_at); free(m->finished_at);
	memset(m, 0, sizeof(*m));
}

int tl_store_occurrences(struct tl_store *s, int64_t id, tl_occurrence_fn fn, void *arg,
			 char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s,
		"SELECT f.fingerprint, f.rule, f.checker, fi.path, o.line, o.col, f.function, "
		"o.message, o.status, f.triage, f.triage_note, f.triage_in_source, o.issue_hash, "
		"o.path, f.runtime_tasks FROM occurrences o JOIN findings f ON f.id = o.finding_id "
		"JOIN files fi ON fi.id = f.file_id "
		"WHERE o.run_id = ?1 AND o.status <> 'resolved' ORDER BY f.id", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, id), err)))
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		struct tl_occurrence_row r = {
			tl_col_text(st, 0), tl_col_text(st, 1), tl_col_text(st, 2),
			tl_col_text(st, 3), tl_col_int(st, 4), tl_col_int(st, 5),
			tl_col_text(st, 6), tl_col_text(st, 7), tl_col_text(st, 8),
			tl_col_text(st, 9), tl_col_text(st, 10), tl_col_int(st, 11),
			tl_col_text(st, 12), tl_col_text(st, 13), tl_col_int(st, 14),
		};
		if (fn(arg, &r)) {
			rc = TL_STEP_DONE;
			break;
		}
	}
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot read occurrences", err);
}
