//===- TimerChecker.cpp - timers that outlive what they use ---------------===//
//
// The timer family: TL301 ActiveAtRelease and TL302 Leaked.  It tracks every
// timer a modelled call creates (rules/models/timers.json: GLib sources,
// libuv timers, libevent events, POSIX timers, timerfd) through this
// typestate:
//
//        create (armed: GLib)           create (not armed)
//               |                              |
//               |                           Created --arm--> Armed
//               v                              ^               |
//             Armed <----------- arm ---------- Disarmed <-disarm
//               |                                              |
//               +---- free (g_source_remove, timer_delete, ----+
//               |      event_free, close)  --> Freed (dropped)
//               +---- free with a completion callback (uv_close) --> Closing
//
//   any state -- the handle escapes to unseen code --> Escaped (dropped)
//
//   Armed (or, for a libuv handle, anything but Freed, Closing included)
//   when the callback's data, or the timer object itself, is freed or its
//   frame ends                                                   -> TL301
//   a handle that must be released (all but a one-shot or self-stopping
//   GLib source, which its loop owns) dies unreleased              -> TL302
//
// A GLib source's repetition is its callback's business: the summary
// (TimerSummary.h) says whether it returns FALSE on every path.  A failed
// create (uv_timer_init != 0, event_new == NULL, timerfd_create < 0,
// timer_create != 0) is no timer.
//
// Across functions, the owner-object protocol: functions that end an owner
// of timer fields (free it, destroy / dispose / close it, C++ destructors)
// are analysed with those fields assumed to hold live timers; ending the
// owner without releasing them is reported, naming the function that
// created the timer.  A guard on the handle itself (`if (s->id)
// g_source_remove(s->id)`) is honoured: where the id is 0 there is no
// source.
//
// Unlike the lifetime family, these calls are evaluated conservatively and
// only observed (pre/post call): close is shared with the pipe checkers,
// and the conservative call already escapes the callback's data the way
// other checkers (MallocChecker) expect.
//
//===----------------------------------------------------------------------===//

#include "FieldPointers.h"
#include "FieldSpelling.h"
#include "GObjectOwners.h"
#include "Handles.h"
#include "CallSuccess.h"
#include "Compat.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "Registry.h"
#include "RuleChecker.h"
#include "RoleTable.h"
#include "StateTraits.h"
#include "TimerSummary.h"
#include "MembershipGuard.h"
#include "TrackedHandle.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
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

enum class TimerKind : unsigned char { Created, Armed, Disarmed, Closing };

/// Whether the timer may fire more than once.
enum class Repeat : unsigned char { Unknown, Never, Always, Sometimes };

/// What the path knows about one timer, beyond what every tracked handle
/// keeps (engine/TrackedHandle.h: the create's model, where the handle or
/// the object lives, the create's status, stored away, lost).  Small: every
/// node copies it.
class TimerState : public TrackedHandle<TimerState> {
public:
  TimerState(TimerKind K, const tl_fn_model *Create, const FunctionDecl *Callback,
             const MemRegion *Data, const MemRegion *HandleRegion, Repeat R)
      : TrackedHandle(Create, nullptr, HandleRegion), K(K), R(R), Callback(Callback),
        Data(Data) {}

  TimerKind getKind() const { return K; }
  Repeat getRepeat() const { return R; }
  const tl_fn_model *getCreate() const { return getOrigin(); }
  const FunctionDecl *getCallback() const { return Callback; }
  /// The memory the callback's data points into.
  const MemRegion *getData() const { return Data; }
  /// Assumed at the entry of an owner-ending function.
  const TimerField *getOwner() const { return Owner; }
  /// The owner-ending function owes this timer's release (not excused).
  bool owes() const { return Owes; }
  const FunctionDecl *getCloseCallback() const { return CloseCallback; }
  /// The free of the callback's data (or of a pointer field of it that the
  /// callback uses) while the timer was pending.  Reported only if the
  /// timer is still pending when control can go back to the loop: the end
  /// of the analysed function, or a loop run.
  const CallExpr *getFreedAt() const { return FreedAt; }
  /// The field freed, or null when the data itself was.
  const MemRegion *getFreedField() const { return FreedField; }
  TimerState dataFreed(const CallExpr *At, const MemRegion *Field) const {
    TimerState S = *this;
    S.FreedAt = At;
    S.FreedField = Field;
    return S;
  }

  /// An object the program gives the timer API (uv_timer_t, struct event).
  bool isObject() const { return Origin->object_arg != TL_NO_ARG; }
  /// A source created armed that returns its handle (GLib): its loop owns
  /// it, and it ends itself unless it repeats.
  bool loopOwned() const { return Origin->armed && Origin->handle_return; }
  /// An object created without its callback (uv_timer_init) is in its
  /// loop's list from then until its close completes; one created with its
  /// callback (event_assign) only while added.
  bool heldFromCreation() const {
    return isObject() && Origin->entry_arg == TL_NO_ARG;
  }
  /// Can the loop still touch it (fire, or walk its handle list)?
  bool isPending() const {
    if (heldFromCreation())
      return true;
    return K == TimerKind::Armed;
  }
  /// Does losing the handle leak a resource?
  bool needsRelease() const {
    if (isObject())
      return false;
    return !loopOwned() || R == Repeat::Always;
  }

  TimerState withKind(TimerKind NewK) const { return with(&TimerState::K, NewK); }
  TimerState armed(const FunctionDecl *CB, const MemRegion *D, Repeat NewR) const {
    TimerState S = *this;
    S.K = TimerKind::Armed;
    if (CB)
      S.Callback = CB;
    if (D)
      S.Data = D;
    if (NewR != Repeat::Unknown)
      S.R = NewR;
    return S;
  }
  TimerState closing(const FunctionDecl *CB) const {
    TimerState S = *this;
    S.K = TimerKind::Closing;
    S.CloseCallback = CB;
    return S;
  }
  TimerState withoutData() const { return with(&TimerState::Data, nullptr); }
  TimerState seeded(const TimerField *TF, bool OwesIt) const {
    TimerState S = storedAway();
    S.Owner = TF;
    S.Owes = OwesIt;
    return S;
  }

  auto fields() const {
    return std::make_tuple(K, R, Callback, Data, Owner, Owes, CloseCallback, FreedAt, FreedField);
  }

private:
  TimerKind K;
  Repeat R;
  const FunctionDecl *Callback;         // fires it, if known
  const MemRegion *Data;                // the callback's data
  const TimerField *Owner = nullptr;    // owner protocol seed
  bool Owes = false;
  const FunctionDecl *CloseCallback = nullptr; // Closing: runs later
  const CallExpr *FreedAt = nullptr;           // data freed while pending
  const MemRegion *FreedField = nullptr;
};

class TimerChecker
    : public RoleGated<check::PreCall, check::PostCall, check::Bind,
                       check::DeadSymbols, check::PointerEscape,
                       check::BeginFunction, check::EndFunction> {
public:
  /// A timer, and the unit's owners of timers, start at a create call
  /// (UnitGate.h).
  static constexpr tl_role StartRoles[] = {TL_ROLE_TIMER_CREATE};
  static constexpr bool EveryCxxUnit = false; // its state starts at C calls only
  enum SubChecker { CK_ActiveAtRelease, CK_Leaked, CK_NumCheckKinds };

  bool Enabled[CK_NumCheckKinds] = {};
  std::unique_ptr<BugType> BugTypes[CK_NumCheckKinds];
  const ModelIndex *Models = nullptr;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  TASKLEAK_POINTER_ESCAPE;

private:
  mutable std::unique_ptr<TimerOwners> Owners;
  const TimerOwners &owners(ASTContext &Ctx) const {
    if (!Owners)
      Owners = std::make_unique<TimerOwners>(Ctx, *Models);
    return *Owners;
  }
  const tl_fn_model *timerModel(const CallEvent &Call) const;

  TASKLEAK_ROLE_HANDLER(postCreate);
  ProgramStateRef seedOwner(ProgramStateRef State, const EndedOwner &EO,
                            const FunctionDecl *FD, CheckerContext &C,
                            std::vector<SeededField> &Seeded) const;
  SymbolRef createdHandle(const tl_fn_model &M, const CallEvent &Call,
                          CheckerContext &C, ProgramStateRef &State,
                          TimerState &TS) const;
  TASKLEAK_ROLE_HANDLER(postArm);
  TASKLEAK_ROLE_HANDLER(postDisarm);
  TASKLEAK_ROLE_HANDLER(preRelease);
  TASKLEAK_ROLE_HANDLER(preFree);
  void postLoopRun(CheckerContext &C) const;
  void escapeByValueArgs(const CallEvent &Call, CheckerContext &C) const;
  bool reportStaleId(const tl_fn_model &M, const CallEvent &Call,
                     CheckerContext &C, ProgramStateRef Next) const;

  struct Finding {
    SubChecker Kind;
    std::string Msg;
    SymbolRef Sym;          ///< value handle, or
    const MemRegion *Obj;   ///< object timer
    bool AtCreate;          ///< unique at the create site
  };
  void emit(const llvm::SmallVectorImpl<Finding> &Found, ProgramStateRef State,
            CheckerContext &C) const;
  /// One free(): the memory it frees, and what it found.
  struct FreeScan {
    const MemRegion *Freed = nullptr;
    const FieldRegion *FreedField = nullptr;
    const CallExpr *FreeCall = nullptr;
    const TimerOwners *Owners = nullptr;
    ProgramStateRef State; ///< at the free: what was removed from where
    llvm::SmallVector<Finding, 2> Found;
    llvm::SmallVector<std::pair<SymbolRef, const MemRegion *>, 2> Marked;
    std::optional<TimerState> freesData(const TimerState &TS, bool HandleFreed) const;
  };
  ProgramStateRef freeValueTimers(ProgramStateRef State, FreeScan &S,
                                  CheckerContext &C) const;
  /// The end of one frame: what goes out of scope with it.
  struct FrameEnd {
    const StackFrameContext *Frame = nullptr;
    bool MainEnds = false; ///< main returns: the program and its loop end
    bool TopEnder = false; ///< the top frame ends an owner of timers
    std::string Fn;        ///< the function, for messages
    llvm::SmallVector<Finding, 2> Found;
    bool inFrame(const MemRegion *R) const;
  };
  ProgramStateRef endValueTimers(ProgramStateRef State, FrameEnd &F,
                                 CheckerContext &C) const;
  ProgramStateRef endObjectTimers(ProgramStateRef State, FrameEnd &F,
                                  CheckerContext &C) const;
  ProgramStateRef freeObjectTimers(ProgramStateRef State, FreeScan &S,
                                   CheckerContext &C) const;
  ProgramStateRef collectFreedData(ProgramStateRef State, CheckerContext &C,
                                   llvm::SmallVectorImpl<Finding> &Found) const;
  bool isOurs(const BugType &BT) const;
  const NoteTag *timerNote(CheckerContext &C, SymbolRef Sym, const MemRegion *Obj,
                           std::string Text) const;
};

} // namespace

// Timer handle values (source ids, fds, timer_t, struct event *) -> state.
REGISTER_MAP_WITH_PROGRAMSTATE(TimerValues, SymbolRef, TimerState)
// Timer objects the program owns (uv_timer_t, an embedded struct event),
// keyed by their region with casts stripped -> state.
REGISTER_MAP_WITH_PROGRAMSTATE(TimerObjects, const MemRegion *, TimerState)

//===----------------------------------------------------------------------===//
// Small helpers.
//===----------------------------------------------------------------------===//


static const MemRegion *objectKey(ProgramStateRef State, SVal V) {
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return nullptr;
  R = R->StripCasts();
  return canonicalField(State, R);
}

/// The region a symbol was read from (`s->id` for the value s->id had).
static const MemRegion *originOf(SymbolRef S) {
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(S))
    return RV->getRegion();
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(S))
    return D->getRegion();
  return nullptr;
}


// The model's call classes (rules/models/timers.json):
//  - loop_run: runs an event loop; a one-shot timer may have fired by the
//    time it returns;
//  - loop_close: may close every handle of a loop (uv_walk hands each one to
//    a callback, the usual `uv_walk(loop, close_cb)` teardown; a successful
//    uv_loop_close proves none is left);
//  - timer_query: asks whether a timer is set up or pending; code that tests
//    this before stopping or freeing keeps its own account, which the path
//    cannot follow (`if (evtimer_initialized(&t)) evtimer_del(&t);`).

static Repeat fromCallback(const TimerOwners &O, const FunctionDecl *CB) {
  switch (O.callback(CB).Returns) {
  case CallbackReturns::Never:
    return Repeat::Never;
  case CallbackReturns::Always:
    return Repeat::Always;
  case CallbackReturns::Sometimes:
    return Repeat::Sometimes;
  default:
    return Repeat::Unknown;
  }
}

/// Does the path know this timer's create failed, or its handle holds the
/// "no timer" value (id 0, a negative fd, NULL)?  The owner's guard
/// `if (s->id) g_source_remove(s->id)` leaves exactly that on its else path.
static bool knownAbsent(ProgramStateRef State, CheckerContext &C, SymbolRef Handle,
                        const TimerState &TS) {
  SValBuilder &SVB = C.getSValBuilder();
  auto MustHold = [&](SVal Cond) {
    auto D = Cond.getAs<DefinedOrUnknownSVal>();
    if (!D || D->isUnknown())
      return false;
    ProgramStateRef T, F;
    std::tie(T, F) = State->assume(*D);
    return T && !F;
  };
  if (SymbolRef St = TS.getStatus())
    if (TS.getCreate()->success == TL_SUCCESS_ZERO) {
      SVal Zero = SVB.makeZeroVal(St->getType());
      if (MustHold(SVB.evalBinOp(State, BO_NE, nonloc::SymbolVal(St), Zero,
                                 SVB.getConditionType())))
        return true;
    }
  if (!Handle)
    return false;
  QualType T = Handle->getType();
  SVal V = T->isPointerType() || T->isNullPtrType()
               ? SVal(loc::MemRegionVal(
                     C.getStoreManager().getRegionManager().getSymbolicRegion(Handle)))
               : SVal(nonloc::SymbolVal(Handle));
  if (TS.getCreate()->success == TL_SUCCESS_NONNEGATIVE && T->isSignedIntegerType())
    return MustHold(SVB.evalBinOp(State, BO_LT, V, SVB.makeZeroVal(T),
                                  SVB.getConditionType()));
  // A source id kept in a signed field: -1 is the usual "none" (irssi).
  if (T->isSignedIntegerType())
    return MustHold(SVB.evalBinOp(State, BO_LE, V, SVB.makeZeroVal(T),
                                  SVB.getConditionType()));
  if (T->isPointerType() || T->isIntegerType())
    return MustHold(SVB.evalBinOp(State, BO_EQ, V, SVB.makeZeroVal(T),
                                  SVB.getConditionType()));
  return false;
}

/// The object holding \p R is known to be NULL on this path (`if (!t)
/// return 0;` at the top of a destroy function).
static bool ownerIsNull(ProgramStateRef State, const MemRegion *R) {
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR)
    return false;
  ProgramStateRef NonNull, Null;
  std::tie(NonNull, Null) = State->assume(loc::MemRegionVal(SR));
  return Null && !NonNull;
}

//===----------------------------------------------------------------------===//
// Naming things in messages.
//===----------------------------------------------------------------------===//

/// "GLib source", "libuv timer", ...: the creating model's "noun".
static std::string noun(const tl_fn_model *M) {
  return M->noun ? M->noun : "timer";
}

/// What releasing one is called: the creating model's "released".
static std::string releaseVerb(const tl_fn_model *M) {
  return M->released ? M->released : "released";
}

static std::string quote(const FunctionDecl *FD) {
  return FD ? "'" + FD->getNameAsString() + "'" : "";
}

/// " (created in 'start')" for a timer the owner protocol assumed.
static std::string createdIn(const TimerState &TS) {
  if (!TS.getOwner())
    return "";
  return std::string(" (") + (TS.loopOwned() ? "added" : "created") + " in " +
         "'" + TS.getOwner()->AcquiredIn->getNameAsString() + "')";
}

/// "GLib source calling 'tick'", "timerfd 'fd'".
static std::string timerName(const TimerState &TS, const MemRegion *Where = nullptr) {
  std::string S = noun(TS.getCreate());
  std::string Name = describeRegion(Where ? Where : TS.getHandleRegion(),
                                    /*BareMember=*/false);
  // A timer object named by its pointer: "t", not "*t".
  if (!Name.empty() && Name[0] == '*')
    Name = Name.substr(1);
  if (!Name.empty())
    S += " '" + Name + "'";
  if (TS.getCallback())
    S += " calling " + quote(TS.getCallback());
  return S;
}

/// The source spelling of \p E (the pointer handed to free), for memory the
/// store cannot name (a heap block).
static std::string spell(const Expr *E) {
  return exprSpelling(E ? E->IgnoreParenImpCasts() : nullptr);
}

/// The callback's data, by the spelling of the pointer freed when given.
static std::string dataName(const MemRegion *R, const std::string &Spelled = "") {
  std::string Name = Spelled;
  if (Name.empty() && R)
    Name = describeRegion(R->getBaseRegion(), false);
  if (Name.empty() && R)
    Name = describeRegion(R, false);
  return Name.empty() ? "its data" : "its data '" + Name + "'";
}

//===----------------------------------------------------------------------===//
// Callbacks: look up the model row, hand it to one handler.
//===----------------------------------------------------------------------===//

const tl_fn_model *TimerChecker::timerModel(const CallEvent &Call) const {
  return withRole(Models->lookup(Call),
                  {TL_ROLE_TIMER_CREATE, TL_ROLE_TIMER_ARM, TL_ROLE_TIMER_DISARM,
                   TL_ROLE_TIMER_FREE, TL_ROLE_CLOSE, TL_ROLE_FREE});
}

void TimerChecker::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  const tl_fn_model *M = timerModel(Call);
  if (!M && Models->isCall(Call, TL_ROLE_LIST_REMOVE))
    C.addTransition(noteRemoval(Call, C.getState()));
  if (!M)
    return;
  if (M->role == TL_ROLE_TIMER_FREE || M->role == TL_ROLE_CLOSE)
    preRelease(*M, Call, C);
  else if (M->role == TL_ROLE_FREE)
    preFree(*M, Call, C);
}

void TimerChecker::checkPostCall(const CallEvent &Call, CheckerContext &C) const {
  const tl_fn_model *M = timerModel(Call);
  if (!M) {
    if (Models->isCall(Call, TL_ROLE_LOOP_RUN)) {
      postLoopRun(C);
    } else if (Models->isCall(Call, TL_ROLE_LOOP_CLOSE)) {
      ProgramStateRef State = C.getState();
      for (const auto &E : State->get<TimerObjects>())
        if (E.second.heldFromCreation())
          State = without<TimerObjects>(State, E.first);
      C.addTransition(State);
    } else if (Models->isCall(Call, TL_ROLE_TIMER_QUERY) && Call.getNumArgs() > 0) {
      ProgramStateRef State = C.getState();
      SVal H = Call.getArgSVal(0);
      if (SymbolRef Sym = H.getAsSymbol())
        State = without<TimerValues>(State, Sym);
      if (const MemRegion *Obj = objectKey(State, H))
        State = without<TimerObjects>(State, Obj);
      C.addTransition(State);
    } else if (!Models->lookup(Call)) {
      escapeByValueArgs(Call, C);
    }
    return;
  }
  static const RoleRow<TimerChecker> Post[] = {
      {TL_ROLE_TIMER_CREATE, &TimerChecker::postCreate},
      {TL_ROLE_TIMER_ARM, &TimerChecker::postArm},
      {TL_ROLE_TIMER_DISARM, &TimerChecker::postDisarm}};
  dispatchRole(*this, Post, *M, Call, C);
}

/// A handle given by value to the project's own code that the analyzer
/// does not step into has left our sight: that code may release it.
/// Library functions (epoll_ctl, fcntl) do not.
void TimerChecker::escapeByValueArgs(const CallEvent &Call, CheckerContext &C) const {
  if (C.wasInlined || Call.isInSystemHeader())
    return;
  ProgramStateRef State = forgetArgSymbols<TimerValues>(C.getState(), Call);
  if (State != C.getState())
    C.addTransition(State);
}

/// Remembers where a returned handle is stored: for messages, for a heap
/// block freed with it, and to leave a field of a longer-lived object to
/// its owner.
void TimerChecker::checkBind(SVal Loc, SVal Val, const Stmt *,
                             CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  auto [Sym, R, TS] = boundHandle<TimerValues>(State, Loc, Val);
  if (!TS || TS->getOwner())
    return;
  const MemSpaceRegion *Space = R->getMemorySpace();
  if (isa<GlobalsSpaceRegion>(Space)) {
    C.addTransition(without<TimerValues>(State, Sym));
    return;
  }
  TimerState New = *TS;
  if (!TS->getHandleRegion() || isa<StackSpaceRegion>(TS->getHandleRegion()->getMemorySpace()))
    New = New.withHandle(R);
  if (!isa<StackSpaceRegion>(Space) && !isa<HeapSpaceRegion>(Space))
    New = New.storedAway();
  if (!(New == *TS))
    C.addTransition(State->set<TimerValues>(Sym, New));
}

//===----------------------------------------------------------------------===//
// Handlers: one per role.
//===----------------------------------------------------------------------===//

/// Whether the created timer repeats, as its model says.
static Repeat repeatOf(const tl_fn_model &M, const CallEvent &Call,
                       const TimerOwners &O, const FunctionDecl *CB) {
  switch (M.repeats) {
  case TL_REPEAT_NEVER:
    return Repeat::Never;
  case TL_REPEAT_ALWAYS:
    return Repeat::Always;
  case TL_REPEAT_CALLBACK:
    return fromCallback(O, CB);
  case TL_REPEAT_FLAG:
    if (isArg(M.flags_arg, Call))
      if (auto CI = Call.getArgSVal(M.flags_arg).getAs<nonloc::ConcreteInt>())
        return (CI->getValue().getExtValue() & M.repeat_flag) ? Repeat::Always
                                                              : Repeat::Never;
    return Repeat::Unknown;
  default:
    return Repeat::Unknown;
  }
}

/// A timer handed itself as its callback's argument (a `timer_self` call
/// there: libevent's event_self_cbarg()), or whose callback releases the
/// timer it is given or the one a `timer_self` call returns, ends itself.
static bool endsItself(const tl_fn_model &M, const CallEvent &Call,
                       const TimerOwners &O, const ModelIndex &Models,
                       const FunctionDecl *CB) {
  if (!isArg(M.entry_param_arg, Call) || M.object_arg != TL_NO_ARG)
    return false;
  const auto *ArgCall = dyn_cast_or_null<CallExpr>(
      Call.getArgExpr(M.entry_param_arg)->IgnoreParenCasts());
  const FunctionDecl *ArgFn = ArgCall ? ArgCall->getDirectCallee() : nullptr;
  return Models.isCall(ArgFn, TL_ROLE_TIMER_SELF) || O.callback(CB).ReleasesData ||
         O.callback(CB).ReleasesSelf;
}

/// The handle value a create yields (returned, or written to an
/// out-parameter, which \p TS then records); null if none is followed.
SymbolRef TimerChecker::createdHandle(const tl_fn_model &M, const CallEvent &Call,
                                      CheckerContext &C, ProgramStateRef &State,
                                      TimerState &TS) const {
  SVal Ret = Call.getReturnValue();
  if (M.handle_return) {
    SymbolRef Handle = Ret.getAsSymbol();
    // GLib source ids are never 0.
    if (Handle && M.success == TL_SUCCESS_ALWAYS && M.armed)
      if (auto D = Ret.getAs<DefinedOrUnknownSVal>())
        if (ProgramStateRef NZ = State->assume(*D, true))
          State = NZ;
    return Handle;
  }
  const auto *TR =
      dyn_cast_or_null<TypedValueRegion>(argRegion(M.handle_out_arg, Call));
  if (!TR)
    return nullptr;
  SValBuilder &SVB = C.getSValBuilder();
  DefinedOrUnknownSVal H = SVB.conjureSymbolVal(this, Call.getOriginExpr(),
                                                C.getLocationContext(),
                                                TR->getValueType(), C.blockCount());
  State = State->bindLoc(loc::MemRegionVal(TR), H, C.getLocationContext());
  TS = TS.withHandle(TR);
  const MemSpaceRegion *Space = TR->getMemorySpace();
  if (isa<GlobalsSpaceRegion>(Space))
    return nullptr;
  if (!isa<StackSpaceRegion>(Space) && !isa<HeapSpaceRegion>(Space))
    TS = TS.storedAway();
  return H.getAsSymbol();
}

TASKLEAK_ROLE_HANDLER(TimerChecker::postCreate) {
  ProgramStateRef State = C.getState();
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return;
  const TimerOwners &O = owners(C.getASTContext());
  const FunctionDecl *CB = argFunction(M.entry_arg, Call);
  const MemRegion *Data = nullptr;
  if (isArg(M.entry_param_arg, Call))
    Data = Call.getArgSVal(M.entry_param_arg).getAsRegion();
  Repeat R = repeatOf(M, Call, O, CB);
  if (endsItself(M, Call, O, *Models, CB))
    return;
  TimerState TS(M.armed ? TimerKind::Armed : TimerKind::Created, &M, CB, Data,
                nullptr, R);
  if (M.success == TL_SUCCESS_ZERO)
    TS = TS.withStatus(Call.getReturnValue().getAsSymbol());
  std::string Verb = M.armed ? "added" : "created";
  if (M.object_arg != TL_NO_ARG) {
    const MemRegion *Obj = isArg(M.object_arg, Call)
                               ? objectKey(State, Call.getArgSVal(M.object_arg))
                               : nullptr;
    if (!Obj)
      return;
    // The conservative call clobbered the object: it is the API's now.
    TS = TS.withHandle(Obj);
    State = State->set<TimerObjects>(Obj, TS);
    C.addTransition(State, timerNote(C, nullptr, Obj,
                                     "The " + timerName(TS) + " is " + Verb + " here"));
    return;
  }
  SymbolRef Handle = createdHandle(M, Call, C, State, TS);
  if (!Handle)
    return;
  State = State->set<TimerValues>(Handle, TS);
  C.addTransition(State, timerNote(C, Handle, nullptr,
                                   "The " + timerName(TS) + " is " + Verb + " here"));
}

TASKLEAK_ROLE_HANDLER(TimerChecker::postArm) {
  if (!isArg(M.handle_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  SVal H = Call.getArgSVal(M.handle_arg);
  SymbolRef Sym = H.getAsSymbol();
  const MemRegion *Obj = nullptr;
  const TimerState *Known = Sym ? State->get<TimerValues>(Sym) : nullptr;
  if (!Known) {
    Sym = nullptr;
    Obj = objectKey(State, H);
    Known = Obj ? State->get<TimerObjects>(Obj) : nullptr;
  }
  if (!Known)
    return;
  const FunctionDecl *CB = argFunction(M.entry_arg, Call);
  const MemRegion *Data = argRegion(M.entry_param_arg, Call);
  Repeat R = Repeat::Unknown;
  if (M.repeats == TL_REPEAT_ARG && isArg(M.repeat_arg, Call)) {
    if (auto CI = Call.getArgSVal(M.repeat_arg).getAs<nonloc::ConcreteInt>())
      R = CI->getValue() != 0 ? Repeat::Always : Repeat::Never;
  } else if (M.repeats == TL_REPEAT_CALLBACK) {
    R = fromCallback(owners(C.getASTContext()), CB);
  }
  TimerState New = Known->armed(CB, Data, R);
  // A failed arm (event_add's -1) queues nothing: the timer stays as it was.
  CallOutcome Out = splitOnSuccess(M, Call, State, C);
  if (Out.Failed)
    C.addTransition(Out.Failed);
  if (!Out.Succeeded)
    return;
  State = Sym ? Out.Succeeded->set<TimerValues>(Sym, New)
              : Out.Succeeded->set<TimerObjects>(Obj, New);
  C.addTransition(State, timerNote(C, Sym, Obj, "The " + timerName(New) + " is armed here"));
}

TASKLEAK_ROLE_HANDLER(TimerChecker::postDisarm) {
  if (!isArg(M.handle_arg, Call))
    return;
  ProgramStateRef State = C.getState();
  SVal H = Call.getArgSVal(M.handle_arg);
  if (SymbolRef Sym = H.getAsSymbol())
    if (const TimerState *TS = State->get<TimerValues>(Sym)) {
      C.addTransition(State->set<TimerValues>(Sym, TS->withKind(TimerKind::Disarmed)),
                      timerNote(C, Sym, nullptr, "The " + timerName(*TS) + " is stopped here"));
      return;
    }
  if (const MemRegion *Obj = objectKey(State, H))
    if (const TimerState *TS = State->get<TimerObjects>(Obj))
      if (TS->getKind() != TimerKind::Closing)
        C.addTransition(State->set<TimerObjects>(Obj, TS->withKind(TimerKind::Disarmed)),
                        timerNote(C, nullptr, Obj, "The " + timerName(*TS) + " is stopped here"));
}

/// g_source_remove, timer_delete, event_free, close, uv_close.
TASKLEAK_ROLE_HANDLER(TimerChecker::preRelease) {
  ProgramStateRef State = C.getState();
  std::optional<SVal> HV = handleArgValue(M, Call, State);
  if (!HV)
    return;
  SVal H = *HV;
  if (SymbolRef Sym = H.getAsSymbol())
    if (const TimerState *TS = State->get<TimerValues>(Sym)) {
      ProgramStateRef Next = without<TimerValues>(State, Sym);
      if (!reportStaleId(M, Call, C, Next))
        C.addTransition(Next, timerNote(C, Sym, nullptr,
                                        "The " + timerName(*TS) + " is " +
                                            releaseVerb(TS->getCreate()) + " here"));
      return;
    }
  if (reportStaleId(M, Call, C, State))
    return;
  // uv_close(h, cb): closing; the handle's memory is the loop's until cb.
  const MemRegion *Obj = objectKey(State, H);
  const TimerState *TS = Obj ? State->get<TimerObjects>(Obj) : nullptr;
  if (!TS)
    return;
  if (M.role == TL_ROLE_TIMER_FREE && isArg(M.entry_arg, Call)) {
    const FunctionDecl *CB = Call.getArgSVal(M.entry_arg).getAsFunctionDecl();
    std::string Then = CB ? "; " + quote(CB) + " runs when it is done"
                          : "; nothing is told when it is done";
    C.addTransition(State->set<TimerObjects>(Obj, TS->closing(CB)),
                    timerNote(C, nullptr, Obj,
                              "The " + timerName(*TS) + " is closing here" + Then));
    return;
  }
  C.addTransition(without<TimerObjects>(State, Obj));
}

/// g_source_remove(s->id) where the source behind s->id is one-shot and its
/// callback never clears s->id: once it has run, the id names nothing (or,
/// reused, another source).  Silent when this path created the source and
/// no loop has run since.
bool TimerChecker::reportStaleId(const tl_fn_model &M, const CallEvent &Call,
                                 CheckerContext &C, ProgramStateRef Next) const {
  if (!Enabled[CK_ActiveAtRelease] || M.role != TL_ROLE_TIMER_FREE || M.handle_by_pointer)
    return false;
  ProgramStateRef State = C.getState();
  SymbolRef Sym = Call.getArgSVal(M.handle_arg).getAsSymbol();
  const TimerState *TS = Sym ? State->get<TimerValues>(Sym) : nullptr;
  if (TS && !TS->getOwner())
    return false;
  const auto *FR = dyn_cast_or_null<FieldRegion>(canonicalField(State, originOf(Sym)));
  if (!FR)
    return false;
  const TimerField *TF = owners(C.getASTContext()).staleId(FR->getDecl());
  if (!TF)
    return false;
  ExplodedNode *N = C.generateNonFatalErrorNode(Next);
  if (!N)
    return true;
  std::string Field = describeRegion(FR, false);
  if (Field.empty())
    Field = FR->getDecl()->getNameAsString();
  std::string CB = TF->Runs ? quote(TF->Runs) : "its callback";
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BugTypes[CK_ActiveAtRelease],
      "Source id '" + Field + "' may be stale when removed: " + CB +
          " returns FALSE, which destroys the source added in " +
          quote(TF->AcquiredIn) + ", without clearing the id",
      N);
  R->addRange(Call.getSourceRange());
  C.emitReport(std::move(R));
  return true;
}

/// free(p): a pending timer whose callback's data is p, or a field of p the
/// callback uses, may fire on freed memory; a timer object inside p is
/// freed under its loop (TL301); a timer handle that lived only in p is
/// lost (TL302).
/// Marks a pending timer whose data (or a field of it the callback uses)
/// this call frees: a finding only if it is still pending when the loop
/// can run again.
std::optional<TimerState>
TimerChecker::FreeScan::freesData(const TimerState &TS, bool HandleFreed) const {
  if (!FreeCall || TS.getFreedAt() || !TS.isPending() ||
      (TS.getOwner() && !TS.owes() && HandleFreed))
    return std::nullopt;
  const MemRegion *D = TS.getData();
  if (!D)
    return std::nullopt;
  // The callback checks its data is still in a container this path took it
  // out of (MembershipGuard.h): it will not read the freed memory.
  const clang::VarDecl *LiveIn = Owners->callback(TS.getCallback()).LiveIn;
  if (LiveIn && removedFrom(State, D) == LiveIn)
    return std::nullopt;
  if (D->getBaseRegion() == Freed)
    return TS.dataFreed(FreeCall, nullptr);
  if (FreedField && FreedField->getSuperRegion()->getBaseRegion() == D->getBaseRegion() &&
      Owners->callback(TS.getCallback()).UsedPointers.count(FreedField->getDecl()))
    return TS.dataFreed(FreeCall, FreedField);
  return std::nullopt;
}

/// Value timers (ids, fds, pointers): their data freed, or the memory
/// holding their handle freed with the timer unreleased (TL302).
ProgramStateRef TimerChecker::freeValueTimers(ProgramStateRef State,
                                              FreeScan &S,
                                              CheckerContext &C) const {
  for (const auto &E : State->get<TimerValues>()) {
    const TimerState &TS = E.second;
    if (knownAbsent(State, C, E.first, TS))
      continue;
    const MemRegion *H = TS.getHandleRegion();
    bool HandleFreed = H && H->getBaseRegion() == S.Freed;
    if (std::optional<TimerState> New = S.freesData(TS, HandleFreed)) {
      State = State->set<TimerValues>(E.first, *New);
      S.Marked.push_back({E.first, nullptr});
      continue;
    }
    if (!HandleFreed || TS.getFreedAt())
      continue;
    State = without<TimerValues>(State, E.first);
    if (TS.needsRelease() && !TS.isHandleLost() && (!TS.getOwner() || TS.owes()) &&
        Enabled[CK_Leaked])
      S.Found.push_back({CK_Leaked,
                         "The " + timerName(TS) + " is never " + releaseVerb(TS.getCreate()) +
                             (TS.getOwner() ? " before its owner is freed (created in " +
                                                  quote(TS.getOwner()->AcquiredIn) + ")"
                                            : ": the memory holding its handle is freed"),
                         E.first, nullptr, !TS.getOwner()});
  }
  return State;
}

/// Why freeing a pending timer object is TL301.
static std::string whyFreedEarly(const TimerState &TS) {
  if (TS.getKind() == TimerKind::Closing)
    return TS.getCloseCallback() ? "before its close callback " +
                                       quote(TS.getCloseCallback()) + " has run"
                                 : "before its close has completed";
  return TS.heldFromCreation() ? "while its loop still holds it: it was never closed"
                               : "while it is still pending";
}

/// Object timers (uv_timer_t, an embedded struct event): their data freed,
/// or the object itself freed while pending (TL301).
ProgramStateRef TimerChecker::freeObjectTimers(ProgramStateRef State,
                                               FreeScan &S,
                                               CheckerContext &C) const {
  for (const auto &E : State->get<TimerObjects>()) {
    const TimerState &TS = E.second;
    bool HandleFreed = E.first->getBaseRegion() == S.Freed;
    if (knownAbsent(State, C, nullptr, TS)) {
      if (HandleFreed)
        State = without<TimerObjects>(State, E.first);
      continue;
    }
    if (!HandleFreed) {
      if (std::optional<TimerState> New = S.freesData(TS, false)) {
        State = State->set<TimerObjects>(E.first, *New);
        S.Marked.push_back({nullptr, E.first});
      }
      continue;
    }
    State = without<TimerObjects>(State, E.first);
    if (!TS.isPending() || !Enabled[CK_ActiveAtRelease])
      continue;
    S.Found.push_back({CK_ActiveAtRelease,
                       "The " + timerName(TS) + " is freed " + whyFreedEarly(TS),
                       nullptr, E.first, !TS.getOwner()});
  }
  return State;
}

TASKLEAK_ROLE_HANDLER(TimerChecker::preFree) {
  const MemRegion *Freed = argRegion(M.object_arg, Call);
  if (!Freed)
    return;
  ProgramStateRef State = C.getState();
  FreeScan S;
  S.Freed = Freed->getBaseRegion();
  S.Owners = &owners(C.getASTContext());
  // The freed memory as a pointer field of some object (`self->controls`).
  if (const auto *FreedSym = dyn_cast<SymbolicRegion>(S.Freed))
    S.FreedField = dyn_cast_or_null<FieldRegion>(
        canonicalField(State, originOf(FreedSym->getSymbol())));
  S.FreeCall = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  S.State = State;
  State = freeValueTimers(State, S, C);
  State = freeObjectTimers(State, S, C);
  if (!S.Found.empty()) {
    emit(S.Found, State, C);
    return;
  }
  if (S.Marked.empty()) {
    C.addTransition(State);
    return;
  }
  std::string FreedName = spell(Call.getArgExpr(M.object_arg));
  auto Marked = S.Marked;
  C.addTransition(State, C.getNoteTag([this, Marked, FreedName](PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR.getBugType()))
      return "";
    for (const auto &M : Marked)
      if ((M.first && BR.isInteresting(M.first)) || (M.second && BR.isInteresting(M.second)))
        return "'" + FreedName + "' is freed here while the timer is pending";
    return "";
  }));
}

/// After the loop has run, a one-shot GLib source may have fired and gone,
/// a non-persistent event may no longer be pending, and a closing libuv
/// handle is closed.
void TimerChecker::postLoopRun(CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  llvm::SmallVector<Finding, 2> Found;
  State = collectFreedData(State, C, Found);
  if (!Found.empty()) {
    emit(Found, State, C);
    return;
  }
  for (const auto &E : State->get<TimerValues>()) {
    const TimerState &TS = E.second;
    if (TS.getRepeat() == Repeat::Always || TS.getKind() != TimerKind::Armed)
      continue;
    State = TS.loopOwned() ? without<TimerValues>(State, E.first)
                           : State->set<TimerValues>(E.first,
                                                     TS.withKind(TimerKind::Disarmed));
  }
  const TimerOwners &O = owners(C.getASTContext());
  for (const auto &E : State->get<TimerObjects>()) {
    // A loop iteration runs the pending close callbacks, and the timer's
    // own callback may close it.
    if (E.second.getKind() == TimerKind::Closing ||
        (E.second.getKind() == TimerKind::Armed &&
         O.callback(E.second.getCallback()).ReleasesData))
      State = without<TimerObjects>(State, E.first);
    else if (!E.second.heldFromCreation() && E.second.getRepeat() != Repeat::Always &&
             E.second.getKind() == TimerKind::Armed)
      State = State->set<TimerObjects>(E.first, E.second.withKind(TimerKind::Disarmed));
  }
  C.addTransition(State);
}

//===----------------------------------------------------------------------===//
// Death, escape and frame ends.
//===----------------------------------------------------------------------===//

/// A create's status dies before its timer is used up, and an owner tested
/// NULL owes nothing: settle both while their constraints are still here.
template <typename Map>
static ProgramStateRef settleStatuses(ProgramStateRef State,
                                      SymbolReaper &SymReaper, CheckerContext &C) {
  for (const auto &E : State->get<Map>())
    if (SymbolRef St = E.second.getStatus())
      if (SymReaper.isDead(St))
        State = knownAbsent(State, C, nullptr, E.second)
                    ? without<Map>(State, E.first)
                    : State->set<Map>(E.first, E.second.withStatus(nullptr));
  return State;
}

static ProgramStateRef settleDying(ProgramStateRef State, SymbolReaper &SymReaper,
                                   CheckerContext &C) {
  State = settleStatuses<TimerValues>(State, SymReaper, C);
  State = settleStatuses<TimerObjects>(State, SymReaper, C);
  auto OwnerDiesNull = [&](const MemRegion *R) {
    const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
    return SR && SymReaper.isDead(SR->getSymbol()) && ownerIsNull(State, SR);
  };
  for (const auto &E : State->get<TimerValues>())
    if (E.second.getOwner() && OwnerDiesNull(E.second.getHandleRegion()))
      State = without<TimerValues>(State, E.first);
  for (const auto &E : State->get<TimerObjects>())
    if (E.second.getOwner() && OwnerDiesNull(E.first))
      State = without<TimerObjects>(State, E.first);
  return State;
}

/// A dying handle whose timer must be released and is not: TL302, unless
/// it lives on in a live block or is the program's for good.
static bool leaksAtDeath(const TimerState &TS, SymbolReaper &SymReaper,
                         bool InMain) {
  const MemRegion *H = TS.getHandleRegion();
  bool InLiveBlock = H && !isa<StackSpaceRegion>(H->getMemorySpace()) &&
                     SymReaper.isLiveRegion(H->getBaseRegion());
  if (!TS.needsRelease() || TS.isStoredAway() || InLiveBlock)
    return false;
  if (!TS.loopOwned())
    return true;
  // A repeating GLib source with no data, or global data, is the
  // program's for good (a clock tick set up in main): not a leak.
  const MemRegion *D = TS.getData();
  return D && !isa<GlobalsSpaceRegion>(D->getMemorySpace()) && !InMain;
}

void TimerChecker::checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const {
  // Most paths hold no timer: nothing to settle or report.
  if (C.getState()->get<TimerValues>().isEmpty() &&
      C.getState()->get<TimerObjects>().isEmpty())
    return;
  ProgramStateRef State = settleDying(C.getState(), SymReaper, C);
  llvm::SmallVector<Finding, 2> Found;
  const FunctionDecl *Top = topFunction(C);
  bool InMain = Top && Top->isMain();
  for (const auto &E : State->get<TimerValues>()) {
    SymbolRef Sym = E.first;
    const TimerState &TS = E.second;
    if (TS.isHandleLost() || !SymReaper.isDead(Sym))
      continue;
    // Settled now, while the constraints on the dying symbol are still
    // here: a failed create, or the owner's guard saying "no timer".
    if (knownAbsent(State, C, Sym, TS)) {
      State = without<TimerValues>(State, Sym);
      continue;
    }
    if (leaksAtDeath(TS, SymReaper, InMain))
      Found.push_back({CK_Leaked,
                       TS.loopOwned()
                           ? "The repeating " + timerName(TS) +
                                 " can never be removed: its id is dropped"
                           : "The " + timerName(TS) + " is never " +
                                 releaseVerb(TS.getCreate()),
                       Sym, nullptr, true});
    // What the callback uses stays an obligation (TL301), and so does an
    // owner's timer until the owner-ending function ends.
    State = retire<TimerValues>(State, Sym, TS,
                                (TS.getData() && TS.isPending()) || TS.getOwner());
  }
  // Heap timer objects nobody can reach any more: MallocChecker's business.
  for (const auto &E : State->get<TimerObjects>())
    if (const auto *SR = dyn_cast<SymbolicRegion>(E.first->getBaseRegion()))
      if (SymReaper.isDead(SR->getSymbol()) &&
          !isa<StackSpaceRegion>(E.first->getMemorySpace()))
        State = without<TimerObjects>(State, E.first);
  if (!Enabled[CK_Leaked])
    Found.clear();
  if (Found.empty()) {
    C.addTransition(State);
    return;
  }
  emit(Found, State, C);
}

ProgramStateRef TimerChecker::checkPointerEscape(ProgramStateRef State,
                                                 const InvalidatedSymbols &Escaped,
                                                 const CallEvent *Call,
                                                 PointerEscapeKind Kind) const {
  if (State->get<TimerValues>().isEmpty() && State->get<TimerObjects>().isEmpty())
    return State; // no timer on this path: nothing can escape
  // Our own calls settle their handles themselves; freeing is not escaping.
  if (Call && (timerModel(*Call) || Models->isCall(*Call, TL_ROLE_LOOP_RUN) ||
               Models->isCall(*Call, TL_ROLE_LOOP_CLOSE) ||
               Models->isCall(*Call, TL_ROLE_TIMER_QUERY)))
    return State;
  // An owner's timer survives unknown calls (its release is owed), except
  // an indirect call the unit cannot resolve that is given the owner: the
  // precision policy stops there (FieldPointers.h).
  bool Indirect = Call && isUnresolvedIndirect(*Call);
  ProgramStateRef Before = State;
  State = escapeHandles<TimerValues>(
      State, Escaped, Kind, [&](const TimerState &TS) {
        return TS.getOwner() &&
               !(Indirect && callMayReach(Before, *Call, TS.getHandleRegion()));
      });
  // A timer object (or its owner) handed to unseen code may be closed there;
  // not by a call given only another field of the owner (a mutex).
  for (const auto &E : State->get<TimerObjects>())
    if (const auto *SR = dyn_cast<SymbolicRegion>(E.first->getBaseRegion()))
      if (Escaped.count(SR->getSymbol()) && Kind != PSK_EscapeOnBind &&
          (!Call || callMayReach(State, *Call, E.first)))
        State = without<TimerObjects>(State, E.first);
  return State;
}

/// The frame ends: a pending timer whose data or object lives in it
/// (TL301); the top frame of an owner-ending function that did not free
/// the owner ends it here (destructor, foo_destroy).
bool TimerChecker::FrameEnd::inFrame(const MemRegion *R) const {
  const auto *S = R ? dyn_cast<StackSpaceRegion>(R->getMemorySpace()) : nullptr;
  return S && S->getStackFrame() == Frame;
}

/// Value timers at the end of a frame: their data goes out of scope while
/// they are pending (TL301), or the owner this function ends still owes
/// their release.
ProgramStateRef TimerChecker::endValueTimers(ProgramStateRef State, FrameEnd &F,
                                             CheckerContext &C) const {
  for (const auto &E : State->get<TimerValues>()) {
    const TimerState &TS = E.second;
    if (F.inFrame(TS.getData()) && TS.isPending() && !F.MainEnds &&
        !knownAbsent(State, C, E.first, TS)) {
      F.Found.push_back({CK_ActiveAtRelease,
                         "The " + timerName(TS) + " can still fire after " + F.Fn +
                             " returns and " + dataName(TS.getData()) + " goes out of scope",
                         E.first, nullptr, !TS.getOwner()});
      State = without<TimerValues>(State, E.first);
      continue;
    }
    if (F.inFrame(TS.getData()))
      State = TS.isHandleLost() ? without<TimerValues>(State, E.first)
                                : State->set<TimerValues>(E.first, TS.withoutData());
    if (!F.TopEnder || !TS.getOwner() || !TS.getOwner()->Field || !TS.owes() ||
        knownAbsent(State, C, E.first, TS) ||
        ownerIsNull(State, TS.getHandleRegion()))
      continue;
    const TimerField &TF = *TS.getOwner();
    bool Active = TS.loopOwned() && TF.RunsOnOwner;
    if (Active || TS.needsRelease())
      F.Found.push_back({Active ? CK_ActiveAtRelease : CK_Leaked,
                         "The " + timerName(TS) + " is never " +
                             releaseVerb(TS.getCreate()) + " before " + F.Fn +
                             " ends its owner (created in " + quote(TF.AcquiredIn) + ")",
                         E.first, nullptr, false});
    State = without<TimerValues>(State, E.first);
  }
  return State;
}

/// Object timers at the end of a frame: the object or its data goes out of
/// scope while pending, or the owner this function ends still holds it.
ProgramStateRef TimerChecker::endObjectTimers(ProgramStateRef State, FrameEnd &F,
                                              CheckerContext &C) const {
  for (const auto &E : State->get<TimerObjects>()) {
    const TimerState &TS = E.second;
    bool Here = F.inFrame(E.first) || F.inFrame(TS.getData());
    if (Here && TS.isPending() && !F.MainEnds) {
      F.Found.push_back({CK_ActiveAtRelease,
                         F.inFrame(E.first)
                             ? "The " + timerName(TS) + " goes out of scope when " +
                                   F.Fn + " returns while its loop still holds it"
                             : "The " + timerName(TS) + " can still fire after " +
                                   F.Fn + " returns and " + dataName(TS.getData()) +
                                   " goes out of scope",
                         nullptr, E.first, !TS.getOwner()});
      State = without<TimerObjects>(State, E.first);
    } else if (F.TopEnder && TS.getOwner() && TS.owes() && TS.isPending() &&
               !ownerIsNull(State, E.first)) {
      F.Found.push_back({CK_ActiveAtRelease,
                         "The " + timerName(TS) + " is never " +
                             releaseVerb(TS.getCreate()) + " before " + F.Fn +
                             " ends its owner (created in " +
                             quote(TS.getOwner()->AcquiredIn) + ")",
                         nullptr, E.first, false});
      State = without<TimerObjects>(State, E.first);
    } else if (F.inFrame(E.first)) {
      State = without<TimerObjects>(State, E.first);
    }
  }
  return State;
}

void TimerChecker::checkEndFunction(const ReturnStmt *, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // No timer on this path: nothing ends with the frame (and no names to
  // spell for reports that cannot come).
  if (State->get<TimerValues>().isEmpty() && State->get<TimerObjects>().isEmpty())
    return;
  FrameEnd F;
  F.Frame = C.getStackFrame();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(F.Frame->getDecl());
  // The end of main ends the program and its loop with it.
  F.MainEnds = FD && FD->isMain() && C.inTopFrame();
  // GObject's dispose drops references; finalize ends the object.
  bool Disposes = FD && FD->getIdentifier() &&
                  llvm::StringRef(FD->getName().lower()).contains("dispose");
  F.Fn = FD ? quote(FD) : "the function";
  if (C.inTopFrame())
    State = collectFreedData(State, C, F.Found);
  F.TopEnder = C.inTopFrame() && FD && !Disposes &&
               !owners(C.getASTContext()).endedOwners(FD).empty();
  State = endValueTimers(State, F, C);
  State = endObjectTimers(State, F, C);
  for (auto It = F.Found.begin(); It != F.Found.end();)
    It = Enabled[It->Kind] ? It + 1 : F.Found.erase(It);
  if (F.Found.empty()) {
    C.addTransition(State);
    return;
  }
  emit(F.Found, State, C);
}

//===----------------------------------------------------------------------===//
// The owner-object protocol (TimerSummary.h).
//===----------------------------------------------------------------------===//

/// Entering an owner-ending function as the top frame: each timer field of
/// the owner is assumed to hold a live timer, as its creating function
/// left it.  A libuv timer callback's handle is live while it runs.
/// The timer fields of the owner \p EO that \p FD ends, assumed to hold
/// live timers; and the sources with dropped ids whose callback gets it.
ProgramStateRef TimerChecker::seedOwner(ProgramStateRef State, const EndedOwner &EO,
                                        const FunctionDecl *FD, CheckerContext &C,
                                        std::vector<SeededField> &Seeded) const {
  const TimerOwners &O = owners(C.getASTContext());
  const LocationContext *LCtx = C.getLocationContext();
  const MemRegion *Owner = EO.Ptr.getAsRegion();
  // `s->cleanup(s)` goes where the unit's only store to it points.
  State = fieldTargets(C.getASTContext()).bindOwner(State, EO.Ptr, EO.Record, C);
  for (const TimerField &TF : O.fieldsOf(EO.Record)) {
    const MemRegion *FR = canonicalField(State, State->getLValue(TF.Field, EO.Ptr).getAsRegion());
    if (!FR || O.releasedBefore(FD, TF))
      continue;
    const MemRegion *Data = TF.RunsOnOwner ? Owner : nullptr;
    TimerState TS(TimerKind::Armed, TF.Model, TF.Runs, Data, FR,
                  TF.Model->repeats == TL_REPEAT_CALLBACK
                      ? fromCallback(O, TF.Runs)
                      : Repeat::Unknown);
    TS = TS.seeded(&TF, O.owesRelease(FD, TF));
    SymbolRef H = nullptr;
    if (TF.Object) {
      State = State->set<TimerObjects>(FR, TS);
    } else {
      SVal V = State->getSVal(FR);
      H = V.getAsSymbol();
      if (!H)
        continue;
      // Every spelling of the field now reads this one symbol.
      State = State->bindLoc(loc::MemRegionVal(FR), V, LCtx)->set<TimerValues>(H, TS);
    }
    Seeded.push_back(
        {FR, H,
         assumingText(FR, TF.Field,
                      noun(TF.Model) +
                          (TF.Model->armed ? " added in" : " created in"),
                      TF.AcquiredIn)});
  }
  // Sources with dropped ids whose callback gets this object, or an object
  // it points to (`s->gui`, freed with it): no handle to follow, so a fresh
  // symbol stands for the source.
  auto SeedData = [&](const RecordDecl *RD, const MemRegion *Data) {
    for (const TimerField &TF : O.dataSourcesOf(RD)) {
      SymbolRef H = C.getSymbolManager().conjureSymbol(
          nullptr, LCtx, C.getASTContext().UnsignedIntTy, C.blockCount(), &TF);
      TimerState TS(TimerKind::Armed, TF.Model, TF.Runs, Data, nullptr,
                    fromCallback(O, TF.Runs));
      State = State->set<TimerValues>(H, TS.seeded(&TF, true));
    }
  };
  SeedData(EO.Record, Owner);
  for (const FieldDecl *F : O.dataSourceFields(EO.Record))
    if (const MemRegion *FR = State->getLValue(F, EO.Ptr).getAsRegion())
      if (const MemRegion *Data = pinFieldValue(State, FR, LCtx).getAsRegion())
        SeedData(F->getType()->getPointeeType()->getAsRecordDecl(), Data);
  return State;
}

void TimerChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  const TimerOwners &O = owners(C.getASTContext());
  ProgramStateRef State = C.getState();
  // A libuv callback analysed on its own: the timer it is given is armed.
  if (const tl_fn_model *M = O.objectCallback(FD)) {
    const ParmVarDecl *P = FD->getParamDecl(0);
    if (const MemRegion *Obj = objectKey(
            State, State->getSVal(State->getRegion(P, C.getLocationContext()))))
      State = State->set<TimerObjects>(
          Obj, TimerState(TimerKind::Armed, M, nullptr, nullptr, Obj, Repeat::Unknown));
  }
  std::vector<SeededField> Seeded;
  for (int Index : O.endedOwners(FD)) {
    std::optional<EndedOwner> EO = endedOwner(C, State, FD, Index);
    if (EO && EO->Ptr.getAsRegion())
      State = seedOwner(State, *EO, FD, C, Seeded);
  }
  if (Seeded.empty()) {
    C.addTransition(State);
    return;
  }
  C.addTransition(State, seedNote(C, [this](const BugType &BT) { return isOurs(BT); },
                                  std::move(Seeded)));
}

//===----------------------------------------------------------------------===//
// Notes and reports: one funnel.
//===----------------------------------------------------------------------===//

bool TimerChecker::isOurs(const BugType &BT) const {
  return ownsBugType(BugTypes, BT);
}

const NoteTag *TimerChecker::timerNote(CheckerContext &C, SymbolRef Sym,
                                       const MemRegion *Obj, std::string Text) const {
  return handleNote(
      C, [this](const BugType &BT) { return isOurs(BT); }, Sym, Obj,
      std::move(Text));
}

/// Timers still pending after their data was freed (dataFreed): reported
/// when control can go back to the loop, and dropped.
ProgramStateRef
TimerChecker::collectFreedData(ProgramStateRef State, CheckerContext &C,
                               llvm::SmallVectorImpl<Finding> &Found) const {
  auto What = [&](const TimerState &TS) {
    if (const MemRegion *F = TS.getFreedField())
      return "'" + describeRegion(F, false) + "', which it uses,";
    const CallExpr *CE = TS.getFreedAt();
    const tl_fn_model *M = Models->lookup(CE->getDirectCallee());
    unsigned I = M && M->object_arg != TL_NO_ARG ? M->object_arg : 0;
    return dataName(TS.getData(), I < CE->getNumArgs() ? spell(CE->getArg(I)) : "");
  };
  auto Judge = [&](const TimerState &TS, SymbolRef Sym, const MemRegion *Obj) {
    if (TS.isPending() && Enabled[CK_ActiveAtRelease])
      Found.push_back({CK_ActiveAtRelease,
                       "The " + timerName(TS) + " can still fire after " +
                           What(TS) + " is freed" + createdIn(TS),
                       Sym, Obj, !TS.getOwner()});
  };
  for (const auto &E : State->get<TimerValues>())
    if (E.second.getFreedAt()) {
      Judge(E.second, E.first, nullptr);
      State = without<TimerValues>(State, E.first);
    }
  for (const auto &E : State->get<TimerObjects>())
    if (E.second.getFreedAt()) {
      Judge(E.second, nullptr, E.first);
      State = without<TimerObjects>(State, E.first);
    }
  return State;
}

/// The node where the timer entered its map: the create.  Leak reports are
/// uniqued there, so one create gives one report and a stable issue hash.
static const ExplodedNode *findCreateNode(const ExplodedNode *N, SymbolRef Sym,
                                          const MemRegion *Obj) {
  const ExplodedNode *Create = nullptr;
  for (; N; N = N->getFirstPred()) {
    ProgramStateRef S = N->getState();
    bool Has = Sym ? S->get<TimerValues>(Sym) != nullptr
                   : S->get<TimerObjects>(Obj) != nullptr;
    if (Has)
      Create = N;
    else if (Create)
      break;
  }
  return Create;
}

void TimerChecker::emit(const llvm::SmallVectorImpl<Finding> &Found,
                        ProgramStateRef State, CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  for (const Finding &F : Found) {
    PathDiagnosticLocation Loc;
    const Decl *InDecl = nullptr;
    if (F.AtCreate)
      if (const ExplodedNode *Create = findCreateNode(N, F.Sym, F.Obj))
        if (const Stmt *S = Create->getStmtForDiagnostics()) {
          Loc = PathDiagnosticLocation::createBegin(S, C.getSourceManager(),
                                                    Create->getLocationContext());
          InDecl = Create->getLocationContext()->getDecl();
        }
    auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[F.Kind], F.Msg, N,
                                                      Loc, InDecl);
    if (F.Sym)
      R->markInteresting(F.Sym);
    if (F.Obj)
      R->markInteresting(F.Obj);
    C.emitReport(std::move(R));
  }
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

static RegisterChecker TimerModeling{TimerModelingName,
                                     registerModelingChecker<TimerChecker>};
// TL301, TL302, in the order of TimerChecker::SubChecker.
static RegisterRules<enableKinds<TimerChecker, TimerActiveBug, TimerLeakedBug>>
    TimerRules{{ActiveAtReleaseName, LeakedName}};
