/*
 * trampoline.h - a start function that stores the entry it is given and
 * its argument in an object, then spawns a FIXED entry (the trampoline)
 * that calls them:
 *
 *   int thr_start(pthread_t *t, void *(*fn)(void *), void *arg) {
 *       cap_t *c = malloc(sizeof *c);
 *       c->fn = fn; c->arg = arg;
 *       return pthread_create(t, NULL, trampoline, c);
 *   }
 *   static void *trampoline(void *p) { cap_t *c = p; return c->fn(c->arg); }
 *
 * The task runs fn(arg), so thr_start is a spawn whose entry is its
 * parameter 1 and whose entry argument is its parameter 2: the ordinary
 * spawn row ("entry": 1, "entry_arg": 2), which the analyzer already
 * reads as "this call starts fn(arg)".  Nothing new in the model format
 * or the plugin; the inference only has to see through the trampoline.
 */
#ifndef TL_INFER_TRAMPOLINE_H
#define TL_INFER_TRAMPOLINE_H

#include "facts.h"
#include "model.h"

struct strmap;

/*
 * The row fn gets when `call` is a spawn (model m) of a fixed entry
 * defined in the project (`defined` maps a name to its tl_fn_fact) that
 * calls `x->f(x->g)` on the object it receives, fn storing its own
 * parameters i and j into f and g of the same struct: m forwarded with
 * entry = i, entry_arg = j.  0 with *row filled as tl_forward_row does;
 * -1 otherwise.  An int start function that does not return the spawn's
 * status is taken to return 0 on success (the convention of every one
 * seen: collectd, nng, knot).  A spawn attribute that is a global struct
 * no call in the project hands to an attr_detach model (pthread_attr_t
 * nni_thrattr, set up once with a stack size) counts as no attribute.
 */
int tl_trampoline_row(const struct tl_fn_fact *fn, const struct tl_call_fact *call,
		      const tl_fn_model *m, const tl_model_set *base,
		      const struct strmap *defined, tl_fn_model *row);

#endif
