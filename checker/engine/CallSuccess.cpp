//===- CallSuccess.cpp - split a path on a modelled call's result ---------===//

#include "CallSuccess.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"

#include <optional>

using namespace clang;
using namespace ento;

namespace taskleak {

/// The condition "the call succeeded" for \p M, or nothing when the row
/// never fails or the result is not a value the path can constrain.
static std::optional<DefinedOrUnknownSVal> succeededCond(const tl_fn_model &M,
                                                         SVal Ret, QualType T,
                                                         ProgramStateRef State,
                                                         CheckerContext &C) {
  auto D = Ret.getAs<DefinedOrUnknownSVal>();
  if (!D || Ret.isUnknown() || T.isNull() || T->isVoidType())
    return std::nullopt;
  SValBuilder &SVB = C.getSValBuilder();
  SVal Cond;
  switch (M.success) {
  case TL_SUCCESS_ZERO:
    Cond = SVB.evalEQ(State, *D, SVB.makeZeroVal(T));
    break;
  case TL_SUCCESS_NONNULL:
    Cond = SVB.evalBinOp(State, BO_NE, *D, SVB.makeZeroVal(T), SVB.getConditionType());
    break;
  case TL_SUCCESS_NONNEGATIVE:
    if (!T->isSignedIntegerType())
      return std::nullopt;
    Cond = SVB.evalBinOp(State, BO_GE, *D, SVB.makeZeroVal(T), SVB.getConditionType());
    break;
  default:
    return std::nullopt;
  }
  auto Out = Cond.getAs<DefinedOrUnknownSVal>();
  if (!Out || Out->isUnknown())
    return std::nullopt;
  return *Out;
}

/// Is \p Call's value thrown away: a statement of its own, or cast to void?
static bool resultDiscarded(const CallEvent &Call, CheckerContext &C) {
  const Expr *E = dyn_cast_or_null<Expr>(Call.getOriginExpr());
  if (!E)
    return true;
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *P = PM.getParentIgnoreParenCasts(const_cast<Expr *>(E));
  if (const auto *CE = dyn_cast_or_null<CStyleCastExpr>(P))
    return CE->getType()->isVoidType();
  return !P || isa<CompoundStmt>(P) || isa<LabelStmt>(P) || isa<CaseStmt>(P) ||
         isa<DefaultStmt>(P) ||
         (isa<IfStmt>(P) && cast<IfStmt>(P)->getCond()->IgnoreParenCasts() != E);
}

CallOutcome splitOnSuccess(const tl_fn_model &M, const CallEvent &Call,
                           ProgramStateRef State, CheckerContext &C) {
  if (resultDiscarded(Call, C))
    return {State, nullptr};
  std::optional<DefinedOrUnknownSVal> Ok =
      succeededCond(M, Call.getReturnValue(), Call.getResultType(), State, C);
  if (!Ok)
    return {State, nullptr};
  ProgramStateRef Yes, No;
  std::tie(Yes, No) = State->assume(*Ok);
  return {Yes, No};
}

} // namespace taskleak
