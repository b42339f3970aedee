//===- AsyncFutures.cpp - std::async futures that wait for a stop (TL403) -===//
//
// The future std::async(std::launch::async, ...) returns waits for its task
// in its destructor: the classic "fire-and-forget" call whose future is
// discarded runs synchronously, the statement waits for the task to end.
// So the destruction of that future is a join, and TL403 applies: a task
// whose loop ends only on a stop flag (LoopSummary.h), waited for at
//
//   - the end of the statement, when the future is discarded,
//   - f.get() / f.wait(), a return inside f's scope, or the end of that
//     scope, when it is held in a local f,
//
// hangs when the owner writes the flag only after that wait, or when the
// loop has no exit at all.  Judged from the owner's statements in source
// order (as CaptureScopes does), not on paths: the wait is a destructor
// the analyzer runs at the end of full expressions and scopes, and a
// summary of the task is all the check needs.
//
// Silent when unsure: a flag this function never writes (someone else may),
// a write between the start and the wait, a policy that may defer the task
// (the default policy, launch::deferred), a future moved or returned.
//
//===----------------------------------------------------------------------===//

#include "AtomicFlags.h"
#include "ExprNames.h"
#include "LoopSummary.h"
#include "ModelIndex.h"
#include "PerUnit.h"
#include "RuleChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// Where a future waits for its task: a statement (the discarding
/// statement, get(), wait(), a return), or the end of its scope (null).
struct WaitPoint {
  const Stmt *S;
  SourceLocation At;
};

/// One std::async(std::launch::async, ...) of the owner, and where its
/// future waits for the task.
struct AsyncStart {
  const CallExpr *Call = nullptr;
  const VarDecl *Future = nullptr; ///< null: discarded
  llvm::SmallVector<WaitPoint, 4> Waits;
};

/// A write of a field, global or atomic in the owner's body.
struct OwnerWrite {
  const ValueDecl *Flag;
  const Expr *Where;
};

/// The owner's body in source order: its std::async starts, the waits of
/// their futures, its writes.  Lambda bodies run elsewhere: not visited.
class OwnerScan : public RecursiveASTVisitor<OwnerScan> {
public:
  llvm::SmallVector<AsyncStart, 2> Starts;
  llvm::SmallVector<OwnerWrite, 8> Writes;

  bool shouldVisitLambdaBodies() const { return false; }

  bool VisitCompoundStmt(CompoundStmt *CS);
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      addWrite(BO->getLHS(), BO);
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Value = nullptr;
    if (const Expr *Atomic = atomicFlagWrite(CE, Value))
      addWrite(Atomic, CE);
    return true;
  }

private:
  void addWrite(const Expr *LHS, const Expr *Where) {
    LHS = LHS->IgnoreParenImpCasts();
    const ValueDecl *D = nullptr;
    if (const auto *ME = dyn_cast<MemberExpr>(LHS))
      D = dyn_cast<FieldDecl>(ME->getMemberDecl());
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
      D = dyn_cast<VarDecl>(DRE->getDecl());
    if (D)
      Writes.push_back({D, Where});
  }
  void heldFuture(const VarDecl *VD, const CallExpr *Call, const CompoundStmt *CS,
                  unsigned From);
};

} // namespace

/// std::async(std::launch::async, ...), and nothing weaker.
static bool isAsyncLaunch(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
      FD->getName() != "async" || CE->getNumArgs() < 2)
    return false;
  const auto *DRE = dyn_cast<DeclRefExpr>(CE->getArg(0)->IgnoreParenImpCasts());
  const auto *EC = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return EC && EC->getName() == "async";
}

/// The std::async call \p E is (the statement that discards it, or the
/// initialiser of a future), else null.
static const CallExpr *asyncCallOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParenCasts()->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    if (CE->getNumArgs() == 1)
      E = CE->getArg(0)->IgnoreImplicit();
  const auto *Call = dyn_cast<CallExpr>(E);
  return isAsyncLaunch(Call) ? Call : nullptr;
}

/// Does \p S (a statement of the scope) call get() or wait() on \p VD, or
/// return?  Lambdas are not looked into.
static void collectWaits(const Stmt *S, const VarDecl *VD,
                         llvm::SmallVectorImpl<WaitPoint> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (isa<ReturnStmt>(S))
    Out.push_back({S, S->getBeginLoc()});
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
    const auto *DRE = dyn_cast<DeclRefExpr>(
        MCE->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (DRE && DRE->getDecl() == VD && MD && MD->getIdentifier() &&
        (MD->getName() == "get" || MD->getName() == "wait"))
      Out.push_back({S, S->getBeginLoc()});
  }
  for (const Stmt *Child : S->children())
    collectWaits(Child, VD, Out);
}

void OwnerScan::heldFuture(const VarDecl *VD, const CallExpr *Call,
                           const CompoundStmt *CS, unsigned From) {
  AsyncStart A;
  A.Call = Call;
  A.Future = VD;
  unsigned I = 0;
  for (const Stmt *S : CS->body())
    if (I++ > From)
      collectWaits(S, VD, A.Waits);
  A.Waits.push_back({nullptr, CS->getRBracLoc()});
  Starts.push_back(std::move(A));
}

bool OwnerScan::VisitCompoundStmt(CompoundStmt *CS) {
  unsigned I = 0;
  for (const Stmt *S : CS->body()) {
    unsigned At = I++;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      const auto *VD = DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl())
                                          : nullptr;
      if (const CallExpr *Call = VD ? asyncCallOf(VD->getInit()) : nullptr)
        heldFuture(VD, Call, CS, At);
      continue;
    }
    if (const CallExpr *Call = asyncCallOf(dyn_cast<Expr>(S))) {
      AsyncStart A;
      A.Call = Call;
      A.Waits.push_back({Call, Call->getEndLoc()});
      Starts.push_back(std::move(A));
    }
  }
  return true;
}

namespace {

class AsyncFuturesChecker : public OneRule<check::ASTCodeBody> {
public:
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr, BugReporter &BR) const;

private:
  UnitCache<StopIndex> Index;
  void judge(const AsyncStart &A, const OwnerScan &Scan, const Decl *D,
             AnalysisManager &Mgr, BugReporter &BR) const;
  void report(const AsyncStart &A, const WaitPoint &Wait, const StopSummary &S,
              const OwnerWrite *Late, const Decl *D, AnalysisManager &Mgr,
              BugReporter &BR) const;
};

} // namespace

void AsyncFuturesChecker::checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                                           BugReporter &BR) const {
  if (!D->hasBody() ||
      Mgr.getSourceManager().isInSystemHeader(D->getLocation()))
    return;
  OwnerScan Scan;
  Scan.TraverseStmt(D->getBody());
  for (const AsyncStart &A : Scan.Starts)
    judge(A, Scan, D, Mgr, BR);
}

/// The task's entry and how its object is handed: a lambda or a member
/// function (`this`, -1), or a function given the next argument (0).
static const FunctionDecl *entryOf(const CallExpr *Call, int &ParamIndex) {
  const Expr *Fn = Call->getArg(1);
  if (const LambdaExpr *L = lambdaOf(Fn)) {
    ParamIndex = -1;
    return L->getCallOperator();
  }
  const FunctionDecl *FD = calleeOf(Fn);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  ParamIndex = MD && !MD->isStatic() ? -1 : 0;
  return FD;
}

void AsyncFuturesChecker::judge(const AsyncStart &A, const OwnerScan &Scan,
                                const Decl *D, AnalysisManager &Mgr,
                                BugReporter &BR) const {
  int ParamIndex = 0;
  const FunctionDecl *Entry = entryOf(A.Call, ParamIndex);
  if (!Entry)
    return;
  const StopSummary &S = Index.get(Mgr.getASTContext(), *Models).summary(Entry, ParamIndex);
  if (S.K == StopSummary::NotSummarised)
    return;
  llvm::SmallPtrSet<const ValueDecl *, 4> Flags;
  for (const StopExit &E : S.Exits)
    for (const FlagTest &T : E.Needs)
      Flags.insert(T.Flag.leaf());
  const SourceManager &SM = Mgr.getSourceManager();
  auto Before = [&](SourceLocation X, SourceLocation Y) {
    return SM.isBeforeInTranslationUnit(X, Y);
  };
  for (const WaitPoint &W : A.Waits) {
    SourceLocation At = W.At;
    const OwnerWrite *Late = nullptr;
    bool Early = false;
    for (const OwnerWrite &Wr : Scan.Writes) {
      if (!Flags.count(Wr.Flag))
        continue;
      SourceLocation WAt = Wr.Where->getBeginLoc();
      if (Before(A.Call->getBeginLoc(), WAt) && Before(WAt, At))
        Early = true;
      else if (Before(At, WAt) && !Late)
        Late = &Wr;
    }
    // No exit: any wait hangs.  A flag: only a write the owner makes after
    // the wait shows it is the owner's to give, and comes too late.
    if (!Early && (S.K == StopSummary::NoExit || Late))
      return report(A, W, S, Late, D, Mgr, BR);
  }
}

void AsyncFuturesChecker::report(const AsyncStart &A, const WaitPoint &Wait,
                                 const StopSummary &S, const OwnerWrite *Late,
                                 const Decl *D, AnalysisManager &Mgr,
                                 BugReporter &BR) const {
  const SourceManager &SM = Mgr.getSourceManager();
  std::string Ends = "its loop has no exit";
  if (Late)
    Ends = "its loop ends only when '" + Late->Flag->getNameAsString() +
           "' is set, which this function does only after";
  std::string Msg;
  SourceLocation At;
  if (!A.Future) {
    Msg = "The future std::async returns is discarded: its destructor waits "
          "here for the task, and " + Ends;
    At = Wait.At;
  } else {
    std::string Where = !Wait.S ? "at the end of its scope"
                        : isa<ReturnStmt>(Wait.S) ? "on this return"
                                                  : "here";
    Msg = "The future '" + A.Future->getNameAsString() + "' waits " + Where +
          " for its std::async task, and " + Ends;
    At = Wait.At;
  }
  auto R = std::make_unique<BasicBugReport>(*BT, Msg, PathDiagnosticLocation(At, SM));
  R->setDeclWithIssue(D);
  R->addNote(A.Future ? "The task is started here"
                      : "The task is started here; a std::launch::async "
                        "future that is not kept makes the call synchronous",
             PathDiagnosticLocation(A.Call->getBeginLoc(), SM));
  if (S.Loop)
    R->addNote("The task's loop", PathDiagnosticLocation(S.Loop->getBeginLoc(), SM));
  if (Late)
    R->addNote("'" + Late->Flag->getNameAsString() + "' is set only here, after the wait",
               PathDiagnosticLocation(Late->Where->getBeginLoc(), SM));
  BR.emitReport(std::move(R));
}

static RegisterChecker TL403Async{
    StopNeverSignalledName,
    registerOneRule<AsyncFuturesChecker, StopNeverSignalledBug>};
