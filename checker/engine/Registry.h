//===- Registry.h - checkers that register themselves -----------*- C++ -*-===//
//
// A checker family in its own .cpp file lists its checkers here with one
// static RegisterChecker object per checker, and Plugin.cpp hands them all
// to clang.  Adding a checker family is then adding one file: no shared
// list to edit, and the build (checker/CMakeLists.txt globs every folder's *.cpp)
// picks it up.
//
//   static RegisterChecker TL301{{"taskleak.timer.ActiveAtRelease",
//       "TL301: a timer can still fire when its data is freed", "TL301",
//       registerActiveAtRelease, /*Hidden=*/false, {TimerModelingName}}};
//
// Several families may register under one name (a rule found both for
// channels and for pipes across fork): clang sees one checker, and enabling
// it runs every family's register function.  The first entry's description
// is the one shown.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_REGISTRY_H
#define TASKLEAK_ENGINE_REGISTRY_H

#include "ModelIndex.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"

#include <memory>
#include <vector>

namespace taskleak {

struct CheckerEntry {
  const char *Name;        ///< full checker name, e.g. "taskleak.timer.Leaked"
  const char *Description; ///< one line, starting with the rule id
  const char *RuleId;      ///< "TL302": names the page in rules/docs; "" if none
  void (*Register)(clang::ento::CheckerManager &);
  bool Hidden;                    ///< modeling checkers the user never names
  std::vector<const char *> Deps; ///< checkers this one needs (modeling)
};

struct CheckerOptionEntry {
  const char *Type; ///< "bool", "int" or "string"
  const char *Checker;
  const char *Option;
  const char *Default;
  const char *Description;
};

/// Everything registered so far, in static-initialisation order.
std::vector<CheckerEntry> &registeredCheckers();
std::vector<CheckerOptionEntry> &registeredCheckerOptions();

struct RegisterChecker {
  explicit RegisterChecker(CheckerEntry Info) {
    registeredCheckers().push_back(std::move(Info));
  }
};

struct RegisterCheckerOption {
  explicit RegisterCheckerOption(CheckerOptionEntry Info) {
    registeredCheckerOptions().push_back(Info);
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

/// clang's registration function of rule \p K of a family whose \p Enable
/// turns one rule on (`void enable(CheckerManager &, Kind)`): named in the
/// rule's RegisterChecker row, `registerRule<enable, ChannelChecker::CK_Recv>`,
/// instead of one hand-written function per rule.
template <auto Enable, auto K>
void registerRule(clang::ento::CheckerManager &Mgr) {
  Enable(Mgr, K);
}

} // namespace taskleak

#endif
