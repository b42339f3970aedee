//===- RoleTable.h - a family's handlers, one per model role ----*- C++ -*-===//
//
// A family's callbacks look up the model row of a call and hand it to the
// handler of its role.  The switch over roles that every checker wrote is
// this table instead:
//
//   static const RoleRow<TimerChecker> Post[] = {
//       {TL_ROLE_TIMER_CREATE, &TimerChecker::postCreate},
//       {TL_ROLE_TIMER_ARM, &TimerChecker::postArm}};
//   dispatchRole(*this, Post, *M, Call, C);
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_ROLETABLE_H
#define TASKLEAK_ENGINE_ROLETABLE_H

#include "model.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <cstddef>

namespace taskleak {

/// One row: calls of role \c Role go to \c Handle.
template <typename Chk> struct RoleRow {
  tl_role Role;
  void (Chk::*Handle)(const tl_fn_model &, const clang::ento::CallEvent &,
                      clang::ento::CheckerContext &) const;
};

/// Hands \p M's call to the handler of its role in \p Rows; false when the
/// table has none (the caller's default).
template <typename Chk, std::size_t N>
bool dispatchRole(const Chk &Self, const RoleRow<Chk> (&Rows)[N],
                  const tl_fn_model &M, const clang::ento::CallEvent &Call,
                  clang::ento::CheckerContext &C) {
  for (const RoleRow<Chk> &R : Rows)
    if (R.Role == M.role) {
      (Self.*R.Handle)(M, Call, C);
      return true;
    }
  return false;
}

} // namespace taskleak

#endif
