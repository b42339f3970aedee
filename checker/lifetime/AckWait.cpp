//===- AckWait.cpp - waiting for a task that does not run -----------------===//
//
// TL201 RecvNeverSatisfied, the acknowledgement form (issue 15 item 12):
// the owner spins or waits until a value that only its task writes
// changes, on a path where that task does not run:
//
//   if (pthread_create(&t, NULL, worker, o) != 0)
//     log("cannot start");        // falls through
//   while (!o->ready)             // warning: nothing will ever set it
//     sched_yield();
//
// The loop is read from the AST (AckLoop.h); which values the task writes
// comes from its entry's summary (the fields of its argument, the globals
// it or its callees write).  The path says the task does not run: the
// spawn's status shows it failed (the record SpawnOutcomes.cpp settles
// for TL104 and this rule), or the function spawns that task somewhere the
// path did not pass.
//
//===----------------------------------------------------------------------===//

#include "AckLoop.h"
#include "AckMembers.h"
#include "EntryWalk.h"
#include "ExprNames.h"
#include "Handles.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "RuleChecker.h"
#include "SpawnOutcome.h"
#include "TaskSummary.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// This checker's part of an entry function's record (EntryWalk.h) beside
/// AckGlobals: what the entry does with its first argument.
struct AckArgEffects {
  ArgEffects Effects;
};

/// A task that would write what the loop waits for, and does not run.
struct Absent {
  const FunctionDecl *Entry = nullptr;
  SymbolRef Status = nullptr; ///< its failed spawn's status; null: not started
  std::string Value;          ///< how the loop names what it waits for
};

class AckWaitChecker
    : public GatedRule<check::PostCall, check::BranchCondition> {
public:
  /// A wait is judged by the spawns of its function: a C unit without one
  /// has nothing to judge.
  static constexpr tl_role StartRoles[] = {TL_ROLE_SPAWN};
  static constexpr bool EveryCxxUnit = true;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;

private:

  bool writes(const FunctionDecl *Entry, const AckLoop &L, const MemRegion *Arg,
              CheckerContext &C, std::string &Value) const;
  Absent failedSpawn(const AckLoop &L, CheckerContext &C) const;
  Absent unstartedSpawn(const AckLoop &L, CheckerContext &C) const;
  Absent unstartedThread(const AckLoop &L, CheckerContext &C) const;
  bool writesThis(const FunctionDecl *Entry, const AckLoop &L, CheckerContext &C,
                  std::string &Value) const;
  bool liveWriter(const AckLoop &L, CheckerContext &C) const;
  void report(const Stmt *Cond, const Absent &A, CheckerContext &C) const;
};

} // namespace

// The spawn calls the path passed through.
REGISTER_SET_WITH_PROGRAMSTATE(AckStartedSites, const Stmt *)

void AckWaitChecker::checkPostCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  if (threadEntryWithThis(
          dyn_cast_or_null<CXXConstructExpr>(Call.getOriginExpr()))) {
    C.addTransition(C.getState()->add<AckStartedSites>(Call.getOriginExpr()));
    return;
  }
  const tl_fn_model *M = withRole(Models->lookup(Call), {TL_ROLE_SPAWN});
  if (!M || !isArg(M->entry_arg, Call) || !Call.getOriginExpr())
    return;
  ProgramStateRef State = C.getState()->add<AckStartedSites>(Call.getOriginExpr());
  SymbolRef Status = nullptr;
  State = recordSpawn(State, *M, Call, Status);
  if (!Status) {
    C.addTransition(State);
    return;
  }
  const FunctionDecl *Entry = calleeOf(Call.getArgExpr(M->entry_arg));
  // Said only in our own reports: the spawn that failed on their path.
  const NoteTag *Tag = C.getNoteTag(
      [this, Status, Entry](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != BT.get() || !BR.isInteresting(Status))
          return "";
        return "Spawn of the thread running " + quotedFunction(Entry) +
               "; it fails on this path";
      });
  C.addTransition(State, Tag);
}

static std::string spellMember(const MemberExpr *ME) {
  const auto *DRE = cast<DeclRefExpr>(ME->getBase()->IgnoreParenCasts());
  return DRE->getDecl()->getNameAsString() + (ME->isArrow() ? "->" : ".") +
         ME->getMemberDecl()->getNameAsString();
}

/// Where the variable under \p ME points (`o->f`) or is (`s.f`).
static const MemRegion *memberBase(const MemberExpr *ME, CheckerContext &C) {
  const auto *DRE = cast<DeclRefExpr>(ME->getBase()->IgnoreParenCasts());
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD)
    return nullptr;
  ProgramStateRef State = C.getState();
  Loc Var = State->getLValue(VD, C.getLocationContext());
  const MemRegion *R = ME->isArrow() ? State->getSVal(Var).getAsRegion()
                                     : Var.getAsRegion();
  return R ? R->getBaseRegion() : nullptr;
}

/// The object of the method the path is in, or null.
static const MemRegion *thisObject(CheckerContext &C) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(C.getStackFrame()->getDecl());
  if (!MD || !MD->isInstance())
    return nullptr;
  SVal This = C.getState()->getSVal(
      C.getSValBuilder().getCXXThis(MD, C.getStackFrame()));
  const MemRegion *R = This.getAsRegion();
  return R ? R->getBaseRegion() : nullptr;
}

/// Does \p Entry write a value \p L waits for (a field only through the
/// argument \p Arg; any if \p Arg is null)?  Names it in \p Value.
bool AckWaitChecker::writes(const FunctionDecl *Entry, const AckLoop &L,
                            const MemRegion *Arg, CheckerContext &C,
                            std::string &Value) const {
  if (!Entry)
    return false;
  EntryRecord &Rec = entryRecord(*Models, Entry);
  const auto &G = ackGlobals(*Models, Entry).Written;
  for (const VarDecl *VD : L.Globals)
    if (G.count(VD)) {
      Value = VD->getNameAsString();
      return true;
    }
  const ArgEffects &E = Rec.part<AckArgEffects>([Entry](EntryRecord &) {
                              return AckArgEffects{summarizeArgEffects(Entry, 0)};
                            }).Effects;
  for (const MemberExpr *ME : L.Fields) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && E.WrittenFields.count(FD) && (!Arg || memberBase(ME, C) == Arg)) {
      Value = spellMember(ME);
      return true;
    }
  }
  // A C++ owner handing `this` to a C spawn: its own members.
  const auto *Here = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  llvm::SmallPtrSet<const FunctionDecl *, 2> Skip;
  if (Here)
    Skip.insert(Here->getCanonicalDecl());
  for (const FieldDecl *FD : L.ThisFields)
    if (E.WrittenFields.count(FD) && (!Arg || thisObject(C) == Arg) &&
        !writtenElsewhere(FD, Skip)) {
      Value = FD->getNameAsString();
      return true;
    }
  return false;
}

/// Does the task running \p Entry with the owner's `this` write a member
/// \p L waits for, which no other method of the class (outside the loop's
/// function and what the task reaches) writes?  Names it in \p Value.
bool AckWaitChecker::writesThis(const FunctionDecl *Entry, const AckLoop &L,
                                CheckerContext &C, std::string &Value) const {
  if (!Entry || L.ThisFields.empty())
    return false;
  const ThisWrites &W = entryRecord(*Models, Entry).part<ThisWrites>(
      [Entry](EntryRecord &) { return thisFieldsWrittenBy(Entry); });
  llvm::SmallPtrSet<const FunctionDecl *, 8> Skip(W.Reached.begin(), W.Reached.end());
  if (const auto *Here = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl()))
    Skip.insert(Here->getCanonicalDecl());
  for (const FieldDecl *F : L.ThisFields)
    if (W.Fields.count(F) && !writtenElsewhere(F, Skip)) {
      Value = F->getNameAsString();
      return true;
    }
  return false;
}

/// "'set_ready'", "'Worker::run'", "a lambda".
static std::string entrySpelling(const FunctionDecl *Entry) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Entry);
  if (!MD)
    return quotedFunction(Entry);
  if (MD->getParent()->isLambda())
    return "a lambda";
  return "'" + MD->getQualifiedNameAsString() + "'";
}

Absent AckWaitChecker::failedSpawn(const AckLoop &L, CheckerContext &C) const {
  Absent A;
  for (const auto &E : spawnOutcomes(C.getState()))
    if (E.second.Failed &&
        writes(namedEntry(E.second), L, E.second.Arg, C, A.Value)) {
      A.Entry = namedEntry(E.second);
      A.Status = E.first;
      return A;
    }
  return A;
}

/// The spawn calls of the function the loop is in, whose task would write
/// what \p L waits for (a field only through the same variable).
static bool sameVariable(const Expr *ArgE, const MemberExpr *ME) {
  const auto *A = dyn_cast_or_null<DeclRefExpr>(
      ArgE ? withoutAddrOf(ArgE)->IgnoreParenCasts() : nullptr);
  const auto *B = cast<DeclRefExpr>(ME->getBase()->IgnoreParenCasts());
  return A && A->getDecl() == B->getDecl();
}

/// A start inside a loop is missed on a path only when the loop ran no
/// iteration, and the unit cannot tell whether its count may be 0
/// (collectd's email.c starts max_conns collectors, a count its config
/// parser keeps >= 1): no "not started" verdict for it.
static bool inLoop(const Stmt *S, const ParentMap &PM) {
  for (const Stmt *P = PM.getParent(S); P; P = PM.getParent(P))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
      return true;
  return false;
}

Absent AckWaitChecker::unstartedSpawn(const AckLoop &L, CheckerContext &C) const {
  Absent A;
  const Decl *D = C.getStackFrame()->getDecl();
  ProgramStateRef State = C.getState();
  const ParentMap &PM = C.getStackFrame()->getParentMap();
  llvm::SmallVector<const CallExpr *, 16> Calls;
  callsIn(D ? D->getBody() : nullptr, Calls);
  for (const CallExpr *CE : Calls) {
    const tl_fn_model *M = withRole(Models->lookup(CE->getDirectCallee()), {TL_ROLE_SPAWN});
    if (!M || State->contains<AckStartedSites>(CE) || inLoop(CE, PM) ||
        static_cast<unsigned>(M->entry_arg) >= CE->getNumArgs())
      continue;
    const FunctionDecl *Entry = calleeOf(CE->getArg(M->entry_arg));
    AckLoop Mine;
    Mine.Globals = L.Globals;
    const Expr *ArgE = argAt(CE, M->entry_param_arg);
    for (const MemberExpr *ME : L.Fields)
      if (sameVariable(ArgE, ME))
        Mine.Fields.push_back(ME);
    if (ArgE && isa<CXXThisExpr>(ArgE->IgnoreParenCasts()))
      Mine.ThisFields = L.ThisFields;
    if (writes(Entry, Mine, /*Arg=*/nullptr, C, A.Value)) {
      A.Entry = Entry;
      break;
    }
  }
  return A;
}

/// A std::thread started with the owner's `this` whose entry writes a
/// member \p L waits for (and no other method of the class does), in the
/// loop's function but not on this path.
Absent AckWaitChecker::unstartedThread(const AckLoop &L, CheckerContext &C) const {
  Absent A;
  const Decl *D = C.getStackFrame()->getDecl();
  const ParentMap &PM = C.getStackFrame()->getParentMap();
  llvm::SmallVector<const CXXConstructExpr *, 4> Starts;
  threadStartsIn(D ? D->getBody() : nullptr, Starts);
  for (const CXXConstructExpr *CE : Starts) {
    const FunctionDecl *Entry = threadEntryWithThis(CE);
    if (Entry && !C.getState()->contains<AckStartedSites>(CE) && !inLoop(CE, PM) &&
        writesThis(Entry, L, C, A.Value)) {
      A.Entry = Entry;
      break;
    }
  }
  return A;
}

void AckWaitChecker::checkBranchCondition(const Stmt *Cond, CheckerContext &C) const {
  const Stmt *Loop = C.getLocationContext()->getParentMap().getParent(Cond);
  AckLoop L;
  if (!Loop || loopCond(Loop) != Cond || !ackLoopOf(Loop, *Models, L))
    return;
  // The loop is entered on this path: nothing else will leave it.
  SVal V = C.getSVal(Cond);
  if (auto DV = V.getAs<DefinedOrUnknownSVal>())
    if (!C.getState()->assume(*DV, true))
      return;
  Absent A = failedSpawn(L, C);
  if (!A.Entry)
    A = unstartedSpawn(L, C);
  if (!A.Entry)
    A = unstartedThread(L, C);
  if (A.Entry && !liveWriter(L, C))
    report(Cond, A, C);
}

/// Another task started on this path (its spawn not known to have failed)
/// also writes what the loop waits for: it may end the wait.
bool AckWaitChecker::liveWriter(const AckLoop &L, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const Stmt *Site : State->get<AckStartedSites>()) {
    bool Failed = false;
    for (const auto &E : spawnOutcomes(State))
      Failed |= E.second.Failed && E.second.Site == Site;
    std::string Value;
    if (writesThis(threadEntryWithThis(dyn_cast<CXXConstructExpr>(Site)), L,
                   C, Value))
      return true;
    const auto *CE = dyn_cast<CallExpr>(Site);
    const tl_fn_model *M = CE ? Models->lookup(CE->getDirectCallee()) : nullptr;
    if (!Failed && M && static_cast<unsigned>(M->entry_arg) < CE->getNumArgs() &&
        writes(calleeOf(CE->getArg(M->entry_arg)), L, /*Arg=*/nullptr, C, Value))
      return true;
  }
  return false;
}

void AckWaitChecker::report(const Stmt *Cond, const Absent &A,
                            CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  std::string Why = A.Status ? "its spawn failed on this path"
                             : "it is not started on this path";
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BT,
      "The owner waits forever for '" + A.Value +
          "', which only the thread running " + entrySpelling(A.Entry) +
          " writes: " + Why,
      N);
  R->addRange(Cond->getSourceRange());
  if (A.Status)
    R->markInteresting(A.Status);
  C.emitReport(std::move(R));
}

// The report ends its path (the loop never exits): a sink, which a
// SuppressOnSink bug type may not have.
static constexpr BugKind AckNeverSentBug{"Acknowledgement never sent",
                                         "Task blocked on a channel", false};

static RegisterChecker TL201Ack{
    RecvNeverSatisfiedName, registerOneRule<AckWaitChecker, AckNeverSentBug>};
