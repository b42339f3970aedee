/*
 * forward.h - recognising a forwarding call: a function that passes its
 * own parameters to a modelled operation (spawn, join, detach, free,
 * timer, channel, pipe) is a model row of the same role, with the
 * argument positions mapped to its own parameters.
 */
#ifndef TL_INFER_FORWARD_H
#define TL_INFER_FORWARD_H

#include "facts.h"
#include "model.h"

/* Whether inference derives wrappers of a model of this role. */
bool tl_forward_role(tl_role role);

/*
 * The row `fn` would get by forwarding `call` to the model `m`: 0 with
 * *row filled (name, library and origin left NULL; handle_field
 * malloc'ed or NULL), -1 when the call does not forward (a required
 * argument is not one of fn's parameters, a status fn does not pass on,
 * an attribute that may detach).
 */
int tl_forward_row(const struct tl_fn_fact *fn, const struct tl_call_fact *call,
		   const tl_fn_model *m, tl_fn_model *row);

/* Whether `call` hands one of fn's parameters to the handle or object of
 * `m` even though it does not forward (then fn is not a plain wrapper). */
bool tl_forward_touches(const struct tl_call_fact *call, const tl_fn_model *m);

#endif
