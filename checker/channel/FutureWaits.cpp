//===- FutureWaits.cpp - future.get() on a promise nobody will set (TL201) ===//
//
// A std::future from `p.get_future()` is a one-shot channel: get() and
// wait() block until the promise's value (or exception) is set, and throw
// std::future_error(broken_promise) once the promise is destroyed unset.
// So a get() blocks forever exactly when the promise is still alive and
// unset, and the only code that could set it is the caller itself, which
// is blocked: the promise is a local of this frame that was neither handed
// to a task (moved out, passed to unseen code, captured by a task) nor set.
//
//   std::promise<int> p;  ---> Held
//      Held --set_value / set_exception--------------> Set       (get returns)
//      Held --moved from / handed to other code------> Handed    (a task may set it)
//      Held --destroyed------------------------------> (dropped) (get throws)
//   f.get() / f.wait() with f = p.get_future() and p Held  -> TL201
//
// The future is tied to its promise by its declaration (`auto f =
// p.get_future();`, p a local or a member of one), as the program spells
// it; a future assigned later or handed around is not followed (silent).
//
//===----------------------------------------------------------------------===//

#include "Compat.h"
#include "RuleChecker.h"
#include "StateTraits.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class FutureWaitsChecker
    : public CxxRule<check::PreCall, check::PostCall, check::Bind,
                     check::RegionChanges> {
public:
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  bool wantsRegionChangeUpdate(ProgramStateRef) const { return true; }
  TASKLEAK_REGION_CHANGES;

private:
  void preFutureWait(const CXXInstanceCall &Call, CheckerContext &C) const;
  void reportWait(const CXXInstanceCall &Call, const MemRegion *Promise,
                  CheckerContext &C) const;
};

/// Kept in the state as an unsigned (the map's values need a Profile).
enum PromiseState : unsigned { PromiseHeld, PromiseHanded, PromiseSet };

} // namespace

// A promise object of this path -> what became of it.
REGISTER_MAP_WITH_PROGRAMSTATE(Promises, const MemRegion *, unsigned)

//===----------------------------------------------------------------------===//
// Which calls.
//===----------------------------------------------------------------------===//

static bool isStdClass(const CXXRecordDecl *RD, StringRef Name) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == Name;
}

static bool isPromiseMethod(const CallEvent &Call, const CXXMethodDecl *&MD) {
  MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  return MD && isStdClass(MD->getParent(), "promise");
}

/// set_value, set_exception and their at_thread_exit forms.
static bool setsValue(const CXXMethodDecl *MD) {
  return MD->getIdentifier() && startsWith(MD->getName(), "set_");
}

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

void FutureWaitsChecker::checkPreCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  if (IC && MD && MD->getIdentifier() &&
      (MD->getName() == "get" || MD->getName() == "wait") &&
      (isStdClass(MD->getParent(), "future") ||
       isStdClass(MD->getParent(), "__basic_future")))
    return preFutureWait(*IC, C);
  // A promise moved from (into a task's argument, a lambda, a helper).
  ProgramStateRef State = C.getState();
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    const MemRegion *R = Call.getArgSVal(I).getAsRegion();
    const Expr *A = Call.getArgExpr(I);
    if (!R || !A || !A->isXValue())
      continue;
    R = R->StripCasts(false);
    if (State->get<Promises>(R))
      State = State->set<Promises>(R, PromiseHanded);
  }
  if (State != C.getState())
    C.addTransition(State);
}

void FutureWaitsChecker::checkPostCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const CXXMethodDecl *MD = nullptr;
  if (!isPromiseMethod(Call, MD))
    return;
  ProgramStateRef State = C.getState();
  if (const auto *CC = dyn_cast<CXXConstructorCall>(&Call)) {
    const MemRegion *R = CC->getCXXThisVal().getAsRegion();
    // Only the frame's own promises: one reached through a pointer may be
    // anybody's.
    if (R && isa<StackLocalsSpaceRegion>(R->getMemorySpace()) &&
        Call.getNumArgs() == 0)
      C.addTransition(State->set<Promises>(R->StripCasts(false), PromiseHeld));
    return;
  }
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  const MemRegion *R = IC ? IC->getCXXThisVal().getAsRegion() : nullptr;
  if (!R || !(R = R->StripCasts(false), State->get<Promises>(R)))
    return;
  if (isa<CXXDestructorCall>(&Call))
    C.addTransition(without<Promises>(State, R)); // get() now throws
  else if (setsValue(MD))
    C.addTransition(State->set<Promises>(R, PromiseSet));
}

/// The promise's address stored anywhere (a lambda capturing it by
/// reference, a reference or pointer kept): whoever holds it may set it.
void FutureWaitsChecker::checkBind(SVal, SVal Val, const Stmt *,
                                   CheckerContext &C) const {
  const MemRegion *R = Val.getAsRegion();
  ProgramStateRef State = C.getState();
  if (!R || State->get<Promises>().isEmpty())
    return;
  R = R->StripCasts(false);
  for (const auto &E : State->get<Promises>())
    if (E.first == R || E.first->isSubRegionOf(R))
      State = State->set<Promises>(E.first, PromiseHanded);
  if (State != C.getState())
    C.addTransition(State);
}

/// A promise whose object (or an object holding it) unseen code may reach
/// is handed over: a task may set it.  The promise's own members and the
/// future's are not such code.
ProgramStateRef FutureWaitsChecker::checkRegionChanges(
    ProgramStateRef State, const InvalidatedSymbols *,
    ArrayRef<const MemRegion *> ExplicitRegions, ArrayRef<const MemRegion *> Regions,
    const LocationContext *, const CallEvent *Call) const {
  if (!Call || State->get<Promises>().isEmpty())
    return State;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call->getDecl());
  if (MD && (isStdClass(MD->getParent(), "promise") ||
             isStdClass(MD->getParent(), "future") ||
             isStdClass(MD->getParent(), "__basic_future")))
    return State;
  for (const MemRegion *R : Regions)
    for (const auto &E : State->get<Promises>())
      if (R && (E.first == R || E.first->isSubRegionOf(R) || R->isSubRegionOf(E.first)))
        State = State->set<Promises>(E.first, PromiseHanded);
  return State;
}

//===----------------------------------------------------------------------===//
// The wait.
//===----------------------------------------------------------------------===//

/// The region of `p` or `j.done` (a local, or a field of a local) in the
/// current frame.
static const MemRegion *localObject(const Expr *E, CheckerContext &C) {
  E = E->IgnoreParenImpCasts();
  ProgramStateRef State = C.getState();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
      return nullptr;
    return State->getLValue(VD, C.getLocationContext()).getAsRegion();
  }
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!FD || ME->isArrow())
    return nullptr;
  const MemRegion *Base = localObject(ME->getBase(), C);
  if (!Base)
    return nullptr;
  return State->getLValue(FD, loc::MemRegionVal(Base)).getAsRegion();
}

/// The promise `p` of the future `f` declared as `auto f = p.get_future();`.
static const Expr *promiseOfFuture(const MemRegion *Future) {
  const auto *VR = dyn_cast_or_null<VarRegion>(Future);
  const VarDecl *VD = VR ? dyn_cast<VarDecl>(VR->getDecl()) : nullptr;
  const Expr *Init = VD ? VD->getInit() : nullptr;
  if (!Init)
    return nullptr;
  Init = Init->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init))
    if (CE->getNumArgs() == 1)
      Init = CE->getArg(0)->IgnoreImplicit();
  const auto *MCE = dyn_cast<CXXMemberCallExpr>(Init);
  const CXXMethodDecl *MD = MCE ? MCE->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MD->getName() != "get_future" ||
      !isStdClass(MD->getParent(), "promise"))
    return nullptr;
  return MCE->getImplicitObjectArgument();
}

void FutureWaitsChecker::preFutureWait(const CXXInstanceCall &Call,
                                       CheckerContext &C) const {
  const MemRegion *Future = Call.getCXXThisVal().getAsRegion();
  // wait() is __basic_future's: `this` is f's base-class part.
  const Expr *PromiseExpr = promiseOfFuture(Future ? Future->StripCasts(true) : nullptr);
  const MemRegion *Promise = PromiseExpr ? localObject(PromiseExpr, C) : nullptr;
  if (!Promise)
    return;
  const unsigned *S = C.getState()->get<Promises>(Promise->StripCasts(false));
  if (S && *S == PromiseHeld)
    reportWait(Call, Promise, C);
}

void FutureWaitsChecker::reportWait(const CXXInstanceCall &Call,
                                    const MemRegion *Promise,
                                    CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode();
  if (!N)
    return;
  std::string Name = Promise->getDescriptiveName(/*UseQuotes=*/true);
  std::string What = cast<NamedDecl>(Call.getDecl())->getNameAsString();
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BT,
      "This " + What + "() waits forever: the promise " + Name +
          " is still held by this function, neither set nor handed to a task",
      N);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Promise);
  C.emitReport(std::move(R));
}

static RegisterChecker TL201Futures{
    RecvNeverSatisfiedName,
    registerOneRule<FutureWaitsChecker, RecvNeverSatisfiedBug>};
