/*
 * store_pg.h - the PostgreSQL backend of store_db.h (libpq). store_db.c
 * calls these when the store was opened from a postgresql:// URL.
 */
#ifndef TL_STORE_PG_H
#define TL_STORE_PG_H

#include <stddef.h>
#include <stdint.h>

struct tl_store;
struct sqlite3_stmt;
struct pg_result;
struct pg_conn;

/* The connection of a PostgreSQL store. */
struct tl_pg {
	struct pg_conn *conn;
	char *error;    /* the last failure's message, one line */
	unsigned seq;   /* names prepared statements */
	int writing;    /* inside tl_pg_begin_write's transaction */
	int pipeline;   /* in libpq's pipeline mode (store_pg_pipe.c) */
	int pending;    /* statements sent whose results are not read yet */
};

/* A prepared statement of either backend (store_db.h). */
struct tl_stmt {
	struct tl_store *s;
	struct sqlite3_stmt *lite; /* SQLite */
	/* PostgreSQL: a named prepared statement, its text parameters and
	 * the result of its last run, read row by row */
	char name[24];
	int nparams;
	char **params;
	struct pg_result *res;
	int row, nrows, ran, returning_id;
	int deferrable; /* a write whose result nobody reads */
	char *text;     /* a read planned at each run: its SQL (no name) */
	unsigned *types; /* and its parameters' types (Oid) */
};

/* 1 when path is a postgresql:// or postgres:// URL. */
int tl_pg_is_url(const char *path);
/* The URL without its password, for messages (malloc'ed). */
char *tl_pg_redact(const char *url);
/* Connects s (s->path already redacted) to url. */
int tl_pg_connect(struct tl_store *s, const char *url, char **err);
void tl_pg_close(struct tl_store *s);

const char *tl_pg_error(struct tl_store *s);
int tl_pg_exec(struct tl_store *s, const char *sql, int ddl);
int tl_pg_begin_write(struct tl_store *s);
int tl_pg_in_tx(struct tl_store *s);
int tl_pg_prepare(struct tl_store *s, const char *sql, struct tl_stmt *st);
int tl_pg_bind(struct tl_stmt *st, int i, const char *v);
int tl_pg_step(struct tl_stmt *st);
void tl_pg_reset(struct tl_stmt *st);
void tl_pg_finalize(struct tl_stmt *st);
const char *tl_pg_col_text(struct tl_stmt *st, int i);
int tl_pg_col_count(struct tl_stmt *st);
const char *tl_pg_col_name(struct tl_stmt *st, int i);
int tl_pg_schema_version(struct tl_store *s, int *v);
int tl_pg_set_schema_version(struct tl_store *s, int v);
int tl_pg_ids_copied(struct tl_store *s);
int tl_pg_analyze_grown(struct tl_store *s);
/* Runs copy ("COPY ... FROM STDIN") with rows, len bytes of COPY text:
 * 0 or a TL_STEP_* failure (its message kept). store_bulk.c. */
int tl_pg_copy(struct tl_store *s, const char *copy, const char *rows, size_t len);

/* 0 when res succeeded; else keeps its message, returns a TL_STEP_*. */
int tl_pg_result_rc(struct tl_store *s, struct pg_result *res);

/* store_pg_pipe.c: inside a writing transaction, statements whose result
 * nobody reads (an occurrence's INSERT, a finding's UPDATE) are sent in
 * libpq's pipeline mode without waiting; the next statement that returns
 * rows goes in the same round trip and reads their results first. */
int tl_pg_pipe_send(struct tl_stmt *st);
/* Runs st (in the pipeline when one is open); *rc is set when a pending
 * write failed (its error kept), and the result is then NULL. */
struct pg_result *tl_pg_pipe_exec(struct tl_stmt *st, int *rc);
/* Reads every pending result and leaves pipeline mode: 0, or the first
 * failure of a pending statement (TL_STEP_*). */
int tl_pg_pipe_flush(struct tl_store *s);

#endif
