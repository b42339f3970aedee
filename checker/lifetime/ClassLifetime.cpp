//===- ClassLifetime.cpp - thread members judged at class level -----------===//
//
// TL103 for a class, not a path: a member std::thread (or a container or
// unique_ptr of them) that a constructor or method of its class starts,
// and a destructor that never joins or detaches it.  The path analysis
// (StdThreadChecker.cpp) sees a destructor only when it follows an object
// to its end, and never sees a body for an implicit or defaulted one; most
// objects in real code live on the heap or inside other objects, so the
// class itself is judged here, once per translation unit, from the
// syntactic index of ThreadMembers.h.
//
// The destructor reaches a join when it, or a method of the same object it
// calls (transitively), joins or detaches the member.  Silent when:
//   - the destructor is user-written but not defined in this TU, or it
//     hands `this` to code we cannot see, or calls a method without a body;
//   - the member is detached in the function that starts it;
//   - any destructor (of an owner, or of a derived class) joins it, or
//     code outside the class does (a public member the users join).
// When only a non-destructor method (stop(), shutdown()) joins it, the
// object must not be destroyed before that call: a contract most owners
// keep, reported (saying so) only with the option ReportStopOnlyJoin.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "RuleChecker.h"
#include "ThreadMembers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class ClassLifetimeChecker : public OneRule<check::EndOfTranslationUnit> {
public:
  bool ReportStopOnlyJoin = false;

  TASKLEAK_END_OF_UNIT;

private:
  void judge(const FieldDecl *F, const ThreadMemberIndex &Index,
             BugReporter &BR) const;
  void report(const FieldDecl *F, const CXXRecordDecl *RD, const FieldUse &S,
              llvm::ArrayRef<FieldUse> Ends, const std::string &Kind,
              const FunctionDecl *Body, BugReporter &BR) const;
};

} // namespace

/// Every function \p From reaches through calls on its own object; false
/// when one of them may do anything (Opaque).
static bool reachable(const FunctionDecl *From, const ThreadMemberIndex &Index,
                      llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen) {
  llvm::SmallVector<const FunctionDecl *, 8> Work{From->getCanonicalDecl()};
  while (!Work.empty()) {
    const FunctionDecl *FD = Work.pop_back_val();
    if (!Seen.insert(FD).second)
      continue;
    if (Index.Opaque.count(FD))
      return false;
    auto It = Index.Calls.find(FD);
    if (It != Index.Calls.end())
      Work.append(It->second.begin(), It->second.end());
  }
  return true;
}

static std::string funcName(const FunctionDecl *FD) {
  return FD->getQualifiedNameAsString();
}

/// Does a join or detach outside the destructor excuse the class?
/// (An owner's or derived destructor, code outside the class, a stop()
/// contract unless ReportStopOnlyJoin, a detach where it is started.)
static bool endedElsewhere(const CXXRecordDecl *RD, llvm::ArrayRef<FieldUse> Starts,
                           llvm::ArrayRef<FieldUse> Ends, bool ReportStopOnlyJoin) {
  for (const FieldUse &E : Ends) {
    if (isa<CXXDestructorDecl>(E.In))
      return true; // an owner's or a derived destructor ends it
    const auto *MD = dyn_cast<CXXMethodDecl>(E.In);
    if (!MD || MD->getParent()->getCanonicalDecl() != RD->getCanonicalDecl())
      return true; // code outside the class joins it: the class leaves it to them
    if (!ReportStopOnlyJoin)
      return true; // a stop() the owner must call: a contract, off by default
    for (const FieldUse &S : Starts)
      if (E.Detach && E.In == S.In)
        return true; // detached where it is started
  }
  return false;
}

/// Can the class's destructor end the member? Sets \p Kind ("implicit ",
/// "defaulted " or "") and \p Body (a written destructor's body).
static bool destructorMayEnd(const CXXRecordDecl *RD, const ThreadMemberIndex &Index,
                             llvm::ArrayRef<FieldUse> Ends, std::string &Kind,
                             const FunctionDecl *&Body) {
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  Kind = "implicit ";
  if (!Dtor || Dtor->isImplicit())
    return false;
  Kind = "defaulted ";
  if (Dtor->isDefaulted() || Dtor->getCanonicalDecl()->isDefaulted())
    return false;
  if (!Dtor->hasBody(Body) || Body->isDefaulted())
    return true; // defined in another translation unit
  Kind = "";
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  if (!reachable(Dtor, Index, Seen))
    return true;
  // reachable() found no opaque call and no destructor ends it (above),
  // so a join reached from the destructor would be in Seen.
  return llvm::any_of(Ends, [&](const FieldUse &E) { return Seen.count(E.In); });
}

void ClassLifetimeChecker::judge(const FieldDecl *F,
                                 const ThreadMemberIndex &Index,
                                 BugReporter &BR) const {
  const auto &Starts = Index.Starts.find(F)->second;
  llvm::SmallVector<FieldUse, 2> Ends;
  if (auto It = Index.Ends.find(F); It != Index.Ends.end())
    Ends = It->second;
  const auto *RD = cast<CXXRecordDecl>(F->getParent());
  std::string Kind;
  const FunctionDecl *Body = nullptr;
  if (endedElsewhere(RD, Starts, Ends, ReportStopOnlyJoin) ||
      destructorMayEnd(RD, Index, Ends, Kind, Body))
    return;
  report(F, RD, Starts.front(), Ends, Kind, Body, BR);
}

void ClassLifetimeChecker::report(const FieldDecl *F, const CXXRecordDecl *RD,
                                  const FieldUse &S, llvm::ArrayRef<FieldUse> Ends,
                                  const std::string &Kind, const FunctionDecl *Body,
                                  BugReporter &BR) const {
  const SourceManager &SM = BR.getSourceManager();
  bool Elements = holdsThreads(F->getType()) == ThreadHolding::Elements;
  std::string What = Elements ? "'" + F->getNameAsString() +
                                    "' while a std::thread in it may be joinable"
                              : "std::thread '" + F->getNameAsString() +
                                    "' while it may be joinable";
  std::string Msg = "The " + Kind + "destructor of '" + RD->getNameAsString() +
                    "' destroys " + What + " (std::terminate)";
  PathDiagnosticLocation Loc =
      Body ? PathDiagnosticLocation(Body->getBodyRBrace(), SM)
           : PathDiagnosticLocation::create(F, SM);
  auto Report = std::make_unique<BasicBugReport>(*BT, Msg, Loc);
  Report->setDeclWithIssue(Body ? static_cast<const Decl *>(Body) : F);
  Report->addNote("'" + F->getNameAsString() + "' is started here, in '" +
                      funcName(S.In) + "'",
                  PathDiagnosticLocation(S.Where->getBeginLoc(), SM));
  if (!Ends.empty())
    Report->addNote("'" + F->getNameAsString() + "' is " +
                        (Ends.front().Detach ? "detached" : "joined") +
                        " only in '" + funcName(Ends.front().In) +
                        "', which the destructor does not call",
                    PathDiagnosticLocation(Ends.front().Where->getBeginLoc(), SM));
  BR.emitReport(std::move(Report));
}

void ClassLifetimeChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  ThreadMemberIndex Index;
  Index.build(Mgr.getASTContext());
  for (const auto &Entry : Index.Starts)
    if (const auto *F = dyn_cast<FieldDecl>(Entry.first))
      judge(F, Index, BR);
  reportLocalContainers(Index, *BT, BR);
}

static void registerClassLifetime(CheckerManager &Mgr) {
  registerOneRule<ClassLifetimeChecker, JoinableDestroyedBug>(Mgr);
  Mgr.getChecker<ClassLifetimeChecker>()->ReportStopOnlyJoin =
      Mgr.getAnalyzerOptions().getCheckerBooleanOption(
          Mgr.getCurrentCheckerName(), "ReportStopOnlyJoin");
}

static RegisterChecker TL103Class{JoinableDestroyedName, registerClassLifetime};
