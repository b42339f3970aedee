//===- ContextIndex.cpp - what the translation unit does with handles -----===//
//
// Implements ContextIndex.h: one pass over the translation unit that records
// what each function does with cancellation handles (takes, passes on,
// cancels, polls).  No path state; ContextChecker judges the records.
//
//===----------------------------------------------------------------------===//

#include "ContextIndex.h"
#include "Compat.h"
#include "UnitVisitor.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <memory>

using namespace clang;

namespace taskleak {

namespace {

const FieldDecl *fieldOf(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

} // namespace

/// Fills a ContextIndex in one walk of the unit's own declarations.
class ContextIndexBuilder : public UnitVisitor<ContextIndexBuilder> {
public:
  ContextIndexBuilder(ContextIndex &Out, ASTContext &Ctx) : Out(Out), Ctx(Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const FunctionDecl *Saved = Current;
    if (auto *FD = dyn_cast_or_null<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody() && !isLambdaOperator(FD))
      Current = FD;
    bool R = UnitVisitor::TraverseDecl(D);
    Current = Saved;
    return R;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasInit())
      noteConstruction(VD, VD->getInit());
    return true;
  }
  bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
    for (const CXXCtorInitializer *I : CD->inits())
      if (I->getMember() && I->getInit())
        noteConstruction(I->getMember(), I->getInit());
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable() && S->getRangeInit())
      Out.RangeOf[S->getLoopVariable()] = S->getRangeInit();
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    assigned(BO->getLHS(), BO->getRHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_AddrOf)
      writesField(fieldOf(UO->getSubExpr()));
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      assigned(OC->getArg(0), OC->getArg(1));
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    call(CE);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      emplaced(MC);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CC) {
    call(CC);
    return true;
  }

private:
  static bool isLambdaOperator(const FunctionDecl *FD) {
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    return MD && MD->getParent()->isLambda();
  }

  FunctionEffects *effects() { return Current ? &Out.Effects[Current] : nullptr; }

  void writesField(const FieldDecl *F) {
    if (F && Out.Models.isHandleType(F->getType()) && effects())
      effects()->WritesHandleFields.insert(F);
  }

  void assigned(const Expr *LHS, const Expr *RHS) {
    writesField(fieldOf(LHS));
    if (const FieldDecl *F = fieldOf(LHS); F && Out.Models.is(withoutTemporaries(RHS), TL_ROLE_CANCEL_MAKE))
      Out.OwnHandleFields.insert(F);
    if (const ValueDecl *S = Out.subjectOf(LHS))
      noteConstruction(S, RHS);
    if (const FieldDecl *F = fieldOf(LHS))
      PendingId[withoutTemporaries(RHS)] = F;
  }

  /// `Subject = std::jthread(body)`, in any of its spellings.
  void noteConstruction(const ValueDecl *Subject, const Expr *Init) {
    const auto *CC = dyn_cast_or_null<CXXConstructExpr>(withoutTemporaries(Init));
    if (!CC)
      return;
    const tl_fn_model *M = Out.Models.lookup(CC);
    if (M && M->role == TL_ROLE_CANCEL_SPAWN && M->on_object)
      noteTask(Subject, *M, ContextModels::args(CC), CC);
  }

  /// `pool.emplace_back(body)` on a container of modelled tasks.
  void emplaced(const CXXMemberCallExpr *MC) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() ||
        !(startsWith(MD->getName(), "emplace") || MD->getName() == "push_back"))
      return;
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        MD->getParent());
    if (!Spec || Spec->getTemplateArgs().size() < 1 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return;
    const CXXRecordDecl *Elem =
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    const ValueDecl *Subject = Out.subjectOf(MC->getImplicitObjectArgument());
    if (!Elem || !Subject)
      return;
    for (const CXXConstructorDecl *Ctor : Elem->ctors()) {
      const tl_fn_model *M = Out.Models.lookup(Ctor);
      if (M && M->role == TL_ROLE_CANCEL_SPAWN && M->on_object) {
        if (MD->getName() == "push_back" && MC->getNumArgs() == 1)
          noteConstruction(Subject, MC->getArg(0));
        else
          noteTask(Subject, *M, ContextModels::args(MC), MC);
        return;
      }
    }
  }

  void noteTask(const ValueDecl *Subject, const tl_fn_model &M,
                llvm::ArrayRef<const Expr *> Args, const Expr *Spawn) {
    if (M.entry_arg < 0 || static_cast<size_t>(M.entry_arg) >= Args.size())
      return;
    const FunctionDecl *Entry = ContextIndex::callableOf(Args[M.entry_arg]);
    if (!Entry || !Entry->hasBody())
      return;
    StoppableTask T{Spawn, Entry, nullptr, Current};
    if (M.token_arg == TL_NO_ARG)
      T.Token = readParam(Entry, M.token_param); // the task's own token
    bool Own = T.Token != nullptr;
    if (!T.Token && M.token_arg != TL_NO_ARG)
      handedToken(T, M, Args);
    if (!T.Token)
      capturedToken(T, Args[M.entry_arg]);
    if (T.Token && (Own || stoppableHere(T.StopBy)))
      Out.Tasks[Subject] = T;
  }

  /// A source this code can stop: not one handed in (a parameter's token is
  /// stopped by whoever passed it), and one it can name.
  static bool stoppableHere(const ValueDecl *StopBy) {
    return StopBy && !isa<ParmVarDecl>(StopBy);
  }

  /// Entry's parameter \p I, if it is a handle the body reads.
  const ParmVarDecl *readParam(const FunctionDecl *Entry, unsigned I) const {
    if (I >= Entry->getNumParams())
      return nullptr;
    const ParmVarDecl *P = Entry->getParamDecl(I);
    return Out.Models.isHandleType(P->getType()) && mentionsDecl(Entry->getBody(), P)
               ? P : nullptr;
  }

  /// A thread that passes its arguments on (std::thread(f, src.get_token())):
  /// the arguments from "token" on go to the parameters from "token_param"
  /// on; the first handle among them is the token, stopped by its source.
  void handedToken(StoppableTask &T, const tl_fn_model &M,
                   llvm::ArrayRef<const Expr *> Args) {
    for (size_t I = M.token_arg; I < Args.size() && !T.Token; ++I)
      if (const ParmVarDecl *P = readParam(T.Entry, M.token_param + (I - M.token_arg))) {
        T.Token = P;
        T.StopBy = Out.subjectOf(Args[I]);
      }
  }

  /// A lambda body that reads a captured handle (`[tok = src.get_token()]`,
  /// `[&src]`, or a captured local initialised from `src.get_token()`).
  void capturedToken(StoppableTask &T, const Expr *Callable) {
    const auto *LE = dyn_cast_or_null<LambdaExpr>(withoutTemporaries(Callable));
    if (!LE)
      return;
    for (const LambdaCapture &C : LE->captures()) {
      const auto *V = C.capturesVariable() ? dyn_cast<VarDecl>(C.getCapturedVar()) : nullptr;
      if (!V || !Out.Models.isHandleType(V->getType()) ||
          !mentionsDecl(T.Entry->getBody(), V))
        continue;
      const ValueDecl *From = V->getInit() ? Out.subjectOf(V->getInit()) : nullptr;
      T.Token = V;
      T.StopBy = From ? From : V;
      return;
    }
  }

  void call(const Expr *Call) {
    const FunctionDecl *FD = ContextModels::callee(Call);
    if (!FD)
      return;
    llvm::ArrayRef<const Expr *> Args = ContextModels::args(Call);
    const tl_fn_model *M = Out.Models.lookup(FD);
    // Operations read a handle field; a disconnect or a poll is no operation.
    for (unsigned I = 0; !ContextModels::actsOnHandle(M) && I < FD->getNumParams() &&
                         I < Args.size(); ++I)
      if (Out.Models.isHandleType(FD->getParamDecl(I)->getType()))
        if (const FieldDecl *F = fieldOf(withoutTemporaries(Args[I])))
          Out.FieldReads.try_emplace(F, cast<MemberExpr>(withoutTemporaries(Args[I])));
    if (!M)
      return;
    FunctionEffects *E = effects();
    switch (M->role) {
    case TL_ROLE_CANCEL:
      if (E)
        if (const ValueDecl *S =
                Out.subjectOf(ContextModels::handleExpr(Call, *M)))
          E->Stops.insert(S);
      break;
    case TL_ROLE_CANCEL_DISCONNECT:
      if (E)
        E->Disconnects = true;
      break;
    case TL_ROLE_TIMER_FREE:
      if (E)
        E->RemovesSource = true;
      break;
    case TL_ROLE_CANCEL_CONNECT:
      connected(Call, *M, Args);
      break;
    default:
      break;
    }
  }

  void connected(const Expr *Call, const tl_fn_model &M,
                 llvm::ArrayRef<const Expr *> Args) {
    Out.ConnectsAny = true;
    if (M.entry_param_arg < 0 || static_cast<size_t>(M.entry_param_arg) >= Args.size())
      return;
    QualType T = Args[M.entry_param_arg]->IgnoreParenCasts()->getType();
    const RecordDecl *RD = T->isPointerType() ? T->getPointeeType()->getAsRecordDecl()
                                              : nullptr;
    if (!RD)
      return;
    auto It = PendingId.find(Call);
    Out.Connections.push_back(
        {Call, RD, It == PendingId.end() ? nullptr : It->second, Current});
  }

  ContextIndex &Out;
  ASTContext &Ctx;
  const FunctionDecl *Current = nullptr;
  llvm::DenseMap<const Expr *, const FieldDecl *> PendingId;
};

const ContextIndex &ContextIndex::get(ASTContext &Ctx, const ContextModels &Models) {
  static llvm::DenseMap<const ASTContext *, std::unique_ptr<ContextIndex>> Built;
  std::unique_ptr<ContextIndex> &Slot = Built[&Ctx];
  if (!Slot) {
    Slot.reset(new ContextIndex(Models));
    ContextIndexBuilder(*Slot, Ctx).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return *Slot;
}

const ValueDecl *ContextIndex::subjectOf(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = withoutTemporaries(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      E = UO->getSubExpr();
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && VD->isLocalVarDecl() && VD->getLocation().isMacroID() &&
          VD->getInit()) {
        E = VD->getInit(); // a macro's own temporary: what it holds
        continue;
      }
      auto It = VD ? RangeOf.find(VD) : RangeOf.end();
      if (It == RangeOf.end())
        return DRE->getDecl();
      E = It->second;
    } else if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      return ME->getMemberDecl();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase();
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OC->getOperator() != OO_Subscript && OC->getOperator() != OO_Star &&
          OC->getOperator() != OO_Arrow)
        return nullptr;
      E = OC->getArg(0);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // jthread.get_stop_source() names the jthread.
      if (!Models.is(MC, TL_ROLE_CANCEL_GET))
        return nullptr;
      E = MC->getImplicitObjectArgument();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

const Connection *ContextIndex::connectionFor(const RecordDecl *RD) const {
  // The connection that keeps its id in the struct is the owner's.
  const Connection *Any = nullptr;
  for (const Connection &C : Connections)
    if (C.Data == RD) {
      if (C.IdField)
        return &C;
      Any = Any ? Any : &C;
    }
  return Any;
}

const FunctionEffects *ContextIndex::effectsOf(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Def = FD->getDefinition())
    FD = Def;
  auto It = Effects.find(FD);
  return It == Effects.end() ? nullptr : &It->second;
}

const FunctionDecl *ContextIndex::callableOf(const Expr *E) {
  E = withoutTemporaries(E ? E->IgnoreParenCasts() : nullptr); // G_CALLBACK(f) is a cast
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(E))
    return L->getCallOperator();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

} // namespace taskleak
