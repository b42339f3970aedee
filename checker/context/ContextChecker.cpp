//===- ContextChecker.cpp - cancellation and deadlines (TL401, TL402, TL501) -===//
//
// The context family: cancellation handles (GCancellable, std::stop_token,
// std::jthread's stop state) that are not cancelled where the owner is done
// with them (TL401 CancelNotCalled), that a holder does not hand on to what
// it starts (TL402 NotPropagated), and tasks spawned in a loop with no
// bound (TL501 alpha.taskleak.UnboundedSpawn, off by default).
//
// Everything the family knows about APIs is in rules/models/cancel.json
// (and the spawn, free and timer roles of the other files), read through
// ContextModels.  This file scans one body and runs the rule tables; the
// rules are in ContextCancel.cpp and ContextPropagate.cpp.
//
//===----------------------------------------------------------------------===//

#include "ContextBody.h"
#include "ModelIndex.h"
#include "Registry.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

#include <memory>

using namespace clang;
using namespace ento;

namespace taskleak {

namespace {

/// Collects a body's calls and locals, with the loop each call sits in.
/// Lambdas are bodies of their own: the analyzer does not hand them to
/// checkASTCodeBody, so the enclosing function's pass checks them.
void scan(const Stmt *S, const Stmt *Loop, ContextBody &Body) {
  if (!S)
    return;
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    Body.Lambdas.push_back(L->getCallOperator());
    return;
  }
  if (isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S))
    Loop = S;
  if (isa<CallExpr, CXXConstructExpr>(S)) {
    const auto *E = cast<Expr>(S);
    Body.Calls.push_back({E, Body.models().lookup(E), Loop});
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Body.Locals.push_back(VD);
  for (const Stmt *Child : S->children())
    scan(Child, Loop, Body);
}

} // namespace

class ContextChecker : public Checker<check::ASTCodeBody> {
public:
  std::unique_ptr<BugType> Types[ContextReport::NumRules];
  const BugType *Enabled[ContextReport::NumRules] = {};
  const ModelIndex *Models = nullptr;
  mutable std::unique_ptr<ContextModels> Cancel;

  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                        BugReporter &BR) const {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->hasBody() || !Models)
      return;
    if (!Cancel)
      Cancel = std::make_unique<ContextModels>(*Models);
    check(FD, ContextIndex::get(Mgr.getASTContext(), *Cancel), Mgr, BR);
  }

private:
  void check(const FunctionDecl *FD, const ContextIndex &Index,
             AnalysisManager &Mgr, BugReporter &BR) const {
    int H = Cancel->handleParam(FD);
    ContextBody Body{FD, H < 0 ? nullptr : FD->getParamDecl(H),
                     Mgr.getAnalysisDeclContext(FD), {}, {}, {}, Index};
    scan(FD->getBody(), nullptr, Body);
    ContextReport Report(BR, Body, Enabled);
    for (auto Rules : {cancelRules(), propagateRules()})
      for (ContextRuleFn Rule : Rules)
        Rule(Body, Report);
    for (const FunctionDecl *L : Body.Lambdas)
      check(L, Index, Mgr, BR);
  }
};

//===----------------------------------------------------------------------===//
// ContextBody and ContextReport.
//===----------------------------------------------------------------------===//

std::vector<const BodyCall *> ContextBody::withRole(tl_role R) const {
  std::vector<const BodyCall *> Out;
  for (const BodyCall &C : Calls)
    if (C.Model && C.Model->role == R)
      Out.push_back(&C);
  return Out;
}

bool ContextBody::callsHelper(
    const Stmt *S, llvm::function_ref<bool(const FunctionEffects &)> Pred) const {
  const auto *E = dyn_cast<Expr>(S);
  const FunctionEffects *Eff =
      E ? Index.effectsOf(ContextModels::callee(E)) : nullptr;
  return Eff && Pred(*Eff);
}

bool ContextBody::passes(const Stmt *S, const ValueDecl *Subject) const {
  const auto *E = dyn_cast<Expr>(S);
  if (!E || !isa<CallExpr, CXXConstructExpr>(E) || !Subject)
    return false;
  for (const Expr *A : ContextModels::args(E))
    if (Index.subjectOf(A) == Subject)
      return true;
  return false;
}

std::string nameOf(const Decl *D) {
  if (const auto *ND = dyn_cast_or_null<NamedDecl>(D)) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ND); MD && MD->getParent()->isLambda())
      return "lambda";
    return ND->getNameAsString();
  }
  return "";
}

std::string ContextReport::spell(const Stmt *S) const {
  const SourceManager &SM = BR.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(
      SM.getExpansionRange(S->getSourceRange()).getAsRange());
  std::string Text =
      Lexer::getSourceText(R, SM, Body.ctx().getLangOpts()).str();
  for (char &C : Text)
    if (C == '\n' || C == '\t')
      C = ' ';
  return Text.size() > 48 ? Text.substr(0, 45) + "..." : Text;
}

ContextReport &ContextReport::note(const Stmt *S, const std::string &Msg) {
  Notes.push_back({BR.getSourceManager().getExpansionLoc(S->getBeginLoc()), Msg});
  return *this;
}

ContextReport &ContextReport::note(const Decl *D, const std::string &Msg) {
  Notes.push_back({BR.getSourceManager().getExpansionLoc(D->getLocation()), Msg});
  return *this;
}

ContextReport &ContextReport::branches(const std::vector<PathBranch> &Witness) {
  for (const PathBranch &B : Witness)
    if (const auto *FR =
            dyn_cast_or_null<CXXForRangeStmt>(B.Block->getTerminatorStmt()))
      note(FR->getRangeInit(), std::string(B.TookTrue ? "Entering" : "Leaving") +
                                   " the loop over '" +
                                   spell(FR->getRangeInit()) + "'");
    else if (const Expr *Cond = branchCondition(B); Cond && !testsMacroTemporary(Cond))
      note(Cond, "Assuming '" + spell(Cond) + "' is " +
                     (B.TookTrue ? "true" : "false"));
  return *this;
}

void ContextReport::emit(Rule R, const Stmt *At, const std::string &Msg) {
  std::vector<std::pair<SourceLocation, std::string>> Taken;
  Taken.swap(Notes);
  if (!Types[R])
    return;
  const SourceManager &SM = BR.getSourceManager();
  auto Rep = std::make_unique<BasicBugReport>(
      *Types[R], Msg,
      PathDiagnosticLocation::createBegin(At, SM, Body.ADC));
  Rep->setDeclWithIssue(Body.FD);
  Rep->addRange(At->getSourceRange());
  for (const auto &N : Taken)
    Rep->addNote(N.second, PathDiagnosticLocation(N.first, SM));
  BR.emitReport(std::move(Rep));
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

static void enable(CheckerManager &Mgr, ContextReport::Rule R) {
  static const char *const BugNames[] = {
      "Cancel not called", "Cancellation not propagated", "Unbounded spawn"};
  auto *Chk = Mgr.getChecker<ContextChecker>();
  Chk->Types[R] = std::make_unique<BugType>(Mgr.getCurrentCheckerName(),
                                            BugNames[R], "Cancellation");
  Chk->Enabled[R] = Chk->Types[R].get();
}

static RegisterChecker ContextModeling{ContextModelingName,
                                       registerModelingChecker<ContextChecker>};
// TL401, TL402, TL501, in the order of ContextReport::Rule.
static RegisterRules<enable> ContextRules{
    {CancelNotCalledName, NotPropagatedName, UnboundedSpawnName}};

} // namespace taskleak
