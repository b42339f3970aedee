/*
 * walk_unit.h - parses one translation unit with libclang and collects
 * its facts (facts.h): the functions it defines and the calls in them
 * that receive a parameter.  Function-like macros need nothing special:
 * libclang's AST holds the calls they expand to.
 */
#ifndef TL_INFER_WALK_UNIT_H
#define TL_INFER_WALK_UNIT_H

#include "facts.h"
#include "scan/compdb.h"

#include "libclang_calls.h" /* clang-c/Index.h, called through a table */

/*
 * Parses `tu` with `index` (one per thread: libclang indexes are not
 * shared across threads) and fills `out`.  Origins are written relative
 * to `root` when under it.  A unit that does not parse is TL_E_INPUT with
 * "FILE: clang's first error" in *err; `out` is then empty.
 */
int tl_walk_unit(CXIndex index, const struct tl_tu *tu, const char *root,
		 struct tl_unit_facts *out, char **err);

#endif
