//===- FieldPointers.cpp - what a call can reach of an owner --------------===//

#include "FieldPointers.h"
#include "ExprNames.h"
#include "GObjectOwners.h"
#include "UnitVisitor.h"
#include "Handles.h"
#include "PerUnit.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <memory>

using namespace clang;
using namespace ento;

namespace taskleak {
namespace {

/// Can the value \p V, given to an unknown call, reach \p Field?
bool valueMayReach(ProgramStateRef State, SVal V, const MemRegion *Field) {
  if (V.getAs<nonloc::LocAsInteger>() || V.getAs<nonloc::LazyCompoundVal>() ||
      V.getAs<nonloc::CompoundVal>())
    return true; // a pointer in disguise, or a struct that may hold one
  if (!V.getAs<Loc>())
    return false; // an integer: no pointer
  if (V.isZeroConstant() || V.getAs<loc::ConcreteInt>())
    return false;
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return true;
  if (isa<StringRegion>(R) || isa<CodeTextRegion>(R))
    return false;
  R = canonicalField(State, R->StripCasts());
  const MemRegion *Base = Field->getBaseRegion();
  if (R->getBaseRegion() != Base)
    return true; // other memory: it may point back to the owner
  if (R == Base || R == Field || Field->isSubRegionOf(R) || R->isSubRegionOf(Field))
    return true;
  // An element of the owner itself (`(char *)q + off`): pointer arithmetic.
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    if (ER->getSuperRegion() == Base)
      return true;
  return false; // another field of the owner, or something inside one
}

bool isFunctionPointer(QualType T) {
  return T->isFunctionPointerType() || T->isBlockPointerType();
}

class StoreScanner : public UnitVisitor<StoreScanner> {
public:
  explicit StoreScanner(
      llvm::DenseMap<const FieldDecl *, const FunctionDecl *> &Targets)
      : Targets(Targets) {}

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenCasts()))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          store(F, BO->getRHS());
    return true;
  }

  /// `{ .cleanup = srv_cleanup }` (the semantic form lists every field).
  bool VisitInitListExpr(InitListExpr *ILE) {
    // The visitor walks the syntactic form; its semantic twin is in order.
    if (!ILE->isSemanticForm())
      ILE = ILE->getSemanticForm();
    if (!ILE)
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      store(F, ILE->getInit(I++));
    }
    return true;
  }

  /// `&s->cleanup`: written where we cannot see.
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *ME = dyn_cast<MemberExpr>(U->getSubExpr()->IgnoreParenCasts()))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          if (isFunctionPointer(F->getType()))
            Targets[F] = nullptr;
    return true;
  }

private:
  llvm::DenseMap<const FieldDecl *, const FunctionDecl *> &Targets;

  void store(const FieldDecl *F, const Expr *Value) {
    if (!isFunctionPointer(F->getType()) || !Value)
      return;
    if (isa<ImplicitValueInitExpr>(Value) ||
        Value->IgnoreParenCasts()->isNullPointerConstant(
            F->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
      return; // null: no target, and calling it is no path worth following
    const FunctionDecl *Fn = functionOf(Value);
    auto It = Targets.find(F);
    if (It == Targets.end())
      Targets[F] = Fn ? Fn->getCanonicalDecl() : nullptr;
    else if (It->second != (Fn ? Fn->getCanonicalDecl() : nullptr))
      It->second = nullptr;
  }
};

} // namespace

bool callMayReach(ProgramStateRef State, const CallEvent &Call,
                  const MemRegion *Field) {
  if (!Field)
    return true;
  if (const auto *IC = dyn_cast<CXXInstanceCall>(&Call))
    if (valueMayReach(State, IC->getCXXThisVal(), Field))
      return true;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    if (valueMayReach(State, Call.getArgSVal(I), Field))
      return true;
  return false;
}

bool isUnresolvedIndirect(const CallEvent &Call) {
  return !Call.getDecl() && isa<SimpleFunctionCall, BlockCall>(Call) &&
         !isChainUp(Call);
}

FieldTargets::FieldTargets(ASTContext &Ctx) {
  StoreScanner S(Targets);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
}

const FunctionDecl *FieldTargets::onlyTarget(const FieldDecl *F) const {
  auto It = Targets.find(F);
  return It == Targets.end() ? nullptr : It->second;
}

ProgramStateRef FieldTargets::bindOwner(ProgramStateRef State, SVal OwnerPtr,
                                        const RecordDecl *RD,
                                        CheckerContext &C) const {
  if (!RD || !OwnerPtr.getAsRegion())
    return State;
  for (const FieldDecl *F : RD->fields()) {
    const FunctionDecl *Fn = onlyTarget(F);
    if (!Fn)
      continue;
    const FunctionDecl *Def = Fn->getDefinition();
    SVal Target = C.getSValBuilder().getFunctionPointer(Def ? Def : Fn);
    State = State->bindLoc(State->getLValue(F, OwnerPtr), Target,
                           C.getLocationContext());
  }
  return State;
}

const FieldTargets &fieldTargets(ASTContext &Ctx) {
  return perUnit<FieldTargets>(Ctx);
}

} // namespace taskleak
