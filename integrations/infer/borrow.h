/*
 * borrow.h - inferring role "borrow": a project function that receives a
 * task handle and only uses it (names the thread, signals it, lets a
 * thread that an init function made run) without owning it.  The plugin
 * then keeps tracking the handle across a call to it, where an unknown
 * call would have ended tracking.
 */
#ifndef TL_INFER_BORROW_H
#define TL_INFER_BORROW_H

#include "facts.h"
#include "model.h"

struct strmap;

/* The model of a callee as the fixpoint knows it this round. */
typedef const tl_fn_model *(*tl_infer_lookup)(const tl_model_set *base,
					      const struct strmap *cur,
					      const char *name);

/*
 * fn's borrow row: 0 with *row filled (name, library, origin set) when fn
 * hands one parameter to the handle of borrow models only (every such
 * call the same parameter, the same way) and otherwise never keeps it:
 * the parameter is not stored, returned or compared (bare_use; for a
 * pointer to the handle, loose_use: a test such as `if (t == NULL)`
 * keeps nothing), and no
 * other call receives it, its pointee or its address (a field other than
 * the handle field may go to a lock).  -1 otherwise, *row untouched.
 */
int tl_borrow_row(const struct tl_fn_fact *fn, const tl_model_set *base,
		  const struct strmap *cur, tl_infer_lookup lookup, tl_fn_model *row);

#endif
