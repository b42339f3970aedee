/*
 * infer.c - the inference's driver (see infer.h): cache lookups, parsing
 * the misses on -j threads (one libclang index per thread), the
 * fixpoint, the file.
 */
#include "infer.h"

#include "annotations.h"
#include "cache.h"
#include "common/strbuf.h"
#include "common/tl_error.h"
#include "fixpoint.h"
#include "libclang_table.h"
#include "keep.h"
#include "owners.h"
#include "walk_unit.h"
#include "write_model.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The units to parse and the results, shared by the threads. */
struct work {
	const struct tl_compdb *db;
	const char *root;
	const bool *todo;              /* per unit: not in the cache */
	struct tl_unit_facts *facts;   /* per unit */
	char **errs;                   /* per unit: why it did not parse */
	atomic_size_t next;
};

static void *parse_units(void *arg)
{
	struct work *w = arg;
	CXIndex index = clang_createIndex(0, 0);
	for (;;) {
		size_t i = atomic_fetch_add(&w->next, 1);
		if (i >= w->db->n)
			break;
		if (w->todo[i])
			tl_walk_unit(index, &w->db->v[i], w->root, &w->facts[i], &w->errs[i]);
	}
	clang_disposeIndex(index);
	return NULL;
}

static void run_threads(struct work *w, int jobs)
{
	pthread_t *t = xcalloc((size_t)jobs, sizeof(*t));
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&t[started], NULL, parse_units, w))
			break;
	if (!started)
		parse_units(w); /* no thread to be had: do it here */
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
}

/* Parses the units not in the cache; libclang is loaded only when there
 * is one (a run served by the cache, and every other command, never
 * loads it). */
static int parse_misses(struct work *w, int jobs, char **err)
{
	size_t misses = 0;
	for (size_t i = 0; i < w->db->n; i++)
		misses += w->todo[i];
	if (!misses)
		return TL_OK;
	int rc = tl_libclang_load(TL_LIBCLANG_SONAME, err);
	if (!rc)
		run_threads(w, jobs);
	return rc;
}

/* Rows to write: the annotated ones, then the inferred ones (all, or all
 * but the struct-handle ones with --no-handle-fields). */
static size_t pick_rows(const tl_model_set *base, const struct tl_infer_rows *rows,
			bool handle_fields, const tl_fn_model **out)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_models_count(base); i++)
		if (!strcmp(tl_models_at(base, i)->library, TL_ANNOTATION_LIBRARY))
			out[n++] = tl_models_at(base, i);
	for (size_t i = 0; i < rows->n; i++)
		if (handle_fields || !rows->v[i].handle_field)
			out[n++] = &rows->v[i];
	return n;
}

static void finish(const struct work *w, tl_model_set *base,
		   const struct tl_infer_opts *o, char **json, struct tl_infer_stats *st)
{
	struct tl_infer_rows rows;
	struct strbuf sb;
	st->annotated = tl_annotations_load(w->facts, w->db->n, base, o->bad_annotation, o->arg);
	tl_infer_fixpoint(w->facts, w->db->n, base, &rows);
	const tl_fn_model **picked = xcalloc(rows.n + st->annotated + 1, sizeof(*picked));
	st->rows = pick_rows(base, &rows, !o->no_handle_fields, picked);
	st->held_back = rows.n + st->annotated - st->rows;
	st->conflicts = rows.conflicts;
	struct tl_infer_project proj;
	tl_infer_owners(w->facts, w->db->n, base, &rows, &proj);
	struct tl_infer_rows keeps;
	tl_infer_keeps(w->facts, w->db->n, base, &rows, &proj, &keeps);
	picked = xrealloc(picked, (st->rows + keeps.n + 1) * sizeof(*picked));
	for (size_t i = 0; i < keeps.n; i++)
		picked[st->rows + i] = &keeps.v[i];
	st->keeps = keeps.n;
	st->owners = proj.nowners;
	st->entries = proj.nentries;
	struct strbuf extra;
	sb_init(&extra);
	tl_write_project(&extra, &proj);
	tl_infer_project_free(&proj);
	sb_init(&sb);
	tl_write_model(&sb, picked, st->rows + keeps.n, extra.buf ? extra.buf : "");
	sb_release(&extra);
	*json = sb_detach(&sb);
	free(picked);
	tl_infer_rows_free(&keeps);
	tl_infer_rows_free(&rows);
}

int tl_infer(const struct tl_compdb *db, tl_model_set *base,
	     const struct tl_infer_opts *o, char **json, struct tl_infer_stats *st,
	     char **err)
{
	struct tl_infer_cache cache;
	struct work w = { db, o->root, NULL, NULL, NULL, 0 };
	bool *todo = xcalloc(db->n + 1, sizeof(*todo));
	int rc;

	memset(st, 0, sizeof(*st));
	*json = NULL;
	st->units = db->n;
	if ((rc = tl_infer_cache_open(&cache, o->cache_dir, err))) {
		free(todo);
		return rc;
	}
	w.todo = todo;
	w.facts = xcalloc(db->n + 1, sizeof(*w.facts));
	w.errs = xcalloc(db->n + 1, sizeof(*w.errs));
	for (size_t i = 0; i < db->n; i++)
		todo[i] = tl_infer_cache_load(&cache, &db->v[i], &w.facts[i]) != 0;
	rc = parse_misses(&w, o->jobs > 0 ? o->jobs : 1, err);
	for (size_t i = 0; !rc && i < db->n; i++) {
		if (w.errs[i]) {
			st->skipped++;
			if (o->skipped)
				o->skipped(o->arg, w.errs[i]);
			free(w.errs[i]);
			continue;
		}
		st->parsed += todo[i];
		st->cached += !todo[i];
		st->functions += w.facts[i].nfns;
		char *ignored = NULL;
		if (todo[i] && tl_infer_cache_store(&cache, &db->v[i], &w.facts[i], &ignored))
			free(ignored); /* costs the next run a parse, nothing more */
	}
	if (!rc && db->n && st->skipped == db->n)
		rc = tl_error(err, TL_E_INPUT, "no unit of the compilation database parsed "
			      "(%zu skipped)", st->skipped);
	else if (!rc)
		finish(&w, base, o, json, st);
	for (size_t i = 0; i < db->n; i++)
		tl_unit_facts_free(&w.facts[i]);
	free(w.facts);
	free(w.errs);
	free(todo);
	tl_infer_cache_close(&cache);
	return rc;
}
