/*
 * store_int.h - helpers shared by the store's files; not part of its API.
 */
#ifndef TL_STORE_INT_H
#define TL_STORE_INT_H

#include <sqlite3.h>
#include "store.h"

/* TL_E_DB with "<db path>: <what>: <sqlite message>". */
int tl_db_fail(struct tl_store *s, const char *what, char **err);
/* Runs SQL without parameters (schema, BEGIN/COMMIT). */
int tl_db_exec(struct tl_store *s, const char *sql, char **err);
/* Prepares or fails with a message naming the store. */
int tl_db_prepare(struct tl_store *s, const char *sql, sqlite3_stmt **st, char **err);
/* After a statement's binds, given their results OR-ed together (SQLITE_OK
 * is 0, so any failure stays nonzero): 0 when all held; otherwise st is
 * finalized and err says why, so a parameter is never silently NULL. */
int tl_db_bound(struct tl_store *s, sqlite3_stmt *st, int bind_rc, char **err);
/* sqlite3_column_text as const char *. */
const char *tl_col_text(sqlite3_stmt *st, int i);

/* Migration n (1-based) brings the schema from version n-1 to n. */
extern const char *const tl_migrations[];
extern const int tl_migration_count;

/* The store and id of a run being written (store_runtime.c adds to it). */
struct tl_store *tl_run_store(struct tl_run_tx *tx);
int64_t tl_run_id(struct tl_run_tx *tx);

#define TL_SUPPRESSED_SQL "('false-positive','intentional','wont-fix')"

#endif
