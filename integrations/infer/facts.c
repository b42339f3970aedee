/* facts.c - owning and growing the per-unit facts (see facts.h). */
#include "facts.h"

#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void call_clear(struct tl_call_fact *c)
{
	free(c->callee);
	for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++)
	{
		free(c->args[i].field);
		free(c->args[i].record);
	}
	for (size_t i = 0; i < c->nenders; i++)
		free(c->enders[i]);
	free(c->enders);
}

void tl_unit_facts_free(struct tl_unit_facts *u)
{
	for (size_t i = 0; i < u->nfns; i++) {
		struct tl_fn_fact *fn = &u->fns[i];
		for (size_t k = 0; k < fn->ncalls; k++)
			call_clear(&fn->calls[k]);
		free(fn->calls);
		for (size_t k = 0; k < fn->nwrites; k++)
			free(fn->writes[k]);
		free(fn->writes);
		for (size_t k = 0; k < fn->nnamed; k++)
			free(fn->named[k]);
		free(fn->named);
		for (size_t k = 0; k < fn->nstores; k++) {
			free(fn->stores[k].field);
			free(fn->stores[k].record);
			free(fn->stores[k].from);
		}
		free(fn->stores);
		for (size_t k = 0; k < fn->nlinks; k++) {
			free(fn->links[k].record);
			free(fn->links[k].field);
			free(fn->links[k].arg_field);
		}
		free(fn->links);
		for (size_t k = 0; k < fn->nstops; k++) {
			free(fn->stops[k].record);
			free(fn->stops[k].field);
		}
		free(fn->stops);
		for (size_t k = 0; k < fn->nloop_calls; k++)
			free(fn->loop_calls[k]);
		free(fn->loop_calls);
		free(fn->returns_local);
		free(fn->name);
		free(fn->origin);
	}
	free(u->fns);
	for (size_t i = 0; i < u->nannots; i++) {
		free(u->annots[i].name);
		free(u->annots[i].text);
		free(u->annots[i].origin);
	}
	free(u->annots);
	for (size_t i = 0; i < u->nfiles; i++)
		free(u->files[i]);
	free(u->files);
	memset(u, 0, sizeof(*u));
}

/* Grows `*v` (of `*n` items of `size`) by one zeroed item, doubling at
 * powers of two so that no capacity needs storing. */
static void *grow_one(void **v, size_t *n, size_t size)
{
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 1) * size);
	void *item = (char *)*v + *n * size;
	memset(item, 0, size);
	(*n)++;
	return item;
}

struct tl_fn_fact *tl_unit_add_fn(struct tl_unit_facts *u)
{
	return grow_one((void **)&u->fns, &u->nfns, sizeof(*u->fns));
}

struct tl_call_fact *tl_fn_add_call(struct tl_fn_fact *fn)
{
	return grow_one((void **)&fn->calls, &fn->ncalls, sizeof(*fn->calls));
}

static void add_unique(char ***v, size_t *n, const char *field)
{
	for (size_t k = 0; k < *n; k++)
		if (!strcmp((*v)[k], field))
			return;
	char **slot = grow_one((void **)v, n, sizeof(**v));
	*slot = xstrdup(field);
}

void tl_call_add_ender(struct tl_call_fact *c, const char *name)
{
	add_unique(&c->enders, &c->nenders, name);
}

void tl_fn_add_write(struct tl_fn_fact *fn, const char *field)
{
	add_unique(&fn->writes, &fn->nwrites, field);
}

void tl_fn_add_named(struct tl_fn_fact *fn, const char *field)
{
	add_unique(&fn->named, &fn->nnamed, field);
}

struct tl_store_fact *tl_fn_add_store(struct tl_fn_fact *fn)
{
	return grow_one((void **)&fn->stores, &fn->nstores, sizeof(*fn->stores));
}

struct tl_link_fact *tl_fn_add_link(struct tl_fn_fact *fn)
{
	return grow_one((void **)&fn->links, &fn->nlinks, sizeof(*fn->links));
}

struct tl_stop_fact *tl_fn_add_stop(struct tl_fn_fact *fn)
{
	return grow_one((void **)&fn->stops, &fn->nstops, sizeof(*fn->stops));
}

void tl_fn_add_loop_call(struct tl_fn_fact *fn, const char *callee)
{
	add_unique(&fn->loop_calls, &fn->nloop_calls, callee);
}

struct tl_annot_fact *tl_unit_add_annot(struct tl_unit_facts *u)
{
	return grow_one((void **)&u->annots, &u->nannots, sizeof(*u->annots));
}
