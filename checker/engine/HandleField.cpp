//===- HandleField.cpp - handles held in a field of a struct argument ------===//

#include "HandleField.h"

#include "Handles.h"

#include "clang/AST/Decl.h"

using namespace clang;
using namespace ento;

namespace taskleak {

/// The struct \p R points to, typed: a bare pointer parameter (thr_t *t)
/// names an untyped symbolic region, which gets the pointee type of the
/// argument, as the store gives it when the program writes t->id.
static const TypedValueRegion *structPointee(CheckerContext &C, const MemRegion *R,
                                             const Expr *ArgExpr) {
  if (const auto *SR = dyn_cast_or_null<SymbolicRegion>(R)) {
    if (!ArgExpr)
      return nullptr;
    QualType T = ArgExpr->IgnoreParenImpCasts()->getType()->getPointeeType();
    if (T.isNull() || !T->isRecordType())
      return nullptr;
    return C.getStoreManager().getRegionManager().getElementRegion(
        T, C.getSValBuilder().makeZeroArrayIndex(), SR, C.getASTContext());
  }
  const auto *TR = dyn_cast_or_null<TypedValueRegion>(R);
  return TR && TR->getValueType()->isRecordType() ? TR : nullptr;
}

const MemRegion *handleFieldRegion(CheckerContext &C, const tl_fn_model &M,
                                   SVal Ptr, const Expr *ArgExpr) {
  if (!M.handle_field)
    return nullptr;
  const TypedValueRegion *Obj = structPointee(C, Ptr.getAsRegion(), ArgExpr);
  // "thr.tid": each step a field of the struct the previous one is.
  StringRef Path = M.handle_field;
  while (Obj && !Path.empty()) {
    auto [Name, Rest] = Path.split('.');
    const RecordDecl *RD = Obj->getValueType()->getAsRecordDecl();
    RD = RD ? RD->getDefinition() : nullptr;
    if (!RD)
      return nullptr;
    const TypedValueRegion *Next = nullptr;
    for (const FieldDecl *FD : RD->fields())
      if (FD->getName() == Name)
        Next = dyn_cast<TypedValueRegion>(canonicalField(
            C.getState(),
            C.getStoreManager().getRegionManager().getFieldRegion(FD, Obj)));
    Obj = Next;
    Path = Rest;
  }
  return Obj;
}

} // namespace taskleak
