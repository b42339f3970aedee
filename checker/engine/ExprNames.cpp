//===- ExprNames.cpp - what an expression names ---------------------------===//
//
// The shapes the pre-passes read off the AST (ExprNames.h): fields, called
// functions, pointee records, lambdas.  No state.
//
//===----------------------------------------------------------------------===//

#include "ExprNames.h"

using namespace clang;

namespace taskleak {

void callsIn(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    Out.push_back(CE);
  for (const Stmt *Child : S->children())
    callsIn(Child, Out);
}

bool anyWithin(const Stmt *S, llvm::function_ref<bool(const Stmt *)> Pred) {
  if (!S)
    return false;
  if (Pred(S))
    return true;
  for (const Stmt *Child : S->children())
    if (anyWithin(Child, Pred))
      return true;
  return false;
}

bool mentionsDecl(const Stmt *S, const Decl *D) {
  return anyWithin(S, [D](const Stmt *X) {
    const auto *DRE = dyn_cast<DeclRefExpr>(X);
    return DRE && DRE->getDecl() == D;
  });
}

bool mentionsField(const Stmt *S, const FieldDecl *F) {
  return anyWithin(S, [F](const Stmt *X) {
    const auto *ME = dyn_cast<MemberExpr>(X);
    return ME && ME->getMemberDecl() == F;
  });
}

const Expr *argAt(const CallExpr *CE, int Index) {
  return Index >= 0 && static_cast<unsigned>(Index) < CE->getNumArgs()
             ? CE->getArg(Index)
             : nullptr;
}

const Expr *withoutTemporaries(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

const Expr *withoutAddrOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  return E;
}

const MemberExpr *handleMember(const Expr *E) {
  if (!E)
    return nullptr;
  E = withoutAddrOf(E);
  // `s->workers + i` and `&s->workers[i]` both name the array field.
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAdditiveOp())
      E = BO->getLHS()->IgnoreParenImpCasts();
  while (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    E = AS->getBase()->IgnoreParenImpCasts();
  return dyn_cast<MemberExpr>(E);
}

const FieldDecl *handleField(const Expr *E) {
  const MemberExpr *ME = handleMember(E);
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

/// \p E without parentheses, explicit casts too, and one leading '&'
/// (withoutAddrOf keeps explicit casts).
static const Expr *withoutCastsOrAddrOf(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
  return E;
}

const FieldDecl *castFieldOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = withoutCastsOrAddrOf(E);
  while (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    E = AS->getBase()->IgnoreParenCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

const FunctionDecl *calleeOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = withoutCastsOrAddrOf(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

const FunctionDecl *functionOf(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

bool isStdThreadClass(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "thread" || RD->getName() == "jthread");
}

const RecordDecl *pointeeRecord(QualType T) {
  if (T.isNull() || !T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD ? RD->getDefinition() : nullptr;
}

const LambdaExpr *lambdaOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit();
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return L;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasLocalStorage() && VD->getInit())
        return dyn_cast<LambdaExpr>(VD->getInit()->IgnoreImplicit());
  return nullptr;
}

LoopParts loopParts(const Stmt *L) {
  if (const auto *W = dyn_cast_or_null<WhileStmt>(L))
    return {W->getCond(), W->getBody()};
  if (const auto *D = dyn_cast_or_null<DoStmt>(L))
    return {D->getCond(), D->getBody()};
  if (const auto *F = dyn_cast_or_null<ForStmt>(L))
    return {F->getCond(), F->getBody()};
  return {};
}

} // namespace taskleak
