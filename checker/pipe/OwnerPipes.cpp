//===- OwnerPipes.cpp - pipes held by owners, joined before closed --------===//
//
// TL203 NeverClosed (and TL201 for a single blocking read) through the
// owner protocol (issue 15 item 14).  A start function keeps both ends of a
// pipe in the owner and starts a reader thread on the owner; a stop or
// destroy function joins the reader before it closes or writes the write
// end, so the join never returns:
//
//   int start(struct o *o) {
//     pipe(o->fds);                                // or o->rd/o->wr = fds[i]
//     return pthread_create(&o->tid, NULL, reader, o); // reads o->fds[0]
//   }
//   void stop(struct o *o) {
//     pthread_join(o->tid, NULL);                  // warning: blocks forever
//     close(o->fds[1]);
//   }
//
// The path checker (PipeChecker.cpp) sees this only when one path holds
// both the pipe() and the join; here the two functions are apart, so the
// check is over the translation unit, from the AST: the owner fields from
// OwnerIndex, the reader's blocking read from the entry walk
// (ChildSummary.h), and the calls before the join in the stop function.
// A stop function is excused when it, a function it calls before the join,
// or a caller before calling it, closes or writes the write end, or hands
// the owner to code this unit does not define (that may close it).
//
//===----------------------------------------------------------------------===//

#include "ChildSummary.h"
#include "ExprNames.h"
#include "ModelIndex.h"
#include "UnitVisitor.h"
#include "OwnerIndex.h"
#include "Registry.h"
#include "RuleChecker.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// One descriptor kept in an owner: a field, and an index into it when the
/// field is the pipe's int[2] (-1 for a scalar field).
struct FdField {
  const FieldDecl *Field = nullptr;
  int Index = -1;
  bool operator==(const FdField &O) const {
    return Field == O.Field && Index == O.Index;
  }
};

/// A reader thread kept in an owner field, reading one of its pipe ends.
struct OwnerReader {
  const OwnerField *Task;
  FdField Read, Write;
  const CallExpr *Pipe;     ///< pipe() in the start function
  const CallExpr *Blocking; ///< the read in the entry
  bool ToEof;
};

/// `o->fds[1]`, `o->wr`, `fds[1]` (with \p Local the local array): the
/// descriptor an expression names.
FdField fdFieldOf(const Expr *E) {
  FdField F;
  E = E->IgnoreParenImpCasts();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    Expr::EvalResult R;
    const auto *ME = dyn_cast<MemberExpr>(AS->getBase()->IgnoreParenImpCasts());
    if (!ME || !AS->getIdx()->EvaluateAsInt(R, ME->getMemberDecl()->getASTContext()))
      return F;
    F.Index = static_cast<int>(R.Val.getInt().getExtValue());
    E = ME;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    F.Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return F;
}

enum OwnerPipeRule { OP_Eof, OP_Recv, OP_Count };

class OwnerPipesChecker : public RuleSet<OP_Count, check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;

private:
  bool pipeEnds(const FunctionDecl *Start, const RecordDecl *RD,
                OwnerReader &R) const;
  bool blockingRead(OwnerReader &R) const;
  bool wakes(const CallExpr *CE, const FdField &W, unsigned Depth) const;
  bool wakesBefore(const FunctionDecl *FD, const Stmt *Limit, const FdField &W,
                   const SourceManager &SM) const;
  bool excusedByCaller(const FunctionDecl *Stop, const FdField &W,
                       ArrayRef<const FunctionDecl *> All,
                       const SourceManager &SM) const;
  void report(const OwnerReader &R, const CallExpr *Join,
              const FunctionDecl *Stop, BugReporter &BR) const;
};

/// Every function with a body in the unit.
class FunctionCollector : public UnitVisitor<FunctionCollector> {
public:
  std::vector<const FunctionDecl *> Functions;
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody())
      Functions.push_back(FD);
    return true;
  }
};

} // namespace

namespace {
/// `o->rd = fds[0]`: the fields of \p RD a local pipe array's ends go to.
class LocalEnds : public RecursiveASTVisitor<LocalEnds> {
public:
  LocalEnds(const VarDecl *Array, const RecordDecl *RD) : Array(Array), RD(RD) {}
  FdField Ends[2];
  bool VisitBinaryOperator(BinaryOperator *BO) {
    const auto *AS = dyn_cast<ArraySubscriptExpr>(BO->getRHS()->IgnoreParenImpCasts());
    const auto *Base = AS ? dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts()) : nullptr;
    FdField To = fdFieldOf(BO->getLHS());
    Expr::EvalResult I;
    if (BO->getOpcode() != BO_Assign || !Base || Base->getDecl() != Array || !To.Field ||
        To.Field->getParent() != RD || To.Index != -1 ||
        !AS->getIdx()->EvaluateAsInt(I, Array->getASTContext()))
      return true;
    int64_t K = I.Val.getInt().getExtValue();
    if (K == 0 || K == 1)
      Ends[K] = To;
    return true;
  }

private:
  const VarDecl *Array;
  const RecordDecl *RD;
};
} // namespace

/// The pipe() in \p Start whose ends go into fields of \p RD: directly
/// (`pipe(o->fds)`) or through a local array (`o->rd = fds[0]`).
bool OwnerPipesChecker::pipeEnds(const FunctionDecl *Start, const RecordDecl *RD,
                                 OwnerReader &R) const {
  SmallVector<const CallExpr *, 16> Calls;
  callsIn(Start->getBody(), Calls);
  for (const CallExpr *CE : Calls) {
    const tl_fn_model *M = withRole(Models->lookup(CE->getDirectCallee()), {TL_ROLE_CHAN_MAKE});
    const Expr *Out = M && M->ends == TL_ENDS_PIPE ? argAt(CE, M->handle_out_arg) : nullptr;
    if (!Out)
      continue;
    R.Pipe = CE;
    const FieldDecl *FD = handleField(Out);
    if (FD && FD->getParent() == RD) {
      R.Read = {FD, 0};
      R.Write = {FD, 1};
      return true;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Out->IgnoreParenImpCasts());
    const auto *Array = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!Array || !Array->hasLocalStorage())
      continue;
    LocalEnds L(Array, RD);
    L.TraverseStmt(const_cast<Stmt *>(Start->getBody()));
    if (L.Ends[0].Field && L.Ends[1].Field) {
      R.Read = L.Ends[0];
      R.Write = L.Ends[1];
      return true;
    }
  }
  return false;
}

namespace {
/// The entry walk decides nothing: the owner's state is not known here.
struct Undecided : WalkOracle {
  int decide(const Expr *, const WalkFrame *) override { return -1; }
};
} // namespace

/// The entry blocks reading the owner's read end: a read until EOF, or one
/// blocking read, not under a branch and not behind a poll.
bool OwnerPipesChecker::blockingRead(OwnerReader &R) const {
  Undecided O;
  const FunctionDecl *Def = nullptr;
  if (!R.Task->Runs->hasBody(Def))
    return false;
  std::unique_ptr<IoWalk> W = walkEntry(Def, *Models, O);
  if (!W->Found || W->Polls)
    return false;
  for (const IoEvent &E : W->Events) {
    if (E.Kind == IoKind::Unknown || E.Kind == IoKind::CloseAll)
      return false;
    if ((E.Kind != IoKind::ReadToEof && E.Kind != IoKind::ReadOnce) ||
        E.Conditional || !(fdFieldOf(E.Fd.E) == R.Read))
      continue;
    R.Blocking = E.Call;
    R.ToEof = E.Kind == IoKind::ReadToEof;
    return true;
  }
  return false;
}

/// Does \p CE close or write the write end \p W (or may it: the owner
/// handed to code this unit does not define), itself or in a function it
/// calls, a few calls deep?
bool OwnerPipesChecker::wakes(const CallExpr *CE, const FdField &W,
                              unsigned Depth) const {
  const FunctionDecl *Callee = CE->getDirectCallee();
  const tl_fn_model *M = withRole(Models->lookup(Callee), {TL_ROLE_CLOSE, TL_ROLE_SEND});
  if (M) {
    const Expr *H = argAt(CE, M->handle_arg);
    return H && fdFieldOf(H) == W;
  }
  if (Models->lookup(Callee))
    return false; // another modelled call: a join, a spawn, a lock
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def)) {
    // Unseen code given the owner (or one of its fields) may close it.
    for (const Expr *A : CE->arguments())
      if (const RecordDecl *RD = pointeeRecord(A->IgnoreParenImpCasts()->getType()))
        if (RD == W.Field->getParent())
          return true;
    return false;
  }
  if (Depth >= 3)
    return false;
  SmallVector<const CallExpr *, 16> Calls;
  callsIn(Def->getBody(), Calls);
  for (const CallExpr *Inner : Calls)
    if (wakes(Inner, W, Depth + 1))
      return true;
  return false;
}

/// A call in \p FD before \p Limit wakes the reader.
bool OwnerPipesChecker::wakesBefore(const FunctionDecl *FD, const Stmt *Limit,
                                    const FdField &W, const SourceManager &SM) const {
  SmallVector<const CallExpr *, 16> Calls;
  callsIn(FD->getBody(), Calls);
  for (const CallExpr *CE : Calls)
    if (CE != Limit && SM.isBeforeInTranslationUnit(CE->getBeginLoc(), Limit->getBeginLoc()) &&
        wakes(CE, W, 0))
      return true;
  return false;
}

/// A caller of \p Stop wakes the reader before calling it.
bool OwnerPipesChecker::excusedByCaller(const FunctionDecl *Stop, const FdField &W,
                                        ArrayRef<const FunctionDecl *> All,
                                        const SourceManager &SM) const {
  for (const FunctionDecl *Caller : All) {
    SmallVector<const CallExpr *, 16> Calls;
    callsIn(Caller->getBody(), Calls);
    for (const CallExpr *CE : Calls)
      if (CE->getDirectCallee() &&
          CE->getDirectCallee()->getCanonicalDecl() == Stop->getCanonicalDecl() &&
          wakesBefore(Caller, CE, W, SM))
        return true;
  }
  return false;
}

static std::string spell(const FdField &F) {
  std::string S = F.Field->getNameAsString();
  return F.Index < 0 ? S : S + "[" + std::to_string(F.Index) + "]";
}

void OwnerPipesChecker::report(const OwnerReader &R, const CallExpr *Join,
                               const FunctionDecl *Stop, BugReporter &BR) const {
  const SourceManager &SM = BR.getSourceManager();
  std::string Entry = "'" + R.Task->Runs->getNameAsString() + "'";
  std::string Read = "the owner's pipe end '" + spell(R.Read) + "'";
  std::string Msg = "Joining the thread running " + Entry + " blocks forever: it " +
                    (R.ToEof ? "reads " + Read + " until EOF" : "blocks reading " + Read) +
                    " and '" + Stop->getNameAsString() +
                    "' closes or writes the write end '" + spell(R.Write) +
                    "' only after the join, if at all";
  auto Rep = std::make_unique<BasicBugReport>(
      *BugTypes[R.ToEof ? OP_Eof : OP_Recv], Msg, PathDiagnosticLocation(Join->getBeginLoc(), SM));
  Rep->setDeclWithIssue(Stop);
  Rep->addRange(Join->getSourceRange());
  Rep->addNote("The owner's pipe is made here, in '" +
                   R.Task->AcquiredIn->getNameAsString() + "'",
               PathDiagnosticLocation(R.Pipe->getBeginLoc(), SM));
  Rep->addNote("The thread running " + Entry + " blocks here",
               PathDiagnosticLocation(R.Blocking->getBeginLoc(), SM));
  BR.emitReport(std::move(Rep));
}

void OwnerPipesChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                  AnalysisManager &Mgr,
                                                  BugReporter &BR) const {
  ASTContext &Ctx = Mgr.getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  OwnerIndex Owners(Ctx, *Models);
  FunctionCollector All;
  All.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  for (const FunctionDecl *Stop : All.Functions) {
    if (SM.isInSystemHeader(Stop->getLocation()))
      continue;
    SmallVector<const CallExpr *, 16> Calls;
    callsIn(Stop->getBody(), Calls);
    for (const CallExpr *Join : Calls) {
      const tl_fn_model *M = withRole(Models->lookup(Join->getDirectCallee()), {TL_ROLE_JOIN});
      const Expr *H = M ? argAt(Join, M->handle_arg) : nullptr;
      const FieldDecl *HF = H ? castFieldOf(H) : nullptr;
      if (!HF)
        continue;
      for (const OwnerField &OF : Owners.fieldsOf(HF->getParent())) {
        OwnerReader R{&OF, {}, {}, nullptr, nullptr, false};
        if (OF.Field != HF || !OF.RunsOnOwner || !OF.Runs || !OF.AcquiredIn ||
            !OF.AcquiredIn->hasBody() ||
            !pipeEnds(OF.AcquiredIn, HF->getParent(), R) || !blockingRead(R) ||
            wakesBefore(Stop, Join, R.Write, SM) ||
            excusedByCaller(Stop, R.Write, All.Functions, SM))
          continue;
        if (BugTypes[R.ToEof ? OP_Eof : OP_Recv]) // that rule is on
          report(R, Join, Stop, BR);
      }
    }
  }
}

static constexpr BugKind NeverClosedPipeBug{"Pipe write end never closed",
                                            "Task blocked on a channel", false};

// The rules speak under TL203's and TL201's own names: Plugin.cpp runs
// every binding of a name.
static RegisterChecker OwnerPipesModeling{
    OwnerPipesModelingName, registerModelingChecker<OwnerPipesChecker>};
static RegisterRules<
    enableKinds<OwnerPipesChecker, NeverClosedPipeBug, RecvNeverSatisfiedBug>>
    OwnerPipeRules{{NeverClosedName, RecvNeverSatisfiedName}};
