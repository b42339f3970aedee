//===- CallSuccess.h - split a path on a modelled call's result -*- C++ -*-===//
//
// A call whose model row says how its result tells success ("success":
// zero, nonnull, nonnegative) does its job only on the path where it
// succeeded: a failed event_add queues nothing.  Rules that change their
// state at such a call split the path here, eagerly, and change it on the
// succeeded branch only.  A row without the field (or "always") never
// fails: the whole path is the succeeded one.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_CALLSUCCESS_H
#define TASKLEAK_ENGINE_CALLSUCCESS_H

#include "model.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace taskleak {

/// The two branches of \p Call's result under \p M's "success".
struct CallOutcome {
  clang::ento::ProgramStateRef Succeeded; ///< null if it cannot succeed here
  clang::ento::ProgramStateRef Failed;    ///< null if it cannot fail here
};

/// Splits \p State on the result of \p Call by \p M.success.  When the result
/// is unknown, the row never fails, or the program discards the result
/// (`event_add(ev, NULL);` as a statement: nothing on the path can tell a
/// failure, and a branch it never took would only report what it cannot
/// see), Succeeded is \p State and Failed null.
CallOutcome splitOnSuccess(const tl_fn_model &M, const clang::ento::CallEvent &Call,
                           clang::ento::ProgramStateRef State,
                           clang::ento::CheckerContext &C);

} // namespace taskleak

#endif
