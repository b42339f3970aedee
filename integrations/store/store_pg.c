/*
 * store_pg.c - the PostgreSQL backend (store_pg.h) through libpq.
 *
 * Statements are prepared once under a name and run with text parameters;
 * a result is read whole, then row by row. Writers serialize on one
 * transaction-scoped advisory lock (tl_pg_begin_write): an import is one
 * transaction that reads the findings' state and resolves what it did not
 * see, so two imports running side by side would each resolve the other's
 * findings; SERIALIZABLE would refuse one of them after minutes of work.
 * Queuing on the lock gives what SQLite's single writer gives, with the
 * same timeout (TASKLEAK_BUSY_TIMEOUT_MS, as lock_timeout). Readers never
 * wait.
 */
#include "store_pg.h"
#include "store_int.h"
#include "dialect.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <libpq-fe.h>
#include "libpq_calls.h" /* after libpq-fe.h: PQ*() through the table */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock key of a store's writers: "taskleak" in ASCII. */
#define WRITE_LOCK "8387236825053623659"

int tl_pg_is_url(const char *path)
{
	return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

/* Drops "password=..." from a query string at q ('?' included). */
static void redact_query(struct strbuf *out, const char *q)
{
	char sep = '?';
	while (*q) {
		q++; /* '?' or '&' */
		size_t n = strcspn(q, "&");
		if (strncmp(q, "password=", 9)) {
			sb_addc(out, sep);
			sb_add(out, q, n);
			sep = '&';
		}
		q += n;
	}
}

char *tl_pg_redact(const char *url)
{
	struct strbuf out;
	const char *auth = strstr(url, "://") + 3;
	size_t end = strcspn(auth, "/?");
	const char *at = memchr(auth, '@', end), *colon;
	sb_init(&out);
	sb_add(&out, url, (size_t)(auth - url));
	if (at && (colon = memchr(auth, ':', (size_t)(at - auth))))
		sb_add(&out, auth, (size_t)(colon - auth)), sb_add(&out, at, end - (size_t)(at - auth));
	else
		sb_add(&out, auth, end);
	const char *rest = auth + end, *q = strchr(rest, '?');
	sb_add(&out, rest, q ? (size_t)(q - rest) : strlen(rest));
	if (q)
		redact_query(&out, q);
	return sb_detach(&out);
}

/* Keeps msg's first line as the error, with the password blanked. */
static void set_error(struct tl_pg *pg, const char *msg, const char *password)
{
	struct strbuf e;
	size_t plen = password ? strlen(password) : 0;
	sb_init(&e);
	for (const char *p = msg ? msg : "unknown error"; *p && *p != '\n';) {
		if (plen && !strncmp(p, password, plen)) {
			sb_adds(&e, "***");
			p += plen;
		} else {
			sb_addc(&e, *p++);
		}
	}
	free(pg->error);
	pg->error = sb_detach(&e);
}

static void no_notices(void *arg, const char *message)
{
	(void)arg, (void)message; /* the library never prints */
}

static char *conn_password(PGconn *conn)
{
	char *pw = NULL;
	PQconninfoOption *opts = PQconninfo(conn);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && *o->val)
			pw = xstrdup(o->val);
	PQconninfoFree(opts);
	return pw;
}

int tl_pg_connect(struct tl_store *s, const char *url, char **err)
{
	int rc = tl_libpq_load(TL_LIBPQ_SONAME, err);
	if (rc)
		return rc;
	s->pg = xcalloc(1, sizeof(*s->pg));
	s->pg->conn = PQconnectdb(url);
	if (!s->pg->conn)
		return tl_error(err, TL_E_NOMEM, "%s: out of memory", s->path);
	PQsetNoticeProcessor(s->pg->conn, no_notices, NULL);
	if (PQstatus(s->pg->conn) != CONNECTION_OK) {
		char *pw = conn_password(s->pg->conn);
		set_error(s->pg, PQerrorMessage(s->pg->conn), pw);
		free(pw);
		return tl_error(err, TL_E_DB, "%s: cannot connect to the PostgreSQL server: %s",
				s->path, s->pg->error);
	}
	/* no SET client_min_messages here: notices are dropped by
	 * no_notices, and every statement at open is a round trip (list and
	 * diff have 50 ms in all) */
	return TL_OK;
}

void tl_pg_close(struct tl_store *s)
{
	if (!s->pg)
		return;
	PQfinish(s->pg->conn);
	free(s->pg->error);
	free(s->pg);
	s->pg = NULL;
}

const char *tl_pg_error(struct tl_store *s)
{
	return s->pg->error ? s->pg->error : PQerrorMessage(s->pg->conn);
}

int tl_pg_result_rc(struct tl_store *s, PGresult *res)
{
	ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
		return 0;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	set_error(s->pg, primary ? primary : PQerrorMessage(s->pg->conn), NULL);
	if (state && !strncmp(state, "23", 2))
		return TL_STEP_CONSTRAINT; /* integrity constraint violation */
	if (state && !strcmp(state, "54000"))
		return TL_STEP_TOOBIG; /* program limit exceeded */
	return TL_STEP_FAIL;
}

int tl_pg_exec(struct tl_store *s, const char *sql, int ddl)
{
	int rc = tl_pg_pipe_flush(s);
	if (rc && strcmp(sql, "ROLLBACK"))
		return rc; /* a pending write failed: the transaction is lost */
	char *q = tl_sql_to_pg(sql, ddl ? TL_SQL_DDL : 0, NULL);
	PGresult *res = PQexec(s->pg->conn, q);
	rc = tl_pg_result_rc(s, res);
	if (!strncmp(q, "COMMIT", 6) || !strncmp(q, "ROLLBACK", 8))
		s->pg->writing = 0;
	PQclear(res);
	free(q);
	return rc;
}

int tl_pg_begin_write(struct tl_store *s)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "BEGIN; SET LOCAL lock_timeout = %d; "
		 "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", tl_busy_timeout_ms());
	int rc = tl_pg_exec(s, sql, 0);
	if (rc)
		tl_pg_exec(s, "ROLLBACK", 0);
	else
		s->pg->writing = 1;
	return rc;
}

int tl_pg_in_tx(struct tl_store *s)
{
	return PQtransactionStatus(s->pg->conn) != PQTRANS_IDLE;
}

/* The highest $N in sql: how many parameters a run of it sends. A
 * parameter the statement does not use (list without --rule binds only
 * ?3) is declared text, as PostgreSQL cannot infer its type; *types is
 * malloc'ed, 0 where the server infers. */
static int count_params(const char *sql, Oid **types)
{
	int n = 0;
	for (const char *p = sql; (p = strchr(p, '$'));) {
		int k = (int)strtol(p + 1, (char **)&p, 10);
		if (k > n)
			n = k;
	}
	*types = xcalloc((size_t)n + 1, sizeof(**types));
	for (int k = 1; k <= n; k++)
		(*types)[k - 1] = 25; /* text */
	for (const char *p = sql; (p = strchr(p, '$'));) {
		int k = (int)strtol(p + 1, (char **)&p, 10);
		if (k > 0)
			(*types)[k - 1] = 0;
	}
	return n;
}

int tl_pg_prepare(struct tl_store *s, const char *sql, struct tl_stmt *st)
{
	Oid *types;
	char *q = tl_sql_to_pg(sql, 0, &st->returning_id);
	snprintf(st->name, sizeof(st->name), "tl%u", ++s->pg->seq);
	st->nparams = count_params(q, &types);
	st->params = xcalloc((size_t)st->nparams + 1, sizeof(*st->params));
	st->deferrable = !st->returning_id && !strstr(q, "RETURNING") &&
			 (!strncmp(q, "INSERT", 6) || !strncmp(q, "UPDATE", 6));
	/* A read inside a writing transaction is planned at each run, from
	 * its text: the run fills the tables it reads, and a generic plan
	 * made while findings was nearly empty (a seq scan, after five runs)
	 * stayed one at 100,000 rows. (plan_cache_mode = force_custom_plan
	 * would do it for every statement, the foreign-key checks' too: a
	 * COPY then costs several times the CPU.) */
	if (s->pg->writing && !strncmp(q, "SELECT", 6)) {
		st->text = q;
		st->types = types;
		st->name[0] = '\0'; /* nothing to deallocate */
		return 0;
	}
	int rc = tl_pg_pipe_flush(s);
	if (rc) {
		free(types);
		free(q);
		return rc;
	}
	PGresult *res = PQprepare(s->pg->conn, st->name, q, st->nparams, types);
	rc = tl_pg_result_rc(s, res);
	PQclear(res);
	free(types);
	free(q);
	if (rc)
		st->name[0] = '\0'; /* nothing to deallocate */
	return rc;
}

int tl_pg_bind(struct tl_stmt *st, int i, const char *v)
{
	if (i < 1 || i > st->nparams)
		return TL_STEP_FAIL;
	free(st->params[i - 1]);
	st->params[i - 1] = v ? xstrdup(v) : NULL;
	return 0;
}

static int run(struct tl_stmt *st)
{
	struct tl_store *s = st->s;
	PQclear(st->res);
	st->res = NULL;
	st->ran = 1;
	st->row = -1;
	st->nrows = 0;
	if (st->deferrable && s->pg->writing)
		return tl_pg_pipe_send(st);
	int rc;
	st->res = tl_pg_pipe_exec(st, &rc);
	if (rc || (rc = tl_pg_result_rc(s, st->res)))
		return rc;
	s->changes = atoi(PQcmdTuples(st->res));
	if (PQresultStatus(st->res) != PGRES_TUPLES_OK)
		return TL_STEP_DONE;
	if (st->returning_id) { /* an INSERT, whose id the dialect returned */
		s->last_id = PQntuples(st->res) ? strtoll(PQgetvalue(st->res, 0, 0), NULL, 10) : 0;
		return TL_STEP_DONE;
	}
	st->nrows = PQntuples(st->res);
	return TL_STEP_ROW;
}

int tl_pg_step(struct tl_stmt *st)
{
	if (!st->ran) {
		int rc = run(st);
		if (rc != TL_STEP_ROW)
			return rc;
	}
	if (st->row + 1 >= st->nrows)
		return TL_STEP_DONE;
	st->row++;
	return TL_STEP_ROW;
}

void tl_pg_reset(struct tl_stmt *st)
{
	st->ran = 0;
}

void tl_pg_finalize(struct tl_stmt *st)
{
	PQclear(st->res);
	for (int i = 0; i < st->nparams; i++)
		free(st->params[i]);
	free(st->params);
	free(st->text);
	free(st->types);
	if (st->name[0] && !tl_pg_pipe_flush(st->s) &&
	    PQtransactionStatus(st->s->pg->conn) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(st->s->pg->conn, sql));
	}
}

const char *tl_pg_col_text(struct tl_stmt *st, int i)
{
	if (!st->res || st->row < 0 || PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

int tl_pg_col_count(struct tl_stmt *st)
{
	return st->res ? PQnfields(st->res) : 0;
}

const char *tl_pg_col_name(struct tl_stmt *st, int i)
{
	return st->res ? PQfname(st->res, i) : NULL;
}

/* One integer from a query without parameters; *found 0 when NULL or no row. */
static int query_int(struct tl_store *s, const char *sql, long long *out, int *found)
{
	int rc = tl_pg_pipe_flush(s);
	*found = 0;
	if (rc)
		return rc;
	PGresult *res = PQexec(s->pg->conn, sql);
	rc = tl_pg_result_rc(s, res);
	*found = !rc && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0);
	if (*found)
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* Outside a transaction, the version in one round trip: a missing table
 * (SQLSTATE 42P01) is a store never migrated, version 0. */
static int direct_version(struct tl_store *s, int *v)
{
	PGresult *res = PQexec(s->pg->conn, "SELECT version FROM taskleak_schema");
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	int rc = 0;
	*v = 0;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) && !PQgetisnull(res, 0, 0)) {
		long long n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		*v = n < -1 || n > 1000000 ? -1 : (int)n;
	} else if (PQresultStatus(res) != PGRES_TUPLES_OK && !(state && !strcmp(state, "42P01"))) {
		rc = tl_pg_result_rc(s, res);
	}
	PQclear(res);
	return rc;
}

int tl_pg_schema_version(struct tl_store *s, int *v)
{
	long long n = 0, exists = 0;
	if (!tl_pg_in_tx(s) && !s->pg->pipeline)
		return direct_version(s, v);
	/* in a migration's transaction, where a failed statement would abort
	 * it: the catalog read as a table (a fresh snapshot): a name lookup
	 * such as to_regclass can miss a table another migrator just made */
	int found, rc = query_int(s, "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = "
				  "'taskleak_schema' AND schemaname = current_schema()", &exists, &found);
	*v = 0;
	if (rc || !found)
		return rc;
	rc = query_int(s, "SELECT version FROM taskleak_schema", &n, &found);
	if (!rc && found)
		*v = n < -1 || n > 1000000 ? -1 : (int)n;
	return rc;
}

int tl_pg_set_schema_version(struct tl_store *s, int v)
{
	char sql[200];
	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS taskleak_schema(version INTEGER NOT NULL); "
		 "DELETE FROM taskleak_schema; INSERT INTO taskleak_schema VALUES (%d)", v);
	int rc = tl_pg_pipe_flush(s);
	if (rc)
		return rc;
	PGresult *res = PQexec(s->pg->conn, sql);
	rc = tl_pg_result_rc(s, res);
	PQclear(res);
	return rc;
}

/* diff's adjacent case selects a run's new or resolved occurrences by
 * (run_id, status): taken as independent, the planner expects a third of
 * a run's rows (run 1 is all 'new') instead of the few changed ones, and
 * joins whole tables: 593 ms instead of 20 ms at 100,000 findings
 * (docs/eval/issue18-postgres.md). Their joint frequencies (ANALYZE and
 * autovacuum fill them) tell it. PostgreSQL only, so not a migration. */
#define JOINT_STATS "CREATE STATISTICS IF NOT EXISTS occurrences_run_status (mcv) " \
	"ON run_id, status FROM occurrences"

int tl_pg_ids_copied(struct tl_store *s)
{
	static const char *const tables[] = { "runs", "files", "findings", "triage_events" };
	if (tl_pg_pipe_flush(s))
		return TL_STEP_FAIL;
	PGresult *stats = PQexec(s->pg->conn, JOINT_STATS);
	int src = tl_pg_result_rc(s, stats);
	PQclear(stats);
	if (src)
		return src;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char sql[200];
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
			 "coalesce(max(id), 0) + 1, false) FROM %s", tables[i], tables[i]);
		PGresult *res = PQexec(s->pg->conn, sql);
		int rc = tl_pg_result_rc(s, res);
		PQclear(res);
		if (rc)
			return rc;
	}
	return 0;
}

/* A run that grew occurrences by a tenth (autovacuum's own threshold) is
 * analysed before it commits: list and diff, run right after an import
 * (as CI does), otherwise planned on statistics from before it; at 1M
 * findings diff took 595 ms on a seq-scan plan and 44 ms after ANALYZE
 * (docs/eval/issue18-postgres.md). This transaction's own rows are
 * counted (pg_stat_xact_*) and sampled. */
#define ANALYZE_IF_GROWN "DO $$ BEGIN IF (SELECT x.n_tup_ins + x.n_tup_upd > " \
	"50 + 0.1 * greatest(c.reltuples, 0) FROM pg_stat_xact_user_tables x " \
	"JOIN pg_class c ON c.oid = x.relid WHERE x.relid = 'occurrences'::regclass) " \
	"THEN ANALYZE findings, occurrences; END IF; END $$"

int tl_pg_analyze_grown(struct tl_store *s)
{
	if (tl_pg_pipe_flush(s))
		return TL_STEP_FAIL;
	PGresult *res = PQexec(s->pg->conn, ANALYZE_IF_GROWN);
	int rc = tl_pg_result_rc(s, res);
	PQclear(res);
	return rc;
}

int tl_pg_copy(struct tl_store *s, const char *copy, const char *rows, size_t len)
{
	int rc = tl_pg_pipe_flush(s);
	if (rc)
		return rc;
	PGresult *res = PQexec(s->pg->conn, copy);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = tl_pg_result_rc(s, res);
		PQclear(res);
		return rc ? rc : TL_STEP_FAIL;
	}
	PQclear(res);
	/* libpq sends large buffers itself; one call per megabyte keeps the
	 * int length in range */
	for (size_t off = 0; off < len;) {
		size_t n = len - off < (1u << 20) ? len - off : (1u << 20);
		if (PQputCopyData(s->pg->conn, rows + off, (int)n) != 1)
			break;
		off += n;
	}
	PQputCopyEnd(s->pg->conn, NULL);
	rc = 0;
	while ((res = PQgetResult(s->pg->conn))) { /* the COPY's result, then NULL */
		if (!rc)
			rc = tl_pg_result_rc(s, res);
		PQclear(res);
	}
	return rc;
}
