//===- UnitGate.cpp - subscribe when the unit gives a checker work --------===//
//
// The hidden checker taskleak.engine.UnitGate: it keeps the gated checkers'
// subscriptions until the unit is parsed, then makes those the unit needs.
//
//===----------------------------------------------------------------------===//

#include "UnitGate.h"

#include "Checkers.h"
#include "ModelIndex.h"
#include "Registry.h"
#include "UnitRoles.h"

#include "clang/AST/Decl.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

struct Waiting {
  CheckerBase *Checker;
  SubscribeFn Subscribe;
  llvm::SmallVector<tl_role, 2> StartRoles;
  bool EveryCxxUnit;
};

class UnitGate : public Checker<check::ASTDecl<TranslationUnitDecl>> {
public:
  mutable std::vector<Waiting> Queue;

  void checkASTDecl(const TranslationUnitDecl *TU, AnalysisManager &AM,
                    BugReporter &) const {
    CheckerManager &Mgr = *AM.getCheckerManager();
    const UnitRoles &Roles = UnitRoles::of(TU->getASTContext(), ModelIndex::shared(Mgr));
    // C++ thread objects start work without a modelled call; a unit
    // analysed with other units' functions imported (CTU) runs code the
    // scan did not see.
    bool Cxx = Mgr.getLangOpts().CPlusPlus;
    bool All = Mgr.getAnalyzerOptions().IsNaiveCTUEnabled;
    for (const Waiting &W : Queue)
      if (All || (Cxx && W.EveryCxxUnit) || llvm::any_of(W.StartRoles,
                              [&](tl_role R) { return Roles.calls(R); }))
        W.Subscribe(W.Checker, Mgr);
    Queue.clear();
  }
};

/// The gate of the analysis being set up (one per process: clang analyses
/// one unit per compiler instance).
CheckerManager *GateFor = nullptr;
UnitGate *Gate = nullptr;

void registerUnitGate(CheckerManager &Mgr) {
  Gate = Mgr.registerChecker<UnitGate>();
  GateFor = &Mgr;
}

} // namespace

void taskleak::subscribeForUnit(CheckerManager &Mgr, CheckerBase *Checker,
                                SubscribeFn Subscribe,
                                llvm::ArrayRef<tl_role> StartRoles,
                                bool EveryCxxUnit) {
  // Without the gate (a missing dependency in Checkers.def), subscribe now:
  // slower, never silent.
  if (GateFor != &Mgr || !Gate) {
    Subscribe(Checker, Mgr);
    return;
  }
  Gate->Queue.push_back(
      {Checker, Subscribe, {StartRoles.begin(), StartRoles.end()}, EveryCxxUnit});
}

static RegisterChecker UnitGateBinding{UnitGateName, registerUnitGate};
