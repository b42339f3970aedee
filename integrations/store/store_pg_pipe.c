/*
 * store_pg_pipe.c - libpq's pipeline mode for writes nobody reads the
 * result of (store_pg.h).
 *
 * An import stores a finding and its occurrence per report: over a
 * socket each statement is a round trip, which costs more than the
 * statement itself. Inside a writing transaction, an INSERT or UPDATE
 * without RETURNING is only sent; the next statement that returns rows is
 * sent behind it with a sync, and one round trip brings all their results.
 * A failure of a sent write comes back there (the rest of the pipeline is
 * aborted by the server), so it is reported by that statement, and the
 * transaction rolls back as it would have. Anything else (PQexec, PQprepare,
 * DEALLOCATE, COMMIT) first reads what is pending and leaves pipeline mode.
 */
#include "store_pg.h"
#include "store_int.h"

#include <libpq-fe.h>
#include "libpq_calls.h" /* after libpq-fe.h: PQ*() through the table */
#include <stdlib.h>

/* Results read before the send buffer or the server's output could fill
 * (both sides would wait on each other). */
#define MAX_PENDING 1000

static int enter(struct tl_store *s)
{
	if (s->pg->pipeline)
		return 0;
	if (!PQenterPipelineMode(s->pg->conn))
		return TL_STEP_FAIL;
	s->pg->pipeline = 1;
	return 0;
}

/* Reads the results of the pending statements; rc keeps the first failure. */
static int read_pending(struct tl_store *s, int rc)
{
	for (; s->pg->pending > 0; s->pg->pending--) {
		PGresult *res, *last = NULL;
		while ((res = PQgetResult(s->pg->conn))) {
			PQclear(last);
			last = res;
		}
		if (!rc && PQresultStatus(last) != PGRES_PIPELINE_ABORTED)
			rc = tl_pg_result_rc(s, last);
		PQclear(last);
	}
	return rc;
}

/* Reads up to and including the sync's marker. */
static int read_sync(struct tl_store *s, int rc)
{
	PGresult *res = PQgetResult(s->pg->conn);
	if (!rc && PQresultStatus(res) != PGRES_PIPELINE_SYNC && !(rc = tl_pg_result_rc(s, res)))
		rc = tl_pg_result_rc(s, NULL); /* not the marker: the connection's error */
	PQclear(res);
	return rc;
}

int tl_pg_pipe_flush(struct tl_store *s)
{
	if (!s->pg->pipeline)
		return 0;
	int rc = PQpipelineSync(s->pg->conn) ? 0 : TL_STEP_FAIL;
	rc = read_sync(s, read_pending(s, rc));
	if (!PQexitPipelineMode(s->pg->conn) && !rc)
		rc = tl_pg_result_rc(s, NULL);
	s->pg->pipeline = 0;
	return rc;
}

int tl_pg_pipe_send(struct tl_stmt *st)
{
	struct tl_store *s = st->s;
	if (s->pg->pending >= MAX_PENDING) {
		int rc = tl_pg_pipe_flush(s);
		if (rc)
			return rc;
	}
	if (enter(s) || !PQsendQueryPrepared(s->pg->conn, st->name, st->nparams,
					     (const char *const *)st->params, NULL, NULL, 0))
		return tl_pg_result_rc(s, NULL);
	s->pg->pending++;
	s->changes = 1;
	return TL_STEP_DONE;
}

/* Sends st: by name, or its text when it is planned at each run. */
static int send(struct tl_stmt *st)
{
	const char *const *v = (const char *const *)st->params;
	if (st->text)
		return PQsendQueryParams(st->s->pg->conn, st->text, st->nparams, st->types, v, NULL,
					 NULL, 0);
	return PQsendQueryPrepared(st->s->pg->conn, st->name, st->nparams, v, NULL, NULL, 0);
}

PGresult *tl_pg_pipe_exec(struct tl_stmt *st, int *rc)
{
	struct tl_store *s = st->s;
	*rc = 0;
	if (!s->pg->pipeline && st->text)
		return PQexecParams(s->pg->conn, st->text, st->nparams, st->types,
				    (const char *const *)st->params, NULL, NULL, 0);
	if (!s->pg->pipeline)
		return PQexecPrepared(s->pg->conn, st->name, st->nparams,
				      (const char *const *)st->params, NULL, NULL, 0);
	if (!send(st) || !PQpipelineSync(s->pg->conn))
		return NULL; /* the caller reports the connection's error */
	*rc = read_pending(s, 0);
	PGresult *res = NULL, *r;
	while ((r = PQgetResult(s->pg->conn))) {
		PQclear(res);
		res = r;
	}
	if (*rc) { /* an earlier write failed: that is the error to report */
		PQclear(res);
		res = NULL;
	}
	*rc = read_sync(s, *rc);
	return res;
}
