//===- StopSignalChecker.cpp - joins that wait for a stop never sent ------===//
//
// TL403 StopNeverSignalled: the owner joins a task whose loop ends only on
// a stop flag, a condition variable signal or nothing at all, and the path
// since the spawn never provides it, so the join hangs.
//
// What the task needs comes from its summary (LoopSummary.h): the loop it
// settles in, the flag tests every way out of it needs, and the untimed
// waits inside it.  What the owner provides comes from its path:
//
//   spawn (pthread_create, thrd_create, g_thread_new, uv_thread_create,
//          std::thread)  -> the task, its entry and the object it was given
//   write of a flag field / global that a summary tests   -> tick
//   signal of a condition variable / semaphore (sync.json) -> tick
//   join (pthread_join, thrd_join, g_thread_join, uv_thread_join,
//         std::thread::join):
//       loop with no exit                                       -> TL403
//       every way out needs a flag value the store says the flag
//       does not hold                                           -> TL403
//       the flag holds its exit value, but a condition variable the task
//       may sleep on was not signalled after the flag was written -> TL403
//
// Joins are observed, not evaluated (the lifetime checker evaluates them).
//
// A join of a handle stored in an owner's field (`pool->threads[i]`) with no
// spawn on the path is the owner-object protocol (OwnerIndex.h): the task is
// assumed to run the entry the pre-pass found for that field, with the owner
// as its argument when the spawn handed it over.  A flag that nobody in
// this translation unit can set to its exit value (a static global, a field
// of a struct defined in the main file, never assigned such a value, never
// handed out by address) is then taken to hold its initial value.
//
// Silent when unsure: a flag the store cannot tell (symbolic, invalidated by
// unknown code), a flag an address-taken function (signal handler,
// callback, other task) may set, a call to the project's unseen code after
// the flag write (it may signal), a task whose loop is not summarised.
//
//===----------------------------------------------------------------------===//

#include "Handles.h"
#include "AtomicFlags.h"
#include "Checkers.h"
#include "ExprNames.h"
#include "LoopSummary.h"
#include "ModelIndex.h"
#include "OwnerIndex.h"
#include "RuleChecker.h"
#include "RegionNames.h"
#include "StateTraits.h"
#include "TrackedHandle.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

#include <optional>
#include <string>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// One task the owner may join: what it runs and on what, beyond what
/// every tracked handle keeps (engine/TrackedHandle.h; here: the spawn as
/// the site).
class StopTask : public TrackedHandle<StopTask> {
public:
  StopTask(const FunctionDecl *Entry, int ParamIndex, const MemRegion *Root,
           const Expr *Spawn)
      : TrackedHandle(nullptr, Spawn), Entry(Entry), ParamIndex(ParamIndex),
        Root(Root) {}

  const FunctionDecl *getEntry() const { return Entry; }
  /// The entry's parameter the object was handed in; -1: `this`.
  int getParamIndex() const { return ParamIndex; }
  /// The object the task's access paths start from, if known.
  const MemRegion *getRoot() const { return Root; }
  /// The spawn, or null for a task assumed by the owner-object protocol.
  const Stmt *getSpawn() const { return getSite(); }

  auto fields() const {
    return std::make_tuple(Entry, ParamIndex, Root);
  }

private:
  const FunctionDecl *Entry;
  int ParamIndex;
  const MemRegion *Root;
};

enum class Truth { False, True, Unknown };

class StopSignalChecker
    : public GatedRule<check::PreCall, check::PostCall, check::Bind,
                       check::DeadSymbols,
                       check::RegionChanges> {
public:
  /// A C task whose stop is owed starts at a spawn (UnitGate.h).
  static constexpr tl_role StartRoles[] = {TL_ROLE_SPAWN};
  static constexpr bool EveryCxxUnit = true;
  /// Accepts this family's reports only (for note tags).
  auto ownReport() const {
    const BugType *Own = BT.get();
    return [Own](const BugType &T) { return &T == Own; };
  }

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void postNotify(const MemRegion *CV, CheckerContext &C) const;
  void postSync(const tl_fn_model *M, const CallEvent &Call, CheckerContext &C) const;
  bool postThreadObject(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void recordWrite(const MemRegion *R, SVal Val, CheckerContext &C) const;
  bool wantsRegionChangeUpdate(ProgramStateRef State) const { return true; }
  TASKLEAK_REGION_CHANGES;
  void checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const;

private:
  mutable std::unique_ptr<StopIndex> Index;
  mutable std::unique_ptr<OwnerIndex> Owners;
  StopIndex &index(CheckerContext &C) const;
  const OwnerIndex &owners(CheckerContext &C) const;

  bool isSyncCall(const tl_fn_model *M, const CallEvent &Call) const;
  static const MemRegion *condVarNotified(const CallEvent &Call);
  void keepFlags(const CallEvent &Call, CheckerContext &C) const;
  ProgramStateRef restoreFlags(ProgramStateRef State, CheckerContext &C) const;
  ProgramStateRef recordFlags(ProgramStateRef State, const StopTask &Task,
                              CheckerContext &C) const;
  const NoteTag *regionNote(CheckerContext &C, const MemRegion *R,
                            std::string Text) const;
  TASKLEAK_ROLE_HANDLER(postSpawn);
  const MemRegion *threadEntry(const CallEvent &Call, CheckerContext &C,
                               const FunctionDecl *&Entry, int &ParamIndex) const;
  void postThreadCtor(const CallEvent &Call, const MemRegion *This,
                      ProgramStateRef State, CheckerContext &C) const;
  ProgramStateRef keepFlagsOf(ProgramStateRef State, const MemRegion *R,
                              CheckerContext &C) const;
  ProgramStateRef keepFieldsOf(ProgramStateRef State, const RecordDecl *RD,
                               const SubRegion *Sub, unsigned Depth,
                               CheckerContext &C) const;
  void postThreadMove(const CallEvent &Call, const MemRegion *This,
                      ProgramStateRef State, CheckerContext &C) const;
  ProgramStateRef postSignal(const tl_fn_model &M, const CallEvent &Call,
                             ProgramStateRef State, CheckerContext &C) const;
  void preCancel(const CallEvent &Call, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(preWait);
  TASKLEAK_ROLE_HANDLER(preProjectSpawn);
  TASKLEAK_ROLE_HANDLER(preJoin);
  void preThreadJoin(const MemRegion *This, const CallEvent &Call,
                     CheckerContext &C) const;

  std::optional<StopTask> globalTask(const Expr *HandleArg, CheckerContext &C,
                                      const FunctionDecl *&AcquiredIn) const;
  std::optional<StopTask> ownerTask(const Expr *HandleArg, SVal HandleVal,
                                     bool ByPointer, CheckerContext &C,
                                     const FunctionDecl *&AcquiredIn) const;
  void ensureStopped(const StopTask &Task, const FunctionDecl *AcquiredIn,
                     const CallEvent &Join, ProgramStateRef Next,
                     CheckerContext &C) const;

  const MemRegion *resolve(const AccessPath &P, const StopTask &Task,
                           CheckerContext &C) const;
  Truth evalTest(const FlagTest &T, const StopTask &Task, CheckerContext &C) const;
  bool nobodySetsExit(const FlagTest &T, CheckerContext &C) const;
  bool setAsynchronously(const FlagTest &T, CheckerContext &C) const;

  const FlagTest *closingTest(const StopSummary &S, const StopTask &Task,
                              CheckerContext &C) const;
  const FlagTest *stopTestAt(const WaitSite &W, const StopSummary &S,
                             const StopTask &Task, CheckerContext &C) const;
  bool ensureStoppedImpl(const StopTask &Task, const FunctionDecl *AcquiredIn,
                         ProgramStateRef Next, CheckerContext &C) const;
  bool report(const StopTask &Task, const StopSummary &S, std::string Msg,
              const FlagTest *Flag, const WaitSite *Wait,
              const FunctionDecl *AcquiredIn, ProgramStateRef Next,
              CheckerContext &C) const;
};

} // namespace

// Task handle symbol (pthread_t value, GThread *) -> the task it names.
REGISTER_MAP_WITH_PROGRAMSTATE(StopTaskMap, SymbolRef, StopTask)
// std::thread object -> the task it runs.
REGISTER_MAP_WITH_PROGRAMSTATE(StopThreadMap, const MemRegion *, StopTask)
// Handle field (`p->threads`, whole array) -> the task spawned into it, for
// joins that read the handle back under another index.
REGISTER_MAP_WITH_PROGRAMSTATE(StopFieldMap, const MemRegion *, StopTask)
// A flag a tracked task's loop tests -> its value on this path.  Kept here
// because the owner may never name the task's object again after the spawn
// (`pthread_create(..., &w)`), and the store drops a dead local's bindings;
// keeping the object alive instead would hide its other checkers' leaks.
REGISTER_MAP_WITH_PROGRAMSTATE(FlagValues, const MemRegion *, SVal)
// A watched flag -> the tick of its last write on this path.
REGISTER_MAP_WITH_PROGRAMSTATE(FlagWriteTick, const MemRegion *, unsigned)
// A watched wait object -> the tick of its last signal on this path.
REGISTER_MAP_WITH_PROGRAMSTATE(SignalTick, const MemRegion *, unsigned)
// Flags of the objects a lock, unlock or signal call is handed, as they were
// before it: the call is conservative and would forget them.
REGISTER_MAP_WITH_PROGRAMSTATE(KeptFlags, const MemRegion *, SVal)
// Objects handed to the project's unseen code: other tasks may reach them.
REGISTER_SET_WITH_PROGRAMSTATE(EscapedBases, const MemRegion *)
// Handle fields and global handles of tasks cancelled on this path
// (pthread_cancel(p->tid), pthread_cancel(worker_tid)).
REGISTER_SET_WITH_PROGRAMSTATE(CancelledFields, const FieldDecl *)
REGISTER_SET_WITH_PROGRAMSTATE(CancelledGlobals, const VarDecl *)
// Watched flags written before a call into the project's unseen code (which
// may have signalled anything since).  Only flags the path wrote are
// listed, so most calls leave the state alone.
REGISTER_SET_WITH_PROGRAMSTATE(OpaqueAfterWrite, const MemRegion *)
// The clock that orders flag writes and signals.
REGISTER_TRAIT_WITH_PROGRAMSTATE(StopClock, unsigned)

//===----------------------------------------------------------------------===//
// Regions: one spelling per field, whichever way clang spells `p->f`.
//===----------------------------------------------------------------------===//

/// `p->a.f` as FieldRegion{FieldRegion{SymRegion{p}}}: clang 16 puts an
/// element region over the symbolic one, and casts wrap void pointers.
static const MemRegion *canon(const MemRegion *R, MemRegionManager &MRM,
                              unsigned Depth = 0) {
  if (!R || Depth > 8)
    return R;
  R = R->StripCasts(false);
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const MemRegion *Super = canon(FR->getSuperRegion(), MRM, Depth + 1);
    if (Super != FR->getSuperRegion())
      if (const auto *SR = dyn_cast<SubRegion>(Super))
        return MRM.getFieldRegion(FR->getDecl(), SR);
    return FR;
  }
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    if (ER->getIndex().isZeroConstant() && isa<SymbolicRegion>(ER->getSuperRegion()))
      return ER->getSuperRegion();
  return R;
}

static const ValueDecl *declOf(const MemRegion *R) {
  if (const auto *FR = dyn_cast_or_null<FieldRegion>(R))
    return FR->getDecl();
  if (const auto *VR = dyn_cast_or_null<VarRegion>(R))
    return VR->getDecl();
  return nullptr;
}

/// The value an argument points to, read with the pointee type.
static SVal readPointee(ProgramStateRef State, SVal Ptr, const Expr *ArgExpr) {
  auto L = Ptr.getAs<Loc>();
  if (!L || !ArgExpr)
    return UnknownVal();
  QualType T = ArgExpr->IgnoreParenImpCasts()->getType();
  if (!T->isPointerType() || T->getPointeeType()->isVoidType())
    return UnknownVal();
  return State->getSVal(*L, T->getPointeeType());
}

static unsigned tick(ProgramStateRef &State) {
  unsigned Now = State->get<StopClock>() + 1;
  State = State->set<StopClock>(Now);
  return Now;
}

//===----------------------------------------------------------------------===//
// Naming things in messages.
//===----------------------------------------------------------------------===//

static std::string functionName(const FunctionDecl *FD) {
  if (!FD)
    return "an unknown function";
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda())
      return "a lambda";
  if (isa<CXXMethodDecl>(FD))
    return "'" + FD->getQualifiedNameAsString() + "'";
  return "'" + FD->getNameAsString() + "'";
}

/// The entry, or for a lambda the function that holds the loop.
static std::string entryName(const StopTask &Task, const StopSummary &S) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Task.getEntry());
  if (MD && MD->getParent()->isLambda())
    return functionName(S.LoopIn);
  return functionName(Task.getEntry());
}

static std::string pathName(const AccessPath &P, const MemRegion *R) {
  std::string Name = describeRegion(R, /*BareMember=*/true);
  if (!Name.empty())
    return Name;
  const ValueDecl *D = P.leaf();
  return D ? D->getNameAsString() : "the flag";
}

/// The flag or object as the task's code spells it (`w->stop`).
static std::string taskSpelling(const Expr *E, const ValueDecl *Fallback) {
  if (!E)
    return Fallback ? Fallback->getNameAsString() : "the flag";
  E = withoutAddrOf(E);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (ME->isImplicitAccess())
      return ME->getMemberDecl()->getNameAsString();
  return exprSpelling(E);
}

/// "is set", "is set to 0", "changes": the owner's write that stops it.
static std::string setText(const FlagTest &T) {
  if (!T.Equal && T.Value == 0)
    return "is set";
  if (T.Equal)
    return "is set to " + std::to_string(T.Value);
  return "changes";
}

/// "is set", "is 0", "is not 2": what the flag must become.
static std::string exitText(const FlagTest &T) {
  if (!T.Equal && T.Value == 0)
    return "is set";
  return std::string(T.Equal ? "is " : "is not ") + std::to_string(T.Value);
}

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

StopIndex &StopSignalChecker::index(CheckerContext &C) const {
  if (!Index)
    Index = std::make_unique<StopIndex>(C.getASTContext(), *Models);
  return *Index;
}

const OwnerIndex &StopSignalChecker::owners(CheckerContext &C) const {
  if (!Owners)
    Owners = std::make_unique<OwnerIndex>(C.getASTContext(), *Models);
  return *Owners;
}

void StopSignalChecker::checkPreCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (isSyncCall(M, Call))
    keepFlags(Call, C);
  if (const MemRegion *CV = condVarNotified(Call)) {
    ProgramStateRef State = keepFlagsOf(C.getState(), CV, C);
    if (State != C.getState())
      C.addTransition(State);
    return;
  }
  if (!M && Models->isCall(Call, TL_ROLE_TASK_KILL) && Call.isGlobalCFunction()) {
    preCancel(Call, C);
    return;
  }
  if (M) {
    // Only a join that waits for good can hang (not pthread_tryjoin_np).
    if (M->role == TL_ROLE_JOIN && M->success == TL_SUCCESS_ALWAYS)
      preJoin(*M, Call, C);
    else if (M->role == TL_ROLE_WAIT)
      preWait(*M, Call, C);
    else if (M->role == TL_ROLE_SPAWN)
      preProjectSpawn(*M, Call, C);
    return;
  }
  // A new std::thread: the thread model invalidates what its arguments
  // reach, the task's own object too; its flags are the owner's.
  // The thread model invalidates the object a std::thread lives in, and
  // what a new thread's arguments reach (the task's own object too); the
  // flags there are the owner's.
  const MemRegion *ThreadObj = nullptr;
  const auto *CC = dyn_cast<CXXConstructorCall>(&Call);
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  if (CC && MD && isStdThreadClass(MD->getParent()))
    ThreadObj = CC->getCXXThisVal().getAsRegion();
  else if (IC && MD && MD->isMoveAssignmentOperator() &&
           isStdThreadClass(MD->getParent()))
    ThreadObj = IC->getCXXThisVal().getAsRegion();
  if (ThreadObj) {
    ProgramStateRef State = keepFlagsOf(C.getState(), ThreadObj, C);
    const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(MD);
    if (Ctor && !Ctor->isCopyOrMoveConstructor() && Call.getNumArgs() > 0) {
      const FunctionDecl *Entry = nullptr;
      int ParamIndex = 0;
      State = keepFlagsOf(State, threadEntry(Call, C, Entry, ParamIndex), C);
    }
    if (State != C.getState())
      C.addTransition(State);
    return;
  }
  if (MD && MD->getIdentifier() && MD->getName() == "join" &&
      isStdThreadClass(MD->getParent()))
    if (const MemRegion *This = IC->getCXXThisVal().getAsRegion())
      preThreadJoin(This->StripCasts(false), Call, C);
}

void StopSignalChecker::checkPostCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (const MemRegion *CV = condVarNotified(Call))
    return postNotify(CV, C);
  SVal Written;
  if (const MemRegion *Atomic = atomicFlagWritten(Call, Written)) {
    const ValueDecl *D = declOf(Atomic);
    if (D && index(C).isWatched(D))
      recordWrite(Atomic, Written, C);
    return;
  }
  if (isSyncCall(M, Call) || (M && M->role == TL_ROLE_SIGNAL))
    return postSync(M, Call, C);
  if (M) {
    if (M->role == TL_ROLE_SPAWN)
      postSpawn(*M, Call, C);
    return;
  }
  if (postThreadObject(Call, C))
    return;
  // The project's own code that the analyzer did not step into may signal
  // anything (a wake_all() in another file).
  if (!C.wasInlined && !Call.isInSystemHeader() && Call.getDecl()) {
    ProgramStateRef State = C.getState();
    for (const auto &E : State->get<FlagWriteTick>())
      State = State->add<OpaqueAfterWrite>(E.first);
    if (State != C.getState())
      C.addTransition(State);
  }
}

/// A C++ condition variable notified: put the flags back, note the signal.
void StopSignalChecker::postNotify(const MemRegion *CV, CheckerContext &C) const {
  ProgramStateRef State = restoreFlags(C.getState(), C);
  const MemRegion *R = canon(CV, C.getStoreManager().getRegionManager());
  const ValueDecl *D = declOf(R);
  const NoteTag *Tag = nullptr;
  if (D && index(C).isWatched(D)) {
    unsigned Now = tick(State);
    State = State->set<SignalTick>(R, Now);
    Tag = regionNote(C, R, "'" + describeRegion(R, true) + "' notified here");
  }
  C.addTransition(State, Tag);
}

/// A lock, unlock or signal: put the flags back, then note a signal.
void StopSignalChecker::postSync(const tl_fn_model *M, const CallEvent &Call,
                                 CheckerContext &C) const {
  ProgramStateRef State = restoreFlags(C.getState(), C);
  const NoteTag *Tag = nullptr;
  if (M && M->role == TL_ROLE_SIGNAL) {
    State = postSignal(*M, Call, State, C);
    if (const MemRegion *R = argRegion(M->object_arg, Call)) {
      R = canon(R, C.getStoreManager().getRegionManager());
      Tag = regionNote(C, R, "'" + describeRegion(R, true) + "' signalled here");
    }
  }
  C.addTransition(State, Tag);
}

/// std::thread constructed, moved or move-assigned; false if \p Call is none
/// of these.
bool StopSignalChecker::postThreadObject(const CallEvent &Call,
                                         CheckerContext &C) const {
  if (const auto *CC = dyn_cast<CXXConstructorCall>(&Call)) {
    const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(CC->getDecl());
    const MemRegion *This = CC->getCXXThisVal().getAsRegion();
    if (Ctor && This && isStdThreadClass(Ctor->getParent())) {
      ProgramStateRef State = restoreFlags(C.getState(), C);
      if (Ctor->isMoveConstructor())
        postThreadMove(Call, This->StripCasts(false), State, C);
      else if (!Ctor->isCopyOrMoveConstructor() && Call.getNumArgs() > 0)
        postThreadCtor(Call, This->StripCasts(false), State, C);
      else
        C.addTransition(State);
      return true;
    }
  }
  if (const auto *IC = dyn_cast<CXXInstanceCall>(&Call)) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(IC->getDecl());
    const MemRegion *This = IC->getCXXThisVal().getAsRegion();
    if (MD && This && MD->isMoveAssignmentOperator() &&
        isStdThreadClass(MD->getParent())) {
      postThreadMove(Call, This->StripCasts(false), restoreFlags(C.getState(), C), C);
      return true;
    }
  }
  return false;
}

/// A write of a flag some summary tests: its tick, for the signal order.
void StopSignalChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                  CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  llvm::APSInt Initial; // `std::atomic<bool> stop_{false};` (AtomicFlags.h)
  if (const auto *DIE = dyn_cast_or_null<CXXDefaultInitExpr>(S))
    if (atomicDefaultValue(DIE->getField(), Initial))
      Val = C.getSValBuilder().makeIntVal(
          Initial.getExtValue(), atomicFlagType(DIE->getField()->getType()));
  const ValueDecl *D = declOf(R);
  ProgramStateRef State = C.getState();
  if (!D || !index(C).isWatched(D)) {
    // `w = other;`: the flags inside take values we did not see.
    bool Changed = false;
    if (R)
      for (const auto &E : State->get<FlagValues>())
        if (E.first->isSubRegionOf(R->StripCasts())) {
          State = without<FlagValues>(State, E.first);
          Changed = true;
        }
    if (Changed)
      C.addTransition(State);
    return;
  }
  recordWrite(R, Val, C);
}

/// The watched flag \p R written with \p Val (a plain store, or a
/// std::atomic's store): its value and its tick.
void StopSignalChecker::recordWrite(const MemRegion *R, SVal Val,
                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  unsigned Now = tick(State);
  R = canon(R, C.getStoreManager().getRegionManager());
  if (Val.isUnknownOrUndef())
    State = without<FlagValues>(State, R);
  else
    State = State->set<FlagValues>(R, Val);
  C.addTransition(without<OpaqueAfterWrite>(State->set<FlagWriteTick>(R, Now), R),
                  regionNote(C, R, "'" + describeRegion(R, true) + "' set here"));
}

/// A stack object whose address the project's unseen code got may be
/// reached by tasks this path does not know about.
ProgramStateRef StopSignalChecker::checkRegionChanges(
    ProgramStateRef State, const InvalidatedSymbols *,
    ArrayRef<const MemRegion *> ExplicitRegions, ArrayRef<const MemRegion *> Regions,
    const LocationContext *, const CallEvent *Call) const {
  if (!Call)
    return State; // a binding (checkBind records it), or our own work
  if (!State->get<FlagValues>().isEmpty()) {
    // A call that clobbers the globals names their memory space, not each
    // global.
    llvm::SmallPtrSet<const MemRegion *, 8> Bases;
    for (const MemRegion *R : Regions)
      if (R)
        Bases.insert(R->getBaseRegion());
    for (const auto &E : State->get<FlagValues>())
      if (Bases.count(E.first->getBaseRegion()) ||
          Bases.count(E.first->getMemorySpace()))
        State = without<FlagValues>(State, E.first);
  }
  if (Call->isInSystemHeader() || Models->lookup(*Call))
    return State;
  for (const MemRegion *R : ExplicitRegions)
    if (R && isa<StackSpaceRegion>(R->getMemorySpace()))
      State = State->add<EscapedBases>(R->getBaseRegion());
  return State;
}

void StopSignalChecker::checkDeadSymbols(SymbolReaper &SymReaper,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<StopTaskMap>().isEmpty() && State->get<StopThreadMap>().isEmpty())
    return; // nothing tracked on this path
  for (const auto &E : State->get<StopTaskMap>())
    if (SymReaper.isDead(E.first))
      State = without<StopTaskMap>(State, E.first);
  for (const auto &E : State->get<StopThreadMap>())
    if (!SymReaper.isLiveRegion(E.first))
      State = without<StopThreadMap>(State, E.first);
  C.addTransition(State);
}

//===----------------------------------------------------------------------===//
// Locks and signals keep the flags.
//===----------------------------------------------------------------------===//

/// A library call that only locks, unlocks or wakes: it writes no flag of
/// the object it is handed, yet the analyzer invalidates the whole object
/// (a pointer to p->mu reaches all of *p).  The task does not write the
/// flags it is summarised on, and other writers are checked at the join
/// (setAsynchronously), so the values the owner's path gave them stay.
bool StopSignalChecker::isSyncCall(const tl_fn_model *M, const CallEvent &Call) const {
  // The rows first: asking the source manager where the callee was declared
  // costs more, and almost no call is a lock or a signal.
  bool Sync = M ? M->role == TL_ROLE_SIGNAL : Models->isCall(Call, TL_ROLE_LOCK);
  return Sync && Call.getCalleeIdentifier() && Call.isInSystemHeader();
}

/// cv.notify_one(), cv.notify_all(): the condition variable, else null.
const MemRegion *StopSignalChecker::condVarNotified(const CallEvent &Call) {
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!IC || !FD ||
      !(isCondVarMember(FD, "notify_one") || isCondVarMember(FD, "notify_all")))
    return nullptr;
  const MemRegion *R = IC->getCXXThisVal().getAsRegion();
  return R ? R->StripCasts(false) : nullptr;
}

void StopSignalChecker::keepFlags(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    State = keepFlagsOf(State, Call.getArgSVal(I).getAsRegion(), C);
  if (State != C.getState())
    C.addTransition(State);
}

/// Records the watched flags of the object \p R is in.
ProgramStateRef StopSignalChecker::keepFlagsOf(ProgramStateRef State,
                                               const MemRegion *R,
                                               CheckerContext &C) const {
  if (!R)
    return State;
  const MemRegion *Base = R->getBaseRegion();
  QualType T;
  if (const auto *TR = dyn_cast<TypedValueRegion>(Base))
    T = TR->getValueType();
  else if (const auto *SR = dyn_cast<SymbolicRegion>(Base))
    T = SR->getSymbol()->getType()->getPointeeType();
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  if (!RD || !(RD = RD->getDefinition()))
    return State;
  const auto *Sub = dyn_cast<SubRegion>(Base);
  if (!Sub)
    return State;
  return keepFieldsOf(State, RD, Sub, 0, C);
}

/// keepFlagsOf for the fields of \p RD at \p Sub, and of the structs
/// embedded in it (`s->q.closed`: a flag two fields deep).
ProgramStateRef StopSignalChecker::keepFieldsOf(ProgramStateRef State,
                                                const RecordDecl *RD,
                                                const SubRegion *Sub,
                                                unsigned Depth,
                                                CheckerContext &C) const {
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  StopIndex &Idx = index(C);
  for (const FieldDecl *FD : RD->fields()) {
    const RecordDecl *Inner = FD->getType()->getAsRecordDecl();
    if (Inner && (Inner = Inner->getDefinition()) && Depth < 4 &&
        Idx.isWatchedRecord(Inner)) {
      State = keepFieldsOf(State, Inner, MRM.getFieldRegion(FD, Sub), Depth + 1, C);
      continue;
    }
    if (!Idx.isWatched(FD))
      continue;
    const MemRegion *FR = canon(MRM.getFieldRegion(FD, Sub), MRM);
    // A std::atomic flag has no value in the store: only the one its
    // writes gave it here.
    if (!atomicFlagType(FD->getType()).isNull()) {
      if (const SVal *V = State->get<FlagValues>(FR))
        State = State->set<KeptFlags>(FR, *V);
      continue;
    }
    if (!FD->getType()->isIntegralOrEnumerationType())
      continue;
    SVal V = State->getSVal(FR, FD->getType());
    if (!V.isUnknownOrUndef())
      State = State->set<KeptFlags>(FR, V);
  }
  return State;
}

ProgramStateRef StopSignalChecker::restoreFlags(ProgramStateRef State,
                                               CheckerContext &C) const {
  for (const auto &E : State->get<KeptFlags>()) {
    const auto *TR = dyn_cast<TypedValueRegion>(E.first);
    if (!TR || atomicFlagType(TR->getValueType()).isNull())
      State = State->bindLoc(loc::MemRegionVal(E.first), E.second,
                             C.getLocationContext());
    State = State->set<FlagValues>(E.first, E.second);
  }
  return State->remove<KeptFlags>();
}

//===----------------------------------------------------------------------===//
// The owner's side: spawns, signals, thread objects.
//===----------------------------------------------------------------------===//

/// The values of the flags \p Task's loop tests, as the spawn leaves them.
ProgramStateRef StopSignalChecker::recordFlags(ProgramStateRef State,
                                               const StopTask &Task,
                                               CheckerContext &C) const {
  if (!Task.getEntry())
    return State;
  const StopSummary &S = index(C).summary(Task.getEntry(), Task.getParamIndex());
  // An entry another unit defines: its flags were taken before the spawn
  // clobbered the argument (preProjectSpawn).
  bool Before = Task.getSpawn() && !Task.getEntry()->hasBody();
  auto Record = [&](const FlagTest &T) {
    const auto *R = dyn_cast_or_null<TypedValueRegion>(resolve(T.Flag, Task, C));
    if (!R || T.Flag.Root == AccessPath::Global ||
        !atomicFlagType(R->getValueType()).isNull() ||
        (Before && State->get<FlagValues>(R)))
      return; // an atomic's value is the one its writes recorded
    SVal V = State->getSVal(R);
    if (!V.isUnknownOrUndef())
      State = State->set<FlagValues>(R, V);
  };
  for (const StopExit &E : S.Exits)
    for (const FlagTest &T : E.Needs)
      Record(T);
  for (const WaitSite &W : S.Waits)
    if (W.HasWakes)
      Record(W.Wakes);
  return State;
}


TASKLEAK_ROLE_HANDLER(StopSignalChecker::postSpawn) {
  if (!isArg(M.entry_arg, Call))
    return;
  // Every task is recorded, summarised or not: the owner's waits ask which
  // tasks could signal them.  An entry the analyzer cannot name may signal
  // anything.
  const FunctionDecl *Entry = argFunction(M.entry_arg, Call);
  ProgramStateRef State = C.getState();
  SymbolRef Handle = nullptr;
  const MemRegion *HandleRegion = nullptr;
  if (M.handle_return) {
    Handle = Call.getReturnValue().getAsSymbol();
  } else if (isArg(M.handle_out_arg, Call)) {
    SVal Out = Call.getArgSVal(M.handle_out_arg);
    Handle = readPointee(State, Out, Call.getArgExpr(M.handle_out_arg)).getAsSymbol();
    HandleRegion = Out.getAsRegion();
  }
  if (!Handle)
    return;
  const MemRegion *Root = nullptr;
  if (isArg(M.entry_param_arg, Call))
    if (const MemRegion *R = Call.getArgSVal(M.entry_param_arg).getAsRegion())
      Root = R->StripCasts();
  StopTask Task(Entry, 0, Root, Call.getOriginExpr());
  State = recordFlags(State->set<StopTaskMap>(Handle, Task), Task, C);
  // `&p->threads[i]`: the whole array field names the task, whatever index
  // the join reads it back with.
  for (const MemRegion *R = HandleRegion; R;) {
    R = R->StripCasts();
    if (const auto *FR = dyn_cast<FieldRegion>(R)) {
      State = State->set<StopFieldMap>(
          canon(FR, C.getStoreManager().getRegionManager()), Task);
      break;
    }
    const auto *ER = dyn_cast<ElementRegion>(R);
    R = ER ? ER->getSuperRegion() : nullptr;
  }
  C.addTransition(State, handleNote(C, ownReport(), Handle, nullptr,
                                    "Thread running " + functionName(Entry) +
                                        " spawned here"));
}

/// A spawn of an entry another unit defines: the lifetime checker clobbers
/// the task's argument, not knowing what the entry writes, but the entry
/// row's summary says the task does not write its own stop flags
/// (ProjectStops.cpp), so their values are taken before the call.
TASKLEAK_ROLE_HANDLER(StopSignalChecker::preProjectSpawn) {
  if (!isArg(M.entry_arg, Call) || !isArg(M.entry_param_arg, Call))
    return;
  const FunctionDecl *Entry = argFunction(M.entry_arg, Call);
  const MemRegion *Root = Call.getArgSVal(M.entry_param_arg).getAsRegion();
  if (!Entry || Entry->hasBody() || !Root)
    return;
  ProgramStateRef State = recordFlags(
      C.getState(), StopTask(Entry, 0, Root->StripCasts(), nullptr), C);
  if (State != C.getState())
    C.addTransition(State);
}

/// `this` of the function being analysed, if it is an instance method.
static const MemRegion *thisRegion(ProgramStateRef State, CheckerContext &C) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(C.getLocationContext()->getDecl());
  if (!MD || !MD->isInstance())
    return nullptr;
  return State->getSVal(C.getSValBuilder().getCXXThis(MD, C.getStackFrame()))
      .getAsRegion();
}

/// \p E without implicit nodes, parentheses and a materialized temporary.
static const Expr *stripTemp(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit()->IgnoreParenImpCasts();
  return E;
}

/// The object a std::thread constructor's argument \p I points to.
/// libstdc++ takes the arguments by forwarding reference, into temporaries
/// the thread model has invalidated by now: read the argument's spelling.
static const MemRegion *threadArgRegion(const CallEvent &Call, unsigned I,
                                        ProgramStateRef State, CheckerContext &C) {
  if (I >= Call.getNumArgs())
    return nullptr;
  const Expr *E = stripTemp(Call.getArgExpr(I));
  if (isa<CXXThisExpr>(E))
    return thisRegion(State, C);
  bool AddrOf = false;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf) {
      AddrOf = true;
      E = U->getSubExpr()->IgnoreParenImpCasts();
    }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return nullptr;
  SVal L = State->getLValue(VD, C.getLocationContext());
  if (AddrOf)
    return L.getAsRegion();
  if (!VD->getType()->isPointerType())
    return nullptr;
  const MemRegion *R = State->getSVal(L.castAs<Loc>(), VD->getType()).getAsRegion();
  return R ? R->StripCasts() : nullptr;
}

/// std::thread t(fn, p), std::thread(&C::run, this), std::thread([this] {...}).
/// What a new std::thread runs, and the object its access paths start from.
const MemRegion *StopSignalChecker::threadEntry(const CallEvent &Call,
                                                CheckerContext &C,
                                                const FunctionDecl *&Entry,
                                                int &ParamIndex) const {
  ProgramStateRef State = C.getState();
  const Expr *Fn = stripTemp(Call.getArgExpr(0));
  if (const auto *L = dyn_cast<LambdaExpr>(Fn)) {
    Entry = L->getCallOperator();
    ParamIndex = -1;
    bool CapturesThis = false;
    for (const LambdaCapture &Cap : L->captures())
      CapturesThis |= Cap.capturesThis();
    return CapturesThis ? thisRegion(State, C) : nullptr;
  }
  const Expr *F = Fn;
  if (const auto *U = dyn_cast<UnaryOperator>(F))
    if (U->getOpcode() == UO_AddrOf)
      F = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(F);
  Entry = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Entry);
  ParamIndex = MD && MD->isInstance() ? -1 : 0;
  return threadArgRegion(Call, 1, State, C);
}

void StopSignalChecker::postThreadCtor(const CallEvent &Call, const MemRegion *This,
                                       ProgramStateRef State,
                                       CheckerContext &C) const {
  const FunctionDecl *Entry = nullptr;
  int ParamIndex = 0;
  const MemRegion *Root = threadEntry(Call, C, Entry, ParamIndex);
  C.addTransition(
      recordFlags(State, StopTask(Entry, ParamIndex, Root, Call.getOriginExpr()), C)
          ->set<StopThreadMap>(This, StopTask(Entry, ParamIndex, Root,
                                               Call.getOriginExpr())),
      handleNote(C, ownReport(), nullptr, This,
                "Thread running " +
                    entryName(StopTask(Entry, ParamIndex, Root, nullptr),
                              index(C).summary(Entry, ParamIndex)) +
                    " started here"));
}

/// std::thread(std::move(u)), t = std::move(u): the task goes along.
void StopSignalChecker::postThreadMove(const CallEvent &Call, const MemRegion *This,
                                       ProgramStateRef State,
                                       CheckerContext &C) const {
  const MemRegion *Src =
      Call.getNumArgs() > 0 ? Call.getArgSVal(0).getAsRegion() : nullptr;
  Src = Src ? Src->StripCasts(false) : nullptr;
  const StopTask *Task = Src ? State->get<StopThreadMap>(Src) : nullptr;
  State = without<StopThreadMap>(State, This);
  if (Task) {
    StopTask Copy = *Task;
    State = without<StopThreadMap>(State, Src)->set<StopThreadMap>(This, Copy);
    C.addTransition(State);
    return;
  }
  C.addTransition(State);
}

ProgramStateRef StopSignalChecker::postSignal(const tl_fn_model &M,
                                              const CallEvent &Call,
                                              ProgramStateRef State,
                                              CheckerContext &C) const {
  const MemRegion *R = canon(argRegion(M.object_arg, Call),
                             C.getStoreManager().getRegionManager());
  const ValueDecl *D = declOf(R);
  if (!D || !index(C).isWatched(D))
    return State;
  unsigned Now = tick(State);
  return State->set<SignalTick>(R, Now);
}

/// A note on our reports that speak about region \p R.
const NoteTag *StopSignalChecker::regionNote(CheckerContext &C, const MemRegion *R,
                                             std::string Text) const {
  return handleNote(C, ownReport(), nullptr, R, std::move(Text));
}

//===----------------------------------------------------------------------===//
// The owner's own waits.
//===----------------------------------------------------------------------===//

/// The owner waits on an object in its own frame that only the tasks it
/// handed the object to can reach, and none of them ever signals it: the
/// owner sleeps for good, and never reaches the join (rizin's
/// close-when-empty).
TASKLEAK_ROLE_HANDLER(StopSignalChecker::preWait) {
  // Condition variables only (the model's "condition"): a semaphore may
  // hold a count already, a barrier is passed by the tasks' own waits.
  if (!isArg(M.object_arg, Call) || !M.condition)
    return;
  ProgramStateRef State = C.getState();
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  const MemRegion *Obj = canon(Call.getArgSVal(M.object_arg).getAsRegion(), MRM);
  if (!Obj || !isa<StackLocalsSpaceRegion>(Obj->getMemorySpace()) ||
      State->contains<EscapedBases>(Obj->getBaseRegion()))
    return;
  const MemRegion *Base = Obj->getBaseRegion();
  llvm::SmallVector<std::pair<SymbolRef, StopTask>, 2> Holders;
  auto Consider = [&](SymbolRef Key, const StopTask &T) -> bool {
    if (!T.getRoot() || T.getRoot()->getBaseRegion() != Base)
      return true;
    if (!T.getEntry())
      return false;
    const SignalSummary &Sig = index(C).signals(T.getEntry(), T.getParamIndex());
    if (!Sig.Known)
      return false;
    for (const AccessPath &P : Sig.Objects)
      if (resolve(P, T, C) == Obj)
        return false;
    Holders.push_back({Key, T});
    return true;
  };
  for (const auto &E : State->get<StopTaskMap>())
    if (!Consider(E.first, E.second))
      return;
  for (const auto &E : State->get<StopThreadMap>())
    if (!Consider(nullptr, E.second))
      return;
  if (Holders.empty())
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  const StopTask &T = Holders.front().second;
  std::string Name = describeRegion(Obj, /*BareMember=*/true);
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BT,
      "The owner may wait forever on '" + Name + "': the thread running " +
          functionName(T.getEntry()) +
          " never signals it, and the join after the wait is never reached",
      N);
  for (const auto &H : Holders)
    if (H.first)
      R->markInteresting(H.first);
  R->markInteresting(Obj);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Joins.
//===----------------------------------------------------------------------===//


/// pthread_cancel(t), pthread_kill(t, sig): the task may end at its next
/// cancellation point, or in a signal handler.  Its join is no proof of a
/// hang any more.
void StopSignalChecker::preCancel(const CallEvent &Call, CheckerContext &C) const {
  if (Call.getNumArgs() < 1)
    return;
  ProgramStateRef State = C.getState();
  SVal V = Call.getArgSVal(0);
  if (SymbolRef Sym = V.getAsSymbol())
    State = without<StopTaskMap>(State, Sym);
  if (const MemberExpr *ME = handleMember(Call.getArgExpr(0)))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      State = State->add<CancelledFields>(FD);
  if (const auto *DRE =
          dyn_cast_or_null<DeclRefExpr>(Call.getArgExpr(0)->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      State = State->add<CancelledGlobals>(VD);
  C.addTransition(State);
}

TASKLEAK_ROLE_HANDLER(StopSignalChecker::preJoin) {
  if (!isArg(M.handle_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  SVal V = Call.getArgSVal(M.handle_arg);
  SVal Handle = M.handle_by_pointer
                    ? readPointee(State, V, Call.getArgExpr(M.handle_arg))
                    : V;
  if (SymbolRef Sym = Handle.getAsSymbol())
    if (const StopTask *Task = State->get<StopTaskMap>(Sym)) {
      StopTask Copy = *Task;
      ensureStopped(Copy, nullptr, Call, without<StopTaskMap>(State, Sym), C);
      return;
    }
  const FunctionDecl *AcquiredIn = nullptr;
  if (std::optional<StopTask> Task =
          ownerTask(Call.getArgExpr(M.handle_arg), M.handle_by_pointer ? V : Handle,
                    M.handle_by_pointer, C, AcquiredIn))
    ensureStopped(*Task, AcquiredIn, Call, State, C);
}

void StopSignalChecker::preThreadJoin(const MemRegion *This, const CallEvent &Call,
                                      CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const StopTask *Task = State->get<StopThreadMap>(This);
  if (!Task)
    return;
  StopTask Copy = *Task;
  ensureStopped(Copy, nullptr, Call, without<StopThreadMap>(State, This), C);
}

/// The region of field \p FD the joined handle \p HandleVal was read from
/// (the owner, walked up to the field), or null.
static const MemRegion *fieldReadFrom(SVal HandleVal, bool ByPointer,
                                      const FieldDecl *FD) {
  const MemRegion *Origin = nullptr;
  if (ByPointer) {
    Origin = HandleVal.getAsRegion();
  } else if (SymbolRef S = HandleVal.getAsSymbol()) {
    if (const auto *RV = dyn_cast<SymbolRegionValue>(S))
      Origin = RV->getRegion();
    else if (const auto *D = dyn_cast<SymbolDerived>(S))
      Origin = D->getRegion();
  }
  for (const MemRegion *R = Origin; R;) {
    R = R->StripCasts();
    if (const auto *FR = dyn_cast<FieldRegion>(R))
      return FR->getDecl() == FD ? FR : nullptr;
    const auto *ER = dyn_cast<ElementRegion>(R);
    R = ER ? ER->getSuperRegion() : nullptr;
  }
  return nullptr;
}

/// A join of a handle in an owner's field with no spawn on this path: the
/// task the spawn on this path put there, or the one the owner-object
/// pre-pass says the field holds.
std::optional<StopTask>
StopSignalChecker::ownerTask(const Expr *HandleArg, SVal HandleVal, bool ByPointer,
                             CheckerContext &C, const FunctionDecl *&AcquiredIn) const {
  const MemberExpr *ME = handleMember(HandleArg);
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  ProgramStateRef State = C.getState();
  if (!FD)
    return globalTask(HandleArg, C, AcquiredIn);
  if (State->contains<CancelledFields>(FD))
    return std::nullopt;
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  const MemRegion *FieldR = fieldReadFrom(HandleVal, ByPointer, FD);
  if (!FieldR) {
    // The base spelled as a variable: `p->tid`, `s.tid`.
    const auto *DRE = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD)
      return std::nullopt;
    SVal Base = State->getLValue(VD, C.getLocationContext());
    if (ME->isArrow())
      Base = State->getSVal(Base.castAs<Loc>(), VD->getType());
    FieldR = State->getLValue(FD, Base).getAsRegion();
  }
  FieldR = canon(FieldR, MRM);
  if (!FieldR)
    return std::nullopt;
  if (const StopTask *Task = State->get<StopFieldMap>(FieldR))
    return *Task;
  const auto *FR = dyn_cast<FieldRegion>(FieldR);
  if (!FR)
    return std::nullopt;
  // Every spawn into the field must run the same entry (not a reader and a
  // writer in one array).
  const FunctionDecl *Only = index(C).onlyEntryOf(FD);
  for (const OwnerField &OF : owners(C).fieldsOf(FD->getParent()))
    if (OF.Field == FD && OF.Runs && Only &&
        Only == OF.Runs->getCanonicalDecl()) {
      AcquiredIn = OF.AcquiredIn;
      return StopTask(OF.Runs, 0,
                      OF.RunsOnOwner ? FR->getSuperRegion() : nullptr, nullptr);
    }
  return std::nullopt;
}

/// A join of a global handle (`pthread_join(maintenance_tid, NULL)`) with
/// no spawn on this path: the task every spawn into that global runs.
std::optional<StopTask>
StopSignalChecker::globalTask(const Expr *HandleArg, CheckerContext &C,
                              const FunctionDecl *&AcquiredIn) const {
  if (!HandleArg)
    return std::nullopt;
  const Expr *E = HandleArg->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasGlobalStorage() || C.getState()->contains<CancelledGlobals>(VD))
    return std::nullopt;
  const StopIndex::GlobalSpawn *GS = index(C).spawnOfGlobal(VD);
  if (!GS || !GS->Entry)
    return std::nullopt;
  const MemRegion *Root = nullptr;
  if (GS->RootGlobal)
    Root = C.getState()->getLValue(GS->RootGlobal, C.getLocationContext()).getAsRegion();
  AcquiredIn = GS->AcquiredIn;
  return StopTask(GS->Entry, 0, Root, nullptr);
}

const MemRegion *StopSignalChecker::resolve(const AccessPath &P, const StopTask &Task,
                                            CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SVal Base;
  if (P.Root == AccessPath::Global) {
    if (!P.GlobalVar)
      return nullptr;
    Base = State->getLValue(P.GlobalVar, C.getLocationContext());
  } else {
    if (!Task.getRoot() || (P.Root == AccessPath::This) != (Task.getParamIndex() < 0))
      return nullptr;
    Base = loc::MemRegionVal(Task.getRoot());
  }
  for (const FieldDecl *FD : P.Fields) {
    Base = State->getLValue(FD, Base);
    if (!Base.getAsRegion())
      return nullptr;
  }
  return canon(Base.getAsRegion(), C.getStoreManager().getRegionManager());
}

/// Does the flag pass \p T on this path: surely, surely not, or unknown?
Truth StopSignalChecker::evalTest(const FlagTest &T, const StopTask &Task,
                                  CheckerContext &C) const {
  const MemRegion *R = resolve(T.Flag, Task, C);
  const auto *TR = dyn_cast_or_null<TypedValueRegion>(R);
  if (!TR || setAsynchronously(T, C))
    return Truth::Unknown;
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  QualType Ty = TR->getValueType();
  if (const auto *AT = Ty->getAs<AtomicType>())
    Ty = AT->getValueType();
  QualType StdAtomic = atomicFlagType(Ty);
  if (!StdAtomic.isNull())
    Ty = StdAtomic;
  if (!Ty->isIntegralOrEnumerationType())
    return Truth::Unknown;
  const SVal *Kept = State->get<FlagValues>(R);
  if (!Kept && !StdAtomic.isNull())
    return Truth::Unknown; // never written where the path could see it
  SVal V = Kept ? *Kept : State->getSVal(TR, Ty);
  if (V.isUnknownOrUndef())
    return Truth::Unknown;
  SVal K = SVB.makeIntVal(T.Value, Ty);
  SVal Cond = SVB.evalBinOp(State, T.Equal ? BO_EQ : BO_NE, V, K,
                            SVB.getConditionType());
  auto D = Cond.getAs<DefinedOrUnknownSVal>();
  if (!D || D->isUnknown())
    return Truth::Unknown;
  ProgramStateRef Yes, No;
  std::tie(Yes, No) = State->assume(*D);
  if (Yes && !No)
    return Truth::True;
  if (!Yes && No)
    return Truth::False;
  if (!Yes || !No)
    return Truth::Unknown;
  // Not written on this path: the value it started with.  When nobody in
  // this translation unit can give the flag its exit value, it still holds
  // a value that keeps the loop running.
  const auto *RV = dyn_cast_or_null<SymbolRegionValue>(V.getAsSymbol());
  if (RV && canon(RV->getRegion(), C.getStoreManager().getRegionManager()) == R &&
      nobodySetsExit(T, C))
    return Truth::False;
  return Truth::Unknown;
}

/// No write in this translation unit can give the flag a value that passes
/// \p T, and no other translation unit can see the flag.
bool StopSignalChecker::nobodySetsExit(const FlagTest &T, CheckerContext &C) const {
  const AccessPath &P = T.Flag;
  const SourceManager &SM = C.getSourceManager();
  if (P.Root == AccessPath::Global) {
    if (!P.GlobalVar || P.GlobalVar->isExternallyVisible())
      return false;
  } else if (P.Root == AccessPath::Param && !P.Fields.empty()) {
    const RecordDecl *RD = P.Fields.front()->getParent();
    if (!SM.isInMainFile(SM.getExpansionLoc(RD->getLocation())))
      return false;
  } else {
    return false;
  }
  // Zero-initialisation (static storage, calloc, memset) may give the exit
  // value without any write naming the flag.
  if (T.holdsFor(0))
    return false;
  llvm::ArrayRef<FlagWrite> Writes = index(C).writesOf(P.leaf());
  for (const FlagWrite &W : Writes)
    if (!W.Known || T.holdsFor(W.Value))
      return false;
  return true;
}

/// Can a function that runs at any time (a signal handler, a callback,
/// another task's entry) give the flag a value that passes \p T?
bool StopSignalChecker::setAsynchronously(const FlagTest &T, CheckerContext &C) const {
  for (const FlagWrite &W : index(C).writesOf(T.Flag.leaf())) {
    if (!W.In || !index(C).isAddressTaken(W.In) || (W.Known && !T.holdsFor(W.Value)))
      continue;
    bool OnStack = false;
    for (const LocationContext *LC = C.getLocationContext(); LC; LC = LC->getParent())
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(LC->getDecl()))
        if (FD->getCanonicalDecl() == W.In->getCanonicalDecl())
          OnStack = true;
    if (!OnStack)
      return true;
  }
  return false;
}

void StopSignalChecker::ensureStopped(const StopTask &Task,
                                      const FunctionDecl *AcquiredIn,
                                      const CallEvent &Join,
                                      ProgramStateRef Next,
                                      CheckerContext &C) const {
  bool Reported = ensureStoppedImpl(Task, AcquiredIn, Next, C);
  if (!Reported && Next != C.getState())
    C.addTransition(Next);
}

/// The flag test that closes every way out of the loop on this path, or
/// null if some exit stays open.
const FlagTest *StopSignalChecker::closingTest(const StopSummary &S,
                                               const StopTask &Task,
                                               CheckerContext &C) const {
  const FlagTest *Shown = nullptr;
  for (const StopExit &E : S.Exits) {
    bool Closed = false;
    for (const FlagTest &T : E.Needs)
      if (evalTest(T, Task, C) == Truth::False) {
        Closed = true;
        if (!Shown)
          Shown = &T;
        break;
      }
    if (!Closed)
      return nullptr;
  }
  return Shown;
}

/// The flag test that says "stop" on this path for a task asleep at \p W.
const FlagTest *StopSignalChecker::stopTestAt(const WaitSite &W,
                                              const StopSummary &S,
                                              const StopTask &Task,
                                              CheckerContext &C) const {
  if (W.HasWakes)
    return evalTest(W.Wakes, Task, C) == Truth::True ? &W.Wakes : nullptr;
  for (const StopExit &E : S.Exits)
    for (const FlagTest &T : E.Needs)
      if (evalTest(T, Task, C) == Truth::True)
        return &T;
  return nullptr;
}

bool StopSignalChecker::ensureStoppedImpl(const StopTask &Task,
                                          const FunctionDecl *AcquiredIn,
                                          ProgramStateRef Next,
                                          CheckerContext &C) const {
  const StopSummary &S = index(C).summary(Task.getEntry(), Task.getParamIndex());
  std::string Who = "Thread running " + entryName(Task, S);
  if (S.K == StopSummary::NotSummarised)
    return false;
  if (S.K == StopSummary::NoExit)
    return report(Task, S,
                  Who + " never stops: its loop has no exit, and the join waits forever",
                  nullptr, nullptr, AcquiredIn, Next, C);
  // Every way out needs a flag value this path does not give.
  if (const FlagTest *Shown = closingTest(S, Task, C))
    return report(Task, S,
           Who + " never stops: its loop ends only when '" +
               pathName(Shown->Flag, resolve(Shown->Flag, Task, C)) + "' " +
               exitText(*Shown) + ", which this path never does before the join",
           Shown, nullptr, AcquiredIn, Next, C);
  // The flag says stop; a task asleep on a condition variable hears it only
  // if the variable is signalled after the flag was written.
  ProgramStateRef State = C.getState();
  for (const WaitSite &W : S.Waits) {
    const FlagTest *Need = stopTestAt(W, S, Task, C);
    const MemRegion *Obj = resolve(W.Object, Task, C);
    const MemRegion *Flag = Need ? resolve(Need->Flag, Task, C) : nullptr;
    if (!Need || !Obj || !Flag)
      continue;
    // The write must be on this path: otherwise the order is unknown.
    const unsigned *Written = State->get<FlagWriteTick>(Flag);
    if (!Written)
      continue;
    const unsigned *Signalled = State->get<SignalTick>(Obj);
    if ((Signalled && *Signalled > *Written) || State->contains<OpaqueAfterWrite>(Flag))
      continue;
    return report(Task, S,
           Who + " may sleep forever on '" + pathName(W.Object, Obj) +
               "': it is not signalled after '" + pathName(Need->Flag, Flag) +
               "' " + setText(*Need) +
               ", and the join waits for it",
           Need, &W, AcquiredIn, Next, C);
  }
  return false;
}

bool StopSignalChecker::report(const StopTask &Task, const StopSummary &S,
                               std::string Msg, const FlagTest *Flag,
                               const WaitSite *Wait, const FunctionDecl *AcquiredIn,
                               ProgramStateRef Next, CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(Next);
  if (!N)
    return true;
  auto R = std::make_unique<PathSensitiveBugReport>(*BT, Msg, N);
  // The spawn's note speaks for this report: every key the task had on the
  // way (a std::thread moves from a temporary into its member).
  for (const ExplodedNode *Pred = N; Pred; Pred = Pred->getFirstPred()) {
    for (const auto &E : Pred->getState()->get<StopTaskMap>())
      if (E.second == Task)
        R->markInteresting(E.first);
    for (const auto &E : Pred->getState()->get<StopThreadMap>())
      if (E.second == Task)
        R->markInteresting(E.first);
  }
  if (Flag)
    if (const MemRegion *FR = resolve(Flag->Flag, Task, C))
      R->markInteresting(FR);
  if (Wait)
    if (const MemRegion *WR = resolve(Wait->Object, Task, C))
      R->markInteresting(WR);
  AnalysisManager &AM = C.getAnalysisManager();
  const SourceManager &SM = C.getSourceManager();
  std::string Who = "The thread running " + entryName(Task, S);
  if (AcquiredIn)
    Who = "The thread started in " + functionName(AcquiredIn) + " runs " +
          entryName(Task, S) + ";";
  else
    Who += ":";
  std::string Loop =
      !Flag ? " this loop has no exit"
            : " this loop ends only when '" +
                  taskSpelling(Flag->Where, Flag->Flag.leaf()) + "' " + exitText(*Flag);
  if (S.Loop && S.LoopIn)
    R->addNote(Who + Loop,
               PathDiagnosticLocation::createBegin(
                   S.Loop, SM, AM.getAnalysisDeclContext(S.LoopIn)));
  if (Wait && Wait->Call && Wait->In) {
    const Expr *Obj = nullptr;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Wait->Call))
      Obj = MCE->getImplicitObjectArgument();
    else if (Wait->Call->getNumArgs() > 0)
      Obj = Wait->Call->getArg(0);
    R->addNote("It may wait here on '" + taskSpelling(Obj, Wait->Object.leaf()) + "'",
               PathDiagnosticLocation::createBegin(
                   Wait->Call, SM, AM.getAnalysisDeclContext(Wait->In)));
  }
  C.emitReport(std::move(R));
  return true;
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

namespace {

RegisterChecker TL403{
    StopNeverSignalledName,
    registerOneRule<StopSignalChecker, StopNeverSignalledBug>};

} // namespace
