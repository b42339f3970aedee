//===- HandleOut.h - where a creating call writes its handle ----*- C++ -*-===//
//
// A spawn, a chan_make or a timer_create with "handle_out" writes the new
// handle (or a pipe's two ends) through a pointer argument.  Every family
// that reads it back needs the same two things: the region the argument
// points to and the type stored there.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_HANDLEOUT_H
#define TASKLEAK_ENGINE_HANDLEOUT_H

#include "model.h"

#include "clang/AST/Type.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"

#include <optional>

namespace taskleak {

struct HandleOut {
  const clang::ento::MemRegion *Region; ///< what the argument points to
  clang::QualType Type;                 ///< the handle's type there
};

/// \p M's "handle_out" argument of \p Call, if it is a pointer to a known
/// region; none otherwise (no such argument, an unknown pointer).
std::optional<HandleOut> handleOut(const tl_fn_model &M,
                                   const clang::ento::CallEvent &Call);

} // namespace taskleak

#endif
