//===- SpawnOutcomes.cpp - one keeper of the fallible spawns' record ------===//
//
// TL104's FailedSpawn and TL201's AckWait read one record of the fallible
// spawns on the path (engine/SpawnOutcome.h).  Both used to settle it at
// every branch (evalAssume) and prune it at every dead-symbol step, the same
// work twice, and each callback a checker subscribes to is a dispatch at
// every node of every path whether or not it finds anything to do.  This
// modeling checker, a dependency of both rules, keeps the record for them;
// the rules record spawns and read the record.
//
//===----------------------------------------------------------------------===//

#include "AckLoop.h"
#include "Checkers.h"
#include "ModelIndex.h"
#include "Registry.h"
#include "SpawnOutcome.h"
#include "UnitGate.h"

#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class SpawnOutcomeModeling : public RoleGated<check::DeadSymbols, eval::Assume> {
public:
  /// Only a spawn makes a record (FailedSpawn.cpp, AckWait.cpp).
  static constexpr tl_role StartRoles[] = {TL_ROLE_SPAWN};
  static constexpr bool EveryCxxUnit = false; // C spawns only (ModelIndex::lookup)
  const ModelIndex *Models = nullptr;

  /// The branch on a status settles its spawn: failed, or no longer ours.
  ProgramStateRef evalAssume(ProgramStateRef State, SVal, bool) const {
    return settleSpawns(State);
  }

  /// A failed spawn stays while a TL201 wait may still be for it (its
  /// entry writes a file-scope variable), else until nothing can name it.
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
    auto Awaitable = [this](const SpawnOutcome &O) {
      return awaitableThroughGlobals(*Models, O);
    };
    if (ProgramStateRef State = dropUntestableSpawns(C.getState(), SR, Awaitable))
      C.addTransition(State);
  }
};

} // namespace

static RegisterChecker SpawnOutcomesBinding{
    SpawnOutcomeModelingName, registerModelingChecker<SpawnOutcomeModeling>};
