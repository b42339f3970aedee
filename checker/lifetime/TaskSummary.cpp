//===- TaskSummary.cpp - what a task's entry function does ----------------===//
//
// Implements TaskSummary.h: does a task's entry detach itself, and which
// fields of its argument does it write?  Walks the entry's body (and, for
// self-detach, its callees); no path state, cached per entry.
//
//===----------------------------------------------------------------------===//

#include "TaskSummary.h"
#include "ExprNames.h"
#include "ModelIndex.h"
#include "OwnerIndex.h"
#include "ProjectModel.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace taskleak {
namespace {

/// The summary walks at most this many calls deep; deeper helpers are rare
/// and an unbounded walk could cost more than the analysis itself.
constexpr unsigned MaxDepth = 3;

class SelfDetachFinder {
public:
  explicit SelfDetachFinder(const ModelIndex &Models) : Models(Models) {}

  /// Does \p FD, or a helper it calls, detach the calling task?  The calls
  /// come from the function's walk (EntryWalk.h), in source order.
  bool inFunction(const FunctionDecl *FD, unsigned Depth) {
    if (!FD || Depth > MaxDepth)
      return false;
    const EntryRecord &R = entryRecord(Models, FD);
    if (!R.def() || !Visited.insert(R.def()).second)
      return false;
    for (const EntryCall &EC : R.calls())
      if (detachesSelf(EC) || (!EC.Model && inFunction(EC.Callee, Depth + 1)))
        return true;
    return false;
  }

private:
  const ModelIndex &Models;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;

  /// Is \p E the caller's own handle: a call to a "self" function, or a
  /// local initialised by one (pthread_t me = pthread_self())?
  bool isSelf(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf)
        E = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
      return M && M->role == TL_ROLE_SELF;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasLocalStorage() && VD->getInit())
          return isSelf(VD->getInit());
    return false;
  }

  /// pthread_detach(pthread_self()).
  bool detachesSelf(const EntryCall &EC) const {
    const tl_fn_model *M = EC.Model;
    return M && M->role == TL_ROLE_DETACH &&
           static_cast<unsigned>(M->handle_arg) < EC.Call->getNumArgs() &&
           isSelf(EC.Call->getArg(M->handle_arg));
  }
};

} // namespace

EntryRelease summarizeEntry(const FunctionDecl *Entry, const ModelIndex &Models) {
  if (!Entry || !Entry->hasBody())
    return EntryRelease::Unseen;
  SelfDetachFinder Finder(Models);
  return Finder.inFunction(Entry, 0) ? EntryRelease::SelfDetaching
                                     : EntryRelease::None;
}

} // namespace taskleak

//===----------------------------------------------------------------------===//
// What the entry does with its argument.
//===----------------------------------------------------------------------===//

namespace taskleak {
namespace {

/// Walks a function body once.  Every reference to the argument (or a local
/// copy of it) must be accounted for by a pattern below; any other use is an
/// escape.
class ArgUseFinder {
public:
  ArgUseFinder(const VarDecl *Param, ArgEffects &Out) : Out(Out) {
    Aliases.insert(Param);
  }

  void run(const Stmt *Body) {
    visit(Body);
    if (Unaccounted)
      Out.Escapes = true;
  }

private:
  ArgEffects &Out;
  llvm::SmallPtrSet<const VarDecl *, 4> Aliases;
  llvm::SmallPtrSet<const DeclRefExpr *, 16> Accounted;
  bool Unaccounted = false;

  const DeclRefExpr *aliasRef(const Expr *E) const {
    if (!E)
      return nullptr;
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    if (!DRE)
      return nullptr;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && Aliases.count(VD) ? DRE : nullptr;
  }

  /// arg->f, arg->f.g, arg->a[i]: the top-level field reached through the
  /// argument, marking the reference as accounted for.
  const FieldDecl *rootField(const Expr *E) {
    E = E->IgnoreParenCasts();
    while (true) {
      if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (ME->isArrow()) {
          if (const DeclRefExpr *DRE = aliasRef(ME->getBase())) {
            Accounted.insert(DRE);
            return dyn_cast<FieldDecl>(ME->getMemberDecl());
          }
          return nullptr;
        }
        E = ME->getBase()->IgnoreParenCasts();
      } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
        E = AS->getBase()->IgnoreParenCasts();
      } else {
        return nullptr;
      }
    }
  }

  /// An lvalue the task writes: a field, or the whole object (*arg).
  void written(const Expr *LHS) {
    if (const FieldDecl *FD = rootField(LHS)) {
      Out.WrittenFields.insert(FD);
      return;
    }
    const Expr *E = LHS->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref)
        if (const DeclRefExpr *DRE = aliasRef(U->getSubExpr())) {
          Accounted.insert(DRE);
          Out.WritesWhole = true;
        }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      if (const DeclRefExpr *DRE = aliasRef(AS->getBase())) {
        Accounted.insert(DRE);
        Out.WritesWhole = true;
      }
  }

  void addAlias(const VarDecl *VD, const Expr *Init) {
    if (VD && VD->hasLocalStorage())
      if (const DeclRefExpr *DRE = aliasRef(Init)) {
        Accounted.insert(DRE);
        Aliases.insert(VD);
      }
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      forEachVar(DS, [&](const VarDecl *VD, const Expr *Init) { addAlias(VD, Init); });
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp()) {
        written(BO->getLHS());
        if (const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
          addAlias(dyn_cast<VarDecl>(L->getDecl()), BO->getRHS());
      } else if (BO->isComparisonOp()) {
        if (const DeclRefExpr *DRE = aliasRef(BO->getLHS()))
          Accounted.insert(DRE);
        if (const DeclRefExpr *DRE = aliasRef(BO->getRHS()))
          Accounted.insert(DRE);
      }
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp())
        written(U->getSubExpr());
      else if (U->getOpcode() == UO_AddrOf && rootField(U->getSubExpr()))
        written(U->getSubExpr()); // &arg->f may be written through
      else if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_LNot) {
        // *arg read (writes were caught at the assignment), or !arg.
        if (const DeclRefExpr *DRE = aliasRef(U->getSubExpr()))
          Accounted.insert(DRE);
      }
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      rootField(ME); // a read of arg->f
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(S)) {
      if (const DeclRefExpr *DRE = aliasRef(AS->getBase()))
        Accounted.insert(DRE); // a read of arg[i]
    } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      // Handing the pointer back to the joiner writes nothing.
      if (const DeclRefExpr *DRE = aliasRef(RS->getRetValue()))
        Accounted.insert(DRE);
    } else if (const auto *CE = dyn_cast<CStyleCastExpr>(S)) {
      if (CE->getType()->isVoidType()) // (void)arg;
        if (const DeclRefExpr *DRE = aliasRef(CE->getSubExpr()))
          Accounted.insert(DRE);
    } else if (const auto *IS = dyn_cast<IfStmt>(S)) {
      if (const DeclRefExpr *DRE = aliasRef(IS->getCond()))
        Accounted.insert(DRE);
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && Aliases.count(VD) && !Accounted.count(DRE))
        Unaccounted = true; // passed on, stored, or used some other way
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};

} // namespace

ArgEffects summarizeArgEffects(const FunctionDecl *Entry, unsigned ParamIndex) {
  ArgEffects Out;
  const FunctionDecl *Def = nullptr;
  if (!Entry || !Entry->hasBody(Def) || ParamIndex >= Def->getNumParams())
    return Out;
  Out.Unknown = false;
  ArgUseFinder(Def->getParamDecl(ParamIndex), Out).run(Def->getBody());
  return Out;
}

} // namespace taskleak

namespace taskleak {

void projectArgEffects(const ModelIndex &Models, const OwnerField &OF, ArgEffects &E) {
  const char *Name = OF.Runs && OF.Runs->getIdentifier()
                         ? nullptr
                         : (OF.Project ? OF.Project->entry : nullptr);
  const tl_entry_row *Row = Name ? tl_models_entry_lookup(Models.set(), Name)
                                 : projectEntry(Models, OF.Runs);
  if (!Row)
    return;
  E.Unknown = false;
  for (const FieldDecl *FD : OF.Field->getParent()->fields())
    for (size_t K = 0; K < Row->nwrites; ++K)
      if (FD->getName() == Row->writes[K])
        E.WrittenFields.insert(FD);
}

EntryRelease projectOwnerRelease(const ModelIndex &Models, const OwnerField &OF,
                                 EntryRelease R) {
  if (R != EntryRelease::Unseen || OF.Runs || !OF.Project || !OF.Project->entry)
    return R;
  const tl_entry_row *Row = tl_models_entry_lookup(Models.set(), OF.Project->entry);
  if (!Row)
    return R;
  return Row->detaches_self ? EntryRelease::SelfDetaching : EntryRelease::None;
}

EntryRelease SummaryCache::release(const FunctionDecl *Entry) {
  return entryRecord(Models, Entry).part<EntryRelease>([&](const EntryRecord &) {
    const FunctionDecl *E = Entry;
    EntryRelease R = summarizeEntry(E, Models);
    // An entry defined in another unit: the project model's summary.
    if (const tl_entry_row *P = R == EntryRelease::Unseen ? projectEntry(Models, E) : nullptr)
      R = P->detaches_self ? EntryRelease::SelfDetaching : EntryRelease::None;
    return R;
  });
}

const ArgEffects &SummaryCache::argEffects(const FunctionDecl *Entry) {
  return entryRecord(Models, Entry).part<ArgEffects>([&](const EntryRecord &) {
    return summarizeArgEffects(Entry, 0);
  });
}

} // namespace taskleak
