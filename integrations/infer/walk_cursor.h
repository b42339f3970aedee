/*
 * walk_cursor.h - the cursor helpers of walk_unit.c that the other walks
 * of a function body (stop_loop.c) share.
 */
#ifndef TL_INFER_WALK_CURSOR_H
#define TL_INFER_WALK_CURSOR_H

#include "libclang_calls.h"

#include <stdbool.h>

/* A copy of the string (never NULL); the CXString is disposed. */
char *tl_cx_take(CXString s);
/* The last child: the operand of a cast, a unary operator, a member access. */
CXCursor tl_cx_child(CXCursor c);
/* c without casts and parentheses. */
CXCursor tl_cx_strip(CXCursor c);
/* The struct a pointer type points to (its tag or typedef name), or NULL. */
char *tl_cx_record_of(CXType ptr);
/* Whether operator `op` is spelled `text` (the first punctuation after
 * `lhs`; for a unary operator, lhs is a null cursor). */
bool tl_cx_operator_is(CXTranslationUnit tu, CXCursor op, CXCursor lhs, const char *text);

#endif
