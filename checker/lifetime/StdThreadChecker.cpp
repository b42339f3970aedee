//===- StdThreadChecker.cpp - C++ thread objects as values ----------------===//
//
// The C++ part of the lifetime family: std::thread and std::jthread modelled
// as values, and TL103 JoinableDestroyed, a std::thread destroyed or
// move-assigned onto while it is joinable (the standard calls
// std::terminate).  The same model speaks for two rules of the C family
// when they are enabled: TL104 DoubleJoin (join or detach of a std::thread
// that has no thread: std::system_error) and TL102 DanglingTaskArg (a lambda
// that captures locals by reference, or std::ref of a local, runs on a
// thread that is detached, or not joined, when the frame ends).
//
// The key is the thread object's region (as PthreadLockChecker keys locks),
// so locals, members, base-class members, heap objects and temporaries all
// work alike.  The value follows the object through moves:
//
//        default ctor, moved-from                 ctor from a callable
//                 |                                       |
//                 v              move (source)            v
//              Empty  <------------------------------  Joinable
//                 ^                                     |      |
//                 |           join()                    |      | detach()
//                 +------ Joined <----------------------+      v
//                                                          Detached
//   Empty, Joined, Detached: "not a thread" (joinable() is false).
//
//   ~thread() or `t = std::move(u)` while Joinable      -> TL103 (terminate)
//   join() or detach() while not a thread               -> TL104
//   frame ends while a Detached (or unjoined, stored-away) thread
//   holds references to that frame's locals             -> TL102
//
// The calls are evaluated here (evalCall) so that libstdc++'s and libc++'s
// bodies are not inlined: their shared-state and stop-token machinery is
// noise to every other checker.  Destructors cannot be evaluated by a
// checker, so the TL103 check runs before ~thread() and ends the path there
// (std::terminate); a non-joinable thread's destructor is left to the
// analyzer, and its joinable() call comes back here.
//
// A std::jthread is tracked the same way (its join and detach can still
// misuse it, and a detached one can still dangle) but never gives TL103: its
// destructor requests stop and joins.
//
// The analyzer has no exception edges: a path that throws ends at the throw
// and destructors run by unwinding are never seen.  So a `throw` reached
// while a local std::thread of the current function is joinable, outside any
// try block of that function, is reported here as TL103 at the throw.
//
// A thread object whose address escapes (given to a function the analyzer
// does not step into, stored outside the stack, moved into a container) is
// dropped: that code may join it.
//
//===----------------------------------------------------------------------===//

#include "Handles.h"
#include "Checkers.h"
#include "StateTraits.h"
#include "ThrowingCalls.h"
#include "ThreadPointers.h"
#include "ExprNames.h"
#include "RegionNames.h"
#include "TrackedHandle.h"
#include "Registry.h"
#include "RuleChecker.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// What the path knows about one thread object.  Small on purpose: every
/// exploded node copies it.
class ThreadState : public FieldwiseValue<ThreadState> {
public:
  enum Kind { Empty, Joinable, Joined, Detached };

  static ThreadState getEmpty(bool JThread) {
    return ThreadState(Empty, nullptr, JThread, nullptr, nullptr);
  }
  static ThreadState getJoinable(SymbolRef Id, bool JThread, const Expr *Ref,
                                 const StackFrameContext *RefFrame) {
    return ThreadState(Joinable, Id, JThread, Ref, RefFrame);
  }

  bool isJoinable() const { return K == Joinable; }
  bool isJoined() const { return K == Joined; }
  bool isDetached() const { return K == Detached; }
  bool isJThread() const { return JThread; }
  /// Names the thread for notes: it stays the same across moves.
  SymbolRef getId() const { return Id; }
  /// The thread's construction, when its callable or arguments refer to a
  /// local of \c getRefFrame() (a by-reference capture, std::ref, &local).
  const Expr *getRef() const { return Ref; }
  const StackFrameContext *getRefFrame() const { return RefFrame; }

  ThreadState withKind(Kind NewK) const {
    ThreadState S = *this;
    S.K = NewK;
    return S;
  }
  ThreadState withoutRef() const {
    ThreadState S = *this;
    S.Ref = nullptr;
    S.RefFrame = nullptr;
    return S;
  }

  auto fields() const {
    return std::make_tuple(K, Id, JThread, Ref, RefFrame);
  }

private:
  ThreadState(Kind K, SymbolRef Id, bool JThread, const Expr *Ref,
              const StackFrameContext *RefFrame)
      : K(K), Id(Id), JThread(JThread), Ref(Ref), RefFrame(RefFrame) {}

  Kind K;
  SymbolRef Id;                       // the running thread, across moves
  bool JThread;                       // std::jthread: joins itself
  const Expr *Ref;                    // the constructor call referring to it
  const StackFrameContext *RefFrame;  // the frame that local lives in
};

class StdThreadChecker
    : public CxxChecker<check::PreCall, check::PostCall, eval::Call,
                     check::PostStmt<CastExpr>, check::Bind, check::RegionChanges, check::DeadSymbols,
                     check::EndFunction> {
public:
  enum SubChecker { CK_Destroyed, CK_Dangling, CK_DoubleJoin, CK_NumCheckKinds };

  bool Enabled[CK_NumCheckKinds] = {};
  std::unique_ptr<BugType> BugTypes[CK_NumCheckKinds];
  const ModelIndex *Models = nullptr; ///< rows of role throws
  mutable ThrowFacts Throws;          ///< visibleThrow()'s, per callee

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostStmt(const CastExpr *CE, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  TASKLEAK_REGION_CHANGES;
  void checkDeadSymbols(SymbolReaper &SymReaper, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;

  using Handler = void (StdThreadChecker::*)(const CallEvent &,
                                             const MemRegion *, bool,
                                             CheckerContext &) const;

private:
  static Handler lookupMember(const CXXMethodDecl *MD);

  void evalCtor(const CallEvent &Call, const MemRegion *This, bool JThread,
                CheckerContext &C) const;
  void evalMoveAssign(const CallEvent &Call, const MemRegion *This,
                      bool JThread, CheckerContext &C) const;
  void evalJoin(const CallEvent &Call, const MemRegion *This, bool JThread,
                CheckerContext &C) const;
  void evalDetach(const CallEvent &Call, const MemRegion *This, bool JThread,
                  CheckerContext &C) const;
  void evalJoinable(const CallEvent &Call, const MemRegion *This, bool JThread,
                    CheckerContext &C) const;
  void evalSwap(const CallEvent &Call, const MemRegion *This, bool JThread,
                CheckerContext &C) const;
  void evalRelease(const CallEvent &Call, const MemRegion *This, bool JThread,
                   ThreadState::Kind Next, CheckerContext &C) const;

  void preThreadDtor(const CallEvent &Call, const MemRegion *R,
                     CheckerContext &C) const;
  void preImplicitDtor(const CXXDestructorDecl *DD, const MemRegion *Obj,
                       CheckerContext &C) const;
  void checkThrow(const Stmt *Operand, CheckerContext &C) const;
  void checkUnwinding(const Stmt *At, const std::string &Why,
                      CheckerContext &C) const;
  ProgramStateRef ensureNotJoinable(ProgramStateRef State, const MemRegion *R,
                                    std::string Name, bool Assigned,
                                    CheckerContext &C) const;
  const NoteTag *threadNote(CheckerContext &C, SymbolRef Id,
                            std::string Text) const;
  void reportDestroyed(const MemRegion *R, const ThreadState &TS,
                       std::string Name, bool Assigned, const Stmt *Throw,
                       ExplodedNode *N, CheckerContext &C,
                       const std::string &CallThrows = "") const;
  void reportMisuse(const MemRegion *R, const ThreadState &TS, bool Join,
                    const CallEvent &Call, CheckerContext &C) const;
  void reportDangling(const MemRegion *R, const ThreadState &TS,
                      ExplodedNode *N, CheckerContext &C) const;
  void emit(SubChecker Kind, std::string Msg, const ThreadState &TS,
            const MemRegion *R, SourceRange Range, ExplodedNode *N,
            CheckerContext &C) const;
  bool isOurs(const BugType &BT) const;
};

} // namespace

// Thread object region -> what the path knows about that object.  Only
// objects whose history the path has seen are here; an object missing from
// the map is unknown, and nothing is reported about it.
REGISTER_MAP_WITH_PROGRAMSTATE(ThreadMap, const MemRegion *, ThreadState)

//===----------------------------------------------------------------------===//
// Recognising thread objects and naming them.
//===----------------------------------------------------------------------===//

/// std::thread or std::jthread (any inline namespace, as libc++ uses).
static bool isThreadClass(const CXXRecordDecl *RD, bool &JThread) {
  if (!RD || !RD->getIdentifier() || !RD->getDeclContext()->isStdNamespace())
    return false;
  StringRef Name = RD->getName();
  JThread = Name == "jthread";
  return JThread || Name == "thread";
}

/// The object region a call is made on, without casts.
static const MemRegion *thisRegion(const CallEvent &Call) {
  SVal This = UnknownVal();
  if (const auto *IC = dyn_cast<CXXInstanceCall>(&Call))
    This = IC->getCXXThisVal();
  else if (const auto *CC = dyn_cast<CXXConstructorCall>(&Call))
    This = CC->getCXXThisVal();
  const MemRegion *R = This.getAsRegion();
  return R ? R->StripCasts(false) : nullptr;
}

/// The pointer a `delete` being evaluated right now deletes ("p"), or "".
/// Destructor calls carry no origin expression: ask the CFG element.
static std::string deletedPointerName(CheckerContext &C) {
  CFGElement Elem = C.getStateManager().getOwningEngine().getCurrentCFGElement();
  auto DD = Elem.getAs<CFGDeleteDtor>();
  if (!DD)
    return "";
  const Expr *Arg = DD->getDeleteExpr()->getArgument()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(Arg)) // `delete worker_` in a method
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return ME->getMemberDecl()->getNameAsString();
  return "";
}

/// The name of a member \p R of the object \p Obj being destroyed: "w.worker"
/// when the store names it, "p->worker" for `delete p`, else "worker".
static std::string memberName(const MemRegion *R, const MemRegion *Obj,
                              CheckerContext &C) {
  std::string Name = describeRegion(R, /*BareMember=*/true);
  if (!describeRegion(Obj, /*BareMember=*/true).empty())
    return Name;
  std::string Ptr = deletedPointerName(C);
  if (Ptr.empty())
    return Name;
  if (R == Obj)
    return "*" + Ptr;
  std::string Path;
  for (const MemRegion *X = R; X && X != Obj;
       X = isa<SubRegion>(X) ? cast<SubRegion>(X)->getSuperRegion()->StripCasts(false)
                             : nullptr)
    if (const auto *FR = dyn_cast<FieldRegion>(X))
      Path = FR->getDecl()->getNameAsString() + (Path.empty() ? "" : "." + Path);
  return Path.empty() ? Name : Ptr + "->" + Path;
}

/// Does destroying an object of this class run no code of the user's (its
/// destructor is implicit or defaulted)?
static bool hasImplicitDtor(const CXXRecordDecl *RD) {
  const CXXDestructorDecl *DD = RD ? RD->getDestructor() : nullptr;
  return RD && (!DD || DD->isImplicit() || DD->isDefaulted());
}

/// Is \p Member destroyed, with no user code first, when \p Obj (of class
/// \p RD) is: reached from it through members and bases whose classes all
/// have implicit or defaulted destructors?
static bool destroyedWith(const MemRegion *Member, const MemRegion *Obj,
                          const CXXRecordDecl *RD) {
  for (const MemRegion *X = Member; X != Obj;) {
    if (!isa<FieldRegion, CXXBaseObjectRegion>(X))
      return false;
    const MemRegion *Parent = cast<SubRegion>(X)->getSuperRegion()->StripCasts(false);
    const CXXRecordDecl *ParentRD = RD;
    if (Parent != Obj) {
      const auto *TR = dyn_cast<TypedValueRegion>(Parent);
      ParentRD = TR ? TR->getValueType()->getAsCXXRecordDecl() : nullptr;
    }
    if (!hasImplicitDtor(ParentRD))
      return false;
    X = Parent;
  }
  return true;
}

static std::string quoted(const std::string &Name) {
  return Name.empty() ? "" : "'" + Name + "' ";
}

static const char *className(const ThreadState &TS) {
  return TS.isJThread() ? "std::jthread" : "std::thread";
}

/// Is \p SFC the current frame or one of its callers?
static bool isOnStack(const StackFrameContext *SFC, CheckerContext &C) {
  const LocationContext *Cur = C.getLocationContext();
  return SFC == Cur->getStackFrame() || SFC->isParentOf(Cur);
}

static const StackFrameContext *frameOf(const MemRegion *R) {
  const auto *S = dyn_cast<StackSpaceRegion>(R->getMemorySpace());
  return S ? S->getStackFrame() : nullptr;
}

//===----------------------------------------------------------------------===//
// What a new thread refers to in its creator's frame.
//===----------------------------------------------------------------------===//

static bool isLocalVar(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType();
}

/// The local of the creating frame that one argument of a new thread refers
/// to: a by-reference lambda capture, std::ref(local), or &local.
static const ValueDecl *frameLocalOf(const Expr *Arg) {
  if (const LambdaExpr *L = lambdaOf(Arg)) {
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef &&
          isLocalVar(Cap.getCapturedVar()))
        return Cap.getCapturedVar();
    return nullptr;
  }
  const Expr *E = Arg->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
        (FD->getName() != "ref" && FD->getName() != "cref") ||
        CE->getNumArgs() != 1)
      return nullptr;
    E = CE->getArg(0)->IgnoreParenImpCasts();
  } else if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_AddrOf)
      return nullptr;
    E = U->getSubExpr()->IgnoreParenImpCasts();
  } else {
    return nullptr;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE && isLocalVar(DRE->getDecl()) ? DRE->getDecl() : nullptr;
}

/// The new thread's constructor call if one of its arguments refers to a
/// local of the creating frame, else null.
static const Expr *findFrameRef(const CallEvent &Call) {
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    if (frameLocalOf(Call.getArgExpr(I)))
      return Call.getOriginExpr();
  return nullptr;
}

/// "local 'x'" for the first local the thread started by \p Ctor refers to.
static std::string refName(const Expr *Ctor) {
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Ctor))
    for (const Expr *Arg : CE->arguments())
      if (const ValueDecl *D = frameLocalOf(Arg))
        return "local '" + D->getNameAsString() + "'";
  return "a local variable";
}

/// "a lambda", "'fill'", "'Server::run'": what the thread started by
/// \p Ctor runs.
static std::string entryName(const Expr *Ctor) {
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Ctor);
  if (!CE || CE->getNumArgs() == 0)
    return "a callable";
  const Expr *F = CE->getArg(0);
  if (lambdaOf(F))
    return "a lambda";
  F = F->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(F))
    F = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(F))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return "'" + FD->getQualifiedNameAsString() + "'";
  return "a callable";
}

//===----------------------------------------------------------------------===//
// Callbacks: find the thread object and the member, hand them to a handler.
//===----------------------------------------------------------------------===//

/// std::thread's and std::jthread's modelled members, by name.
/// Constructors are told apart by kind; the destructor is checkPreCall's.
StdThreadChecker::Handler
StdThreadChecker::lookupMember(const CXXMethodDecl *MD) {
  static const struct {
    const char *Name;
    Handler Fn;
  } Table[] = {
      {"join", &StdThreadChecker::evalJoin},
      {"detach", &StdThreadChecker::evalDetach},
      {"joinable", &StdThreadChecker::evalJoinable},
      {"swap", &StdThreadChecker::evalSwap},
  };
  if (MD->isMoveAssignmentOperator())
    return &StdThreadChecker::evalMoveAssign;
  if (!MD->getIdentifier())
    return nullptr;
  for (const auto &Row : Table)
    if (MD->getName() == Row.Name)
      return Row.Fn;
  return nullptr;
}

bool StdThreadChecker::evalCall(const CallEvent &Call,
                                CheckerContext &C) const {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  bool JThread = false;
  if (!MD || !isThreadClass(MD->getParent(), JThread))
    return false;
  const MemRegion *This = thisRegion(Call);
  if (!This)
    return false;
  if (isa<CXXConstructorCall>(Call)) {
    evalCtor(Call, This, JThread, C);
    return true;
  }
  if (!isa<CXXInstanceCall>(Call) || isa<CXXDestructorCall>(Call))
    return false;
  Handler Fn = lookupMember(MD);
  if (!Fn)
    return false;
  (this->*Fn)(Call, This, JThread, C);
  return true;
}

/// Destructors cannot be evaluated by a checker: check them before they
/// run.  ~thread() on a joinable thread ends the path (std::terminate); so
/// does an implicit or defaulted destructor of a class whose members or
/// bases hold a joinable thread, reported here where the owner dies rather
/// than inside a destructor nobody wrote.
void StdThreadChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  // unique_ptr<std::thread>: reset(), assignment, destructor (item 2).
  std::string Held;
  if (const MemRegion *T = threadDeletedBy(Call, C, Held))
    if (!ensureNotJoinable(C.getState(), T, Held, /*Assigned=*/false, C))
      return;
  const auto *DC = dyn_cast<CXXDestructorCall>(&Call);
  const MemRegion *R = DC ? thisRegion(Call) : nullptr;
  if (!R)
    return;
  const auto *DD = cast<CXXDestructorDecl>(DC->getDecl());
  bool JThread = false;
  if (isThreadClass(DD->getParent(), JThread))
    preThreadDtor(Call, R, C);
  else if (hasImplicitDtor(DD->getParent()))
    preImplicitDtor(DD, R, C);
}

/// The thread objects' own operand: a thrown value has just been made.
void StdThreadChecker::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const Expr *E = Call.getOriginExpr();
  if (!E)
    return;
  checkThrow(E, C);
  // A call whose throw the path cannot show (ThrowingCalls.h): the same
  // unwinding, reported at the call; the path goes on (it may not throw).
  if (Enabled[CK_Destroyed] && !isa<CXXDestructorCall>(&Call) &&
      !C.getState()->get<ThreadMap>().isEmpty()) {
    std::string Why = visibleThrow(Call, C.wasInlined, *Models, Throws);
    if (!Why.empty())
      checkUnwinding(E, Why, C);
  }
}

void StdThreadChecker::checkPostStmt(const CastExpr *CE,
                                     CheckerContext &C) const {
  checkThrow(CE, C);
}

//===----------------------------------------------------------------------===//
// Handlers: one per member.
//===----------------------------------------------------------------------===//

/// A move of argument 0's thread into \p This: \p This takes the source's
/// thread (none known: no entry) and the source \p Src is left with none.
/// Returns the thread moved, if the source had one.
static std::optional<ThreadState> moveThread(ProgramStateRef &State,
                                             const CallEvent &Call,
                                             const MemRegion *This, bool JThread,
                                             const MemRegion *&Src) {
  Src = Call.getArgSVal(0).getAsRegion();
  Src = Src ? Src->StripCasts(false) : nullptr;
  std::optional<ThreadState> Moved;
  if (const ThreadState *TS = Src ? State->get<ThreadMap>(Src) : nullptr)
    Moved = *TS;
  State = Moved ? State->set<ThreadMap>(This, *Moved)
                : without<ThreadMap>(State, This);
  if (Src && Src != This)
    State = State->set<ThreadMap>(Src, ThreadState::getEmpty(JThread));
  return Moved;
}

/// Construction.  A thread from a callable is joinable; the default and the
/// move constructor make an object with no thread (the source of a move
/// gives its thread up).  The object's memory is invalidated as a
/// conservative call would, so that code reading it later reads a value.
void StdThreadChecker::evalCtor(const CallEvent &Call, const MemRegion *This,
                                bool JThread, CheckerContext &C) const {
  const auto *Ctor = cast<CXXConstructorDecl>(Call.getDecl());
  ProgramStateRef State = Call.invalidateRegions(C.blockCount(), C.getState());
  if (Ctor->isDefaultConstructor()) {
    C.addTransition(State->set<ThreadMap>(This, ThreadState::getEmpty(JThread)));
    return;
  }
  if (Ctor->isMoveConstructor()) {
    const MemRegion *Src = nullptr;
    std::optional<ThreadState> TS = moveThread(State, Call, This, JThread, Src);
    const NoteTag *Tag = nullptr;
    if (TS && TS->getId())
      Tag = threadNote(C, TS->getId(),
                       quoted(describeRegion(Src, /*BareMember=*/true)) + "moved" +
                           (describeRegion(This, /*BareMember=*/true).empty()
                                ? std::string(" here")
                                : " into '" + describeRegion(This, /*BareMember=*/true) + "' here"));
    C.addTransition(State, Tag);
    return;
  }
  if (Ctor->isCopyConstructor()) { // deleted; be safe
    C.addTransition(without<ThreadMap>(State, This));
    return;
  }
  SymbolRef Id = C.getSValBuilder()
                     .conjureSymbolVal(nullptr, Call.getOriginExpr(),
                                       C.getLocationContext(),
                                       C.getASTContext().IntTy, C.blockCount())
                     .getAsSymbol();
  const Expr *Ref = findFrameRef(Call);
  State = State->set<ThreadMap>(
      This, ThreadState::getJoinable(Id, JThread, Ref,
                                     Ref ? C.getStackFrame() : nullptr));
  std::string Note = "Thread started here";
  if (Ref)
    Note += " with a reference to " + refName(Ref);
  C.addTransition(State, threadNote(C, Id, Note));
}

/// `t = std::move(u)`: a joinable target is TL103; the target takes the
/// source's thread and the source is left with none.
void StdThreadChecker::evalMoveAssign(const CallEvent &Call,
                                      const MemRegion *This, bool JThread,
                                      CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!JThread) {
    State = ensureNotJoinable(State, This, memberName(This, This, C),
                              /*Assigned=*/true, C);
    if (!State)
      return;
  }
  const MemRegion *Src = nullptr;
  std::optional<ThreadState> TS = moveThread(State, Call, This, JThread, Src);
  const NoteTag *Tag = nullptr;
  if (TS && TS->getId() && !describeRegion(Src, /*BareMember=*/true).empty())
    Tag = threadNote(C, TS->getId(),
                     "'" + describeRegion(Src, /*BareMember=*/true) + "' moved into " +
                         quoted(describeRegion(This, /*BareMember=*/true)) + "here");
  if (const Expr *E = Call.getOriginExpr())
    State = State->BindExpr(E, C.getLocationContext(), loc::MemRegionVal(This));
  C.addTransition(State, Tag);
}

void StdThreadChecker::evalJoin(const CallEvent &Call, const MemRegion *This,
                                bool JThread, CheckerContext &C) const {
  evalRelease(Call, This, JThread, ThreadState::Joined, C);
}

void StdThreadChecker::evalDetach(const CallEvent &Call, const MemRegion *This,
                                  bool JThread, CheckerContext &C) const {
  evalRelease(Call, This, JThread, ThreadState::Detached, C);
}

/// join() or detach().  On an object with no thread both throw
/// std::system_error: TL104 when enabled, and the path ends either way.
void StdThreadChecker::evalRelease(const CallEvent &Call, const MemRegion *This,
                                   bool JThread, ThreadState::Kind Next,
                                   CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const ThreadState *TS = State->get<ThreadMap>(This);
  if (TS && !TS->isJoinable()) {
    if (Enabled[CK_DoubleJoin])
      reportMisuse(This, *TS, Next == ThreadState::Joined, Call, C);
    else
      C.generateSink(State, C.getPredecessor());
    return;
  }
  const NoteTag *Tag = nullptr;
  ThreadState After = TS ? TS->withKind(Next)
                         : ThreadState::getEmpty(JThread).withKind(Next);
  if (TS && TS->getId()) {
    std::string Note = Next == ThreadState::Joined ? "Joined here" : "Detached here";
    if (Next == ThreadState::Detached && TS->getRef())
      Note += "; the thread keeps a reference to " + refName(TS->getRef());
    Tag = threadNote(C, TS->getId(), Note);
  }
  if (Next == ThreadState::Joined)
    After = After.withoutRef();
  C.addTransition(State->set<ThreadMap>(This, After), Tag);
}

/// joinable(): the modelled state.  An object whose history is unknown is
/// split into both answers, and each branch remembers its answer.
void StdThreadChecker::evalJoinable(const CallEvent &Call,
                                    const MemRegion *This, bool JThread,
                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const Expr *E = Call.getOriginExpr();
  const LocationContext *LCtx = C.getLocationContext();
  SValBuilder &SVB = C.getSValBuilder();
  if (const ThreadState *TS = State->get<ThreadMap>(This)) {
    C.addTransition(State->BindExpr(E, LCtx, SVB.makeTruthVal(TS->isJoinable(),
                                                              E->getType())));
    return;
  }
  C.addTransition(State->BindExpr(E, LCtx, SVB.makeTruthVal(false, E->getType()))
                      ->set<ThreadMap>(This, ThreadState::getEmpty(JThread)));
  C.addTransition(State->BindExpr(E, LCtx, SVB.makeTruthVal(true, E->getType()))
                      ->set<ThreadMap>(This, ThreadState::getJoinable(
                                                 nullptr, JThread, nullptr,
                                                 nullptr)));
}

/// t.swap(u): the two objects trade threads.
void StdThreadChecker::evalSwap(const CallEvent &Call, const MemRegion *This,
                                bool JThread, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const MemRegion *Other = Call.getNumArgs() == 1
                               ? Call.getArgSVal(0).getAsRegion()
                               : nullptr;
  Other = Other ? Other->StripCasts(false) : nullptr;
  if (!Other) {
    C.addTransition(without<ThreadMap>(State, This));
    return;
  }
  const ThreadState *A = State->get<ThreadMap>(This);
  const ThreadState *B = State->get<ThreadMap>(Other);
  ProgramStateRef Next = without<ThreadMap>(without<ThreadMap>(State, This), Other);
  if (B)
    Next = Next->set<ThreadMap>(This, *B);
  if (A)
    Next = Next->set<ThreadMap>(Other, *A);
  C.addTransition(Next);
}

/// The TL103 check, before a destructor or a move assignment: null when it
/// reported (std::terminate ends the path).
ProgramStateRef StdThreadChecker::ensureNotJoinable(ProgramStateRef State,
                                                    const MemRegion *R,
                                                    std::string Name,
                                                    bool Assigned,
                                                    CheckerContext &C) const {
  const ThreadState *TS = State->get<ThreadMap>(R);
  if (!TS || !TS->isJoinable() || TS->isJThread() || !Enabled[CK_Destroyed])
    return State;
  ExplodedNode *N = C.generateErrorNode(State);
  if (!N)
    return nullptr;
  reportDestroyed(R, *TS, Name, Assigned, nullptr, N, C);
  return nullptr;
}

/// ~thread().  The object is forgotten afterwards, unless a detached thread
/// still refers to a local whose frame has not ended (TL102 needs it).
void StdThreadChecker::preThreadDtor(const CallEvent &Call, const MemRegion *R,
                                     CheckerContext &C) const {
  ProgramStateRef State = ensureNotJoinable(C.getState(), R,
                                            memberName(R, R, C),
                                            /*Assigned=*/false, C);
  if (!State)
    return;
  const ThreadState *TS = State->get<ThreadMap>(R);
  if (TS && !(TS->isDetached() && TS->getRef()))
    C.addTransition(without<ThreadMap>(State, R));
}

/// An owner whose destructor runs no user code: its joinable thread
/// members (through members and bases with implicit destructors too) are
/// destroyed right away.
void StdThreadChecker::preImplicitDtor(const CXXDestructorDecl *DD,
                                       const MemRegion *Obj,
                                       CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const auto &E : State->get<ThreadMap>()) {
    const MemRegion *R = E.first;
    if (!E.second.isJoinable() || R == Obj || !R->isSubRegionOf(Obj) ||
        !destroyedWith(R, Obj, DD->getParent()))
      continue;
    ensureNotJoinable(State, R, memberName(R, Obj, C), /*Assigned=*/false, C);
    return;
  }
}

/// The thrown object of `throw X` when \p S is X (through casts and
/// temporaries), else null.
static const CXXThrowExpr *thrownBy(const Stmt *S, const ParentMap &PM) {
  for (const Stmt *P = PM.getParent(S); P; S = P, P = PM.getParent(P)) {
    if (const auto *TE = dyn_cast<CXXThrowExpr>(P))
      return TE->getSubExpr() && TE->getSubExpr()->IgnoreImplicit() ==
                                     cast<Expr>(S)->IgnoreImplicit()
                 ? TE
                 : nullptr;
    if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ExprWithCleanups, ParenExpr, CXXFunctionalCastExpr>(P))
      return nullptr;
  }
  return nullptr;
}

/// There are no exception edges: a path ends at its `throw`, and the
/// destructors that unwinding runs are never seen.  So when the thrown
/// object has just been made, look up the stack: each frame that no try
/// block catches in (the throw here, the call site in callers) loses its
/// locals, and a joinable std::thread among them meets std::terminate.
void StdThreadChecker::checkThrow(const Stmt *Operand, CheckerContext &C) const {
  // Unwinding matters only to the threads the path holds (checkUnwinding);
  // asked after every cast and call, so that comes first.
  if (!Enabled[CK_Destroyed] || C.getState()->get<ThreadMap>().isEmpty())
    return;
  const LocationContext *LC = C.getLocationContext();
  if (!thrownBy(Operand, LC->getParentMap()))
    return;
  checkUnwinding(Operand, "", C);
}

/// Unwinding from \p At (a thrown operand, or a call that may throw for
/// the reason \p Why) up the stack, frame by frame until a try block.
void StdThreadChecker::checkUnwinding(const Stmt *At, const std::string &Why,
                                      CheckerContext &C) const {
  const LocationContext *LC = C.getLocationContext();
  const Stmt *Operand = At;
  ProgramStateRef State = C.getState();
  for (const StackFrameContext *Frame = LC->getStackFrame(); Frame;) {
    const ParentMap &PM = Frame->getParentMap();
    for (const Stmt *S = At; S; S = PM.getParent(S))
      if (isa<CXXTryStmt>(S))
        return;
    for (const auto &E : State->get<ThreadMap>()) {
      const MemRegion *R = E.first;
      if (!E.second.isJoinable() || E.second.isJThread() ||
          !isa<VarRegion>(R->getBaseRegion()) || frameOf(R) != Frame)
        continue;
      const auto *Base = cast<VarRegion>(R->getBaseRegion());
      if (guardedByRaii(Base->getDecl(), Frame->getDecl()->getBody()))
        continue;
      ExplodedNode *N = Why.empty() ? C.generateErrorNode(State)
                                    : C.generateNonFatalErrorNode(State);
      if (N)
        reportDestroyed(R, E.second, describeRegion(R, /*BareMember=*/true),
                        /*Assigned=*/false, Operand, N, C, Why);
      return;
    }
    At = Frame->getCallSite();
    Frame = Frame->getParent() ? Frame->getParent()->getStackFrame() : nullptr;
    if (!At)
      return;
  }
}

//===----------------------------------------------------------------------===//
// Escape, death and frame ends.
//===----------------------------------------------------------------------===//

/// Storing a thread's address (or its owner's) outside the stack hands it
/// to code we cannot follow.
void StdThreadChecker::checkBind(SVal Loc, SVal Val, const Stmt *,
                                 CheckerContext &C) const {
  const MemRegion *Stored = Val.getAsRegion();
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Stored || !Dest || isa<StackSpaceRegion>(Dest->getMemorySpace()))
    return;
  ProgramStateRef State = C.getState();
  Stored = Stored->StripCasts(false);
  for (const auto &E : State->get<ThreadMap>())
    if (E.first == Stored || E.first->isSubRegionOf(Stored))
      State = without<ThreadMap>(State, E.first);
  C.addTransition(State);
}

/// A conservative call that may write a thread object (its address, or its
/// owner's, was passed on; a method of its owner was called) drops it.
ProgramStateRef StdThreadChecker::checkRegionChanges(
    ProgramStateRef State, const InvalidatedSymbols *,
    ArrayRef<const MemRegion *> ExplicitRegions,
    ArrayRef<const MemRegion *> Regions, const LocationContext *,
    const CallEvent *Call) const {
  if (Call) {
    bool JThread;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call->getDecl());
    if (MD && isThreadClass(MD->getParent(), JThread))
      return State; // our own evaluation
  }
  // The store invalidates whole objects (clusters): a call on one member
  // also lists the object around it, which the call cannot reach.
  auto IsOnlyCluster = [&](const MemRegion *X) {
    for (const MemRegion *E : ExplicitRegions)
      if (E == X)
        return false;
    for (const MemRegion *E : ExplicitRegions)
      if (E->getBaseRegion() == X)
        return true;
    return false;
  };
  auto Reaches = [](const MemRegion *X, const MemRegion *Thread) {
    return Thread == X || Thread->isSubRegionOf(X);
  };
  for (const auto &E : State->get<ThreadMap>()) {
    bool Escaped = llvm::any_of(ExplicitRegions, [&](const MemRegion *X) {
      return Reaches(X, E.first);
    });
    Escaped = Escaped || llvm::any_of(Regions, [&](const MemRegion *X) {
                return !IsOnlyCluster(X) && Reaches(X, E.first);
              });
    if (Escaped)
      State = without<ThreadMap>(State, E.first);
  }
  return State;
}

/// Forgets objects that can no longer be reached: those of a frame that
/// has ended, and heap objects whose pointer is gone (a leaked std::thread
/// is never destroyed, so never terminates).  A local is kept while its
/// frame lives, even with no thread: forgetting it would make its
/// destructor's joinable() unknown again.
void StdThreadChecker::checkDeadSymbols(SymbolReaper &SymReaper,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (const auto &E : State->get<ThreadMap>()) {
    const MemRegion *R = E.first;
    const StackFrameContext *Frame = frameOf(R);
    bool Gone = Frame ? !isOnStack(Frame, C)
                      : isa<HeapSpaceRegion>(R->getMemorySpace()) &&
                            !SymReaper.isLiveRegion(R);
    if (Gone) {
      State = without<ThreadMap>(State, R);
      Changed = true;
    }
  }
  if (Changed)
    C.addTransition(State);
}

/// TL102: the frame ends while a thread that refers to its locals may
/// still run: detached, or joinable and held where this frame's end does
/// not destroy it (a member, a heap object: its destructor is not here).
void StdThreadChecker::checkEndFunction(const ReturnStmt *,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const StackFrameContext *Frame = C.getStackFrame();
  llvm::SmallVector<std::pair<const MemRegion *, ThreadState>, 2> Dangling;
  for (const auto &E : State->get<ThreadMap>()) {
    const ThreadState &TS = E.second;
    if (TS.getRefFrame() != Frame)
      continue;
    if (TS.isDetached() || TS.isJoinable())
      Dangling.push_back({E.first, TS});
    State = State->set<ThreadMap>(E.first, TS.withoutRef());
  }
  reportAll(C, State, Dangling, Enabled[CK_Dangling],
            [&](const auto &D, ExplodedNode *N) {
              reportDangling(D.first, D.second, N, C);
            });
}

//===----------------------------------------------------------------------===//
// Notes and reports.
//===----------------------------------------------------------------------===//

bool StdThreadChecker::isOurs(const BugType &BT) const {
  return ownsBugType(BugTypes, BT);
}

/// A note for the path of our own reports about the thread \p Id.
const NoteTag *StdThreadChecker::threadNote(CheckerContext &C, SymbolRef Id,
                                            std::string Text) const {
  return handleNote(
      C, [this](const BugType &BT) { return isOurs(BT); }, Id, nullptr,
      std::move(Text));
}

void StdThreadChecker::reportDestroyed(const MemRegion *R,
                                       const ThreadState &TS, std::string Name,
                                       bool Assigned, const Stmt *Throw,
                                       ExplodedNode *N, CheckerContext &C,
                                       const std::string &CallThrows) const {
  std::string Msg = std::string(className(TS)) + " " + quoted(Name) + "is " +
                    (Assigned ? "assigned to" : "destroyed") +
                    " while joinable (std::terminate)";
  if (Throw)
    Msg = (CallThrows.empty() ? std::string("An exception thrown here")
                              : "An exception from this call (" + CallThrows + ")") +
          " destroys " + std::string(className(TS)) + " " + quoted(Name) +
          "while it is joinable (std::terminate)";
  emit(CK_Destroyed, Msg, TS, R, SourceRange(), N, C);
}

void StdThreadChecker::reportMisuse(const MemRegion *R, const ThreadState &TS,
                                    bool Join, const CallEvent &Call,
                                    CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  const char *What = Join ? "joined" : "detached";
  std::string Why = TS.isJoined()     ? "after it was joined"
                    : TS.isDetached() ? "after it was detached"
                                      : "but it has no thread";
  emit(CK_DoubleJoin,
       std::string(className(TS)) + " " + quoted(describeRegion(R, /*BareMember=*/true)) + "is " +
           What + " " + Why + " (std::system_error)",
       TS, R, Call.getSourceRange(), N, C);
}

/// In TL102's words (TaskLifetimeChecker.cpp, reportDangling).
void StdThreadChecker::reportDangling(const MemRegion *R,
                                      const ThreadState &TS, ExplodedNode *N,
                                      CheckerContext &C) const {
  std::string Why = TS.isDetached() ? "detached thread" : "unjoined thread";
  std::string Frame = "the function";
  if (const auto *ND = dyn_cast_or_null<NamedDecl>(C.getStackFrame()->getDecl()))
    Frame = "'" + ND->getNameAsString() + "'";
  emit(CK_Dangling,
       "The " + Why + " running " + entryName(TS.getRef()) + " may use " +
           refName(TS.getRef()) + " after " + Frame + " returns",
       TS, R, SourceRange(), N, C);
}

/// The one place reports are made: the thread (its identity across moves)
/// and its object are marked interesting, so the notes speak for them.
void StdThreadChecker::emit(SubChecker Kind, std::string Msg,
                            const ThreadState &TS, const MemRegion *R,
                            SourceRange Range, ExplodedNode *N,
                            CheckerContext &C) const {
  auto Report = std::make_unique<PathSensitiveBugReport>(*BugTypes[Kind], Msg, N);
  if (Range.isValid())
    Report->addRange(Range);
  if (TS.getId())
    Report->markInteresting(TS.getId());
  if (R)
    Report->markInteresting(R);
  C.emitReport(std::move(Report));
}

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

/// Turns on rule \p K; a std::thread's dangling use is SuppressOnSink.
static void enable(CheckerManager &Mgr, StdThreadChecker::SubChecker K) {
  static const BugKind *const Kinds[] = {&JoinableDestroyedBug,
                                         &OutlivesArgumentBug, &DoubleJoinBug};
  enableRule<StdThreadChecker>(Mgr, K, Kinds[K]->Name, Kinds[K]->Category,
                               /*SuppressOnSink=*/K ==
                                   StdThreadChecker::CK_Dangling);
}

static RegisterChecker StdThreadModeling{
    StdThreadModelingName, registerModelingChecker<StdThreadChecker>};
// TL103, TL102, TL104, in the order of StdThreadChecker::SubChecker.
static RegisterRules<enable> StdThreadRules{
    {JoinableDestroyedName, DanglingTaskArgName, DoubleJoinName}};
