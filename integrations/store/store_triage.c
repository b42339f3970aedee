/*
 * store_triage.c - triage status changes, each with its event, in one
 * transaction. The status lives on the finding (keyed by fingerprint), so
 * it holds in every later run.
 */
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdio.h>
#include <string.h>

static const char *const statuses[] = {
	"unreviewed", "confirmed", "false-positive", "intentional", "wont-fix",
};

int tl_triage_valid(const char *status)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (!strcmp(status, statuses[i]))
			return 1;
	return 0;
}

int tl_triage_suppresses(const char *status)
{
	return !strcmp(status, "false-positive") || !strcmp(status, "intentional") ||
	       !strcmp(status, "wont-fix");
}

int tl_store_triage(struct tl_store *s, int64_t id, const char *to, const char *note,
		    const char *by, char **from, char **err)
{
	struct tl_stmt *sel = NULL, *upd = NULL, *ev = NULL;
	int rc;
	char old[32] = "";
	if (!tl_triage_valid(to))
		return tl_error(err, TL_E_USAGE, "unknown triage status '%s'", to);
	if ((rc = tl_db_begin_write(s, err)))
		return rc;
	if ((rc = tl_db_prepare(s, "SELECT triage FROM findings WHERE id = ?1", &sel, err)) ||
	    (rc = tl_db_prepare(s, "UPDATE findings SET triage = ?2, triage_note = ?3, "
				"triage_in_source = 0 WHERE id = ?1", &upd, err)) ||
	    (rc = tl_db_prepare(s, "INSERT INTO triage_events(finding_id, at, by, from_status, "
				"to_status, note) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
				"?2, ?3, ?4, ?5)", &ev, err)))
		goto out;
	if (tl_bind_int64(sel, 1, id) != 0) {
		rc = tl_db_fail(s, "cannot bind a query parameter", err);
		goto out;
	}
	if (tl_step(sel) != TL_STEP_ROW) {
		rc = tl_error(err, TL_E_NOTFOUND, "no finding %lld in %s", (long long)id, s->path);
		goto out;
	}
	snprintf(old, sizeof(old), "%s", tl_col_text(sel, 0));
	/* every bind checked: a note over SQLite's length limit would else be
	 * stored as NULL (issue 13) */
	int bound = tl_bind_int64(upd, 1, id) | tl_bind_text(upd, 2, to) |
		    (note ? tl_bind_text(upd, 3, note) : 0) |
		    tl_bind_int64(ev, 1, id) | tl_bind_text(ev, 2, by) |
		    tl_bind_text(ev, 3, old) |
		    tl_bind_text(ev, 4, to) |
		    (note ? tl_bind_text(ev, 5, note) : 0);
	if (bound != 0) {
		rc = tl_error(err, TL_E_USAGE, "%s: cannot record the triage: the note or name is "
			      "larger than the database allows", s->path);
		goto out;
	}
	if (tl_step(upd) != TL_STEP_DONE || tl_step(ev) != TL_STEP_DONE) {
		rc = tl_db_fail(s, "cannot record the triage", err);
		goto out;
	}
out:
	tl_finalize(sel);
	tl_finalize(upd);
	tl_finalize(ev);
	if (rc) {
		tl_db_exec_quiet(s, "ROLLBACK");
		return rc;
	}
	if ((rc = tl_db_exec(s, "COMMIT", err)))
		return rc;
	if (from)
		*from = xstrdup(old);
	return TL_OK;
}
