//===- EmptyTraits.cpp - drop program-state entries that hold nothing -----===//
//
// A family that removes the last element of its map or set (a joined task,
// a dead block, a released field) leaves the state's entry in place, holding
// the empty map: a null root.  Another path that never added an element has
// no entry at all.  The two states say the same thing, yet they differ, and
// the analyzer never merges them: every path that once tracked something
// and let it go is explored apart from one that never did.  On mosquitto's
// mosquitto_loop_forever that was 18% more nodes than without the plugin.
//
// One modeling checker, a dependency of every family's, drops such entries
// at each dead-symbol step instead of a rule at each of the families'
// ninety removals.  An entry whose value is null reads exactly as a missing
// one (ProgramStateTrait::MakeData of a null pointer is the empty map, the
// empty set, zero or null), so dropping it changes no answer; it may only
// make two states one.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "Registry.h"

#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace ento;

namespace {

class EmptyTraits : public Checker<check::DeadSymbols> {
public:
  void checkDeadSymbols(SymbolReaper &, CheckerContext &C) const {
    ProgramStateRef State = C.getState();
    llvm::SmallVector<void *, 4> Empty;
    for (const auto &E : State->getGDM())
      if (!E.second)
        Empty.push_back(E.first);
    if (Empty.empty())
      return;
    ProgramStateManager &Mgr = State->getStateManager();
    for (void *Key : Empty)
      State = Mgr.removeGDM(State, Key);
    C.addTransition(State);
  }
};

void registerEmptyTraits(CheckerManager &Mgr) { Mgr.registerChecker<EmptyTraits>(); }

taskleak::RegisterChecker EmptyTraitsBinding{taskleak::EmptyTraitsModelingName,
                                             registerEmptyTraits};

} // namespace
