//===- ThrowingCalls.cpp - calls whose throw a caller can see -------------===//
//
// Implements ThrowingCalls.h.
//
//===----------------------------------------------------------------------===//

#include "ThrowingCalls.h"
#include "ExprNames.h"
#include "ModelIndex.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"

using namespace clang;
using namespace ento;

namespace taskleak {

/// The name a model row gives \p FD: qualified by its namespaces (inline
/// ones skipped, as clang prints them) and classes; "" for a local class
/// or a lambda, which no model names.
static std::string modelName(const FunctionDecl *FD) {
  std::string Name = FD->getNameAsString();
  if (const auto *Op = dyn_cast<CXXMethodDecl>(FD))
    if (Op->getOverloadedOperator() != OO_None)
      Name = FD->getDeclName().getAsString();
  for (const DeclContext *DC = FD->getDeclContext(); DC && !DC->isTranslationUnit();
       DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline())
        continue;
      Name = NS->getNameAsString() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Name = RD->getNameAsString() + "::" + Name;
    } else if (!isa<LinkageSpecDecl>(DC)) {
      return "";
    }
  }
  return Name;
}

/// The first `throw x` in \p S that no try block inside \p S catches;
/// calls are followed to \p Depth more levels.  A rethrow (`throw;`) only
/// passes on what a handler caught.
static const CXXThrowExpr *uncaughtThrow(const Stmt *S, unsigned Depth,
                                         const SourceManager &SM) {
  if (!S || isa<CXXTryStmt>(S) || isa<LambdaExpr>(S))
    return nullptr;
  if (const auto *TE = dyn_cast<CXXThrowExpr>(S))
    if (TE->getSubExpr())
      return TE;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = CE->getDirectCallee()) {
      const FunctionDecl *Def = nullptr;
      const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
      if (Depth > 0 && FD->hasBody(Def) && !(FPT && FPT->isNothrow()) &&
          !SM.isInSystemHeader(Def->getLocation()))
        if (const CXXThrowExpr *TE = uncaughtThrow(Def->getBody(), Depth - 1, SM))
          return TE;
    }
  for (const Stmt *Child : S->children())
    if (const CXXThrowExpr *TE = uncaughtThrow(Child, Depth, SM))
      return TE;
  return nullptr;
}

/// Does \p S call join() or detach()?
static bool joinsOrDetaches(const Stmt *S) {
  return anyWithin(S, [](const Stmt *X) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(X);
    const CXXMethodDecl *MD = MCE ? MCE->getMethodDecl() : nullptr;
    return MD && MD->getIdentifier() &&
           (MD->getName() == "join" || MD->getName() == "detach");
  });
}

bool guardedByRaii(const VarDecl *Thread, const Stmt *Body) {
  return Thread && anyWithin(Body, [Thread](const Stmt *S) {
           const auto *DS = dyn_cast<DeclStmt>(S);
           return DS && llvm::any_of(DS->decls(), [Thread](const Decl *D) {
                    const auto *VD = dyn_cast<VarDecl>(D);
                    const CXXRecordDecl *RD =
                        VD ? VD->getType()->getAsCXXRecordDecl() : nullptr;
                    const CXXDestructorDecl *DD =
                        RD ? RD->getDestructor() : nullptr;
                    const FunctionDecl *Def = nullptr;
                    return VD != Thread && DD && DD->hasBody(Def) &&
                           mentionsDecl(VD->getInit(), Thread) &&
                           joinsOrDetaches(Def->getBody());
                  });
         });
}

const ThrowFacts::Facts &ThrowFacts::of(const FunctionDecl *FD,
                                        const ModelIndex &Models) {
  auto Found = Known.find(FD);
  if (Found != Known.end())
    return Found->second;
  Facts F;
  std::string Name = modelName(FD);
  if (!Name.empty() && Models.isCallNamed(Name, TL_ROLE_THROWS))
    F.Documented = Name;
  const FunctionDecl *Def = nullptr;
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  F.BodyThrows = F.Documented.empty() && !SM.isInSystemHeader(FD->getLocation()) &&
                 FD->hasBody(Def) && !(FPT && FPT->isNothrow()) &&
                 !isa<CXXDestructorDecl>(FD) &&
                 uncaughtThrow(Def->getBody(), /*Depth=*/2, SM);
  return Known[FD] = std::move(F);
}

std::string visibleThrow(const CallEvent &Call, bool Inlined,
                         const ModelIndex &Models, ThrowFacts &Known) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  // C has no throw, and no model row of role throws names a C function.
  if (!FD || !FD->getASTContext().getLangOpts().CPlusPlus ||
      (!FD->getIdentifier() && !isa<CXXMethodDecl>(FD)))
    return "";
  const ThrowFacts::Facts &F = Known.of(FD, Models);
  if (!F.Documented.empty())
    return "'" + F.Documented + "' may throw";
  if (Inlined || !F.BodyThrows)
    return "";
  return "'" + FD->getNameAsString() + "' throws";
}

} // namespace taskleak
