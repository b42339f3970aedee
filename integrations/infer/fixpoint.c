/*
 * fixpoint.c - combining the units' facts into wrapper rows (see
 * fixpoint.h).
 *
 * Every round recomputes every function's row from the previous round's
 * rows, so a function that looked like a plain wrapper early (its second
 * operation on the handle was not yet known to be one) loses its row
 * once that is known.  The rounds stop when two agree.
 *
 * A function is a wrapper only when exactly one call forwards its
 * parameters to a model and no other modelled call touches them: spawn
 * then detach is not a spawn.  A free wrapper may not hand the object to
 * another project function either (it might join a thread first).
 *
 * A borrow (a function that uses a handle without owning it, borrow.c)
 * is what is left when a function's only operations on a parameter are
 * borrows: a borrow beside a spawn or a join does not change that row.
 */
#include "fixpoint.h"

#include "common/strbuf.h"
#include "common/strmap.h"
#include "borrow.h"
#include "call_dies.h"
#include "forward.h"
#include "trampoline.h"
#include "write_model.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROUNDS 16

/* A name whose definitions disagree, or one that is no wrapper. */
static tl_fn_model conflict_mark, none_mark;

static const tl_fn_model *lookup(const tl_model_set *base, const struct strmap *cur,
				 const char *name)
{
	const tl_fn_model *m = tl_models_lookup(base, name);
	void **slot = m ? NULL : strmap_find(cur, name);
	if (slot && *slot != &conflict_mark && *slot != &none_mark)
		m = *slot;
	return m;
}

static bool hands_to_project(const struct tl_call_fact *c, const struct strmap *defined)
{
	if (!strmap_find(defined, c->callee))
		return false;
	for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++)
		if (c->args[i].kind == TL_ARG_DIRECT)
			return true;
	return false;
}

/* fn's row over the models known now; 0 when it is a wrapper. */
static int candidate(const struct tl_fn_fact *fn, const tl_model_set *base,
		     const struct strmap *cur, const struct strmap *defined,
		     tl_fn_model *row)
{
	int forwards = 0, touches = 0;
	bool to_project = false;
	tl_fn_model tmp;

	for (size_t k = 0; k < fn->ncalls; k++) {
		const struct tl_call_fact *c = &fn->calls[k];
		const tl_fn_model *m = lookup(base, cur, c->callee);
		if (!m) {
			to_project |= hands_to_project(c, defined);
			continue;
		}
		if (m->role == TL_ROLE_BORROW)
			continue; /* tl_borrow_row's business */
		if (tl_call_dies(c, base)) {
			/* only on the way to exit: not the function's operation,
			 * nor one it is free of (no row at all) */
			touches++;
			continue;
		}
		if (tl_forward_row(fn, c, m, &tmp) == 0 ||
		    tl_trampoline_row(fn, c, m, base, defined, &tmp) == 0) {
			if (forwards++)
				tl_infer_row_clear(&tmp);
			else
				*row = tmp;
		} else {
			touches += tl_forward_touches(c, m);
		}
	}
	if (forwards == 1 && !touches && !(row->role == TL_ROLE_FREE && to_project)) {
		row->name = xstrdup(fn->name);
		row->library = xstrdup("project");
		row->origin = xstrdup(fn->origin);
		return 0;
	}
	if (forwards)
		tl_infer_row_clear(row);
	if (!forwards && !touches)
		return tl_borrow_row(fn, base, cur, lookup, row);
	return -1;
}

static bool same_row(const tl_fn_model *a, const tl_fn_model *b)
{
	struct strbuf x, y;
	sb_init(&x);
	sb_init(&y);
	tl_write_row(&x, a, false);
	tl_write_row(&y, b, false);
	bool same = !strcmp(x.buf, y.buf);
	sb_release(&x);
	sb_release(&y);
	return same;
}

static void free_value(const char *key, void *value)
{
	(void)key;
	if (value != &conflict_mark && value != &none_mark) {
		tl_infer_row_clear(value);
		free(value);
	}
}

/* Records fn's result in `next`; definitions of one name must agree
 * unless they are the same definition (an inline function in a header). */
static void merge(struct strmap *next, struct strmap *origins,
		  const struct tl_fn_fact *fn, tl_fn_model *row, bool is_wrapper)
{
	void **slot = strmap_put(next, fn->name);
	void **seen = strmap_put(origins, fn->name);
	bool same_def = *seen && !strcmp(*seen, fn->origin);

	if (!*seen)
		*seen = fn->origin;
	if (!*slot) {
		*slot = is_wrapper ? xmalloc(sizeof(*row)) : &none_mark;
		if (is_wrapper)
			*(tl_fn_model *)*slot = *row;
		return;
	}
	bool agree = same_def || (is_wrapper ? *slot != &none_mark && *slot != &conflict_mark &&
				  same_row(*slot, row) : *slot == &none_mark);
	if (is_wrapper)
		tl_infer_row_clear(row);
	if (!agree) {
		free_value(NULL, *slot);
		*slot = &conflict_mark;
	}
}

static struct strmap round_once(const struct tl_unit_facts *units, size_t nunits,
				const tl_model_set *base, const struct strmap *cur,
				const struct strmap *defined)
{
	struct strmap next, origins;
	strmap_init(&next);
	strmap_init(&origins);
	for (size_t u = 0; u < nunits; u++) {
		for (size_t i = 0; i < units[u].nfns; i++) {
			const struct tl_fn_fact *fn = &units[u].fns[i];
			tl_fn_model row;
			if (tl_models_lookup(base, fn->name) || !strcmp(fn->name, "main"))
				continue;
			merge(&next, &origins, fn, &row,
			      candidate(fn, base, cur, defined, &row) == 0);
		}
	}
	strmap_free(&origins);
	return next;
}

static bool same_map(const struct strmap *a, const struct strmap *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->capacity; i++) {
		const struct strmap_entry *e = &a->slots[i];
		if (!e->key)
			continue;
		void **other = strmap_find(b, e->key);
		if (!other)
			return false;
		bool a_row = e->value != &conflict_mark && e->value != &none_mark;
		bool b_row = *other != &conflict_mark && *other != &none_mark;
		if (a_row != b_row || (a_row ? !same_row(e->value, *other) : e->value != *other))
			return false;
	}
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const tl_fn_model *)a)->name, ((const tl_fn_model *)b)->name);
}

static void collect(struct strmap *cur, struct tl_infer_rows *out)
{
	memset(out, 0, sizeof(*out));
	out->v = xcalloc(cur->count + 1, sizeof(*out->v));
	for (size_t i = 0; i < cur->capacity; i++) {
		struct strmap_entry *e = &cur->slots[i];
		if (!e->key)
			continue;
		if (e->value == &conflict_mark)
			out->conflicts++;
		if (e->value == &conflict_mark || e->value == &none_mark)
			continue;
		out->v[out->n++] = *(tl_fn_model *)e->value;
		free(e->value);
		e->value = &none_mark;
	}
	qsort(out->v, out->n, sizeof(*out->v), by_name);
}

void tl_infer_fixpoint(const struct tl_unit_facts *units, size_t nunits,
		       const tl_model_set *base, struct tl_infer_rows *out)
{
	struct strmap cur, defined;
	strmap_init(&cur);
	strmap_init(&defined);
	for (size_t u = 0; u < nunits; u++)
		for (size_t i = 0; i < units[u].nfns; i++) {
			void **slot = strmap_put(&defined, units[u].fns[i].name);
			if (!*slot) /* the definition trampoline.c reads */
				*slot = (void *)&units[u].fns[i];
		}
	for (int round = 0; round < MAX_ROUNDS; round++) {
		struct strmap next = round_once(units, nunits, base, &cur, &defined);
		bool stable = same_map(&cur, &next);
		strmap_each(&cur, free_value);
		strmap_free(&cur);
		cur = next;
		if (stable)
			break;
	}
	collect(&cur, out);
	strmap_each(&cur, free_value);
	strmap_free(&cur);
	strmap_free(&defined);
}

void tl_infer_row_clear(tl_fn_model *row)
{
	free(row->name);
	free(row->library);
	free(row->origin);
	free(row->handle_field);
	row->name = row->library = row->origin = row->handle_field = NULL;
}

void tl_infer_rows_free(struct tl_infer_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		tl_infer_row_clear(&rows->v[i]);
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
