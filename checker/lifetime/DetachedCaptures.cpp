//===- DetachedCaptures.cpp - detached container threads and the frame ----===//
//
// TL102 for the elements of a local container of threads (issue 15 item
// 1): lambdas that capture the frame by reference (`[&]`, `[&x]`, a
// parameter or a local) are started into `std::vector<std::thread> ts`,
// and every element is detached (range-for, index loop, std::for_each):
// the frame ends while they may run.
//
//   void fanout(int n) {
//     int total = 0;
//     std::vector<std::thread> ts;
//     for (int i = 0; i < n; ++i)
//       ts.emplace_back([&] { total += i; });
//     for (auto &t : ts)
//       t.detach();
//   }                      // warning: the threads may use 'total'
//
// The path analysis follows one std::thread by value; the elements of a
// container are judged here from the statements, with the index of
// ThreadMembers.h, as CaptureScopes.cpp does for block scopes.  A wait
// after the detach (a condition variable, a latch, a future, a join of
// a task through a model) may be the handshake that ends the threads' use of the frame:
// silent.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "ExprNames.h"
#include "ModelIndex.h"
#include "RuleChecker.h"
#include "ThreadMembers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class DetachedCapturesChecker : public OneRule<check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;

private:
  const FieldUse *detachAfter(const ThreadMemberIndex::RefCapture &RC,
                              const ThreadMemberIndex &Index,
                              const SourceManager &SM) const;
  bool waitsAfter(const FunctionDecl *FD, SourceLocation From,
                  const SourceManager &SM) const;
};

/// A call that may wait for the threads to be done with the frame.
bool isWait(const CallExpr *CE, const ModelIndex &Models) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  if (withRole(Models.lookup(FD), {TL_ROLE_WAIT, TL_ROLE_JOIN}))
    return true;
  StringRef N = FD->getName();
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  // A join of a thread is no handshake with the detached ones (the join
  // of the same container on another path, say).
  if (MD && MD->getParent()->getIdentifier() && MD->getParent()->getName() == "thread")
    return false;
  return MD &&
         (N == "wait" || N == "wait_for" || N == "wait_until" || N == "get" ||
          N == "join" || N == "arrive_and_wait");
}

bool anyWaitIn(const Stmt *S, SourceLocation From, const SourceManager &SM,
               const ModelIndex &Models) {
  return anyWithin(S, [&](const Stmt *X) {
    const auto *CE = dyn_cast<CallExpr>(X);
    return CE && SM.isBeforeInTranslationUnit(From, CE->getBeginLoc()) &&
           isWait(CE, Models);
  });
}

/// An array or a standard sequence of threads, not a unique_ptr or an
/// optional (one thread: the path analysis follows it).
bool isContainer(QualType T) {
  if (T->isArrayType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() != "unique_ptr" &&
         RD->getName() != "optional";
}

} // namespace

/// The detach of the holder's elements after the start, in the same
/// function, with the holder not escaping; null when there is none.
const FieldUse *
DetachedCapturesChecker::detachAfter(const ThreadMemberIndex::RefCapture &RC,
                                     const ThreadMemberIndex &Index,
                                     const SourceManager &SM) const {
  const auto *Holder = dyn_cast<VarDecl>(RC.Holder);
  if (!Holder || holdsThreads(Holder->getType()) != ThreadHolding::Elements ||
      !isContainer(Holder->getType()) || Index.Escapes.count(Holder))
    return nullptr;
  auto It = Index.Ends.find(Holder);
  if (It == Index.Ends.end())
    return nullptr;
  for (const FieldUse &E : It->second)
    if (E.In == RC.In && E.Detach &&
        SM.isBeforeInTranslationUnit(RC.Start->getBeginLoc(), E.Where->getBeginLoc()))
      return &E;
  return nullptr;
}

bool DetachedCapturesChecker::waitsAfter(const FunctionDecl *FD, SourceLocation From,
                                         const SourceManager &SM) const {
  return anyWaitIn(FD->getBody(), From, SM, *Models);
}

void DetachedCapturesChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *, AnalysisManager &Mgr, BugReporter &BR) const {
  ThreadMemberIndex Index;
  Index.build(Mgr.getASTContext());
  const SourceManager &SM = BR.getSourceManager();
  llvm::SmallPtrSet<const VarDecl *, 8> Reported;
  for (const auto &RC : Index.RefCaptures) {
    const auto *Body = RC.In ? dyn_cast_or_null<CompoundStmt>(RC.In->getBody()) : nullptr;
    // A block-scope local dies before the frame: CaptureScopes.cpp's case.
    const Stmt *Scope = Index.VarScopes.lookup(RC.Captured);
    if (!Body || (Scope && Scope != Body) || RC.Captured->isStaticLocal())
      continue;
    const FieldUse *Detach = detachAfter(RC, Index, SM);
    if (!Detach || waitsAfter(RC.In, Detach->Where->getEndLoc(), SM) ||
        !Reported.insert(RC.Captured).second)
      continue;
    std::string Holder = "'" + RC.Holder->getNameAsString() + "'";
    std::string Var = "'" + RC.Captured->getNameAsString() + "'";
    auto Report = std::make_unique<BasicBugReport>(
        *BT,
        "The detached threads held in " + Holder + " may use " +
            (isa<ParmVarDecl>(RC.Captured) ? "parameter " : "local ") + Var +
            " (captured by reference) after '" + RC.In->getNameAsString() +
            "' returns",
        PathDiagnosticLocation(Body->getRBracLoc(), SM));
    Report->setDeclWithIssue(RC.In);
    Report->addNote("A thread capturing " + Var + " by reference is put into " +
                        Holder + " here",
                    PathDiagnosticLocation(RC.Start->getBeginLoc(), SM));
    Report->addNote("Its threads are detached here",
                    PathDiagnosticLocation(Detach->Where->getBeginLoc(), SM));
    BR.emitReport(std::move(Report));
  }
}

static RegisterChecker TL102Detached{
    DanglingTaskArgName,
    registerOneRule<DetachedCapturesChecker, OutlivesArgumentBug>};
