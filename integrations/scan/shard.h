/*
 * shard.h - which translation units a `scan --shard I/N` analyzes.
 *
 * A unit belongs to shard 1 + (SHA-256 of its file's path relative to the
 * project root, first 8 bytes, mod N). The choice depends on the path
 * alone, not on the unit's position in compile_commands.json, so adding or
 * removing units never moves another unit to a different shard, and two
 * machines with the project checked out in different places agree. Units
 * of one file (compiled twice with different flags) stay together.
 */
#ifndef TL_SHARD_H
#define TL_SHARD_H

#include "compdb.h"
#include "../import/paths.h"

#define TL_SHARD_MAX 1024

struct tl_shard {
	int index, count;  /* 1-based index of count; count 0: not sharded */
	long units_total;  /* units in the whole compilation database */
	long units;        /* units this shard analyzed */
	char units_hash[65]; /* SHA-256 of the sorted relative unit paths */
};

/* Parses "I/N" (1 <= I <= N <= TL_SHARD_MAX); TL_E_USAGE otherwise. */
int tl_shard_parse(const char *text, struct tl_shard *out, char **err);
/* The shard (1..count) a unit with this root-relative path belongs to. */
int tl_shard_of(const char *rel, int count);
/* Keeps in db only the units of shard sh->index (sh->count > 0), filling
 * units_total, units and units_hash (computed over every unit, so all
 * shards of one compilation database agree on it). */
void tl_shard_select(struct tl_compdb *db, struct tl_paths *paths, struct tl_shard *sh);

#endif
