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
// the program takes on that status settles it (SpawnOutcomes.cpp, before the
// status dies and its constraint with it); a join or detach of a handle whose
// spawn is known to have failed on this path is reported there.
//
// Only spawns that report failure through their result and write the handle
// through an out-parameter (pthread_create, thrd_create, uv_thread_create):
// a NULL handle from g_thread_try_new is another misuse.
//
//===----------------------------------------------------------------------===//

#include "AckLoop.h"
#include "Checkers.h"
#include "Handles.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "RuleChecker.h"
#include "SpawnOutcome.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class FailedSpawnChecker
    : public GatedRoleRule<FailedSpawnChecker, check::PostCall, check::PreCall> {
public:
  static constexpr tl_role StartRoles[] = {TL_ROLE_SPAWN};
  static constexpr bool EveryCxxUnit = false; // C spawns only (ModelIndex::lookup)
  static const RoleRow<FailedSpawnChecker> PostRoles[], PreRoles[];

private:
  TASKLEAK_ROLE_HANDLER(postSpawn);
  TASKLEAK_ROLE_HANDLER(preRelease);
  void report(SymbolRef Handle, const SpawnOutcome &O, const tl_fn_model &M,
              const CallEvent &Call, CheckerContext &C) const;
};

} // namespace

static std::string handleSpelling(const SpawnOutcome &O) {
  std::string Name = describeRegion(O.HandleRegion, /*BareMember=*/false);
  if (Name.empty())
    if (const auto *FR = dyn_cast_or_null<FieldRegion>(O.HandleRegion))
      Name = FR->getDecl()->getNameAsString();
  return Name.empty() ? "the handle" : "handle '" + Name + "'";
}

const RoleRow<FailedSpawnChecker> FailedSpawnChecker::PostRoles[] = {
    {TL_ROLE_SPAWN, &FailedSpawnChecker::postSpawn}};
const RoleRow<FailedSpawnChecker> FailedSpawnChecker::PreRoles[] = {
    {TL_ROLE_JOIN, &FailedSpawnChecker::preRelease},
    {TL_ROLE_DETACH, &FailedSpawnChecker::preRelease}};

TASKLEAK_ROLE_HANDLER(FailedSpawnChecker::postSpawn) {
  SymbolRef Status = nullptr;
  ProgramStateRef State = recordSpawn(C.getState(), M, Call, Status);
  const SpawnOutcome *O =
      Status ? spawnOutcomes(State).lookup(Status) : nullptr;
  if (!O || !O->Handle) {
    if (State)
      C.addTransition(State);
    return;
  }
  SymbolRef Handle = O->Handle;
  SpawnOutcome Copy = *O;
  // Said only in our own reports: the spawn that failed on their path.
  const NoteTag *Tag = C.getNoteTag(
      [this, Handle, Copy](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != BT.get() || !BR.isInteresting(Handle))
          return "";
        return "Spawn of the thread running " + quotedFunction(Copy.Entry) +
               " into " + handleSpelling(Copy) + "; it fails on this path";
      });
  C.addTransition(State, Tag);
}

/// The recorded failed spawn that wrote \p Handle, if any.
static const SpawnOutcome *failedSpawnOf(ProgramStateRef State,
                                         SymbolRef Handle) {
  for (const auto &E : spawnOutcomes(State))
    if (E.second.Failed && E.second.Handle == Handle)
      return &E.second;
  return nullptr;
}

TASKLEAK_ROLE_HANDLER(FailedSpawnChecker::preRelease) {
  if (!isArg(M.handle_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  SVal V = Call.getArgSVal(M.handle_arg);
  if (M.handle_by_pointer) {
    const MemRegion *R = V.getAsRegion();
    if (!R)
      return;
    V = State->getSVal(R);
  }
  SymbolRef Handle = V.getAsSymbol();
  if (const SpawnOutcome *O = Handle ? failedSpawnOf(State, Handle) : nullptr)
    report(Handle, *O, M, Call, C);
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
          quotedFunction(O.Entry) + " failed: it names no thread",
      N);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Handle);
  C.emitReport(std::move(R));
}

// Speaks under DoubleJoin's name and bug category.
static RegisterChecker TL104Failed{
    DoubleJoinName, registerOneRule<FailedSpawnChecker, DoubleJoinBug>};
