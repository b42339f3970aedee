//===- UnitRoles.cpp - the model roles a unit's code calls ----------------===//

#include "UnitRoles.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;
using namespace taskleak;

namespace {

/// Every function the unit's code names, wherever declared: a declaration
/// at file scope, one inside a function body (`extern int pipe(int *);`),
/// or C's implicit declaration of an undeclared call, which the file's
/// top-level declarations do not list.
class RoleCollector : public RecursiveASTVisitor<RoleCollector> {
public:
  RoleCollector(const ModelIndex &Models,
                std::bitset<TL_ROLE_COUNT_> &Roles)
      : Models(Models), Roles(Roles) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *FD = dyn_cast<FunctionDecl>(E->getDecl());
    if (FD && Seen.insert(FD->getCanonicalDecl()).second)
      if (const tl_fn_model *M = Models.lookup(FD))
        if (M->role < TL_ROLE_COUNT_)
          Roles.set(M->role);
    return true;
  }

private:
  const ModelIndex &Models;
  std::bitset<TL_ROLE_COUNT_> &Roles;
  llvm::SmallPtrSet<const FunctionDecl *, 32> Seen;
};

} // namespace

UnitRoles::UnitRoles(ASTContext &Ctx, const ModelIndex &Models) {
  RoleCollector(Models, Roles).TraverseAST(Ctx);
}
