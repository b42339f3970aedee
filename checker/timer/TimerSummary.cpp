//===- TimerSummary.cpp - timer callbacks and timer owners ----------------===//
//
// Implements TimerSummary.h: what a timer callback does with its data and
// whether it repeats, and the timer owners of the translation unit (fields
// that hold timers, who releases them, who ends the owner).  No path state.
//
//===----------------------------------------------------------------------===//

#include "TimerSummary.h"
#include "MembershipGuard.h"
#include "ExprNames.h"
#include "GObjectOwners.h"
#include "FunctionScope.h"
#include "ModelIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace taskleak {
namespace {

/// Callback summaries follow calls this deep into the translation unit.
constexpr unsigned MaxDepth = 3;

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  return E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
         R.Val.getInt() == 0;
}

/// Walks a callback's body with its data parameter's aliases.
class CallbackWalker {
public:
  CallbackWalker(CallbackFacts &Out, const ASTContext &Ctx, const ModelIndex &Models)
      : Out(Out), Ctx(Ctx), Models(Models) {}

  void walk(const FunctionDecl *FD, unsigned Param, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD || Depth > MaxDepth || !FD->hasBody(Def) || Param >= Def->getNumParams() ||
        !Visited.insert(Def).second)
      return;
    Aliases.insert(Def->getParamDecl(Param));
    visit(Def->getBody(), Depth);
  }

private:
  CallbackFacts &Out;
  const ASTContext &Ctx;
  const ModelIndex &Models;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
  llvm::SmallPtrSet<const VarDecl *, 8> Aliases;             // hold the data pointer
  llvm::DenseMap<const VarDecl *, const FieldDecl *> FieldPtrs; // hold &data->f

  bool isAlias(const Expr *E) const {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && Aliases.count(VD);
  }
  /// `data->f` (or `self->f` with self an alias): f.
  const FieldDecl *dataField(const Expr *E) const {
    const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenCasts() : nullptr);
    if (!ME || !isAlias(ME->getBase()))
      return nullptr;
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  }
  /// `&data->f`, or a local holding it (`*_tag_ptr = 0` in g_clear_handle_id).
  const FieldDecl *dataFieldAddress(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf)
        return dataField(U->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return FieldPtrs.lookup(VD);
    return nullptr;
  }
  /// The field an assignment's left side writes: `data->f` or `*p`.
  const FieldDecl *writtenField(const Expr *LHS) const {
    if (const FieldDecl *F = dataField(LHS))
      return F;
    if (const auto *U = dyn_cast<UnaryOperator>(LHS->IgnoreParenCasts()))
      if (U->getOpcode() == UO_Deref)
        return dataFieldAddress(U->getSubExpr());
    return nullptr;
  }
  void noteInit(const VarDecl *VD, const Expr *Init) {
    if (!Init)
      return;
    if (isAlias(Init))
      Aliases.insert(VD);
    else if (const FieldDecl *F = dataFieldAddress(Init))
      FieldPtrs[VD] = F;
  }

  /// `event_free(event_base_get_running_event(base))`: a timer_free of
  /// what a timer_self call returns.
  bool releasesRunning(const CallExpr *CE) const {
    const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
    if (!M || M->role != TL_ROLE_TIMER_FREE || M->handle_arg < 0 ||
        static_cast<unsigned>(M->handle_arg) >= CE->getNumArgs())
      return false;
    const auto *Inner =
        dyn_cast<CallExpr>(CE->getArg(M->handle_arg)->IgnoreParenCasts());
    return Inner && Inner->getDirectCallee() &&
           Models.isCall(Inner->getDirectCallee(), TL_ROLE_TIMER_SELF);
  }

  void visit(const Stmt *S, unsigned Depth) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      forEachVar(DS, [&](const VarDecl *VD, const Expr *Init) { noteInit(VD, Init); });
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_Assign) {
        if (const FieldDecl *F = writtenField(BO->getLHS())) {
          if (isZero(BO->getRHS(), Ctx))
            Out.Cleared.insert(F);
        } else if (const auto *DRE =
                       dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts())) {
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            noteInit(VD, BO->getRHS());
        }
        // The left side is written, not used.
        visit(BO->getRHS(), Depth);
        if (!dataField(BO->getLHS()))
          visit(BO->getLHS(), Depth);
        return;
      }
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (Aliases.count(VD))
          Out.UsesData = true;
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (const FieldDecl *F = dataField(ME))
        if (F->getType()->isPointerType())
          Out.UsedPointers.insert(F);
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (releasesRunning(CE))
        Out.ReleasesSelf = true;
      for (unsigned I = 0, N = CE->getNumArgs(); I < N; ++I) {
        const Expr *A = CE->getArg(I);
        if (isAlias(A)) {
          const tl_fn_model *M = Models.lookup(Callee);
          if (M && (M->role == TL_ROLE_TIMER_FREE || M->role == TL_ROLE_CLOSE) &&
              static_cast<int>(I) == M->handle_arg)
            Out.ReleasesData = true;
          CallbackWalker Inner(Out, Ctx, Models);
          Inner.Visited = Visited;
          Inner.walk(Callee, I, Depth + 1);
        } else if (const FieldDecl *F = dataFieldAddress(A)) {
          // g_clear_handle_id(&self->id, g_source_remove) as a function:
          // a timer_free given the id's address.
          const tl_fn_model *M = Models.lookup(Callee);
          if (M && M->role == TL_ROLE_TIMER_FREE && M->handle_by_pointer &&
              static_cast<int>(I) == M->handle_arg)
            Out.Cleared.insert(F);
        }
      }
    }
    for (const Stmt *Child : S->children())
      visit(Child, Depth);
  }
};

/// How the return statements of \p CB's walk (EntryWalk.h) decide whether
/// it runs again.
CallbackReturns returnsOf(const EntryRecord &CB, const ASTContext &Ctx) {
  bool Zero = false, NonZero = false, Other = false;
  for (const ReturnStmt *RS : CB.returns()) {
    const Expr *V = RS->getRetValue();
    Expr::EvalResult R;
    if (V && !V->isValueDependent() && V->EvaluateAsInt(R, Ctx))
      (R.Val.getInt() == 0 ? Zero : NonZero) = true;
    else
      Other = true;
  }
  if (Other || (Zero && NonZero))
    return CallbackReturns::Sometimes;
  if (Zero)
    return CallbackReturns::Never;
  return NonZero ? CallbackReturns::Always : CallbackReturns::Unknown;
}

} // namespace

CallbackFacts summarizeCallback(const FunctionDecl *CB, const ModelIndex &Models) {
  CallbackFacts F;
  const FunctionDecl *Def = nullptr;
  if (!CB || !CB->hasBody(Def) || Def->getNumParams() == 0)
    return F;
  const ASTContext &Ctx = Def->getASTContext();
  if (Def->getReturnType()->isIntegerType())
    F.Returns = returnsOf(entryRecord(Models, Def), Ctx);
  unsigned Last = Def->getNumParams() - 1;
  if (Def->getParamDecl(Last)->getType()->isPointerType()) {
    CallbackWalker W(F, Ctx, Models);
    W.walk(Def, Last, 0);
    F.LiveIn = livenessContainer(Def, Models);
  }
  return F;
}

//===----------------------------------------------------------------------===//
// The owner pre-pass.
//===----------------------------------------------------------------------===//

namespace {

struct ScanResult {
  explicit ScanResult(
      llvm::DenseMap<const RecordDecl *, llvm::SmallVector<TimerField, 2>> &Fields)
      : Fields(Fields) {}
  llvm::DenseMap<const RecordDecl *, llvm::SmallVector<TimerField, 2>> &Fields;
  llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 16> Frees;
  ReleaseGraph::ReleasedMap Released;
  ReleaseGraph::CallsMap Calls;
  llvm::SmallVector<const FunctionDecl *, 32> Defined;
  /// Fields whose every source is one-shot and whose callback or other
  /// function arguments (destroy notify) never clear it: the candidates.
  llvm::DenseMap<const FieldDecl *, bool> StaleCandidate;
  llvm::DenseMap<const Type *, const tl_fn_model *> ObjectTimerTypes;
  llvm::DenseMap<const RecordDecl *, llvm::SmallVector<TimerField, 2>> DataSources;
  llvm::SmallVector<const FunctionDecl *, 4> ArmedCallbacks;
};

class Scanner : public FunctionScopeVisitor<Scanner> {
public:
  Scanner(const ModelIndex &Models, TimerOwners &Owners, ScanResult &R)
      : Models(Models), Owners(Owners), R(R) {}

  void enterFunction(const FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody())
      R.Defined.push_back(FD);
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (!Current)
      return true;
    const FunctionDecl *Callee = CE->getDirectCallee();
    const tl_fn_model *M = Models.lookup(Callee);
    if (!M) {
      if (Callee)
        R.Calls[Current->getCanonicalDecl()].push_back(Callee->getCanonicalDecl());
      return true;
    }
    switch (M->role) {
    case TL_ROLE_TIMER_CREATE:
      if (argAt(CE, M->object_arg)) {
        QualType T = CE->getArg(M->object_arg)->IgnoreParenCasts()->getType();
        if (T->isPointerType() && M->entry_arg == TL_NO_ARG)
          R.ObjectTimerTypes[T->getPointeeType()
                                 .getCanonicalType()
                                 .getUnqualifiedType()
                                 .getTypePtr()] = M;
        addField(castFieldOf(CE->getArg(M->object_arg)), *M, CE, /*Object=*/true);
      } else if (argAt(CE, M->handle_out_arg)) {
        addField(castFieldOf(CE->getArg(M->handle_out_arg)), *M, CE, false);
      }
      break;
    case TL_ROLE_TIMER_ARM:
      if (argAt(CE, M->entry_arg))
        if (const FunctionDecl *CB = calleeOf(CE->getArg(M->entry_arg)))
          R.ArmedCallbacks.push_back(CB);
      break;
    case TL_ROLE_TIMER_FREE:
    case TL_ROLE_CLOSE:
    case TL_ROLE_TIMER_DISARM:
      if (argAt(CE, M->handle_arg))
        if (const FieldDecl *F = resolveField(CE->getArg(M->handle_arg)))
          // Stopping an embedded event is what its owner owes; stopping a
          // timer that must be freed is not its release.
          if (M->role != TL_ROLE_TIMER_DISARM || F->getType()->isRecordType())
            R.Released[Current->getCanonicalDecl()].push_back(F);
      break;
    case TL_ROLE_FREE:
      if (argAt(CE, M->object_arg))
        R.Frees.push_back({Current, CE});
      break;
    default:
      break;
    }
    return true;
  }

  /// `s->id = g_timeout_add(...)`, `s->fd = fd` with fd from timerfd_create.
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign || !Current)
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage())
          Sources[VD] = BO->getRHS();
    const CallExpr *CE = createCall(BO->getRHS());
    if (!CE)
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage())
          Locals[VD] = CE;
    addField(castFieldOf(BO->getLHS()), *Models.lookup(CE->getDirectCallee()), CE, false);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && VD->getInit()) {
      Sources[VD] = VD->getInit();
      if (const CallExpr *CE = createCall(VD->getInit()))
        Locals[VD] = CE;
    }
    return true;
  }

  /// `g_timeout_add(1000, cb, item);` with the id dropped and item a
  /// parameter pointing to a struct.
  bool VisitCompoundStmt(CompoundStmt *CS) {
    if (!Current)
      return true;
    for (const Stmt *Child : CS->body()) {
      const auto *E = dyn_cast<Expr>(Child);
      const auto *CE = E ? dyn_cast<CallExpr>(E->IgnoreParenCasts()) : nullptr;
      const tl_fn_model *M = CE ? Models.lookup(CE->getDirectCallee()) : nullptr;
      if (!M || M->role != TL_ROLE_TIMER_CREATE || !M->armed ||
          !M->handle_return || !argAt(CE, M->entry_arg) ||
          !argAt(CE, M->entry_param_arg))
        continue;
      const FunctionDecl *CB = calleeOf(CE->getArg(M->entry_arg));
      const auto *DRE =
          dyn_cast<DeclRefExpr>(CE->getArg(M->entry_param_arg)->IgnoreParenCasts());
      const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
      const RecordDecl *RD = PVD ? pointeeRecord(PVD->getType()) : nullptr;
      if (!CB || !RD || !Owners.callback(CB).UsesData)
        continue;
      R.DataSources[RD].push_back({{nullptr, M, Current, CB, true}, false});
    }
    return true;
  }

private:
  const ModelIndex &Models;
  TimerOwners &Owners;
  ScanResult &R;
  llvm::DenseMap<const VarDecl *, const CallExpr *> Locals;
  /// What each local was last set to, in source order: the expansion of
  /// g_clear_handle_id reads the id through two locals.
  llvm::DenseMap<const VarDecl *, const Expr *> Sources;

  /// fieldOf, looking through locals: `_handle_id` = `*_tag_ptr`,
  /// `_tag_ptr` = `&self->id`.
  const FieldDecl *resolveField(const Expr *E, unsigned Depth = 0) const {
    if (!E || Depth > 4)
      return nullptr;
    if (const FieldDecl *F = castFieldOf(E))
      return F;
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return resolveField(Sources.lookup(VD), Depth + 1);
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref)
        return resolveField(U->getSubExpr(), Depth + 1);
    return nullptr;
  }

  /// A create call returning its handle, directly or through a local.
  const CallExpr *createCall(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
      return M && M->role == TL_ROLE_TIMER_CREATE && M->handle_return ? CE : nullptr;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return Locals.lookup(VD);
    return nullptr;
  }

  void addField(const FieldDecl *FD, const tl_fn_model &M, const CallExpr *CE,
                bool Object) {
    if (!FD || (Object && !FD->getType()->isRecordType()))
      return;
    const FunctionDecl *CB = calleeOf(argAt(CE, M.entry_arg));
    bool Oneshot = false;
    if (M.armed && M.handle_return) {
      const CallbackFacts &CF = Owners.callback(CB);
      Oneshot = M.repeats == TL_REPEAT_NEVER ||
                (M.repeats == TL_REPEAT_CALLBACK && CF.Returns == CallbackReturns::Never);
      if (Oneshot && CF.Cleared.count(FD))
        Oneshot = false;
      // Any other function handed over (the destroy notify of *_full).
      for (unsigned I = 0, N = CE->getNumArgs(); Oneshot && I < N; ++I)
        if (static_cast<int>(I) != M.entry_arg)
          if (const FunctionDecl *Other = calleeOf(CE->getArg(I)))
            if (Owners.callback(Other).Cleared.count(FD))
              Oneshot = false;
    }
    auto It = R.StaleCandidate.find(FD);
    R.StaleCandidate[FD] = (It == R.StaleCandidate.end() || It->second) && Oneshot;

    auto &List = R.Fields[FD->getParent()];
    for (const TimerField &F : List)
      if (F.Field == FD)
        return; // the first create found names the timer
    List.push_back({ownedField(FD, M, CE, Current, CB), Object});
  }
};

/// Fields of \p RD pointing to an object of a type in \p Types.
template <typename Map>
llvm::SmallVector<const FieldDecl *, 2> pointerFieldsTo(const RecordDecl *RD,
                                                        const Map &Types) {
  llvm::SmallVector<const FieldDecl *, 2> Out;
  if (RD && (RD = RD->getDefinition()))
    for (const FieldDecl *F : RD->fields())
      if (const RecordDecl *To = pointeeRecord(F->getType()))
        if (To != RD && Types.count(To))
          Out.push_back(F);
  return Out;
}

/// Functions that end an object by name: `foo_destroy(struct foo *)`.
bool endsByName(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return false;
  std::string Name = FD->getName().lower();
  for (const char *Word : {"destroy", "dispose", "finalize", "free", "close"})
    if (llvm::StringRef(Name).contains(Word))
      return true;
  return false;
}

bool nameContains(const FunctionDecl *FD, const char *Word) {
  return FD && FD->getIdentifier() &&
         llvm::StringRef(FD->getName().lower()).contains(Word);
}

} // namespace

/// free(p) with p a parameter pointing to an owner (or to a timer's data,
/// or to a struct pointing to one): the function ends that parameter.
template <typename FieldMapT, typename AddFn>
static void freeEnders(const ModelIndex &Models, const ScanResult &R,
                       const FieldMapT &Fields, AddFn AddEnder) {
  for (const auto &F : R.Frees) {
    const tl_fn_model *M = Models.lookup(F.second->getDirectCallee());
    const auto *DRE = dyn_cast<DeclRefExpr>(
        F.second->getArg(M->object_arg)->IgnoreParenCasts());
    const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    const RecordDecl *RD = PVD ? pointeeRecord(PVD->getType()) : nullptr;
    if (RD && (Fields.count(RD) || R.DataSources.count(RD) ||
               !pointerFieldsTo(RD, R.DataSources).empty()))
      AddEnder(F.first, static_cast<int>(PVD->getFunctionScopeIndex()));
  }
}

TimerOwners::TimerOwners(ASTContext &Ctx, const ModelIndex &Models) : Models(Models) {
  ScanResult R(Fields);
  Scanner S(Models, *this, R);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());

  for (auto &E : R.Released)
    for (const FieldDecl *F : E.second)
      Releasers[F].push_back(E.first);
  Releases.take(R.Released, R.Calls);

  auto AddEnder = [&](const FunctionDecl *FD, int Index) {
    addEnder(Enders, FD, Index);
  };
  freeEnders(Models, R, Fields, AddEnder);
  // foo_destroy(struct foo *), foo_dispose(...), and C++ destructors.
  for (const FunctionDecl *FD : R.Defined) {
    if (isa<CXXMethodDecl>(FD) || FD->getNumParams() == 0 || !endsByName(FD))
      continue;
    if (Fields.count(pointeeRecord(FD->getParamDecl(0)->getType())))
      AddEnder(FD, 0);
  }
  for (const auto &E : Fields)
    if (const auto *RD = dyn_cast<CXXRecordDecl>(E.first))
      if (const CXXDestructorDecl *DD = RD->getDestructor())
        AddEnder(DD, -1);
  // GObject's dispose and finalize end their instance (GObjectOwners.h).
  for (const GObjectEnder &G : gobjectOwners(Ctx).enders())
    if (Fields.count(G.Instance) || R.DataSources.count(G.Instance))
      AddEnder(G.Fn, 0);

  DataSources = std::move(R.DataSources);
  for (const auto &E : Fields)
    for (const TimerField &TF : E.second) {
      auto It = R.StaleCandidate.find(TF.Field);
      if (It != R.StaleCandidate.end() && It->second)
        Stale[TF.Field] = &TF;
    }

  for (const FunctionDecl *CB : R.ArmedCallbacks) {
    const FunctionDecl *Def = nullptr;
    if (!CB->hasBody(Def) || Def->getNumParams() == 0)
      continue;
    QualType T = Def->getParamDecl(0)->getType();
    if (!T->isPointerType())
      continue;
    auto It = R.ObjectTimerTypes.find(
        T->getPointeeType().getCanonicalType().getUnqualifiedType().getTypePtr());
    if (It != R.ObjectTimerTypes.end())
      ObjectCallbacks[Def->getCanonicalDecl()] = It->second;
  }
}

llvm::ArrayRef<TimerField> TimerOwners::fieldsOf(const RecordDecl *RD) const {
  return listOf(Fields, RD ? RD->getDefinition() : nullptr);
}

llvm::SmallVector<const FieldDecl *, 2>
TimerOwners::dataSourceFields(const RecordDecl *RD) const {
  return pointerFieldsTo(RD, DataSources);
}

llvm::ArrayRef<TimerField> TimerOwners::dataSourcesOf(const RecordDecl *RD) const {
  return listOf(DataSources, RD ? RD->getDefinition() : nullptr);
}

llvm::ArrayRef<int> TimerOwners::endedOwners(const FunctionDecl *FD) const {
  return listOf(Enders, FD ? FD->getCanonicalDecl() : nullptr);
}

bool TimerOwners::owesRelease(const FunctionDecl *Ender, const TimerField &TF) const {
  if (Releases.mayRelease(TF.AcquiredIn, TF.Field))
    return false;
  if (isa<CXXDestructorDecl>(Ender) || Releases.mayRelease(Ender, TF.Field))
    return true;
  auto It = Releasers.find(TF.Field);
  if (It == Releasers.end())
    return true;
  // GObject: dispose runs before finalize, so a removal in finalize comes
  // too late for what dispose releases.
  if (nameContains(Ender, "dispose"))
    return llvm::all_of(It->second, [](const FunctionDecl *FD) {
      return nameContains(FD, "finalize");
    });
  return false;
}

bool TimerOwners::releasedBefore(const FunctionDecl *Ender, const TimerField &TF) const {
  const FunctionDecl *Dispose = gobjectOwners(Ender->getASTContext()).disposeBefore(Ender);
  return Dispose && TF.Field && Releases.mayRelease(Dispose, TF.Field);
}

const TimerField *TimerOwners::staleId(const FieldDecl *F) const {
  return Stale.lookup(F);
}

const tl_fn_model *TimerOwners::objectCallback(const FunctionDecl *FD) const {
  return FD ? ObjectCallbacks.lookup(FD->getCanonicalDecl()) : nullptr;
}

const CallbackFacts &TimerOwners::callback(const FunctionDecl *CB) const {
  return entryRecord(Models, CB).part<CallbackFacts>([&](const EntryRecord &) {
    return summarizeCallback(CB, Models);
  });
}

} // namespace taskleak
