//===- Registry.h - checkers that register themselves -----------*- C++ -*-===//
//
// The checkers clang sees, with their descriptions, rule ids, dependencies
// and options, are one table (Checkers.def).  A family's file binds its
// registration function to one of those names with one static
// RegisterChecker object, and Plugin.cpp runs, for a checker clang
// enables, every function bound to its name:
//
//   static RegisterChecker TimerModeling{TimerModelingName,
//       registerModelingChecker<TimerChecker>};
//
// Several families may bind to one name (a rule found both for channels and
// for pipes across fork): clang sees one checker, and enabling it runs
// every family's function, in the order the plugin's files are linked.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_REGISTRY_H
#define TASKLEAK_ENGINE_REGISTRY_H

#include "Checkers.h"
#include "ModelIndex.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"

#include <initializer_list>
#include <memory>
#include <vector>

namespace taskleak {

/// A family's registration function, bound to a checker of Checkers.def.
struct CheckerEntry {
  const char *Name; ///< full checker name (Checkers.h: `<Id>Name`)
  void (*Register)(clang::ento::CheckerManager &);
};

/// Every binding so far, in static-initialisation order.
std::vector<CheckerEntry> &registeredCheckers();

struct RegisterChecker {
  RegisterChecker(const char *Name,
                  void (*Register)(clang::ento::CheckerManager &)) {
    registeredCheckers().push_back({Name, Register});
  }
};

/// Registers a family's modeling checker \p Chk, with the shared model
/// index (its `Models`).
template <typename Chk> Chk *registerModeling(clang::ento::CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<Chk>();
  Checker->Models = &ModelIndex::shared(Mgr);
  return Checker;
}

/// clang's registration function of the modeling checker \p Chk, named in
/// its RegisterChecker row.
template <typename Chk>
void registerModelingChecker(clang::ento::CheckerManager &Mgr) {
  registerModeling<Chk>(Mgr);
}

/// Turns on rule \p K of the family checker \p Chk (its `Enabled[K]`), with
/// its bug type (`BugTypes[K]`) under the name of the checker being
/// registered now.  A SuppressOnSink rule is silent on a path that ends in
/// abort() or a crash.
template <typename Chk, typename Kind>
Chk *enableRule(clang::ento::CheckerManager &Mgr, Kind K, const char *BugName,
                const char *Category, bool SuppressOnSink = false) {
  auto *Checker = Mgr.getChecker<Chk>();
  Checker->Enabled[K] = true;
  Checker->BugTypes[K] = std::make_unique<clang::ento::BugType>(
      Mgr.getCurrentCheckerName(), BugName, Category, SuppressOnSink);
  return Checker;
}

/// The rule kind of a family's `void enable(CheckerManager &, Kind)`.
template <typename EnableFn> struct RuleKindOf;
template <typename Kind>
struct RuleKindOf<void (*)(clang::ento::CheckerManager &, Kind)> {
  using type = Kind;
};

/// Binds the rules of a family whose \p Enable turns rule K on: \p Rules[K]
/// is the checker name of rule K (the family's rule kinds, in order), and
/// enabling that checker runs `Enable(Mgr, K)`.  One line per family:
///
///   static RegisterRules<enable> Rules{{RecvNeverSatisfiedName,
///   SendNeverReceivedName}};
template <auto Enable> class RegisterRules {
public:
  RegisterRules(std::initializer_list<const char *> Rules) {
    for (const char *Name : Rules) {
      names().push_back(Name);
      registeredCheckers().push_back({Name, enableByName});
    }
  }

private:
  static std::vector<const char *> &names() {
    static std::vector<const char *> Names;
    return Names;
  }
  static void enableByName(clang::ento::CheckerManager &Mgr) {
    llvm::StringRef Name = Mgr.getCurrentCheckerName().getName();
    for (unsigned K = 0; K < names().size(); ++K)
      if (Name == names()[K])
        Enable(Mgr,
               static_cast<typename RuleKindOf<decltype(Enable)>::type>(K));
  }
};

} // namespace taskleak

#endif
