/*
 * store_snapshot.h - a read transaction around many queries: one view of
 * the database for all of them (a report reads while a scan may commit),
 * and one lock instead of one per statement (the HTML report queries each
 * of 100,000 findings' triage history).
 */
#ifndef TL_STORE_SNAPSHOT_H
#define TL_STORE_SNAPSHOT_H

#include "store.h"

/* BEGIN (deferred): the first read fixes the snapshot. */
int tl_store_snapshot_begin(struct tl_store *s, char **err);
/* Ends it (COMMIT of a read-only transaction; nothing is written). */
void tl_store_snapshot_end(struct tl_store *s);

/* Calls fn with the fingerprint of each finding that has triage events
 * (one query, so that a reader of many findings asks only about those). */
int tl_store_triaged(struct tl_store *s, void (*fn)(void *arg, const char *fingerprint),
		     void *arg, char **err);

#endif
