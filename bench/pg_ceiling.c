/*
 * pg_ceiling.c - the raw PostgreSQL ceilings of import_bench --pg: the
 * rows bench_row() describes, written with nothing parsed or looked up,
 * into the schema taskleak makes, in one transaction:
 *   prepared: a prepared INSERT per row, the way an import writes: a
 *             finding's id comes back with RETURNING, its occurrence is
 *             sent in pipeline mode and its result read in the next
 *             finding's round trip (store_pg_pipe.c), so both sides make
 *             one round trip per row;
 *   COPY:     the same rows streamed with COPY FROM STDIN, ids assigned
 *             here, the fastest PostgreSQL takes rows at all.
 */
#include "pg_ceiling.h"
#include "bench_util.h"
#include "common/strbuf.h"
#include "store/store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static PGconn *connect_schema(const char *url)
{
	struct tl_store *s;
	char *err = NULL;
	if (tl_store_open(url, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err)) {
		fprintf(stderr, "import_bench: %s\n", err);
		exit(1);
	}
	tl_store_close(s);
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "import_bench: %s", PQerrorMessage(c));
		exit(1);
	}
	return c;
}

static PGresult *ok(PGconn *c, PGresult *res, const char *what)
{
	ExecStatusType t = PQresultStatus(res);
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && t != PGRES_COPY_IN) {
		fprintf(stderr, "import_bench: %s: %s", what, PQerrorMessage(c));
		exit(1);
	}
	return res;
}

static void exec(PGconn *c, const char *sql)
{
	PQclear(ok(c, PQexec(c, sql), sql));
}

static void prepare(PGconn *c, const char *name, const char *sql)
{
	PQclear(ok(c, PQprepare(c, name, sql, 0, NULL), name));
}

/* Reads one statement's results in pipeline mode; its first value. */
static long long result(PGconn *c, const char *name)
{
	PGresult *res, *last = NULL;
	while ((res = PQgetResult(c))) {
		PQclear(last);
		last = ok(c, res, name);
	}
	long long id = last && PQntuples(last) ? atoll(PQgetvalue(last, 0, 0)) : 0;
	PQclear(last);
	return id;
}

/* Runs a prepared statement behind the pending ones (pending: 0 or 1),
 * in one round trip; the first column of its first row, if any. */
static long long run(PGconn *c, const char *name, int n, const char *const *v, int *pending)
{
	if (!PQsendQueryPrepared(c, name, n, v, NULL, NULL, 0) || !PQpipelineSync(c))
		ok(c, NULL, name);
	for (; *pending; (*pending)--)
		result(c, "occ");
	long long id = result(c, name);
	PGresult *sync = PQgetResult(c);
	if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC)
		ok(c, NULL, "sync");
	PQclear(sync);
	return id;
}

double pg_raw_prepared(const char *url, long n)
{
	PGconn *c = connect_schema(url);
	double t0 = now_s();
	exec(c, "BEGIN");
	exec(c, "INSERT INTO runs(name, started_at, root, source) VALUES ('raw', 'now', '/', 'import')");
	prepare(c, "file", "INSERT INTO files(path) VALUES ($1) RETURNING id");
	prepare(c, "fin", "INSERT INTO findings(fingerprint, rule, checker, file_id, function, "
		"first_run, last_run, detection) VALUES ($1, $2, $2, $3, $4, 1, 1, 'new') RETURNING id");
	prepare(c, "occ", "INSERT INTO occurrences(run_id, finding_id, status, line, col, message, "
		"path) VALUES (1, $1, 'new', $2, 5, $3, $4)");
	struct bench_row r;
	char file_id[24] = "", id[24], line[16];
	int pending = 0;
	PQenterPipelineMode(c);
	for (long k = 0; k < n; k++) {
		bench_row(k, &r);
		if (k % 50 == 0) {
			const char *v[] = { r.file };
			snprintf(file_id, sizeof(file_id), "%lld", run(c, "file", 1, v, &pending));
		}
		const char *f[] = { r.fp, r.rule, file_id, r.fn };
		snprintf(id, sizeof(id), "%lld", run(c, "fin", 4, f, &pending));
		snprintf(line, sizeof(line), "%d", r.line);
		const char *o[] = { id, line, r.msg, r.path_json };
		if (!PQsendQueryPrepared(c, "occ", 4, o, NULL, NULL, 0))
			ok(c, NULL, "occ");
		pending = 1;
	}
	if (!PQpipelineSync(c))
		ok(c, NULL, "sync");
	result(c, "occ");
	PQclear(PQgetResult(c)); /* the sync */
	PQexitPipelineMode(c);
	exec(c, "COMMIT");
	double t = now_s() - t0;
	PQfinish(c);
	return t;
}

/* Streams one table's rows: row(k, buf) writes row k's text line. */
static void copy(PGconn *c, const char *sql, long n, void (*row)(long k, struct strbuf *b))
{
	struct strbuf b;
	sb_init(&b);
	PQclear(ok(c, PQexec(c, sql), sql));
	for (long k = 0; k < n; k++) {
		row(k, &b);
		if (b.len > (1 << 16) || k == n - 1) {
			if (PQputCopyData(c, b.buf, (int)b.len) != 1)
				ok(c, NULL, sql);
			sb_reset(&b);
		}
	}
	if (PQputCopyEnd(c, NULL) != 1)
		ok(c, NULL, sql);
	PQclear(ok(c, PQgetResult(c), sql));
	sb_release(&b);
}

static void file_row(long k, struct strbuf *b)
{
	sb_addf(b, "%ld\tsrc/f%ld.c\n", k + 1, k);
}

static void finding_row(long k, struct strbuf *b)
{
	struct bench_row r;
	bench_row(k, &r);
	sb_addf(b, "%ld\t%s\t%s\t%s\t%ld\t%s\t1\t1\tnew\n", k + 1, r.fp, r.rule, r.rule, k / 50 + 1,
		r.fn);
}

static void occurrence_row(long k, struct strbuf *b)
{
	struct bench_row r;
	bench_row(k, &r);
	sb_addf(b, "1\t%ld\tnew\t%d\t5\t%s\t%s\n", k + 1, r.line, r.msg, r.path_json);
}

double pg_raw_copy(const char *url, long n)
{
	PGconn *c = connect_schema(url);
	double t0 = now_s();
	exec(c, "BEGIN");
	exec(c, "INSERT INTO runs(name, started_at, root, source) VALUES ('raw', 'now', '/', 'import')");
	copy(c, "COPY files(id, path) FROM STDIN", (n + 49) / 50, file_row);
	copy(c, "COPY findings(id, fingerprint, rule, checker, file_id, function, first_run, "
	     "last_run, detection) FROM STDIN", n, finding_row);
	copy(c, "COPY occurrences(run_id, finding_id, status, line, col, message, path) FROM STDIN",
	     n, occurrence_row);
	exec(c, "COMMIT");
	double t = now_s() - t0;
	PQfinish(c);
	return t;
}
