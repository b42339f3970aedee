//===- RuleChecker.h - what every checker class declares --------*- C++ -*-===//
//
// The parts of a checker class that clang fixes, written once:
//
// - `OneRule<check::X...>`: a checker of one rule, with the shared model
//   index (`Models`) and the rule's bug type (`BT`) (`CxxRule`, the same
//   subscribed in C++ units only: `CxxChecker`; `GatedRule`, only in units
//   that call one of its StartRoles: UnitGate.h); `RuleSet<N, check::X...>`
//   one of N rules (`Enabled[K]`, `BugTypes[K]`, `Models`) where the rule
//   kinds are known before the class; `RoleRule<Self, check::X...>` a
//   one-rule checker whose call callbacks hand each modelled call to the
//   handler of its role (RoleTable.h's rows `PreRoles`, `PostRoles`;
//   `GatedRoleRule`, the same gated);
// - `BugKind`: a rule's bug name and category.  Where several files report
//   one rule (TL102 from five checkers), they name one constant here, so
//   the rule's reports read alike whichever file found them;
// - `registerOneRule<Chk, Kind>`: clang's registration function of such a
//   checker, bound to its name by one RegisterChecker line; `enableKinds<Chk,
//   Kinds...>` the `enable` of a RuleSet family whose rule K reports under
//   Kinds[K], for its RegisterRules line (Registry.h);
// - the callbacks whose signatures clang fixes and several families
//   declare (`TASKLEAK_END_OF_UNIT`, `TASKLEAK_POINTER_ESCAPE`,
//   `TASKLEAK_REGION_CHANGES`), and a role handler's signature, the one
//   RoleTable.h's rows point to (`TASKLEAK_ROLE_HANDLER(postSpawn)`).
//
//   class DestructionOrderChecker : public OneRule<check::EndOfTranslationUnit>
//   { public:
//     TASKLEAK_END_OF_UNIT;
//   };
//   static RegisterChecker TL102Order{{DanglingTaskArgName, "TL102: ...",
//       "TL102", registerOneRule<DestructionOrderChecker, OutlivesArgumentBug>,
//       /*Hidden=*/false, {}}};
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_RULECHECKER_H
#define TASKLEAK_ENGINE_RULECHECKER_H

#include "ModelIndex.h"
#include "Registry.h"
#include "RoleTable.h"
#include "UnitGate.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

#include <memory>

namespace taskleak {

/// A checker of one rule on \p Base (clang's Checker<...>, or UnitGate.h's
/// CxxChecker<...> or RoleGated<...>):
/// the members its registration fills in.
template <typename Base> class OneRuleOn : public Base {
public:
  const ModelIndex *Models = nullptr;       ///< the shared model index
  std::unique_ptr<clang::ento::BugType> BT; ///< the rule's bug type
};
template <typename... Callbacks>
using OneRule = OneRuleOn<clang::ento::Checker<Callbacks...>>;
template <typename... Callbacks>
using CxxRule = OneRuleOn<CxxChecker<Callbacks...>>;
/// Subscribed only in a unit that calls one of its StartRoles (UnitGate.h).
template <typename... Callbacks>
using GatedRule = OneRuleOn<RoleGated<Callbacks...>>;

/// A checker of \p N rules, each turned on by `enableRule` (Registry.h):
/// which are enabled, their bug types, the shared model index.
template <unsigned N, typename Base> class RuleSetOn : public Base {
public:
  bool Enabled[N] = {};
  std::unique_ptr<clang::ento::BugType> BugTypes[N];
  const ModelIndex *Models = nullptr;
};
template <unsigned N, typename... Callbacks>
using RuleSet = RuleSetOn<N, clang::ento::Checker<Callbacks...>>;
template <unsigned N, typename... Callbacks>
using GatedRuleSet = RuleSetOn<N, RoleGated<Callbacks...>>;

/// A one-rule checker whose call callbacks only hand a modelled call to the
/// handler of its role: the callbacks are declared here once, and \p Derived
/// lists its handlers as RoleTable.h's rows, `PreRoles` (before the call)
/// and `PostRoles` (after it), for the callbacks among \p Callbacks.
template <typename Derived, typename Base>
class RoleRuleOn : public OneRuleOn<Base> {
public:
  void checkPreCall(const clang::ento::CallEvent &Call,
                    clang::ento::CheckerContext &C) const {
    if (const tl_fn_model *M = this->Models->lookup(Call))
      dispatchRole(self(), Derived::PreRoles, *M, Call, C);
  }
  void checkPostCall(const clang::ento::CallEvent &Call,
                     clang::ento::CheckerContext &C) const {
    if (const tl_fn_model *M = this->Models->lookup(Call))
      dispatchRole(self(), Derived::PostRoles, *M, Call, C);
  }

private:
  const Derived &self() const { return static_cast<const Derived &>(*this); }
};
template <typename Derived, typename... Callbacks>
using RoleRule = RoleRuleOn<Derived, clang::ento::Checker<Callbacks...>>;
template <typename Derived, typename... Callbacks>
using GatedRoleRule = RoleRuleOn<Derived, RoleGated<Callbacks...>>;

/// A rule's bug name and category; SuppressOnSink: silent on a path that
/// ends in abort() or a crash.
struct BugKind {
  const char *Name;
  const char *Category;
  bool SuppressOnSink;
};

// The bug kinds that more than one file reports.  (SuppressOnSink matters
// on path-sensitive reports only; a whole-unit checker's have no path.)
inline constexpr BugKind UnjoinedTaskBug{"Unjoined task", "Task lifetime", false};
inline constexpr BugKind OutlivesArgumentBug{"Task outlives its argument",
                                             "Task lifetime", false};
inline constexpr BugKind JoinableDestroyedBug{"Joinable thread destroyed",
                                              "Task lifetime", false};
inline constexpr BugKind DoubleJoinBug{"Double join or detach", "Task lifetime",
                                       false};
// A wait when the path ends in abort() is no finding.
inline constexpr BugKind RecvNeverSatisfiedBug{"Receive never satisfied",
                                               "Task blocked on a channel", true};
inline constexpr BugKind TimerActiveBug{"Timer active at release",
                                        "Timer lifetime", false};
// A timer leaked on a path that ends in abort() owes nothing.
inline constexpr BugKind TimerLeakedBug{"Timer leaked", "Timer lifetime", true};
inline constexpr BugKind StopNeverSignalledBug{"Stop never signalled",
                                               "Task lifetime", false};

/// Registers the one-rule checker \p Chk with the shared model index and
/// its bug type \p Kind, under the name of the checker being registered.
template <typename Chk, const BugKind &Kind>
void registerOneRule(clang::ento::CheckerManager &Mgr) {
  auto *Checker = registerModeling<Chk>(Mgr);
  Checker->BT = std::make_unique<clang::ento::BugType>(
      Mgr.getCurrentCheckerName(), Kind.Name, Kind.Category,
      Kind.SuppressOnSink);
}

/// Turns on rule \p K of the RuleSet checker \p Chk (`Enabled[K]`,
/// `BugTypes[K]`) with the bug kind \p Kinds[K], under the name of the
/// checker being registered:
///
///   static RegisterRules<enableKinds<TimerChecker, TimerActiveBug,
///                                    TimerLeakedBug>>
///       TimerRules{{ActiveAtReleaseName, LeakedName}};
template <typename Chk, const BugKind &...Kinds>
void enableKinds(clang::ento::CheckerManager &Mgr, unsigned K) {
  static const BugKind *const All[] = {&Kinds...};
  enableRule<Chk>(Mgr, K, All[K]->Name, All[K]->Category,
                  All[K]->SuppressOnSink);
}

} // namespace taskleak

// clang calls these members by name with these parameters; a checker
// declares the ones it subscribes to (Checker<check::X>).
#define TASKLEAK_END_OF_UNIT                                                   \
  void checkEndOfTranslationUnit(const clang::TranslationUnitDecl *TU,         \
                                 clang::ento::AnalysisManager &Mgr,            \
                                 clang::ento::BugReporter &BR) const

#define TASKLEAK_POINTER_ESCAPE                                                \
  clang::ento::ProgramStateRef checkPointerEscape(                             \
      clang::ento::ProgramStateRef State,                                      \
      const clang::ento::InvalidatedSymbols &Escaped,                          \
      const clang::ento::CallEvent *Call,                                      \
      clang::ento::PointerEscapeKind Kind) const

#define TASKLEAK_REGION_CHANGES                                                \
  clang::ento::ProgramStateRef checkRegionChanges(                             \
      clang::ento::ProgramStateRef State,                                      \
      const clang::ento::InvalidatedSymbols *,                                 \
      llvm::ArrayRef<const clang::ento::MemRegion *> ExplicitRegions,          \
      llvm::ArrayRef<const clang::ento::MemRegion *> Regions,                  \
      const clang::LocationContext *LCtx,                                      \
      const clang::ento::CallEvent *Call) const

/// A handler of one model role, of the type RoleTable.h's rows point to.
#define TASKLEAK_ROLE_HANDLER(Name)                                            \
  void Name(const tl_fn_model &M, const clang::ento::CallEvent &Call,          \
            clang::ento::CheckerContext &C) const

#endif
