//===- ThreadMembers.cpp - where a TU starts and ends its thread members --===//
//
// See ThreadMembers.h.  Purely syntactic: a field is "started" when a
// thread constructed from a callable flows into it, "ended" when join() or
// detach() is called on it or on an element reached through it.  Code in
// system headers is skipped (the standard library's own members are not
// ours to judge, and skipping it keeps the pass cheap).
//
//===----------------------------------------------------------------------===//

#include "ThreadMembers.h"
#include "Compat.h"
#include "ExprNames.h"
#include "UnitVisitor.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace taskleak;

static bool isStdRecord(const CXXRecordDecl *RD, StringRef Name) {
  return RD && RD->getIdentifier() && RD->getName() == Name &&
         RD->getDeclContext()->isStdNamespace();
}

static bool isStdThread(QualType T) {
  return isStdRecord(T->getAsCXXRecordDecl(), "thread");
}

ThreadHolding taskleak::holdsThreads(QualType T) {
  T = T.getCanonicalType();
  while (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    T = AT->getElementType().getCanonicalType();
  if (isStdThread(T))
    return ThreadHolding::Direct;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Spec->getDeclContext()->isStdNamespace())
    return ThreadHolding::None;
  bool Owning = llvm::StringSwitch<bool>(Spec->getName())
                    .Cases("vector", "deque", "list", "forward_list", "array", true)
                    .Cases("unique_ptr", "optional", true)
                    .Default(false);
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (!Owning || Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return ThreadHolding::None;
  return holdsThreads(Args[0].getAsType()) == ThreadHolding::None
             ? ThreadHolding::None
             : ThreadHolding::Elements;
}

/// A thread constructed from a callable somewhere in \p S: a std::thread
/// constructor with arguments (not copy or move), `new std::thread(f)`, or
/// std::make_unique<std::thread>(f).
static bool startsThread(const Stmt *Within) {
  return anyWithin(Within, [](const Stmt *S) {
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
      return isStdThread(CE->getType()) && CE->getNumArgs() > 0 &&
             !CE->getConstructor()->isCopyOrMoveConstructor();
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    return FD && FD->getIdentifier() && FD->getName() == "make_unique" &&
           Call->getNumArgs() > 0 &&
           holdsThreads(Call->getType()) != ThreadHolding::None;
  });
}

namespace {

class IndexBuilder : public UnitVisitor<IndexBuilder> {
  using Base = UnitVisitor<IndexBuilder>;

public:
  IndexBuilder(ASTContext &Ctx, ThreadMemberIndex &Out) : Ctx(Ctx), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(D);
    const FunctionDecl *Saved = CurFn;
    CurFn = FD->getCanonicalDecl();
    bool Result = Base::TraverseDecl(D);
    CurFn = Saved;
    return Result;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable())
      LoopRanges[S->getLoopVariable()] = S->getRangeInit();
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
    for (const CXXCtorInitializer *Init : CD->inits())
      if (const FieldDecl *F = Init->getMember())
        if (holdsThreads(F->getType()) != ThreadHolding::None &&
            startsThread(Init->getInit()))
          addStart(F, Init->getInit());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
    if (OC->getOperator() != OO_Equal || OC->getNumArgs() != 2)
      return true;
    const ValueDecl *F = holderOf(OC->getArg(0));
    if (F && startsThread(OC->getArg(1)))
      addStart(F, OC);
    // `p = nullptr` deletes a local unique_ptr's thread as reset() does:
    // the path judges it there (ThreadPointers.h), not the scope end.
    if (isa_and_nonnull<VarDecl>(F) &&
        OC->getArg(1)->IgnoreParenImpCasts()->getType()->isNullPtrType())
      addEnd(F, OC, /*Detach=*/false);
    return true;
  }

  bool TraverseCompoundStmt(CompoundStmt *S, DataRecursionQueue * = nullptr) {
    Blocks.push_back(S);
    ScopeStmts.push_back(S);
    bool Result = Base::TraverseCompoundStmt(S, nullptr); // no queue: in order
    ScopeStmts.pop_back();
    Blocks.pop_back();
    return Result;
  }
#define TL_SCOPE(CLASS)                                                        \
  bool Traverse##CLASS(CLASS *S, DataRecursionQueue * = nullptr) {             \
    ScopeStmts.push_back(S);                                                   \
    bool Result = Base::Traverse##CLASS(S, nullptr);                           \
    ScopeStmts.pop_back();                                                     \
    return Result;                                                             \
  }
  TL_SCOPE(ForStmt)
  TL_SCOPE(CXXForRangeStmt)
  TL_SCOPE(WhileStmt)
  TL_SCOPE(IfStmt)
  TL_SCOPE(SwitchStmt)
#undef TL_SCOPE

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && !ScopeStmts.empty())
      Out.VarScopes[VD] = ScopeStmts.back();
    if (!isLocalHolder(VD) || Blocks.empty())
      return true;
    Out.Scopes[VD] = Blocks.back();
    if (startsThread(VD->getInit()))
      addStart(VD, VD->getInit());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *RS) {
    escapeIfLocal(RS->getRetValue(), RS);
    if (!InLambda && CurFn)
      Out.Exits.push_back({RS, CurFn, false});
    return true;
  }

  bool VisitCXXThrowExpr(CXXThrowExpr *TE) {
    if (!InLambda && CurFn)
      Out.Exits.push_back({TE, CurFn, false});
    return true;
  }

  bool TraverseLambdaExpr(LambdaExpr *LE, DataRecursionQueue * = nullptr) {
    ++InLambda;
    bool Result = Base::TraverseLambdaExpr(LE, nullptr);
    --InLambda;
    return Result;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          if (isLocalHolder(VD))
            Out.Escapes[VD].push_back({LE, CurFn, false});
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    for (const Expr *Arg : CE->arguments())
      escapeIfLocal(Arg, CE);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *MC);
  bool VisitCallExpr(CallExpr *CE);

private:
  const ValueDecl *holderOf(const Expr *E, unsigned Depth = 0) const;
  void addStart(const ValueDecl *F, const Stmt *Where);
  void addEnd(const ValueDecl *F, const Stmt *Where, bool Detach) {
    if (CurFn)
      Out.Ends[F].push_back({Where, CurFn, Detach});
  }
  void escapeIfLocal(const Expr *E, const Stmt *Where) {
    if (const auto *VD = dyn_cast_or_null<VarDecl>(holderOf(E)))
      Out.Escapes[VD].push_back({Where, CurFn, false});
  }
  static bool isLocalHolder(const VarDecl *VD) {
    return VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
           !VD->getType()->isReferenceType() &&
           holdsThreads(VD->getType()) != ThreadHolding::None;
  }
  bool mentionsEnd(const Stmt *S, bool &Detach) const;

  ASTContext &Ctx;
  ThreadMemberIndex &Out;
  const FunctionDecl *CurFn = nullptr;
  llvm::DenseMap<const VarDecl *, const Expr *> LoopRanges;
  llvm::SmallVector<const CompoundStmt *, 8> Blocks;
  llvm::SmallVector<const Stmt *, 16> ScopeStmts;
  unsigned InLambda = 0;
};

} // namespace

/// The thread-holding field or local \p E designates, through element
/// access (`f[i]`, `f.at(i)`, `f[i]->`, `*f`, `f.get()`), references and
/// pointers to it and range-for variables over it.
const ValueDecl *IndexBuilder::holderOf(const Expr *E, unsigned Depth) const {
  if (!E || Depth > 6)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
    return holderOf(MT->getSubExpr(), Depth + 1);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    return F && holdsThreads(F->getType()) != ThreadHolding::None ? F : nullptr;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = OC->getOperator();
    if ((K == OO_Subscript || K == OO_Arrow || K == OO_Star) && OC->getNumArgs() > 0)
      return holderOf(OC->getArg(0), Depth + 1);
    return nullptr;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return holderOf(AS->getBase(), Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf
               ? holderOf(UO->getSubExpr(), Depth + 1)
               : nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    bool Access = MD && MD->getIdentifier() &&
                  llvm::StringSwitch<bool>(MD->getName())
                      .Cases("get", "at", "front", "back", "value", true)
                      .Cases("begin", "end", "cbegin", "cend", true)
                      .Default(false);
    return Access ? holderOf(MC->getImplicitObjectArgument(), Depth + 1) : nullptr;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (Call->isCallToStdMove() && Call->getNumArgs() == 1)
      return holderOf(Call->getArg(0), Depth + 1);
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD)
      return nullptr;
    auto It = LoopRanges.find(VD);
    if (It != LoopRanges.end())
      return holderOf(It->second, Depth + 1);
    if (VD->getType()->isReferenceType() || VD->getType()->isPointerType())
      return holderOf(VD->getInit(), Depth + 1);
    if (isLocalHolder(VD))
      return VD;
  }
  return nullptr;
}

/// Only a method of the field's own class starts it for the class-level
/// judgement: an aggregate filled from outside is the path analysis' case.
/// The block-scope locals the lambdas in \p S capture by reference.
static void refCaptures(const Stmt *S, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          if (VD->hasLocalStorage() && !VD->getType()->isReferenceType())
            Out.push_back(VD);
    return;
  }
  for (const Stmt *Child : S->children())
    refCaptures(Child, Out);
}

void IndexBuilder::addStart(const ValueDecl *V, const Stmt *Where) {
  llvm::SmallVector<const VarDecl *, 4> Captured;
  refCaptures(Where, Captured);
  for (const VarDecl *VD : Captured)
    Out.RefCaptures.push_back({V, Where, VD, CurFn});
  if (isa<VarDecl>(V)) {
    Out.Starts[V].push_back({Where, CurFn, false});
    return;
  }
  const auto *F = cast<FieldDecl>(V);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CurFn);
  if (MD && MD->getParent()->getCanonicalDecl() ==
                F->getParent()->getCanonicalDecl())
    Out.Starts[F].push_back({Where, CurFn, false});
}

static bool isThreadEnd(const CXXMethodDecl *MD, bool &Detach) {
  if (!MD || !MD->getIdentifier() || !isStdRecord(MD->getParent(), "thread"))
    return false;
  Detach = MD->getName() == "detach";
  return Detach || MD->getName() == "join";
}

bool IndexBuilder::VisitCXXMemberCallExpr(CXXMemberCallExpr *MC) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || !CurFn)
    return true;
  const Expr *Obj = MC->getImplicitObjectArgument();
  bool Detach = false;
  if (isThreadEnd(MD, Detach)) {
    if (const ValueDecl *F = holderOf(Obj))
      addEnd(F, MC, Detach);
    return true;
  }
  for (const Expr *Arg : MC->arguments())
    escapeIfLocal(Arg, MC);
  if (Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts())) {
    Out.Calls[CurFn].push_back(MD->getCanonicalDecl());
    if (!MD->hasBody())
      Out.Opaque.insert(CurFn);
    return true;
  }
  if (!MD->getIdentifier())
    return true;
  StringRef Name = MD->getName();
  if (Name == "clear" || Name == "swap" || Name == "release")
    if (const auto *VD = dyn_cast_or_null<VarDecl>(holderOf(Obj)))
      (Name == "clear" ? Out.Clears : Out.Escapes)[VD].push_back({MC, CurFn, false});
  // A local unique_ptr's reset() deletes its thread: the path judges it
  // there (ThreadPointers.h), so it ends the syntactic judgement.
  if (Name == "reset" &&
      (MC->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(MC->getArg(0))))
    if (const auto *VD = dyn_cast_or_null<VarDecl>(holderOf(Obj)))
      addEnd(VD, MC, /*Detach=*/false);
  bool Adds = startsWith(Name, "emplace") || startsWith(Name, "push_") ||
              Name == "insert" || Name == "reset";
  if (!Adds)
    return true;
  const ValueDecl *F = holderOf(Obj);
  if (!F || holdsThreads(F->getType()) != ThreadHolding::Elements)
    return true;
  bool Started = startsWith(Name, "emplace") && MC->getNumArgs() > 0;
  for (const Expr *Arg : MC->arguments()) // a new thread, or a local one moved in
    Started = Started || startsThread(Arg) || isa_and_nonnull<VarDecl>(holderOf(Arg));
  if (Started)
    addStart(F, MC);
  return true;
}

/// join or detach named anywhere in \p S: `&std::thread::join`, or a call
/// of it in a lambda's body.
bool IndexBuilder::mentionsEnd(const Stmt *S, bool &Detach) const {
  if (!S)
    return false;
  if (const auto *DR = dyn_cast<DeclRefExpr>(S))
    if (isThreadEnd(dyn_cast<CXXMethodDecl>(DR->getDecl()), Detach))
      return true;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
    if (isThreadEnd(MC->getMethodDecl(), Detach))
      return true;
  if (const auto *LE = dyn_cast<LambdaExpr>(S))
    return mentionsEnd(LE->getBody(), Detach);
  for (const Stmt *Child : S->children())
    if (mentionsEnd(Child, Detach))
      return true;
  return false;
}

/// std::for_each(f.begin(), f.end(), <joins>) ends every element of f;
/// a free function given `this` may do anything to the object.
bool IndexBuilder::VisitCallExpr(CallExpr *CE) {
  if (!CurFn || isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return true;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (Callee && Callee->getIdentifier() && Callee->getName() == "for_each" &&
      CE->getNumArgs() >= 3) {
    bool Detach = false;
    if (const ValueDecl *F = holderOf(CE->getArg(0)))
      if (mentionsEnd(CE->getArg(CE->getNumArgs() - 1), Detach))
        addEnd(F, CE, Detach);
    return true;
  }
  // A member moved out (`local = std::move(threads_)`) is handed over: the
  // code that receives it ends it, as a join would.
  if (CE->isCallToStdMove() && CE->getNumArgs() == 1)
    if (const auto *F = dyn_cast_or_null<FieldDecl>(holderOf(CE->getArg(0))))
      addEnd(F, CE, /*Detach=*/false);
  for (const Expr *Arg : CE->arguments()) {
    if (isa<CXXThisExpr>(Arg->IgnoreParenImpCasts()))
      Out.Opaque.insert(CurFn);
    escapeIfLocal(Arg, CE);
  }
  return true;
}

void ThreadMemberIndex::build(ASTContext &Ctx) {
  // std::thread objects only: a C unit has none to index.
  if (!Ctx.getLangOpts().CPlusPlus)
    return;
  IndexBuilder Builder(Ctx, *this);
  Builder.TraverseDecl(Ctx.getTranslationUnitDecl());
}
