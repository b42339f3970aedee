//===- WrapperCaptures.cpp - a detaching wrapper and the frame (TL102) ----===//
//
// Issue 15 item 7, in-file thread wrappers seen through: a local of a
// class that holds a std::thread and detaches it in its destructor
// (derived from the destructor's body, through the methods it calls on
// `this`), handed a lambda that captures the frame by reference.  At the
// end of the scope the wrapper lets the task go while it still refers to
// the frame: TL102.  A wrapper whose destructor joins is a joined task at
// scope end (the path analysis follows its inlined destructor), and one
// whose destructor does neither is TL103's (on the path, or at class
// level in ClassLifetime.cpp).
//
// The path analysis cannot tell this case: the thread is constructed
// inside the wrapper's launch(F f) from its parameter, not from the
// lambda the caller wrote.  Judged per function body, on its calls
// (EntryWalk): silent when a method that joins the wrapper's thread is
// called on the same local in the function.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "EntryWalk.h"
#include "ExprNames.h"
#include "MemberTasks.h"
#include "PerUnit.h"
#include "RuleChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class WrapperCapturesChecker : public OneRule<check::ASTCodeBody> {
public:
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr, BugReporter &BR) const;

private:
  UnitCache<MemberTaskIndex> Tasks;
};

} // namespace

/// The local variable \p E names, if it is one of the frame (not a
/// reference, not static).
static const VarDecl *frameLocal(const Expr *E) {
  const auto *DR = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() ? VD : nullptr;
}

/// The first local a lambda among \p Call's arguments captures by reference.
static const VarDecl *refCapture(const CXXMemberCallExpr *Call) {
  for (const Expr *Arg : Call->arguments())
    if (const LambdaExpr *L = lambdaOf(Arg))
      for (const LambdaCapture &Cap : L->captures())
        if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
          if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
            if (VD->hasLocalStorage() && !VD->getType()->isReferenceType())
              return VD;
  return nullptr;
}

void WrapperCapturesChecker::checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                                              BugReporter &BR) const {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD || !FD->hasBody())
    return;
  MemberTaskIndex &Index = Tasks.get(Mgr.getASTContext(), *Models);
  llvm::ArrayRef<EntryCall> Calls = entryRecord(*Models, FD).calls();
  for (const EntryCall &C : Calls) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call);
    const VarDecl *Wrapper = MC ? frameLocal(MC->getImplicitObjectArgument()) : nullptr;
    const VarDecl *Captured = Wrapper ? refCapture(MC) : nullptr;
    if (!Captured || !Index.destructorDetaches(Wrapper->getType()->getAsCXXRecordDecl()))
      continue;
    bool Joined = llvm::any_of(Calls, [&](const EntryCall &O) {
      const auto *OM = dyn_cast<CXXMemberCallExpr>(O.Call);
      return OM && frameLocal(OM->getImplicitObjectArgument()) == Wrapper &&
             Index.methodJoins(OM->getMethodDecl());
    });
    if (Joined)
      continue;
    const SourceManager &SM = BR.getSourceManager();
    const CXXRecordDecl *RD = Wrapper->getType()->getAsCXXRecordDecl();
    auto R = std::make_unique<BasicBugReport>(
        *BT,
        "The task started through '" + Wrapper->getNameAsString() + "' captures '" +
            Captured->getNameAsString() + "' by reference, and the destructor of '" +
            RD->getNameAsString() + "' detaches it: it may use '" +
            Captured->getNameAsString() + "' after the frame ends",
        PathDiagnosticLocation(MC->getBeginLoc(), SM));
    R->setDeclWithIssue(FD);
    R->addNote("'" + RD->getNameAsString() + "' detaches its thread in its destructor",
               PathDiagnosticLocation(RD->getDestructor()->getLocation(), SM));
    BR.emitReport(std::move(R));
  }
}

static RegisterChecker TL102Wrappers{
    DanglingTaskArgName,
    registerOneRule<WrapperCapturesChecker, OutlivesArgumentBug>};
