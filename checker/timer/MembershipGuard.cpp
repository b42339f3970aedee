//===- MembershipGuard.cpp - callbacks that check their data is alive -----===//
//
// See MembershipGuard.h.
//
//===----------------------------------------------------------------------===//

#include "MembershipGuard.h"

#include "ExprNames.h"
#include "ModelIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace ento;

REGISTER_MAP_WITH_PROGRAMSTATE(RemovedFromMap, const MemRegion *, const VarDecl *)

namespace taskleak {

namespace {

using Vars = llvm::SmallPtrSet<const VarDecl *, 4>;

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// A global variable named as is.
const VarDecl *globalOf(const Expr *E) {
  const VarDecl *VD = varOf(E);
  return VD && VD->hasGlobalStorage() && !VD->isStaticLocal() ? VD : nullptr;
}

/// `list_find(G, x)` with x one of \p Data: G.
const VarDecl *findIn(const CallExpr *CE, const Vars &Data, const ModelIndex &Models) {
  if (!CE || CE->getNumArgs() < 2 ||
      !Models.isCall(CE->getDirectCallee(), TL_ROLE_LIST_FIND))
    return nullptr;
  const VarDecl *X = varOf(CE->getArg(1));
  return X && Data.count(X) ? globalOf(CE->getArg(0)) : nullptr;
}

/// A `list_find(G, param)` anywhere in \p S.
const VarDecl *findAnywhere(const Stmt *S, const Vars &Data, const ModelIndex &Models) {
  if (!S)
    return nullptr;
  if (const VarDecl *G = findIn(dyn_cast<CallExpr>(S), Data, Models))
    return G;
  for (const Stmt *Child : S->children())
    if (const VarDecl *G = findAnywhere(Child, Data, Models))
      return G;
  return nullptr;
}

/// `list_find(G, d)` or `is_member(d)`, a function of this unit whose body
/// is one return of such a find on its parameter: G.
const VarDecl *membershipTest(const Expr *Cond, const Vars &Data,
                              const ModelIndex &Models) {
  const auto *CE = dyn_cast<CallExpr>(Cond->IgnoreParenCasts());
  if (!CE)
    return nullptr;
  if (const VarDecl *G = findIn(CE, Data, Models))
    return G;
  const FunctionDecl *F = CE->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || CE->getNumArgs() != 1 || Def->getNumParams() != 1 ||
      !Data.count(varOf(CE->getArg(0))))
    return nullptr;
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  const auto *RS = Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front())
                                             : nullptr;
  Vars Param;
  Param.insert(Def->getParamDecl(0));
  return RS ? findAnywhere(RS->getRetValue(), Param, Models) : nullptr;
}

bool mentions(const Stmt *Within, const Vars &Data) {
  return anyWithin(Within, [&Data](const Stmt *S) {
    const VarDecl *VD = varOf(dyn_cast<Expr>(S));
    return VD && Data.count(VD);
  });
}

/// `return ...;` (or `{ return ...; }`) that does not hand out the data.
bool onlyReturns(const Stmt *S, const Vars &Data) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return CS->size() == 1 && onlyReturns(CS->body_front(), Data);
  return isa_and_nonnull<ReturnStmt>(S) && !mentions(S, Data);
}

/// The guard \p If sets up: `if (member) { uses }` with nothing after it
/// using the data, or `if (!member) return ...;`.
const VarDecl *guardOf(const IfStmt *If, llvm::ArrayRef<const Stmt *> Rest,
                       const Vars &Data, const ModelIndex &Models) {
  if (!If || If->getInit() || If->getConditionVariable())
    return nullptr;
  const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    if (U->getOpcode() == UO_LNot)
      return onlyReturns(If->getThen(), Data) ? membershipTest(U->getSubExpr(), Data, Models)
                                        : nullptr;
  if (If->getElse() && mentions(If->getElse(), Data))
    return nullptr;
  for (const Stmt *S : Rest)
    if (mentions(S, Data))
      return nullptr;
  return membershipTest(Cond, Data, Models);
}

} // namespace

const VarDecl *livenessContainer(const FunctionDecl *CB, const ModelIndex &Models) {
  const FunctionDecl *Def = nullptr;
  if (!CB || !CB->hasBody(Def) || Def->getNumParams() == 0)
    return nullptr;
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  if (!Body)
    return nullptr;
  Vars Data;
  Data.insert(Def->getParamDecl(Def->getNumParams() - 1));
  llvm::ArrayRef<const Stmt *> Stmts(Body->body_begin(), Body->body_end());
  for (size_t I = 0; I < Stmts.size(); ++I) {
    // `server *serv = data;`: an alias; a declaration that does anything
    // else with the data uses it before the check.
    if (const auto *DS = dyn_cast<DeclStmt>(Stmts[I])) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          if (Data.count(varOf(VD->getInit())))
            Data.insert(VD);
          else if (mentions(VD->getInit(), Data))
            return nullptr;
        }
      continue;
    }
    return guardOf(dyn_cast<IfStmt>(Stmts[I]), Stmts.drop_front(I + 1), Data, Models);
  }
  return nullptr;
}

ProgramStateRef noteRemoval(const CallEvent &Call, ProgramStateRef State) {
  if (Call.getNumArgs() < 2)
    return State;
  const VarDecl *G = globalOf(Call.getArgExpr(0));
  const MemRegion *Obj = Call.getArgSVal(1).getAsRegion();
  if (!G || !Obj)
    return State;
  return State->set<RemovedFromMap>(Obj->getBaseRegion(), G);
}

const VarDecl *removedFrom(ProgramStateRef State, const MemRegion *Obj) {
  if (!Obj)
    return nullptr;
  const VarDecl *const *G = State->get<RemovedFromMap>(Obj->getBaseRegion());
  return G ? *G : nullptr;
}

} // namespace taskleak
