//===- StarterFlags.cpp - the owner's own "started" flags ------------------===//

#include "StarterFlags.h"

#include "OwnerIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace taskleak {
namespace {

/// Finds an assignment (plain, compound, ++ or --) to a member named by
/// \p Flag anywhere in a body.
class FlagWriteFinder : public RecursiveASTVisitor<FlagWriteFinder> {
public:
  explicit FlagWriteFinder(const FieldDecl *Flag) : Flag(Flag) {}
  bool Found = false;

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      note(BO->getLHS());
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp())
      note(UO->getSubExpr());
    return !Found;
  }

private:
  const FieldDecl *Flag;
  void note(const Expr *E) {
    const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
    Found |= ME && ME->getMemberDecl() == Flag;
  }
};

} // namespace

static bool writesIn(const FunctionDecl *FD, const FieldDecl *Flag) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return false;
  FlagWriteFinder F(Flag);
  F.TraverseStmt(Def->getBody());
  return F.Found;
}

/// A C++ class's own state: a member it initialises itself (an in-class
/// initializer, a constructor's initializer list or body), as
/// `bool started_ = false` beside a thread member.
static bool classInitialises(const FieldDecl *Flag) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Flag->getParent());
  if (!RD || Flag->hasInClassInitializer())
    return RD != nullptr;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def))
      continue;
    for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits())
      if (Init->isWritten() && Init->getMember() == Flag)
        return true;
    if (writesIn(Def, Flag))
      return true;
  }
  return false;
}

bool starterWritesFlag(const OwnerField &OF, const FieldDecl *Flag) {
  if (classInitialises(Flag))
    return true;
  if (OF.AcquiredIn && OF.AcquiredIn->hasBody())
    return writesIn(OF.AcquiredIn, Flag);
  if (!OF.Project || !Flag->getIdentifier())
    return false;
  for (size_t K = 0; K < OF.Project->nflags; ++K)
    if (Flag->getName() == OF.Project->flags[K])
      return true;
  return false;
}

} // namespace taskleak
