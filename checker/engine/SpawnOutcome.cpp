//===- SpawnOutcome.cpp - what the path knows of a fallible spawn ---------===//

#include "SpawnOutcome.h"
#include "Handles.h"
#include "StateTraits.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;

// Status of a fallible spawn -> what the path knows of it.  One map for
// every reader (the trait lives in this file only).
REGISTER_MAP_WITH_PROGRAMSTATE(SpawnOutcomeMap, SymbolRef,
                               taskleak::SpawnOutcome)

namespace taskleak {

/// The handle \p M's spawn wrote through its "handle_out" argument, and
/// where; null when the argument's pointee type is unknown or void.
static SymbolRef writtenHandle(const tl_fn_model &M, const CallEvent &Call,
                               ProgramStateRef State, const MemRegion *&Where) {
  if (!isArg(M.handle_out_arg, Call))
    return nullptr;
  SVal Out = Call.getArgSVal(M.handle_out_arg);
  const Expr *OutExpr = Call.getArgExpr(M.handle_out_arg);
  if (!Out.getAs<Loc>() || !OutExpr)
    return nullptr;
  QualType T = OutExpr->IgnoreParenImpCasts()->getType()->getPointeeType();
  if (T.isNull() || T->isVoidType())
    return nullptr;
  Where = Out.getAsRegion();
  return State->getSVal(Out.castAs<Loc>(), T).getAsSymbol();
}

ProgramStateRef recordSpawn(ProgramStateRef State, const tl_fn_model &M,
                            const CallEvent &Call, SymbolRef &Status) {
  Status = nullptr;
  if (M.role != TL_ROLE_SPAWN || !Call.getOriginExpr() ||
      (M.success != TL_SUCCESS_ZERO && M.success != TL_SUCCESS_NONNULL))
    return State;
  SymbolRef Result = Call.getReturnValue().getAsSymbol();
  if (!Result)
    return State;
  SpawnOutcome O{};
  O.Spawn = &M;
  O.Site = Call.getOriginExpr();
  O.Entry = argFunction(M.entry_arg, Call);
  if (const MemRegion *A = argRegion(M.entry_param_arg, Call))
    O.Arg = A->getBaseRegion();
  // With a NULL-on-failure result the handle is the status itself.
  if (M.success == TL_SUCCESS_ZERO)
    O.Handle = writtenHandle(M, Call, State, O.HandleRegion);
  Status = Result;
  return State->set<SpawnOutcomeMap>(Result, O);
}

ProgramStateRef settleSpawns(ProgramStateRef State) {
  ConstraintManager &CM = State->getConstraintManager();
  for (const auto &E : State->get<SpawnOutcomeMap>()) {
    if (E.second.Failed)
      continue;
    ConditionTruthVal IsZero = CM.isNull(State, E.first);
    if (IsZero.isUnderconstrained())
      continue;
    bool NullIsFailure = E.second.Spawn->success == TL_SUCCESS_NONNULL;
    if (IsZero.isConstrainedTrue() != NullIsFailure) {
      State = without<SpawnOutcomeMap>(State, E.first);
    } else {
      SpawnOutcome Failed = E.second;
      Failed.Failed = true;
      State = State->set<SpawnOutcomeMap>(E.first, Failed);
    }
  }
  return State;
}

/// A failed spawn nothing can name any more: its handle and the memory the
/// task would have been given are unreachable (an owner freed, a pointer
/// cleared), so no later join or wait can be about it.  Keeping it would
/// only keep this path apart from paths the analyzer could merge.
static bool unreachableFailure(const SpawnOutcome &O, SymbolReaper &SR) {
  return O.Arg && !SR.isLiveRegion(O.Arg) &&
         (!O.Handle || SR.isDead(O.Handle)) &&
         (!O.HandleRegion || !SR.isLiveRegion(O.HandleRegion));
}

ProgramStateRef
dropUntestableSpawns(ProgramStateRef State, SymbolReaper &SR,
                     llvm::function_ref<bool(const SpawnOutcome &)> StillAwaitable) {
  bool Changed = false;
  for (const auto &E : State->get<SpawnOutcomeMap>())
    if (E.second.Failed ? unreachableFailure(E.second, SR) && !StillAwaitable(E.second)
                        : SR.isDead(E.first)) {
      State = without<SpawnOutcomeMap>(State, E.first);
      Changed = true;
    }
  return Changed ? State : nullptr;
}

SpawnOutcomes spawnOutcomes(ProgramStateRef State) {
  return State->get<SpawnOutcomeMap>();
}

} // namespace taskleak
