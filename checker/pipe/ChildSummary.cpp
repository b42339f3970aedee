//===- ChildSummary.cpp - what a child process or reader thread does ------===//
//
// Implements ChildSummary.h: a walk of what a forked child or a reader
// thread does with descriptors (reads to EOF, writes, closes, execs, polls),
// asking the owner's path (WalkOracle) which descriptor is which end.  No
// path state of its own; PipeChecker applies the walk.
//
//===----------------------------------------------------------------------===//

#include "ChildSummary.h"
#include "EntryWalk.h"
#include "ExprNames.h"
#include "ModelIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"


using namespace clang;

namespace taskleak {
namespace {

/// Helpers are followed this many calls deep.
constexpr unsigned MaxDepth = 4;
/// What one pipe holds before a write blocks (Linux).
constexpr long long PipeCapacity = 65536;

// Linux values of the fcntl constants the walk reads (macros are gone in
// the AST; the analyzer only runs on Linux targets here).
constexpr long long F_DUPFD_ = 0, F_SETFD_ = 2, F_SETFL_ = 4, F_DUPFD_CLOEXEC_ = 1030;
constexpr long long FD_CLOEXEC_ = 1, O_NONBLOCK_ = 04000;

const Expr *strip(const Expr *E) { return E ? E->IgnoreParenImpCasts() : nullptr; }

bool isLoop(const Stmt *S) {
  return S && (isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<ForStmt>(S));
}

/// The nearest loop around \p S (within its function), and the child of
/// that loop on the way to S.
const Stmt *enclosingLoop(const Stmt *S, const ParentMap &PM,
                          const Stmt **Via = nullptr) {
  const Stmt *Child = S;
  for (const Stmt *P = PM.getParent(S); P; Child = P, P = PM.getParent(P))
    if (isLoop(P)) {
      if (Via)
        *Via = Child;
      return P;
    }
  return nullptr;
}

bool constInt(const Expr *E, const ASTContext *Ctx, long long &Out) {
  if (!E)
    return false;
  E = strip(E);
  if (const auto *IL = dyn_cast<IntegerLiteral>(E)) {
    Out = IL->getValue().getSExtValue();
    return true;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_Minus) {
      long long V;
      if (constInt(U->getSubExpr(), Ctx, V)) {
        Out = -V;
        return true;
      }
    }
  if (Ctx && !E->isValueDependent()) {
    Expr::EvalResult R;
    // A constant of a wider type (__int128) that needs more than 64 bits
    // is not read: getSExtValue would assert (or truncate).
    if (E->EvaluateAsInt(R, *Ctx) && R.Val.getInt().isSignedIntN(64)) {
      Out = R.Val.getInt().getSExtValue();
      return true;
    }
  }
  return false;
}

/// The variable \p Read's result is stored in (`n = read(...)`, `ssize_t n
/// = read(...)`), or null.
const VarDecl *resultVar(const CallExpr *Read, const ParentMap &PM) {
  const Stmt *P = PM.getParentIgnoreParenImpCasts(const_cast<CallExpr *>(Read));
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == Read)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
        return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (strip(VD->getInit()) == Read)
          return VD;
  return nullptr;
}

/// Is \p E the read's result: the call itself, `n = read(...)`, or `n`.
bool isReadValue(const Expr *E, const CallExpr *Read, const VarDecl *V) {
  E = strip(E);
  if (E == Read)
    return true;
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == Read)
      return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return V && DRE->getDecl() == V;
  return false;
}

/// Does \p Cond hold exactly while the read returned data: `x > 0`,
/// `x != 0`, `x >= 1`, `0 < x`, or `x` alone?
bool testsData(const Expr *Cond, const CallExpr *Read, const VarDecl *V) {
  Cond = strip(Cond);
  if (!Cond)
    return false;
  if (isReadValue(Cond, Read, V))
    return true;
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO)
    return false;
  long long K;
  BinaryOperatorKind Op = BO->getOpcode();
  if (isReadValue(BO->getLHS(), Read, V) && constInt(BO->getRHS(), nullptr, K))
    return (Op == BO_GT && K == 0) || (Op == BO_NE && K == 0) || (Op == BO_GE && K == 1);
  if (isReadValue(BO->getRHS(), Read, V) && constInt(BO->getLHS(), nullptr, K))
    return (Op == BO_LT && K == 0) || (Op == BO_NE && K == 0) || (Op == BO_LE && K == 1);
  return false;
}

bool isExitStmt(const Stmt *S) {
  return S && (isa<BreakStmt>(S) || isa<ReturnStmt>(S) || isa<GotoStmt>(S));
}

/// `if (n <= 0) break;` and its spellings: a test of \p V whose branch
/// leaves the loop.
bool isEofTest(const Stmt *S, const VarDecl *V) {
  const auto *If = dyn_cast<IfStmt>(S);
  if (!If || !V || !mentionsDecl(If->getCond(), V))
    return false;
  const Stmt *Then = If->getThen();
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Then))
    Then = CS->body_empty() ? nullptr : CS->body_back();
  return isExitStmt(Then);
}

/// Counts the ways out of the loop body \p S other than the EOF tests of
/// \p V (breaks in inner loops and switches leave only those).
unsigned otherExits(const Stmt *S, const VarDecl *V, bool InInner) {
  if (!S)
    return 0;
  if (isEofTest(S, V))
    return 0;
  if (isa<BreakStmt>(S))
    return InInner ? 0 : 1;
  if (isa<ReturnStmt>(S) || isa<GotoStmt>(S))
    return 1;
  bool Inner = InInner || isLoop(S) || isa<SwitchStmt>(S);
  unsigned N = 0;
  for (const Stmt *C : S->children())
    N += otherExits(C, V, Inner);
  return N;
}

bool alwaysTrue(const Expr *Cond) {
  long long K;
  return !Cond || (constInt(Cond, nullptr, K) && K != 0);
}

/// Variables a loop changes (its counter).
void modifiedVars(const Stmt *S, llvm::SmallPtrSetImpl<const VarDecl *> &Out) {
  if (!S)
    return;
  const Expr *Target = nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    if (U->isIncrementDecrementOp())
      Target = U->getSubExpr();
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      Target = BO->getLHS();
  }
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(Target)))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Out.insert(VD);
  for (const Stmt *C : S->children())
    modifiedVars(C, Out);
}

bool mentionsAny(const Stmt *S, const llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  return anyWithin(S, [&Vars](const Stmt *X) {
    const auto *DRE = dyn_cast<DeclRefExpr>(X);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && Vars.count(VD);
  });
}

/// Does \p E set O_NONBLOCK (a literal with the bit, not under `~`)?
bool setsNonblock(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *U = dyn_cast<UnaryOperator>(S))
    if (U->getOpcode() == UO_Not)
      return false;
  if (const auto *IL = dyn_cast<IntegerLiteral>(S))
    return IL->getValue().getZExtValue() & O_NONBLOCK_;
  for (const Stmt *C : S->children())
    if (setsNonblock(C))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Finding the child's code.
//===----------------------------------------------------------------------===//

enum class Side { None, Then, Else, Error };

class ChildFinder {
public:
  ChildFinder(const CallExpr *Fork, const ParentMap &PM) : Fork(Fork) {
    const Stmt *X = Fork;
    const Stmt *P = PM.getParentIgnoreParenImpCasts(const_cast<Stmt *>(X));
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == Fork) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
          Pid = dyn_cast<VarDecl>(DRE->getDecl());
        else
          PidLValue = strip(BO->getLHS()); // pr->pid = fork()
      }
    } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (strip(VD->getInit()) == Fork)
            Pid = VD;
    }
  }

  /// The child's statements, searched for in \p Body after the fork.
  bool find(const Stmt *Body, const SourceManager &SM,
            std::vector<const Stmt *> &Out) {
    this->SM = &SM;
    return search(Body, Out);
  }

private:
  const CallExpr *Fork;
  const VarDecl *Pid = nullptr;
  const Expr *PidLValue = nullptr;
  const SourceManager *SM = nullptr;

  /// Do \p A and \p B name the same object (s->pid, s.pid, a[1])?
  static bool same(const Expr *A, const Expr *B) {
    A = strip(A);
    B = strip(B);
    if (!A || !B || A->getStmtClass() != B->getStmtClass())
      return false;
    if (const auto *DA = dyn_cast<DeclRefExpr>(A))
      return DA->getDecl() == cast<DeclRefExpr>(B)->getDecl();
    if (const auto *MA = dyn_cast<MemberExpr>(A)) {
      const auto *MB = cast<MemberExpr>(B);
      return MA->getMemberDecl() == MB->getMemberDecl() &&
             MA->isArrow() == MB->isArrow() && same(MA->getBase(), MB->getBase());
    }
    if (const auto *AA = dyn_cast<ArraySubscriptExpr>(A)) {
      const auto *AB = cast<ArraySubscriptExpr>(B);
      long long I, J;
      return constInt(AA->getIdx(), nullptr, I) && constInt(AB->getIdx(), nullptr, J) &&
             I == J && same(AA->getBase(), AB->getBase());
    }
    if (const auto *UA = dyn_cast<UnaryOperator>(A))
      return UA->getOpcode() == UO_Deref &&
             UA->getOpcode() == cast<UnaryOperator>(B)->getOpcode() &&
             same(UA->getSubExpr(), cast<UnaryOperator>(B)->getSubExpr());
    return false;
  }

  bool isPid(const Expr *E) const {
    E = strip(E);
    if (E == Fork)
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == Fork;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (Pid)
        return DRE->getDecl() == Pid;
    return PidLValue && same(E, PidLValue);
  }

  Side side(const Expr *Cond) const {
    Cond = strip(Cond);
    if (!Cond)
      return Side::None;
    if (isPid(Cond))
      return Side::Else;
    if (const auto *U = dyn_cast<UnaryOperator>(Cond))
      if (U->getOpcode() == UO_LNot && isPid(U->getSubExpr()))
        return Side::Then;
    const auto *BO = dyn_cast<BinaryOperator>(Cond);
    if (!BO || !BO->isComparisonOp())
      return Side::None;
    long long K;
    BinaryOperatorKind Op = BO->getOpcode();
    if (isPid(BO->getRHS()) && constInt(BO->getLHS(), nullptr, K))
      Op = BinaryOperator::reverseComparisonOp(Op);
    else if (!(isPid(BO->getLHS()) && constInt(BO->getRHS(), nullptr, K)))
      return Side::None;
    if (K == 0) {
      switch (Op) {
      case BO_EQ:
      case BO_LE:
        return Side::Then;
      case BO_NE:
      case BO_GT:
        return Side::Else;
      case BO_LT:
        return Side::Error;
      default:
        return Side::None;
      }
    }
    if (K == -1 && (Op == BO_EQ || Op == BO_LE))
      return Side::Error;
    return Side::None;
  }

  bool after(const Stmt *S) const {
    return !SM->isBeforeInTranslationUnit(S->getBeginLoc(), Fork->getBeginLoc());
  }

  bool search(const Stmt *S, std::vector<const Stmt *> &Out) {
    if (!S)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      const Expr *Cond = If->getCond();
      if (Cond && (after(Cond) || contains(Cond, Fork))) {
        Side Sd = side(Cond);
        if (Sd == Side::Then) {
          Out.push_back(If->getThen());
          return true;
        }
        if (Sd == Side::Else) {
          if (!If->getElse())
            return false;
          Out.push_back(If->getElse());
          return true;
        }
      }
    } else if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      const Expr *Cond = Sw->getCond();
      if (Cond && (after(Cond) || contains(Cond, Fork)) && isPid(Cond))
        return caseZero(Sw, Out);
    }
    for (const Stmt *C : S->children())
      if (search(C, Out))
        return true;
    return false;
  }

  static bool contains(const Stmt *S, const Stmt *X) {
    return anyWithin(S, [X](const Stmt *Y) { return Y == X; });
  }

  /// `case 0:` up to its break.
  bool caseZero(const SwitchStmt *Sw, std::vector<const Stmt *> &Out) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Sw->getBody());
    if (!Body)
      return false;
    bool In = false;
    for (const Stmt *S : Body->body()) {
      const Stmt *Inner = S;
      while (const auto *CS = dyn_cast<SwitchCase>(Inner)) {
        if (const auto *Case = dyn_cast<CaseStmt>(CS)) {
          long long K;
          if (constInt(Case->getLHS(), nullptr, K) && K == 0)
            In = true;
          else if (In)
            return true;
        } else if (In) {
          return true;
        }
        Inner = CS->getSubStmt();
      }
      if (!In)
        continue;
      if (isa<BreakStmt>(Inner))
        return true;
      Out.push_back(Inner);
    }
    return In;
  }
};

//===----------------------------------------------------------------------===//
// The walk.
//===----------------------------------------------------------------------===//

class Walker {
public:
  Walker(const ModelIndex &Models, WalkOracle &O, IoWalk &W)
      : Models(Models), O(O), W(W) {}

  void walkStmts(const std::vector<const Stmt *> &Stmts, const WalkFrame *F) {
    const ParentMap &PM = parentMap(F->Fn);
    for (const Stmt *S : Stmts)
      stmt(S, F, PM);
  }

  void walkBody(const WalkFrame *F) {
    const FunctionDecl *Def = nullptr;
    if (!F->Fn->hasBody(Def))
      return;
    OnStack.insert(Def->getCanonicalDecl());
    stmt(Def->getBody(), F, parentMap(F->Fn));
    OnStack.erase(Def->getCanonicalDecl());
  }

  bool Stopped = false;

private:
  const ModelIndex &Models;
  WalkOracle &O;
  IoWalk &W;
  unsigned CondDepth = 0;
  unsigned Depth = 0;
  bool Returned = false; ///< the current helper returned unconditionally
  llvm::SmallPtrSet<const Decl *, 8> OnStack;
  ParentMap NoBody{nullptr};

  /// The parent map of \p FD's body, from its record (EntryWalk.h).
  const ParentMap &parentMap(const FunctionDecl *FD) {
    const EntryRecord &R = entryRecord(Models, FD);
    return R.def() ? R.parents() : NoBody;
  }

  bool done() const { return Stopped || Returned; }

  void conditional(const Stmt *S, const WalkFrame *F, const ParentMap &PM) {
    ++CondDepth;
    stmt(S, F, PM);
    --CondDepth;
  }

  void stmt(const Stmt *S, const WalkFrame *F, const ParentMap &PM) {
    if (!S || done())
      return;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      stmt(If->getInit(), F, PM);
      stmt(If->getCond(), F, PM);
      int D = O.decide(If->getCond(), F);
      if (D == 1) {
        stmt(If->getThen(), F, PM);
      } else if (D == 0) {
        stmt(If->getElse(), F, PM);
      } else {
        conditional(If->getThen(), F, PM);
        if (!Stopped)
          conditional(If->getElse(), F, PM);
      }
      return;
    }
    if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      stmt(Sw->getCond(), F, PM);
      conditional(Sw->getBody(), F, PM);
      return;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(S)) {
      stmt(CO->getCond(), F, PM);
      conditional(CO->getTrueExpr(), F, PM);
      conditional(CO->getFalseExpr(), F, PM);
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->isLogicalOp()) {
        stmt(BO->getLHS(), F, PM);
        conditional(BO->getRHS(), F, PM);
        return;
      }
    if (isa<ReturnStmt>(S)) {
      for (const Stmt *C : S->children())
        stmt(C, F, PM);
      if (CondDepth == 0) {
        if (!F->Parent) {
          // The child returns into code after the fork: not its own.
          W.Ends = false;
          Stopped = true;
        } else {
          Returned = true;
        }
      }
      return;
    }
    if (isa<GotoStmt>(S) && CondDepth == 0 && !F->Parent) {
      Stopped = true; // jumps somewhere in the parent's code
      return;
    }
    for (const Stmt *C : S->children())
      stmt(C, F, PM);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (!done())
        call(CE, F, PM);
  }

  void event(IoKind K, const Expr *Fd, const CallExpr *CE, const WalkFrame *F,
             const Expr *Target = nullptr) {
    IoEvent Ev{K, FdExpr{Fd, F}, FdExpr{Target, F}, CE, F->Fn, CondDepth > 0};
    W.Events.push_back(Ev);
  }

  void end() {
    if (CondDepth == 0) {
      W.Ends = true;
      Stopped = true;
    }
  }

  static const Expr *arg(const CallExpr *CE, int I) {
    return I >= 0 && static_cast<unsigned>(I) < CE->getNumArgs() ? CE->getArg(I) : nullptr;
  }

  void call(const CallExpr *CE, const WalkFrame *F, const ParentMap &PM) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD) {
      event(IoKind::Unknown, nullptr, CE, F);
      return;
    }
    if (const tl_fn_model *M = Models.lookup(FD)) {
      modelledCall(*M, CE, F, PM);
      return;
    }
    if (libcCall(FD, CE, F))
      return;
    const FunctionDecl *Def = nullptr;
    if (FD->hasBody(Def)) {
      descend(Def, CE, F);
      return;
    }
    const SourceManager &SM = FD->getASTContext().getSourceManager();
    if (!SM.isInSystemHeader(FD->getLocation()))
      event(IoKind::Unknown, nullptr, CE, F); // the project's unseen code
  }

  /// A call the models describe: close, dup2, exec, read, write.
  void modelledCall(const tl_fn_model &M, const CallExpr *CE,
                    const WalkFrame *F, const ParentMap &PM) {
    switch (M.role) {
    case TL_ROLE_CLOSE:
      return closeCall(arg(CE, M.handle_arg), CE, F, PM);
    case TL_ROLE_DUP:
      return event(IoKind::Dup, arg(CE, M.handle_arg), CE, F, arg(CE, M.target_arg));
    case TL_ROLE_EXEC:
      event(IoKind::Exec, nullptr, CE, F);
      if (CondDepth == 0)
        W.ExecName = M.name;
      return end();
    case TL_ROLE_RECV:
      return event(isReadToEof(CE, PM) ? IoKind::ReadToEof : IoKind::ReadOnce,
                   arg(CE, M.handle_arg), CE, F);
    case TL_ROLE_SEND:
      return event(isWriteBig(CE, PM, CE->getDirectCallee()->getASTContext())
                       ? IoKind::WriteBig
                       : IoKind::WriteOnce,
                   arg(CE, M.handle_arg), CE, F);
    default:
      return;
    }
  }

  /// close(fd): inside a loop over changing descriptors, a close of them all.
  void closeCall(const Expr *Fd, const CallExpr *CE, const WalkFrame *F,
                 const ParentMap &PM) {
    const Stmt *Via = nullptr;
    if (const Stmt *L = enclosingLoop(CE, PM, &Via)) {
      llvm::SmallPtrSet<const VarDecl *, 4> Mod;
      modifiedVars(L, Mod);
      if (mentionsAny(Fd, Mod)) {
        event(IoKind::CloseAll, nullptr, CE, F);
        return;
      }
    }
    event(IoKind::Close, Fd, CE, F);
  }

  /// fcntl(fd, F_SETFD / F_SETFL / F_DUPFD, ...).
  void fcntlCall(const CallExpr *CE, const WalkFrame *F, const ASTContext &Ctx) {
    long long Cmd, Val;
    if (!constInt(CE->getArg(1), &Ctx, Cmd)) {
      event(IoKind::Nonblock, CE->getArg(0), CE, F);
      return;
    }
    const Expr *A = CE->getNumArgs() > 2 ? CE->getArg(2) : nullptr;
    if (Cmd == F_SETFD_ && A && (!constInt(A, &Ctx, Val) || (Val & FD_CLOEXEC_)))
      event(IoKind::Cloexec, CE->getArg(0), CE, F);
    else if (Cmd == F_SETFL_ && A &&
             (constInt(A, &Ctx, Val) ? (Val & O_NONBLOCK_) != 0 : setsNonblock(A)))
      event(IoKind::Nonblock, CE->getArg(0), CE, F);
    else if (Cmd == F_DUPFD_ || Cmd == F_DUPFD_CLOEXEC_)
      event(IoKind::Unknown, nullptr, CE, F);
  }

  /// The descriptor calls that are call classes of the model, no handle
  /// role; true if \p FD is one of them (or ends the child).
  bool libcCall(const FunctionDecl *FD, const CallExpr *CE, const WalkFrame *F) {
    if (Models.isCall(FD, TL_ROLE_FD_CONTROL) && CE->getNumArgs() >= 2) {
      fcntlCall(CE, F, FD->getASTContext());
      return true;
    }
    if (Models.isCall(FD, TL_ROLE_FD_IOCTL) && CE->getNumArgs() >= 1) {
      event(IoKind::Nonblock, CE->getArg(0), CE, F);
      return true;
    }
    if (Models.isCall(FD, TL_ROLE_CLOSE_ALL)) {
      event(IoKind::CloseAll, nullptr, CE, F);
      return true;
    }
    if (Models.isCall(FD, TL_ROLE_IO_WAIT)) {
      W.Polls = true;
      return true;
    }
    if (Models.isCall(FD, TL_ROLE_PROCESS_EXIT) || FD->isNoReturn()) {
      end();
      return true;
    }
    return false;
  }

  /// Walks into the body of a function the child calls.
  void descend(const FunctionDecl *Def, const CallExpr *CE, const WalkFrame *F) {
    if (Depth >= MaxDepth || OnStack.count(Def->getCanonicalDecl())) {
      event(IoKind::Unknown, nullptr, CE, F);
      return;
    }
    if (!W.Entry && !F->Parent)
      W.Entry = Def;
    W.Frames.emplace_back();
    WalkFrame &NF = W.Frames.back();
    NF.Parent = F;
    NF.Fn = Def;
    for (unsigned I = 0; I < Def->getNumParams() && I < CE->getNumArgs(); ++I)
      NF.Args[Def->getParamDecl(I)] = CE->getArg(I);
    ++Depth;
    bool SavedReturned = Returned;
    Returned = false;
    walkBody(&NF);
    Returned = SavedReturned;
    --Depth;
  }
};

} // namespace

bool isReadToEof(const CallExpr *Read, const ParentMap &PM) {
  const Stmt *Via = nullptr;
  const Stmt *L = enclosingLoop(Read, PM, &Via);
  if (!L)
    return false;
  const VarDecl *V = resultVar(Read, PM);
  const Expr *Cond = loopCond(L);
  if (Via == Cond) {
    // while ((n = read(...)) > 0) ...
    return testsData(Cond, Read, V) && otherExits(loopBody(L), nullptr, false) == 0;
  }
  if (!V)
    return false;
  // for (;;) { n = read(...); if (n <= 0) break; ... }   or
  // do { n = read(...); ... } while (n > 0);
  bool Tested = alwaysTrue(Cond) || testsData(Cond, Read, V);
  if (!Tested)
    return false;
  if (alwaysTrue(Cond)) {
    // Needs an EOF test somewhere in the body.
    bool HasTest = false;
    std::vector<const Stmt *> Todo{loopBody(L)};
    while (!Todo.empty() && !HasTest) {
      const Stmt *S = Todo.back();
      Todo.pop_back();
      if (!S)
        continue;
      if (isEofTest(S, V)) {
        HasTest = true;
        break;
      }
      if (isLoop(S))
        continue;
      for (const Stmt *C : S->children())
        Todo.push_back(C);
    }
    if (!HasTest)
      return false;
  }
  return otherExits(loopBody(L), V, false) == 0;
}

/// Does \p Cond hold only when the write failed: `r == -1`, `r < 0`,
/// `r <= -1` (either side), alone or and-ed with other tests (errno)?
static bool testsFailure(const Expr *Cond, const CallExpr *Write, const VarDecl *V) {
  const auto *BO = dyn_cast_or_null<BinaryOperator>(strip(Cond));
  if (!BO)
    return false;
  BinaryOperatorKind Op = BO->getOpcode();
  if (Op == BO_LAnd)
    return testsFailure(BO->getLHS(), Write, V) || testsFailure(BO->getRHS(), Write, V);
  long long K;
  if (isReadValue(BO->getRHS(), Write, V) && constInt(BO->getLHS(), nullptr, K))
    Op = BinaryOperator::reverseComparisonOp(Op);
  else if (!isReadValue(BO->getLHS(), Write, V) || !constInt(BO->getRHS(), nullptr, K))
    return false;
  return (Op == BO_EQ && K < 0) || (Op == BO_LT && K <= 0) || (Op == BO_LE && K < 0);
}

/// The loop around \p Write that may repeat it, skipping retry loops: a
/// `do ... while` or `while` whose condition holds only when the write
/// failed (`do r = write(...); while (r == -1 && errno == EINTR);`) runs
/// the write again only when nothing was written, so writes at most once.
static const Stmt *repeatingLoop(const CallExpr *Write, const ParentMap &PM) {
  const VarDecl *V = resultVar(Write, PM);
  const Stmt *L = enclosingLoop(Write, PM);
  while (L && !isa<ForStmt>(L) && testsFailure(loopCond(L), Write, V))
    L = enclosingLoop(L, PM);
  return L;
}

bool isWriteBig(const CallExpr *Write, const ParentMap &PM, const ASTContext &Ctx) {
  long long Size = -1;
  if (Write->getNumArgs() >= 3)
    constInt(Write->getArg(2), &Ctx, Size);
  const Stmt *L = repeatingLoop(Write, PM);
  if (!L)
    return Size > PipeCapacity;
  // for (i = 0; i < N; i++) with N and the size known, and no loop around.
  const auto *For = dyn_cast<ForStmt>(L);
  if (!For || enclosingLoop(For, PM) || Size < 0)
    return true;
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(strip(For->getCond()));
  long long N;
  if (!Cond || !constInt(Cond->getRHS(), &Ctx, N))
    return true;
  if (Cond->getOpcode() == BO_LE)
    ++N;
  else if (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE)
    return true;
  return N < 0 || N * Size > PipeCapacity;
}

std::unique_ptr<IoWalk> walkChild(const CallExpr *Fork, const FunctionDecl *Fn,
                                  const ModelIndex &Models, WalkOracle &O) {
  auto W = std::make_unique<IoWalk>();
  const FunctionDecl *Def = nullptr;
  if (!Fn || !Fn->hasBody(Def))
    return W;
  std::vector<const Stmt *> Stmts;
  ChildFinder Finder(Fork, entryRecord(Models, Def).parents());
  if (!Finder.find(Def->getBody(), Def->getASTContext().getSourceManager(), Stmts))
    return W;
  W->Found = true;
  W->Frames.emplace_back();
  WalkFrame &Root = W->Frames.back();
  Root.Fn = Def;
  Walker Wk(Models, O, *W);
  Wk.walkStmts(Stmts, &Root);
  return W;
}

std::unique_ptr<IoWalk> walkEntry(const FunctionDecl *Entry,
                                  const ModelIndex &Models, WalkOracle &O) {
  auto W = std::make_unique<IoWalk>();
  const FunctionDecl *Def = nullptr;
  if (!Entry || !Entry->hasBody(Def))
    return W;
  W->Found = true;
  W->Entry = Def;
  W->Frames.emplace_back();
  WalkFrame &Root = W->Frames.back();
  Root.Fn = Def;
  Walker Wk(Models, O, *W);
  Wk.walkBody(&Root);
  return W;
}

} // namespace taskleak
