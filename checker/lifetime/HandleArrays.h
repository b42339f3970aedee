//===- HandleArrays.h - join loops over the array a spawn loop filled -*- C++ -*-===//
//
// Issue 15 item 9.  A function that fills an array of task handles in one
// loop and joins them in another over the same array, start and bound
//
//   for (i = 0; i < n; i++) pthread_create(&t[i], ...);
//   for (i = 0; i < n; i++) pthread_join(t[i], NULL);
//
// releases every handle the first loop wrote.  The path analysis cannot
// always see that: the bound is re-read after a task that may write it (the
// join loop then runs fewer times, or not at all), or the store loses
// handles written at a symbolic index.  This AST pass pairs the loops; the
// lifetime checker releases, when the path leaves the paired loop, every
// handle the spawn loop wrote.
//
// Not paired, and left to the path analysis as before: a loop whose start,
// comparison or bound is spelled differently (`for (i = 1; ...)`), and any
// pair whose bound the function itself writes outside the spawn loop
// (`n = 0;` before the join loop forgets the count: that is the bug).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_HANDLEARRAYS_H
#define TASKLEAK_LIFETIME_HANDLEARRAYS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace taskleak {

class ModelIndex;

class HandleArrays {
public:
  explicit HandleArrays(const ModelIndex &Models) : Models(Models) {}

  using SpawnSet = llvm::SmallPtrSet<const clang::Expr *, 2>;
  /// A join (or detach) loop paired with the spawn loops it releases.
  struct Loop {
    SpawnSet Spawns; ///< the spawns' out-parameters (`&t[i]`)
    bool Detach = false;
  };

  /// The loop whose condition is \p Cond in \p FD, if it is a release loop
  /// paired with a spawn loop: leaving it releases every handle the spawn
  /// loop wrote (a path that leaves it early only exists because the
  /// analyzer forgot the bound).
  const Loop *atCondition(const clang::FunctionDecl *FD,
                          const clang::Stmt *Cond) const;

private:
  void index(const clang::FunctionDecl *FD) const;
  const ModelIndex &Models;
  mutable llvm::SmallPtrSet<const clang::FunctionDecl *, 8> Indexed;
  mutable llvm::DenseMap<const clang::Stmt *, Loop> ByCondition;
};

} // namespace taskleak

#endif
