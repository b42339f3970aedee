/*
 * store_merge.h - joining the shard databases of one sharded scan into
 * one run of another database (`taskleak merge`).
 *
 * Each shard database holds a partial run (`scan --shard I/N`, migration
 * 5). The merge checks that the shards are the N parts of one scan, then
 * writes one run into the target through the same run transaction an
 * import uses (store_run.c), fed with the occurrences the shards stored:
 * detection status is computed once, against the target's previous run,
 * exactly as for an unsharded scan; triage stays on the target's findings;
 * in-source suppressions come along with the occurrences.
 */
#ifndef TL_STORE_MERGE_H
#define TL_STORE_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct tl_shard_run {
	const char *db;     /* the shard database, for messages (not owned) */
	int64_t run_id;
	char *name, *root, *tool, *units_hash;
	int index, count;   /* shard index of count */
	long units_total, units;
};

/* Reads the latest finished run of s. TL_E_INPUT when it is not a shard
 * run, TL_E_NOTFOUND when s has no run. */
int tl_shard_run_read(struct tl_store *s, struct tl_shard_run *out, char **err);
void tl_shard_run_free(struct tl_shard_run *r);

/* Checks that v[0..n) are all the shards of one scan: the same shard
 * count, units hash and root, each index once, none missing. TL_E_INPUT,
 * one line naming the databases at fault, otherwise. */
int tl_shard_runs_check(const struct tl_shard_run *v, size_t n, char **err);

/* Adds what run run_id of s saw (each finding once, with its reports
 * count, place, message, path and in-source suppression) to tx. */
int tl_run_add_stored(struct tl_run_tx *tx, struct tl_store *s, int64_t run_id, char **err);

#endif
