//===- HandleOut.cpp - where a creating call writes its handle ------------===//

#include "HandleOut.h"
#include "Handles.h"

using namespace clang;
using namespace ento;

namespace taskleak {

std::optional<HandleOut> handleOut(const tl_fn_model &M, const CallEvent &Call) {
  const MemRegion *R = argRegion(M.handle_out_arg, Call);
  const Expr *A = R ? Call.getArgExpr(M.handle_out_arg) : nullptr;
  if (!A || !A->getType()->isPointerType())
    return std::nullopt;
  return HandleOut{R, A->getType()->getPointeeType()};
}

} // namespace taskleak
