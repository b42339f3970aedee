/*
 * cache.h - per-unit facts kept under .taskleak/ between runs.
 *
 * An entry is keyed by the unit's command line (directory, file, flags)
 * and holds the SHA-256 of every file the unit read (libclang's
 * inclusions): it is used only while all of them still hash the same, so
 * a change to one file re-parses exactly the units that read it.  Each
 * file's mtime and size are kept too: while they match, the file is not
 * read again (a touched but unchanged file is hashed, and still matches).
 */
#ifndef TL_INFER_CACHE_H
#define TL_INFER_CACHE_H

#include "common/strmap.h"
#include "facts.h"
#include "scan/compdb.h"

struct tl_infer_cache {
	char *dir;             /* the cache folder; NULL: no cache */
	struct strmap hashes;  /* path -> malloc'ed hex SHA-256 (or NULL:
	                        * unreadable), each file hashed once a run */
};

/* Creates `dir` (and its parent) if needed; TL_E_INPUT naming it when it
 * cannot be.  `dir` NULL makes a cache that never hits and stores nothing. */
int tl_infer_cache_open(struct tl_infer_cache *c, const char *dir, char **err);
void tl_infer_cache_close(struct tl_infer_cache *c);

/* 0 and `out` filled when the unit's entry is there and still valid. */
int tl_infer_cache_load(struct tl_infer_cache *c, const struct tl_tu *tu,
			struct tl_unit_facts *out);

/* Writes the unit's entry; a failure only costs the next run a parse,
 * so it is returned for the caller to ignore or mention. */
int tl_infer_cache_store(struct tl_infer_cache *c, const struct tl_tu *tu,
			 const struct tl_unit_facts *facts, char **err);

#endif
