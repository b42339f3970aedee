/* borrow.c - inferring borrows (see borrow.h). */
#include "borrow.h"

#include "common/strbuf.h"
#include "fixpoint.h"
#include "forward.h"

#include <string.h>

static bool same_handle(const tl_fn_model *a, const tl_fn_model *b)
{
	if (a->handle_arg != b->handle_arg || a->handle_by_pointer != b->handle_by_pointer)
		return false;
	if (!a->handle_field || !b->handle_field)
		return a->handle_field == b->handle_field;
	return !strcmp(a->handle_field, b->handle_field);
}

/* The one way fn lends its parameter to borrow models; -1 when none, or
 * when two calls lend different things. */
static int lent(const struct tl_fn_fact *fn, const tl_model_set *base,
		const struct strmap *cur, tl_infer_lookup lookup, tl_fn_model *row)
{
	bool found = false;
	tl_fn_model tmp;

	for (size_t k = 0; k < fn->ncalls; k++) {
		const tl_fn_model *m = lookup(base, cur, fn->calls[k].callee);
		if (!m || m->role != TL_ROLE_BORROW ||
		    tl_forward_row(fn, &fn->calls[k], m, &tmp))
			continue;
		if (!found) {
			*row = tmp;
			found = true;
			continue;
		}
		bool same = same_handle(row, &tmp);
		tl_infer_row_clear(&tmp);
		if (!same) {
			tl_infer_row_clear(row);
			return -1;
		}
	}
	return found ? 0 : -1;
}

/* Whether call c may keep parameter p: it gets p, *p or &p, or (for a
 * handle held in a struct) the handle field itself. */
static bool kept_by(const struct tl_call_fact *c, int p, const char *field)
{
	for (int i = 0; i < c->nargs && i < TL_INFER_MAX_ARGS; i++) {
		const struct tl_arg_fact *a = &c->args[i];
		if (a->param != p)
			continue;
		if (a->kind != TL_ARG_MEMBER && a->kind != TL_ARG_ADDR_MEMBER)
			return true;
		if (field && a->field && !strcmp(a->field, field))
			return true;
	}
	return false;
}

int tl_borrow_row(const struct tl_fn_fact *fn, const tl_model_set *base,
		  const struct strmap *cur, tl_infer_lookup lookup, tl_fn_model *row)
{
	tl_fn_model r;

	if (lent(fn, base, cur, lookup, &r))
		return -1;
	int p = r.handle_arg;
	/* A test of a pointer parameter (nng's `if (thr == NULL)` before
	 * naming the thread) keeps nothing: loose_use counts stores, returns
	 * and aliases only.  A handle passed by value may be an integer
	 * (pthread_t), whose assignment `kept = t` the walk cannot tell from
	 * a test: bare_use, every use, for it. */
	unsigned used = r.handle_by_pointer ? fn->loose_use : fn->bare_use;
	bool kept = p < 0 || p >= 32 || (used & (1u << p));
	for (size_t k = 0; k < fn->ncalls && !kept; k++) {
		const tl_fn_model *m = lookup(base, cur, fn->calls[k].callee);
		if (!m || m->role != TL_ROLE_BORROW)
			kept = kept_by(&fn->calls[k], p, r.handle_field);
	}
	if (kept) {
		tl_infer_row_clear(&r);
		return -1;
	}
	r.name = xstrdup(fn->name);
	r.library = xstrdup("project");
	r.origin = xstrdup(fn->origin);
	*row = r;
	return 0;
}
