/*
 * annotations.h - model rows a header declares itself:
 * __attribute__((annotate("taskleak_spawn handle_out=0 entry=1 entry_arg=2")))
 * on a declaration is the row {"role": "spawn", "handle_out": 0, ...} for
 * that function (rules/include/taskleak.h spells the macros).  For what
 * inference cannot see: a wrapper in a closed library, a function table.
 */
#ifndef TL_INFER_ANNOTATIONS_H
#define TL_INFER_ANNOTATIONS_H

#include "facts.h"
#include "annotation.h"
#include "model.h"

/*
 * Adds a row of library "annotation" to `set` for every annotated
 * function of the units, through the model loader (so an annotation is
 * checked as a model file is).  A bad one is handed to `bad` as
 * "ORIGIN: annotation on NAME: what" and left out; a function `set`
 * models already is left as it is.  Returns how many rows were added.
 */
size_t tl_annotations_load(const struct tl_unit_facts *units, size_t nunits,
			   tl_model_set *set, void (*bad)(void *arg, const char *msg),
			   void *arg);

#endif
