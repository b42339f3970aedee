//===- SpawnOutcome.h - what the path knows of a fallible spawn -*- C++ -*-===//
//
// A spawn that reports failure through its result (pthread_create's
// non-zero status, g_thread_try_new's NULL) leaves the path unsure whether
// a task runs until the program branches on that result.  Several rules
// need the answer after the branch: a join or detach of a handle whose
// spawn failed (TL104, lifetime/FailedSpawn), an owner waiting for a value
// only a task that never started would write (TL201, lifetime/AckWait).
// They read one record, kept here:
//
//   spawn call --recordSpawn--> unsettled --branch on the status (settleSpawns)
//        |                        |    \--> success: removed (the task is not
//        |                        |         this record's business)
//        |                        \--> the status dies untested: removed
//        \-----------------------------> failed: kept to the path's end
//
// Every checker that reads the record calls the three steps from its own
// callbacks (post-call, evalAssume, dead symbols): the steps are
// idempotent, so the record is the same whichever of them is enabled.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_SPAWNOUTCOME_H
#define TASKLEAK_ENGINE_SPAWNOUTCOME_H

#include "StateFields.h"
#include "model.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/ImmutableMap.h"
#include "llvm/ADT/STLExtras.h"

namespace taskleak {

/// One fallible spawn on the path, keyed by its status symbol.
struct SpawnOutcome : public FieldwiseValue<SpawnOutcome> {
  bool Failed;              ///< the path has shown the spawn failed
  const tl_fn_model *Spawn; ///< its model row
  const clang::Expr *Site;  ///< the spawn call
  /// The entry's value on the path, or null.
  const clang::FunctionDecl *Entry;
  /// The base region the entry's argument points into, or null.
  const clang::ento::MemRegion *Arg;
  /// The handle written through "handle_out" when the status is a separate
  /// result (pthread_create), and where it was written; null otherwise.
  clang::ento::SymbolRef Handle;
  const clang::ento::MemRegion *HandleRegion;

  auto fields() const {
    return std::make_tuple(Failed, Spawn, Site, Entry, Arg, Handle,
                           HandleRegion);
  }
};

using SpawnOutcomes = llvm::ImmutableMap<clang::ento::SymbolRef, SpawnOutcome>;

/// Records the spawn \p Call (model \p M) if its result can say it failed;
/// \p Status is set to that result's symbol, or null if nothing was recorded.
clang::ento::ProgramStateRef recordSpawn(clang::ento::ProgramStateRef State,
                                         const tl_fn_model &M,
                                         const clang::ento::CallEvent &Call,
                                         clang::ento::SymbolRef &Status);

/// evalAssume's step: a branch that constrains a status settles its spawn
/// (failed: kept and marked; succeeded: removed).
clang::ento::ProgramStateRef settleSpawns(clang::ento::ProgramStateRef State);

/// checkDeadSymbols' step: an unsettled status that died can no longer be
/// tested, and a failure whose handle and argument nothing reaches can no
/// longer be joined or waited for, unless \p StillAwaitable says a wait on
/// other memory may be for it.  Returns null if nothing changed.
clang::ento::ProgramStateRef
dropUntestableSpawns(clang::ento::ProgramStateRef State,
                     clang::ento::SymbolReaper &SR,
                     llvm::function_ref<bool(const SpawnOutcome &)> StillAwaitable);

/// Every spawn recorded on the path, by status.
SpawnOutcomes spawnOutcomes(clang::ento::ProgramStateRef State);

} // namespace taskleak

#endif
