/*
 * keep.h - project functions that keep what they are given (role keep).
 *
 * An owner handed to a function of another unit ends its tracking: that
 * function may join its task, free it or store it for later.  Most such
 * calls do none of that (mosquitto__destroy hands mosq to will__clear,
 * which frees mosq->will): a function whose parameters are only tested,
 * dereferenced for fields other than any owner's task handle field, and
 * passed on to functions that keep them in turn, keeps what it is given,
 * and the lifetime checker goes on tracking the owner across the call.
 *
 * Conservative: a function not defined in any unit, a parameter stored,
 * returned, aliased or given to an indirect call, or a handle field named
 * through any parameter, and the function is not a keep.
 */
#ifndef TL_INFER_KEEP_H
#define TL_INFER_KEEP_H

#include "facts.h"
#include "fixpoint.h"
#include "model.h"
#include "owners.h"

/*
 * The keep rows over every unit's facts: functions with at least one
 * parameter that no model of `base` and no row of `rows` names, each with
 * its origin.  Returned in *out (sorted by name, each row owning its
 * strings; free with tl_infer_rows_free).  Never fails (out of memory
 * aborts).
 */
void tl_infer_keeps(const struct tl_unit_facts *units, size_t nunits,
		    const tl_model_set *base, const struct tl_infer_rows *rows,
		    const struct tl_infer_project *proj, struct tl_infer_rows *out);

#endif
