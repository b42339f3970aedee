//===- UnitVisitor.h - a whole-unit pass over the unit's own code -*- C++ -*-===//
//
// The pre-passes (owner index, stop index, timer owners, field pointers,
// respawn guards, ...) each walk the translation unit once.  A C unit is
// mostly its headers: posix_thread.c in nng is 30 functions of its own
// under thousands of declarations from pthread.h, stdlib.h and the
// project's headers, and walking every parameter and type of those cost
// each pass more than the unit's bodies did (measured with callgrind: the
// passes were three quarters of the plugin's instructions on such a unit).
// What the passes look at is in function bodies and initialisers of the
// project's code, so this base skips
//   - declarations in system headers (their code fills no project field,
//     starts no project task; ThreadMembers and ContextIndex already did),
//   - function declarations without a body (their parameters and types),
//   - typedefs.
// A pass derives from it as from RecursiveASTVisitor (CRTP) and still
// calls Base::TraverseDecl when it overrides TraverseDecl.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_UNITVISITOR_H
#define TASKLEAK_ENGINE_UNITVISITOR_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace taskleak {

template <typename Derived>
class UnitVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  bool TraverseDecl(clang::Decl *D) {
    if (!D || skipped(D))
      return true;
    return Base::TraverseDecl(D);
  }

private:
  static bool skipped(const clang::Decl *D) {
    if (llvm::isa<clang::TranslationUnitDecl>(D))
      return false;
    if (llvm::isa<clang::TypedefNameDecl>(D))
      return true;
    if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
      if (!FD->doesThisDeclarationHaveABody() && !FD->isDefaulted())
        return true;
    clang::SourceLocation Loc = D->getLocation();
    return Loc.isValid() &&
           D->getASTContext().getSourceManager().isInSystemHeader(Loc);
  }
};

} // namespace taskleak

#endif
