//===- LoopSummary.cpp - how a task's loop ends ---------------------------===//
//
// Implements LoopSummary.h: how a task's loop ends (the flag tests and waits
// of its exits), and the stop index over the translation unit (who writes
// which flag, which entries fill which handle fields).  No path state.
//
//===----------------------------------------------------------------------===//

#include "LoopSummary.h"
#include "AtomicFlags.h"
#include "EntryWalk.h"
#include "ExprNames.h"
#include "FunctionScope.h"
#include "ModelIndex.h"
#include "ReturnSites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

#include <optional>

using namespace clang;

namespace taskleak {

const ValueDecl *AccessPath::leaf() const {
  if (!Fields.empty())
    return Fields.back();
  return GlobalVar;
}

namespace {

/// The summary follows calls at most this deep (as TaskSummary does).
constexpr unsigned MaxDepth = 3;

/// A type a stop flag can have: an integer, bool or enum, maybe _Atomic
/// or std::atomic.
bool isFlagType(QualType T) {
  if (T.isNull())
    return false;
  if (!atomicFlagType(T).isNull())
    return true;
  if (const auto *AT = T->getAs<AtomicType>())
    T = AT->getValueType();
  return T->isIntegralOrEnumerationType();
}

/// The integer value of \p E, if it is a constant (never asks a dependent
/// expression in a template: the evaluator asserts on those).
bool constantInt(const Expr *E, ASTContext &Ctx, int64_t &Out) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx) || !R.Val.isInt())
    return false;
  const llvm::APSInt &V = R.Val.getInt();
  // A value of a wider type (__int128) that needs more than 64 bits is no
  // constant this summary can hold.
  if (!(V.isSigned() ? V.isSignedIntN(64) : V.isIntN(64)))
    return false;
  Out = V.getExtValue();
  return true;
}

/// The field or global an lvalue names last: `p->a.stop`, `g`, `G.stop`.
const ValueDecl *writtenDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasGlobalStorage())
        return VD;
  return nullptr;
}

/// Calls after which the task is gone: exit(), abort(), pthread_exit(),
/// longjmp(), and anything declared noreturn.
bool endsTask(const FunctionDecl *FD, const ModelIndex &Models) {
  if (!FD)
    return false;
  if (FD->isNoReturn())
    return true;
  const tl_fn_model *M = Models.lookup(FD);
  return M && M->role == TL_ROLE_EXIT;
}

/// std::condition_variable(_any)::Name.
bool isStdCondVarMethod(const FunctionDecl *FD, llvm::StringRef Name) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!MD || !MD->getIdentifier() || MD->getName() != Name)
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  return RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "condition_variable" ||
          RD->getName() == "condition_variable_any");
}

/// The variable of static storage \p E names, if any.
static const VarDecl *globalNamed(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasGlobalStorage() ? VD : nullptr;
}

/// Which variables hold the task's root pointer, and whether `this` is it.
struct RootMap {
  llvm::SmallPtrSet<const VarDecl *, 4> Aliases;
  bool ThisIsRoot = false;
  /// With ThisIsRoot: `this` is the object these fields of the root name
  /// (a member object's method, `queue_.blocking_get()`, read with
  /// queue_ as `this`); empty: `this` is the root itself.
  llvm::SmallVector<const FieldDecl *, 2> ThisFields;
};

//===----------------------------------------------------------------------===//
// The translation-unit pass: writes, address-taken functions, spawns.
//===----------------------------------------------------------------------===//

class Scanner : public FunctionScopeVisitor<Scanner> {
public:
  Scanner(ASTContext &Ctx, const ModelIndex &Models,
          llvm::DenseMap<const ValueDecl *, llvm::SmallVector<FlagWrite, 2>> &Writes,
          llvm::SmallPtrSetImpl<const FunctionDecl *> &AddressTaken,
          llvm::SmallVectorImpl<std::pair<const FunctionDecl *, int>> &Entries,
          llvm::DenseMap<const FieldDecl *, llvm::SmallPtrSet<const FunctionDecl *, 2>>
              &FieldEntries,
          llvm::DenseMap<const VarDecl *, StopIndex::GlobalSpawn> &GlobalSpawns)
      : Ctx(Ctx), Models(Models), Writes(Writes), AddressTaken(AddressTaken),
        Entries(Entries), FieldEntries(FieldEntries), GlobalSpawns(GlobalSpawns) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBodies() const { return true; }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    return within(L->getCallOperator(),
                  [&] { return RecursiveASTVisitor::TraverseLambdaExpr(L); });
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    assignedSpawn(BO);
    int64_t V = 0;
    bool Known = BO->getOpcode() == BO_Assign && constantInt(BO->getRHS(), Ctx, V);
    write(BO->getLHS(), Known, V);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      write(U->getSubExpr(), false, 0);
    else if (U->getOpcode() == UO_AddrOf && isFlagType(U->getSubExpr()->getType()))
      write(U->getSubExpr(), false, 0); // handed out: anything may be stored
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getInit() && !isa<ParmVarDecl>(VD))
      initialised(VD, VD->getInit(), VD->getType());
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Value = nullptr;
    if (const Expr *Atomic = atomicFlagWrite(CE, Value)) {
      int64_t V = 0;
      bool Known = Value && constantInt(Value, Ctx, V);
      write(Atomic, Known, V);
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Callees.insert(DRE);
    const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
    if (M && M->role == TL_ROLE_SPAWN && M->entry_arg != TL_NO_ARG &&
        static_cast<unsigned>(M->entry_arg) < CE->getNumArgs()) {
      const FunctionDecl *Entry = calleeOf(CE->getArg(M->entry_arg));
      if (Entry)
        Entries.push_back({Entry, 0});
      if (!M->handle_return && M->handle_out_arg != TL_NO_ARG &&
          static_cast<unsigned>(M->handle_out_arg) < CE->getNumArgs())
        spawnedInto(CE->getArg(M->handle_out_arg), Entry, *M, CE);
    }
    return true;
  }

  /// `p->io = g_thread_new(...)`
  void assignedSpawn(const BinaryOperator *BO) {
    const auto *CE = dyn_cast<CallExpr>(BO->getRHS()->IgnoreParenCasts());
    const tl_fn_model *M = CE ? Models.lookup(CE->getDirectCallee()) : nullptr;
    if (!M || M->role != TL_ROLE_SPAWN || !M->handle_return)
      return;
    const FunctionDecl *Entry = nullptr;
    if (M->entry_arg != TL_NO_ARG && static_cast<unsigned>(M->entry_arg) < CE->getNumArgs())
      Entry = calleeOf(CE->getArg(M->entry_arg));
    spawnedInto(BO->getLHS(), Entry, *M, CE);
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || !isStdThreadClass(Ctor->getParent()) ||
        CE->getNumArgs() == 0 || Ctor->isCopyOrMoveConstructor())
      return true;
    if (const LambdaExpr *L = lambdaOf(CE->getArg(0))) {
      Entries.push_back({L->getCallOperator(), -1});
    } else if (const FunctionDecl *FD = calleeOf(CE->getArg(0))) {
      if (isa<CXXMethodDecl>(FD) && !cast<CXXMethodDecl>(FD)->isStatic())
        Entries.push_back({FD, -1});
      else
        Entries.push_back({FD, 0});
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      if (!Callees.count(DRE))
        AddressTaken.insert(FD->getCanonicalDecl());
    return true;
  }

private:
  ASTContext &Ctx;
  const ModelIndex &Models;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<FlagWrite, 2>> &Writes;
  llvm::SmallPtrSetImpl<const FunctionDecl *> &AddressTaken;
  llvm::SmallVectorImpl<std::pair<const FunctionDecl *, int>> &Entries;
  llvm::DenseMap<const FieldDecl *, llvm::SmallPtrSet<const FunctionDecl *, 2>>
      &FieldEntries;
  llvm::DenseMap<const VarDecl *, StopIndex::GlobalSpawn> &GlobalSpawns;
  llvm::SmallPtrSet<const DeclRefExpr *, 32> Callees;

  /// The handle field a spawn fills (`&p->threads[i]`), with its entry
  /// (null: one the pre-pass cannot name).
  void spawnedInto(const Expr *E, const FunctionDecl *Entry,
                   const tl_fn_model &M, const CallExpr *CE) {
    if (const VarDecl *VD = globalNamed(withoutAddrOf(E))) {
      globalSpawn(VD, Entry, M, CE);
      return;
    }
    if (const FieldDecl *FD = handleField(E))
      FieldEntries[FD].insert(Entry ? Entry->getCanonicalDecl() : nullptr);
  }

  void globalSpawn(const VarDecl *VD, const FunctionDecl *Entry,
                   const tl_fn_model &M, const CallExpr *CE) {
    // The task's argument: NULL, or the address of a global.
    const VarDecl *Root = nullptr;
    bool RootKnown = true;
    if (M.entry_param_arg != TL_NO_ARG &&
        static_cast<unsigned>(M.entry_param_arg) < CE->getNumArgs()) {
      const Expr *A = CE->getArg(M.entry_param_arg)->IgnoreParenCasts();
      RootKnown = A->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
      const auto *U = dyn_cast<UnaryOperator>(A);
      if (U && U->getOpcode() == UO_AddrOf)
        if (const VarDecl *G =
                globalNamed(U->getSubExpr()->IgnoreParenImpCasts())) {
          Root = G;
          RootKnown = true;
        }
    }
    auto It = GlobalSpawns.find(VD->getCanonicalDecl());
    if (It == GlobalSpawns.end()) {
      StopIndex::GlobalSpawn GS;
      GS.Entry = Entry;
      GS.AcquiredIn = Current;
      GS.RootGlobal = Root;
      GS.Ambiguous = !Entry || !RootKnown;
      GlobalSpawns[VD->getCanonicalDecl()] = GS;
      return;
    }
    StopIndex::GlobalSpawn &GS = It->second;
    if (!Entry || !GS.Entry ||
        Entry->getCanonicalDecl() != GS.Entry->getCanonicalDecl() ||
        !RootKnown || Root != GS.RootGlobal)
      GS.Ambiguous = true;
  }

  void write(const Expr *LHS, bool Known, int64_t Value) {
    if (const ValueDecl *D = writtenDecl(LHS))
      Writes[D].push_back({Current, Known, Value});
  }

  /// An initialiser is a write of each flag it sets (`Queue q = {..., 0}`,
  /// `static int stop = 1`).
  void initialised(const ValueDecl *D, const Expr *Init, QualType T) {
    Init = Init->IgnoreParenImpCasts();
    if (isFlagType(T)) {
      int64_t V = 0;
      bool Known = constantInt(Init, Ctx, V);
      Writes[D].push_back({Current, Known, V});
      return;
    }
    const auto *ILE = dyn_cast<InitListExpr>(Init);
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!ILE || !RD || RD->isUnion())
      return;
    if (ILE->isSemanticForm() == false && ILE->getSemanticForm())
      ILE = ILE->getSemanticForm();
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      initialised(FD, ILE->getInit(I++), FD->getType());
    }
  }
};

//===----------------------------------------------------------------------===//
// Reading conditions: access paths and the flag tests a condition needs.
//===----------------------------------------------------------------------===//

class PathReader {
public:
  PathReader(ASTContext &Ctx, AccessPath::RootKind Kind) : Ctx(Ctx), Kind(Kind) {}

  bool isRootPtr(const Expr *E, const RootMap &M) const {
    if (!E)
      return false;
    E = E->IgnoreParenCasts();
    if (isa<CXXThisExpr>(E))
      return M.ThisIsRoot && M.ThisFields.empty();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return M.Aliases.count(VD);
    return false;
  }

  /// The fields from the root to what \p Base points to, if it points
  /// into the root (`p`, `this`, or `this` of a member object).
  std::optional<llvm::SmallVector<const FieldDecl *, 2>>
  rootFields(const Expr *Base, const RootMap &M) const {
    if (isRootPtr(Base, M))
      return llvm::SmallVector<const FieldDecl *, 2>();
    if (M.ThisIsRoot && isa<CXXThisExpr>(Base->IgnoreParenCasts()))
      return M.ThisFields;
    return std::nullopt;
  }

  /// `p->stop`, `p->a.stop`, `(*p).stop`, `G.stop`, `g`, `this->stop`.
  std::optional<AccessPath> pathOf(const Expr *E, const RootMap &M) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD || !VD->hasGlobalStorage())
        return std::nullopt;
      AccessPath P;
      P.Root = AccessPath::Global;
      P.GlobalVar = VD;
      return P;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!FD)
      return std::nullopt;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (!ME->isArrow())
      if (const auto *U = dyn_cast<UnaryOperator>(Base))
        if (U->getOpcode() == UO_Deref)
          if (auto Prefix = rootFields(U->getSubExpr(), M)) {
            AccessPath P;
            P.Root = Kind;
            P.Fields = *Prefix;
            P.Fields.push_back(FD);
            return P;
          }
    if (ME->isArrow()) {
      auto Prefix = rootFields(Base, M);
      if (!Prefix)
        return std::nullopt;
      AccessPath P;
      P.Root = Kind;
      P.Fields = *Prefix;
      P.Fields.push_back(FD);
      return P;
    }
    std::optional<AccessPath> P = pathOf(Base, M);
    if (P)
      P->Fields.push_back(FD);
    return P;
  }

  /// The callee's view of the root: the parameters handed the root
  /// pointer, and `this` when the call is a member call on the root.
  RootMap mapArgs(const CallExpr *CE, const FunctionDecl *Callee,
                  const RootMap &M) const {
    RootMap Out;
    if (!Callee)
      return Out;
    unsigned Shift = 0;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      const Expr *Obj = MCE->getImplicitObjectArgument();
      if (Obj) {
        Obj = Obj->IgnoreParenImpCasts();
        if (const auto *U = dyn_cast<UnaryOperator>(Obj))
          if (U->getOpcode() == UO_Deref)
            Obj = U->getSubExpr();
        Out.ThisIsRoot = isRootPtr(Obj, M);
        if (isa<CXXThisExpr>(Obj) && M.ThisIsRoot) {
          Out.ThisIsRoot = true;
          Out.ThisFields = M.ThisFields;
        } else if (!Out.ThisIsRoot && Obj->getType()->isRecordType()) {
          // `queue_.get()`: the member object is the callee's `this`.
          std::optional<AccessPath> P = pathOf(Obj, M);
          if (P && P->Root != AccessPath::Global && !P->Fields.empty()) {
            Out.ThisIsRoot = true;
            Out.ThisFields = P->Fields;
          }
        }
      }
    } else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee)) {
      Shift = 1;
    }
    for (unsigned I = Shift, N = CE->getNumArgs(); I < N; ++I)
      if (I - Shift < Callee->getNumParams() && isRootPtr(CE->getArg(I), M))
        Out.Aliases.insert(Callee->getParamDecl(I - Shift));
    // Parameters are matched on the definition the walk will read.
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def) && Def != Callee) {
      RootMap D;
      D.ThisIsRoot = Out.ThisIsRoot;
      D.ThisFields = Out.ThisFields;
      for (unsigned I = 0, N = Callee->getNumParams(); I < N && I < Def->getNumParams(); ++I)
        if (Out.Aliases.count(Callee->getParamDecl(I)))
          D.Aliases.insert(Def->getParamDecl(I));
      return D;
    }
    return Out;
  }

  /// The object a wait or signal call gets: `&p->cv`, `&G.cv`, `&cv`.
  std::optional<AccessPath> objectOf(const Expr *E, const RootMap &M) const {
    E = E->IgnoreParenCasts();
    const auto *U = dyn_cast<UnaryOperator>(E);
    if (!U || U->getOpcode() != UO_AddrOf)
      return std::nullopt;
    return pathOf(U->getSubExpr(), M);
  }

  /// The flag tests that must all hold for \p E to evaluate to \p Pol.
  llvm::SmallVector<FlagTest, 2> necessary(const Expr *E, bool Pol,
                                           const RootMap &M) const {
    llvm::SmallVector<FlagTest, 2> Out;
    if (!E)
      return Out;
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      return necessary(EWC->getSubExpr(), Pol, M);
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_LNot)
        return necessary(U->getSubExpr(), !Pol, M);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      BinaryOperatorKind Op = BO->getOpcode();
      if (Op == BO_LAnd || Op == BO_LOr) {
        auto L = necessary(BO->getLHS(), Pol, M);
        auto R = necessary(BO->getRHS(), Pol, M);
        // a && b true: both hold; a || b false: neither holds.
        if ((Op == BO_LAnd) == Pol) {
          for (const FlagTest &T : R)
            if (!llvm::is_contained(L, T))
              L.push_back(T);
          return L;
        }
        for (const FlagTest &T : L)
          if (llvm::is_contained(R, T))
            Out.push_back(T);
        return Out;
      }
      if (Op == BO_EQ || Op == BO_NE) {
        const Expr *F = BO->getLHS(), *K = BO->getRHS();
        int64_t V = 0;
        if (!constantInt(K, Ctx, V)) {
          std::swap(F, K);
          if (!constantInt(K, Ctx, V))
            return Out;
        }
        F = readFlag(F);
        if (std::optional<AccessPath> P = flagOf(F, M))
          Out.push_back({*P, (Op == BO_EQ) == Pol, V, F});
        return Out;
      }
      return Out;
    }
    if (!atomicFlagRead(E))
      if (const auto *CE = dyn_cast<CallExpr>(E))
        return callNeeds(CE, Pol, M);
    E = readFlag(E);
    if (std::optional<AccessPath> P = flagOf(E, M))
      Out.push_back({*P, !Pol, 0, E}); // true: F != 0; false: F == 0
    return Out;
  }

private:
  ASTContext &Ctx;
  AccessPath::RootKind Kind;
  mutable unsigned CallDepth = 0;

  /// The flag tests a call to a function of this translation unit needs to
  /// give \p Pol (`while (queue_.blocking_get(item))` ends when it gives
  /// false): those every return that can give it needs (ReturnSites.h).
  llvm::SmallVector<FlagTest, 2> callNeeds(const CallExpr *CE, bool Pol,
                                           const RootMap &M) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    llvm::SmallVector<ReturnSite, 4> Sites;
    if (!Callee || !Callee->hasBody(Def) || Def->isDependentContext() ||
        CallDepth >= MaxDepth ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
        !returnSites(Def, Sites))
      return {};
    RootMap CM = mapArgs(CE, Callee, M);
    ++CallDepth;
    std::optional<llvm::SmallVector<FlagTest, 2>> Common;
    for (const ReturnSite &Site : Sites) {
      const Expr *V = Site.Ret->getRetValue();
      int64_t K = 0;
      if (!V) {
        Common.reset();
        break;
      }
      if (constantInt(V, Ctx, K) && (K != 0) != Pol)
        continue; // this return never gives Pol
      llvm::SmallVector<FlagTest, 2> Needs = siteNeeds(Site, Pol, CM);
      if (!Common) {
        Common = Needs;
        continue;
      }
      llvm::erase_if(*Common, [&](const FlagTest &T) {
        return !llvm::is_contained(Needs, T);
      });
    }
    --CallDepth;
    return Common ? *Common : llvm::SmallVector<FlagTest, 2>();
  }

  /// What must hold for \p Site to be reached and to return \p Pol.
  llvm::SmallVector<FlagTest, 2> siteNeeds(const ReturnSite &Site, bool Pol,
                                           const RootMap &M) const {
    llvm::SmallVector<FlagTest, 2> Out;
    auto Add = [&](const Expr *E, bool P) {
      for (const FlagTest &T : necessary(E, P, M))
        if (!llvm::is_contained(Out, T))
          Out.push_back(T);
    };
    int64_t K = 0;
    if (!constantInt(Site.Ret->getRetValue(), Ctx, K))
      Add(Site.Ret->getRetValue(), Pol);
    llvm::SmallVector<Condition, 4> Facts;
    for (const Condition &C : Site.Conds) {
      Add(C.first, C.second);
      disjuncts({C.first, !C.second}, Facts); // the conjuncts, negated
    }
    for (const Condition &Est : Site.Established) {
      Add(Est.first, Est.second);
      // `closed_ || !items_.empty()` established and `items_.empty()`
      // tested true: closed_ holds.
      llvm::SmallVector<Condition, 4> Open;
      disjuncts(Est, Open);
      llvm::erase_if(Open, [&](const Condition &D) {
        return llvm::any_of(Facts, [&](const Condition &F) {
          return F.second == D.second && sameExpr(F.first, D.first); // F negated
        });
      });
      if (Open.size() == 1)
        Add(Open.front().first, Open.front().second);
    }
    return Out;
  }

  bool sameExpr(const Expr *A, const Expr *B) const {
    llvm::FoldingSetNodeID IA, IB;
    A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
    B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
    return IA == IB;
  }

  /// The flag \p E reads: itself, or the atomic object of `x.load()` and
  /// of the conversion in `!x`.
  static const Expr *readFlag(const Expr *E) {
    const Expr *Atomic = atomicFlagRead(E);
    return Atomic ? Atomic : E;
  }

  std::optional<AccessPath> flagOf(const Expr *E, const RootMap &M) const {
    E = E->IgnoreParenImpCasts();
    if (!isFlagType(E->getType()))
      return std::nullopt;
    return pathOf(E, M);
  }
};

//===----------------------------------------------------------------------===//
// The walk: find the loop the task settles in, then its ways out.
//===----------------------------------------------------------------------===//

class LoopWalker {
public:
  LoopWalker(ASTContext &Ctx, const ModelIndex &Models, AccessPath::RootKind Kind)
      : Ctx(Ctx), Models(Models), Reader(Ctx, Kind) {}

  /// The settled loop of \p FD (reached from its start), or none.
  bool findLoop(const FunctionDecl *FD, RootMap M, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD || Depth > MaxDepth || !FD->hasBody(Def) || Def->isDependentContext() ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
      return false;
    const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
    if (!Body)
      return false;
    Functions.insert(Def);
    collectAliases(Body, M);
    for (const Stmt *S : Body->body()) {
      if (isa<WhileStmt, DoStmt, ForStmt>(S)) {
        if (analyseLoop(S, Def, M))
          return true;
        if (containsExit(S, /*InLoop=*/false))
          return false;
        continue;
      }
      if (const CallExpr *CE = topLevelCall(S)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Models.lookup(Callee) && !endsTask(Callee, Models) &&
            findLoop(Callee, mapArgs(CE, Callee, M), Depth + 1))
          return true;
      }
      if (isa<ReturnStmt>(S) || (containsExit(S, false) && !isNullGuard(S, M)))
        return false;
    }
    return false;
  }

  StopSummary Out;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Functions;

  /// Collects what \p FD and its callees here may signal: the calls of its
  /// EntryWalk record, but for those in a lambda (they run elsewhere).
  void collectSignals(const FunctionDecl *FD, RootMap M, unsigned Depth,
                      SignalSummary &S) {
    const EntryRecord &R = entryRecord(Models, FD);
    const FunctionDecl *Def = R.def();
    if (!Def || Def->isDependentContext() || llvm::is_contained(CallStack, Def))
      return;
    if (Depth > MaxDepth) {
      S.Known = false;
      return;
    }
    collectAliases(Def->getBody(), M);
    CallStack.push_back(Def);
    for (const EntryCall &EC : R.calls())
      if (S.Known && !inLambda(R, EC.Call))
        signalOf(EC, M, Depth, S);
    CallStack.pop_back();
  }

private:
  static bool inLambda(const EntryRecord &R, const Stmt *S) {
    for (const Stmt *P = R.parents().getParent(S); P;
         P = R.parents().getParent(P))
      if (isa<LambdaExpr>(P))
        return true;
    return false;
  }

  void signalOf(const EntryCall &EC, const RootMap &M, unsigned Depth,
                SignalSummary &S) {
    const CallExpr *CE = EC.Call;
    const FunctionDecl *Callee = EC.Callee;
    if (!Callee) {
      S.Known = false; // a call through a pointer may do anything
      return;
    }
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      if (isStdCondVarMethod(Callee, "notify_one") ||
          isStdCondVarMethod(Callee, "notify_all")) {
        const Expr *Obj = MCE->getImplicitObjectArgument();
        if (std::optional<AccessPath> P = Obj ? Reader.pathOf(Obj, M) : std::nullopt)
          S.Objects.push_back(*P);
        else
          S.Known = false;
        return;
      }
    if (const tl_fn_model *Mod = EC.Model) {
      if (Mod->role != TL_ROLE_SIGNAL)
        return;
      std::optional<AccessPath> P;
      if (Mod->object_arg != TL_NO_ARG &&
          static_cast<unsigned>(Mod->object_arg) < CE->getNumArgs())
        P = Reader.objectOf(CE->getArg(Mod->object_arg), M);
      if (P)
        S.Objects.push_back(*P);
      else
        S.Known = false;
      return;
    }
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def) &&
        !Ctx.getSourceManager().isInSystemHeader(Def->getLocation())) {
      collectSignals(Callee, mapArgs(CE, Callee, M), Depth + 1, S);
      return;
    }
    if (Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
      return;
    // The project's unseen code handed the task's object may signal it.
    for (const Expr *Arg : CE->arguments())
      if (Reader.isRootPtr(Arg, M) || Reader.objectOf(Arg, M))
        S.Known = false;
  }

  ASTContext &Ctx;
  const ModelIndex &Models;
  PathReader Reader;

  // The loop under analysis.
  struct PredicateLoop {
    llvm::SmallVector<FlagTest, 2> Stay; ///< tests that hold while it loops
  };
  struct Pending {
    WaitSite Site;
    bool InPredicate = false;             ///< inside a loop nested in the stop loop
    llvm::SmallVector<FlagTest, 2> Wakes; ///< candidates
  };
  struct WalkCtx {
    const FunctionDecl *FD;
    RootMap M;
    unsigned Depth;
    unsigned BreakDepth;  ///< breakable statements around us in FD
    bool InLoopFunction;  ///< FD holds the stop loop itself
    llvm::SmallVector<FlagTest, 4> Guards;
  };
  bool Failed = false;
  llvm::SmallVector<StopExit, 2> Exits;
  llvm::SmallVector<Pending, 2> Waits;
  llvm::SmallVector<PredicateLoop, 2> LoopStack;
  llvm::SmallVector<const FunctionDecl *, 4> CallStack;

  /// `pool_t *p = arg;`, `p = (pool_t *)arg;`
  void collectAliases(const Stmt *S, RootMap &M) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getType()->isPointerType() && Reader.isRootPtr(VD->getInit(), M))
            M.Aliases.insert(VD);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_Assign && Reader.isRootPtr(BO->getRHS(), M))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            if (VD->hasLocalStorage())
              M.Aliases.insert(VD);
    } else if (isa<LambdaExpr>(S)) {
      return;
    }
    for (const Stmt *Child : S->children())
      collectAliases(Child, M);
  }

  RootMap mapArgs(const CallExpr *CE, const FunctionDecl *Callee,
                  const RootMap &M) const {
    return Reader.mapArgs(CE, Callee, M);
  }

  /// `f(p);`, `(void)f(p);`, `return f(p);`, `x = f(p);`, `T x = f(p);`
  static const CallExpr *topLevelCall(const Stmt *S) {
    const Expr *E = nullptr;
    if (const auto *RS = dyn_cast<ReturnStmt>(S))
      E = RS->getRetValue();
    else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      if (DS->isSingleDecl())
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
          E = VD->getInit();
    } else
      E = dyn_cast<Expr>(S);
    if (!E)
      return nullptr;
    E = E->IgnoreParenCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr()->IgnoreParenCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      if (BO->getOpcode() == BO_Assign)
        E = BO->getRHS()->IgnoreParenCasts();
    return dyn_cast<CallExpr>(E);
  }

  /// `if (!p) return NULL;` before the loop: the owner passed a pointer.
  bool isNullGuard(const Stmt *S, const RootMap &M) const {
    const auto *IS = dyn_cast<IfStmt>(S);
    if (!IS || IS->getElse())
      return false;
    const Expr *C = IS->getCond()->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(C))
      return U->getOpcode() == UO_LNot && Reader.isRootPtr(U->getSubExpr(), M);
    if (const auto *BO = dyn_cast<BinaryOperator>(C))
      if (BO->getOpcode() == BO_EQ)
        return (Reader.isRootPtr(BO->getLHS(), M) &&
                BO->getRHS()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) ||
               (Reader.isRootPtr(BO->getRHS(), M) &&
                BO->getLHS()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull));
    return false;
  }

  /// Can \p S leave the function (return, throw, goto, a call that ends
  /// the task)?  With \p InLoop, a break out of \p S counts too.
  bool containsExit(const Stmt *S, bool InLoop, unsigned BreakDepth = 0) const {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (isa<ReturnStmt, CXXThrowExpr, GotoStmt, IndirectGotoStmt, CoreturnStmt>(S))
      return true;
    if (isa<BreakStmt>(S))
      return InLoop && BreakDepth == 0;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (endsTask(CE->getDirectCallee(), Models))
        return true;
    unsigned Inner =
        BreakDepth +
        (isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt, SwitchStmt>(S) ? 1 : 0);
    for (const Stmt *Child : S->children())
      if (containsExit(Child, InLoop, Inner))
        return true;
    return false;
  }

  /// Summarises \p Loop into Out; false when it cannot be summarised.
  bool analyseLoop(const Stmt *Loop, const FunctionDecl *FD, const RootMap &M) {
    Failed = false;
    Exits.clear();
    Waits.clear();
    LoopStack.clear();
    CallStack.assign(1, FD);
    const Expr *Cond = loopCond(Loop);
    bool Forever = !Cond;
    if (Cond) {
      bool Value = false;
      if (!Cond->isValueDependent() && !Cond->isTypeDependent() &&
          Cond->EvaluateAsBooleanCondition(Value, Ctx)) {
        if (!Value)
          return false; // do { } while (0)
        Forever = true;
      }
    }
    if (!Forever) {
      StopExit E;
      E.Needs = Reader.necessary(Cond, false, M);
      if (E.Needs.empty())
        return false;
      Exits.push_back(std::move(E));
    }
    WalkCtx W{FD, M, 0, 0, true, {}};
    walk(Cond, W); // its calls run every round too (a queue's wait)
    walk(loopBody(Loop), W);
    if (const auto *F = dyn_cast<ForStmt>(Loop))
      walk(F->getInc(), W);
    if (Failed)
      return false;
    StopSummary S;
    S.Loop = Loop;
    S.LoopIn = FD;
    S.Exits = Exits;
    for (Pending &P : Waits) {
      if (!P.InPredicate) {
        S.Waits.push_back(P.Site);
        continue;
      }
      // The predicate loop must end on a flag value that also ends the
      // stop loop; a wait whose predicate ignores the stop sleeps on.
      bool Found = false;
      for (const FlagTest &T : P.Wakes) {
        for (const StopExit &E : Exits)
          for (const FlagTest &X : E.Needs)
            if (X.Flag == T.Flag && !Found) {
              P.Site.HasWakes = true;
              P.Site.Wakes = T;
              Found = true;
            }
      }
      if (!Found)
        return false;
      S.Waits.push_back(P.Site);
    }
    S.K = Exits.empty() ? StopSummary::NoExit : StopSummary::FlagExit;
    Out = std::move(S);
    return true;
  }

  void exitHere(const WalkCtx &W) {
    if (W.Guards.empty()) {
      Failed = true;
      return;
    }
    StopExit E;
    E.Needs.assign(W.Guards.begin(), W.Guards.end());
    Exits.push_back(std::move(E));
  }

  static llvm::SmallVector<FlagTest, 4> with(const llvm::SmallVector<FlagTest, 4> &G,
                                             llvm::ArrayRef<FlagTest> More) {
    llvm::SmallVector<FlagTest, 4> Out = G;
    for (const FlagTest &T : More)
      if (!llvm::is_contained(Out, T))
        Out.push_back(T);
    return Out;
  }

  void addWait(const CallExpr *CE, const tl_fn_model &Mod, const WalkCtx &W) {
    if (Mod.object_arg == TL_NO_ARG ||
        static_cast<unsigned>(Mod.object_arg) >= CE->getNumArgs()) {
      Failed = true;
      return;
    }
    addWaitOn(Reader.objectOf(CE->getArg(Mod.object_arg), W.M), CE, W);
  }

  /// `cv.wait(lock)`, or `cv.wait(lock, [this] { return stop_ || ...; })`,
  /// which loops while the predicate is false.
  void addCondVarWait(const CXXMemberCallExpr *CE, const WalkCtx &W) {
    const Expr *Obj = CE->getImplicitObjectArgument();
    std::optional<AccessPath> P = Obj ? Reader.pathOf(Obj, W.M) : std::nullopt;
    if (CE->getNumArgs() < 2) {
      addWaitOn(P, CE, W);
      return;
    }
    PredicateLoop PL;
    if (const LambdaExpr *L = lambdaOf(CE->getArg(1)))
      if (const auto *Body = dyn_cast_or_null<CompoundStmt>(L->getBody()))
        if (Body->size() == 1)
          if (const auto *RS = dyn_cast<ReturnStmt>(Body->body_front()))
            PL.Stay = Reader.necessary(RS->getRetValue(), false, W.M);
    LoopStack.push_back(PL);
    addWaitOn(P, CE, W);
    LoopStack.pop_back();
  }

  void addWaitOn(std::optional<AccessPath> Obj, const CallExpr *CE,
                 const WalkCtx &W) {
    if (!Obj) {
      Failed = true;
      return;
    }
    Pending P;
    P.Site.Object = *Obj;
    P.Site.Call = CE;
    P.Site.In = W.FD;
    if (!LoopStack.empty()) {
      P.InPredicate = true; // the stop must also end the predicate loop
      for (const FlagTest &T : LoopStack.back().Stay) {
        FlagTest N = T;
        N.Equal = !T.Equal; // leaving the predicate loop
        P.Wakes.push_back(N);
      }
      if (P.Wakes.empty()) {
        Failed = true;
        return;
      }
    }
    Waits.push_back(std::move(P));
  }

  void walkCall(const CallExpr *CE, const WalkCtx &W) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const tl_fn_model *Mod = Models.lookup(Callee);
    if (endsTask(Callee, Models)) {
      exitHere(W);
      return;
    }
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      if (isStdCondVarMethod(Callee, "wait")) {
        addCondVarWait(MCE, W);
        return;
      }
    if (Mod) {
      if (Mod->role == TL_ROLE_WAIT)
        addWait(CE, *Mod, W);
      return;
    }
    const FunctionDecl *Def = nullptr;
    if (!Callee || !Callee->hasBody(Def) || W.Depth >= MaxDepth ||
        Def->isDependentContext() ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
        llvm::is_contained(CallStack, Def))
      return;
    Functions.insert(Def);
    WalkCtx Inner{Def, mapArgs(CE, Callee, W.M), W.Depth + 1, 0, false, W.Guards};
    collectAliases(Def->getBody(), Inner.M);
    CallStack.push_back(Def);
    walk(Def->getBody(), Inner);
    CallStack.pop_back();
  }

  void walk(const Stmt *S, const WalkCtx &W) {
    if (!S || Failed || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (walkExit(S, W))
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      for (const Stmt *Child : CE->children())
        walk(Child, W);
      walkCall(CE, W);
      return;
    }
    if (const auto *IS = dyn_cast<IfStmt>(S))
      return walkIf(IS, W);
    if (isa<WhileStmt, ForStmt, DoStmt>(S))
      return walkLoop(S, W);
    if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
      walk(SS->getCond(), W);
      WalkCtx Body = W;
      Body.BreakDepth++;
      walk(SS->getBody(), Body);
      return;
    }
    if (const auto *RF = dyn_cast<CXXForRangeStmt>(S)) {
      // Bounded by its range: a predicate loop that no flag ends.
      walk(RF->getRangeInit(), W);
      WalkCtx Body = W;
      Body.BreakDepth++;
      LoopStack.push_back(PredicateLoop());
      walk(RF->getBody(), Body);
      LoopStack.pop_back();
      return;
    }
    for (const Stmt *Child : S->children())
      walk(Child, W);
  }

  /// break, return, goto, throw: a way out of the loop (or a walk that
  /// cannot go on). True if \p S is one of them.
  bool walkExit(const Stmt *S, const WalkCtx &W) {
    if (isa<BreakStmt>(S)) {
      if (W.InLoopFunction && W.BreakDepth == 0)
        exitHere(W);
      return true;
    }
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      walk(RS->getRetValue(), W);
      if (W.InLoopFunction)
        exitHere(W);
      return true;
    }
    if (isa<GotoStmt, IndirectGotoStmt>(S)) {
      if (W.InLoopFunction)
        Failed = true;
      return true;
    }
    if (isa<CXXThrowExpr, CoreturnStmt>(S)) {
      exitHere(W);
      return true;
    }
    return false;
  }

  void walkIf(const IfStmt *IS, const WalkCtx &W) {
    walk(IS->getInit(), W);
    walk(IS->getCond(), W);
    WalkCtx Then = W, Else = W;
    Then.Guards = with(W.Guards, Reader.necessary(IS->getCond(), true, W.M));
    Else.Guards = with(W.Guards, Reader.necessary(IS->getCond(), false, W.M));
    walk(IS->getThen(), Then);
    walk(IS->getElse(), Else);
  }

  void walkLoop(const Stmt *S, const WalkCtx &W) {
    const Expr *Cond = loopCond(S);
    WalkCtx Body = W;
    Body.BreakDepth++;
    PredicateLoop PL;
    PL.Stay = Reader.necessary(Cond, true, W.M);
    if (!isa<DoStmt>(S))
      Body.Guards = with(W.Guards, PL.Stay);
    if (const auto *F = dyn_cast<ForStmt>(S))
      walk(F->getInit(), W);
    walk(Cond, W);
    LoopStack.push_back(PL);
    walk(loopBody(S), Body);
    if (const auto *F = dyn_cast<ForStmt>(S))
      walk(F->getInc(), Body);
    LoopStack.pop_back();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// The index.
//===----------------------------------------------------------------------===//

/// The summary of \p Entry with the task's object at \p ParamIndex, kept
/// in \p Slots: \p Make(Walker, Def, Roots, Out) the first time it is asked
/// for, Def from the entry's EntryWalk record, Roots where the object is
/// (`this` when \p ParamIndex < 0, else that parameter).  An entry with no
/// body here gets \p Unseen(Out) instead (empty unless the project model
/// knows it).
template <typename Map, typename MakeFn, typename UnseenFn>
static const auto &firstAsk(Map &Slots, const FunctionDecl *Entry,
                            int ParamIndex, ASTContext &Ctx,
                            const ModelIndex &Models, MakeFn Make,
                            UnseenFn Unseen) {
  auto &Slot = Slots[{Entry ? Entry->getCanonicalDecl() : nullptr, ParamIndex}];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<typename Map::mapped_type::element_type>();
  const FunctionDecl *Def = entryRecord(Models, Entry).def();
  if (!Def) {
    Unseen(*Slot);
    return *Slot;
  }
  RootMap M;
  if (ParamIndex < 0)
    M.ThisIsRoot = true;
  else if (static_cast<unsigned>(ParamIndex) < Def->getNumParams())
    M.Aliases.insert(Def->getParamDecl(ParamIndex));
  LoopWalker W(Ctx, Models,
               ParamIndex < 0 ? AccessPath::This : AccessPath::Param);
  Make(W, Def, M, *Slot);
  return *Slot;
}

StopIndex::StopIndex(ASTContext &Ctx, const ModelIndex &Models)
    : Ctx(Ctx), Models(Models) {
  llvm::SmallVector<std::pair<const FunctionDecl *, int>, 8> Entries;
  Scanner S(Ctx, Models, Writes, AddressTaken, Entries, FieldEntries,
            GlobalSpawns);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const auto &E : Entries)
    summary(E.first, E.second);
}

const SignalSummary &StopIndex::signals(const FunctionDecl *Entry,
                                        int ParamIndex) {
  auto Make = [&](LoopWalker &W, const FunctionDecl *Def, const RootMap &M,
                  SignalSummary &Out) {
    Out.Known = true; // unless a call says otherwise
    W.collectSignals(Def, M, 0, Out);
    if (!Out.Known)
      Out.Objects.clear();
    for (const AccessPath &P : Out.Objects)
      watch(P);
  };
  return firstAsk(Signals, Entry, ParamIndex, Ctx, Models, Make,
                  [](SignalSummary &) {});
}

llvm::ArrayRef<FlagWrite> StopIndex::writesOf(const ValueDecl *D) const {
  auto It = Writes.find(D);
  if (It == Writes.end())
    return {};
  return It->second;
}

const FunctionDecl *StopIndex::onlyEntryOf(const FieldDecl *FD) const {
  auto It = FieldEntries.find(FD);
  if (It == FieldEntries.end() || It->second.size() != 1)
    return nullptr;
  return *It->second.begin();
}

const StopIndex::GlobalSpawn *
StopIndex::spawnOfGlobal(const VarDecl *VD) const {
  auto It = GlobalSpawns.find(VD ? VD->getCanonicalDecl() : nullptr);
  if (It == GlobalSpawns.end() || It->second.Ambiguous)
    return nullptr;
  return &It->second;
}

void StopIndex::watch(const AccessPath &P) {
  Watched.insert(P.leaf());
  for (const FieldDecl *FD : P.Fields)
    WatchedRecords.insert(FD->getParent());
}

bool StopIndex::isAddressTaken(const FunctionDecl *FD) const {
  return FD && AddressTaken.count(FD->getCanonicalDecl());
}

const StopSummary &StopIndex::summary(const FunctionDecl *Entry,
                                      int ParamIndex) {
  auto Make = [&](LoopWalker &W, const FunctionDecl *Def, const RootMap &M,
                  StopSummary &Out) {
    if (!W.findLoop(Def, M, 0))
      return;
    StopSummary S = std::move(W.Out);
    // A flag the task itself may set to a value that ends the loop is no
    // stop signal the owner owes (a task that finishes its own work).
    auto SelfSet = [&](const FlagTest &T) {
      for (const FlagWrite &Wr : writesOf(T.Flag.leaf()))
        if (Wr.In && W.Functions.count(Wr.In) &&
            (!Wr.Known || T.holdsFor(Wr.Value)))
          return true;
      return false;
    };
    for (StopExit &E : S.Exits) {
      llvm::erase_if(E.Needs, SelfSet);
      if (E.Needs.empty())
        return;
    }
    for (const WaitSite &WS : S.Waits)
      if (WS.HasWakes && SelfSet(WS.Wakes))
        return;
    for (const StopExit &E : S.Exits)
      for (const FlagTest &T : E.Needs)
        watch(T.Flag);
    for (const WaitSite &WS : S.Waits) {
      watch(WS.Object);
      if (WS.HasWakes)
        watch(WS.Wakes.Flag);
    }
    Out = std::move(S);
  };
  // An entry defined in another unit: its project-model row's loop.
  auto Unseen = [&](StopSummary &Out) {
    if (projectStopSummary(Ctx, Models, Entry, ParamIndex, Out))
      for (const StopExit &E : Out.Exits)
        watch(E.Needs.front().Flag);
  };
  return firstAsk(Summaries, Entry, ParamIndex, Ctx, Models, Make, Unseen);
}

bool isCondVarMember(const FunctionDecl *FD, llvm::StringRef Name) {
  return isStdCondVarMethod(FD, Name);
}

} // namespace taskleak
