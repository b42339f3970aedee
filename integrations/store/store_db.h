/*
 * store_db.h - the one statement interface the store's files use, with two
 * backends: SQLite (store_db.c) and PostgreSQL through libpq (store_pg.c).
 *
 * The SQL is written once, in SQLite's spelling with ?N parameters; the
 * PostgreSQL backend adapts it through the dialect layer (dialect.c).
 * Parameters are text or 64-bit integers; columns are read as text or
 * integers. Not part of the store's API.
 */
#ifndef TL_STORE_DB_H
#define TL_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

struct tl_store;
struct tl_stmt;

/* tl_step results */
enum {
	TL_STEP_DONE = 0,
	TL_STEP_ROW = 1,
	TL_STEP_CONSTRAINT = -1, /* a UNIQUE or CHECK constraint refused the row */
	TL_STEP_TOOBIG = -2,     /* a value over the database's size limit */
	TL_STEP_FAIL = -3,       /* anything else: tl_db_fail says what */
};

/* TL_E_DB with "<db>: <what>: <the database's message>". */
int tl_db_fail(struct tl_store *s, const char *what, char **err);
/* Runs SQL without parameters (schema, COMMIT). */
int tl_db_exec(struct tl_store *s, const char *sql, char **err);
/* Runs SQL, ignoring failure (ROLLBACK after a failure). */
void tl_db_exec_quiet(struct tl_store *s, const char *sql);
/* Begins a transaction that writes: SQLite BEGIN IMMEDIATE (writers queue
 * on the busy timeout); PostgreSQL BEGIN and the store's advisory lock, so
 * writers queue the same way and never interleave (see store_pg.c). */
int tl_db_begin_write(struct tl_store *s, char **err);
/* Begins a read transaction: one consistent snapshot. */
int tl_db_begin_read(struct tl_store *s, char **err);
/* 1 inside a transaction. */
int tl_db_in_tx(struct tl_store *s);
/* SQLite only: foreign-key checks on or off (outside a transaction). */
void tl_db_foreign_keys(struct tl_store *s, int on);
/* The id of the row the last INSERT made, and how many rows the last
 * INSERT, UPDATE or DELETE changed. */
int64_t tl_db_last_id(struct tl_store *s);
int tl_db_changes(struct tl_store *s);

/* Prepares or fails with a message naming the store. */
int tl_db_prepare(struct tl_store *s, const char *sql, struct tl_stmt **st, char **err);
/* Binds parameter i (1-based); text NULL binds NULL. 0 or a TL_STEP_*
 * failure; the values are copied or used before the next tl_step. */
int tl_bind_text(struct tl_stmt *st, int i, const char *v);
int tl_bind_int64(struct tl_stmt *st, int i, int64_t v);
/* After binds whose results were OR-ed together: 0 when all held; else st
 * is finalized and err says why, so a parameter is never silently NULL. */
int tl_db_bound(struct tl_store *s, struct tl_stmt *st, int bind_rc, char **err);
/* TL_STEP_ROW, TL_STEP_DONE or a failure. */
int tl_step(struct tl_stmt *st);
/* Ready to run again (bindings kept). */
void tl_reset(struct tl_stmt *st);
void tl_finalize(struct tl_stmt *st);

const char *tl_col_text(struct tl_stmt *st, int i); /* NULL for NULL */
int64_t tl_col_int64(struct tl_stmt *st, int i);
int tl_col_int(struct tl_stmt *st, int i);
int tl_col_null(struct tl_stmt *st, int i);
int tl_col_count(struct tl_stmt *st);
const char *tl_col_name(struct tl_stmt *st, int i);

/* The schema version (SQLite: PRAGMA user_version; PostgreSQL: the
 * taskleak_schema table) and setting it inside a migration. */
int tl_db_schema_version(struct tl_store *s, int *v, char **err);
int tl_db_set_schema_version(struct tl_store *s, int v, char **err);
/* Runs migration n (0-based index) in the backend's dialect. */
int tl_db_migrate_one(struct tl_store *s, int n, char **err);
/* A GLOB pattern as the backend matches it (PostgreSQL: a regex for ~);
 * malloc'ed. */
char *tl_db_glob(struct tl_store *s, const char *glob);
/* After rows were copied with their ids: id sequences past the copied
 * ids (PostgreSQL; nothing to do on SQLite). */
int tl_db_ids_copied(struct tl_store *s, char **err);
/* Before a run commits: the planner's statistics when the run grew the
 * occurrences by a tenth (PostgreSQL; SQLite plans without them). */
int tl_db_analyze_grown(struct tl_store *s, char **err);

/*
 * Rows appended to one table in bulk (an import's files, findings and
 * occurrences). SQLite inserts each row as it comes (a prepared INSERT,
 * which costs no round trip); PostgreSQL keeps the rows as COPY text and
 * streams them with COPY ... FROM STDIN at tl_bulk_flush, with no round
 * trip per row. Rows are seen
 * by statements only once flushed, so a caller flushes parents before it
 * adds children (a foreign key is checked when the row arrives) and
 * before it reads the table. Values are set by 1-based column, then
 * tl_bulk_row; a failure of a set value is kept and returned by it.
 */
struct tl_bulk;
/* cols: "table(col1, col2, ...)" with ncols columns. */
int tl_bulk_open(struct tl_store *s, const char *cols, int ncols, struct tl_bulk **b, char **err);
void tl_bulk_text(struct tl_bulk *b, int i, const char *v); /* NULL: NULL */
void tl_bulk_int64(struct tl_bulk *b, int i, int64_t v);
/* 0, or the TL_STEP_* failure of this row (a bind, a constraint); the
 * message through tl_db_fail. */
int tl_bulk_row(struct tl_bulk *b);
/* Bytes of rows kept, not sent yet (PostgreSQL; 0 on SQLite). */
size_t tl_bulk_kept(const struct tl_bulk *b);
/* Sends the rows kept (PostgreSQL); 0 or a TL_STEP_* failure. */
int tl_bulk_flush(struct tl_bulk *b);
void tl_bulk_free(struct tl_bulk *b);

#endif
