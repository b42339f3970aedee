/*
 * store_copy.h - moving a whole store between backends (`taskleak merge
 * --all`): SQLite into PostgreSQL and back.
 *
 * Every row of every table is copied as it is, ids included, so runs,
 * fingerprints, occurrences (with their statuses, shard records and
 * paths), triage history and run-time leaks come across unchanged and
 * the two stores answer every command alike. The target must be empty.
 */
#ifndef TL_STORE_COPY_H
#define TL_STORE_COPY_H

#include "store.h"

/* Rows copied per table, in copy order. */
struct tl_copy_counts {
	long runs, files, findings, occurrences, triage_events, runtime_leaks;
};

/* Copies src into dst in one transaction of dst, reading src in one
 * snapshot. TL_E_USAGE when dst already holds a run or a finding. */
int tl_store_copy(struct tl_store *src, struct tl_store *dst, struct tl_copy_counts *n,
		  char **err);

#endif
