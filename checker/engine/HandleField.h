//===- HandleField.h - handles held in a field of a struct argument -*- C++ -*-===//
//
// A project's thread API often wraps the handle in its own struct (a thr_t
// whose field `id` holds the pthread_t, a liveness flag beside it).  A model
// row says so with "handle_field": the spawn's handle_out, or the join's or
// detach's by-pointer handle, points to the struct, and the task handle is
// the field of that name.  These helpers turn such an argument into the
// field's region, so the families track it exactly like a raw handle slot.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_HANDLEFIELD_H
#define TASKLEAK_ENGINE_HANDLEFIELD_H

#include "model.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

namespace taskleak {

/// The region of field \p M.handle_field inside the struct that \p Ptr (the
/// argument \p ArgExpr) points to; null when the row has no handle_field or
/// the pointee is not a struct with that field.  Without a handle_field the
/// caller keeps its own idea of the slot.
const clang::ento::MemRegion *
handleFieldRegion(clang::ento::CheckerContext &C, const tl_fn_model &M,
                  clang::ento::SVal Ptr, const clang::Expr *ArgExpr);

} // namespace taskleak

#endif
