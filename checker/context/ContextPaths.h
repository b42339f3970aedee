//===- ContextPaths.h - is there a path that skips the cancel? --*- C++ -*-===//
//
// The context rules ask one question of a function's CFG: does some path
// from a statement (or the entry) reach another without passing a
// statement that settles the matter (a request_stop, a disconnect, a
// g_source_remove, a call that may do it)?  The answer carries the branches
// that path takes, so the report can say which way it went.  Paths are not
// checked for feasibility: a branch on the thing itself (`if (id)`) is the
// caller's to judge from the witness.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_CONTEXT_CONTEXTPATHS_H
#define TASKLEAK_CONTEXT_CONTEXTPATHS_H

#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"

#include <vector>

namespace taskleak {

/// A branch a path takes: the block whose terminator branches, and whether
/// it took the first (true) successor.
struct PathBranch {
  const clang::CFGBlock *Block;
  bool TookTrue;
};

/// Whether a path of \p G from just after \p From (the entry if null) to \p
/// To passes no statement for which \p Settles is true.  On success the
/// branches it takes are in \p Witness, in path order.
bool findUnsettledPath(const clang::CFG &G, const clang::Stmt *From,
                       const clang::Stmt *To,
                       llvm::function_ref<bool(const clang::Stmt *)> Settles,
                       std::vector<PathBranch> &Witness);

/// The condition of a branch, or null (a switch, a `for (;;)`).
const clang::Expr *branchCondition(const PathBranch &B);

/// Whether \p Cond reads a variable a macro declares for itself
/// (g_clear_pointer's `_ptr`): the user did not write that test.
bool testsMacroTemporary(const clang::Stmt *Cond);

} // namespace taskleak

#endif
