//===- CaptureScopes.cpp - by-reference captures that die first (TL102) ---===//
//
// A lambda run on a std::thread captures a block-scope local by reference,
// and the local's scope (a block, a loop body, a for statement's init)
// ends while the thread may still run: the thread's holder lives in an
// enclosing scope (or is a member), and no join or detach of that holder
// comes between the start and the end of the local's scope.  The classic
// shape: `for (int i ...) { Job job = ...; ts.emplace_back([&] { run(job); }); }`
// with the join loop after the for.
//
// ExprEngine does not signal the end of a block-scope local's lifetime
// (only the end of the frame), so this is judged from the statements, in
// source order, with the index of ThreadMembers.h.  Parameters and the
// function's outermost locals are the path analysis' business (TL102 at
// the end of the frame).
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "RuleChecker.h"
#include "ThreadMembers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class CaptureScopesChecker : public OneRule<check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;

private:
  bool outlives(const ThreadMemberIndex::RefCapture &RC,
                const ThreadMemberIndex &Index, const SourceManager &SM) const;
};

} // namespace

/// The end of a scope statement: the closing brace of a block, else the
/// end of the statement (a for loop's body).
static SourceLocation scopeEnd(const Stmt *S) {
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return CS->getRBracLoc();
  return S->getEndLoc();
}

/// The holder (and so the thread) lives past the captured local's scope,
/// and nothing joins or detaches it before that scope ends.
bool CaptureScopesChecker::outlives(const ThreadMemberIndex::RefCapture &RC,
                                    const ThreadMemberIndex &Index,
                                    const SourceManager &SM) const {
  auto VarScope = Index.VarScopes.find(RC.Captured);
  if (VarScope == Index.VarScopes.end())
    return false;
  SourceRange Dies = VarScope->second->getSourceRange();
  if (const auto *Holder = dyn_cast<VarDecl>(RC.Holder)) {
    auto HolderScope = Index.Scopes.find(Holder);
    if (HolderScope == Index.Scopes.end() || Index.Escapes.count(Holder))
      return false;
    SourceRange Lives = HolderScope->second->getSourceRange();
    if (!SM.isBeforeInTranslationUnit(Lives.getBegin(), Dies.getBegin()) ||
        !SM.isBeforeInTranslationUnit(Dies.getEnd(), Lives.getEnd()))
      return false; // the holder dies with (or before) the local
  } else {
    return false; // a member's thread: TL102 on paths, at the frame's end
  }
  SourceLocation From = RC.Start->getBeginLoc();
  if (auto It = Index.Ends.find(RC.Holder); It != Index.Ends.end())
    for (const FieldUse &E : It->second) {
      SourceLocation At = E.Where->getBeginLoc();
      if (E.In == RC.In && !E.Detach &&
          SM.isBeforeInTranslationUnit(From, At) &&
          SM.isBeforeInTranslationUnit(At, scopeEnd(VarScope->second)))
        return false; // joined before the local dies
    }
  return true;
}

void CaptureScopesChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  ThreadMemberIndex Index;
  Index.build(Mgr.getASTContext());
  const SourceManager &SM = BR.getSourceManager();
  llvm::SmallPtrSet<const VarDecl *, 8> Reported;
  for (const auto &RC : Index.RefCaptures) {
    if (!outlives(RC, Index, SM) || !Reported.insert(RC.Captured).second)
      continue;
    std::string Var = "'" + RC.Captured->getNameAsString() + "'";
    std::string Holder = "'" + RC.Holder->getNameAsString() + "'";
    auto Report = std::make_unique<BasicBugReport>(
        *BT,
        "The thread held in " + Holder + " may use " + Var +
            " (captured by reference) after its scope ends here",
        PathDiagnosticLocation(scopeEnd(Index.VarScopes.lookup(RC.Captured)), SM));
    Report->setDeclWithIssue(RC.In);
    Report->addNote("A thread capturing " + Var +
                        " by reference is put into " + Holder + " here",
                    PathDiagnosticLocation(RC.Start->getBeginLoc(), SM));
    BR.emitReport(std::move(Report));
  }
}

static RegisterChecker TL102Scopes{
    DanglingTaskArgName,
    registerOneRule<CaptureScopesChecker, OutlivesArgumentBug>};
