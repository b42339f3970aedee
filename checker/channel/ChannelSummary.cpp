//===- ChannelSummary.cpp - what a task does with its channels ------------===//
//
// Implements ChannelSummary.h: one walk of a task's entry (and the helpers
// it calls) that lists its channel operations as access paths from its
// parameters, each with its shape (once, until closed, until a value, loop).
// No path state: a summary is made once per entry and cached.
//
//===----------------------------------------------------------------------===//

#include "ChannelSummary.h"
#include "ExprNames.h"
#include "ModelIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

using namespace clang;

namespace taskleak {
namespace {

/// Helpers are followed at most this many calls deep (as in TaskSummary).
constexpr unsigned MaxDepth = 3;

using VarPaths = llvm::DenseMap<const VarDecl *, ChanPath>;

/// How one exit of a receive loop is decided.
struct LoopExit {
  enum Kind { Closed, Value, Other } K = Other;
  const Expr *Sentinel = nullptr; ///< Value: the other side of the test
  bool Known = false;             ///< Value: the sentinel can be evaluated
};

/// Can the checker tell, on the owner's path, whether a sent value equals
/// \p E: a null pointer, an integer constant, or the address of a global?
bool isKnownSentinel(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return true;
  E = E->IgnoreParenCasts();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return true;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          return VD->hasGlobalStorage();
  return false;
}

bool isConstant(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  E = E->IgnoreParenCasts();
  return !E->isValueDependent() &&
         (E->EvaluateAsInt(R, Ctx) ||
          E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull));
}

/// Classifies the loop around one receive call: which of its exits test the
/// receive's result, and how.
class LoopShape {
public:
  LoopShape(const CallExpr *Recv, const Stmt *Loop, const ParentMap &PM,
            ASTContext &Ctx, int HandleArg)
      : Recv(Recv), Loop(Loop), PM(PM), Ctx(Ctx) {
    ReturnsItem = Recv->getType()->isPointerType();
    findResultVar();
    for (unsigned I = 0, N = Recv->getNumArgs(); I < N; ++I) {
      if ((int)I == HandleArg)
        continue;
      const Expr *A = Recv->getArg(I)->IgnoreParenCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(A))
        if (U->getOpcode() == UO_AddrOf)
          if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenCasts()))
            if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
              ItemVars.insert(VD);
    }
  }

  void classify(TaskChanOp &Op) {
    llvm::SmallVector<LoopExit, 4> Exits;
    const Expr *Cond = loopCond(Loop);
    Expr::EvalResult R;
    if (Cond && !(!Cond->isValueDependent() && Cond->EvaluateAsInt(R, Ctx) &&
                  R.Val.getInt().getBoolValue()))
      Exits.push_back(classifyCond(Cond));
    collectExits(loopBody(), 0, Exits);

    Op.Shape = OpShape::Loop;
    if (Exits.empty())
      return; // receives forever: not the owner's to end (TL403's business)
    bool AnyValue = false;
    for (const LoopExit &E : Exits) {
      if (E.K == LoopExit::Other)
        return;
      if (E.K == LoopExit::Value) {
        if (AnyValue) {
          Op.SentinelKnown = false; // two different values end it
        } else {
          Op.Sentinel = E.Sentinel;
          Op.SentinelKnown = E.Known;
        }
        AnyValue = true;
      }
    }
    Op.Shape = AnyValue ? OpShape::UntilValue : OpShape::UntilClosed;
  }

private:
  enum Ref { None, Status, Item };

  const CallExpr *Recv;
  const Stmt *Loop;
  const ParentMap &PM;
  ASTContext &Ctx;
  bool ReturnsItem = false;
  const VarDecl *ResultVar = nullptr;
  llvm::SmallPtrSet<const VarDecl *, 2> ItemVars;

  const Stmt *loopBody() const { return taskleak::loopBody(Loop); }

  /// `rc = chan_recv(...)`, `gpointer n = g_async_queue_pop(q)`,
  /// `int v = chr(ch, int)`: the variable holding the result.
  void findResultVar() {
    const Stmt *S = Recv;
    while (const Stmt *P = PM.getParent(S)) {
      if (isa<ParenExpr, CastExpr>(P) ||
          (isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_Deref)) {
        S = P;
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
        if (BO->getOpcode() == BO_Assign && BO->getRHS() == S)
          if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
            ResultVar = dyn_cast<VarDecl>(DRE->getDecl());
        return;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (VD->getInit() && VD->getInit()->IgnoreParenCasts() ==
                                     cast<Expr>(S)->IgnoreParenCasts())
              ResultVar = VD;
        return;
      }
      return;
    }
  }

  Ref refersTo(const Expr *X) const {
    if (!X)
      return None;
    X = X->IgnoreParenCasts();
    if (X == Recv)
      return ReturnsItem ? Item : Status;
    if (const auto *U = dyn_cast<UnaryOperator>(X))
      if (U->getOpcode() == UO_Deref)
        return refersTo(U->getSubExpr());
    if (const auto *BO = dyn_cast<BinaryOperator>(X))
      if (BO->getOpcode() == BO_Assign)
        return refersTo(BO->getRHS());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && VD == ResultVar)
        return ReturnsItem ? Item : Status;
      if (VD && ItemVars.count(VD))
        return Item;
    }
    return None;
  }

  LoopExit classifyCond(const Expr *C) const {
    LoopExit E;
    if (!C)
      return E;
    C = C->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(C))
      if (U->getOpcode() == UO_LNot)
        return truthiness(refersTo(U->getSubExpr()));
    if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
      if (BO->isComparisonOp()) {
        Ref L = refersTo(BO->getLHS()), R = refersTo(BO->getRHS());
        if ((L == None) == (R == None))
          return E;
        const Expr *Other = L != None ? BO->getRHS() : BO->getLHS();
        Ref K = L != None ? L : R;
        if (K == Status) {
          if (isConstant(Other, Ctx))
            E.K = LoopExit::Closed;
          return E;
        }
        if (BO->isEqualityOp()) {
          E.K = LoopExit::Value;
          E.Sentinel = Other->IgnoreParenCasts();
          E.Known = isKnownSentinel(E.Sentinel, Ctx);
        }
        return E;
      }
      if (BO->getOpcode() != BO_Assign)
        return E;
    }
    return truthiness(refersTo(C));
  }

  static LoopExit truthiness(Ref R) {
    LoopExit E;
    if (R == Status)
      E.K = LoopExit::Closed;
    else if (R == Item) {
      E.K = LoopExit::Value; // ends on NULL / 0
      E.Known = true;
    }
    return E;
  }

  /// The condition of the nearest `if` between \p S and the loop.
  const Expr *controllingCond(const Stmt *S) const {
    const Stmt *Child = S;
    for (const Stmt *P = PM.getParent(S); P && P != Loop; P = PM.getParent(P)) {
      if (const auto *If = dyn_cast<IfStmt>(P))
        if (Child == If->getThen() || Child == If->getElse())
          return If->getCond();
      Child = P;
    }
    return nullptr;
  }

  void collectExits(const Stmt *S, unsigned Nest,
                    llvm::SmallVectorImpl<LoopExit> &Exits) const {
    if (!S)
      return;
    if (isa<BreakStmt>(S)) {
      if (Nest == 0)
        Exits.push_back(classifyCond(controllingCond(S)));
      return;
    }
    if (isa<ReturnStmt>(S)) {
      Exits.push_back(classifyCond(controllingCond(S)));
      return;
    }
    if (isa<GotoStmt, IndirectGotoStmt>(S)) {
      Exits.push_back(LoopExit());
      return;
    }
    bool Nests = isa<WhileStmt, ForStmt, DoStmt, SwitchStmt>(S);
    for (const Stmt *Child : S->children())
      collectExits(Child, Nest + Nests, Exits);
  }
};

/// State shared by the walk of the entry and of its helpers.
struct WalkContext {
  const ModelIndex &Models;
  ChannelSummary &Out;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Active;
};

/// Walks one function body with the channel paths its variables hold.
class FnWalker {
public:
  FnWalker(WalkContext &WC, const FunctionDecl *Fn, VarPaths Vars,
           bool CallerLoop, bool CallerCond, unsigned Depth)
      : WC(WC), Fn(Fn), Ctx(Fn->getASTContext()),
        PM(entryRecord(WC.Models, Fn).parents()),
        Vars(std::move(Vars)), CallerLoop(CallerLoop), CallerCond(CallerCond),
        Depth(Depth) {}

  void run() {
    if (!WC.Active.insert(Fn).second)
      return;
    visit(Fn->getBody());
    WC.Active.erase(Fn);
  }

private:
  WalkContext &WC;
  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const ParentMap &PM;
  VarPaths Vars;
  bool CallerLoop, CallerCond;
  unsigned Depth;
  llvm::SmallVector<const Stmt *, 4> Loops;
  unsigned CondDepth = 0;
  SourceLocation PendingGo; ///< expansion of a go() whose body is next

  std::optional<ChanPath> pathOf(const Expr *E) const {
    if (!E)
      return std::nullopt;
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = Vars.find(VD);
        if (It != Vars.end())
          return It->second;
      }
      return std::nullopt;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!FD)
        return std::nullopt;
      const Expr *Base = ME->getBase()->IgnoreParenCasts();
      if (!ME->isArrow()) {
        // (*p).f is p->f; s.f of a by-value struct is not followed.
        const auto *U = dyn_cast<UnaryOperator>(Base);
        if (U && U->getOpcode() == UO_Deref)
          Base = U->getSubExpr();
        else if (!isa<MemberExpr>(Base))
          return std::nullopt;
      }
      std::optional<ChanPath> P = pathOf(Base);
      if (P)
        P->Fields.push_back(FD);
      return P;
    }
    return std::nullopt;
  }

  void escape(const Expr *E) {
    if (!E)
      return;
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf)
        E = U->getSubExpr();
    if (std::optional<ChanPath> P = pathOf(E))
      WC.Out.Escaped.push_back(*P);
  }

  void escapeArgs(const CallExpr *CE) {
    for (const Expr *A : CE->arguments())
      escape(A);
  }

  bool isTimed(const CallExpr *CE, const tl_fn_model &M) const {
    if (M.deadline_arg == TL_NO_ARG ||
        static_cast<unsigned>(M.deadline_arg) >= CE->getNumArgs())
      return false;
    const Expr *D = CE->getArg(M.deadline_arg);
    Expr::EvalResult R;
    return !(!D->isValueDependent() && D->EvaluateAsInt(R, Ctx) &&
             R.Val.getInt() == -1);
  }

  void recordOp(const CallExpr *CE, const tl_fn_model &M) {
    if (M.handle_arg == TL_NO_ARG ||
        static_cast<unsigned>(M.handle_arg) >= CE->getNumArgs())
      return;
    const Expr *H = CE->getArg(M.handle_arg)->IgnoreParenCasts();
    if (M.handle_by_pointer) {
      const auto *U = dyn_cast<UnaryOperator>(H);
      if (!U || U->getOpcode() != UO_AddrOf)
        return;
      H = U->getSubExpr();
    }
    std::optional<ChanPath> P = pathOf(H);
    if (!P)
      return;
    TaskChanOp Op;
    Op.Kind = M.role == TL_ROLE_SEND   ? ChanOpKind::Send
              : M.role == TL_ROLE_RECV ? ChanOpKind::Recv
                                       : ChanOpKind::Close;
    Op.Path = *P;
    Op.Call = CE;
    Op.Where = Fn;
    Op.Blocking = !M.nonblocking && !isTimed(CE, M);
    Op.Unconditional = CondDepth == 0 && !CallerCond;
    if (!Loops.empty()) {
      Op.Shape = OpShape::Loop;
      if (Op.Kind == ChanOpKind::Recv && !CallerLoop)
        LoopShape(CE, Loops.back(), PM, Ctx, M.handle_arg).classify(Op);
    } else if (CallerLoop) {
      Op.Shape = OpShape::Loop;
    }
    WC.Out.Ops.push_back(Op);
  }

  void visitCall(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const tl_fn_model *M = WC.Models.lookup(Callee);
    SourceLocation Exp =
        Ctx.getSourceManager().getExpansionLoc(CE->getBeginLoc());
    if (M && M->role == TL_ROLE_COROUTINE) {
      PendingGo = Exp;
    } else if (PendingGo.isValid() && Exp == PendingGo && !M &&
               isa_and_nonnull<CompoundStmt>(PM.getParentIgnoreParenCasts(CE))) {
      // go(fn(args)) inside the task: another task gets these.
      PendingGo = SourceLocation();
      escapeArgs(CE);
    } else if (M) {
      switch (M->role) {
      case TL_ROLE_SEND:
      case TL_ROLE_RECV:
      case TL_ROLE_CLOSE:
        recordOp(CE, *M);
        break;
      case TL_ROLE_SPAWN:
      case TL_ROLE_TIMER_CREATE:
      case TL_ROLE_TIMER_ARM:
        escapeArgs(CE);
        break;
      default:
        break;
      }
    } else {
      const FunctionDecl *Def = nullptr;
      if (Callee && Callee->hasBody(Def) && Depth < MaxDepth &&
          !WC.Active.count(Def)) {
        VarPaths Params;
        for (unsigned I = 0, N = std::min(CE->getNumArgs(), Def->getNumParams());
             I < N; ++I)
          if (std::optional<ChanPath> P = pathOf(CE->getArg(I)))
            Params[Def->getParamDecl(I)] = *P;
        if (!Params.empty())
          FnWalker(WC, Def, std::move(Params), CallerLoop || !Loops.empty(),
                   CallerCond || CondDepth > 0, Depth + 1)
              .run();
      } else {
        escapeArgs(CE);
      }
    }
    for (const Expr *A : CE->arguments())
      visit(A);
  }

  void alias(const VarDecl *VD, const Expr *Init) {
    if (!VD || !Init)
      return;
    if (std::optional<ChanPath> P = pathOf(Init)) {
      if (VD->hasLocalStorage())
        Vars[VD] = *P;
      else
        WC.Out.Escaped.push_back(*P);
    }
  }

  void visitConditional(const Stmt *Cond, std::initializer_list<const Stmt *> Arms) {
    visit(Cond);
    ++CondDepth;
    for (const Stmt *A : Arms)
      visit(A);
    --CondDepth;
  }

  /// do { ... } while (0): a macro's block, not a loop.
  bool isOnce(const Stmt *S) const {
    const auto *D = dyn_cast<DoStmt>(S);
    Expr::EvalResult R;
    return D && !D->getCond()->isValueDependent() &&
           D->getCond()->EvaluateAsInt(R, Ctx) && R.Val.getInt().isZero();
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      visit(If->getInit());
      visitConditional(If->getCond(), {If->getThen(), If->getElse()});
      return;
    }
    if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      visit(Sw->getInit());
      visitConditional(Sw->getCond(), {Sw->getBody()});
      return;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(S)) {
      visitConditional(CO->getCond(), {CO->getTrueExpr(), CO->getFalseExpr()});
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isLogicalOp()) {
        visitConditional(BO->getLHS(), {BO->getRHS()});
        return;
      }
      if (BO->getOpcode() == BO_Assign) {
        const Expr *L = BO->getLHS()->IgnoreParenCasts();
        const auto *DRE = dyn_cast<DeclRefExpr>(L);
        if (DRE && isa<VarDecl>(DRE->getDecl()))
          alias(cast<VarDecl>(DRE->getDecl()), BO->getRHS());
        else
          escape(BO->getRHS()); // stored into memory the task does not own
      }
    }
    if (isa<WhileStmt, ForStmt, DoStmt>(S) && !isOnce(S)) {
      Loops.push_back(S);
      for (const Stmt *Child : S->children())
        visit(Child);
      Loops.pop_back();
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      forEachVar(DS, [&](const VarDecl *VD, const Expr *Init) { alias(VD, Init); });
    } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      escape(RS->getRetValue());
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      visitCall(CE);
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};

} // namespace

ChannelSummary summarizeChannels(const FunctionDecl *Entry,
                                 const ModelIndex &Models) {
  ChannelSummary Out;
  const FunctionDecl *Def = nullptr;
  if (!Entry || !Entry->hasBody(Def))
    return Out;
  Out.Unknown = false;
  VarPaths Params;
  for (unsigned I = 0, N = Def->getNumParams(); I < N; ++I) {
    ChanPath P;
    P.Param = I;
    Params[Def->getParamDecl(I)] = P;
  }
  WalkContext WC{Models, Out, {}};
  FnWalker(WC, Def, std::move(Params), false, false, 0).run();
  return Out;
}

const ChannelSummary &ChannelSummaryCache::get(const FunctionDecl *Entry) {
  return entryRecord(Models, Entry).part<ChannelSummary>([&](const EntryRecord &) {
    return summarizeChannels(Entry, Models);
  });
}

} // namespace taskleak
