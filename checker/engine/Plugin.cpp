//===- Plugin.cpp - the taskleak analyzer plugin's entry points -----------===//
//
// clang loads this library with -load (or scan-build -load-plugin), checks
// clang_analyzerAPIVersionString against its own version, and calls
// clang_registerCheckers.  Registration is declarative: the rows of
// Checkers.def (name, description, rule id, dependencies, options), each
// checker registering what the families bound to its name (Registry.h).
//
//===----------------------------------------------------------------------===//

#include "Registry.h"

#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

bool always(const CheckerManager &) { return true; }

// A rule may be found by more than one checker family (TL203 for channels
// and for pipes across fork): each family binds a function to the rule's
// checker name, and clang sees one checker that runs them all.
void registerAllOfName(CheckerManager &Mgr) {
  llvm::StringRef Name = Mgr.getCurrentCheckerName().getName();
  for (const CheckerEntry &E : registeredCheckers())
    if (Name == E.Name)
      E.Register(Mgr);
}

std::string docsOf(const char *RuleId) {
  return *RuleId ? std::string("https://github.com/taskleak/taskleak/blob/"
                               "main/rules/docs/") +
                       RuleId + ".md"
                 : "";
}

} // namespace

namespace taskleak {
std::vector<CheckerEntry> &registeredCheckers() {
  static std::vector<CheckerEntry> All;
  return All;
}
} // namespace taskleak

extern "C" void clang_registerCheckers(CheckerRegistry &R) {
#define CHECKER(Id, FullName, RuleId, Hidden, Description)                     \
  R.addChecker(registerAllOfName, always, FullName, Description,               \
               docsOf(RuleId), Hidden);
#define DEPENDS(Id, OnId) R.addDependency(Id##Name, OnId##Name);
#define OPTION(Type, Id, Option, Default, Description)                         \
  R.addCheckerOption(Type, Id##Name, Option, Default, Description, "released");
#include "Checkers.def"
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
