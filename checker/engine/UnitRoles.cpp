//===- UnitRoles.cpp - the model roles a unit's code calls ----------------===//

#include "UnitRoles.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;
using namespace taskleak;

UnitRoles::UnitRoles(ASTContext &Ctx, const ModelIndex &Models) {
  scan(Ctx.getTranslationUnitDecl(), Models);
}

/// The file-scope functions of \p DC, and of the `extern "C"` blocks in it
/// (transparent: their functions are the file's).
void UnitRoles::scan(const DeclContext *DC, const ModelIndex &Models) {
  for (const Decl *D : DC->decls()) {
    if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
      scan(LS, Models);
      continue;
    }
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->isReferenced())
      continue;
    if (const tl_fn_model *M = Models.lookup(FD))
      if (M->role < TL_ROLE_COUNT_)
        Roles.set(M->role);
  }
}
