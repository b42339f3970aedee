/*
 * write_model.h - inferred rows as a model file (the format of
 * rules/models, read back by checker/core's loader).
 */
#ifndef TL_INFER_WRITE_MODEL_H
#define TL_INFER_WRITE_MODEL_H

#include "common/strbuf.h"
#include "model.h"

/* One row as a JSON object on one line; the origin only if `origin`. */
void tl_write_row(struct strbuf *sb, const tl_fn_model *row, bool origin);

/* The whole file: library "project", rows in the order given, then
 * `extra` (the members after "functions": owners.c's tl_write_project). */
void tl_write_model(struct strbuf *sb, const tl_fn_model *const *rows, size_t n,
		    const char *extra);

#endif
