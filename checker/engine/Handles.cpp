//===- Handles.cpp - the handle machinery every family shares -------------===//
//
// Implements Handles.h: the handle argument of a modelled call, the
// canonical field key, the top function, the owner an owner-ending function
// ends, the "Assuming ..." note.  No state of its own.
//
//===----------------------------------------------------------------------===//

#include "Handles.h"

#include "GObjectOwners.h"
#include "RegionNames.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;
using namespace ento;

namespace taskleak {

std::optional<SVal> handleArgValue(const tl_fn_model &M, const CallEvent &Call,
                                   ProgramStateRef State) {
  if (!isArg(M.handle_arg, Call))
    return std::nullopt;
  SVal V = Call.getArgSVal(M.handle_arg);
  if (!M.handle_by_pointer)
    return V;
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return std::nullopt;
  return State->getSVal(R);
}

const MemRegion *canonicalField(ProgramStateRef State, const MemRegion *R) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
  if (!FR)
    return R;
  const auto *ER = dyn_cast<ElementRegion>(FR->getSuperRegion());
  if (!ER || !ER->getIndex().isZeroConstant())
    return R;
  const auto *SR = dyn_cast<SymbolicRegion>(ER->getSuperRegion());
  if (!SR)
    return R;
  return State->getStateManager().getRegionManager().getFieldRegion(
      FR->getDecl(), SR);
}

const FunctionDecl *topFunction(CheckerContext &C) {
  const LocationContext *LC = C.getLocationContext();
  while (LC->getParent())
    LC = LC->getParent();
  return dyn_cast_or_null<FunctionDecl>(LC->getDecl());
}

std::optional<EndedOwner> endedOwner(CheckerContext &C, ProgramStateRef State,
                                     const FunctionDecl *FD, int Index) {
  EndedOwner O;
  if (Index < 0) {
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!MD)
      return std::nullopt;
    O.Ptr = State->getSVal(C.getSValBuilder().getCXXThis(MD, C.getStackFrame()));
    O.Record = MD->getParent();
  } else if (static_cast<unsigned>(Index) < FD->getNumParams()) {
    const ParmVarDecl *P = FD->getParamDecl(Index);
    O.Ptr = State->getSVal(State->getRegion(P, C.getLocationContext()));
    O.Record = P->getType()->getPointeeType()->getAsRecordDecl();
    // A GObject dispose / finalize gets a GObject *: it ends its instance.
    if (const GObjectEnder *G = gobjectOwners(FD->getASTContext()).enderOf(FD))
      O.Record = G->Instance;
  }
  if (!O.Record)
    return std::nullopt;
  return O;
}

std::string assumingText(const MemRegion *Field, const FieldDecl *FD,
                         llvm::StringRef What, const FunctionDecl *AcquiredIn) {
  std::string Where = describeRegion(Field, /*BareMember=*/false);
  return "Assuming '" + (Where.empty() ? FD->getNameAsString() : Where) +
         "' holds the " + What.str() + " '" + AcquiredIn->getNameAsString() + "'";
}

} // namespace taskleak
