//===- ContextPropagate.cpp - TL402 (handle not handed on), TL501 ---------===//
//
// TL402 NotPropagated, for a function that holds a cancellation handle (a
// parameter of a cancel_type: `GCancellable *`, `std::stop_token`; a
// jthread body is such a function):
//
//   handleNotPassed   it calls an operation that accepts a handle (a
//                     parameter of a cancel_type, read from the callee's
//                     declaration) with NULL, an empty token, or a handle of
//                     its own that nothing ever cancels
//   fieldNotStored    it creates a struct whose handle field other code
//                     hands to operations, and never fills that field
//                     (nor calls a helper that does)
//   blindWait         it blocks in a wait that cannot see the handle
//                     (cancel_wait without its "token"), or sleeps in a loop
//                     that never looks at the handle
//
// TL501 UnboundedSpawn (alpha): a spawn inside a loop with no bound (no
// condition, a constant one, or one that only tests a call's result, as
// `accept() >= 0`) with no join and no wait in the loop.
//
//===----------------------------------------------------------------------===//

#include "ContextBody.h"
#include "ExprNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

using namespace clang;

namespace taskleak {

namespace {

bool actsOnHandle(const tl_fn_model *M) {
  return ContextModels::actsOnHandle(M);
}

/// Whether every use of local \p V in the body only passes it on as a
/// handle or polls or releases it: nothing can ever cancel it.
bool neverCancelled(const ContextBody &B, const VarDecl *V) {
  const ParentMap &PM = B.ADC->getParentMap();
  struct Walker {
    const ContextBody &B;
    const VarDecl *V;
    const ParentMap &PM;
    bool Ok = true;
    void use(const DeclRefExpr *DRE) {
      const Stmt *P = PM.getParentIgnoreParenCasts(DRE);
      const auto *Call = dyn_cast_or_null<Expr>(P);
      const FunctionDecl *FD = Call ? ContextModels::callee(Call) : nullptr;
      const tl_fn_model *M = FD ? B.models().lookup(FD) : nullptr;
      if (M && (M->role == TL_ROLE_CANCEL_CHECK || M->role == TL_ROLE_CANCEL_RELEASE))
        return;
      llvm::ArrayRef<const Expr *> A;
      if (Call)
        A = ContextModels::args(Call);
      for (unsigned I = 0; FD && !actsOnHandle(M) && I < A.size() && I < FD->getNumParams(); ++I)
        if (A[I]->IgnoreParenImpCasts() == DRE &&
            B.models().isHandleType(FD->getParamDecl(I)->getType()))
          return;
      Ok = false;
    }
    void walk(const Stmt *S) {
      if (!S || !Ok)
        return;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
        use(DRE);
      for (const Stmt *C : S->children())
        walk(C);
    }
  } W{B, V, PM};
  W.walk(B.FD->getBody());
  return W.Ok;
}

/// What \p Arg gives an operation instead of the holder's handle, or "".
std::string substitute(const ContextBody &B, const Expr *Arg, const VarDecl *&Own) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (Arg->isNullPointerConstant(B.ctx(), Expr::NPC_ValueDependentIsNotNull))
    return "NULL";
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E); CC && CC->getNumArgs() == 0)
    return "an empty handle";
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || !V->hasInit() || !V->isLocalVarDecl())
    return "";
  const Expr *Init = V->getInit()->IgnoreParenImpCasts();
  if (!isa<CallExpr, CXXConstructExpr>(Init) ||
      !B.models().is(Init, TL_ROLE_CANCEL_MAKE) || !neverCancelled(B, V))
    return "";
  Own = V;
  return "'" + V->getNameAsString() + "' (a handle nothing cancels)";
}

/// A call that passes NULL for its last parameter, a pointer to a pointer
/// (`GError **error`), ignores how it fails: a best-effort cleanup
/// (`rm_rf(dir, NULL, NULL)` on the way out), left uncancellable on purpose.
bool bestEffort(const ContextBody &B, const FunctionDecl *FD,
                llvm::ArrayRef<const Expr *> A) {
  unsigned N = FD->getNumParams();
  if (N == 0 || A.size() < N)
    return false;
  QualType T = FD->getParamDecl(N - 1)->getType();
  return T->isPointerType() && T->getPointeeType()->isPointerType() &&
         A[N - 1]->isNullPointerConstant(B.ctx(), Expr::NPC_ValueDependentIsNotNull);
}

void handleNotPassed(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::NotPropagated) || !B.Holder)
    return;
  for (const BodyCall &C : B.Calls) {
    const FunctionDecl *FD = ContextModels::callee(C.Call);
    if (!FD || actsOnHandle(C.Model))
      continue;
    llvm::ArrayRef<const Expr *> A = ContextModels::args(C.Call);
    for (unsigned I = 0; I < FD->getNumParams() && I < A.size(); ++I) {
      if (!B.models().isHandleType(FD->getParamDecl(I)->getType()))
        continue;
      const VarDecl *Own = nullptr;
      std::string Sub = substitute(B, A[I], Own);
      if (Sub.empty() || (Sub == "NULL" && bestEffort(B, FD, A)))
        continue;
      std::string H = nameOf(B.Holder), Callee = nameOf(FD);
      R.note(B.Holder, "'" + nameOf(B.FD) + "' receives cancellation handle '" +
                           H + "' here");
      if (Own)
        R.note(Own, "'" + nameOf(Own) + "' is created here and never cancelled");
      R.emit(ContextReport::NotPropagated, A[I],
             "'" + Callee + "' is given " + Sub + " for its '" +
                 nameOf(FD->getParamDecl(I)) + "' although '" + nameOf(B.FD) +
                 "' holds '" + H + "': cancelling '" + H + "' does not stop it");
      break;
    }
  }
}

/// The struct a local is (or points to), if it has a handle field that
/// operations elsewhere read.
const FieldDecl *readHandleField(const ContextBody &B, const VarDecl *V) {
  QualType T = V->getType();
  if (T->isPointerType()) {
    // A pointer counts when it receives a new object (an allocation, a
    // constructor function), not a copy of one it was given (`Op *op = data`).
    const Expr *Init = V->getInit() ? V->getInit()->IgnoreParenCasts() : nullptr;
    if (!Init || !isa<CallExpr>(Init))
      return nullptr;
    T = T->getPointeeType();
  }
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || !RD->getDefinition())
    return nullptr;
  for (const FieldDecl *F : RD->getDefinition()->fields())
    if (B.models().isHandleType(F->getType()) && B.Index.readOfField(F))
      return F;
  return nullptr;
}

bool writesField(const ContextBody &B, const FieldDecl *F) {
  const FunctionEffects *Own = B.Index.effectsOf(B.FD);
  if (Own && Own->WritesHandleFields.count(F))
    return true;
  for (const BodyCall &C : B.Calls)
    if (B.callsHelper(C.Call, [&](const FunctionEffects &E) {
          return E.WritesHandleFields.count(F) != 0;
        }))
      return true;
  return false;
}

void fieldNotStored(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::NotPropagated) || !B.Holder)
    return;
  llvm::SmallPtrSet<const FieldDecl *, 4> Done;
  for (const VarDecl *V : B.Locals) {
    const FieldDecl *F = readHandleField(B, V);
    if (!F || !Done.insert(F).second || writesField(B, F))
      continue;
    std::string H = nameOf(B.Holder), Access =
        nameOf(V) + (V->getType()->isPointerType() ? "->" : ".") + nameOf(F);
    R.note(B.Holder, "'" + nameOf(B.FD) + "' receives cancellation handle '" +
                         H + "' here")
        .note(B.Index.readOfField(F),
              "Operations take their cancellation handle from '" + nameOf(F) +
                  "' here");
    R.emit(ContextReport::NotPropagated, V->getInit() ? (const Stmt *)V->getInit()
                                                     : B.FD->getBody(),
           "'" + nameOf(B.FD) + "' holds cancellation handle '" + H +
               "' but never stores it in '" + Access +
               "', which the operations read: cancelling '" + H +
               "' does not stop them");
  }
}

bool unbounded(const ContextBody &B, const Stmt *Loop);

bool pollsHandle(const ContextBody &B, const Stmt *Loop) {
  const Stmt *Cond = nullptr, *Body = nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    Cond = W->getCond(), Body = W->getBody();
  else if (const auto *D = dyn_cast<DoStmt>(Loop))
    Cond = D->getCond(), Body = D->getBody();
  else if (const auto *F = dyn_cast<ForStmt>(Loop))
    Cond = F->getCond(), Body = F->getBody();
  else
    Body = cast<CXXForRangeStmt>(Loop)->getBody();
  return mentionsDecl(Cond, B.Holder) || mentionsDecl(Body, B.Holder);
}

void blindWait(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::NotPropagated) || !B.Holder)
    return;
  for (const BodyCall *W : B.withRole(TL_ROLE_CANCEL_WAIT)) {
    const tl_fn_model &M = *W->Model;
    llvm::ArrayRef<const Expr *> A = ContextModels::args(W->Call);
    if (M.token_arg >= 0 && static_cast<size_t>(M.token_arg) < A.size() &&
        B.models().isHandleType(A[M.token_arg]->getType()))
      continue; // a stoppable wait
    bool PredicateSees = false; // `cv.wait(lk, [&] { return st.stop_requested(); })`:
    for (const Expr *Arg : A)   // a notify after the stop wakes it (TL403's business)
      PredicateSees |= mentionsDecl(Arg, B.Holder);
    if (PredicateSees)
      continue;
    bool Timed = M.deadline_arg >= 0;
    std::string H = nameOf(B.Holder),
                Callee = ContextModels::qualifiedName(ContextModels::callee(W->Call));
    std::string Received =
        "'" + nameOf(B.FD) + "' receives cancellation handle '" + H + "' here";
    if (Timed) {
      // A counted loop (`for (i = 0; i < 10; i++) sleep_for(d)`) ends by
      // itself; an unbounded one must look at the handle.
      if (!W->Loop || !unbounded(B, W->Loop) || pollsHandle(B, W->Loop))
        continue;
      R.note(B.Holder, Received).note(W->Loop, "This loop never looks at '" + H + "'");
      R.emit(ContextReport::NotPropagated, W->Call,
             "'" + nameOf(B.FD) + "' sleeps in '" + Callee +
                 "' in a loop that never checks '" + H +
                 "': cancelling it does not end the loop");
      continue;
    }
    if (B.Index.connectsAny())
      continue; // a stop callback may be what wakes it
    R.note(B.Holder, Received);
    R.emit(ContextReport::NotPropagated, W->Call,
           "'" + nameOf(B.FD) + "' blocks in '" + Callee +
               "', which cannot see '" + H +
               "': a stop request does not wake it");
  }
}

bool unbounded(const ContextBody &B, const Stmt *Loop) {
  if (!isa<WhileStmt, DoStmt, ForStmt>(Loop))
    return false; // a range-for is bounded by its range
  const Expr *Cond = loopCond(Loop);
  if (!Cond)
    return true;
  bool Value = false;
  if (Cond->EvaluateAsBooleanCondition(Value, B.ctx()))
    return Value;
  return anyWithin(Cond, [](const Stmt *S) { return isa<CallExpr>(S); });
}

void unboundedSpawn(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::UnboundedSpawn))
    return;
  for (const BodyCall &C : B.Calls) {
    if (!C.Model || !C.Loop ||
        (C.Model->role != TL_ROLE_SPAWN && C.Model->role != TL_ROLE_CANCEL_SPAWN) ||
        !unbounded(B, C.Loop))
      continue;
    bool Limited = false;
    for (const BodyCall &D : B.Calls)
      if (D.Loop == C.Loop && D.Model &&
          (D.Model->role == TL_ROLE_JOIN || D.Model->role == TL_ROLE_WAIT ||
           D.Model->role == TL_ROLE_CANCEL_JOIN || D.Model->role == TL_ROLE_RECV))
        Limited = true;
    if (Limited)
      continue;
    R.note(C.Loop, "This loop has no bound");
    R.emit(ContextReport::UnboundedSpawn, C.Call,
           "'" + nameOf(B.FD) + "' spawns a task on every iteration of a loop "
           "with no bound, and nothing in the loop joins or limits them");
  }
}

const ContextRuleFn PropagateRules[] = {handleNotPassed, fieldNotStored,
                                        blindWait, unboundedSpawn};

} // namespace

llvm::ArrayRef<ContextRuleFn> propagateRules() { return PropagateRules; }

} // namespace taskleak
