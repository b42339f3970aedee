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

#include <vector>

namespace clang {
namespace ento {
class CheckerManager;
} // namespace ento
} // namespace clang

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

} // namespace taskleak

#endif
