//===- OwnedField.h - a field an owner holds a handle in --------*- C++ -*-===//
//
// The owner pre-passes of two families find the same fact: a struct or
// class field that a modelled call fills with a handle (a task's,
// `pthread_create(&s->tid, NULL, worker, s)`; a timer's, `s->id =
// g_timeout_add(100, tick, s)`), the function that fills it, the code the
// handle runs (the task's entry, the timer's callback) and whether that
// code is given the owner itself.  The lifetime family (OwnerIndex) and
// the timer family (TimerOwners) each add what only they need.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_OWNEDFIELD_H
#define TASKLEAK_ENGINE_OWNEDFIELD_H

#include "ExprNames.h"
#include "model.h"

namespace taskleak {

struct OwnedField {
  const clang::FieldDecl *Field;
  /// The call that fills it (a spawn, a timer create).
  const tl_fn_model *Model;
  const clang::FunctionDecl *AcquiredIn;
  /// The task's entry or the timer's callback, if known.
  const clang::FunctionDecl *Runs;
  /// That code's argument (or data) is the owner.
  bool RunsOnOwner;
};

/// The field \p FD, filled in \p In by the call \p CE (model \p M) whose
/// handle runs \p Runs: the code runs on the owner when the call's
/// "entry_param_arg" points to \p FD's record.
inline OwnedField ownedField(const clang::FieldDecl *FD, const tl_fn_model &M,
                             const clang::CallExpr *CE,
                             const clang::FunctionDecl *In,
                             const clang::FunctionDecl *Runs) {
  const clang::Expr *Arg = argAt(CE, M.entry_param_arg);
  bool OnOwner = Arg && pointeeRecord(Arg->IgnoreParenImpCasts()->getType()) ==
                            FD->getParent();
  return {FD, &M, In, Runs, OnOwner};
}

} // namespace taskleak

#endif
