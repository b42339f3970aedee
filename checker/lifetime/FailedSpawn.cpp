//===- FailedSpawn.cpp - join or detach of a handle whose spawn failed ----===//
//
// TL104 DoubleJoin, one more misuse of a handle: the spawn failed, the
// program logged it and fell through, and then joins or detaches the handle
// anyway (issue 15 item 13; redis's test modules had it):
//
//   if (pthread_create(&tid, NULL, worker, NULL) != 0)
//     log("cannot start");
//   pthread_detach(tid);          // tid was never written: indeterminate
//
// The lifetime checker drops a handle whose spawn the path shows failed (no
// task, no leak), so this is its own small checker: it remembers, per handle
// value a spawn wrote to its out-parameter, the spawn's status; the branch
// the program takes on that status settles it (evalAssume, before the status
// dies and its constraint with it); a join or detach of a handle whose
// spawn is known to have failed on this path is reported there.
//
// Only spawns that report failure through their result and write the handle
// through an out-parameter (pthread_create, thrd_create, uv_thread_create):
// a NULL handle from g_thread_try_new is another misuse.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "Handles.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "StateFields.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// One handle value a fallible spawn wrote.  Status is null once the path
/// has shown the spawn failed.
struct SpawnOutcome : public FieldwiseValue<SpawnOutcome> {
  SymbolRef Status;
  const tl_fn_model *Spawn;
  const FunctionDecl *Entry;
  const MemRegion *HandleRegion;

  bool failed() const { return !Status; }
  auto fields() const {
    return std::make_tuple(Status, Spawn, Entry, HandleRegion);
  }
};

class FailedSpawnChecker
    : public Checker<check::PostCall, check::PreCall, check::DeadSymbols,
                     eval::Assume> {
public:
  const ModelIndex *Models = nullptr;
  std::unique_ptr<BugType> BT;

  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const;

private:
  void report(SymbolRef Handle, const SpawnOutcome &O, const tl_fn_model &M,
              const CallEvent &Call, CheckerContext &C) const;
};

} // namespace

// Handle value a fallible spawn wrote -> what the path knows of its status.
REGISTER_MAP_WITH_PROGRAMSTATE(SpawnOutcomeMap, SymbolRef, SpawnOutcome)

static std::string handleSpelling(const SpawnOutcome &O) {
  std::string Name = describeRegion(O.HandleRegion, /*BareMember=*/false);
  if (Name.empty())
    if (const auto *FR = dyn_cast_or_null<FieldRegion>(O.HandleRegion))
      Name = FR->getDecl()->getNameAsString();
  return Name.empty() ? "the handle" : "handle '" + Name + "'";
}

static std::string entrySpelling(const SpawnOutcome &O) {
  return O.Entry ? "'" + O.Entry->getNameAsString() + "'"
                 : "an unknown function";
}

void FailedSpawnChecker::checkPostCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (!M || M->role != TL_ROLE_SPAWN || M->success != TL_SUCCESS_ZERO ||
      !isArg(M->handle_out_arg, Call))
    return;
  SymbolRef Status = Call.getReturnValue().getAsSymbol();
  SVal Out = Call.getArgSVal(M->handle_out_arg);
  const Expr *OutExpr = Call.getArgExpr(M->handle_out_arg);
  if (!Status || !Out.getAs<Loc>() || !OutExpr)
    return;
  QualType T = OutExpr->IgnoreParenImpCasts()->getType()->getPointeeType();
  if (T.isNull() || T->isVoidType())
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Handle = State->getSVal(Out.castAs<Loc>(), T).getAsSymbol();
  if (!Handle)
    return;
  const FunctionDecl *Entry =
      isArg(M->entry_arg, Call) ? Call.getArgSVal(M->entry_arg).getAsFunctionDecl()
                                : nullptr;
  SpawnOutcome O{{}, Status, M, Entry, Out.getAsRegion()};
  // Said only in our own reports: the spawn that failed on their path.
  const NoteTag *Tag = C.getNoteTag(
      [this, Handle, O](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != BT.get() || !BR.isInteresting(Handle))
          return "";
        return "Spawn of the thread running " + entrySpelling(O) + " into " +
               handleSpelling(O) + "; it fails on this path";
      });
  C.addTransition(State->set<SpawnOutcomeMap>(Handle, O), Tag);
}

/// The branch on the status settles the spawn: failed, or no longer ours.
ProgramStateRef FailedSpawnChecker::evalAssume(ProgramStateRef State, SVal,
                                               bool) const {
  ConstraintManager &CM = State->getConstraintManager();
  for (const auto &E : State->get<SpawnOutcomeMap>()) {
    if (E.second.failed())
      continue;
    ConditionTruthVal IsZero = CM.isNull(State, E.second.Status);
    if (IsZero.isUnderconstrained())
      continue;
    if (IsZero.isConstrainedTrue()) {
      State = State->remove<SpawnOutcomeMap>(E.first);
    } else {
      SpawnOutcome Failed = E.second;
      Failed.Status = nullptr;
      State = State->set<SpawnOutcomeMap>(E.first, Failed);
    }
  }
  return State;
}

void FailedSpawnChecker::checkPreCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (!M || (M->role != TL_ROLE_JOIN && M->role != TL_ROLE_DETACH) ||
      !isArg(M->handle_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  SVal V = Call.getArgSVal(M->handle_arg);
  if (M->handle_by_pointer) {
    const MemRegion *R = V.getAsRegion();
    if (!R)
      return;
    V = State->getSVal(R);
  }
  SymbolRef Handle = V.getAsSymbol();
  const SpawnOutcome *O = Handle ? State->get<SpawnOutcomeMap>(Handle) : nullptr;
  if (O && O->failed())
    report(Handle, *O, *M, Call, C);
}

void FailedSpawnChecker::report(SymbolRef Handle, const SpawnOutcome &O,
                                const tl_fn_model &M, const CallEvent &Call,
                                CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  std::string Verb = M.role == TL_ROLE_JOIN ? "joined" : "detached";
  std::string Handle1 = handleSpelling(O);
  Handle1[0] = toupper(Handle1[0]);
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BT,
      Handle1 + " is " + Verb + " after the spawn of the thread running " +
          entrySpelling(O) + " failed: it names no thread",
      N);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Handle);
  C.emitReport(std::move(R));
}

void FailedSpawnChecker::checkDeadSymbols(SymbolReaper &SR,
                                          CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (const auto &E : State->get<SpawnOutcomeMap>())
    // An unsettled status that died can no longer be tested.
    if (SR.isDead(E.first) || (!E.second.failed() && SR.isDead(E.second.Status))) {
      State = State->remove<SpawnOutcomeMap>(E.first);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}

namespace taskleak {

// Called by the TL104 checker's registration (Plugin.cpp): this checker
// speaks under DoubleJoin's name and bug category.
void registerFailedSpawnJoin(CheckerManager &Mgr) {
  auto *Chk = Mgr.registerChecker<FailedSpawnChecker>();
  Chk->Models = &ModelIndex::shared(Mgr);
  Chk->BT = std::make_unique<BugType>(Mgr.getCurrentCheckerName(),
                                      "Double join or detach",
                                      "Task lifetime");
}

} // namespace taskleak
