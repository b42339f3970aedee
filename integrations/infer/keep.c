/* keep.c - inferring keep rows (see keep.h). */
#include "keep.h"

#include "common/strbuf.h"
#include "common/strmap.h"

#include <stdlib.h>
#include <string.h>

/* One function name, over every unit that defines it. */
struct keep_fn {
	bool keep;            /* still a candidate */
	const char *origin;   /* the first definition's */
};

static const tl_fn_model *row_of(const tl_model_set *base, const struct tl_infer_rows *rows,
				 const char *name)
{
	const tl_fn_model *m = tl_models_lookup(base, name);
	for (size_t i = 0; !m && i < rows->n; i++)
		if (!strcmp(rows->v[i].name, name))
			m = &rows->v[i];
	return m;
}

/* A task operation on what a parameter holds (pthread_join(p->t),
 * thr_join(&p->thr), pthread_join(p->threads[i]) as zstd's POOL_join):
 * the function acts on a task handle, even one in a struct that is no
 * owner row.  Freeing a field (free(p->name)) ends a
 * sub-object, closing p->sock a descriptor: not the parameter's tasks,
 * which are all a keep row speaks of (the lifetime checker reads it). */
static bool operates(const struct tl_call_fact *c, const tl_model_set *base,
		     const struct tl_infer_rows *rows)
{
	const tl_fn_model *m = row_of(base, rows, c->callee);
	if (!m || (m->role != TL_ROLE_SPAWN && m->role != TL_ROLE_JOIN &&
		   m->role != TL_ROLE_DETACH && m->role != TL_ROLE_ATTR_DETACH &&
		   m->role != TL_ROLE_BORROW && m->role != TL_ROLE_WAIT))
		return false;
	for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++)
		if (c->args[i].param != -1 || (c->rooted >> i & 1u))
			return true;
	return false;
}

/* Does fn name a task handle field of some owner through a parameter? */
static bool names_handle(const struct tl_fn_fact *fn, const struct tl_infer_project *proj)
{
	for (size_t k = 0; k < fn->nnamed; k++)
		for (size_t o = 0; o < proj->nowners; o++)
			if (!strcmp(fn->named[k], proj->owners[o].field))
				return true;
	return false;
}

/* What fn's own body says, before its callees are looked at. */
static bool keeps_locally(const struct tl_fn_fact *fn, const tl_model_set *base,
			  const struct tl_infer_rows *rows,
			  const struct tl_infer_project *proj)
{
	if (fn->nparams <= 0 || fn->nparams > 32 || fn->loose_use ||
	    strstr(fn->name, "::") || !strcmp(fn->name, "main") ||
	    row_of(base, rows, fn->name) || names_handle(fn, proj))
		return false;
	for (size_t k = 0; k < fn->ncalls; k++)
		if (operates(&fn->calls[k], base, rows))
			return false;
	return true;
}

/* A call that receives a parameter itself (p, *p, &p), not a field of
 * it, to a function that is not (or no longer) a keep. */
static bool hands_away(const struct tl_fn_fact *fn, const struct strmap *fns)
{
	for (size_t k = 0; k < fn->ncalls; k++) {
		const struct tl_call_fact *c = &fn->calls[k];
		void **slot = strmap_find(fns, c->callee);
		const struct keep_fn *callee = slot ? *slot : NULL;
		if (callee && callee->keep)
			continue;
		for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++) {
			enum tl_arg_kind kind = c->args[i].kind;
			if (c->args[i].param != -1 &&
			    (kind == TL_ARG_DIRECT || kind == TL_ARG_DEREF || kind == TL_ARG_ADDR))
				return true;
		}
	}
	return false;
}

static void gather(const struct tl_unit_facts *units, size_t nunits,
		   const tl_model_set *base, const struct tl_infer_rows *rows,
		   const struct tl_infer_project *proj, struct strmap *fns)
{
	for (size_t u = 0; u < nunits; u++)
		for (size_t i = 0; i < units[u].nfns; i++) {
			const struct tl_fn_fact *fn = &units[u].fns[i];
			void **slot = strmap_put(fns, fn->name);
			bool local = keeps_locally(fn, base, rows, proj);
			if (!*slot) {
				struct keep_fn *k = xcalloc(1, sizeof(*k));
				k->keep = local;
				k->origin = fn->origin;
				*slot = k;
			} else if (!local) {
				((struct keep_fn *)*slot)->keep = false;
			}
		}
}

/* The greatest fixpoint: a cycle of functions that only hand their
 * parameters to each other keeps them. */
static void settle(const struct tl_unit_facts *units, size_t nunits, struct strmap *fns)
{
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t u = 0; u < nunits; u++)
			for (size_t i = 0; i < units[u].nfns; i++) {
				const struct tl_fn_fact *fn = &units[u].fns[i];
				struct keep_fn *k = *strmap_find(fns, fn->name);
				if (k->keep && hands_away(fn, fns)) {
					k->keep = false;
					changed = true;
				}
			}
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const tl_fn_model *)a)->name, ((const tl_fn_model *)b)->name);
}

static void free_value(const char *key, void *value)
{
	(void)key;
	free(value);
}

void tl_infer_keeps(const struct tl_unit_facts *units, size_t nunits,
		    const tl_model_set *base, const struct tl_infer_rows *rows,
		    const struct tl_infer_project *proj, struct tl_infer_rows *out)
{
	struct strmap fns;
	strmap_init(&fns);
	gather(units, nunits, base, rows, proj, &fns);
	settle(units, nunits, &fns);
	memset(out, 0, sizeof(*out));
	out->v = xcalloc(fns.count + 1, sizeof(*out->v));
	for (size_t i = 0; i < fns.capacity; i++) {
		const struct strmap_entry *e = &fns.slots[i];
		const struct keep_fn *k = e->key ? e->value : NULL;
		if (!k || !k->keep)
			continue;
		tl_fn_model *r = &out->v[out->n++];
		r->name = xstrdup(e->key);
		r->library = xstrdup("project");
		r->origin = xstrdup(k->origin);
		r->role = TL_ROLE_KEEP;
		r->handle_arg = r->object_arg = TL_NO_ARG;
	}
	qsort(out->v, out->n, sizeof(*out->v), by_name);
	strmap_each(&fns, free_value);
	strmap_free(&fns);
}
