//===- TopLevelEnders.cpp - owner enders analysed on their own ------------===//
//
// See TopLevelEnders.h.
//
//===----------------------------------------------------------------------===//

#include "TopLevelEnders.h"

#include "OwnerIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

using namespace clang;
using namespace ento;

namespace taskleak {

/// Does \p Ender owe a release of some handle field of \p RD?
static bool owesRelease(const FunctionDecl *Ender, const RecordDecl *RD,
                        const OwnerIndex &Owners) {
  for (const OwnerField &OF : Owners.fieldsOf(RD))
    if (Owners.assumeLive(Ender, OF))
      return true;
  return false;
}

const MemRegion *enderOwnerArg(const CallEvent &Call, const OwnerIndex &Owners) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  // Without a body in this unit the call is an unknown one anyway.
  if (!FD || !FD->hasBody() || !isa_and_nonnull<CallExpr>(Call.getOriginExpr()))
    return nullptr;
  const FunctionDecl *Def = FD->getDefinition();
  for (int Index : Owners.endedOwners(FD)) {
    if (Index < 0 || static_cast<unsigned>(Index) >= Call.getNumArgs() ||
        static_cast<unsigned>(Index) >= Def->getNumParams())
      continue;
    QualType T = Def->getParamDecl(Index)->getType();
    const RecordDecl *RD =
        T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
    if (!RD || !owesRelease(Def, RD, Owners))
      continue;
    if (const MemRegion *R = Call.getArgSVal(Index).getAsRegion())
      return R->getBaseRegion();
  }
  return nullptr;
}

void evalUnknownCall(const CallEvent &Call, CheckerContext &C) {
  ProgramStateRef State = Call.invalidateRegions(C.blockCount(), C.getState());
  const Expr *E = Call.getOriginExpr();
  QualType T = Call.getResultType();
  if (E && !T->isVoidType()) {
    SVal V = C.getSValBuilder().conjureSymbolVal(nullptr, E, C.getLocationContext(),
                                                 T, C.blockCount());
    State = State->BindExpr(E, C.getLocationContext(), V);
  }
  C.addTransition(State);
}

} // namespace taskleak
