//===- Respawn.cpp - a spawn into an owner field whose task may still run -===//
//
// TL101 UnjoinedTask, issue 15 item 10.  A periodic or restart function
// spawns into an owner's handle field while the task started there earlier
// may still be running: the old handle is overwritten and that task can
// never be joined.
//
//   void mon_restart(struct mon *m) {
//     if (m->running)
//       log("restarting");               // no join of m->tid
//     pthread_create(&m->tid, NULL, loop, m);
//     m->running = 1;
//   }
//
// "May still be running" is judged through the owner's guard flag, inferred
// from the program: an integer field of the same object that a function
// spawning into the handle field sets to a non-zero constant (`m->running =
// 1`).  At a spawn into the field, the flag's value on this path says
// whether the old task runs: non-zero, and no join or detach of the field
// earlier on the path, is the bug.  A flag never tested on the path (a plain
// start function) says nothing, and nothing is reported.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "FieldSpelling.h"
#include "Handles.h"
#include "StateTraits.h"
#include "UnitVisitor.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "RuleChecker.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// Handle field -> the guard flags raised by the functions that spawn into
/// it.
using GuardMap =
    llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const FieldDecl *, 1>>;

const FieldDecl *memberField(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

/// One function: the fields it spawns into and the integer fields it sets
/// to a non-zero constant.
class GuardCollector : public UnitVisitor<GuardCollector> {
public:
  GuardCollector(const ModelIndex &Models, GuardMap &Out)
      : Models(Models), Out(Out) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    Handles.clear();
    Raised.clear();
    bool Ok = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    for (const FieldDecl *H : Handles)
      for (const FieldDecl *G : Raised)
        if (G->getParent() == H->getParent() &&
            llvm::find(Out[H], G) == Out[H].end())
          Out[H].push_back(G);
    return Ok;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const tl_fn_model *M = Callee ? Models.lookup(Callee) : nullptr;
    if (!M || M->role != TL_ROLE_SPAWN || M->handle_out_arg < 0 ||
        static_cast<unsigned>(M->handle_out_arg) >= CE->getNumArgs())
      return true;
    const auto *U = dyn_cast<UnaryOperator>(CE->getArg(M->handle_out_arg)->IgnoreParenImpCasts());
    if (U && U->getOpcode() == UO_AddrOf)
      if (const FieldDecl *F = memberField(U->getSubExpr()))
        Handles.push_back(F);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    const FieldDecl *G = BO->getOpcode() == BO_Assign ? memberField(BO->getLHS()) : nullptr;
    Expr::EvalResult R;
    if (G && G->getType()->isIntegralOrEnumerationType() &&
        BO->getRHS()->EvaluateAsInt(R, G->getASTContext()) && R.Val.getInt() != 0)
      Raised.push_back(G);
    return true;
  }

private:
  const ModelIndex &Models;
  GuardMap &Out;
  llvm::SmallVector<const FieldDecl *, 2> Handles, Raised;
};

class RespawnChecker
    : public GatedRoleRule<RespawnChecker, check::PreCall, check::DeadSymbols> {
public:
  /// What a join remembers only a later spawn reads.
  static constexpr tl_role StartRoles[] = {TL_ROLE_SPAWN};
  static constexpr bool EveryCxxUnit = false; // C spawns only (ModelIndex::lookup)
  static const RoleRow<RespawnChecker> PreRoles[];
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  const GuardMap &guards(CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(release);
  TASKLEAK_ROLE_HANDLER(spawn);
  mutable std::unique_ptr<GuardMap> Guards;
};

} // namespace

// Handle fields joined or detached on this path: a spawn may reuse them.
REGISTER_SET_WITH_PROGRAMSTATE(ReleasedFields, const MemRegion *)

/// Only an object that outlives the function can hold an earlier task: a
/// fresh local or a block this path allocated holds none.
static bool outlivesFunction(const FieldRegion *FR) {
  return !isa<StackLocalsSpaceRegion>(FR->getMemorySpace()) &&
         !isa<HeapSpaceRegion>(FR->getMemorySpace());
}

const GuardMap &RespawnChecker::guards(CheckerContext &C) const {
  if (!Guards) {
    Guards = std::make_unique<GuardMap>();
    GuardCollector(*Models, *Guards).TraverseDecl(C.getASTContext().getTranslationUnitDecl());
  }
  return *Guards;
}

const RoleRow<RespawnChecker> RespawnChecker::PreRoles[] = {
    {TL_ROLE_SPAWN, &RespawnChecker::spawn},
    {TL_ROLE_JOIN, &RespawnChecker::release},
    {TL_ROLE_DETACH, &RespawnChecker::release}};

/// Remembers the field a join or detach read its handle from.
TASKLEAK_ROLE_HANDLER(RespawnChecker::release) {
  if (!isArg(M.handle_arg, Call))
    return;
  SVal V = Call.getArgSVal(M.handle_arg);
  const MemRegion *From = nullptr;
  if (M.handle_by_pointer)
    From = V.getAsRegion();
  else if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(V.getAsSymbol()))
    From = RV->getRegion();
  else if (const auto *D = dyn_cast_or_null<SymbolDerived>(V.getAsSymbol()))
    From = D->getRegion();
  ProgramStateRef State = C.getState();
  const auto *FR = dyn_cast_or_null<FieldRegion>(From ? canonicalField(State, From) : nullptr);
  // Only a field a later spawn here would judge is worth remembering: a
  // set that only grows keeps paths apart that the analyzer could merge.
  if (FR && outlivesFunction(FR) && guards(C).count(FR->getDecl()))
    C.addTransition(State->add<ReleasedFields>(FR));
}

/// A released field in memory nothing reaches any more can hold no task a
/// later spawn would overwrite.
void RespawnChecker::checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const MemRegion *R : State->get<ReleasedFields>())
    if (!SR.isLiveRegion(R))
      State = without<ReleasedFields>(State, R);
  if (State != C.getState())
    C.addTransition(State);
}

TASKLEAK_ROLE_HANDLER(RespawnChecker::spawn) {
  if (!isArg(M.handle_out_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  const MemRegion *Arg = Call.getArgSVal(M.handle_out_arg).getAsRegion();
  const auto *FR = dyn_cast_or_null<FieldRegion>(canonicalField(State, Arg));
  if (!FR || !outlivesFunction(FR) || State->contains<ReleasedFields>(FR))
    return;
  auto It = guards(C).find(FR->getDecl());
  if (It == guards(C).end())
    return;
  for (const FieldDecl *G : It->second) {
    const FieldRegion *GR = siblingField(C, Arg, G);
    // The value the function found there and tested; a flag this path set
    // itself (`m->running = 1;` before the spawn) says nothing of the past.
    SVal Flag = State->getSVal(GR);
    if (!Flag.getAsSymbol() || !Flag.getAs<DefinedOrUnknownSVal>())
      continue;
    ConditionTruthVal Zero = State->isNull(Flag);
    if (!Zero.isConstrainedFalse())
      continue;
    ExplodedNode *N = C.generateNonFatalErrorNode();
    if (!N)
      return;
    std::string Handle = describeRegion(FR, /*BareMember=*/false);
    std::string Flagged = describeRegion(GR, /*BareMember=*/false);
    if (Handle.empty() || Flagged.empty()) {
      Handle = FR->getDecl()->getNameAsString();
      Flagged = G->getNameAsString();
    }
    auto R = std::make_unique<PathSensitiveBugReport>(
        *BT,
        "Spawn into '" + Handle + "' while the thread started there may still run ('" +
            Flagged + "' is set): that thread is never joined or detached",
        N);
    R->addRange(Call.getSourceRange());
    R->markInteresting(GR);
    C.emitReport(std::move(R));
    return;
  }
}

static RegisterChecker TL101Respawn{
    UnjoinedTaskName, registerOneRule<RespawnChecker, UnjoinedTaskBug>};
