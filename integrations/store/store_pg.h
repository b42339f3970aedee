/*
 * store_pg.h - the PostgreSQL backend of store_db.h (libpq). store_db.c
 * calls these when the store was opened from a postgresql:// URL.
 */
#ifndef TL_STORE_PG_H
#define TL_STORE_PG_H

#include <stdint.h>

struct tl_store;
struct sqlite3_stmt;
struct pg_result;

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

#endif
