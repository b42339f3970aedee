//===- Plugin.cpp - the taskleak analyzer plugin's entry points -----------===//
//
// clang loads this library with -load (or scan-build -load-plugin), checks
// clang_analyzerAPIVersionString against its own version, and calls
// clang_registerCheckers.  Registration is declarative: each checker with
// its full name, description and options, nothing else.  The lifetime
// checkers are listed here; later checker families register themselves
// (Registry.h) and are added from that list.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "GObjectOwners.h"
#include "Registry.h"

#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

bool always(const CheckerManager &) { return true; }

// TL102 and TL104 speak for C task handles and for std::thread objects:
// one checker name, both checker families.
void registerAllOfName(CheckerManager &Mgr);
void registerDanglingTaskArgAll(CheckerManager &Mgr) {
  registerDanglingTaskArg(Mgr);
  registerStdThreadDanglingTaskArg(Mgr);
  registerAllOfName(Mgr); // lifetime/CaptureScopes.cpp
}
void registerUnjoinedTaskAll(CheckerManager &Mgr) {
  registerUnjoinedTask(Mgr);
  registerRespawnUnjoined(Mgr);
}
void registerDoubleJoinAll(CheckerManager &Mgr) {
  registerDoubleJoin(Mgr);
  registerStdThreadDoubleJoin(Mgr);
  registerFailedSpawnJoin(Mgr);
}
// TL103 is also judged at class level (lifetime/ClassLifetime.cpp, which
// registers itself under this name).
void registerJoinableDestroyedAll(CheckerManager &Mgr) {
  registerJoinableDestroyed(Mgr);
  registerAllOfName(Mgr);
}

// A rule may be found by more than one checker family (TL203 for channels
// and for pipes across fork): each family registers an entry under the
// rule's checker name, and clang sees one checker that registers them all.
void registerAllOfName(CheckerManager &Mgr) {
  llvm::StringRef Name = Mgr.getCurrentCheckerName().getName();
  for (const CheckerEntry &E : registeredCheckers())
    if (Name == E.Name)
      E.Register(Mgr);
}

constexpr const char *DocsRoot = "https://github.com/taskleak/taskleak/blob/main/rules/docs/";

} // namespace

namespace taskleak {
std::vector<CheckerEntry> &registeredCheckers() {
  static std::vector<CheckerEntry> All;
  return All;
}
std::vector<CheckerOptionEntry> &registeredCheckerOptions() {
  static std::vector<CheckerOptionEntry> All;
  return All;
}
} // namespace taskleak

extern "C" void clang_registerCheckers(CheckerRegistry &R) {
  R.addChecker(registerTaskLifetimeModeling, always, LifetimeModelingName,
               "Models task spawn, join and detach calls from the API models",
               "", /*IsHidden=*/true);
  R.addChecker(registerUnjoinedTaskAll, always, UnjoinedTaskName,
               "TL101: a joinable task is never joined or detached",
               std::string(DocsRoot) + "TL101.md", /*IsHidden=*/false);
  R.addChecker(registerDanglingTaskArgAll, always, DanglingTaskArgName,
               "TL102: a task may use its owner's stack frame after it ended",
               std::string(DocsRoot) + "TL102.md", /*IsHidden=*/false);
  R.addChecker(registerDoubleJoinAll, always, DoubleJoinName,
               "TL104: a task is joined or detached twice, or joined after detach",
               std::string(DocsRoot) + "TL104.md", /*IsHidden=*/false);
  R.addChecker(registerStdThreadModeling, always, StdThreadModelingName,
               "Models std::thread and std::jthread objects", "",
               /*IsHidden=*/true);
  R.addChecker(registerJoinableDestroyedAll, always, JoinableDestroyedName,
               "TL103: a std::thread is destroyed or assigned to while joinable",
               std::string(DocsRoot) + "TL103.md", /*IsHidden=*/false);

  for (const char *Name : {UnjoinedTaskName, DanglingTaskArgName, DoubleJoinName})
    R.addDependency(Name, LifetimeModelingName);
  R.addDependency(LifetimeModelingName, GObjectCastModelingName);
  for (const char *Name : {JoinableDestroyedName, DanglingTaskArgName, DoubleJoinName})
    R.addDependency(Name, StdThreadModelingName);

  R.addCheckerOption("string", UnjoinedTaskName, "Models", "",
                     "Extra API model files (JSON), separated by ':'",
                     "released");
  R.addCheckerOption("bool", UnjoinedTaskName, "ReportUnseenEntry", "false",
                     "Report unjoined tasks whose entry function is not "
                     "defined in the translation unit (it may detach itself)",
                     "released");

  llvm::StringSet<> Added{JoinableDestroyedName, DanglingTaskArgName};
  for (const CheckerEntry &C : registeredCheckers())
    if (Added.insert(C.Name).second)
      R.addChecker(registerAllOfName, always, C.Name, C.Description,
                   *C.RuleId ? std::string(DocsRoot) + C.RuleId + ".md" : "",
                   C.Hidden);
  for (const CheckerEntry &C : registeredCheckers())
    for (const char *Dep : C.Deps)
      R.addDependency(C.Name, Dep);
  for (const CheckerOptionEntry &O : registeredCheckerOptions())
    R.addCheckerOption(O.Type, O.Checker, O.Option, O.Default, O.Description,
                       "released");
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
