//===- HandleArrays.cpp - join loops over the array a spawn loop filled ---===//
//
// See HandleArrays.h.  Loops are compared by spelling: the array, the start
// and the bound as written, which is what "the same loop" means to a reader
// and cannot be fooled by the analyzer forgetting a value.
//
//===----------------------------------------------------------------------===//

#include "HandleArrays.h"

#include "ExprNames.h"
#include "Handles.h"
#include "ModelIndex.h"
#include "RegionNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

using namespace clang;
using namespace taskleak;

namespace {

/// `for (i = Start; i < Bound; i++)`, as spelled.
struct LoopWalk {
  const VarDecl *Var;
  std::string Start, Op, Bound;
};

/// One array slot a loop spawns into or releases: `t[i]` with i the loop's
/// variable.
struct ArrayUse {
  std::string Key; ///< array, start, comparison and bound, as spelled
  std::string Bound;
  const Expr *Arg; ///< the call's argument (`&t[i]` or `t[i]`)
  const CallExpr *Call;
  const ForStmt *In;
  bool Detach;
};

std::string spell(const Expr *E) {
  return exprSpelling(E->IgnoreParenImpCasts());
}

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// The start value of \p V in a for-loop's init (`int i = 0`, `i = 0`).
std::optional<std::string> loopStart(const Stmt *Init, const VarDecl *V) {
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init))
    if (DS->isSingleDecl() && DS->getSingleDecl() == V && V->getInit())
      return spell(V->getInit());
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Init))
    if (BO->getOpcode() == BO_Assign && varOf(BO->getLHS()) == V)
      return spell(BO->getRHS());
  return std::nullopt;
}

bool stepsByOne(const Expr *Inc, const VarDecl *V) {
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Inc))
    return U->isIncrementOp() && varOf(U->getSubExpr()) == V;
  if (const auto *BO = dyn_cast_or_null<CompoundAssignOperator>(Inc))
    return BO->getOpcode() == BO_AddAssign && varOf(BO->getLHS()) == V &&
           spell(BO->getRHS()) == "1";
  return false;
}

std::optional<LoopWalk> loopWalk(const ForStmt *FS) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      FS->getCond() ? FS->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE &&
                Cond->getOpcode() != BO_LE))
    return std::nullopt;
  const VarDecl *V = varOf(Cond->getLHS());
  if (!V || !stepsByOne(FS->getInc(), V))
    return std::nullopt;
  std::optional<std::string> Start = loopStart(FS->getInit(), V);
  if (!Start)
    return std::nullopt;
  // `<` and `!=` walk the same indices from a start below the bound.
  std::string Op = Cond->getOpcode() == BO_LE ? "<=" : "<";
  return LoopWalk{V, *Start, Op, spell(Cond->getRHS())};
}

/// `t[i]` or `&t[i]` with i the loop's variable: the array's spelling.
std::optional<std::string> indexedArray(const Expr *Arg, const VarDecl *V) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *ASE = dyn_cast<ArraySubscriptExpr>(E);
  if (!ASE || varOf(ASE->getIdx()) != V)
    return std::nullopt;
  return spell(ASE->getBase());
}

/// Collects, for every counted for-loop of a body, the spawns into and the
/// releases of `array[loop variable]` in it.
class LoopCollector : public RecursiveASTVisitor<LoopCollector> {
public:
  LoopCollector(const ModelIndex &Models) : Models(Models) {}
  llvm::SmallVector<ArrayUse, 4> Spawns, Releases;

  bool VisitForStmt(ForStmt *FS) {
    std::optional<LoopWalk> W = loopWalk(FS);
    if (!W || !FS->getBody())
      return true;
    Walk = &*W;
    Loop = FS;
    collect(FS->getBody());
    Walk = nullptr;
    return true;
  }

  /// Writes of a loop bound, by spelling, with the statement that writes.
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      Writes.push_back({spell(BO->getLHS()), BO});
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      Writes.push_back({spell(U->getSubExpr()), U});
    return true;
  }
  llvm::SmallVector<std::pair<std::string, const Stmt *>, 8> Writes;

private:
  void collect(const Stmt *S) {
    if (!S)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      use(CE);
    for (const Stmt *Child : S->children())
      collect(Child);
  }
  void use(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const tl_fn_model *M = Callee ? Models.lookup(Callee) : nullptr;
    if (!M)
      return;
    int ArgNo = M->role == TL_ROLE_SPAWN ? M->handle_out_arg
                : (M->role == TL_ROLE_JOIN || M->role == TL_ROLE_DETACH)
                    ? M->handle_arg
                    : TL_NO_ARG;
    if (ArgNo < 0 || static_cast<unsigned>(ArgNo) >= CE->getNumArgs())
      return;
    const Expr *Arg = CE->getArg(ArgNo);
    std::optional<std::string> Array = indexedArray(Arg, Walk->Var);
    if (!Array)
      return;
    std::string Key = *Array + "|" + Walk->Start + "|" + Walk->Op + "|" + Walk->Bound;
    (M->role == TL_ROLE_SPAWN ? Spawns : Releases)
        .push_back({Key, Walk->Bound, Arg, CE, Loop, M->role == TL_ROLE_DETACH});
  }

  const ModelIndex &Models;
  const LoopWalk *Walk = nullptr;
  const ForStmt *Loop = nullptr;
};

bool contains(const Stmt *Outer, const Stmt *S) {
  return anyWithin(Outer, [S](const Stmt *X) { return X == S; });
}

/// Does the function write the bound between the end of the spawn loop and
/// the end of the release loop (`n = 0;` forgets the count)?  Writes before
/// the spawn loop set it up; the spawn loop's own writes (`p->n++` per
/// started task) are what the count is.
bool boundWritten(const LoopCollector &LC, const ArrayUse &Spawn,
                  const ArrayUse &Release, const SourceManager &SM) {
  for (const auto &W : LC.Writes)
    if (W.first == Spawn.Bound && !contains(Spawn.In, W.second) &&
        SM.isBeforeInTranslationUnit(Spawn.In->getEndLoc(), W.second->getBeginLoc()) &&
        SM.isBeforeInTranslationUnit(W.second->getBeginLoc(), Release.In->getEndLoc()))
      return true;
  return false;
}

} // namespace

void HandleArrays::index(const FunctionDecl *FD) const {
  if (!Indexed.insert(FD).second || !FD->hasBody())
    return;
  LoopCollector LC(Models);
  LC.TraverseStmt(FD->getBody());
  for (const ArrayUse &R : LC.Releases)
    for (const ArrayUse &S : LC.Spawns)
      if (R.Key == S.Key && R.In != S.In &&
          !boundWritten(LC, S, R, FD->getASTContext().getSourceManager())) {
        Loop &L = ByCondition[R.In->getCond()];
        L.Spawns.insert(S.Arg);
        L.Detach = R.Detach;
      }
}

const HandleArrays::Loop *HandleArrays::atCondition(const FunctionDecl *FD,
                                                    const Stmt *Cond) const {
  if (!FD || !Cond)
    return nullptr;
  index(FD);
  auto It = ByCondition.find(Cond);
  return It == ByCondition.end() ? nullptr : &It->second;
}
