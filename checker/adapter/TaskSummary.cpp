//===- TaskSummary.cpp - what a task's entry function does ----------------===//

#include "TaskSummary.h"
#include "ModelIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace taskleak {
namespace {

/// The summary walks at most this many calls deep; deeper helpers are rare
/// and an unbounded walk could cost more than the analysis itself.
constexpr unsigned MaxDepth = 3;

class SelfDetachFinder {
public:
  explicit SelfDetachFinder(const ModelIndex &Models) : Models(Models) {}

  bool inFunction(const FunctionDecl *FD, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD || Depth > MaxDepth || !FD->hasBody(Def) || !Visited.insert(Def).second)
      return false;
    return inStmt(Def->getBody(), Depth);
  }

private:
  const ModelIndex &Models;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;

  /// Is \p E the caller's own handle: a call to a "self" function, or a
  /// local initialised by one (pthread_t me = pthread_self())?
  bool isSelf(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf)
        E = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
      return M && M->role == TL_ROLE_SELF;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage() && VD->getInit())
          return isSelf(VD->getInit());
    return false;
  }

  bool inStmt(const Stmt *S, unsigned Depth) {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      const tl_fn_model *M = Models.lookup(Callee);
      if (M && M->role == TL_ROLE_DETACH &&
          static_cast<unsigned>(M->handle_arg) < CE->getNumArgs() &&
          isSelf(CE->getArg(M->handle_arg)))
        return true;
      if (!M && inFunction(Callee, Depth + 1))
        return true;
    }
    for (const Stmt *Child : S->children())
      if (inStmt(Child, Depth))
        return true;
    return false;
  }
};

} // namespace

EntryRelease summarizeEntry(const FunctionDecl *Entry, const ModelIndex &Models) {
  if (!Entry || !Entry->hasBody())
    return EntryRelease::Unseen;
  SelfDetachFinder Finder(Models);
  return Finder.inFunction(Entry, 0) ? EntryRelease::SelfDetaching
                                     : EntryRelease::None;
}

} // namespace taskleak
