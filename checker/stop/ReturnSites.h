//===- ReturnSites.h - what a function's returns depend on ------*- C++ -*-===//
//
// For a bool call in a task's loop condition (`while (queue_.blocking_get(
// item))`): every return of the callee, with the conditions that hold where
// it stands.  LoopSummary turns them into the flag tests the call needs to
// give false (or true), as it does for a loop condition written out:
//
//   bool blocking_get(int &item) {
//     std::unique_lock<std::mutex> lk(mu_);
//     cv_.wait(lk, [&] { return closed_ || !items_.empty(); });
//     if (closed_)          // established: closed_ || !items_.empty()
//       return false;       // conditions: closed_ true
//     ...
//     return true;          // conditions: closed_ false
//   }
//
// Only straight-line code, ifs and predicated waits are read: a return in
// a loop, a switch, a try block or after a goto makes the function unread,
// and the checker stays silent.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_STOP_RETURNSITES_H
#define TASKLEAK_STOP_RETURNSITES_H

#include "llvm/ADT/SmallVector.h"

#include <utility>

namespace clang {
class Expr;
class FunctionDecl;
class ReturnStmt;
} // namespace clang

namespace taskleak {

/// An expression with the truth value it has: (E, true) holds when E does.
using Condition = std::pair<const clang::Expr *, bool>;

struct ReturnSite {
  const clang::ReturnStmt *Ret = nullptr;
  /// The conditions of the ifs on the way (and of earlier ifs whose branch
  /// returned), as they must be for the return to be reached.
  llvm::SmallVector<Condition, 2> Conds;
  /// What a wait before it established: the predicate of
  /// `cv.wait(lk, pred)` (true), the condition of a wait loop `while (c)
  /// cv.wait(lk);` (false).
  llvm::SmallVector<Condition, 1> Established;
};

/// Every return of \p Def, or false when its body has a shape this does
/// not read (then nothing may be concluded from the call's result).
bool returnSites(const clang::FunctionDecl *Def,
                 llvm::SmallVectorImpl<ReturnSite> &Out);

/// The disjuncts of \p C (`a || !b` true: a true, b false; `a && b` false:
/// a false, b false), flattened.
void disjuncts(Condition C, llvm::SmallVectorImpl<Condition> &Out);

} // namespace taskleak

#endif
