/*
 * infer.h - `taskleak models infer`: wrappers across a whole project.
 *
 * Parses every unit of a compilation database with libclang (in
 * parallel, reusing cached facts where the unit's files did not change),
 * then infers the wrapper rows over all units (fixpoint.h) on top of the
 * given models, and writes them as one model file in the format of
 * rules/models.  Never prints: units that do not parse are handed to a
 * callback and counted.
 */
#ifndef TL_INFER_H
#define TL_INFER_H

#include "model.h"
#include "scan/compdb.h"

#include <stdbool.h>

struct tl_infer_opts {
	const char *root;       /* origins are written relative to it; NULL: absolute */
	const char *cache_dir;  /* per-unit facts; NULL: no cache */
	int jobs;               /* parsing threads, >= 1 */
	bool no_handle_fields;  /* leave out rows with "handle_field" (a
	                         * struct's field holds the handle): for an
	                         * analyzer older than the one that reads it */
	/* called once per unit that does not parse, with "FILE: error" */
	void (*skipped)(void *arg, const char *msg);
	/* called once per bad taskleak_ annotation, with "ORIGIN: what" */
	void (*bad_annotation)(void *arg, const char *msg);
	void *arg;
};

struct tl_infer_stats {
	size_t units;      /* in the database */
	size_t parsed;     /* parsed this run */
	size_t cached;     /* taken from the cache */
	size_t skipped;    /* did not parse */
	size_t functions;  /* function definitions seen */
	size_t rows;       /* rows written (annotated ones included) */
	size_t annotated;  /* rows from taskleak_ annotations */
	size_t held_back;  /* struct-handle rows not written */
	size_t conflicts;  /* names defined differently in several units */
	size_t owners;     /* owner fields written (filled in some unit) */
	size_t entries;    /* entry summaries written */
	size_t keeps;      /* keep rows written (keep.h) */
};

/*
 * Infers over `db` with `base` (built-in and user models; the rows of
 * the units' taskleak_ annotations are added to it) and returns the
 * model file's text in *json (malloc'ed).  Fails only when the cache
 * folder cannot be created or no unit parsed (TL_E_INPUT).
 */
int tl_infer(const struct tl_compdb *db, tl_model_set *base,
	     const struct tl_infer_opts *o, char **json, struct tl_infer_stats *st,
	     char **err);

#endif
