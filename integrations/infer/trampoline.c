/*
 * trampoline.c - seeing through a fixed entry that calls the stored one
 * (see trampoline.h).
 *
 * The match is by struct and field names only: the start function's
 * stores (tl_link_fact with a parameter) and the trampoline's indirect
 * call (tl_link_fact without one) must name the same struct, the call's
 * function field receiving one parameter and its argument field another.
 * The object's own identity (a malloc'd capsule, the handle struct) does
 * not matter: whatever it is, the trampoline reads the two fields of it.
 */
#include "trampoline.h"

#include "common/strmap.h"
#include "forward.h"

#include <stdbool.h>
#include <string.h>

/* The parameter fn stores into record.field, or -1. */
static int stored_param(const struct tl_fn_fact *fn, const char *record, const char *field)
{
	for (size_t k = 0; k < fn->nlinks; k++) {
		const struct tl_link_fact *l = &fn->links[k];
		if (l->param >= 0 && !strcmp(l->record, record) && !strcmp(l->field, field))
			return l->param;
	}
	return -1;
}

/* Whether some call in the project hands the global `name` to a model
 * that may set it detached (pthread_attr_setdetachstate): a spawn
 * attribute set up once in a global (nng's nni_thrattr) detaches nothing
 * otherwise. */
static bool global_may_detach(const char *name, const tl_model_set *base,
			      const struct strmap *defined)
{
	for (size_t s = 0; s < defined->capacity; s++) {
		const struct tl_fn_fact *fn = defined->slots[s].value;
		for (size_t k = 0; fn && k < fn->ncalls; k++) {
			const struct tl_call_fact *c = &fn->calls[k];
			const tl_fn_model *m = tl_models_lookup(base, c->callee);
			if (!m || m->role != TL_ROLE_ATTR_DETACH)
				continue;
			for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++)
				if (c->args[i].kind == TL_ARG_ADDR_GLOBAL &&
				    !strcmp(c->args[i].field, name))
					return true;
		}
	}
	return false;
}

/* The fixed entry `call` spawns, when the project defines it. */
static const struct tl_fn_fact *fixed_entry(const struct tl_call_fact *call,
					    const tl_fn_model *m, const struct strmap *defined)
{
	if (m->role != TL_ROLE_SPAWN || m->entry_arg < 0 || m->entry_param_arg < 0 ||
	    m->entry_arg >= call->nargs || m->entry_param_arg >= call->nargs ||
	    m->entry_arg >= TL_INFER_MAX_ARGS || m->entry_param_arg >= TL_INFER_MAX_ARGS)
		return NULL;
	const struct tl_arg_fact *e = &call->args[m->entry_arg];
	void **slot = e->kind == TL_ARG_FUNC ? strmap_find(defined, e->field) : NULL;
	return slot ? *slot : NULL;
}

int tl_trampoline_row(const struct tl_fn_fact *fn, const struct tl_call_fact *call,
		      const tl_fn_model *m, const tl_model_set *base,
		      const struct strmap *defined, tl_fn_model *row)
{
	const struct tl_fn_fact *t = fixed_entry(call, m, defined);
	if (!t || t == fn)
		return -1;
	for (size_t k = 0; k < t->nlinks; k++) {
		const struct tl_link_fact *l = &t->links[k];
		if (l->param >= 0)
			continue;
		int i = stored_param(fn, l->record, l->field);
		int j = stored_param(fn, l->record, l->arg_field);
		if (i < 0 || j < 0 || i == j)
			continue;
		/* The call as if fn had passed fn(arg) itself; fields shared, not owned. */
		struct tl_call_fact as_if = *call;
		as_if.args[m->entry_arg] = (struct tl_arg_fact){ TL_ARG_DIRECT, i, NULL, NULL };
		as_if.args[m->entry_param_arg] = (struct tl_arg_fact){ TL_ARG_DIRECT, j, NULL, NULL };
		if (fn->ret == TL_RET_INT && !m->handle_return)
			as_if.returned = true;
		int a = m->attr_arg;
		if (a >= 0 && a < as_if.nargs && a < TL_INFER_MAX_ARGS &&
		    as_if.args[a].kind == TL_ARG_ADDR_GLOBAL &&
		    !global_may_detach(as_if.args[a].field, base, defined))
			as_if.args[a] = (struct tl_arg_fact){ TL_ARG_NULL, -1, NULL, NULL };
		if (tl_forward_row(fn, &as_if, m, row) == 0)
			return 0;
	}
	return -1;
}
