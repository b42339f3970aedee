//===- TaskLifetimeChecker.cpp - tasks that outlive their owner -----------===//
//
// The lifetime family: TL101 UnjoinedTask, TL102 DanglingTaskArg and TL104
// DoubleJoin.  It tracks every task handle that a modelled spawn yields
// (pthread_create, thrd_create, uv_thread_create, g_thread_new, ... as the
// model files say) through the typestate of checker/core/typestate.h:
//
//                 spawn (success unknown)
//                        |
//                  MaybeSpawned --- status shows failure ---> (dropped)
//                        | status shows success
//                        v
//   attr "detached" -> Joinable --join--> Joined --join/detach--> TL104
//          |             |
//          +-------------+--detach--> Detached --join/detach--> TL104
//
//   Joinable or MaybeSpawned when the handle symbol dies      -> TL101
//   not Joined when the frame that the entry argument points
//   into ends                                                 -> TL102
//
// The key is the handle's symbol, as in FuchsiaHandleChecker.  A handle that
// escapes to code the analyzer cannot see is dropped: that code may join it.
// Each report is uniqued at the spawn, so clang's issue hash stays stable
// however the path to the leak changes.
//
//===----------------------------------------------------------------------===//

#include "FieldPointers.h"
#include "GObjectOwners.h"
#include "HandleField.h"
#include "Handles.h"
#include "HandleArrays.h"
#include "Checkers.h"
#include "Compat.h"
#include "ModelIndex.h"
#include "OwnerIndex.h"
#include "ProjectModel.h"
#include "RegionNames.h"
#include "StarterFlags.h"
#include "Registry.h"
#include "RuleChecker.h"
#include "StateTraits.h"
#include "TaskSummary.h"
#include "TopLevelEnders.h"
#include "TrackedHandle.h"
#include "UnitRoles.h"
#include "typestate.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/RangedConstraintManager.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// What the owner's path knows about one spawned task, beyond what every
/// tracked handle keeps (engine/TrackedHandle.h: the spawn's model, the
/// handle's region and expression, the spawn's status, stored away, lost).
/// Small on purpose: every exploded node copies it.
class TaskState : public TrackedHandle<TaskState> {
public:
  TaskState(tl_task_kind K, SymbolRef Status, const tl_fn_model *Spawn,
            const FunctionDecl *Entry, const MemRegion *HandleRegion,
            const Expr *HandleExpr, const MemRegion *ArgRegion,
            bool MaySelfRelease)
      : TrackedHandle(Spawn, nullptr, HandleRegion, HandleExpr, Status), K(K),
        Entry(Entry), ArgRegion(ArgRegion), MaySelfRelease(MaySelfRelease) {}

  tl_task_kind getKind() const { return K; }
  const tl_fn_model *getSpawn() const { return getOrigin(); }
  const FunctionDecl *getEntry() const { return Entry; }
  /// The memory the entry argument points into.
  const MemRegion *getArgRegion() const { return ArgRegion; }
  /// The frame that memory lives in, if it is a local of some function.
  const StackFrameContext *getArgFrame() const {
    if (!ArgRegion)
      return nullptr;
    const auto *S = dyn_cast<StackSpaceRegion>(ArgRegion->getMemorySpace());
    return S ? S->getStackFrame() : nullptr;
  }
  /// The entry detaches itself, or may (its body is not visible): a missing
  /// join is then no proof of a leak.
  bool maySelfRelease() const { return MaySelfRelease; }
  /// Assumed at the entry of an owner-ending function: the owner-object
  /// protocol (OwedFieldMap) reports its leak; this entry only catches
  /// misuse such as a second join.
  bool isOwnerSeeded() const { return OwnerSeeded; }
  /// The owner waited on a semaphore / condition / barrier inside the
  /// task's argument: the start-up handshake, after which the task is taken
  /// to be done with that memory (no TL102).
  bool isArgSynced() const { return ArgSynced; }
  TaskState argSynced() const { return with(&TaskState::ArgSynced, true); }

  TaskState withKind(tl_task_kind NewK) const {
    TaskState S = *this;
    S.K = NewK;
    S.Status = nullptr;
    return S;
  }
  /// Joined or detached, unless \p Ret (the call's result) turns out to
  /// say it failed: settled by evalAssume like a spawn's status.
  TaskState withPendingRelease(tl_task_kind NewK, SymbolRef Ret) const {
    TaskState S = withStatus(Ret);
    S.K = NewK;
    return S;
  }
  TaskState ownerSeeded() const {
    return storedAway().with(&TaskState::OwnerSeeded, true);
  }
  TaskState withoutArg() const {
    return with(&TaskState::ArgRegion, nullptr);
  }

  auto fields() const {
    return std::make_tuple(K, Entry, ArgRegion, MaySelfRelease, OwnerSeeded, ArgSynced);
  }

private:
  tl_task_kind K;
  const FunctionDecl *Entry;       // the task's entry function, if known
  const MemRegion *ArgRegion;      // memory handed to the task
  bool MaySelfRelease;
  bool OwnerSeeded = false;
  bool ArgSynced = false;
};

/// An attribute object's detach state, as pthread_attr_setdetachstate set it.
enum class AttrDetach { Joinable, Detached, Unknown };

class TaskLifetimeChecker
    : public Checker<check::PreCall, check::PostCall, check::Bind,
                     check::DeadSymbols, check::PointerEscape,
                     check::BeginFunction, check::EndFunction, eval::Call,
                     eval::Assume, check::BranchCondition> {
public:
  enum SubChecker { CK_Unjoined, CK_Dangling, CK_DoubleJoin, CK_NumCheckKinds };

  bool Enabled[CK_NumCheckKinds] = {};
  CheckerNameRef Names[CK_NumCheckKinds];
  std::unique_ptr<BugType> BugTypes[CK_NumCheckKinds];
  const ModelIndex *Models = nullptr;
  bool ReportUnseenEntry = false;
  /// Set while a modelled call's own invalidation runs (invalidateArgs).
  mutable bool InOwnInvalidation = false;
  /// The owner-object pre-pass, run once per translation unit on first use.
  mutable std::unique_ptr<OwnerIndex> Owners;
  /// Task summaries, per entry function.
  mutable std::unique_ptr<SummaryCache> Summaries;
  SummaryCache &summaries() const {
    if (!Summaries)
      Summaries = std::make_unique<SummaryCache>(*Models);
    return *Summaries;
  }

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  const tl_fn_model *lifetimeModel(const CallEvent &Call) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const;
  TASKLEAK_POINTER_ESCAPE;

private:
  TASKLEAK_ROLE_HANDLER(evalSpawn);
  TASKLEAK_ROLE_HANDLER(evalRelease);
  bool releaseStep(const tl_fn_model &M, const CallEvent &Call, SymbolRef Sym,
                   ProgramStateRef &Released, const NoteTag *&Tag,
                   CheckerContext &C) const;
  const HandleArrays &arrays() const;
  mutable std::unique_ptr<HandleArrays> Arrays; // issue 15 item 9
  TASKLEAK_ROLE_HANDLER(postAttrDetach);
  TASKLEAK_ROLE_HANDLER(preFree);
  TASKLEAK_ROLE_HANDLER(preWait);
  ProgramStateRef invalidateArgs(const tl_fn_model &M, const CallEvent &Call,
                                 CheckerContext &C) const;
  void escapeByValueArgs(const CallEvent &Call, CheckerContext &C) const;
  bool leaveEnderForTop(const CallEvent &Call, CheckerContext &C) const;
  bool unitSpawns(ProgramStateRef State) const;

  SymbolRef getReleasedHandle(const tl_fn_model &M, const CallEvent &Call,
                              CheckerContext &C) const;
  bool isOurs(const BugType &BT) const;
  const NoteTag *taskNote(CheckerContext &C, SymbolRef Sym,
                          std::string Text, std::string DanglingText = "") const;
  const NoteTag *spawnNote(CheckerContext &C, SymbolRef Handle,
                           const TaskState &TS, bool DetachedByAttr) const;

  void reportUnjoined(SymbolRef Sym, const TaskState &TS, ExplodedNode *N,
                      CheckerContext &C) const;
  /// TL102: the task may use what \p Use says (its argument after ...).
  void reportDangling(SymbolRef Sym, const TaskState &TS,
                      const std::string &Use, ExplodedNode *N,
                      CheckerContext &C) const;

  // The owner-object protocol (OwnerIndex.h).
  const OwnerIndex &owners(CheckerContext &C) const;
  ProgramStateRef dischargeOwnedHandle(ProgramStateRef State,
                                       const MemRegion *HandleOrigin,
                                       bool Detached = false) const;
  struct OwedReport {
    const MemRegion *FieldRegion;
    const OwnerField *Field;
    bool Dangling; ///< TL102: the task's argument is the owner that ends
    bool Detached = false;
  };
  ProgramStateRef collectOwed(ProgramStateRef State, const MemRegion *Owner,
                              const FunctionDecl *Ender,
                              llvm::SmallVectorImpl<OwedReport> &Out) const;
  void reportOwed(const OwedReport &R, bool Freed, ExplodedNode *N,
                  CheckerContext &C) const;
  bool guardedByOwnerFlag(ProgramStateRef State, const MemRegion *Owner,
                          const OwnerField &OF) const;
  void reportMisuse(SymbolRef Sym, const TaskState &TS, tl_task_misuse Misuse,
                    const CallEvent &Call, CheckerContext &C) const;
  void emit(SubChecker Kind, SymbolRef Sym, std::string Msg, ExplodedNode *N,
            CheckerContext &C) const;
};

} // namespace

// Task handle symbol -> what the owner's path knows about that task.
REGISTER_MAP_WITH_PROGRAMSTATE(TaskMap, SymbolRef, TaskState)
// Spawn attribute object -> its detach state (pthread_attr_setdetachstate).
REGISTER_MAP_WITH_PROGRAMSTATE(AttrDetachMap, const MemRegion *, int)
// Owner-object protocol: a handle field of the owner that the function
// analysed ends (its parameter or `this`) -> what the pre-pass knows of it.
// Present while the field still owes a join or detach.
REGISTER_MAP_WITH_PROGRAMSTATE(OwedFieldMap, const MemRegion *, const OwnerField *)
// The same fields once detached, when the task was handed the owner: freeing
// the owner then leaves the task with a dangling pointer (TL102).
REGISTER_MAP_WITH_PROGRAMSTATE(DetachedOwnerMap, const MemRegion *, const OwnerField *)
// Heap blocks whose pointer was stored outside the frame (`ctx->threads = t`,
// `*out = s`): a handle in them is the new holder's business (item 11).
REGISTER_SET_WITH_PROGRAMSTATE(PublishedBlocks, SymbolRef)

/// The symbol of the heap block \p R lies in, if any.
static SymbolRef heapBlock(const MemRegion *R) {
  if (!R || !isa<HeapSpaceRegion>(R->getMemorySpace()))
    return nullptr;
  const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion());
  return SR ? SR->getSymbol() : nullptr;
}

static const MemRegion *handleOrigin(SVal V, bool ByPointer);
static ProgramStateRef restoreHandles(ProgramStateRef State,
                                      const LocationContext *LCtx);




//===----------------------------------------------------------------------===//
// Naming things in messages.
//===----------------------------------------------------------------------===//

static std::string entryName(const TaskState &TS) {
  return quotedFunction(TS.getEntry());
}

/// The spelling of where the handle went: `s->tid` for the out-parameter
/// `&s->tid`, or the left side of `a->io = g_thread_new(...)`.  Names a
/// handle in memory the store cannot name (a field of a malloc'ed object).
static std::string spellHandleExpr(const Expr *E) {
  if (!E)
    return "";
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_AddrOf)
      return "";
    E = U->getSubExpr();
  }
  return exprSpelling(E);
}

static std::string handleName(const TaskState &TS) {
  std::string Name = describeRegion(TS.getHandleRegion(), /*BareMember=*/false);
  if (Name.empty())
    Name = spellHandleExpr(TS.getHandleExpr());
  // A member of `this`, or of an object the store cannot name.
  if (Name.empty())
    if (const auto *FR = dyn_cast_or_null<FieldRegion>(TS.getHandleRegion()))
      Name = FR->getDecl()->getNameAsString();
  if (!Name.empty())
    return "handle '" + Name + "'";
  return "the handle returned by '" + std::string(TS.getSpawn()->name) + "'";
}

static std::string argName(const TaskState &TS) {
  const MemRegion *R = TS.getArgRegion();
  std::string Name = R ? describeRegion(R->getBaseRegion(), /*BareMember=*/false) : "";
  return Name.empty() ? "a local variable" : "local '" + Name + "'";
}

/// " (client_loop.c:14)" for a handle field filled in another file.
static std::string acquiredWhere(const OwnerField &OF) {
  return OF.Project ? " (" + std::string(OF.Project->origin) + ")" : "";
}

static std::string frameName(const StackFrameContext *SFC) {
  if (const auto *ND = dyn_cast_or_null<NamedDecl>(SFC->getDecl()))
    return "'" + ND->getNameAsString() + "'";
  return "the function";
}

//===----------------------------------------------------------------------===//
// Callbacks: look up the model row, hand it to one handler.
//===----------------------------------------------------------------------===//

/// The model of \p Call if it is one this checker acts on.  Channel, process
/// and timer calls belong to other checker families: to this one they are
/// unknown calls, so a task handle sent over a channel escapes.
const tl_fn_model *TaskLifetimeChecker::lifetimeModel(const CallEvent &Call) const {
  return withRole(Models->lookup(Call),
                  {TL_ROLE_SPAWN, TL_ROLE_JOIN, TL_ROLE_DETACH, TL_ROLE_ATTR_DETACH,
                   TL_ROLE_SELF, TL_ROLE_EXIT, TL_ROLE_FREE, TL_ROLE_WAIT,
                   TL_ROLE_BORROW});
}

void TaskLifetimeChecker::checkPreCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (!M)
    return;
  if (M->role == TL_ROLE_FREE) {
    preFree(*M, Call, C);
  } else if (M->role == TL_ROLE_WAIT) {
    preWait(*M, Call, C);
  } else if (M->role == TL_ROLE_EXIT) {
    // The calling task ends here and its frame never returns: whatever it
    // still owes is no longer certain to be a leak (main's pthread_exit
    // even waits for the other threads).
    C.addTransition(C.getState()->remove<TaskMap>());
  }
}

/// Spawns, joins and detaches are evaluated here rather than conservatively:
/// a conservative call would invalidate the whole array or struct that the
/// handle lives in (pthread_create(&t[1], ...) clobbers t[0]) and lose every
/// other handle stored beside it.
bool TaskLifetimeChecker::evalCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (!isa_and_nonnull<CallExpr>(Call.getOriginExpr()))
    return false;
  if (!M)
    return leaveEnderForTop(Call, C);
  switch (M->role) {
  case TL_ROLE_SPAWN:
    evalSpawn(*M, Call, C);
    return true;
  case TL_ROLE_JOIN:
  case TL_ROLE_DETACH:
    evalRelease(*M, Call, C);
    return true;
  default:
    return false;
  }
}

void TaskLifetimeChecker::checkPostCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  const tl_fn_model *M = lifetimeModel(Call);
  if (!M && Models->isCall(Call, TL_ROLE_KEEP))
    // The project model says the call reaches no handle of what it is
    // given: what its invalidation clobbered of them is put back.
    C.addTransition(restoreHandles(C.getState(), C.getLocationContext()));
  else if (!M)
    escapeByValueArgs(Call, C);
  else if (M->role == TL_ROLE_ATTR_DETACH)
    postAttrDetach(*M, Call, C);
  else if (M->role == TL_ROLE_BORROW)
    // A borrower may write the memory around the handle (nni_thr_run sets
    // a flag), never the handle: the call was evaluated conservatively, and
    // what it clobbered of the handles is put back.
    C.addTransition(restoreHandles(C.getState(), C.getLocationContext()));
}

/// A call to an owner ender, where this path tracks no handle of the owner,
/// is not inlined, so that the ender is analysed on its own
/// (TopLevelEnders.h).
bool TaskLifetimeChecker::leaveEnderForTop(const CallEvent &Call,
                                           CheckerContext &C) const {
  if (!Enabled[CK_Unjoined] && !Enabled[CK_Dangling])
    return false;
  const MemRegion *Owner = enderOwnerArg(Call, owners(C));
  if (!Owner)
    return false;
  ProgramStateRef State = C.getState();
  auto Inside = [Owner](const MemRegion *R) {
    return R && R->getBaseRegion() == Owner;
  };
  for (const auto &E : State->get<TaskMap>())
    if (Inside(E.second.getHandleRegion()))
      return false;
  for (const auto &E : State->get<OwedFieldMap>())
    if (Inside(E.first))
      return false;
  evalUnknownCall(Call, C);
  return true;
}

/// A handle given by value to a function the analyzer does not step into
/// has left our sight: that function may join it.  (Pointers are handled by
/// checkPointerEscape; integers such as pthread_t are not.)
void TaskLifetimeChecker::escapeByValueArgs(const CallEvent &Call,
                                            CheckerContext &C) const {
  if (C.wasInlined)
    return;
  ProgramStateRef State = C.getState();
  // Most calls of most paths: no task, no owed field, and no spawn in the
  // unit that an attribute object could be handed to.
  bool Spawns = unitSpawns(State);
  if (!Spawns && State->get<TaskMap>().isEmpty() &&
      State->get<OwedFieldMap>().isEmpty())
    return;
  bool Changed = false;
  // A spawn attribute object handed to the project's own unseen code may
  // come back detached (make_detached_attr(&a) in another file).  Library
  // calls such as pthread_attr_setstacksize leave the detach state alone.
  if (Spawns && !Call.isInSystemHeader())
    for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
      if (const MemRegion *R = Call.getArgSVal(I).getAsRegion()) {
        const Expr *E = Call.getArgExpr(I);
        QualType T = E ? E->IgnoreParenImpCasts()->getType() : QualType();
        if (!T.isNull() && T->isPointerType() &&
            Models->attrTypes(C.getASTContext())
                .count(T->getPointeeType().getCanonicalType().getUnqualifiedType().getTypePtr())) {
          State = State->set<AttrDetachMap>(R->getBaseRegion(),
                                            static_cast<int>(AttrDetach::Unknown));
          Changed = true;
        }
      }
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    SVal V = Call.getArgSVal(I);
    SymbolRef Sym = V.getAsSymbol();
    if (Sym && State->get<TaskMap>(Sym)) {
      State = without<TaskMap>(State, Sym);
      Changed = true;
    }
    ProgramStateRef Paid = dischargeOwnedHandle(State, handleOrigin(V, false));
    Changed |= Paid != State;
    State = Paid;
  }
  if (Changed)
    C.addTransition(State);
}

/// Remembers the name of the variable a returned handle is stored in, for
/// messages.
void TaskLifetimeChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  auto [Sym, R, TS] = boundHandle<TaskMap>(State, Loc, Val);
  if (!TS || TS->getHandleRegion())
    return;
  const Expr *LHS = nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S))
    LHS = BO->getLHS();
  C.addTransition(State->set<TaskMap>(Sym, TS->withHandle(R, LHS)));
}

//===----------------------------------------------------------------------===//
// Handlers: one per role.
//===----------------------------------------------------------------------===//

/// Puts every tracked handle back where it was stored, after a modelled
/// call clobbered the memory around it.
static ProgramStateRef restoreHandles(ProgramStateRef State,
                                      const LocationContext *LCtx) {
  for (const auto &E : State->get<TaskMap>())
    if (const MemRegion *H = E.second.getHandleRegion())
      if (!E.second.isHandleLost() && State->getSVal(H).getAsSymbol() != E.first)
        // makeSymbolVal: a pointer handle (GThread *) is a location.
        State = State->bindLoc(
            loc::MemRegionVal(H),
            State->getStateManager().getSValBuilder().makeSymbolVal(E.first), LCtx);
  return State;
}

/// Where a handle value was read from: `s->tid` for the value of s->tid as
/// the function found it, or the region a by-pointer argument points to.
static const MemRegion *handleOrigin(SVal V, bool ByPointer) {
  if (ByPointer)
    return V.getAsRegion();
  SymbolRef S = V.getAsSymbol();
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(S))
    return RV->getRegion();
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(S))
    return D->getRegion();
  return nullptr;
}

/// What a pointer argument points to, as a typed region: a bare pointer
/// parameter (pthread_t *out, struct job *j) names an untyped symbolic
/// region, which gets the pointee type of \p ArgExpr, as the store does when
/// the program writes through it.
static const MemRegion *typedPointee(CheckerContext &C, const MemRegion *R,
                                     const Expr *ArgExpr) {
  const auto *SR = dyn_cast_or_null<SymbolicRegion>(R);
  if (!SR || !ArgExpr)
    return R;
  QualType T = ArgExpr->IgnoreParenImpCasts()->getType()->getPointeeType();
  if (T.isNull() || T->isVoidType())
    return R;
  return C.getStoreManager().getRegionManager().getElementRegion(
      T, C.getSValBuilder().makeZeroArrayIndex(), SR, C.getASTContext());
}

/// The object a free or wait call is about (its base region), or null.
static const MemRegion *objectArg(const tl_fn_model &M, const CallEvent &Call) {
  if (M.object_arg == TL_NO_ARG || static_cast<unsigned>(M.object_arg) >= Call.getNumArgs())
    return nullptr;
  const MemRegion *Obj = Call.getArgSVal(M.object_arg).getAsRegion();
  return Obj ? Obj->getBaseRegion() : nullptr;
}

/// Records the values of the fields of the object \p R points to that the
/// task does not write, so they can be put back after the object is
/// clobbered: a flag the owner set before the spawn keeps its value.
static void keepUnwrittenFields(
    ProgramStateRef State, CheckerContext &C, const MemRegion *R,
    const Expr *ArgExpr, const ArgEffects &Eff,
    llvm::SmallVectorImpl<std::pair<const MemRegion *, SVal>> &Kept) {
  MemRegionManager &MRMgr = C.getStoreManager().getRegionManager();
  const auto *Obj = dyn_cast_or_null<TypedValueRegion>(typedPointee(C, R, ArgExpr));
  if (!Obj || !Obj->getValueType()->isRecordType())
    return;
  const RecordDecl *RD = Obj->getValueType()->getAsRecordDecl()->getDefinition();
  if (!RD)
    return;
  for (const FieldDecl *FD : RD->fields()) {
    if (Eff.WrittenFields.count(FD) || FD->getType()->isRecordType() ||
        FD->getType()->isArrayType())
      continue;
    const FieldRegion *FR = MRMgr.getFieldRegion(FD, Obj);
    SVal V = State->getSVal(FR);
    if (!V.isUnknownOrUndef())
      Kept.push_back({FR, V});
  }
}

/// What a modelled call does to memory, as a conservative call would: it
/// writes through every pointer to non-const data it is given (the task's
/// argument, which the task may change or free; pthread_join's result),
/// except the handle slots, which the handlers bind themselves.  Handles of
/// other tasks that lived in the clobbered memory are put back: a task does
/// not rewrite its owner's handles.
///
/// The task's argument must escape as writable memory: TK_PreserveContents
/// would make it a const escape, and MallocChecker would then report the
/// buffer a task frees as leaked.
ProgramStateRef TaskLifetimeChecker::invalidateArgs(const tl_fn_model &M,
                                                    const CallEvent &Call,
                                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  llvm::SmallVector<const MemRegion *, 4> Regions;
  llvm::SmallVector<std::pair<const MemRegion *, SVal>, 8> Kept;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    // A handle slot is bound by the handler; a struct holding the handle in
    // a field (handle_field) is clobbered like any argument (its liveness
    // flag changes) and the handle is put back below.
    if (!M.handle_field &&
        ((int)I == M.handle_out_arg || ((int)I == M.handle_arg && M.handle_by_pointer)))
      continue;
    const Expr *E = Call.getArgExpr(I);
    QualType T = E ? E->getType() : QualType();
    if (T.isNull() || !T->isPointerType() || T->getPointeeType().isConstQualified() ||
        T->getPointeeType()->isFunctionType())
      continue;
    const MemRegion *R = Call.getArgSVal(I).getAsRegion();
    if (!R)
      continue;
    if (M.role == TL_ROLE_SPAWN && (int)I == M.entry_param_arg &&
        isArg(M.entry_arg, Call)) {
      // The task summary says what the task can change.
      const ArgEffects &Eff =
          summaries().argEffects(Call.getArgSVal(M.entry_arg).getAsFunctionDecl());
      if (Eff.writesNothing())
        continue;
      if (!Eff.Unknown && !Eff.WritesWhole)
        keepUnwrittenFields(State, C, R, E, Eff, Kept);
    }
    Regions.push_back(R);
  }
  if (Regions.empty())
    return State;
  // Without the call, the store would also clobber every global (the call
  // is not in a system header for a project's own model); a spawn does not
  // write the owner's globals any more than the owner's other locals.  Our
  // own escape callback is told to keep the handles (InOwnInvalidation).
  InOwnInvalidation = true;
  State = State->invalidateRegions(Regions, Call.getOriginExpr(), C.blockCount(),
                                   C.getLocationContext(),
                                   /*CausesPointerEscape=*/true, nullptr,
                                   /*Call=*/nullptr);
  InOwnInvalidation = false;
  for (const auto &K : Kept)
    State = State->bindLoc(loc::MemRegionVal(K.first), K.second,
                           C.getLocationContext());
  return restoreHandles(State, C.getLocationContext());
}

/// The handle a spawn yields: the return value \p Ret, or a fresh value
/// written to the out-parameter (its region in \p HandleRegion).
static SymbolRef spawnedHandle(const tl_fn_model &M, const CallEvent &Call,
                               DefinedOrUnknownSVal Ret, CheckerContext &C,
                               ProgramStateRef &State,
                               const MemRegion *&HandleRegion) {
  HandleRegion = nullptr;
  if (M.handle_return)
    return Ret.getAsSymbol();
  if (!isArg(M.handle_out_arg, Call))
    return nullptr;
  HandleRegion = M.handle_field
                     ? handleFieldRegion(C, M, Call.getArgSVal(M.handle_out_arg),
                                         Call.getArgExpr(M.handle_out_arg))
                     : typedPointee(C, Call.getArgSVal(M.handle_out_arg).getAsRegion(),
                                    Call.getArgExpr(M.handle_out_arg));
  const auto *TR = dyn_cast_or_null<TypedValueRegion>(HandleRegion);
  if (!TR)
    return nullptr;
  DefinedOrUnknownSVal H = C.getSValBuilder().conjureSymbolVal(
      Call.getOriginExpr(), C.getLocationContext(), TR->getValueType(),
      C.blockCount());
  State = State->bindLoc(loc::MemRegionVal(TR), H, C.getLocationContext());
  return H.getAsSymbol();
}

/// The task's kind at the spawn: maybe spawned until its status is tested,
/// detached through its attribute object; None when the attribute may be
/// detached (say nothing rather than guess).
static std::optional<tl_task_kind> spawnKind(const tl_fn_model &M,
                                             const CallEvent &Call,
                                             ProgramStateRef State) {
  tl_task_kind Kind = M.success == TL_SUCCESS_ZERO || M.success == TL_SUCCESS_NONNULL
                          ? TL_TASK_MAYBE_SPAWNED
                          : TL_TASK_JOINABLE;
  const MemRegion *A = argRegion(M.attr_arg, Call);
  const int *D = A ? State->get<AttrDetachMap>(A->getBaseRegion()) : nullptr;
  if (!D)
    return Kind;
  if (*D == static_cast<int>(AttrDetach::Unknown))
    return std::nullopt;
  return *D == static_cast<int>(AttrDetach::Detached) ? TL_TASK_DETACHED : Kind;
}

TASKLEAK_ROLE_HANDLER(TaskLifetimeChecker::evalSpawn) {
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  const LocationContext *LCtx = C.getLocationContext();
  ProgramStateRef State = invalidateArgs(M, Call, C);
  DefinedOrUnknownSVal Ret = C.getSValBuilder().conjureSymbolVal(
      nullptr, CE, LCtx, CE->getType(), C.blockCount());
  State = State->BindExpr(CE, LCtx, Ret);
  const MemRegion *HandleRegion = nullptr;
  SymbolRef Handle = spawnedHandle(M, Call, Ret, C, State, HandleRegion);
  std::optional<tl_task_kind> Kind = Handle ? spawnKind(M, Call, State) : std::nullopt;
  if (!Kind) {
    C.addTransition(State);
    return;
  }
  // Success is settled by evalAssume when the program tests the status.
  SymbolRef Status = M.success == TL_SUCCESS_ZERO      ? Ret.getAsSymbol()
                     : M.success == TL_SUCCESS_NONNULL ? Handle
                                                       : nullptr;
  const FunctionDecl *Entry = argFunction(M.entry_arg, Call);
  const MemRegion *Arg = argRegion(M.entry_param_arg, Call);
  EntryRelease Summary = summaries().release(Entry);
  bool MaySelfRelease = Summary == EntryRelease::SelfDetaching ||
                        (Summary == EntryRelease::Unseen && !ReportUnseenEntry);
  if (Summary == EntryRelease::SelfDetaching)
    Kind = TL_TASK_DETACHED;
  const Expr *HandleExpr =
      isArg(M.handle_out_arg, Call) ? Call.getArgExpr(M.handle_out_arg) : nullptr;
  TaskState TS(*Kind, Status, &M, Entry, HandleRegion, HandleExpr, Arg,
               MaySelfRelease);
  // A handle written straight into an object that outlives this function
  // (a field of a parameter, a global) is the object's business: the
  // owner-object protocol, not this path, decides whether it leaks.
  SymbolRef Block = heapBlock(HandleRegion);
  if ((HandleRegion && !isa<StackSpaceRegion>(HandleRegion->getMemorySpace()) &&
       !Block) ||
      (Block && State->contains<PublishedBlocks>(Block)))
    TS = TS.storedAway();
  State = State->set<TaskMap>(Handle, TS);
  C.addTransition(State, spawnNote(C, Handle, TS,
                                   *Kind == TL_TASK_DETACHED &&
                                       Summary != EntryRelease::SelfDetaching));
}

/// "Thread running 'worker' spawned here (handle 't')"; TL102 reports also
/// say what frame memory it was given and whether it started detached.
const NoteTag *TaskLifetimeChecker::spawnNote(CheckerContext &C, SymbolRef Handle,
                                              const TaskState &TS,
                                              bool DetachedByAttr) const {
  std::string Note = "Thread running " + entryName(TS) + " spawned here";
  if (TS.getHandleRegion())
    Note += " (" + handleName(TS) + ")";
  if (const tl_entry_row *E = projectEntry(*Models, TS.getEntry()))
    Note += "; its entry is defined in " + std::string(E->origin);
  std::string DanglingNote = Note;
  if (TS.getArgFrame())
    DanglingNote += " with a pointer to " + argName(TS);
  if (DetachedByAttr)
    DanglingNote += ", detached from the start";
  return taskNote(C, Handle, Note, DanglingNote);
}

TASKLEAK_ROLE_HANDLER(TaskLifetimeChecker::postAttrDetach) {
  if (!isArg(M.attr_arg, Call) || !isArg(M.value_arg, Call))
    return;
  const MemRegion *A = Call.getArgSVal(M.attr_arg).getAsRegion();
  if (!A)
    return;
  AttrDetach D = AttrDetach::Unknown;
  if (auto CI = Call.getArgSVal(M.value_arg).getAs<nonloc::ConcreteInt>())
    D = CI->getValue().getExtValue() == M.detached_value ? AttrDetach::Detached
                                                         : AttrDetach::Joinable;
  C.addTransition(
      C.getState()->set<AttrDetachMap>(A->getBaseRegion(), static_cast<int>(D)));
}

/// free(owner): the handles stored in the owner die with it (TL101 if the
/// task was still owed a join), and a task handed the owner may now use
/// freed memory (TL102, heap part).
TASKLEAK_ROLE_HANDLER(TaskLifetimeChecker::preFree) {
  const MemRegion *Obj = objectArg(M, Call);
  if (!Obj)
    return;
  ProgramStateRef State = C.getState();
  llvm::SmallVector<std::pair<SymbolRef, TaskState>, 2> Leaks, Freed;
  for (const auto &E : State->get<TaskMap>()) {
    const TaskState &TS = E.second;
    const MemRegion *H = TS.getHandleRegion();
    bool HandleFreed = H && !TS.isHandleLost() && H->getBaseRegion() == Obj;
    bool ArgFreed = TS.getArgRegion() && TS.getArgRegion()->getBaseRegion() == Obj;
    if (HandleFreed && tl_task_owes_release(TS.getKind()) && !TS.maySelfRelease() &&
        !TS.isOwnerSeeded())
      Leaks.push_back({E.first, TS});
    if (ArgFreed && tl_task_may_outlive_owner(TS.getKind()) && !TS.isArgSynced())
      Freed.push_back({E.first, TS});
    if (HandleFreed || ArgFreed)
      State = without<TaskMap>(State, E.first);
  }
  llvm::SmallVector<OwedReport, 2> Owed;
  State = collectOwed(State, Obj, topFunction(C), Owed);
  if (!Enabled[CK_Unjoined])
    Leaks.clear();
  if (!Enabled[CK_Dangling])
    Freed.clear();
  reportAt(C, State, !Leaks.empty() || !Freed.empty() || !Owed.empty(),
           [&](ExplodedNode *N) {
             for (const auto &L : Leaks)
               reportUnjoined(L.first, L.second, N, C);
             for (const auto &F : Freed)
               reportDangling(F.first, F.second,
                              "its argument after it is freed", N, C);
             for (const OwedReport &R : Owed)
               reportOwed(R, /*Freed=*/true, N, C);
           });
}

/// sem_wait(&job.started): a task given &job signals it once it no longer
/// needs the memory (it copied what it needs); the owner waiting here has
/// synchronised with that, so job may end afterwards.
TASKLEAK_ROLE_HANDLER(TaskLifetimeChecker::preWait) {
  const MemRegion *Obj = objectArg(M, Call);
  if (!Obj)
    return;
  ProgramStateRef State = C.getState();
  for (const auto &E : State->get<TaskMap>())
    if (const MemRegion *A = E.second.getArgRegion())
      if (A->getBaseRegion() == Obj && !E.second.isArgSynced())
        State = State->set<TaskMap>(E.first, E.second.argSynced());
  C.addTransition(State);
}

SymbolRef TaskLifetimeChecker::getReleasedHandle(const tl_fn_model &M,
                                                 const CallEvent &Call,
                                                 CheckerContext &C) const {
  if (M.handle_field && M.handle_by_pointer && isArg(M.handle_arg, Call)) {
    const MemRegion *R = handleFieldRegion(C, M, Call.getArgSVal(M.handle_arg),
                                           Call.getArgExpr(M.handle_arg));
    return R ? C.getState()->getSVal(R).getAsSymbol() : nullptr;
  }
  std::optional<SVal> V = handleArgValue(M, Call, C.getState());
  return V ? V->getAsSymbol() : nullptr;
}

/// Join or detach.  A fallible one (pthread_tryjoin_np) splits the path:
/// it releases the handle only where it returns success.
/// The join or detach moves the task's state (\p Released, with its note in
/// \p Tag); false when it was a misuse that has been reported.
bool TaskLifetimeChecker::releaseStep(const tl_fn_model &M, const CallEvent &Call,
                                      SymbolRef Sym, ProgramStateRef &Released,
                                      const NoteTag *&Tag, CheckerContext &C) const {
  const TaskState *TS = Sym ? Released->get<TaskMap>(Sym) : nullptr;
  if (!TS)
    return true;
  tl_task_misuse Misuse;
  tl_task_event Ev = M.role == TL_ROLE_JOIN ? TL_EV_JOIN : TL_EV_DETACH;
  tl_task_kind Next = tl_task_step(TS->getKind(), Ev, &Misuse);
  if (Misuse != TL_MISUSE_NONE) {
    // A thread that detached itself may or may not have done so by now.
    if (TS->maySelfRelease() || !Enabled[CK_DoubleJoin])
      return true;
    reportMisuse(Sym, *TS, Misuse, Call, C);
    return false;
  }
  // What the task writes was clobbered at the spawn already (only the
  // fields its summary names); clobbering the whole argument again here
  // would also forget the owner's flags of sibling tasks.
  std::string Verb = Ev == TL_EV_JOIN ? "joined" : "detached";
  std::string Note = "Thread running " + entryName(*TS) + " " + Verb + " here";
  std::string DanglingNote = Note;
  if (Ev == TL_EV_DETACH && TS->getArgFrame())
    DanglingNote += "; it keeps running with a pointer to " + argName(*TS);
  Tag = taskNote(C, Sym, Note, DanglingNote);
  Released = Released->set<TaskMap>(Sym, TS->withKind(Next));
  return true;
}

/// The join loops over an array that a spawn loop filled (HandleArrays.h).
const HandleArrays &TaskLifetimeChecker::arrays() const {
  if (!Arrays)
    Arrays = std::make_unique<HandleArrays>(*Models);
  return *Arrays;
}

/// Leaving such a loop releases every handle the spawn loop wrote, even on a
/// path that ran its body fewer times because the analyzer forgot the bound.
/// The path splits here on the condition so that only the exit releases:
/// inside the body each join still settles its own element (a free of a
/// task's argument before its join stays TL102).
void TaskLifetimeChecker::checkBranchCondition(const Stmt *Cond,
                                               CheckerContext &C) const {
  // A join loop releases tracked handles only: with none, the branch is the
  // engine's.
  if (C.getState()->get<TaskMap>().isEmpty())
    return;
  const HandleArrays::Loop *L = arrays().atCondition(
      dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl()), Cond);
  if (!L)
    return;
  auto V = C.getSVal(Cond).getAs<DefinedOrUnknownSVal>();
  if (!V)
    return;
  ProgramStateRef Stay, State;
  std::tie(Stay, State) = C.getState()->assume(*V);
  if (!State)
    return;
  if (Stay)
    C.addTransition(Stay);
  tl_task_event Ev = L->Detach ? TL_EV_DETACH : TL_EV_JOIN;
  for (const auto &E : State->get<TaskMap>()) {
    if (!L->Spawns.count(E.second.getHandleExpr()) ||
        !tl_task_owes_release(E.second.getKind()))
      continue;
    tl_task_misuse Misuse;
    tl_task_kind Next = tl_task_step(E.second.getKind(), Ev, &Misuse);
    if (Misuse == TL_MISUSE_NONE)
      State = State->set<TaskMap>(E.first, E.second.withKind(Next));
  }
  C.addTransition(State);
}

TASKLEAK_ROLE_HANDLER(TaskLifetimeChecker::evalRelease) {
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  const LocationContext *LCtx = C.getLocationContext();
  SymbolRef Sym = getReleasedHandle(M, Call, C);
  const MemRegion *Origin =
      !isArg(M.handle_arg, Call) ? nullptr
      : M.handle_field ? handleFieldRegion(C, M, Call.getArgSVal(M.handle_arg),
                                           Call.getArgExpr(M.handle_arg))
                       : handleOrigin(Call.getArgSVal(M.handle_arg), M.handle_by_pointer);
  ProgramStateRef State = invalidateArgs(M, Call, C);
  // A join or detach of an owner's field pays what the owner owes.
  State = dischargeOwnedHandle(State, Origin, M.role == TL_ROLE_DETACH);
  QualType RetTy = CE->getType();
  const NoteTag *Tag = nullptr;
  ProgramStateRef Released = State;
  if (!releaseStep(M, Call, Sym, Released, Tag, C))
    return;
  if (RetTy->isVoidType()) {
    C.addTransition(Released, Tag);
    return;
  }
  DefinedOrUnknownSVal Ret =
      C.getSValBuilder().conjureSymbolVal(nullptr, CE, LCtx, RetTy, C.blockCount());
  if (M.success == TL_SUCCESS_ALWAYS) {
    // `if (pthread_join(t, 0) != 0) pthread_detach(t);` is defensive code,
    // not a double release: a result the program tests as a failure makes
    // the handle's state unknown, and it is no longer followed.
    const TaskState *RTS = Sym ? Released->get<TaskMap>(Sym) : nullptr;
    if (Tag && RTS && Ret.getAsSymbol() && RetTy->isIntegerType())
      Released = Released->set<TaskMap>(
          Sym, RTS->withPendingRelease(RTS->getKind(), Ret.getAsSymbol()));
    C.addTransition(Released->BindExpr(CE, LCtx, Ret), Tag);
    return;
  }
  // Succeeded: returns 0 and the handle is released.  Failed: some other
  // value, and the task is still the owner's to join.
  ProgramStateRef OK, Failed;
  std::tie(Failed, OK) = State->assume(Ret);
  if (OK) {
    OK = Released->assume(Ret, false);
    if (OK)
      C.addTransition(OK->BindExpr(CE, LCtx, Ret), Tag);
  }
  if (Failed)
    C.addTransition(Failed->BindExpr(CE, LCtx, Ret));
}

//===----------------------------------------------------------------------===//
// Success, death, escape and frame ends.
//===----------------------------------------------------------------------===//

/// Settles a spawn whose status was unknown: the branch the program took on
/// it tells whether there is a task at all.  A failed spawn is no leak.
ProgramStateRef TaskLifetimeChecker::evalAssume(ProgramStateRef State, SVal,
                                                bool) const {
  ConstraintManager &CM = State->getConstraintManager();
  for (const auto &E : State->get<TaskMap>()) {
    const TaskState &TS = E.second;
    if (!TS.getStatus())
      continue;
    ConditionTruthVal IsZero = CM.isNull(State, TS.getStatus());
    if (IsZero.isUnderconstrained())
      continue;
    if (TS.getKind() != TL_TASK_MAYBE_SPAWNED) {
      // A join or detach whose result was tested (withPendingRelease).
      State = IsZero.isConstrainedTrue()
                  ? State->set<TaskMap>(E.first, TS.withKind(TS.getKind()))
                  : without<TaskMap>(State, E.first);
      continue;
    }
    bool Success = TS.getSpawn()->success == TL_SUCCESS_ZERO
                       ? IsZero.isConstrainedTrue()
                       : IsZero.isConstrainedFalse();
    State = Success ? State->set<TaskMap>(E.first, TS.withKind(TL_TASK_JOINABLE))
                    : without<TaskMap>(State, E.first);
  }
  // A pointer handle field seen null here (`if (self->worker)` not taken)
  // holds no task on this path: nothing is owed for it.  Decided now, since
  // a later call given the owner (GObject's chain-up to the parent's
  // dispose) invalidates the field before the owner ends.
  for (const auto &E : State->get<OwedFieldMap>()) {
    SVal Held = State->getSVal(E.first);
    if (Held.getAs<Loc>() && State->isNull(Held).isConstrainedTrue())
      State = without<OwedFieldMap>(State, E.first);
  }
  return State;
}

void TaskLifetimeChecker::checkDeadSymbols(SymbolReaper &SymReaper,
                                           CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // Most paths track no task: nothing to retire, nothing to report.
  if (State->get<TaskMap>().isEmpty() && State->get<PublishedBlocks>().isEmpty())
    return;
  for (SymbolRef Block : State->get<PublishedBlocks>())
    if (SymReaper.isDead(Block))
      State = without<PublishedBlocks>(State, Block);
  llvm::SmallVector<std::pair<SymbolRef, TaskState>, 2> Leaks;
  for (const auto &E : State->get<TaskMap>()) {
    SymbolRef Sym = E.first;
    const TaskState &TS = E.second;
    if (TS.isHandleLost()) {
      // What is left is the task's use of its argument: keep it while that
      // memory can still be freed or its frame can still end.
      if (!TS.getArgFrame() && !SymReaper.isLiveRegion(TS.getArgRegion()))
        State = without<TaskMap>(State, Sym);
      continue;
    }
    if (!SymReaper.isDead(Sym))
      continue;
    // Keep the entry while its status can still be tested: the test may
    // yet show the spawn failed (FuchsiaHandleChecker's "zombie" handles).
    if (TS.getStatus() && SymReaper.isLive(TS.getStatus()))
      continue;
    // A handle in a heap block that is still reachable is not lost, even if
    // the store forgot its value (a symbolic index overwrote it): the block's
    // owner decides, and free() of the block reports (preFree).
    const MemRegion *H = TS.getHandleRegion();
    bool InLiveBlock = H && !isa<StackSpaceRegion>(H->getMemorySpace()) &&
                       SymReaper.isLiveRegion(H->getBaseRegion());
    if (tl_task_owes_release(TS.getKind()) && !TS.maySelfRelease() &&
        !TS.isStoredAway() && !InLiveBlock)
      Leaks.push_back({Sym, TS});
    // A task that may still use its argument keeps that obligation (TL102).
    State = retire<TaskMap>(State, Sym, TS,
                            TS.getArgRegion() &&
                                tl_task_may_outlive_owner(TS.getKind()));
  }
  reportAll(C, State, Leaks, Enabled[CK_Unjoined],
            [&](const auto &L, ExplodedNode *N) {
              reportUnjoined(L.first, L.second, N, C);
            });
}

void TaskLifetimeChecker::checkEndFunction(const ReturnStmt *,
                                           CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // A destructor analysed as the top frame ends its object here.
  llvm::SmallVector<OwedReport, 2> Owed;
  if (C.inTopFrame() && (!State->get<OwedFieldMap>().isEmpty() ||
                         !State->get<DetachedOwnerMap>().isEmpty())) {
    if (const auto *DD = dyn_cast_or_null<CXXDestructorDecl>(
            C.getLocationContext()->getDecl())) {
      if (const MemRegion *Obj =
              State->getSVal(C.getSValBuilder().getCXXThis(DD, C.getStackFrame()))
                  .getAsRegion())
        State = collectOwed(State, Obj, DD, Owed);
    } else if (const MemRegion *Obj = gobjectEnded(State, C)) {
      // So does a GObject finalize (or a dispose with no finalize after it).
      State = collectOwed(State, Obj, topFunction(C), Owed);
    }
  }
  const StackFrameContext *Frame = C.getStackFrame();
  llvm::SmallVector<std::pair<SymbolRef, TaskState>, 2> Dangling;
  for (const auto &E : State->get<TaskMap>()) {
    const TaskState &TS = E.second;
    if (TS.getArgFrame() != Frame)
      continue;
    if (tl_task_may_outlive_owner(TS.getKind()) && !TS.isArgSynced())
      Dangling.push_back({E.first, TS});
    State = TS.isHandleLost() ? without<TaskMap>(State, E.first)
                              : State->set<TaskMap>(E.first, TS.withoutArg());
  }
  if (!Enabled[CK_Dangling])
    Dangling.clear();
  reportAt(C, State, !Dangling.empty() || !Owed.empty(), [&](ExplodedNode *N) {
    for (const auto &D : Dangling)
      reportDangling(D.first, D.second,
                     argName(D.second) + " after " +
                         frameName(C.getStackFrame()) + " returns",
                     N, C);
    for (const OwedReport &R : Owed)
      reportOwed(R, /*Freed=*/false, N, C);
  });
}

ProgramStateRef TaskLifetimeChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Nothing tracked: only a bind publishes a block (kept below for the
  // tasks that may yet be stored in it), so the rest has nothing to do; nor
  // has a bind in a unit that starts no task (most units of a project: the
  // record made each dead-symbol step walk it).
  if ((Kind != PSK_EscapeOnBind || !unitSpawns(State)) &&
      State->get<TaskMap>().isEmpty() &&
      State->get<OwedFieldMap>().isEmpty() &&
      State->get<DetachedOwnerMap>().isEmpty())
    return State;
  // A modelled call loses no handle: a join or detach settles its own, and
  // a task handed its owner's memory does not join the owner's other tasks.
  // Nor does a GObject chain-up: the parent's code cannot know our fields.
  // Nor does a project function that keeps what it is given (role keep).
  if (InOwnInvalidation || (Call && (lifetimeModel(*Call) || isChainUp(*Call) ||
                                     Models->isCall(*Call, TL_ROLE_KEEP))))
    return State;
  // An owner handed to unknown code may have its tasks joined there; the
  // address of another of its fields (a mutex) reaches no handle
  // (FieldPointers.h).
  State = forgetReachedObjects<OwedFieldMap>(State, Escaped, Call);
  State = forgetReachedObjects<DetachedOwnerMap>(State, Escaped, Call);
  // A heap block stored outside the frame takes its handles with it; one
  // this path allocated and has not published keeps them, as for a spawn
  // writing there: checkDeadSymbols judges them (item 11).
  InvalidatedSymbols Rest;
  for (SymbolRef Sym : Escaped) {
    const TaskState *TS = State->get<TaskMap>(Sym);
    // Only a block the path allocated can hold its handles (heapBlock: an
    // allocator's result, a conjured pointer): recording every value stored
    // outside the frame (`*mid = local_mid`, `o->cb = param`) kept the paths
    // through such a store apart for nothing (send__subscribe in mosquitto:
    // 78% more nodes) and made every dead-symbol step walk the record.
    if (!TS && Kind == PSK_EscapeOnBind && isa<SymbolConjured>(Sym) &&
        Sym->getType()->isAnyPointerType()) {
      State = State->add<PublishedBlocks>(Sym);
      for (const auto &E : State->get<TaskMap>())
        if (heapBlock(E.second.getHandleRegion()) == Sym)
          State = State->set<TaskMap>(E.first, E.second.storedAway());
    }
    SymbolRef Block = TS ? heapBlock(TS->getHandleRegion()) : nullptr;
    if (Kind == PSK_EscapeOnBind && Block && !State->contains<PublishedBlocks>(Block))
      continue;
    Rest.insert(Sym);
  }
  // `owner->tid = g_thread_new(...)`: checkBind just recorded the field.
  // The owner object decides the handle's fate, as for a handle written
  // there by the spawn itself.  A seeded handle the call cannot reach stays.
  ProgramStateRef Before = State;
  return escapeHandles<TaskMap>(State, Rest, Kind, [&](const TaskState &TS) {
    return TS.isOwnerSeeded() && Call && TS.getHandleRegion() &&
           !callMayReach(Before, *Call, TS.getHandleRegion());
  });
}

//===----------------------------------------------------------------------===//
// The owner-object protocol: functions that end an owner, analysed with its
// handle fields assumed live (OwnerIndex.h).
//===----------------------------------------------------------------------===//

/// Can a path of this unit spawn a task (evalSpawn: a modelled C function)?
bool TaskLifetimeChecker::unitSpawns(ProgramStateRef State) const {
  return UnitRoles::of(State->getStateManager().getContext(), *Models)
      .calls(TL_ROLE_SPAWN);
}

const OwnerIndex &TaskLifetimeChecker::owners(CheckerContext &C) const {
  if (!Owners)
    Owners = std::make_unique<OwnerIndex>(C.getASTContext(), *Models);
  return *Owners;
}

/// Entering an owner-ending function as the top frame: each handle field of
/// the owner it ends is assumed to hold a running, joinable task, as the
/// function that filled it left it.
void TaskLifetimeChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame() || (!Enabled[CK_Unjoined] && !Enabled[CK_Dangling]))
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  llvm::ArrayRef<int> Ended = owners(C).endedOwners(FD);
  if (Ended.empty())
    return;
  ProgramStateRef State = C.getState();
  std::vector<SeededField> Seeded;
  for (int Index : Ended) {
    std::optional<EndedOwner> EO = endedOwner(C, State, FD, Index);
    if (!EO || !dyn_cast_or_null<SubRegion>(EO->Ptr.getAsRegion()))
      continue;
    SVal OwnerPtr = EO->Ptr;
    const RecordDecl *RD = EO->Record;
    // `s->cleanup(s)` goes where the unit's only store to it points.
    State = fieldTargets(C.getASTContext()).bindOwner(State, OwnerPtr, RD, C);
    for (const OwnerField &OF : owners(C).fieldsOf(RD)) {
      if (!owners(C).assumeLive(FD, OF))
        continue;
      const MemRegion *FR = canonicalField(
          State, State->getLValue(OF.Field, OwnerPtr).getAsRegion());
      if (!FR)
        continue;
      State = State->set<OwedFieldMap>(FR, &OF);
      Seeded.push_back({FR, nullptr,
                        assumingText(FR, OF.Field, "running thread started in",
                                     OF.AcquiredIn) + acquiredWhere(OF)});
      // The handle's own value is tracked too, so that a second join in the
      // ending function is TL104.  Its leak is the field's business.
      // Binding it makes every spelling of the field read this one symbol.
      SVal HandleVal = State->getSVal(FR);
      if (!OF.Field->getType()->isArrayType())
        if (SymbolRef H = HandleVal.getAsSymbol())
          State = State
                      ->bindLoc(loc::MemRegionVal(FR), HandleVal,
                                C.getLocationContext())
                      ->set<TaskMap>(H, TaskState(TL_TASK_JOINABLE, nullptr,
                                                  OF.Model, OF.Runs, FR,
                                                  nullptr, nullptr, false)
                                            .ownerSeeded());
    }
  }
  C.addTransition(State, seedNote(C, [this](const BugType &BT) { return isOurs(BT); },
                                  std::move(Seeded)));
}

/// A join or detach of `s->tid` (or of one element of `s->workers`, taken as
/// the loop that joins them all) pays the owner's debt for that field.
ProgramStateRef
TaskLifetimeChecker::dischargeOwnedHandle(ProgramStateRef State,
                                          const MemRegion *R,
                                          bool Detached) const {
  while (R) {
    R = canonicalField(State, R);
    if (const OwnerField *const *OF = State->get<OwedFieldMap>(R)) {
      if (Detached && (*OF)->RunsOnOwner)
        State = State->set<DetachedOwnerMap>(R, *OF);
      return without<OwedFieldMap>(State, R);
    }
    const auto *ER = dyn_cast<ElementRegion>(R);
    R = ER ? ER->getSuperRegion() : nullptr;
  }
  return State;
}

/// Does this path test a flag of the owner that only the owner writes
/// (`if (s->started) pthread_join(...)`)?  Then the path where the flag says
/// "no task" is trusted, as the spec asks; a flag the task writes itself is
/// not, nor a field the starting function never sets (engine/StarterFlags).
bool TaskLifetimeChecker::guardedByOwnerFlag(ProgramStateRef State,
                                             const MemRegion *Owner,
                                             const OwnerField &OF) const {
  const auto *Sub = dyn_cast<SubRegion>(Owner);
  ArgEffects Task;
  Task.Unknown = false;
  if (OF.RunsOnOwner)
    Task = summaries().argEffects(OF.Runs);
  if (Task.Unknown && OF.RunsOnOwner)
    projectArgEffects(*Models, OF, Task);
  if (!Sub || Task.Unknown || Task.WritesWhole)
    return false;
  // Tested on this path = constrained, alone or inside an expression
  // (`i < s->n` constrains s->n; `if (s->started)` constrains s->started).
  // Symbols are matched by the field they were read from, whichever way the
  // clang version spells that region.
  const MemRegion *OwnerBase = Sub->getBaseRegion();
  auto IsOwnerFlag = [&](SymbolRef Sym) {
    const MemRegion *From = nullptr;
    if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym))
      From = RV->getRegion();
    else if (const auto *D = dyn_cast<SymbolDerived>(Sym))
      From = D->getRegion();
    const auto *FR = dyn_cast_or_null<FieldRegion>(canonicalField(State, From));
    return FR && FR->getSuperRegion() == OwnerBase &&
           FR->getDecl()->getType()->isIntegralOrEnumerationType() &&
           !Task.WrittenFields.count(FR->getDecl()) &&
           starterWritesFlag(OF, FR->getDecl());
  };
  for (const auto &C : getConstraintMap(State))
    for (SymbolRef Part : symbolsOf(C.first))
      if (IsOwnerFlag(Part))
        return true;
  return false;
}

ProgramStateRef
TaskLifetimeChecker::collectOwed(ProgramStateRef State, const MemRegion *Owner,
                                 const FunctionDecl *Ender,
                                 llvm::SmallVectorImpl<OwedReport> &Out) const {
  Owner = Owner->getBaseRegion();
  for (const auto &E : State->get<OwedFieldMap>()) {
    if (E.first->getBaseRegion() != Owner)
      continue;
    const OwnerField &OF = *E.second;
    EntryRelease Entry =
        projectOwnerRelease(*Models, OF, summaries().release(OF.Runs));
    // A pointer handle known to be null (`if (self->worker)` not taken)
    // holds no task.
    SVal Held = State->getSVal(E.first);
    bool Silent = (Held.getAs<Loc>() && State->isNull(Held).isConstrainedTrue()) ||
                  Entry == EntryRelease::SelfDetaching ||
                  (Entry == EntryRelease::Unseen && !ReportUnseenEntry) ||
                  (Owners->mayRelease(Ender, OF.Field) &&
                   guardedByOwnerFlag(State, Owner, OF));
    if (!Silent && Enabled[CK_Unjoined])
      Out.push_back({E.first, &OF, false});
    if (!Silent && OF.RunsOnOwner && Enabled[CK_Dangling])
      Out.push_back({E.first, &OF, true});
    State = without<OwedFieldMap>(State, E.first);
  }
  for (const auto &E : State->get<DetachedOwnerMap>()) {
    if (E.first->getBaseRegion() != Owner)
      continue;
    if (Enabled[CK_Dangling])
      Out.push_back({E.first, E.second, true, /*Detached=*/true});
    State = without<DetachedOwnerMap>(State, E.first);
  }
  return State;
}

void TaskLifetimeChecker::reportOwed(const OwedReport &R, bool Freed,
                                     ExplodedNode *N, CheckerContext &C) const {
  const OwnerField &OF = *R.Field;
  std::string Entry = OF.Runs ? "'" + OF.Runs->getNameAsString() + "'"
                      : OF.Project && OF.Project->entry
                          ? "'" + std::string(OF.Project->entry) + "'"
                          : "an unknown function";
  std::string Ends = Freed ? "freed" : "destroyed";
  std::string Where = describeRegion(R.FieldRegion, /*BareMember=*/false);
  std::string Handle = "handle '" +
                       (Where.empty() ? OF.Field->getNameAsString() : Where) +
                       "', started in '" + OF.AcquiredIn->getNameAsString() + "'" +
                       acquiredWhere(OF);
  std::string Msg =
      R.Dangling
          ? "The " + std::string(R.Detached ? "detached" : "unjoined") +
                " thread running " + Entry +
                " may use its owner after it is " + Ends + " (" + Handle + ")"
          : "Thread running " + Entry +
                " is never joined or detached before its owner is " + Ends +
                " (" + Handle + ")";
  auto Report = std::make_unique<PathSensitiveBugReport>(
      *BugTypes[R.Dangling ? CK_Dangling : CK_Unjoined], Msg, N);
  Report->markInteresting(R.FieldRegion);
  C.emitReport(std::move(Report));
}

//===----------------------------------------------------------------------===//
// Notes and reports: one funnel.
//===----------------------------------------------------------------------===//

bool TaskLifetimeChecker::isOurs(const BugType &BT) const {
  return ownsBugType(BugTypes, BT);
}

/// A note for the path of our own reports about \p Sym; TL102 reports get
/// \p DanglingText when given, which also names the frame storage.
const NoteTag *TaskLifetimeChecker::taskNote(CheckerContext &C, SymbolRef Sym,
                                             std::string Text,
                                             std::string DanglingText) const {
  return C.getNoteTag([this, Sym, Text, DanglingText](
                          PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR.getBugType()) || !BR.isInteresting(Sym))
      return "";
    if (!DanglingText.empty() && &BR.getBugType() == BugTypes[CK_Dangling].get())
      return DanglingText;
    return Text;
  });
}

/// The node where \p Sym entered the map: the spawn.  Reports are uniqued
/// there, so one spawn gives one report and a stable issue hash.
/// The error node itself may already have dropped the entry (a leak report
/// removes it), so walk back to the last node that has it first.
static const ExplodedNode *findSpawnNode(const ExplodedNode *N, SymbolRef Sym) {
  const ExplodedNode *Spawn = nullptr;
  for (; N; N = N->getFirstPred()) {
    if (N->getState()->get<TaskMap>(Sym))
      Spawn = N;
    else if (Spawn)
      break;
  }
  return Spawn;
}

void TaskLifetimeChecker::emit(SubChecker Kind, SymbolRef Sym, std::string Msg,
                               ExplodedNode *N, CheckerContext &C) const {
  const ExplodedNode *Spawn = findSpawnNode(N, Sym);
  PathDiagnosticLocation Loc;
  const Decl *InDecl = nullptr;
  if (const Stmt *S = Spawn ? Spawn->getStmtForDiagnostics() : nullptr) {
    Loc = PathDiagnosticLocation::createBegin(S, C.getSourceManager(),
                                              Spawn->getLocationContext());
    InDecl = Spawn->getLocationContext()->getDecl();
  }
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[Kind], Msg, N,
                                                    Loc, InDecl);
  R->markInteresting(Sym);
  C.emitReport(std::move(R));
}

void TaskLifetimeChecker::reportUnjoined(SymbolRef Sym, const TaskState &TS,
                                         ExplodedNode *N,
                                         CheckerContext &C) const {
  emit(CK_Unjoined, Sym,
       "Thread running " + entryName(TS) + " is never joined or detached (" +
           handleName(TS) + ")",
       N, C);
}

void TaskLifetimeChecker::reportDangling(SymbolRef Sym, const TaskState &TS,
                                         const std::string &Use,
                                         ExplodedNode *N,
                                         CheckerContext &C) const {
  std::string Why = TS.getKind() == TL_TASK_DETACHED ? "detached thread"
                                                     : "unjoined thread";
  emit(CK_Dangling, Sym,
       "The " + Why + " running " + entryName(TS) + " may use " + Use, N, C);
}

void TaskLifetimeChecker::reportMisuse(SymbolRef Sym, const TaskState &TS,
                                       tl_task_misuse Misuse,
                                       const CallEvent &Call,
                                       CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  // Uniqued at the misuse itself, not the spawn: two bad joins of one
  // thread are two bugs.
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BugTypes[CK_DoubleJoin],
      "Thread running " + entryName(TS) + " is " +
          tl_task_misuse_text(Misuse) + " (" + handleName(TS) + ")",
      N);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Sym);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

static void registerTaskLifetimeModeling(CheckerManager &Mgr) {
  auto *Chk = registerModeling<TaskLifetimeChecker>(Mgr);
  const AnalyzerOptions &Opts = Mgr.getAnalyzerOptions();
  Chk->ReportUnseenEntry =
      Opts.getCheckerBooleanOption(UnjoinedTaskName, "ReportUnseenEntry");
}

/// Turns on rule \p K; leaks are SuppressOnSink: a path that ends in a
/// crash or abort() is not one where the owner had a chance to join.
static void enable(CheckerManager &Mgr, TaskLifetimeChecker::SubChecker K) {
  static const char *const BugNames[] = {
      "Unjoined task", "Task outlives its argument", "Double join or detach"};
  auto *Chk = enableRule<TaskLifetimeChecker>(
      Mgr, K, BugNames[K], "Task lifetime",
      /*SuppressOnSink=*/K != TaskLifetimeChecker::CK_DoubleJoin);
  Chk->Names[K] = Mgr.getCurrentCheckerName();
}

static RegisterChecker LifetimeModeling{LifetimeModelingName,
                                        registerTaskLifetimeModeling};
// TL101, TL102, TL104, in the order of TaskLifetimeChecker::SubChecker.
static RegisterRules<enable> LifetimeRules{
    {UnjoinedTaskName, DanglingTaskArgName, DoubleJoinName}};
