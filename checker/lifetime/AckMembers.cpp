//===- AckMembers.cpp - acknowledgement flags that are members ------------===//
//
// Implements AckMembers.h.  AST only, no path state.
//
//===----------------------------------------------------------------------===//

#include "AckMembers.h"
#include "Compat.h"
#include "ExprNames.h"
#include "WriteWalk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace taskleak {
namespace {

bool isThisExpr(const Expr *E) {
  return E && isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

/// A member function of std::atomic (or of its libstdc++ bases).
bool isAtomicMember(const CXXMethodDecl *MD) {
  if (!MD || !MD->getParent()->isInStdNamespace() ||
      !MD->getParent()->getIdentifier())
    return false;
  StringRef Class = MD->getParent()->getName();
  return Class == "atomic" || startsWith(Class, "__atomic");
}

bool isAtomicRead(const CXXMethodDecl *MD) {
  return isAtomicMember(MD) &&
         (isa<CXXConversionDecl>(MD) ||
          (MD->getIdentifier() && MD->getName() == "load"));
}

/// The object of an atomic's member call or operator (`f.store(1)`,
/// `f = true`, `++f`), when the call writes it.
const Expr *atomicWritten(const CallExpr *CE) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee());
  if (!isAtomicMember(MD) || isAtomicRead(MD))
    return nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    return MC->getImplicitObjectArgument();
  if (isa<CXXOperatorCallExpr>(CE) && CE->getNumArgs() > 0)
    return CE->getArg(0);
  return nullptr;
}

} // namespace

const FieldDecl *thisMember(const Expr *E) {
  const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!ME || !isThisExpr(ME->getBase()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

const FieldDecl *thisMemberRead(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(MC->getDirectCallee());
    return isAtomicRead(MD) ? thisMember(MC->getImplicitObjectArgument()) : nullptr;
  }
  return thisMember(E);
}

namespace {
/// What \p FD writes on `this`, following calls on `this` from call depth
/// \p Depth (see walkWrites).
ThisWrites thisWritesFrom(const FunctionDecl *FD, unsigned Depth) {
  ThisWrites Out;
  auto Note = [&](const Expr *LHS) {
    if (const FieldDecl *F = thisMember(LHS))
      Out.Fields.insert(F);
  };
  // A call writes an atomic it stores to, and is followed when it is a
  // method called on `this`.
  walkWrites(FD, Out.Reached, Note,
             [&](const CallExpr *CE) -> const FunctionDecl * {
               if (const Expr *Obj = atomicWritten(CE))
                 Note(Obj);
               const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
               return MC && isThisExpr(MC->getImplicitObjectArgument())
                          ? MC->getDirectCallee()
                          : nullptr;
             },
             Depth);
  return Out;
}
} // namespace

ThisWrites thisFieldsWrittenBy(const FunctionDecl *Entry) {
  return thisWritesFrom(Entry, 0);
}

const FunctionDecl *threadEntryWithThis(const CXXConstructExpr *CE) {
  if (!CE || CE->getNumArgs() == 0)
    return nullptr;
  if (const LambdaExpr *L = lambdaOf(CE->getArg(0))) {
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesThis())
        return L->getCallOperator();
    return nullptr;
  }
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(calleeOf(CE->getArg(0)));
  if (!MD || !MD->isInstance() || CE->getNumArgs() < 2 || !isThisExpr(CE->getArg(1)))
    return nullptr;
  return MD;
}

void threadStartsIn(const Stmt *S, llvm::SmallVectorImpl<const CXXConstructExpr *> &Out) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (isStdThreadClass(Ctor->getParent()) && !Ctor->isCopyOrMoveConstructor() &&
        !Ctor->isDefaultConstructor())
      Out.push_back(CE);
  }
  for (const Stmt *Child : S->children())
    threadStartsIn(Child, Out);
}

bool writtenElsewhere(const FieldDecl *F,
                      const llvm::SmallPtrSetImpl<const FunctionDecl *> &Skip) {
  const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!RD)
    return true;
  for (const CXXMethodDecl *MD : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (isa<CXXConstructorDecl>(MD) || !MD->hasBody(Def) ||
        Skip.count(MD->getCanonicalDecl()))
      continue;
    // This method's own statements only (depth 3: no call followed).
    if (thisWritesFrom(Def, 3).Fields.count(F))
      return true;
  }
  return false;
}

} // namespace taskleak
