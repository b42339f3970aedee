//===- UnitGate.h - subscribe when the unit gives a checker work -*- C++ -*-===//
//
// clang calls every subscribed checker at every node of every path whether
// or not it has work there: a call event, a dead-symbol sweep or a branch
// costs each subscriber about a hundred instructions before the checker's
// own first line (a node builder, a program point, a copy of the call).
// Most units of a project start no task, and most of a family's rule
// checkers only ever act after a spawn.
//
// Such a checker derives from `RoleGated<check::X...>` instead of clang's
// `Checker<check::X...>` and lists `static constexpr tl_role StartRoles[]`
// and `static constexpr bool EveryCxxUnit` (true where a C++ object, a
// std::thread, starts its work without a modelled call).  It is registered
// as usual (its rules enabled, its options read, its dependencies met), but
// subscribes to its callbacks only when the analysis of the unit begins
// (clang's TranslationUnitDecl callback: after parsing, before any path),
// and only if the unit calls a function of one of its start roles
// (UnitRoles.h), is C++ and EveryCxxUnit, or is analysed with other units'
// code imported (CTU).  Its callbacks then run after the other checkers' at
// every node (after clang's unix.* too, which ran after ours before); the
// lit tests and the real-code findings are the same either way.
//
// The gate itself is the hidden checker taskleak.engine.UnitGate, a
// dependency of every gated checker (Checkers.def), so that it is
// registered first.  `CxxChecker<check::X...>` is the simpler case, decided
// at registration: a checker only C++ objects give work subscribes in C++
// units only.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_UNITGATE_H
#define TASKLEAK_ENGINE_UNITGATE_H

#include "model.h"

#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "llvm/ADT/ArrayRef.h"

namespace taskleak {

using SubscribeFn = void (*)(clang::ento::CheckerBase *,
                             clang::ento::CheckerManager &);

/// Subscribes \p Checker with \p Subscribe when the unit's analysis begins,
/// if the unit calls a function of one of \p StartRoles (or is C++ and
/// \p EveryCxxUnit).
void subscribeForUnit(clang::ento::CheckerManager &Mgr,
                      clang::ento::CheckerBase *Checker, SubscribeFn Subscribe,
                      llvm::ArrayRef<tl_role> StartRoles, bool EveryCxxUnit);

/// clang's Checker<Callbacks...>, for a checker whose callbacks only C++
/// objects can give work (std::thread, std::promise): in a C unit it is
/// registered all the same (its rules enabled, its options read) but
/// subscribes to nothing, so clang does not call it at every node of every
/// path for nothing (clang's own checkers return false from shouldRegister,
/// which would turn off the rules that depend on it).
template <typename... Callbacks>
class CxxChecker : public Callbacks..., public clang::ento::CheckerBase {
public:
  template <typename Chk>
  static void _register(Chk *Checker, clang::ento::CheckerManager &Mgr) {
    if (Mgr.getLangOpts().CPlusPlus)
      (Callbacks::_register(Checker, Mgr), ...);
  }
};

/// clang's Checker<Callbacks...>, for a checker \p Chk with `StartRoles` and
/// `EveryCxxUnit`: its callbacks wait for the gate (above).
template <typename... Callbacks>
class RoleGated : public Callbacks..., public clang::ento::CheckerBase {
public:
  template <typename Chk>
  static void _register(Chk *Checker, clang::ento::CheckerManager &Mgr) {
    subscribeForUnit(Mgr, Checker, &subscribe<Chk>, Chk::StartRoles,
                     Chk::EveryCxxUnit);
  }

private:
  template <typename Chk>
  static void subscribe(clang::ento::CheckerBase *Checker,
                        clang::ento::CheckerManager &Mgr) {
    (Callbacks::_register(static_cast<Chk *>(Checker), Mgr), ...);
  }
};

} // namespace taskleak

#endif
