/*
 * fixpoint.h - wrappers across units: a function whose one operation on
 * its parameters forwards them to a modelled call is a model itself, and
 * then so is a function forwarding to it (a wrapper of a wrapper), until
 * nothing changes.
 */
#ifndef TL_INFER_FIXPOINT_H
#define TL_INFER_FIXPOINT_H

#include "facts.h"
#include "model.h"

struct tl_infer_rows {
	tl_fn_model *v;     /* sorted by name; each owns its strings */
	size_t n;
	size_t conflicts;   /* names defined differently in several units */
};

/*
 * Infers the rows over every unit's facts, on top of the models in
 * `base` (built-in and user files); a function `base` models already is
 * left as it is.  Never fails (out of memory aborts, as xmalloc does).
 */
void tl_infer_fixpoint(const struct tl_unit_facts *units, size_t nunits,
		       const tl_model_set *base, struct tl_infer_rows *out);

void tl_infer_rows_free(struct tl_infer_rows *rows);

/* Frees the strings of one row (name, library, origin, handle_field). */
void tl_infer_row_clear(tl_fn_model *row);

#endif
