//===- ChannelChecker.cpp - tasks that block forever on a channel ---------===//
//
// The channel family: TL201 RecvNeverSatisfied, TL202 SendNeverReceived,
// TL203 NeverClosed and TL204 SelfDeadlock, for Go-style channels and
// queues (tylertreat/chan, libmill, libdill, GAsyncQueue, POSIX message
// queues: rules/models/channels.json).  Pipes are the pipe family's.
//
// The owner's path tracks each channel it makes (chan_make) and, at each
// spawn (pthread_create, g_thread_new, go(fn(args)), ...), reads the task's
// summary (ChannelSummary.h) to learn what the task will do with the
// channels it is handed.  What the owner then still owes the task is a debt:
//
//   task's first blocking use            debt       paid by
//   receive once (n times)               Send (n)   a send, a close, a
//                                                   task that sends
//   receive until a value (sentinel)     Send (1)   a send that may carry
//                                                   the value, a close
//   receive until closed                 Close      a close, a task that
//                                                   closes
//   send once on an unbuffered or full   Recv (n)   a receive, a close, a
//   channel (n more than fits)                      task that receives
//
//   spawn --(debt)--> owed --pay--> (gone)
//                       |
//                       +-- join of that task ---------------> report, sink
//                       +-- channel freed / no longer reachable
//                           (the task cannot be joined)       -> report
//
// TL204 is the owner's own blocking operation with nobody on the other
// side: a receive on an empty channel no task sends to or closes, or a send
// on an unbuffered (or full) channel no task receives from.
//
// A channel that escapes (to an unknown call, a global, memory that
// outlives the frame, a task whose body is not visible) is dropped with its
// debts.  Timed and nonblocking operations never block forever: they pay
// what they might pay and owe nothing.
//
//===----------------------------------------------------------------------===//

#include "CallSuccess.h"
#include "Handles.h"
#include "HandleOut.h"
#include "ChannelSummary.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "Registry.h"
#include "RuleChecker.h"
#include "StateTraits.h"
#include "TrackedHandle.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

#include <optional>
#include <string>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// Capacity of a channel: a count, or one of these.
constexpr int CapUnknown = -1;   ///< bounded by an amount we do not know
constexpr int CapUnbounded = -2; ///< sends never block (GAsyncQueue)
constexpr unsigned MaxBuffered = 64;

enum ProviderBits : unsigned {
  TaskSends = 1,  ///< some spawned task sends on it
  TaskRecvs = 2,  ///< some spawned task receives from it
  TaskCloses = 4, ///< some spawned task closes it
};

/// What the owner's path knows of one channel it made, beyond what every
/// tracked handle keeps (engine/TrackedHandle.h; here: where the owner keeps
/// it, for messages).
class ChanState : public TrackedHandle<ChanState> {
public:
  ChanState(int Capacity, SymbolRef Peer)
      : Capacity(Capacity), Peer(Peer) {}

  int getCapacity() const { return Capacity; }
  unsigned getBuffered() const { return Buffered; }
  bool isClosed() const { return Closed; }
  /// The other end of a pair (libdill chmake), also a key of ChanAliasMap.
  SymbolRef getPeer() const { return Peer; }

  ChanState withBuffered(unsigned N) const {
    return with(&ChanState::Buffered, N > MaxBuffered ? MaxBuffered : N);
  }
  ChanState closed() const { return with(&ChanState::Closed, true); }

  auto fields() const {
    return std::make_tuple(Capacity, Buffered, Closed, Peer);
  }

private:
  int Capacity;
  unsigned Buffered = 0;
  bool Closed = false;
  SymbolRef Peer;
};

enum class DebtKind { Send, Close, Recv };

/// What the owner still owes one task on one channel, beyond what every
/// tracked handle keeps (engine/TrackedHandle.h; here: the spawn as the
/// site, its result as the status, lost once the owner can no longer reach
/// the channel).
class Debt : public TrackedHandle<Debt> {
public:
  Debt(DebtKind K, SymbolRef Chan, unsigned Count, const TaskChanOp *Op,
       const FunctionDecl *Entry, const Expr *Spawn, SymbolRef Task,
       SymbolRef Status, tl_success Success, bool Coroutine)
      : TrackedHandle(nullptr, Spawn, nullptr, nullptr, Status), K(K),
        Chan(Chan), Count(Count), Op(Op), Entry(Entry), Task(Task),
        Success(Success), Coroutine(Coroutine) {}

  DebtKind getKind() const { return K; }
  SymbolRef getChan() const { return Chan; }
  unsigned getCount() const { return Count; }
  /// The task's blocking operation (in its summary, which lives as long as
  /// the analysis of this translation unit).
  const TaskChanOp *getOp() const { return Op; }
  const FunctionDecl *getEntry() const { return Entry; }
  const Expr *getSpawn() const { return getSite(); }
  /// The task's handle, for its join (libdill: for hclose, which cancels
  /// the coroutine); null if there is none (libmill).
  SymbolRef getTask() const { return Task; }
  tl_success getSuccess() const { return Success; }
  bool isCoroutine() const { return Coroutine; }

  Debt paidOnce() const {
    Debt D = *this;
    --D.Count;
    return D;
  }

  auto fields() const {
    return std::make_tuple(K, Chan, Count, Op, Entry, Task, Success, Coroutine);
  }

private:
  DebtKind K;
  SymbolRef Chan;
  unsigned Count;
  const TaskChanOp *Op;
  const FunctionDecl *Entry;
  SymbolRef Task;
  tl_success Success;
  bool Coroutine;
};

/// A task that takes part in a channel (sends, receives or closes) and so
/// may pay what the owner owes other tasks on it, if it was spawned.
class Provider : public FieldwiseValue<Provider> {
public:
  Provider(SymbolRef Chan, unsigned Bits, SymbolRef Status, tl_success Success)
      : Chan(Chan), Bits(Bits), Status(Status), Success(Success) {}
  SymbolRef getChan() const { return Chan; }
  unsigned getBits() const { return Bits; }
  SymbolRef getStatus() const { return Status; }
  tl_success getSuccess() const { return Success; }

  auto fields() const {
    return std::make_tuple(Chan, Bits, Status, Success);
  }

private:
  SymbolRef Chan;
  unsigned Bits; // ProviderBits
  SymbolRef Status;
  tl_success Success;
};

class ChannelChecker
    : public RoleGated<check::PreCall, check::PostCall, check::Bind,
                       check::LiveSymbols, check::DeadSymbols,
                       check::PointerEscape, eval::Call> {
public:
  /// A channel is first recorded at its creation; a coroutine call is
  /// evaluated here even with none (UnitGate.h).
  static constexpr tl_role StartRoles[] = {TL_ROLE_CHAN_MAKE, TL_ROLE_COROUTINE};
  static constexpr bool EveryCxxUnit = false; // its state starts at C calls only
  enum SubChecker { CK_Recv, CK_Send, CK_Closed, CK_Self, CK_NumCheckKinds };

  bool Enabled[CK_NumCheckKinds] = {};
  std::unique_ptr<BugType> BugTypes[CK_NumCheckKinds];
  const ModelIndex *Models = nullptr;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const;
  TASKLEAK_POINTER_ESCAPE;

private:
  mutable std::unique_ptr<ChannelSummaryCache> Summaries;

  ChannelSummaryCache &summaries() const {
    if (!Summaries)
      Summaries = std::make_unique<ChannelSummaryCache>(*Models);
    return *Summaries;
  }

  const tl_fn_model *channelModel(const CallEvent &Call) const;
  bool hasGoBody(const Expr *E, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(postChanMake);
  TASKLEAK_ROLE_HANDLER(postSpawn);
  TASKLEAK_ROLE_HANDLER(postCoroutine);
  void spawnTask(const FunctionDecl *Entry, ArrayRef<SVal> Params,
                 const Expr *Spawn, SymbolRef Task, SymbolRef Status,
                 tl_success Success, bool Coroutine, ProgramStateRef State,
                 CheckerContext &C) const;
  const NoteTag *spawnNote(const FunctionDecl *Entry, const Expr *Spawn,
                           bool Coroutine, std::string OwedText,
                           CheckerContext &C) const;
  void preSend(const tl_fn_model &M, const CallEvent &Call, SymbolRef Chan,
               CheckerContext &C) const;
  void preRecv(const tl_fn_model &M, const CallEvent &Call, SymbolRef Chan,
               CheckerContext &C) const;
  void preClose(SymbolRef Chan, CheckerContext &C) const;
  void preFree(SymbolRef Chan, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(preCancel);
  TASKLEAK_ROLE_HANDLER(preJoin);

  bool isOurs(const BugType &BT) const;
  const NoteTag *
  unpayableNote(llvm::ArrayRef<std::pair<SymbolRef, std::string>> Unpayable,
                CheckerContext &C) const;
  static SubChecker subCheckerFor(const Debt &D) {
    switch (D.getKind()) {
    case DebtKind::Send:
      return CK_Recv;
    case DebtKind::Recv:
      return CK_Send;
    case DebtKind::Close:
      break;
    }
    return CK_Closed;
  }
  void reportDebt(const Debt &D, ProgramStateRef State, ExplodedNode *N,
                  CheckerContext &C, bool AtJoin) const;
  void reportSelf(SubChecker K, SymbolRef Chan, std::string Msg,
                  const CallEvent &Call, CheckerContext &C) const;
};

} // namespace

/// Channels the owner made, by handle symbol.
REGISTER_MAP_WITH_PROGRAMSTATE(ChanMap, SymbolRef, ChanState)
/// The second end of a pair, mapped to the key of its channel in ChanMap.
REGISTER_MAP_WITH_PROGRAMSTATE(ChanAliasMap, SymbolRef, SymbolRef)
/// Where the owner keeps each channel (a variable, a field): when the
/// analyzer forgets what such a slot holds (a builtin or a spawn clobbers
/// the struct around it), the value it then reads there is still taken to
/// be the channel.
REGISTER_MAP_WITH_PROGRAMSTATE(ChanSlotMap, const MemRegion *, SymbolRef)
/// What the owner owes its tasks, in the order the debts arose.
REGISTER_MAP_WITH_PROGRAMSTATE(DebtMap, unsigned, Debt)
REGISTER_TRAIT_WITH_PROGRAMSTATE(NextDebtId, unsigned)
/// The tasks taking part in the owner's channels (ids from NextDebtId).
REGISTER_MAP_WITH_PROGRAMSTATE(ProviderMap, unsigned, Provider)
/// The raw expansion location of a go() whose coroutine call comes next.
REGISTER_TRAIT_WITH_PROGRAMSTATE(PendingGo, unsigned)
/// The coroutine call evaluated last: its arguments went to the task, not
/// to unknown code.
REGISTER_TRAIT_WITH_PROGRAMSTATE(GoCall, const void *)
/// The coroutine handle that go() returns (libdill), for the pending go().
REGISTER_TRAIT_WITH_PROGRAMSTATE(GoHandle, const void *)

//===----------------------------------------------------------------------===//
// Helpers.
//===----------------------------------------------------------------------===//

/// \p Sym as a value: a pointer-typed symbol is a location (its SymRegion),
/// never a nonloc::SymbolVal.
static SVal symbolValue(ProgramStateRef State, SymbolRef Sym) {
  return State->getStateManager().getSValBuilder().makeSymbolVal(Sym);
}

/// The key of the channel \p Sym is a handle of, if the owner tracks it.
static SymbolRef chanKey(ProgramStateRef State, SymbolRef Sym) {
  if (!Sym)
    return nullptr;
  if (State->get<ChanMap>(Sym))
    // A null channel is a failed create (chan_init): nothing to track.
    return Sym->getType()->isPointerType() &&
                   State->isNull(symbolValue(State, Sym)).isConstrainedTrue()
               ? nullptr
               : Sym;
  if (const SymbolRef *K = State->get<ChanAliasMap>(Sym))
    return *K;
  const MemRegion *Slot = nullptr;
  if (const auto *D = dyn_cast<SymbolDerived>(Sym))
    Slot = D->getRegion();
  else if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym))
    Slot = RV->getRegion();
  if (Slot)
    if (const SymbolRef *K = State->get<ChanSlotMap>(Slot))
      if (*K != Sym)
        return chanKey(State, *K);
  return nullptr;
}

static ProgramStateRef addSlot(ProgramStateRef State, const MemRegion *R,
                               SymbolRef Key) {
  if (!R || !isa<VarRegion, FieldRegion, ElementRegion>(R))
    return State;
  if (const ChanState *CS = State->get<ChanMap>(Key))
    if (!CS->getHandleRegion() && !describeRegion(R, true).empty())
      State = State->set<ChanMap>(Key, CS->withHandle(R));
  return State->set<ChanSlotMap>(R, Key);
}

static SymbolRef chanOf(ProgramStateRef State, SVal V) {
  return chanKey(State, V.getAsSymbol());
}

/// The handle argument of a channel operation, as a channel key.
static SymbolRef handleChan(const tl_fn_model &M, const CallEvent &Call,
                            ProgramStateRef State) {
  std::optional<SVal> V = handleArgValue(M, Call, State);
  return V ? chanOf(State, *V) : nullptr;
}

/// Forgets the channel \p Key: its alias, its slots, its providers.
static ProgramStateRef dropChanState(ProgramStateRef State, SymbolRef Key,
                                     SymbolRef Peer) {
  if (Peer)
    State = without<ChanAliasMap>(State, Peer);
  State = without<ChanMap>(State, Key);
  for (const auto &S : State->get<ChanSlotMap>())
    if (S.second == Key)
      State = without<ChanSlotMap>(State, S.first);
  for (const auto &Pr : State->get<ProviderMap>())
    if (Pr.second.getChan() == Key)
      State = without<ProviderMap>(State, Pr.first);
  return State;
}

/// Forgets the channel \p Key and the debts on it.
static ProgramStateRef dropChan(ProgramStateRef State, SymbolRef Key) {
  const ChanState *CS = State->get<ChanMap>(Key);
  State = dropChanState(State, Key, CS ? CS->getPeer() : nullptr);
  for (const auto &E : State->get<DebtMap>())
    if (E.second.getChan() == Key)
      State = without<DebtMap>(State, E.first);
  return State;
}

namespace {
class CollectSymbols : public SymbolVisitor {
public:
  llvm::SmallVector<SymbolRef, 8> Syms;
  bool VisitSymbol(SymbolRef Sym) override {
    Syms.push_back(Sym);
    return true;
  }
};
} // namespace

/// Stops tracking every channel reachable from \p V.
static ProgramStateRef escapeReachable(ProgramStateRef State, SVal V) {
  CollectSymbols Collect;
  State->scanReachableSymbols(V, Collect);
  for (SymbolRef S : Collect.Syms)
    if (SymbolRef K = chanKey(State, S))
      State = dropChan(State, K);
  return State;
}

static const MemRegion *typedPointee(CheckerContext &C, const MemRegion *R,
                                     QualType T) {
  if (!R)
    return nullptr;
  R = R->StripCasts();
  if (const auto *TR = dyn_cast<TypedValueRegion>(R))
    if (TR->getValueType().getCanonicalType().getUnqualifiedType() ==
        T.getCanonicalType().getUnqualifiedType())
      return R;
  if (T.isNull() || T->isVoidType() || T->isIncompleteType())
    return nullptr;
  return C.getStoreManager().getRegionManager().getElementRegion(
      T, C.getSValBuilder().makeZeroArrayIndex(), cast<SubRegion>(R),
      C.getASTContext());
}

/// The value a task reaches through \p P, given its parameters' values.
static SVal resolvePath(const ChanPath &P, ArrayRef<SVal> Params,
                        ProgramStateRef State, CheckerContext &C,
                        const MemRegion **SlotOut = nullptr) {
  if (P.Param >= Params.size())
    return UnknownVal();
  SVal V = Params[P.Param];
  const MemRegion *Base = nullptr; // a struct entered without a load
  for (const FieldDecl *FD : P.Fields) {
    QualType RecTy = C.getASTContext().getRecordType(FD->getParent());
    const MemRegion *Obj = Base ? Base : typedPointee(C, V.getAsRegion(), RecTy);
    if (!Obj)
      return UnknownVal();
    const auto *FR = C.getStoreManager().getRegionManager().getFieldRegion(
        FD, cast<SubRegion>(Obj));
    if (FD->getType()->isRecordType()) {
      Base = FR;
      continue;
    }
    Base = nullptr;
    V = State->getSVal(FR);
    if (SlotOut)
      *SlotOut = FR;
  }
  return Base ? UnknownVal() : V;
}

/// The channel's name: where the owner keeps it, else how \p Handle (the
/// operation's argument) spells it.
static std::string chanName(const ChanState *CS, const Expr *Handle = nullptr) {
  std::string N = CS ? describeRegion(CS->getHandleRegion(), true) : "";
  if (N.empty() && Handle) {
    const Expr *E = Handle->IgnoreParenCasts();
    if (isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr>(E))
      N = exprSpelling(E);
  }
  return N.empty() ? "the channel" : "'" + N + "'";
}

static const Expr *handleExpr(const tl_fn_model &M, const CallEvent &Call) {
  return isArg(M.handle_arg, Call) ? Call.getArgExpr(M.handle_arg) : nullptr;
}

static std::string taskName(const Debt &D) {
  std::string Name = D.getEntry() ? D.getEntry()->getNameAsString() : "";
  return (D.isCoroutine() ? "Coroutine '" : "Thread running '") + Name + "'";
}

/// Did the spawn with result \p S fail on this path (so there is no task)?
static bool spawnFailed(ProgramStateRef State, SymbolRef S, tl_success Success) {
  if (!S)
    return false;
  ConditionTruthVal IsNull = State->isNull(symbolValue(State, S));
  if (Success == TL_SUCCESS_ZERO)
    return IsNull.isConstrainedFalse();
  if (Success == TL_SUCCESS_NONNULL)
    return IsNull.isConstrainedTrue();
  return false;
}

static bool spawnFailed(ProgramStateRef State, const Debt &D) {
  return spawnFailed(State, D.getStatus(), D.getSuccess());
}

/// Does some task that was really spawned take part in \p Chan this way?
static bool hasProvider(ProgramStateRef State, SymbolRef Chan, unsigned Bits) {
  for (const auto &E : State->get<ProviderMap>())
    if (E.second.getChan() == Chan && (E.second.getBits() & Bits) &&
        !spawnFailed(State, E.second.getStatus(), E.second.getSuccess()))
      return true;
  return false;
}

/// Is this operation timed (a deadline other than -1)?
static bool isTimed(const tl_fn_model &M, const CallEvent &Call) {
  if (!isArg(M.deadline_arg, Call))
    return false;
  if (auto CI = Call.getArgSVal(M.deadline_arg).getAs<nonloc::ConcreteInt>())
    return CI->getValue() != -1;
  return true;
}

/// Might the sent value \p V be the sentinel: the integer \p Int (when
/// \p IsInt), else the address of \p Global?
static bool mayBeSentinel(SVal V, bool IsInt, const llvm::APSInt &Int,
                          const VarDecl *Global) {
  if (V.isUnknownOrUndef() || V.getAsSymbol())
    return true;
  if (IsInt) {
    if (auto CI = V.getAs<nonloc::ConcreteInt>())
      return llvm::APSInt::isSameValue(CI->getValue(), Int);
    if (auto LI = V.getAs<loc::ConcreteInt>())
      return llvm::APSInt::isSameValue(LI->getValue(), Int);
    return false; // an address is neither NULL nor a small constant
  }
  if (const MemRegion *R = V.getAsRegion()) {
    const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion());
    return VR && VR->getDecl()->getCanonicalDecl() == Global->getCanonicalDecl();
  }
  return !V.getAs<loc::ConcreteInt>() && !V.getAs<nonloc::ConcreteInt>();
}

/// Might the value sent by \p Call be the sentinel \p Op's loop ends on?
static bool maySendSentinel(const TaskChanOp &Op, const tl_fn_model &M,
                            const CallEvent &Call, CheckerContext &C) {
  if (!Op.SentinelKnown)
    return true;
  int ItemArg = M.handle_arg + 1;
  if (!isArg(ItemArg, Call))
    return true;
  ProgramStateRef State = C.getState();
  llvm::SmallVector<SVal, 2> Candidates{Call.getArgSVal(ItemArg)};
  // A pointer to a local holding the value (libmill's chs, libdill's chsend).
  if (const MemRegion *R = Candidates[0].getAsRegion())
    if (isa<StackSpaceRegion>(R->getMemorySpace()) && isa<TypedValueRegion>(R))
      Candidates.push_back(State->getSVal(R));

  ASTContext &Ctx = C.getASTContext();
  const Expr *S = Op.Sentinel ? Op.Sentinel->IgnoreParenCasts() : nullptr;
  const VarDecl *Global = nullptr;
  llvm::APSInt Int(64, false);
  bool IsInt = true;
  Expr::EvalResult ER;
  if (!S || S->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    Int = 0;
  } else if (S->EvaluateAsInt(ER, Ctx)) {
    Int = ER.Val.getInt();
  } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    IsInt = false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenCasts()))
      Global = dyn_cast<VarDecl>(DRE->getDecl());
    if (!Global)
      return true;
  } else {
    return true;
  }

  for (SVal V : Candidates)
    if (mayBeSentinel(V, IsInt, Int, Global))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

/// The model of \p Call if this family acts on it.  Pipes and sockets are
/// the pipe family's, so their chan_make rows are skipped (their fds are
/// then never in ChanMap, and read / write / close on them do nothing here).
const tl_fn_model *ChannelChecker::channelModel(const CallEvent &Call) const {
  const tl_fn_model *M = Models->lookup(Call);
  if (!M)
    return nullptr;
  if (M->role == TL_ROLE_CHAN_MAKE && llvm::StringRef(M->library) == "posix-io")
    return nullptr;
  return M;
}

void ChannelChecker::checkPreCall(const CallEvent &Call,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (unsigned Pending = State->get<PendingGo>()) {
    // libdill's real go() tests its setjmp: the branch where it returns
    // non-zero is the owner going on after the coroutine ran, which the
    // other branch already stands for (with the coroutine spawned).
    const Expr *E = Call.getOriginExpr();
    if (E && C.getSourceManager().getExpansionLoc(E->getBeginLoc()).getRawEncoding() !=
                 Pending) {
      C.generateSink(State, C.getPredecessor());
      return;
    }
  }
  const tl_fn_model *M = channelModel(Call);
  if (!M)
    return;
  switch (M->role) {
  case TL_ROLE_SEND:
  case TL_ROLE_RECV:
  case TL_ROLE_CLOSE:
    if (M->role == TL_ROLE_CLOSE && !handleChan(*M, Call, State))
      preCancel(*M, Call, C);
    if (SymbolRef Chan = handleChan(*M, Call, State)) {
      if (M->role == TL_ROLE_SEND)
        preSend(*M, Call, Chan, C);
      else if (M->role == TL_ROLE_RECV)
        preRecv(*M, Call, Chan, C);
      else
        preClose(Chan, C);
    }
    return;
  case TL_ROLE_FREE:
    if (isArg(M->object_arg, Call))
      if (SymbolRef Chan = chanOf(State, Call.getArgSVal(M->object_arg)))
        preFree(Chan, C);
    return;
  case TL_ROLE_JOIN:
    preJoin(*M, Call, C);
    return;
  default:
    return;
  }
}

/// Every channel reachable from \p Call's arguments (those given by value
/// only, with \p ByValueOnly) escapes.
static void escapeCallArgs(const CallEvent &Call, CheckerContext &C,
                           bool ByValueOnly) {
  ProgramStateRef State = C.getState();
  ProgramStateRef New = State;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    if (!ByValueOnly || !Call.getArgSVal(I).getAsRegion())
      New = escapeReachable(New, Call.getArgSVal(I));
  if (New != State)
    C.addTransition(New);
}

void ChannelChecker::checkPostCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  const tl_fn_model *M = channelModel(Call);
  ProgramStateRef State = C.getState();
  if (!M) {
    if (State->get<GoCall>() && State->get<GoCall>() == Call.getOriginExpr()) {
      C.addTransition(State->remove<GoCall>());
      return;
    }
    // Handles passed by value (libdill's ints, mqd_t) or inside a struct
    // to code the analyzer did not step into.
    if (C.wasInlined || State->get<ChanMap>().isEmpty())
      return;
    escapeCallArgs(Call, C, /*ByValueOnly=*/true);
    return;
  }
  switch (M->role) {
  case TL_ROLE_CHAN_MAKE:
    return postChanMake(*M, Call, C);
  case TL_ROLE_SPAWN:
    return postSpawn(*M, Call, C);
  case TL_ROLE_COROUTINE:
    return postCoroutine(*M, Call, C);
  case TL_ROLE_TIMER_CREATE:
  case TL_ROLE_TIMER_ARM:
    // A callback may use the channel whenever the timer fires.
    return escapeCallArgs(Call, C, /*ByValueOnly=*/false);
  default:
    return;
  }
}

/// go(fn(args))'s prologue: the next call in the same macro expansion runs
/// as the coroutine (PendingGo).
TASKLEAK_ROLE_HANDLER(ChannelChecker::postCoroutine) {
  const Expr *E = Call.getOriginExpr();
  if (!E || !hasGoBody(E, C))
    return;
  ProgramStateRef State = C.getState();
  // "success": "always": go() is taken to start the coroutine (a
  // failed start is out of memory, not a path worth a report).
  SVal Ret = Call.getReturnValue();
  if (M.handle_return && M.success == TL_SUCCESS_ALWAYS) {
    SValBuilder &SVB = C.getSValBuilder();
    QualType T = E->getType();
    if (T->isIntegralOrEnumerationType()) {
      SVal OK = SVB.evalBinOp(State, BO_GE, Ret, SVB.makeIntVal(0, T),
                              SVB.getConditionType());
      if (auto D = OK.getAs<DefinedOrUnknownSVal>())
        if (ProgramStateRef S = State->assume(*D, true))
          State = S;
    } else if (auto D = Ret.getAs<DefinedOrUnknownSVal>()) {
      if (ProgramStateRef S = State->assume(*D, true))
        State = S;
    }
  }
  State = State->set<GoHandle>(
      M.handle_return ? static_cast<const void *>(Ret.getAsSymbol()) : nullptr);
  C.addTransition(State->set<PendingGo>(
      C.getSourceManager().getExpansionLoc(E->getBeginLoc()).getRawEncoding()));
}

/// Is the call the go() macro runs as the coroutine (a statement of its
/// own, in the same macro expansion as the prologue \p CE, not modelled)?
static bool isGoBody(const CallExpr *Body, SourceLocation Exp,
                     const ParentMap &PM, const SourceManager &SM,
                     const ModelIndex &Models) {
  return Body->getDirectCallee() && !Models.lookup(Body->getDirectCallee()) &&
         SM.getExpansionLoc(Body->getBeginLoc()) == Exp &&
         isa_and_nonnull<CompoundStmt>(PM.getParentIgnoreParenCasts(Body));
}

static const CallExpr *findGoBody(const Stmt *S, SourceLocation Exp,
                                  const ParentMap &PM, const SourceManager &SM,
                                  const ModelIndex &Models) {
  if (!S)
    return nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (isGoBody(CE, Exp, PM, SM, Models))
      return CE;
  for (const Stmt *Child : S->children())
    if (const CallExpr *Found = findGoBody(Child, Exp, PM, SM, Models))
      return Found;
  return nullptr;
}

/// Does the go() around the prologue \p E run a call we can take as the
/// coroutine?  Walks up to the outermost statement of the macro expansion.
bool ChannelChecker::hasGoBody(const Expr *E, CheckerContext &C) const {
  const SourceManager &SM = C.getSourceManager();
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  SourceLocation Exp = SM.getExpansionLoc(E->getBeginLoc());
  const Stmt *Top = E;
  for (const Stmt *P = PM.getParent(Top);
       P && P->getBeginLoc().isValid() &&
       SM.getExpansionLoc(P->getBeginLoc()) == Exp;
       P = PM.getParent(P))
    Top = P;
  return findGoBody(Top, Exp, PM, SM, *Models) != nullptr;
}

/// go(fn(args)): the call right after the prologue, in the same macro
/// expansion, is the coroutine.  It is not stepped into; it becomes a task.
bool ChannelChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  unsigned Pending = State->get<PendingGo>();
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!Pending || !CE || Models->lookup(Call))
    return false;
  const SourceManager &SM = C.getSourceManager();
  if (SM.getExpansionLoc(CE->getBeginLoc()).getRawEncoding() != Pending)
    return false;
  // The coroutine is the statement of the macro, not a call in its
  // arguments (go(worker(make_chan()))).
  const Stmt *Parent =
      C.getLocationContext()->getParentMap().getParentIgnoreParenCasts(CE);
  if (!Parent || !isa<CompoundStmt>(Parent))
    return false;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return false;

  SymbolRef Handle = static_cast<SymbolRef>(State->get<GoHandle>());
  State = State->remove<PendingGo>()->set<GoCall>(CE)->remove<GoHandle>();
  const LocationContext *LCtx = C.getLocationContext();
  if (!CE->getType()->isVoidType())
    State = State->BindExpr(
        CE, LCtx,
        C.getSValBuilder().conjureSymbolVal(nullptr, CE, LCtx, CE->getType(),
                                            C.blockCount()));
  // The coroutine may write through the pointers it gets, as a call would.
  llvm::SmallVector<SVal, 4> Params;
  llvm::SmallVector<const MemRegion *, 4> Regions;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    SVal V = Call.getArgSVal(I);
    Params.push_back(V);
    const Expr *A = Call.getArgExpr(I);
    if (const MemRegion *R = V.getAsRegion())
      if (A && A->getType()->isPointerType() &&
          !A->getType()->getPointeeType().isConstQualified())
        Regions.push_back(R);
  }
  if (!Regions.empty())
    State = State->invalidateRegions(Regions, CE, C.blockCount(), LCtx,
                                     /*CausesPointerEscape=*/true, nullptr,
                                     /*Call=*/nullptr);
  spawnTask(FD, Params, CE, Handle, nullptr, TL_SUCCESS_ALWAYS,
            /*Coroutine=*/true, State, C);
  return true;
}

/// Remembers where a channel handle is first stored, for messages.
void ChannelChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                               CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Key = chanOf(State, Val);
  const MemRegion *R = Loc.getAsRegion();
  if (!Key || !R)
    return;
  State = addSlot(State, R, Key);
  const ChanState *CS = State->get<ChanMap>(Key);
  if (!CS->getHandleRegion() && Key == Val.getAsSymbol() &&
      !describeRegion(R, true).empty())
    State = State->set<ChanMap>(Key, CS->withHandle(R));
  C.addTransition(State);
}

/// A spawn's result must keep its constraints while the task is owed
/// something: a failed spawn leaves no task to block.
void ChannelChecker::checkLiveSymbols(ProgramStateRef State,
                                      SymbolReaper &SR) const {
  for (const auto &E : State->get<DebtMap>())
    if (SymbolRef S = E.second.getStatus())
      if (S != E.second.getTask())
        SR.markLive(S);
  for (const auto &E : State->get<ProviderMap>())
    if (SymbolRef S = E.second.getStatus())
      SR.markLive(S);
}

/// Is the channel still held in a slot the owner can read later (its value
/// clobbered, so the key symbol itself looks dead)?
static bool hasLiveSlot(ProgramStateRef State, SymbolRef Key,
                        SymbolReaper &SymReaper) {
  for (const auto &E : State->get<ChanSlotMap>())
    if (E.second == Key && SymReaper.isLiveRegion(E.first) &&
        chanOf(State, State->getSVal(E.first)) == Key)
      return true;
  return false;
}

/// A channel the owner can no longer reach can no longer be paid into:
/// a task waiting on it that will never be joined is reported here; one
/// that will be joined is reported at its join.
/// The channel \p Key is dead: its debts are lost (reported) when their
/// task is gone too, or kept as unpayable while the task can still be
/// joined.
static ProgramStateRef chanDied(ProgramStateRef State, SymbolRef Key,
                                const ChanState &CS, SymbolReaper &SymReaper,
                                llvm::SmallVectorImpl<Debt> &Lost,
                                llvm::SmallVectorImpl<std::pair<SymbolRef, std::string>> &Unpayable) {
  for (const auto &D : State->get<DebtMap>()) {
    if (D.second.getChan() != Key)
      continue;
    SymbolRef Task = D.second.getTask();
    if (Task && !SymReaper.isDead(Task)) {
      State = State->set<DebtMap>(D.first, D.second.lost());
      Unpayable.push_back({Key, chanName(&CS)});
      continue;
    }
    if (!spawnFailed(State, D.second))
      Lost.push_back(D.second);
    State = without<DebtMap>(State, D.first);
  }
  return dropChanState(State, Key, CS.getPeer());
}

void ChannelChecker::checkDeadSymbols(SymbolReaper &SymReaper,
                                      CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // Most paths hold no channel and owe no debt: nothing can die.
  if (State->get<ChanMap>().isEmpty() && State->get<ChanSlotMap>().isEmpty() &&
      State->get<DebtMap>().isEmpty())
    return;
  llvm::SmallVector<Debt, 2> Lost;
  llvm::SmallVector<std::pair<SymbolRef, std::string>, 1> Unpayable;
  for (const auto &E : State->get<ChanMap>()) {
    SymbolRef Key = E.first, Peer = E.second.getPeer();
    if (!SymReaper.isDead(Key) || (Peer && !SymReaper.isDead(Peer)) ||
        hasLiveSlot(State, Key, SymReaper))
      continue;
    State = chanDied(State, Key, E.second, SymReaper, Lost, Unpayable);
  }
  for (const auto &S : State->get<ChanSlotMap>())
    if (!SymReaper.isLiveRegion(S.first))
      State = without<ChanSlotMap>(State, S.first);
  // Debts on lost channels whose task handle is gone too.
  for (const auto &D : State->get<DebtMap>()) {
    if (!D.second.isHandleLost() || !SymReaper.isDead(D.second.getTask()))
      continue;
    if (!spawnFailed(State, D.second))
      Lost.push_back(D.second);
    State = without<DebtMap>(State, D.first);
  }
  const NoteTag *Tag = Unpayable.empty() ? nullptr : unpayableNote(Unpayable, C);
  reportAll(
      C, State, Lost, /*Enabled=*/true,
      [&](const Debt &D, ExplodedNode *N) {
        reportDebt(D, State, N, C, /*AtJoin=*/false);
      },
      Tag);
}

/// Where the owner stopped being able to pay: it no longer holds the
/// channel, and the task is still to be joined.
const NoteTag *ChannelChecker::unpayableNote(
    llvm::ArrayRef<std::pair<SymbolRef, std::string>> Unpayable,
    CheckerContext &C) const {
  std::vector<std::pair<SymbolRef, std::string>> U(Unpayable.begin(), Unpayable.end());
  return C.getNoteTag([this, U](PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR.getBugType()))
      return "";
    for (const auto &X : U)
      if (BR.isInteresting(X.first))
        return "The owner no longer uses " + X.second +
               " after this point: nothing it does can wake the thread";
    return "";
  });
}

ProgramStateRef ChannelChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // No channel, alias or slot on this path: chanKey() finds nothing.
  if (State->get<ChanMap>().isEmpty() && State->get<ChanAliasMap>().isEmpty() &&
      State->get<ChanSlotMap>().isEmpty())
    return State;
  // A spawn evaluated by the lifetime family, or our own coroutine call:
  // what the task does with the channel is in its summary.
  if (!Call && Kind == PSK_EscapeOther)
    return State;
  SymbolRef Kept = nullptr;
  if (Call) {
    if (const tl_fn_model *M = Models->lookup(*Call)) {
      // A channel operation keeps its own channel; a value sent over a
      // channel (another channel) escapes.
      if (M->role != TL_ROLE_SEND && M->role != TL_ROLE_RECV &&
          M->role != TL_ROLE_CLOSE)
        return State;
      if (isArg(M->handle_arg, *Call))
        Kept = Call->getArgSVal(M->handle_arg).getAsSymbol();
    }
  }
  for (SymbolRef S : Escaped)
    if (S != Kept)
      if (SymbolRef K = chanKey(State, S))
        State = dropChan(State, K);
  return State;
}

//===----------------------------------------------------------------------===//
// Handlers.
//===----------------------------------------------------------------------===//

/// The made channel's capacity, as its model says.
static int capacityOf(const tl_fn_model &M, const CallEvent &Call) {
  switch (M.buffer) {
  case TL_BUFFER_UNBUFFERED:
    return 0;
  case TL_BUFFER_ARG:
    if (isArg(M.capacity_arg, Call))
      if (auto CI = Call.getArgSVal(M.capacity_arg).getAs<nonloc::ConcreteInt>())
        if (CI->getValue().getActiveBits() < 31)
          return static_cast<int>(CI->getValue().getZExtValue());
    return CapUnknown;
  case TL_BUFFER_BOUNDED:
    return CapUnknown;
  case TL_BUFFER_UNBOUNDED:
    return CapUnbounded;
  }
  return CapUnknown;
}

/// The handles of a made channel: returned, or the one or two ends written
/// to the out-parameter array. False when a pair's ends cannot be told apart.
static bool madeEnds(const tl_fn_model &M, const CallEvent &Call,
                     ProgramStateRef State, CheckerContext &C, SymbolRef &Key,
                     SymbolRef &Peer) {
  Key = Peer = nullptr;
  if (M.handle_return) {
    Key = Call.getReturnValue().getAsSymbol();
    return true;
  }
  if (!isArg(M.handle_out_arg, Call))
    return true;
  std::optional<HandleOut> Out = handleOut(M, Call);
  if (!Out)
    return false;
  QualType ElemTy = Out->Type;
  MemRegionManager &MRMgr = C.getStoreManager().getRegionManager();
  const SubRegion *Array = cast<SubRegion>(Out->Region->StripCasts());
  if (const auto *ER = dyn_cast<ElementRegion>(Array))
    Array = cast<SubRegion>(ER->getSuperRegion());
  unsigned Ends = M.ends == TL_ENDS_ONE ? 1 : 2;
  for (unsigned I = 0; I < Ends; ++I) {
    const MemRegion *Slot = MRMgr.getElementRegion(
        ElemTy, C.getSValBuilder().makeArrayIndex(I), Array, C.getASTContext());
    (I == 0 ? Key : Peer) = State->getSVal(Slot).getAsSymbol();
  }
  return M.ends == TL_ENDS_ONE || (Peer && Peer != Key);
}

/// A failed create leaves no channel: split the path on the result, and
/// track the channel only where it was made (CallSuccess.h; a result the
/// program throws away tells no failure). A null handle, chan_init's
/// failure, is told apart where it is used.
static ProgramStateRef madeOk(const tl_fn_model &M, const CallEvent &Call,
                              ProgramStateRef State, CheckerContext &C) {
  if (M.success != TL_SUCCESS_ZERO)
    return State;
  CallOutcome Made = splitOnSuccess(M, Call, State, C);
  if (Made.Failed)
    C.addTransition(Made.Failed);
  return Made.Succeeded;
}

TASKLEAK_ROLE_HANDLER(ChannelChecker::postChanMake) {
  ProgramStateRef State = C.getState();
  int Capacity = capacityOf(M, Call);
  SymbolRef Key, Peer;
  if (!madeEnds(M, Call, State, C, Key, Peer) || !Key)
    return;
  State = madeOk(M, Call, State, C);
  if (!State)
    return;
  ChanState CS(Capacity, Peer);
  if (Peer) {
    State = State->set<ChanAliasMap>(Peer, Key);
    // Name a pair by its array: "chv".
    if (const MemRegion *R = Call.getArgSVal(M.handle_out_arg).getAsRegion()) {
      R = R->StripCasts();
      if (const auto *ER = dyn_cast<ElementRegion>(R))
        R = ER->getSuperRegion();
      CS = CS.withHandle(R);
    }
  }
  C.addTransition(State->set<ChanMap>(Key, CS));
}

TASKLEAK_ROLE_HANDLER(ChannelChecker::postSpawn) {
  ProgramStateRef State = C.getState();
  if (State->get<ChanMap>().isEmpty())
    return;
  const FunctionDecl *Entry = nullptr;
  if (isArg(M.entry_arg, Call))
    Entry = Call.getArgSVal(M.entry_arg).getAsFunctionDecl();
  SVal Arg = isArg(M.entry_param_arg, Call) ? Call.getArgSVal(M.entry_param_arg)
                                            : UnknownVal();

  // The task's handle (for its join) and the value telling success.
  SymbolRef Task = nullptr, Status = nullptr;
  SVal Ret = Call.getReturnValue();
  if (M.handle_return) {
    Task = Ret.getAsSymbol();
  } else if (isArg(M.handle_out_arg, Call)) {
    const Expr *A = Call.getArgExpr(M.handle_out_arg);
    if (A && A->getType()->isPointerType())
      if (const MemRegion *R = typedPointee(
              C, Call.getArgSVal(M.handle_out_arg).getAsRegion(),
              A->getType()->getPointeeType()))
        Task = State->getSVal(R).getAsSymbol();
  }
  if (M.success == TL_SUCCESS_ZERO)
    Status = Ret.getAsSymbol();
  else if (M.success == TL_SUCCESS_NONNULL)
    Status = Task;
  const auto *Origin = dyn_cast_or_null<Expr>(Call.getOriginExpr());
  SVal Params[] = {Arg};
  spawnTask(Entry, Params, Origin, Task, Status, M.success,
            /*Coroutine=*/false, State, C);
}

/// The heart of the family: what a new task does to the owner's channels.
namespace {
/// What one spawned task does with one of the owner's channels.
struct PerChan {
  SymbolRef Key;
  unsigned Kinds = 0; // ProviderBits this task brings
  const TaskChanOp *FirstBlocking = nullptr;
  unsigned OnceSends = 0, OnceRecvs = 0;
  llvm::SmallVector<const TaskChanOp *, 2> Once; // of FirstBlocking's kind
};
/// A debt the owner owes a task on one channel.
struct NewDebt {
  DebtKind Kind;
  unsigned Count;
  const TaskChanOp *Op;
};
} // namespace

/// The task's ops grouped by the owner's channel they reach.
static llvm::SmallVector<PerChan, 2>
groupByChan(const ChannelSummary &Sum, ArrayRef<SVal> Params,
            ProgramStateRef &State, CheckerContext &C) {
  llvm::SmallVector<PerChan, 2> Chans;
  for (const TaskChanOp &Op : Sum.Ops) {
    const MemRegion *Slot = nullptr;
    SymbolRef Key = chanOf(State, resolvePath(Op.Path, Params, State, C, &Slot));
    if (!Key)
      continue;
    State = addSlot(State, Slot, Key);
    auto It = llvm::find_if(Chans, [Key](const PerChan &P) { return P.Key == Key; });
    if (It == Chans.end()) {
      Chans.push_back(PerChan{Key});
      It = std::prev(Chans.end());
    }
    It->Kinds |= Op.Kind == ChanOpKind::Send   ? TaskSends
                 : Op.Kind == ChanOpKind::Recv ? TaskRecvs
                                               : TaskCloses;
    if (!Op.Blocking || !Op.Unconditional || Op.Kind == ChanOpKind::Close)
      continue;
    if (!It->FirstBlocking)
      It->FirstBlocking = &Op;
    if (Op.Shape == OpShape::Once) {
      ++(Op.Kind == ChanOpKind::Send ? It->OnceSends : It->OnceRecvs);
      if (Op.Kind == It->FirstBlocking->Kind)
        It->Once.push_back(&Op);
    }
  }
  return Chans;
}

/// What the task pays of the other tasks' debts, and registers it as a
/// provider for later ones.
static ProgramStateRef payOthers(ProgramStateRef State,
                                 ArrayRef<PerChan> Chans, SymbolRef Status,
                                 tl_success Success) {
  for (const PerChan &P : Chans) {
    unsigned PId = State->get<NextDebtId>();
    State = State->set<NextDebtId>(PId + 1);
    State = State->set<ProviderMap>(PId, Provider(P.Key, P.Kinds, Status, Success));
    for (const auto &E : State->get<DebtMap>()) {
      const Debt &D = E.second;
      if (D.getChan() != P.Key)
        continue;
      if ((P.Kinds & TaskCloses) ||
          (D.getKind() == DebtKind::Send && (P.Kinds & TaskSends)) ||
          (D.getKind() == DebtKind::Recv && (P.Kinds & TaskRecvs)))
        State = without<DebtMap>(State, E.first);
    }
  }
  return State;
}

/// The task first blocks receiving: what the owner must send or close,
/// after what is buffered.
static std::optional<NewDebt> recvDebt(ProgramStateRef &State,
                                        const PerChan &P, const ChanState *CS) {
  const TaskChanOp *Op = P.FirstBlocking;
  if (hasProvider(State, P.Key, TaskSends))
    return std::nullopt;
  if (Op->Shape == OpShape::UntilClosed)
    return NewDebt{DebtKind::Close, 1, Op};
  if (Op->Shape == OpShape::UntilValue) {
    if (CS->getBuffered())
      return std::nullopt; // what is queued may be the value
    return NewDebt{DebtKind::Send, 1, Op};
  }
  if (Op->Shape != OpShape::Once)
    return std::nullopt;
  unsigned Buffered = CS->getBuffered();
  unsigned Taken = std::min(Buffered, P.OnceRecvs);
  State = State->set<ChanMap>(P.Key, CS->withBuffered(Buffered - Taken));
  if (Taken == P.OnceRecvs)
    return std::nullopt;
  if (Taken < P.Once.size())
    Op = P.Once[Taken]; // the first receive that waits
  return NewDebt{DebtKind::Send, P.OnceRecvs - Taken, Op};
}

/// The task first blocks sending: what does not fit must be received.
static std::optional<NewDebt> sendDebt(ProgramStateRef &State,
                                        const PerChan &P, const ChanState *CS) {
  const TaskChanOp *Op = P.FirstBlocking;
  if (Op->Shape != OpShape::Once || hasProvider(State, P.Key, TaskRecvs) ||
      CS->getCapacity() < 0)
    return std::nullopt;
  unsigned Room = CS->getCapacity() > (int)CS->getBuffered()
                      ? CS->getCapacity() - CS->getBuffered()
                      : 0;
  if (P.OnceSends <= Room) {
    State = State->set<ChanMap>(P.Key, CS->withBuffered(CS->getBuffered() +
                                                        P.OnceSends));
    return std::nullopt;
  }
  State = State->set<ChanMap>(P.Key, CS->withBuffered(CS->getCapacity()));
  if (Room < P.Once.size())
    Op = P.Once[Room]; // the first send that waits
  return NewDebt{DebtKind::Recv, P.OnceSends - Room, Op};
}

/// What the owner now owes the task on channel \p P, if anything.
static std::optional<NewDebt> debtFor(ProgramStateRef &State, const PerChan &P) {
  const TaskChanOp *Op = P.FirstBlocking;
  // A task on both sides of a channel, or closing it, is its own business.
  if (!Op || (P.Kinds & TaskCloses) ||
      ((P.Kinds & TaskSends) && (P.Kinds & TaskRecvs)))
    return std::nullopt;
  const ChanState *CS = State->get<ChanMap>(P.Key);
  if (CS->isClosed() || hasProvider(State, P.Key, TaskCloses))
    return std::nullopt;
  return Op->Kind == ChanOpKind::Recv ? recvDebt(State, P, CS)
                                      : sendDebt(State, P, CS);
}

/// "; it waits to receive from 'c'": the spawn note's tail.
static std::string owedText(const NewDebt &D, const ChanState *CS) {
  std::string Ch = chanName(CS);
  switch (D.Kind) {
  case DebtKind::Send:
    return D.Op->Shape == OpShape::UntilValue
               ? "; it receives from " + Ch + " until a value ends its loop"
               : "; it waits to receive from " + Ch;
  case DebtKind::Close:
    return "; it receives from " + Ch + " until it is closed";
  case DebtKind::Recv:
    return "; it waits to send on " + Ch;
  }
  return "";
}

void ChannelChecker::spawnTask(const FunctionDecl *Entry, ArrayRef<SVal> Params,
                               const Expr *Spawn, SymbolRef Task,
                               SymbolRef Status, tl_success Success,
                               bool Coroutine, ProgramStateRef State,
                               CheckerContext &C) const {
  if (State->get<ChanMap>().isEmpty()) {
    C.addTransition(State);
    return;
  }
  const ChannelSummary &Sum = summaries().get(Entry);
  if (Sum.Unknown) {
    for (SVal P : Params)
      State = escapeReachable(State, P);
    C.addTransition(State);
    return;
  }
  for (const ChanPath &P : Sum.Escaped) {
    // &arg->lock handed to pthread_mutex_lock reaches no channel; only
    // pointers and handles are followed.
    if (!P.Fields.empty() && P.Fields.back()->getType()->isRecordType())
      continue;
    State = escapeReachable(State, resolvePath(P, Params, State, C));
  }
  llvm::SmallVector<PerChan, 2> Chans = groupByChan(Sum, Params, State, C);
  State = payOthers(State, Chans, Status, Success);
  std::string OwedText; // of the first debt
  bool Owes = false;
  for (const PerChan &P : Chans) {
    std::optional<NewDebt> D = debtFor(State, P);
    if (!D)
      continue;
    unsigned Id = State->get<NextDebtId>();
    State = State->set<NextDebtId>(Id + 1);
    State = State->set<DebtMap>(Id, Debt(D->Kind, P.Key, D->Count, D->Op, Entry,
                                         Spawn, Task, Status, Success, Coroutine));
    if (!Owes)
      OwedText = owedText(*D, State->get<ChanMap>(P.Key));
    Owes = true;
  }
  if (!Owes) {
    C.addTransition(State);
    return;
  }
  C.addTransition(State, spawnNote(Entry, Spawn, Coroutine, OwedText, C));
}

/// "Thread running 'worker' spawned here; it waits to ...", on our reports
/// uniqued at this spawn.
const NoteTag *ChannelChecker::spawnNote(const FunctionDecl *Entry,
                                         const Expr *Spawn, bool Coroutine,
                                         std::string OwedText,
                                         CheckerContext &C) const {
  std::string Who = std::string(Coroutine ? "Coroutine '" : "Thread running '") +
                    (Entry ? Entry->getNameAsString() : "") + "'";
  SourceLocation SpawnLoc = Spawn ? Spawn->getBeginLoc() : SourceLocation();
  return C.getNoteTag([this, Who, OwedText, SpawnLoc,
                       &SM = C.getSourceManager()](
                          PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR.getBugType()) ||
        SM.getExpansionLoc(BR.getUniqueingLocation().asLocation()) !=
            SM.getExpansionLoc(SpawnLoc))
      return "";
    return Who + " spawned here" + OwedText;
  });
}

/// The owner's send or receive on \p Chan pays, once, the first debt of
/// kind \p K (a task blocked on it) that \p Takes accepts; false when none.
template <typename TakesFn>
static bool payDebt(CheckerContext &C, SymbolRef Chan, DebtKind K,
                    TakesFn Takes) {
  ProgramStateRef State = C.getState();
  for (const auto &E : State->get<DebtMap>()) {
    const Debt &D = E.second;
    if (D.getChan() != Chan || D.getKind() != K || spawnFailed(State, D) ||
        !Takes(D))
      continue;
    C.addTransition(D.getCount() > 1
                        ? State->set<DebtMap>(E.first, D.paidOnce())
                        : without<DebtMap>(State, E.first));
    return true;
  }
  return false;
}

void ChannelChecker::preSend(const tl_fn_model &M, const CallEvent &Call,
                             SymbolRef Chan, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const ChanState *CS = State->get<ChanMap>(Chan);
  if (CS->isClosed())
    return; // fails at once
  bool Blocking = !M.nonblocking && !isTimed(M, Call);
  // A one-shot receiver, or a loop waiting for this value, takes it.
  if (payDebt(C, Chan, DebtKind::Send, [&](const Debt &D) {
        return D.getOp()->Shape != OpShape::UntilValue ||
               maySendSentinel(*D.getOp(), M, Call, C);
      }))
    return;
  if (hasProvider(State, Chan, TaskRecvs))
    return; // a receiving task takes it
  int Cap = CS->getCapacity();
  if (!Blocking)
    return;
  if (Cap < 0 || (int)CS->getBuffered() < Cap) {
    C.addTransition(State->set<ChanMap>(Chan, CS->withBuffered(CS->getBuffered() + 1)));
    return;
  }
  reportSelf(CK_Self, Chan,
             std::string("Sending on ") + (Cap == 0 ? "unbuffered " : "full ") +
                 chanName(CS, handleExpr(M, Call)) +
                 " blocks forever: no task ever receives from it",
             Call, C);
}

void ChannelChecker::preRecv(const tl_fn_model &M, const CallEvent &Call,
                             SymbolRef Chan, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const ChanState *CS = State->get<ChanMap>(Chan);
  if (CS->isClosed())
    return; // returns at once
  bool Blocking = !M.nonblocking && !isTimed(M, Call);
  // A sender blocked on a full or unbuffered channel goes on first.
  if (payDebt(C, Chan, DebtKind::Recv, [](const Debt &) { return true; }))
    return;
  if (CS->getBuffered()) {
    C.addTransition(State->set<ChanMap>(Chan, CS->withBuffered(CS->getBuffered() - 1)));
    return;
  }
  if (!Blocking || hasProvider(State, Chan, TaskSends | TaskCloses))
    return;
  reportSelf(CK_Self, Chan,
             "Receiving from " + chanName(CS, handleExpr(M, Call)) +
                 " blocks forever: no task ever sends to it or closes it",
             Call, C);
}

void ChannelChecker::preClose(SymbolRef Chan, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const ChanState *CS = State->get<ChanMap>(Chan);
  State = State->set<ChanMap>(Chan, CS->closed());
  for (const auto &E : State->get<DebtMap>())
    if (E.second.getChan() == Chan)
      State = without<DebtMap>(State, E.first);
  C.addTransition(State);
}

/// libdill's hclose on something that is not a channel: a coroutine's
/// handle (cancelling it: its blocked operations return ECANCELED) or a
/// bundle's (cancelling all of them).  Which bundle a coroutine is in is
/// not tracked, so any such close pays every coroutine that has a handle.
TASKLEAK_ROLE_HANDLER(ChannelChecker::preCancel) {
  ProgramStateRef State = C.getState();
  ProgramStateRef New = State;
  for (const auto &E : State->get<DebtMap>())
    if (E.second.isCoroutine() && E.second.getTask())
      New = without<DebtMap>(New, E.first);
  if (New != State)
    C.addTransition(New);
}

/// chan_dispose, libmill's chclose: the owner gives the channel up without
/// waking anyone, so what it still owed on it will never be paid.
void ChannelChecker::preFree(SymbolRef Chan, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  llvm::SmallVector<Debt, 2> Lost;
  for (const auto &E : State->get<DebtMap>())
    if (E.second.getChan() == Chan && !spawnFailed(State, E.second))
      Lost.push_back(E.second);
  State = dropChan(State, Chan);
  reportAll(C, State, Lost, /*Enabled=*/true,
            [&](const Debt &D, ExplodedNode *N) {
              reportDebt(D, State, N, C, /*AtJoin=*/false);
            });
}

/// The owner waits for a task that still waits for the owner.
TASKLEAK_ROLE_HANDLER(ChannelChecker::preJoin) {
  ProgramStateRef State = C.getState();
  if (State->get<DebtMap>().isEmpty())
    return;
  std::optional<SVal> H = handleArgValue(M, Call, State);
  SymbolRef Task = H ? H->getAsSymbol() : nullptr;
  if (!Task)
    return;
  for (const auto &E : State->get<DebtMap>()) {
    const Debt &D = E.second;
    if (D.getTask() != Task || spawnFailed(State, D))
      continue;
    if (!Enabled[subCheckerFor(D)])
      return;
    // The join never returns; the path goes on without this task's debts
    // (a sink would hide the report: the bug types are SuppressOnSink).
    for (const auto &Other : State->get<DebtMap>())
      if (Other.second.getTask() == Task)
        State = without<DebtMap>(State, Other.first);
    ExplodedNode *N = C.generateNonFatalErrorNode(State);
    if (!N)
      return;
    reportDebt(D, State, N, C, /*AtJoin=*/true);
    return;
  }
}

//===----------------------------------------------------------------------===//
// Reports.
//===----------------------------------------------------------------------===//

bool ChannelChecker::isOurs(const BugType &BT) const {
  return ownsBugType(BugTypes, BT);
}

/// The report's message and the note at the task's blocking call, for a
/// debt on channel \p Ch; returns the rule it belongs to.
static ChannelChecker::SubChecker debtText(const Debt &D, const std::string &Ch,
                                           std::string &Msg, std::string &Note) {
  const TaskChanOp *Op = D.getOp();
  Msg = taskName(D) + " blocks forever ";
  Note = "'" + (Op->Where ? Op->Where->getNameAsString() : "") + "' blocks here ";
  switch (D.getKind()) {
  case DebtKind::Send:
    Msg += "receiving from " + Ch + ": nothing ";
    if (Op->Shape == OpShape::UntilValue) {
      Msg += "sends the value that ends its loop or closes it";
      Note += "until it receives the value that ends its loop";
    } else {
      Msg += "sends to it or closes it";
      Note += "receiving";
    }
    return ChannelChecker::CK_Recv;
  case DebtKind::Close:
    Msg += "draining " + Ch + ": it is never closed";
    Note += "receiving until the channel is closed";
    return ChannelChecker::CK_Closed;
  case DebtKind::Recv:
    Msg += "sending on " + Ch + ": nothing receives from it";
    Note += "sending";
    return ChannelChecker::CK_Send;
  }
  return ChannelChecker::CK_Closed;
}

/// Uniqued at the spawn: one task's wait is one bug, whatever the path.
static PathDiagnosticLocation spawnLocation(const Debt &D, ExplodedNode *N,
                                            CheckerContext &C,
                                            const Decl *&InDecl) {
  InDecl = nullptr;
  if (!D.getSpawn())
    return PathDiagnosticLocation();
  for (const ExplodedNode *P = N; P; P = P->getFirstPred())
    if (P->getStmtForDiagnostics() == D.getSpawn()) {
      InDecl = P->getLocationContext()->getDecl();
      return PathDiagnosticLocation::createBegin(D.getSpawn(), C.getSourceManager(),
                                                 P->getLocationContext());
    }
  return PathDiagnosticLocation::createBegin(D.getSpawn(), C.getSourceManager(),
                                             C.getLocationContext());
}

void ChannelChecker::reportDebt(const Debt &D, ProgramStateRef State,
                                ExplodedNode *N, CheckerContext &C,
                                bool AtJoin) const {
  // The channel may be gone from the map: find its name on the way back.
  const ChanState *CS = nullptr;
  for (const ExplodedNode *P = N; P && !CS; P = P->getFirstPred())
    CS = P->getState()->get<ChanMap>(D.getChan());
  std::string Msg, Note;
  SubChecker K = debtText(D, chanName(CS), Msg, Note);
  if (!Enabled[K])
    return;
  (void)AtJoin;
  const Decl *InDecl = nullptr;
  PathDiagnosticLocation Loc = spawnLocation(D, N, C, InDecl);
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N, Loc,
                                                    InDecl);
  if (const TaskChanOp *Op = D.getOp(); Op->Call)
    R->addNote(Note, PathDiagnosticLocation(
                         C.getSourceManager().getExpansionLoc(Op->Call->getBeginLoc()),
                         C.getSourceManager()));
  R->markInteresting(D.getChan());
  C.emitReport(std::move(R));
}

void ChannelChecker::reportSelf(SubChecker K, SymbolRef Chan, std::string Msg,
                                const CallEvent &Call, CheckerContext &C) const {
  if (!Enabled[K])
    return;
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Chan);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

static void enable(CheckerManager &Mgr, ChannelChecker::SubChecker K) {
  static const char *const BugNames[] = {
      "Receive never satisfied", "Send never received", "Channel never closed",
      "Self-deadlock on a channel"};
  // A task waiting when the owner's path ends in abort() is no finding.
  enableRule<ChannelChecker>(Mgr, K, BugNames[K], "Task blocked on a channel",
                             /*SuppressOnSink=*/K != ChannelChecker::CK_Self);
}

static RegisterChecker ChannelModeling{ChannelModelingName,
                                       registerModelingChecker<ChannelChecker>};
// TL201 to TL204, in the order of ChannelChecker::SubChecker.
static RegisterRules<enable> ChannelRules{{RecvNeverSatisfiedName,
                                           SendNeverReceivedName,
                                           NeverClosedName, SelfDeadlockName}};
