//===- UnitRoles.cpp - the model roles a unit's code calls ----------------===//

#include "UnitRoles.h"
#include "PerUnit.h"
#include "UnitVisitor.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace taskleak;

namespace {

/// Every function the unit's code names, wherever declared: a declaration
/// at file scope, one inside a function body (`extern int pipe(int *);`),
/// or C's implicit declaration of an undeclared call, which the file's
/// top-level declarations do not list.
class RoleCollector : public UnitVisitor<RoleCollector> {
public:
  RoleCollector(const ModelIndex &Models,
                std::bitset<TL_ROLE_COUNT_> &Roles)
      : Models(Models), Roles(Roles) {}

  // The system headers' own code is left out (UnitVisitor): it names the
  // libraries' functions through aliases of its own (libstdc++ starts a
  // std::thread through __gthrw_pthread_create), and no report is made
  // inside it.  A template's instantiations call what its pattern names: a
  // call with dependent arguments names its candidates in an unresolved
  // lookup.  (The standard library's instantiations are most of a C++
  // unit's AST.)
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    note(E->getDecl());
    return true;
  }
  bool VisitUnresolvedLookupExpr(UnresolvedLookupExpr *E) {
    for (const NamedDecl *D : E->decls())
      note(D->getUnderlyingDecl());
    return true;
  }

private:
  void note(const Decl *D) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (FD && Seen.insert(FD->getCanonicalDecl()).second)
      if (const tl_fn_model *M = Models.lookup(FD))
        if (M->role < TL_ROLE_COUNT_)
          Roles.set(M->role);
  }

  const ModelIndex &Models;
  std::bitset<TL_ROLE_COUNT_> &Roles;
  llvm::SmallPtrSet<const FunctionDecl *, 32> Seen;
};

} // namespace

UnitRoles::UnitRoles(ASTContext &Ctx, const ModelIndex &Models) {
  RoleCollector(Models, Roles).TraverseAST(Ctx);
}

const UnitRoles &UnitRoles::of(ASTContext &Ctx, const ModelIndex &Models) {
  static const UnitCache<UnitRoles> Census;
  return Census.get(Ctx, Models);
}
