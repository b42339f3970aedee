/*
 * ends_process.h - calls and blocks that end the process (exit, _exit,
 * _Exit, quick_exit, abort, or a function declared noreturn).  What a
 * function does to its parameters only on such a branch is not what it
 * does on its way back to the caller (chan's assert_true frees the
 * channel just before exit(1)): the inference leaves those calls out of
 * the function's rows (facts.h, tl_call_fact.dies).
 */
#ifndef TL_INFER_ENDS_PROCESS_H
#define TL_INFER_ENDS_PROCESS_H

#include <stdbool.h>

#include "libclang_calls.h" /* clang-c/Index.h, called through a table */

/* Whether `call` (a CallExpr) calls a function that never returns. */
bool tl_call_ends_process(CXTranslationUnit tu, CXCursor call);

/* Whether the compound statement `block` has such a call among its own
 * statements, so every path through it ends the process. */
bool tl_block_ends_process(CXTranslationUnit tu, CXCursor block);

#endif
