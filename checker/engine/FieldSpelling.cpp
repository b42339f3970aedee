//===- FieldSpelling.cpp - one field, two region spellings ----------------===//

#include "FieldSpelling.h"

using namespace clang;
using namespace ento;

namespace taskleak {

const FieldRegion *siblingField(CheckerContext &C, const MemRegion *Field,
                                const FieldDecl *G) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(Field ? Field->StripCasts() : nullptr);
  if (!FR)
    return nullptr;
  return C.getStoreManager().getRegionManager().getFieldRegion(
      G, cast<SubRegion>(FR->getSuperRegion()));
}

SVal pinFieldValue(ProgramStateRef &State, const MemRegion *Field,
                   const LocationContext *LCtx) {
  SVal V = State->getSVal(Field);
  if (V.getAsSymbol())
    State = State->bindLoc(loc::MemRegionVal(Field), V, LCtx);
  return V;
}

} // namespace taskleak
