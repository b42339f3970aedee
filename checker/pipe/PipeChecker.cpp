//===- PipeChecker.cpp - tasks that block forever on pipes ----------------===//
//
// The pipe family of the channel rules:
//
//   TL203 NeverClosed        a reader drains a pipe until EOF while some copy
//                            of the write end stays open: in this process,
//                            in the reading child itself, or in another child
//                            that never ends
//   TL202 SendNeverReceived  a child or thread writes more than a pipe holds
//                            and the owner waits for it without draining
//   TL204 SelfDeadlock       one task reads a pipe only it can write
//
// The owner's path is followed by the analyzer.  Each pipe end is a symbol
// (bound into the int[2] at pipe()); its state says whether this process
// still holds it and which children hold copies.  A fork() splits the path:
// on the child's side the family goes quiet; on the parent's side the
// child's code (the `pid == 0` branch, through helpers) is read by
// ChildSummary.cpp and turned into the copies the child keeps and the
// blocking reads and writes it does.  A thread's entry function is read the
// same way, its descriptors found from its argument (`arg->rd`).
//
// One end, as the owner's path sees it:
//
//   pipe() ok --> ParentOpen --close()--> closed here
//                  |   fork(): every child gets a copy (Inherited); the
//                  |   child's summary says which it keeps while it runs
//                  |   (Held), which survive its exec under their old
//                  |   number (Leaked), what it reads until EOF
//                  |   (ReadersEof) and writes without bound (WritersBig)
//                  v
//   waitpid / kill / join of that task --> its copies and claims are gone
//   escape (unknown code, global, caller memory) --> forgotten
//
// A task is stuck when it reads until EOF a pipe whose write end is open in
// this process (blocked, it cannot close it), in the task itself, or in a
// child that is stuck too or exec'd with a leaked copy; or when it writes
// more than a pipe holds and nothing drains the pipe.  Reports are made
// where the owner blocks: waitpid() for a child that cannot end,
// pthread_join() for such a thread, or the owner's own read until EOF.  An end that escapes (unknown code, a global, memory of the
// caller) is forgotten; O_NONBLOCK ends, poll/select and timed waits are
// never reported; a failed pipe() or fork() yields nothing to track.
//
//===----------------------------------------------------------------------===//

#include "Handles.h"
#include "HandleOut.h"
#include "ChildSummary.h"
#include "ModelIndex.h"
#include "RegionNames.h"
#include "Registry.h"
#include "RuleChecker.h"
#include "StateTraits.h"
#include "TrackedHandle.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallVector.h"

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

// Linux values: pipe2()'s and socketpair()'s flags.
constexpr long long O_CLOEXEC_ = 02000000, O_NONBLOCK_ = 04000;
// fcntl()'s commands and flag.
constexpr long long F_DUPFD_ = 0, F_SETFD_ = 2, F_SETFL_ = 4, F_DUPFD_CLOEXEC_ = 1030;
constexpr long long FD_CLOEXEC_ = 1;
// waitpid()'s options: 0 is the only blocking one we report.
constexpr unsigned MaxTasks = 32;

/// One end of a pipe (or of a socket pair), as the owner's path knows it,
/// beyond what every tracked handle keeps (engine/TrackedHandle.h; here: the
/// pipe() call as the site, where it was last stored, for messages).
struct EndState : TrackedHandle<EndState> {
  SymbolRef Peer = nullptr;        ///< the other end
  bool ReadEnd = false;            ///< a pipe's [0] (both, for a pair)
  bool ParentOpen = true;          ///< this process still holds it
  bool Cloexec = false;            ///< closed by exec
  bool Nonblock = false;           ///< O_NONBLOCK, or maybe
  bool Written = false;            ///< this process wrote into it
  bool Drained = false;            ///< this process (or a waited task) read it
  bool Global = false;             ///< made in a global (a self-pipe for signal
                                   ///< handlers): only the handler rule uses it
  uint32_t Held = 0;       ///< children holding a copy while they run
  uint32_t Inherited = 0;  ///< children that got a copy at the fork (may write)
  uint32_t Leaked = 0;     ///< exec'd children holding it under its old number
  uint32_t ReadersEof = 0; ///< tasks reading it until EOF
  uint32_t WritersBig = 0; ///< tasks writing more than a pipe holds into it

  /// An end the pipe() call \p Site made, stored in \p Where.
  static EndState madeAt(const Expr *Site, const MemRegion *Where) {
    return EndState().atSite(Site).withHandle(Where);
  }

  auto fields() const {
    return std::make_tuple(Peer, ReadEnd, ParentOpen, Cloexec, Nonblock, Written, Drained, Global, Held, Inherited, Leaked, ReadersEof, WritersBig);
  }
};

/// A child process or a thread that takes part in some pipe; its site
/// (engine/TrackedHandle.h) is the fork() or pthread_create().
struct PipeTask : TrackedHandle<PipeTask> {
  unsigned Index = 0;
  bool Thread = false;
  bool Known = false;  ///< its code was read (else: may hold or write anything)
  bool Exec = false;
  const FunctionDecl *Entry = nullptr;   ///< entry function or first helper
  const char *ExecName = nullptr;
  const CallExpr *BlockAt = nullptr;     ///< its first read until EOF
  const FunctionDecl *BlockIn = nullptr;
  const CallExpr *WriteAt = nullptr;     ///< its first big write
  const FunctionDecl *WriteIn = nullptr;

  auto fields() const {
    return std::make_tuple(Index, Thread, Known, Exec, Entry, ExecName, BlockAt, BlockIn, WriteAt, WriteIn);
  }
};

/// Where an end's value is stored (p[0], s.rd): handing that memory to
/// unknown code lets the end escape.
struct Home : public FieldwiseValue<Home> {
  const MemRegion *R;
  SymbolRef Sym;
  bool operator<(const Home &O) const {
    return R != O.R ? R < O.R : Sym < O.Sym;
  }
  auto fields() const {
    return std::make_tuple(R, Sym);
  }
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(PipeEnds, SymbolRef, EndState)
REGISTER_MAP_WITH_PROGRAMSTATE(PipeTasks, SymbolRef, PipeTask)
REGISTER_SET_WITH_PROGRAMSTATE(PipeHomes, Home)
REGISTER_TRAIT_WITH_PROGRAMSTATE(PipeNextTask, unsigned)
/// Write end -> the signal handler that writes it (the call registering it).
REGISTER_MAP_WITH_PROGRAMSTATE(PipeHandlerWrites, SymbolRef, const CallExpr *)
REGISTER_MAP_WITH_PROGRAMSTATE(PipeHandlerFns, SymbolRef, const FunctionDecl *)
/// On the child's side of a fork: the family is quiet.
REGISTER_TRAIT_WITH_PROGRAMSTATE(PipeInChild, bool)
/// A thread whose code could not be read is running: it may write anything.
REGISTER_TRAIT_WITH_PROGRAMSTATE(PipeOpaqueThread, bool)

namespace {

struct Applied;
enum RuleKind { RK_Send, RK_NeverClosed, RK_Self, RK_Count };

/// Why a task cannot end.
struct Why {
  RuleKind Rule = RK_NeverClosed;
  enum { ParentKeeps, SelfKeeps, LeakedIn, StuckChild, NoReader } Kind = ParentKeeps;
  SymbolRef End = nullptr;   ///< the end the task reads or writes
  SymbolRef Other = nullptr; ///< the end kept open / never read
  SymbolRef OtherTask = nullptr;
};

class PipeChecker
    : public GatedRuleSet<RK_Count, check::PreCall, check::PostCall, check::Bind,
                          check::RegionChanges, check::EndFunction> {
public:
  /// Every pipe end is first recorded at pipe() (UnitGate.h).
  static constexpr tl_role StartRoles[] = {TL_ROLE_CHAN_MAKE};
  static constexpr bool EveryCxxUnit = false; // its state starts at C calls only
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  ProgramStateRef checkRegionChanges(ProgramStateRef State,
                                     const InvalidatedSymbols *Invalidated,
                                     ArrayRef<const MemRegion *> ExplicitRegions,
                                     ArrayRef<const MemRegion *> Regions,
                                     const LocationContext *LCtx,
                                     const CallEvent *Call) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;

private:
  TASKLEAK_ROLE_HANDLER(postMake);
  void postFork(const CallEvent &Call, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(postModelled);
  void postUnmodelled(const CallEvent &Call, CheckerContext &C) const;
  const NoteTag *makeNote(const SymbolRef Syms[2], const MemRegion *const Regs[2],
                          bool Pair, CheckerContext &C) const;
  const NoteTag *forkNote(ProgramStateRef State, SymbolRef Pid, std::string Name,
                          const Applied &A, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(postSpawn);
  void preRead(SymbolRef X, const CallEvent &Call, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(preWait);
  TASKLEAK_ROLE_HANDLER(postWait);
  void escapeArgs(const CallEvent &Call, CheckerContext &C) const;
  TASKLEAK_ROLE_HANDLER(postEndOp);
  void postFcntl(const CallEvent &Call, CheckerContext &C) const;
  bool isOurs(const PathSensitiveBugReport &BR) const {
    return ownsBugType(BugTypes, BR.getBugType());
  }
  void postSignal(const CallEvent &Call, CheckerContext &C) const;

public:
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;

private:

  bool drainBlocks(ProgramStateRef State, SymbolRef TSym, const PipeTask &T,
                   SymbolRef E, const EndState &X, const EndState &P,
                   SymbolRef Draining, uint32_t Visiting, Why &W) const;
  bool stuck(ProgramStateRef State, SymbolRef T, SymbolRef Draining,
             uint32_t Visiting, Why &W) const;
  std::string whyText(ProgramStateRef State, SymbolRef T, const Why &W) const;
  void report(RuleKind K, std::string Msg, SymbolRef Task, const Why *W,
              CheckerContext &C) const;
};

//===----------------------------------------------------------------------===//
// State helpers.
//===----------------------------------------------------------------------===//

ProgramStateRef clearAll(ProgramStateRef State) {
  State = State->remove<PipeEnds>();
  State = State->remove<PipeTasks>();
  State = State->remove<PipeHomes>();
  return State;
}

/// Puts every tracked end back where it was stored, after a modelled call
/// (pipe(pr->out), read into a buffer beside the descriptors) clobbered the
/// memory around it: those calls do not renumber descriptors.
ProgramStateRef restoreHomes(ProgramStateRef State, const LocationContext *LCtx) {
  static bool Restoring = false; // bindLoc reports region changes again
  if (Restoring)
    return State;
  Restoring = true;
  for (const Home &H : State->get<PipeHomes>()) {
    if (!State->get<PipeEnds>(H.Sym))
      continue;
    SVal Cur = State->getSVal(H.R);
    SymbolRef CurSym = Cur.getAsSymbol();
    if (CurSym == H.Sym)
      continue;
    // Only what the call's invalidation left there: a value the program
    // stored itself stays.
    if (!Cur.isUnknown() &&
        !(CurSym && (isa<SymbolDerived>(CurSym) || isa<SymbolConjured>(CurSym))))
      continue;
    State = State->bindLoc(loc::MemRegionVal(H.R), nonloc::SymbolVal(H.Sym), LCtx);
  }
  Restoring = false;
  return State;
}

/// Forgets both ends of the pipe \p Sym belongs to.
ProgramStateRef escapePipe(ProgramStateRef State, SymbolRef Sym) {
  const EndState *E = State->get<PipeEnds>(Sym);
  if (!E)
    return State;
  SymbolRef Peer = E->Peer;
  State = without<PipeEnds>(State, Sym);
  if (Peer)
    State = without<PipeEnds>(State, Peer);
  return State;
}

uint32_t bit(unsigned I) { return uint32_t(1) << I; }

/// The task ended: its copies are closed; what it read to EOF was drained.
ProgramStateRef endTask(ProgramStateRef State, SymbolRef TSym) {
  const PipeTask *T = State->get<PipeTasks>(TSym);
  if (!T)
    return State;
  uint32_t B = bit(T->Index);
  for (const auto &E : State->get<PipeEnds>()) {
    if (!((E.second.Held | E.second.Inherited | E.second.Leaked |
           E.second.ReadersEof | E.second.WritersBig) & B))
      continue;
    EndState N = E.second;
    if (N.ReadersEof & B)
      N.Drained = true;
    if (N.Inherited & B)
      N.Written = true; // it may have written before it ended
    N.Held &= ~B;
    N.Inherited &= ~B;
    N.Leaked &= ~B;
    N.ReadersEof &= ~B;
    N.WritersBig &= ~B;
    State = State->set<PipeEnds>(E.first, N);
  }
  return without<PipeTasks>(State, TSym);
}

std::string endName(ProgramStateRef State, SymbolRef S) {
  const EndState *E = S ? State->get<PipeEnds>(S) : nullptr;
  std::string N = E ? describeRegion(E->getHandleRegion(), /*BareMember=*/false) : "";
  return N.empty() ? std::string("the pipe end") : "'" + N + "'";
}

std::string taskName(const PipeTask &T) {
  if (T.Thread)
    return T.Entry ? "the thread running '" + T.Entry->getNameAsString() + "'"
                   : std::string("a thread");
  if (T.Entry)
    return "the child process running '" + T.Entry->getNameAsString() + "'";
  if (T.ExecName)
    return "the child process exec'd with '" + std::string(T.ExecName) + "'";
  return "the child process";
}

//===----------------------------------------------------------------------===//
// Evaluating the child's (or entry's) descriptors in the owner's state.
//===----------------------------------------------------------------------===//

class StateOracle : public WalkOracle {
public:
  StateOracle(ProgramStateRef State, CheckerContext &C)
      : State(State), C(C), LCtx(C.getLocationContext()) {}
  /// For an entry walk: the root's first parameter is this value.
  const ParmVarDecl *ThreadParam = nullptr;
  SVal ThreadArg;
  bool ThreadRoot = false;

  int decide(const Expr *Cond, const WalkFrame *F) override {
    SVal V = value(Cond, F);
    if (V.isUnknownOrUndef())
      return -1;
    auto D = V.getAs<DefinedOrUnknownSVal>();
    if (!D)
      return -1;
    ProgramStateRef T, Fs;
    std::tie(T, Fs) = State->assume(*D);
    if (T && !Fs)
      return 1;
    if (Fs && !T)
      return 0;
    return -1;
  }

  SVal value(const Expr *E, const WalkFrame *F, unsigned Depth = 0) {
    if (!E || !F || Depth > 12)
      return UnknownVal();
    SValBuilder &SVB = C.getSValBuilder();
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        return load(ICE, F, Depth);
      if (ICE->getCastKind() == CK_ArrayToPointerDecay)
        return decay(ICE, F, Depth);
    }
    if (const auto *CE = dyn_cast<CastExpr>(E))
      return value(CE->getSubExpr(), F, Depth + 1);
    if (!E->isValueDependent() && E->getType()->isIntegerType()) {
      Expr::EvalResult R;
      if (E->EvaluateAsInt(R, C.getASTContext()))
        return SVB.makeIntVal(R.Val.getInt());
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      return unary(U, F, Depth);
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isComparisonOp() || BO->isAdditiveOp() || BO->isBitwiseOp()) {
        SVal L = value(BO->getLHS(), F, Depth + 1);
        SVal R = value(BO->getRHS(), F, Depth + 1);
        if (L.isUnknownOrUndef() || R.isUnknownOrUndef())
          return UnknownVal();
        return SVB.evalBinOp(State, BO->getOpcode(), L, R, BO->getType());
      }
    }
    return UnknownVal();
  }

  /// A read of a variable: a parameter is its argument in the caller's
  /// frame, a local its initializer, anything else what the store holds.
  SVal load(const ImplicitCastExpr *ICE, const WalkFrame *F, unsigned Depth) {
    const Expr *Sub = ICE->getSubExpr()->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Sub)) {
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
        auto It = F->Args.find(P);
        if (It != F->Args.end())
          return value(It->second, F->Parent, Depth + 1);
        if (ThreadRoot && !F->Parent && P == ThreadParam)
          return ThreadArg;
      }
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage() && (F->Parent || ThreadRoot))
          return VD->getInit() ? value(VD->getInit(), F, Depth + 1) : UnknownVal();
    }
    const MemRegion *R = loc(Sub, F, Depth + 1);
    if (!R)
      return UnknownVal();
    return State->getSVal(loc::MemRegionVal(R), ICE->getType());
  }

  /// An array used as a pointer: its first element.
  SVal decay(const ImplicitCastExpr *ICE, const WalkFrame *F, unsigned Depth) {
    ASTContext &Ctx = C.getASTContext();
    const auto *R = dyn_cast_or_null<SubRegion>(loc(ICE->getSubExpr(), F, Depth + 1));
    const auto *AT = Ctx.getAsArrayType(ICE->getSubExpr()->getType());
    if (!R || !AT)
      return UnknownVal();
    return loc::MemRegionVal(C.getStoreManager().getRegionManager().getElementRegion(
        AT->getElementType(), C.getSValBuilder().makeZeroArrayIndex(), R, Ctx));
  }

  /// &x, and !x as x == 0.
  SVal unary(const UnaryOperator *U, const WalkFrame *F, unsigned Depth) {
    if (U->getOpcode() == UO_AddrOf) {
      const MemRegion *R = loc(U->getSubExpr(), F, Depth + 1);
      return R ? SVal(loc::MemRegionVal(R)) : UnknownVal();
    }
    if (U->getOpcode() != UO_LNot)
      return UnknownVal();
    SVal V = value(U->getSubExpr(), F, Depth + 1);
    if (V.isUnknownOrUndef())
      return UnknownVal();
    SValBuilder &SVB = C.getSValBuilder();
    return SVB.evalBinOp(State, BO_EQ, V, SVB.makeZeroVal(U->getSubExpr()->getType()),
                         C.getASTContext().IntTy);
  }

  const MemRegion *loc(const Expr *E, const WalkFrame *F, unsigned Depth = 0) {
    if (!E || !F || Depth > 12)
      return nullptr;
    MemRegionManager &MRMgr = C.getStoreManager().getRegionManager();
    ASTContext &Ctx = C.getASTContext();
    E = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return nullptr;
      if (!VD->hasLocalStorage())
        return State->getLValue(VD, LCtx).getAsRegion();
      if (!F->Parent && !ThreadRoot)
        return State->getLValue(VD, LCtx).getAsRegion();
      return nullptr;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!FD)
        return nullptr;
      const MemRegion *Base = nullptr;
      if (ME->isArrow()) {
        Base = value(ME->getBase(), F, Depth + 1).getAsRegion();
        if (const auto *ER = dyn_cast_or_null<ElementRegion>(Base))
          if (ER->getIndex().isZeroConstant() &&
              !ER->getElementType()->isRecordType())
            Base = ER->getSuperRegion();
      } else {
        Base = loc(ME->getBase(), F, Depth + 1);
      }
      const auto *SR = dyn_cast_or_null<SubRegion>(Base);
      return SR ? MRMgr.getFieldRegion(FD, SR) : nullptr;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      const MemRegion *Base = value(AS->getBase(), F, Depth + 1).getAsRegion();
      SVal Idx = value(AS->getIdx(), F, Depth + 1);
      auto NL = Idx.getAs<NonLoc>();
      if (!Base || !NL)
        return nullptr;
      const MemRegion *Super = Base;
      if (const auto *ER = dyn_cast<ElementRegion>(Base))
        if (ER->getIndex().isZeroConstant())
          Super = ER->getSuperRegion();
      const auto *SR = dyn_cast<SubRegion>(Super);
      return SR ? MRMgr.getElementRegion(AS->getType(), *NL, SR, Ctx) : nullptr;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref)
        return value(U->getSubExpr(), F, Depth + 1).getAsRegion();
    return nullptr;
  }

private:
  ProgramStateRef State;
  CheckerContext &C;
  const LocationContext *LCtx;
};

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

/// A call of the model's call class \p Role given at least one argument
/// (fcntl, ioctl, sigaction, kill: the descriptor or process comes first).
bool isClass(const ModelIndex &Models, const CallEvent &Call, tl_role Role) {
  return Call.getNumArgs() > 0 && Models.isCall(Call, Role);
}

/// poll, select, epoll_wait, ...: the model's call class io_wait.
bool isPoll(const ModelIndex &Models, const CallEvent &Call) {
  return Models.isCall(Call, TL_ROLE_IO_WAIT);
}

SymbolRef argSym(const CallEvent &Call, int I) {
  if (I < 0 || static_cast<unsigned>(I) >= Call.getNumArgs())
    return nullptr;
  return Call.getArgSVal(I).getAsSymbol();
}

void PipeChecker::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<PipeInChild>() || State->get<PipeEnds>().isEmpty())
    return;
  const tl_fn_model *M = Models->lookup(Call);
  if (!M)
    return;
  switch (M->role) {
  case TL_ROLE_RECV:
    if (SymbolRef X = argSym(Call, M->handle_arg))
      if (State->get<PipeEnds>(X))
        preRead(X, Call, C);
    return;
  case TL_ROLE_WAIT_CHILD:
  case TL_ROLE_JOIN:
    preWait(*M, Call, C);
    return;
  default:
    return;
  }
}

void PipeChecker::checkPostCall(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<PipeInChild>())
    return;
  const tl_fn_model *M = Models->lookup(Call);
  // libdill's chmake pair is a channel, the channel family's (ChannelChecker).
  if (M && M->role == TL_ROLE_CHAN_MAKE && M->ends != TL_ENDS_ONE &&
      llvm::StringRef(M->library) != "channels") {
    postMake(*M, Call, C);
    return;
  }
  if (M && M->role == TL_ROLE_FORK) {
    postFork(Call, C);
    return;
  }
  if (State->get<PipeEnds>().isEmpty())
    return;
  if (M)
    postModelled(*M, Call, C);
  else
    postUnmodelled(Call, C);
}

/// A modelled call while ends are tracked: one handler per role.
TASKLEAK_ROLE_HANDLER(PipeChecker::postModelled) {
  ProgramStateRef State = C.getState();
  switch (M.role) {
  case TL_ROLE_RECV:
  case TL_ROLE_SEND:
  case TL_ROLE_CLOSE:
    return postEndOp(M, Call, C);
  case TL_ROLE_DUP: {
    // A copy under another number in this process: not followed.
    ProgramStateRef S = escapePipe(State, argSym(Call, M.handle_arg));
    C.addTransition(escapePipe(S, argSym(Call, M.target_arg)));
    return;
  }
  case TL_ROLE_EXEC:
    // Only on a path where the fork was not recognised, or exec failed.
    C.addTransition(clearAll(State));
    return;
  case TL_ROLE_SPAWN:
    return postSpawn(M, Call, C);
  case TL_ROLE_WAIT_CHILD:
  case TL_ROLE_JOIN:
    return postWait(M, Call, C);
  case TL_ROLE_CHAN_MAKE:
  case TL_ROLE_DETACH:
  case TL_ROLE_SELF:
  case TL_ROLE_ATTR_DETACH:
    return;
  default:
    return escapeArgs(Call, C);
  }
}

/// A call-class call (poll, fcntl, sigaction, kill), or unseen code.
void PipeChecker::postUnmodelled(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (isPoll(*Models, Call)) {
    // The owner multiplexes: its reads are not blind.
    C.addTransition(clearAll(State));
    return;
  }
  if (isClass(*Models, Call, TL_ROLE_FD_CONTROL) || isClass(*Models, Call, TL_ROLE_FD_IOCTL))
    return postFcntl(Call, C);
  if (isClass(*Models, Call, TL_ROLE_SIGNAL_SETUP))
    return postSignal(Call, C);
  if (isClass(*Models, Call, TL_ROLE_PROCESS_KILL)) {
    SymbolRef P = argSym(Call, 0);
    if (P && State->get<PipeTasks>(P))
      C.addTransition(endTask(State, P));
    return;
  }
  escapeArgs(Call, C);
}

/// A modelled call (or a spawn's own invalidation, which names no call)
/// that clobbered the memory around a stored end puts the end back.
ProgramStateRef PipeChecker::checkRegionChanges(
    ProgramStateRef State, const InvalidatedSymbols *, ArrayRef<const MemRegion *>,
    ArrayRef<const MemRegion *>, const LocationContext *LCtx,
    const CallEvent *Call) const {
  if (!LCtx || State->get<PipeHomes>().isEmpty() || State->get<PipeInChild>())
    return State;
  if (Call && !Models->lookup(*Call) && !isPoll(*Models, *Call) &&
      !isClass(*Models, *Call, TL_ROLE_FD_CONTROL) &&
      !isClass(*Models, *Call, TL_ROLE_PROCESS_KILL))
    return State; // unknown code: escapeArgs decides
  return restoreHomes(State, LCtx);
}

/// read, write, close of a tracked end in this process.
TASKLEAK_ROLE_HANDLER(PipeChecker::postEndOp) {
  ProgramStateRef State = C.getState();
  SymbolRef X = argSym(Call, M.handle_arg);
  const EndState *E = X ? State->get<PipeEnds>(X) : nullptr;
  if (!E)
    return;
  EndState N = *E;
  if (M.role == TL_ROLE_RECV)
    N.Drained = true;
  else if (M.role == TL_ROLE_SEND)
    N.Written = true;
  else
    N.ParentOpen = false;
  const NoteTag *Tag = nullptr;
  if (M.role == TL_ROLE_CLOSE && N.Held) {
    std::string Name = endName(State, X);
    Tag = C.getNoteTag([this, X, Name](PathSensitiveBugReport &BR) -> std::string {
      if (!isOurs(BR) || !BR.isInteresting(X))
        return "";
      return "This process closes its copy of " + Name +
             "; the copies in child processes stay open";
    });
  }
  C.addTransition(State->set<PipeEnds>(X, N), Tag);
}

/// fcntl / ioctl on a tracked end: O_NONBLOCK, FD_CLOEXEC, or a copy.
/// Anything it cannot read counts as non-blocking (silent when unsure).
void PipeChecker::postFcntl(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef X = argSym(Call, 0);
  const EndState *E = X ? State->get<PipeEnds>(X) : nullptr;
  if (!E)
    return;
  EndState N = *E;
  SVal Cmd = Call.getNumArgs() > 1 ? Call.getArgSVal(1) : UnknownVal();
  auto CmdI = Cmd.getAs<nonloc::ConcreteInt>();
  if (Models->isCall(Call, TL_ROLE_FD_IOCTL) || !CmdI) {
    N.Nonblock = true;
  } else {
    int64_t K = CmdI->getValue().getExtValue();
    SVal A = Call.getNumArgs() > 2 ? Call.getArgSVal(2) : UnknownVal();
    auto AI = A.getAs<nonloc::ConcreteInt>();
    if (K == F_SETFD_)
      N.Cloexec = N.Cloexec || !AI || (AI->getValue().getExtValue() & FD_CLOEXEC_);
    else if (K == F_SETFL_)
      N.Nonblock = N.Nonblock || !AI || (AI->getValue().getExtValue() & O_NONBLOCK_);
    else if (K == F_DUPFD_ || K == F_DUPFD_CLOEXEC_) {
      C.addTransition(escapePipe(State, X)); // a copy we do not follow
      return;
    }
  }
  C.addTransition(State->set<PipeEnds>(X, N));
}

/// An end handed to code the analyzer does not step into is forgotten.
void PipeChecker::escapeArgs(const CallEvent &Call, CheckerContext &C) const {
  if (C.wasInlined)
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef S = State;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    SVal V = Call.getArgSVal(I);
    if (SymbolRef Sym = V.getAsSymbol())
      if (S->get<PipeEnds>(Sym))
        S = escapePipe(S, Sym);
    if (const MemRegion *R = V.getAsRegion()) {
      const MemRegion *Base = R->getBaseRegion();
      for (const Home &H : S->get<PipeHomes>())
        if (H.R->getBaseRegion() == Base)
          S = escapePipe(S, H.Sym);
    }
  }
  if (S != State)
    C.addTransition(S);
}

void PipeChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                            CheckerContext &C) const {
  SymbolRef Sym = Val.getAsSymbol();
  const MemRegion *R = Loc.getAsRegion();
  ProgramStateRef State = C.getState();
  if (!R || State->get<PipeInChild>())
    return;
  // The program overwrites a place an end was stored: it lives there no more.
  bool Dropped = false;
  for (const Home &H : State->get<PipeHomes>())
    if (H.R == R && H.Sym != Sym) {
      State = without<PipeHomes>(State, H);
      Dropped = true;
    }
  const EndState *E = Sym ? State->get<PipeEnds>(Sym) : nullptr;
  if (!E) {
    if (Dropped)
      C.addTransition(State);
    return;
  }
  const MemSpaceRegion *Space = R->getMemorySpace();
  if (!isa<StackSpaceRegion>(Space) && !isa<HeapSpaceRegion>(Space) &&
      !(E->Global && isa<GlobalsSpaceRegion>(Space))) {
    // A global, or memory of a caller this analysis does not see.
    C.addTransition(escapePipe(State, Sym));
    return;
  }
  State = State->set<PipeEnds>(Sym, E->withHandle(R));
  State = State->add<PipeHomes>(Home{{}, R, Sym});
  C.addTransition(State);
}

//===----------------------------------------------------------------------===//
// pipe(), fork(), thread spawns.
//===----------------------------------------------------------------------===//

static int ReadTag, WriteTag;

/// The int[2] that pipe() fills, if this analysis sees its memory; \p Global
/// says it is a global.
static const SubRegion *pipeArray(const tl_fn_model &M, const CallEvent &Call,
                                  bool &Global) {
  const MemRegion *Out = argRegion(M.handle_out_arg, Call);
  if (!Out)
    return nullptr;
  const MemRegion *Base = Out;
  if (const auto *ER = dyn_cast<ElementRegion>(Out))
    if (ER->getIndex().isZeroConstant())
      Base = ER->getSuperRegion();
  const MemSpaceRegion *Space = Base->getMemorySpace();
  Global = isa<GlobalsSpaceRegion>(Space);
  if (!isa<StackSpaceRegion>(Space) && !isa<HeapSpaceRegion>(Space) && !Global)
    return nullptr; // memory of a caller this analysis does not see
  return dyn_cast<SubRegion>(Base);
}

/// pipe() returned 0 (OK) or -1 (Failed).
static std::pair<ProgramStateRef, ProgramStateRef>
splitOnZero(const CallEvent &Call, const CallExpr *CE, CheckerContext &C) {
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  ProgramStateRef OK = State, Failed = nullptr;
  auto DRet = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!DRet)
    return {OK, Failed};
  SVal IsZero = SVB.evalEQ(State, *DRet, SVB.makeZeroVal(CE->getType()));
  if (auto D = IsZero.getAs<DefinedOrUnknownSVal>())
    std::tie(OK, Failed) = State->assume(*D);
  if (Failed) {
    SVal IsErr = SVB.evalEQ(Failed, *DRet, SVB.makeIntVal(-1, CE->getType()));
    if (auto D = IsErr.getAs<DefinedOrUnknownSVal>())
      Failed = Failed->assume(*D, true);
  }
  return {OK, Failed};
}

/// pipe2's O_CLOEXEC and O_NONBLOCK; unsure flags count as set (silent).
static void pipeFlags(const tl_fn_model &M, const CallEvent &Call,
                      bool &Cloexec, bool &Nonblock) {
  Cloexec = Nonblock = false;
  if (!isArg(M.flags_arg, Call))
    return;
  if (auto F = Call.getArgSVal(M.flags_arg).getAs<nonloc::ConcreteInt>()) {
    int64_t V = F->getValue().getExtValue();
    Cloexec = V & O_CLOEXEC_;
    Nonblock = V & O_NONBLOCK_;
  } else {
    Cloexec = Nonblock = true;
  }
}

/// Binds a fresh non-negative descriptor symbol into each of the array's
/// two elements; false if the store cannot hold them.
static bool bindEnds(ProgramStateRef &OK, const SubRegion *SR,
                     const CallExpr *CE, CheckerContext &C, SymbolRef Syms[2],
                     const MemRegion *Regs[2]) {
  SValBuilder &SVB = C.getSValBuilder();
  ASTContext &Ctx = C.getASTContext();
  const LocationContext *LCtx = C.getLocationContext();
  MemRegionManager &MRMgr = C.getStoreManager().getRegionManager();
  QualType IntTy = Ctx.IntTy;
  for (int I = 0; I < 2; ++I) {
    Regs[I] = MRMgr.getElementRegion(IntTy, SVB.makeArrayIndex(I), SR, Ctx);
    DefinedOrUnknownSVal V = SVB.conjureSymbolVal(I ? &WriteTag : &ReadTag, CE,
                                                  LCtx, IntTy, C.blockCount());
    OK = OK->bindLoc(loc::MemRegionVal(Regs[I]), V, LCtx);
    Syms[I] = V.getAsSymbol();
    if (!Syms[I])
      return false;
    SVal NonNeg = SVB.evalBinOp(OK, BO_GE, V, SVB.makeIntVal(0, IntTy), Ctx.IntTy);
    if (auto D = NonNeg.getAs<DefinedOrUnknownSVal>())
      if (ProgramStateRef S = OK->assume(*D, true))
        OK = S;
  }
  return true;
}

TASKLEAK_ROLE_HANDLER(PipeChecker::postMake) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  bool Global = false;
  const SubRegion *SR = CE ? pipeArray(M, Call, Global) : nullptr;
  if (!SR)
    return;
  ProgramStateRef OK, Failed;
  std::tie(OK, Failed) = splitOnZero(Call, CE, C);
  if (Failed)
    C.addTransition(Failed);
  if (!OK)
    return;
  bool Cloexec, Nonblock;
  pipeFlags(M, Call, Cloexec, Nonblock);
  SymbolRef Syms[2];
  const MemRegion *Regs[2];
  if (!bindEnds(OK, SR, CE, C, Syms, Regs))
    return;
  for (int I = 0; I < 2; ++I) {
    EndState E = EndState::madeAt(CE, Regs[I]);
    E.Peer = Syms[1 - I];
    E.ReadEnd = I == 0 || M.ends == TL_ENDS_PAIR;
    E.Cloexec = Cloexec;
    E.Nonblock = Nonblock;
    E.Global = Global;
    OK = OK->set<PipeEnds>(Syms[I], E);
    OK = OK->add<PipeHomes>(Home{{}, Regs[I], Syms[I]});
  }
  C.addTransition(OK, makeNote(Syms, Regs, M.ends == TL_ENDS_PAIR, C));
}

/// "Pipe created: 'fds[0]' is its read end, 'fds[1]' its write end".
const NoteTag *PipeChecker::makeNote(const SymbolRef Syms[2],
                                     const MemRegion *const Regs[2], bool Pair,
                                     CheckerContext &C) const {
  SymbolRef R0 = Syms[0], R1 = Syms[1];
  std::string N0 = describeRegion(Regs[0], false), N1 = describeRegion(Regs[1], false);
  return C.getNoteTag([this, R0, R1, N0, N1, Pair](
                          PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR) || (!BR.isInteresting(R0) && !BR.isInteresting(R1)) || N0.empty())
      return "";
    if (Pair)
      return "Socket pair created: '" + N0 + "' and '" + N1 + "'";
    return "Pipe created: '" + N0 + "' is its read end, '" + N1 + "' its write end";
  });
}

/// What a child's or thread's walk means for the tracked ends.
struct Applied {
  std::map<SymbolRef, bool> Held; ///< copy held while it runs -> leaked
  std::vector<std::pair<SymbolRef, bool>> Claims; ///< end, true: reads to EOF
  llvm::SmallVector<SymbolRef, 4> Closed;   ///< thread: closes the process's copy
  llvm::SmallVector<SymbolRef, 4> Nonblock;
  llvm::SmallVector<SymbolRef, 4> Escaped;
  llvm::SmallVector<SymbolRef, 4> Written;
  bool CloseAll = false;
  const CallExpr *BlockAt = nullptr;
  const FunctionDecl *BlockIn = nullptr;
  const CallExpr *WriteAt = nullptr;
  const FunctionDecl *WriteIn = nullptr;
  void at(bool Reads, const CallExpr *CE, const FunctionDecl *In) {
    if (Reads && !BlockAt) {
      BlockAt = CE;
      BlockIn = In;
    } else if (!Reads && !WriteAt) {
      WriteAt = CE;
      WriteIn = In;
    }
  }
};

static SymbolRef trackedSym(ProgramStateRef State, SVal V) {
  SymbolRef S = V.getAsSymbol();
  return S && State->get<PipeEnds>(S) ? S : nullptr;
}

/// The standard descriptor 0, 1 or 2 that \p V is, or -1.
static int stdIndex(SVal V) {
  if (auto CI = V.getAs<nonloc::ConcreteInt>()) {
    int64_t K = CI->getValue().getExtValue();
    if (K >= 0 && K <= 2)
      return static_cast<int>(K);
  }
  return -1;
}

namespace {
/// Replays a child's or thread's walk (ChildSummary.h) against the owner's
/// pipe ends: one small handler per event kind.
class WalkReplay {
public:
  WalkReplay(const IoWalk &W, StateOracle &O, ProgramStateRef State,
             bool Thread, bool &Exec)
      : W(W), O(O), State(State), Thread(Thread), Exec(Exec) {
    if (!Thread)
      for (const auto &E : State->get<PipeEnds>())
        if (E.second.ParentOpen && !E.second.Global)
          Held[E.first] = false;
  }

  Applied run() {
    for (const IoEvent &Ev : W.Events)
      apply(Ev);
    return A;
  }

private:
  const IoWalk &W;
  StateOracle &O;
  ProgramStateRef State;
  bool Thread;
  bool &Exec;
  Applied A;
  std::map<SymbolRef, bool> Held; // child: copies it holds now
  std::set<SymbolRef> LocalCloexec;
  SymbolRef Std[3] = {nullptr, nullptr, nullptr};
  bool Snapshot = false;

  SVal fd(const IoEvent &Ev) { return O.value(Ev.Fd.E, Ev.Fd.Frame); }
  SymbolRef fdSym(const IoEvent &Ev) { return trackedSym(State, fd(Ev)); }

  void apply(const IoEvent &Ev) {
    switch (Ev.Kind) {
    case IoKind::Close:
      return onClose(Ev);
    case IoKind::CloseAll:
      Held.clear();
      A.CloseAll = true;
      return;
    case IoKind::Dup:
      return onDup(Ev);
    case IoKind::Exec:
      return onExec(Ev);
    case IoKind::ReadToEof:
      return claim(Ev, true);
    case IoKind::WriteBig:
      claim(Ev, false);
      return written(Ev);
    case IoKind::ReadOnce:
      return;
    case IoKind::WriteOnce:
      return written(Ev);
    case IoKind::Cloexec:
      if (SymbolRef S = fdSym(Ev))
        LocalCloexec.insert(S);
      return;
    case IoKind::Nonblock:
      if (SymbolRef S = fdSym(Ev))
        A.Nonblock.push_back(S);
      else
        A.CloseAll = A.CloseAll || Thread; // an fcntl we cannot name
      return;
    case IoKind::Unknown:
      return onUnknown(Ev);
    }
  }

  /// The copies the child holds when it first blocks.
  void snapshot() {
    if (Snapshot)
      return;
    Snapshot = true;
    A.Held = Held;
    for (SymbolRef S : Std)
      if (S && !A.Held.count(S))
        A.Held[S] = false;
  }

  void claim(const IoEvent &Ev, bool Reads) {
    if (Ev.Conditional || W.Polls)
      return;
    SVal V = fd(Ev);
    SymbolRef S = trackedSym(State, V);
    int K = stdIndex(V);
    if (!S && K >= 0 && !Thread)
      S = Std[K];
    if (!S)
      return;
    if (!Thread)
      snapshot();
    A.Claims.push_back({S, Reads});
    A.at(Reads, Ev.Call, Ev.In);
  }

  void written(const IoEvent &Ev) {
    if (SymbolRef S = fdSym(Ev))
      A.Written.push_back(S);
  }

  void onClose(const IoEvent &Ev) {
    SVal V = fd(Ev);
    if (V.isUnknownOrUndef()) {
      Held.clear();
      A.CloseAll = true;
      return;
    }
    if (SymbolRef S = trackedSym(State, V)) {
      Held.erase(S);
      A.Closed.push_back(S);
    }
    int K = stdIndex(V);
    if (K >= 0)
      Std[K] = nullptr;
  }

  void onDup(const IoEvent &Ev) {
    int K = stdIndex(O.value(Ev.Target.E, Ev.Target.Frame));
    if (K >= 0)
      Std[K] = fdSym(Ev);
    else if (Thread)
      A.CloseAll = true; // not followed
  }

  void onExec(const IoEvent &Ev) {
    if (Thread) {
      A.CloseAll = true;
      return;
    }
    for (auto It = Held.begin(); It != Held.end();) {
      const EndState *E = State->get<PipeEnds>(It->first);
      if (!E || E->Cloexec || LocalCloexec.count(It->first))
        It = Held.erase(It);
      else
        ++It;
    }
    if (Ev.Conditional)
      return;
    Exec = true;
    for (auto &H : Held)
      H.second = true; // kept under its old number: the program never knows
    if (!W.Polls)
      claimStdAtExec(Ev);
    snapshot();
    for (auto &H : A.Held)
      if (Held.count(H.first))
        H.second = true;
  }

  /// The exec'd program reads its stdin until EOF and writes its stdout.
  void claimStdAtExec(const IoEvent &Ev) {
    if (Std[0] && !Snapshot) {
      snapshot();
      A.Claims.push_back({Std[0], true});
      A.at(true, Ev.Call, Ev.In);
    }
    if (Std[1]) {
      snapshot();
      A.Claims.push_back({Std[1], false});
      A.at(false, Ev.Call, Ev.In);
    }
  }

  /// Unseen code: what it is given escapes; a child may close anything.
  void onUnknown(const IoEvent &Ev) {
    if (Ev.Call)
      for (const Expr *Arg : Ev.Call->arguments())
        if (SymbolRef S = trackedSym(State, O.value(Arg, Ev.Fd.Frame)))
          A.Escaped.push_back(S);
    if (!Thread && !Snapshot)
      Held.clear();
  }
};
} // namespace

static Applied applyWalk(const IoWalk &W, StateOracle &O, ProgramStateRef State,
                         bool Thread, bool &Exec) {
  return WalkReplay(W, O, State, Thread, Exec).run();
}

/// Every end open in the parent is inherited by the child (bit \p B); the
/// child's walk says which it keeps, leaks past exec, drains or floods.
static ProgramStateRef inheritEnds(ProgramStateRef Parent, const Applied &A,
                                   uint32_t B, bool Known) {
  for (const auto &E : Parent->get<PipeEnds>()) {
    EndState N = E.second;
    if (N.ParentOpen)
      N.Inherited |= B;
    if (!Known) {
      if (N.ParentOpen)
        N.Held |= B; // may hold and use anything it inherited
    } else {
      auto It = A.Held.find(E.first);
      if (It != A.Held.end()) {
        N.Held |= B;
        if (It->second)
          N.Leaked |= B;
      }
    }
    for (const auto &Cl : A.Claims)
      if (Cl.first == E.first)
        (Cl.second ? N.ReadersEof : N.WritersBig) |= B;
    for (SymbolRef S : A.Nonblock)
      if (S == E.first)
        N.Nonblock = true;
    if (!(N == E.second))
      Parent = Parent->set<PipeEnds>(E.first, N);
  }
  return Parent;
}

/// The three outcomes of a fork() returning \p Ret (of type \p T): the
/// child (0), the parent (> 0), the failure (-1); null where impossible.
struct ForkSplit {
  ProgramStateRef Child, Parent, Failed;
};
static ForkSplit splitFork(ProgramStateRef State, SVal Ret, QualType T,
                           CheckerContext &C) {
  SValBuilder &SVB = C.getSValBuilder();
  auto cmp = [&](BinaryOperatorKind Op) -> ProgramStateRef {
    SVal V = SVB.evalBinOp(State, Op, Ret, SVB.makeZeroVal(T), C.getASTContext().IntTy);
    auto D = V.getAs<DefinedOrUnknownSVal>();
    return D ? State->assume(*D, true) : State;
  };
  ForkSplit S{cmp(BO_EQ), cmp(BO_GT), nullptr};
  SVal V = SVB.evalEQ(State, Ret, SVB.makeIntVal(-1, T));
  if (auto D = V.getAs<DefinedOrUnknownSVal>())
    S.Failed = State->assume(*D, true);
  return S;
}

void PipeChecker::postFork(const CallEvent &Call, CheckerContext &C) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  ProgramStateRef State = C.getState();
  SVal Ret = Call.getReturnValue();
  SymbolRef Pid = Ret.getAsSymbol();
  // No pipe is followed: the fork is none of this family's business (and
  // splitting the path would only cost the other checkers time).
  if (!CE || !Pid || State->get<PipeEnds>().isEmpty())
    return;
  ForkSplit Split = splitFork(State, Ret, CE->getType(), C);
  ProgramStateRef Child = Split.Child, Parent = Split.Parent, Failed = Split.Failed;
  if (Child) {
    Child = clearAll(Child)->set<PipeInChild>(true);
    C.addTransition(Child);
  }
  // No child: the error path is not where a hang is worth a report.
  if (Failed)
    C.addTransition(clearAll(Failed));
  if (!Parent)
    return;
  unsigned Index = Parent->get<PipeNextTask>();
  if (Index >= MaxTasks) {
    C.addTransition(clearAll(Parent));
    return;
  }
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  StateOracle O(Parent, C);
  std::unique_ptr<IoWalk> W = walkChild(CE, Fn, *Models, O);
  PipeTask Task;
  Task.Index = Index;
  Task = Task.atSite(CE);
  Task.Known = W->Found && W->Ends;
  Task.Entry = W->Entry;
  Task.ExecName = W->ExecName;
  bool Exec = false;
  Applied A;
  if (Task.Known)
    A = applyWalk(*W, O, Parent, /*Thread=*/false, Exec);
  Task.Exec = Exec;
  Task.BlockAt = A.BlockAt;
  Task.BlockIn = A.BlockIn;
  Task.WriteAt = A.WriteAt;
  Task.WriteIn = A.WriteIn;
  Parent = inheritEnds(Parent, A, bit(Index), Task.Known);
  for (SymbolRef S : A.Escaped)
    Parent = escapePipe(Parent, S);
  Parent = Parent->set<PipeTasks>(Pid, Task);
  Parent = Parent->set<PipeNextTask>(Index + 1);
  C.addTransition(Parent, forkNote(Parent, Pid, taskName(Task), A, C));
}

/// "Child 'x' is forked here; it keeps its copy of 'fds[1]'", on our
/// reports about the child or an end it keeps.
const NoteTag *PipeChecker::forkNote(ProgramStateRef State, SymbolRef Pid,
                                     std::string Name, const Applied &A,
                                     CheckerContext &C) const {
  std::vector<std::pair<SymbolRef, std::string>> Kept;
  for (const auto &H : A.Held)
    Kept.push_back({H.first, endName(State, H.first)});
  return C.getNoteTag([this, Pid, Name, Kept](
                          PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR))
      return "";
    std::string Which;
    for (const auto &K : Kept)
      if (BR.isInteresting(K.first))
        Which += (Which.empty() ? "" : ", ") + K.second;
    if (!BR.isInteresting(Pid) && Which.empty())
      return "";
    std::string N = Name;
    N[0] = toupper(N[0]);
    N += " is forked here";
    if (!Which.empty())
      N += "; it keeps its copy of " + Which;
    return N;
  });
}

/// The handle value a spawn yields (returned, or read through its
/// out-parameter).
static SymbolRef spawnHandle(const tl_fn_model &M, const CallEvent &Call,
                             ProgramStateRef State) {
  if (M.handle_return)
    return Call.getReturnValue().getAsSymbol();
  std::optional<HandleOut> Out = handleOut(M, Call);
  if (!Out)
    return nullptr;
  return State->getSVal(loc::MemRegionVal(Out->Region), Out->Type).getAsSymbol();
}

/// What a thread (bit \p B) does to the tracked ends it reaches.
static ProgramStateRef threadUses(ProgramStateRef State, const Applied &A,
                                  uint32_t B) {
  auto Has = [](const auto &List, SymbolRef S) {
    return llvm::is_contained(List, S);
  };
  for (const auto &E : State->get<PipeEnds>()) {
    EndState N = E.second;
    for (const auto &Cl : A.Claims)
      if (Cl.first == E.first)
        (Cl.second ? N.ReadersEof : N.WritersBig) |= B;
    if (Has(A.Nonblock, E.first))
      N.Nonblock = true;
    if (Has(A.Closed, E.first))
      N.ParentOpen = false; // the thread closes it: silent when unsure
    if (Has(A.Written, E.first))
      N.Written = true;
    if (!(N == E.second))
      State = State->set<PipeEnds>(E.first, N);
  }
  return State;
}

TASKLEAK_ROLE_HANDLER(PipeChecker::postSpawn) {
  ProgramStateRef State = C.getState();
  SymbolRef Handle = spawnHandle(M, Call, State);
  const FunctionDecl *Entry = argFunction(M.entry_arg, Call);
  SVal Arg = isArg(M.entry_param_arg, Call) ? Call.getArgSVal(M.entry_param_arg)
                                            : UnknownVal();
  // The spawn may have clobbered the memory the task was handed: the
  // ends stored there keep their values (a task does not renumber them).
  State = restoreHomes(State, C.getLocationContext());
  const FunctionDecl *Def = nullptr;
  unsigned Index = State->get<PipeNextTask>();
  if (!Entry || !Entry->hasBody(Def) || !Handle || Index >= MaxTasks) {
    C.addTransition(State->set<PipeOpaqueThread>(true));
    return;
  }
  StateOracle O(State, C);
  O.ThreadRoot = true;
  O.ThreadParam = Def->getNumParams() ? Def->getParamDecl(0) : nullptr;
  O.ThreadArg = Arg;
  std::unique_ptr<IoWalk> W = walkEntry(Def, *Models, O);
  bool Exec = false;
  Applied A = applyWalk(*W, O, State, /*Thread=*/true, Exec);
  if (A.CloseAll) {
    C.addTransition(clearAll(State));
    return;
  }
  PipeTask Task;
  Task.Index = Index;
  Task.Thread = true;
  Task.Known = true;
  Task = Task.atSite(Call.getOriginExpr());
  Task.Entry = Def;
  Task.BlockAt = A.BlockAt;
  Task.BlockIn = A.BlockIn;
  Task.WriteAt = A.WriteAt;
  Task.WriteIn = A.WriteIn;
  State = threadUses(State, A, bit(Index));
  for (SymbolRef S : A.Escaped)
    State = escapePipe(State, S);
  State = State->set<PipeTasks>(Handle, Task);
  State = State->set<PipeNextTask>(Index + 1);
  std::string Name = taskName(Task);
  C.addTransition(State, C.getNoteTag([this, Handle, Name](
                                          PathSensitiveBugReport &BR) -> std::string {
    if (!isOurs(BR) || !BR.isInteresting(Handle))
      return "";
    std::string N = Name;
    N[0] = toupper(N[0]);
    return N + " is spawned here";
  }));
}

//===----------------------------------------------------------------------===//
// Can a task end?
//===----------------------------------------------------------------------===//

/// Task \p TSym (bit \p B) reads end \p E (state \p X, peer \p P) until EOF:
/// is the write end kept open somewhere?
bool PipeChecker::drainBlocks(ProgramStateRef State, SymbolRef TSym,
                              const PipeTask &T, SymbolRef E, const EndState &X,
                              const EndState &P, SymbolRef Draining,
                              uint32_t Visiting, Why &W) const {
  uint32_t B = bit(T.Index);
  W = Why();
  W.Rule = RK_NeverClosed;
  W.End = E;
  W.Other = X.Peer;
  if (P.ParentOpen) {
    W.Kind = Why::ParentKeeps;
    return true;
  }
  if (!T.Thread && (P.Held & B)) {
    W.Kind = Why::SelfKeeps;
    return true;
  }
  for (const auto &U : State->get<PipeTasks>()) {
    uint32_t UB = bit(U.second.Index);
    if (U.first == TSym || U.second.Thread || !(P.Held & UB))
      continue;
    if ((P.Leaked & UB) && !(P.WritersBig & UB)) {
      W.Kind = Why::LeakedIn;
      W.OtherTask = U.first;
      return true;
    }
    Why Inner;
    if (stuck(State, U.first, Draining, Visiting, Inner)) {
      W.Kind = Why::StuckChild;
      W.OtherTask = U.first;
      return true;
    }
  }
  return false;
}

/// Task \p TSym (bit \p B) writes more than end \p E holds: does anyone read?
static bool floodBlocks(ProgramStateRef State, SymbolRef TSym, uint32_t B,
                        const EndState &X, const EndState &P,
                        SymbolRef Draining) {
  if (P.Drained || P.Nonblock || X.Peer == Draining)
    return false;
  for (const auto &U : State->get<PipeTasks>())
    if (U.first != TSym && (P.ReadersEof & bit(U.second.Index)))
      return false;
  uint32_t Others = P.Held & ~B;
  for (const auto &U : State->get<PipeTasks>())
    if (!U.second.Known && (Others & bit(U.second.Index)))
      return false; // an unknown child may read it
  if (State->get<PipeOpaqueThread>())
    return false;
  return P.ParentOpen || P.Held; // no reader left: the write fails (EPIPE)
}

/// Task \p TSym cannot end while the owner blocks (reading \p Draining,
/// if not null): it reads until EOF a pipe whose write end stays open, or
/// writes more than a pipe holds and nobody reads.
bool PipeChecker::stuck(ProgramStateRef State, SymbolRef TSym, SymbolRef Draining,
                        uint32_t Visiting, Why &W) const {
  const PipeTask *T = State->get<PipeTasks>(TSym);
  if (!T || !T->Known || (Visiting & bit(T->Index)))
    return false;
  uint32_t B = bit(T->Index);
  Visiting |= B;
  // Reads until EOF first: a filter reads all its input before it writes.
  for (int Pass = 0; Pass < 2; ++Pass)
    for (const auto &E : State->get<PipeEnds>()) {
      const EndState &X = E.second;
      const EndState *P = X.Peer ? State->get<PipeEnds>(X.Peer) : nullptr;
      if (X.Nonblock || X.Global || !P)
        continue;
      if (Pass == 0 && (X.ReadersEof & B) &&
          drainBlocks(State, TSym, *T, E.first, X, *P, Draining, Visiting, W))
        return true;
      if (Pass == 1 && (X.WritersBig & B) &&
          floodBlocks(State, TSym, B, X, *P, Draining)) {
        W = Why();
        W.Rule = RK_Send;
        W.Kind = Why::NoReader;
        W.End = E.first;
        W.Other = X.Peer;
        return true;
      }
    }
  return false;
}

std::string PipeChecker::whyText(ProgramStateRef State, SymbolRef TSym,
                                 const Why &W) const {
  const PipeTask *T = State->get<PipeTasks>(TSym);
  std::string End = endName(State, W.End), Other = endName(State, W.Other);
  switch (W.Kind) {
  case Why::ParentKeeps:
    return "it reads " + End + " until EOF and this process never closes the write end " + Other;
  case Why::SelfKeeps:
    return "it reads " + End + " until EOF while keeping its own copy of the write end " + Other;
  case Why::LeakedIn:
  case Why::StuckChild: {
    const PipeTask *U = State->get<PipeTasks>(W.OtherTask);
    std::string UName = U ? taskName(*U) : "another child process";
    if (U && T && taskName(*U) == taskName(*T))
      UName = "another " + UName.substr(4); // "the child ..." -> "another child ..."
    if (W.Kind == Why::LeakedIn)
      return "it reads " + End + " until EOF and " + UName +
             " inherited the write end " + Other + " and keeps it open";
    return "it reads " + End + " until EOF and " + UName +
           ", which never ends either, inherited the write end " + Other;
  }
  case Why::NoReader:
    return "it writes more than a pipe holds into " + End + " and nothing reads " +
           Other + (T && T->Thread ? " before the join" : " before the wait");
  }
  return "";
}

void PipeChecker::report(RuleKind K, std::string Msg, SymbolRef Task,
                         const Why *W, CheckerContext &C) const {
  if (!Enabled[K] || !BugTypes[K])
    return;
  ProgramStateRef State = C.getState();
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
  if (Task) {
    R->markInteresting(Task);
    const PipeTask *T = State->get<PipeTasks>(Task);
    const CallExpr *At = nullptr;
    const FunctionDecl *In = nullptr;
    if (T) {
      bool Writes = W && W->Rule == RK_Send;
      At = Writes ? T->WriteAt : T->BlockAt;
      In = Writes ? T->WriteIn : T->BlockIn;
    }
    if (T && At && In) {
        AnalysisDeclContext *ADC =
            C.getAnalysisManager().getAnalysisDeclContext(In);
        PathDiagnosticLocation L =
            PathDiagnosticLocation::createBegin(At, C.getSourceManager(), ADC);
        std::string What = taskName(*T);
        What[0] = toupper(What[0]);
        What += T->Exec && !T->Entry ? " runs the program that blocks"
                                     : " blocks here";
        R->addNote(What, L);
      }
  }
  if (W) {
    if (W->End)
      R->markInteresting(W->End);
    if (W->Other)
      R->markInteresting(W->Other);
    if (W->OtherTask)
      R->markInteresting(W->OtherTask);
  }
  C.emitReport(std::move(R));
  // The owner is stuck here: nothing after this on the path is worth more.
  C.addTransition(clearAll(State), N);
}

/// The handler a sigaction()/signal() call installs: signal's second
/// argument, or the sa_handler / sa_sigaction member of sigaction's struct.
static const FunctionDecl *handlerOf(const CallEvent &Call, ProgramStateRef State,
                                     CheckerContext &C) {
  if (Call.getNumArgs() < 2)
    return nullptr;
  SVal A = Call.getArgSVal(1);
  if (const FunctionDecl *FD = A.getAsFunctionDecl())
    return FD;
  // The store does not keep union members (sa_handler is one): read the
  // assignment `sa.sa_handler = handler` in the function instead.
  struct Finder {
    const FunctionDecl *Found = nullptr;
    static const FunctionDecl *fnRef(const Expr *E) {
      if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr))
        return dyn_cast<FunctionDecl>(DRE->getDecl());
      return nullptr;
    }
    void visit(const Stmt *S) {
      if (!S || Found)
        return;
      if (const auto *BO = dyn_cast<BinaryOperator>(S))
        if (BO->getOpcode() == BO_Assign)
          if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
            if (const auto *ND = ME->getMemberDecl())
              if (ND->getIdentifier() && (ND->getName() == "sa_handler" ||
                                          ND->getName() == "sa_sigaction"))
                if ((Found = fnRef(BO->getRHS())))
                  return;
      for (const Stmt *Ch : S->children())
        visit(Ch);
    }
  } F;
  if (const Decl *D = C.getLocationContext()->getDecl())
    F.visit(D->getBody());
  if (F.Found)
    return F.Found;
  const auto *R = dyn_cast_or_null<SubRegion>(A.getAsRegion());
  const Expr *AE = Call.getArgExpr(1);
  if (!R || !AE || !AE->getType()->isPointerType())
    return nullptr;
  const RecordDecl *RD = AE->getType()->getPointeeType()->getAsRecordDecl();
  MemRegionManager &MRMgr = C.getStoreManager().getRegionManager();
  // Two levels: struct sigaction { union { sa_handler; sa_sigaction; } }.
  for (int Depth = 0; RD && Depth < 2; ++Depth) {
    const RecordDecl *Next = nullptr;
    const SubRegion *NextR = nullptr;
    for (const FieldDecl *FD : RD->fields()) {
      const SubRegion *FR = MRMgr.getFieldRegion(FD, R);
      if (FD->getType()->isFunctionPointerType()) {
        if (const FunctionDecl *H = State->getSVal(FR).getAsFunctionDecl())
          return H;
      } else if (const RecordDecl *Inner = FD->getType()->getAsRecordDecl()) {
        Next = Inner;
        NextR = FR;
      }
    }
    RD = Next;
    R = NextR;
  }
  return nullptr;
}

void PipeChecker::postSignal(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  const FunctionDecl *H = CE ? handlerOf(Call, State, C) : nullptr;
  if (!H || !H->hasBody())
    return;
  StateOracle O(State, C);
  O.ThreadRoot = true;
  std::unique_ptr<IoWalk> W = walkEntry(H, *Models, O);
  ProgramStateRef S = State;
  for (const IoEvent &Ev : W->Events) {
    if (Ev.Kind != IoKind::WriteOnce && Ev.Kind != IoKind::WriteBig)
      continue;
    SymbolRef End = trackedSym(S, O.value(Ev.Fd.E, Ev.Fd.Frame));
    const EndState *E = End ? S->get<PipeEnds>(End) : nullptr;
    if (E && E->Global) {
      S = S->set<PipeHandlerWrites>(End, CE);
      S = S->set<PipeHandlerFns>(End, H);
    }
  }
  if (S != State)
    C.addTransition(S);
}

/// At the end of the analysed function: a signal handler still writes a
/// blocking pipe end.  Once the pipe is full its write() never returns,
/// and the task it interrupted, the one that would read, never runs again.
void PipeChecker::checkEndFunction(const ReturnStmt *, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!C.inTopFrame() || State->get<PipeHandlerWrites>().isEmpty() ||
      State->get<PipeInChild>() || !Enabled[RK_Self])
    return;
  for (const auto &HW : State->get<PipeHandlerWrites>()) {
    const EndState *E = State->get<PipeEnds>(HW.first);
    if (!E || E->Nonblock)
      continue;
    const FunctionDecl *const *H = State->get<PipeHandlerFns>(HW.first);
    std::string Handler = H && *H ? "Signal handler '" + (*H)->getNameAsString() + "'"
                                  : std::string("A signal handler");
    ExplodedNode *N = C.generateNonFatalErrorNode(State);
    if (!N)
      return;
    std::string Msg = Handler + " blocks forever writing " + endName(State, HW.first) +
                      " once the pipe is full: the write end is not O_NONBLOCK "
                      "and the task it interrupted cannot read";
    PathDiagnosticLocation L = PathDiagnosticLocation::createBegin(
        HW.second, C.getSourceManager(), C.getLocationContext());
    auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[RK_Self], Msg, N);
    R->addNote(Handler + " is installed here", L);
    R->markInteresting(HW.first);
    C.emitReport(std::move(R));
    return;
  }
}

/// Could a task other than this one write the end \p P?
static bool othersMayWrite(ProgramStateRef State, const EndState &P) {
  if ((P.Held | P.Inherited) != 0 || State->get<PipeOpaqueThread>())
    return true;
  for (const auto &T : State->get<PipeTasks>())
    if (T.second.Thread)
      return true;
  return false;
}

void PipeChecker::preRead(SymbolRef X, const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const EndState *E = State->get<PipeEnds>(X);
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!E || !CE || E->Nonblock || !E->ReadEnd || E->Global)
    return;
  const EndState *P = E->Peer ? State->get<PipeEnds>(E->Peer) : nullptr;
  if (!P)
    return;
  bool ToEof = isReadToEof(CE, C.getLocationContext()->getParentMap());
  bool Others = othersMayWrite(State, *P);
  std::string XN = endName(State, X), WN = endName(State, E->Peer);
  Why W;
  W.End = X;
  W.Other = E->Peer;
  if (ToEof && P->ParentOpen) {
    if (!Others) {
      W.Rule = RK_Self;
      report(RK_Self, "Reading " + XN + " until EOF blocks forever: only this task holds the write end " + WN,
             nullptr, &W, C);
    } else {
      report(RK_NeverClosed, "Reading " + XN + " until EOF blocks forever: this process keeps its own copy of the write end " + WN,
             nullptr, &W, C);
    }
    return;
  }
  if (ToEof) {
    for (const auto &U : State->get<PipeTasks>()) {
      uint32_t UB = bit(U.second.Index);
      if (U.second.Thread || !(P->Held & UB))
        continue;
      std::string UName = taskName(U.second);
      if ((P->Leaked & UB) && !(P->WritersBig & UB)) {
        W.OtherTask = U.first;
        report(RK_NeverClosed, "Reading " + XN + " until EOF blocks forever: " + UName +
                   " inherited the write end " + WN + " and keeps it open",
               U.first, &W, C);
        return;
      }
      Why Inner;
      if (stuck(State, U.first, X, 0, Inner)) {
        W.OtherTask = U.first;
        report(Inner.Rule, "Reading " + XN + " until EOF blocks forever: " + UName +
                   " holds the write end " + WN + " and never ends: " +
                   whyText(State, U.first, Inner),
               U.first, &Inner, C);
        return;
      }
    }
    return;
  }
  if (P->ParentOpen && !P->Written && !Others && !P->Drained && !E->Drained) {
    W.Rule = RK_Self;
    report(RK_Self, "Reading " + XN + " blocks forever: the pipe is empty and only this task holds the write end " + WN,
           nullptr, &W, C);
  }
}

TASKLEAK_ROLE_HANDLER(PipeChecker::preWait) {
  ProgramStateRef State = C.getState();
  bool Join = M.role == TL_ROLE_JOIN;
  if (!Join && M.flags_arg != TL_NO_ARG &&
      static_cast<unsigned>(M.flags_arg) < Call.getNumArgs()) {
    auto F = Call.getArgSVal(M.flags_arg).getAs<nonloc::ConcreteInt>();
    if (!F || F->getValue() != 0)
      return; // WNOHANG, or not known: it may return at once
  }
  SymbolRef TSym = nullptr;
  if (M.handle_arg != TL_NO_ARG && !M.handle_by_pointer) {
    TSym = argSym(Call, M.handle_arg);
    if (!TSym || !State->get<PipeTasks>(TSym))
      return;
  } else if (!Join) {
    // wait(): any child; reported only when it is the one child.
    unsigned N = 0;
    for (const auto &T : State->get<PipeTasks>())
      if (!T.second.Thread) {
        ++N;
        TSym = T.first;
      }
    if (N != 1)
      return;
  }
  const PipeTask *T = TSym ? State->get<PipeTasks>(TSym) : nullptr;
  if (!T || T->Thread != Join)
    return;
  Why W;
  if (!stuck(State, TSym, nullptr, 0, W))
    return;
  std::string Name = taskName(*T);
  std::string Msg = (Join ? "Joining " : "Waiting for ") + Name +
                    " blocks forever: " + whyText(State, TSym, W);
  report(W.Rule, Msg, TSym, &W, C);
}

TASKLEAK_ROLE_HANDLER(PipeChecker::postWait) {
  ProgramStateRef State = C.getState();
  bool Join = M.role == TL_ROLE_JOIN;
  SymbolRef TSym = M.handle_arg != TL_NO_ARG && !M.handle_by_pointer
                       ? argSym(Call, M.handle_arg)
                       : nullptr;
  if (TSym && State->get<PipeTasks>(TSym)) {
    C.addTransition(endTask(State, TSym));
    return;
  }
  if (Join)
    return;
  // Some child was reaped, we cannot tell which: forget them all.
  ProgramStateRef S = State;
  for (const auto &T : State->get<PipeTasks>())
    if (!T.second.Thread)
      S = endTask(S, T.first);
  if (S != State)
    C.addTransition(S);
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

void enable(CheckerManager &Mgr, RuleKind K) {
  static const char *const BugNames[] = {"Pipe writer never drained",
                                         "Pipe write end never closed",
                                         "Pipe only this task can write"};
  enableRule<PipeChecker>(Mgr, K, BugNames[K], "Pipes and child processes");
}

RegisterChecker PipeModeling{PipeModelingName,
                             registerModelingChecker<PipeChecker>};
// TL202 to TL204 across fork, in the order of RuleKind.
RegisterRules<enable> PipeRules{
    {SendNeverReceivedName, NeverClosedName, SelfDeadlockName}};

} // namespace
