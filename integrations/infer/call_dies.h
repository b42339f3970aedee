/*
 * call_dies.h - whether a call lies on a branch that ends the process,
 * decided with the models: the walk recorded the calls that would end
 * its blocks (tl_call_fact.enders, ends_process.h), and a call to a
 * function whose row has role process_exit (exit, abort, quick_exit, or
 * a project's own fatal() in a model file or annotation) ends it.
 */
#ifndef TL_INFER_CALL_DIES_H
#define TL_INFER_CALL_DIES_H

#include <stdbool.h>

#include "facts.h"
#include "model.h"

/* True when c->dies (a noreturn prototype) or one of c->enders is a
 * process_exit row of `models`. */
bool tl_call_dies(const struct tl_call_fact *c, const tl_model_set *models);

#endif
