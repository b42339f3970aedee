//===- HandleOut.cpp - where a creating call writes its handle ------------===//

#include "HandleOut.h"
#include "Handles.h"

using namespace clang;
using namespace ento;

namespace taskleak {

std::optional<HandleOut> handleOut(const tl_fn_model &M, const CallEvent &Call) {
  if (!isArg(M.handle_out_arg, Call))
    return std::nullopt;
  const MemRegion *R = Call.getArgSVal(M.handle_out_arg).getAsRegion();
  const Expr *A = Call.getArgExpr(M.handle_out_arg);
  if (!R || !A || !A->getType()->isPointerType())
    return std::nullopt;
  return HandleOut{R, A->getType()->getPointeeType()};
}

} // namespace taskleak
