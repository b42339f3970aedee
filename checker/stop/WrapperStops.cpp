//===- WrapperStops.cpp - a member's destructor joins an unstopped task ---===//
//
// Issue 15 item 4, TL403 at class level: a member that joins its task in
// its own destructor (an in-file JoiningThread-style wrapper, or a
// std::jthread whose entry ignores the stop token) is destroyed after the
// owner's destructor body.  If the task's loop ends only on a flag of the
// owner (or never), someone must set that flag before the member dies;
// when the owner's destructor does not (through what it calls on `this`),
// and no other code of the unit outside the task ever does, the join in
// the member's destructor waits forever.  The analyzer never sees a
// defaulted destructor's body, hence a class-level judgement.
//
// A flag that some other method sets (a stop() the owner's users call
// before destroying it) is a contract we cannot check here: silent, as
// ClassLifetime's stop()-only joins are by default.
//
//===----------------------------------------------------------------------===//

#include "LoopSummary.h"
#include "MemberTasks.h"
#include "ModelIndex.h"
#include "RuleChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class WrapperStopsChecker : public OneRule<check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;

private:
  void report(const MemberTask &T, const StopSummary &S, const FlagTest *Need,
              BugReporter &BR) const;
};

} // namespace

/// Does a function outside \p Task write the flag of \p N to a value that
/// passes it?  (`stop_ = true` in a destructor, a stop() method.)
static bool setOutside(const FlagTest &N, const ThisReach &Task, StopIndex &Stops) {
  llvm::SmallPtrSet<const Decl *, 8> Own;
  for (const FunctionDecl *FD : Task.Functions)
    Own.insert(FD->getCanonicalDecl());
  for (const FlagWrite &W : Stops.writesOf(N.Flag.leaf()))
    if ((!W.Known || N.holdsFor(W.Value)) && W.In &&
        !Own.count(W.In->getCanonicalDecl()) && !isa<CXXConstructorDecl>(W.In))
      return true;
  return false;
}

/// The first flag test of the loop's exits that nothing outside the task
/// sets, when every exit needs one; null when some exit may be taken.
static const FlagTest *unsetNeed(const StopSummary &S, const ThisReach &Task,
                                 StopIndex &Stops) {
  const FlagTest *First = nullptr;
  for (const StopExit &E : S.Exits) {
    const FlagTest *Unset = nullptr;
    for (const FlagTest &N : E.Needs)
      if (!Unset && !setOutside(N, Task, Stops))
        Unset = &N;
    if (!Unset)
      return nullptr; // this way out may be opened
    if (!First)
      First = Unset;
  }
  return First;
}

void WrapperStopsChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *,
                                                    AnalysisManager &Mgr,
                                                    BugReporter &BR) const {
  MemberTaskIndex Index(Mgr.getASTContext(), *Models);
  std::unique_ptr<StopIndex> Stops;
  llvm::SmallPtrSet<const FieldDecl *, 8> Judged;
  for (const MemberTask &T : Index.tasks()) {
    bool SelfJoins = T.Kind == TaskHolder::Wrapper ||
                     (T.Kind == TaskHolder::JThread && T.Entry->getNumParams() == 0);
    const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
    if (!SelfJoins || !Judged.insert(T.Holder).second ||
        Index.destructorEnds(Owner, T.Holder))
      continue; // a join the owner writes is the path analysis' to judge
    if (!Stops)
      Stops = std::make_unique<StopIndex>(Mgr.getASTContext(), *Models);
    const StopSummary &S = Stops->summary(T.Entry, -1);
    if (S.K == StopSummary::NoExit) {
      report(T, S, nullptr, BR);
      continue;
    }
    if (S.K != StopSummary::FlagExit)
      continue;
    ThisReach Task = Index.reach(T.Entry, Owner);
    if (const FlagTest *Need = unsetNeed(S, Task, *Stops))
      report(T, S, Need, BR);
  }
}

void WrapperStopsChecker::report(const MemberTask &T, const StopSummary &S,
                                 const FlagTest *Need, BugReporter &BR) const {
  const SourceManager &SM = BR.getSourceManager();
  const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
  std::string Holder = "'" + T.Holder->getNameAsString() + "'";
  std::string Msg =
      "The destructor of " + Holder + " joins a task that never stops: " +
      (Need ? "its loop ends only when '" + Need->Flag.leaf()->getNameAsString() +
                  "' is set, which '" + Owner->getNameAsString() +
                  "' never does before " + Holder + " is destroyed"
            : std::string("its loop has no exit"));
  auto R = destructionReport(*BT, Msg, Owner, T.Holder, T, SM);
  if (S.Loop)
    R->addNote("The task's loop", PathDiagnosticLocation(S.Loop->getBeginLoc(), SM));
  BR.emitReport(std::move(R));
}

static RegisterChecker TL403Wrappers{
    StopNeverSignalledName,
    registerOneRule<WrapperStopsChecker, StopNeverSignalledBug>};
