//===- OwnerIndex.cpp - which objects own tasks, and who ends them --------===//
//
// Implements OwnerIndex.h: one pass over the translation unit that finds
// the fields a spawn fills, the functions that release them (ReleaseGraph)
// and the functions that end an owner object.  No path state.
//
//===----------------------------------------------------------------------===//

#include "OwnerIndex.h"
#include "ExprNames.h"
#include "FunctionScope.h"
#include "GObjectOwners.h"
#include "ModelIndex.h"
#include "ProjectModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace taskleak {
namespace {

/// `worker` only (not `&worker`): what the owner pre-pass names an entry.
const FunctionDecl *plainCallee(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

class Scanner : public FunctionScopeVisitor<Scanner> {
public:
  using FactsMap = ReleaseGraph::ReleasedMap;
  using CallsMap = ReleaseGraph::CallsMap;

  Scanner(const ModelIndex &Models,
          llvm::DenseMap<const RecordDecl *, llvm::SmallVector<OwnerField, 2>> &Fields,
          llvm::SmallVectorImpl<std::pair<const FunctionDecl *, const CallExpr *>> &Frees,
          FactsMap &Released, CallsMap &Calls)
      : Models(Models), Fields(Fields), Frees(Frees), Released(Released),
        Calls(Calls) {}

  bool VisitCallExpr(CallExpr *CE) {
    if (!Current)
      return true;
    const tl_fn_model *M = Models.lookup(CE->getDirectCallee());
    if (!M) {
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        Calls[Current->getCanonicalDecl()].push_back(Callee->getCanonicalDecl());
      return true;
    }
    if ((M->role == TL_ROLE_JOIN || M->role == TL_ROLE_DETACH) &&
        argAt(CE, M->handle_arg))
      if (const FieldDecl *F = handleField(CE->getArg(M->handle_arg)))
        Released[Current->getCanonicalDecl()].push_back(F);
    if (M->role == TL_ROLE_SPAWN && !M->handle_return &&
        argAt(CE, M->handle_out_arg)) {
      addField(handleField(CE->getArg(M->handle_out_arg)), *M, CE);
      noteLocalSpawn(CE->getArg(M->handle_out_arg), *M, CE);
    } else if (M->role == TL_ROLE_FREE && argAt(CE, M->object_arg))
      Frees.push_back({Current, CE});
    return true;
  }

  /// `owner->io = g_thread_new(...)`
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp() || !Current)
      return true;
    const auto *CE = dyn_cast<CallExpr>(BO->getRHS()->IgnoreParenCasts());
    const tl_fn_model *M = CE ? Models.lookup(CE->getDirectCallee()) : nullptr;
    if (M && M->role == TL_ROLE_SPAWN && M->handle_return)
      addField(handleField(BO->getLHS()), *M, CE);
    // `o->thr = t;` after `pthread_create(&t, ...)`: the field is filled.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenImpCasts())) {
      auto It = LocalSpawns.find(DRE->getDecl());
      if (It != LocalSpawns.end())
        addField(handleField(BO->getLHS()), *It->second.first, It->second.second);
    }
    return true;
  }

private:
  const ModelIndex &Models;
  llvm::DenseMap<const RecordDecl *, llvm::SmallVector<OwnerField, 2>> &Fields;
  llvm::SmallVectorImpl<std::pair<const FunctionDecl *, const CallExpr *>> &Frees;
  FactsMap &Released;
  CallsMap &Calls;
  /// Locals a spawn filled (`pthread_create(&t, ...)`), with that spawn.
  llvm::DenseMap<const Decl *, std::pair<const tl_fn_model *, const CallExpr *>>
      LocalSpawns;

  void noteLocalSpawn(const Expr *Out, const tl_fn_model &M, const CallExpr *CE) {
    const auto *UO = dyn_cast<UnaryOperator>(Out->IgnoreParenImpCasts());
    const auto *DRE = UO && UO->getOpcode() == UO_AddrOf
                          ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts())
                          : nullptr;
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))
      LocalSpawns[VD] = {&M, CE};
  }

  void addField(const FieldDecl *FD, const tl_fn_model &M, const CallExpr *CE) {
    if (!FD)
      return;
    auto &List = Fields[FD->getParent()];
    for (const OwnerField &F : List)
      if (F.Field == FD)
        return; // the first spawn found names the task
    const FunctionDecl *Entry = plainCallee(argAt(CE, M.entry_arg));
    List.push_back({ownedField(FD, M, CE, Current, Entry)});
  }
};

} // namespace

OwnerIndex::OwnerIndex(ASTContext &Ctx, const ModelIndex &Models) {
  llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 16> Frees;
  Scanner::FactsMap Released;
  Scanner::CallsMap Calls;
  Scanner S(Models, Fields, Frees, Released, Calls);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (auto &R : Released)
    ReleasedSomewhere.insert(R.second.begin(), R.second.end());
  Releases.take(Released, Calls);
  // Handle fields of this unit's structs that another unit fills.
  for (const ProjectOwner &PO : projectOwners(Ctx, Models)) {
    auto &List = Fields[PO.Field->getParent()];
    if (llvm::none_of(List, [&](const OwnerField &F) { return F.Field == PO.Field; }))
      List.push_back({{PO.Field, PO.Spawn, PO.AcquiredIn, PO.Entry,
                       PO.Row->entry_gets_owner},
                      PO.Row});
    if (PO.Row->nreleased)
      ReleasedSomewhere.insert(PO.Field);
  }

  // free(p) where p is a parameter pointing to an owner type.
  for (const auto &F : Frees) {
    const tl_fn_model *M = Models.lookup(F.second->getDirectCallee());
    const auto *DRE = dyn_cast<DeclRefExpr>(
        F.second->getArg(M->object_arg)->IgnoreParenImpCasts());
    const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PVD || !Fields.count(pointeeRecord(PVD->getType())))
      continue;
    addEnder(Enders, F.first, static_cast<int>(PVD->getFunctionScopeIndex()));
  }
  // GObject's dispose and finalize end their instance (GObjectOwners.h).
  // Only the last to run is judged: what dispose leaves, finalize may end.
  for (const GObjectEnder &G : gobjectOwners(Ctx).enders())
    if (Fields.count(G.Instance) && gobjectOwners(Ctx).endsLast(G.Fn) &&
        !llvm::is_contained(Enders[G.Fn->getCanonicalDecl()], 0))
      Enders[G.Fn->getCanonicalDecl()].push_back(0);
  // The destructors of owner types.
  for (const auto &E : Fields)
    if (const auto *RD = dyn_cast<CXXRecordDecl>(E.first))
      if (const CXXDestructorDecl *DD = RD->getDestructor())
        Enders[DD->getCanonicalDecl()].push_back(-1);
}

llvm::ArrayRef<OwnerField> OwnerIndex::fieldsOf(const RecordDecl *RD) const {
  return listOf(Fields, RD ? RD->getDefinition() : nullptr);
}

llvm::ArrayRef<int> OwnerIndex::endedOwners(const FunctionDecl *FD) const {
  return listOf(Enders, FD ? FD->getCanonicalDecl() : nullptr);
}

} // namespace taskleak

namespace taskleak {

bool OwnerIndex::mayRelease(const FunctionDecl *FD, const FieldDecl *F) const {
  return Releases.mayRelease(FD, F);
}

bool OwnerIndex::assumeLive(const FunctionDecl *Ender, const OwnerField &OF) const {
  // Across files the project model says who releases the field.
  if (OF.Project && projectReleases(*OF.Project, OF.AcquiredIn))
    return false;
  if (OF.Project && projectReleases(*OF.Project, Ender))
    return true;
  if (mayRelease(OF.AcquiredIn, OF.Field))
    return false;
  // A C++ destructor is the end of the object's life by definition (RAII):
  // a release only in some other member is the bug, not an excuse.
  if (isa<CXXDestructorDecl>(Ender) || mayRelease(Ender, OF.Field))
    return true;
  return !ReleasedSomewhere.count(OF.Field);
}

} // namespace taskleak
