/*
 * store_int.h - helpers shared by the store's files; not part of its API.
 */
#ifndef TL_STORE_INT_H
#define TL_STORE_INT_H

#include "store.h"
#include "store_db.h"

/* Migration n (1-based) brings the schema from version n-1 to n. */
extern const char *const tl_migrations[];
extern const int tl_migration_count;

/* The store and id of a run being written (store_runtime.c adds to it). */
struct tl_store *tl_run_store(struct tl_run_tx *tx);
int64_t tl_run_id(struct tl_run_tx *tx);
/* An import streaming many report sets (ingest.c): tl_run_add keeps its
 * bulk rows across sets and sends them when they pass a few MB (or at
 * commit), not at the end of each set: on PostgreSQL each send is round
 * trips. Nothing may read the run's tables in between but tl_run_add. */
void tl_run_stream(struct tl_run_tx *tx);

/* How long a writer waits for another to finish (TASKLEAK_BUSY_TIMEOUT_MS,
 * default 60 s): SQLite's busy timeout, PostgreSQL's lock_timeout. */
int tl_busy_timeout_ms(void);

#define TL_SUPPRESSED_SQL "('false-positive','intentional','wont-fix')"

#endif
