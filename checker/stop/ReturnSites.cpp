//===- ReturnSites.cpp - what a function's returns depend on --------------===//
//
// Implements ReturnSites.h: a walk over straight-line code and ifs that
// records each return with the conditions on its way, and what the
// predicated waits before it established.
//
//===----------------------------------------------------------------------===//

#include "ReturnSites.h"
#include "ExprNames.h"
#include "LoopSummary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"

using namespace clang;

namespace taskleak {

namespace {

/// Does \p S hold a return (or a goto) of the function itself?
bool holdsReturn(const Stmt *S) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (holdsReturn(Child))
      return true;
  return false;
}

/// Does \p S break out of the loop it is the body of?
bool breaksOut(const Stmt *S) {
  if (!S || isa<LambdaExpr, BlockExpr, WhileStmt, DoStmt, ForStmt,
                CXXForRangeStmt, SwitchStmt>(S))
    return false;
  if (isa<BreakStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (breaksOut(Child))
      return true;
  return false;
}

/// `cv.wait(lk, [&] { return pred; })`: pred.
const Expr *waitPredicate(const Stmt *S) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParenImpCasts();
  const auto *CE = dyn_cast<CXXMemberCallExpr>(E);
  if (!CE || CE->getNumArgs() < 2 || !isCondVarMember(CE->getDirectCallee(), "wait"))
    return nullptr;
  const LambdaExpr *L = lambdaOf(CE->getArg(1));
  const auto *Body = L ? dyn_cast_or_null<CompoundStmt>(L->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *RS = dyn_cast<ReturnStmt>(Body->body_front());
  return RS ? RS->getRetValue() : nullptr;
}

struct Where {
  llvm::SmallVector<Condition, 4> Conds;
  llvm::SmallVector<Condition, 2> Established;
};

class SiteReader {
public:
  explicit SiteReader(llvm::SmallVectorImpl<ReturnSite> &Out) : Out(Out) {}
  bool Failed = false;

  /// Reads \p S at \p W (updated for what follows S); true when S always
  /// returns (or throws), so that nothing after it runs.
  bool read(const Stmt *S, Where &W) {
    if (!S || Failed)
      return false;
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : CS->body())
        if (read(Child, W))
          return true;
      return false;
    }
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      ReturnSite Site;
      Site.Ret = RS;
      Site.Conds.assign(W.Conds.begin(), W.Conds.end());
      Site.Established.assign(W.Established.begin(), W.Established.end());
      Out.push_back(std::move(Site));
      return true;
    }
    if (const auto *IS = dyn_cast<IfStmt>(S))
      return readIf(IS, W);
    if (const auto *E = dyn_cast<Expr>(S))
      if (isa<CXXThrowExpr>(E->IgnoreParenImpCasts()))
        return true;
    if (const Expr *Pred = waitPredicate(S)) {
      W.Established.push_back({Pred, true});
      return false;
    }
    if (const auto *WS = dyn_cast<WhileStmt>(S)) {
      if (holdsReturn(WS->getBody())) {
        Failed = true;
        return false;
      }
      // `while (c) cv.wait(lk);`: c is false once it is left.
      if (!breaksOut(WS->getBody()) && !WS->getConditionVariable())
        W.Established.push_back({WS->getCond(), false});
      return false;
    }
    // Anything else with a return inside (a loop, a switch, a try block, a
    // label) is not read.
    if (holdsReturn(S))
      Failed = true;
    return false;
  }

private:
  llvm::SmallVectorImpl<ReturnSite> &Out;

  bool readIf(const IfStmt *IS, Where &W) {
    if (IS->getConditionVariable() || IS->isConstexpr()) {
      if (holdsReturn(IS))
        Failed = true;
      return false;
    }
    Where Then = W, Else = W;
    Then.Conds.push_back({IS->getCond(), true});
    Else.Conds.push_back({IS->getCond(), false});
    bool ThenEnds = read(IS->getThen(), Then);
    bool ElseEnds = read(IS->getElse(), Else);
    if (ThenEnds && ElseEnds)
      return true;
    // What follows knows which branch did not return.
    if (ThenEnds)
      W.Conds.push_back({IS->getCond(), false});
    else if (ElseEnds)
      W.Conds.push_back({IS->getCond(), true});
    return false;
  }
};

} // namespace

bool returnSites(const FunctionDecl *Def, llvm::SmallVectorImpl<ReturnSite> &Out) {
  if (!Def || !Def->getBody())
    return false;
  SiteReader R(Out);
  Where W;
  R.read(Def->getBody(), W);
  return !R.Failed && !Out.empty();
}

void disjuncts(Condition C, llvm::SmallVectorImpl<Condition> &Out) {
  const Expr *E = C.first->IgnoreParenImpCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return disjuncts({EWC->getSubExpr(), C.second}, Out);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_LNot)
      return disjuncts({U->getSubExpr(), !C.second}, Out);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if ((BO->getOpcode() == BO_LOr && C.second) ||
        (BO->getOpcode() == BO_LAnd && !C.second)) {
      disjuncts({BO->getLHS(), C.second}, Out);
      disjuncts({BO->getRHS(), C.second}, Out);
      return;
    }
  Out.push_back({E, C.second});
}

} // namespace taskleak
