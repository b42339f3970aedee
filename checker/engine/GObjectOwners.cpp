//===- GObjectOwners.cpp - GObject dispose and finalize as enders ---------===//

#include "GObjectOwners.h"
#include "Compat.h"
#include "ExprNames.h"
#include "FunctionScope.h"
#include "PerUnit.h"
#include "Registry.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

using namespace clang;
using namespace ento;

namespace taskleak {
namespace {

bool isGObjectClass(const RecordDecl *RD) {
  return RD && RD->getName() == "_GObjectClass";
}

/// `FOO (object)`: g_type_check_instance_cast ((GTypeInstance *) object, ...)
/// or the plain cast G_DISABLE_CAST_CHECKS leaves.
const Expr *castSource(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (Callee->getName() == "g_type_check_instance_cast" && CE->getNumArgs() > 0)
        return CE->getArg(0)->IgnoreParenCasts();
  return E;
}

/// The instance struct \p FD casts its parameter 0 to (`Foo *self = FOO (o)`).
const RecordDecl *castInstance(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->getNumParams() == 0)
    return nullptr;
  const ParmVarDecl *Object = FD->getParamDecl(0);
  const auto *Body = dyn_cast<CompoundStmt>(FD->getBody());
  if (!Body)
    return nullptr;
  for (const Stmt *S : Body->body())
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit())
            if (const auto *DRE = dyn_cast<DeclRefExpr>(castSource(VD->getInit())))
              if (DRE->getDecl() == Object)
                if (const RecordDecl *RD = pointeeRecord(VD->getType()))
                  return RD;
  return nullptr;
}

class Scanner : public FunctionScopeVisitor<Scanner> {
public:
  struct Install {
    const FunctionDecl *ClassInit;
    const FunctionDecl *Fn;
    bool Dispose;
  };
  llvm::SmallVector<Install, 4> Installs;
  llvm::StringMap<const FunctionDecl *> Defined;

  void enterFunction(const FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && FD->getIdentifier())
      Defined[FD->getName()] = FD;
  }

  /// `G_OBJECT_CLASS (klass)->dispose = foo_dispose;`
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign || !Current)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenCasts());
    if (!ME || !isGObjectClass(dyn_cast<RecordDecl>(ME->getMemberDecl()->getDeclContext())))
      return true;
    llvm::StringRef Member = ME->getMemberDecl()->getName();
    if (Member != "dispose" && Member != "finalize")
      return true;
    if (const FunctionDecl *Fn = functionOf(BO->getRHS()))
      Installs.push_back({Current, Fn, Member == "dispose"});
    return true;
  }
};

/// The struct `foo_init` takes, for `foo_class_init`: G_DEFINE_TYPE's pair.
const RecordDecl *initInstance(const Scanner &S, const FunctionDecl *ClassInit) {
  llvm::StringRef Name = ClassInit->getName();
  if (!Name.consume_back("_class_init"))
    return nullptr;
  const FunctionDecl *Init = S.Defined.lookup((Name + "_init").str());
  if (!Init || Init->getNumParams() == 0)
    return nullptr;
  return pointeeRecord(Init->getParamDecl(0)->getType());
}

} // namespace

GObjectOwners::GObjectOwners(ASTContext &Ctx) {
  Scanner S;
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const Scanner::Install &I : S.Installs) {
    const FunctionDecl *Def = I.Fn->getDefinition();
    if (!Def)
      continue;
    const RecordDecl *Instance = initInstance(S, I.ClassInit);
    if (!Instance)
      Instance = castInstance(Def);
    if (Instance)
      Enders.push_back({Def, Instance, I.Dispose});
  }
}

const GObjectEnder *GObjectOwners::enderOf(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  for (const GObjectEnder &E : Enders)
    if (E.Fn->getCanonicalDecl() == FD->getCanonicalDecl())
      return &E;
  return nullptr;
}

bool GObjectOwners::endsLast(const FunctionDecl *FD) const {
  const GObjectEnder *E = enderOf(FD);
  if (!E || !E->Dispose)
    return E != nullptr;
  return llvm::none_of(Enders, [E](const GObjectEnder &O) {
    return !O.Dispose && O.Instance == E->Instance;
  });
}

const FunctionDecl *GObjectOwners::disposeBefore(const FunctionDecl *FD) const {
  const GObjectEnder *E = enderOf(FD);
  if (!E || E->Dispose)
    return nullptr;
  for (const GObjectEnder &O : Enders)
    if (O.Dispose && O.Instance == E->Instance)
      return O.Fn;
  return nullptr;
}

const GObjectOwners &gobjectOwners(ASTContext &Ctx) {
  return perUnit<GObjectOwners>(Ctx);
}

const MemRegion *gobjectEnded(ProgramStateRef State, CheckerContext &C) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!C.inTopFrame() || !FD || FD->getNumParams() == 0 ||
      !gobjectOwners(C.getASTContext()).endsLast(FD))
    return nullptr;
  return State->getSVal(State->getRegion(FD->getParamDecl(0), C.getLocationContext()))
      .getAsRegion();
}

bool isChainUp(const CallEvent &Call) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  const auto *ME = CE ? dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenCasts()) : nullptr;
  if (!ME)
    return false;
  // The class pointer is G_DEFINE_TYPE's `foo_parent_class` (a global).
  const Expr *Base = ME->getBase()->IgnoreParenCasts();
  if (const auto *Cast = dyn_cast<CallExpr>(Base))
    if (Cast->getNumArgs() > 0)
      Base = Cast->getArg(0)->IgnoreParenCasts(); // g_type_check_class_cast
  const auto *DRE = dyn_cast<DeclRefExpr>(Base);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasGlobalStorage() && endsWith(VD->getName(), "parent_class");
}

} // namespace taskleak

//===----------------------------------------------------------------------===//
// GObjectCastModeling: FOO (object) is object.
//===----------------------------------------------------------------------===//

namespace {

class GObjectCastModeling : public Checker<eval::Call> {
public:
  bool evalCall(const CallEvent &Call, CheckerContext &C) const {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
    if (!FD || !FD->getIdentifier() || Call.getNumArgs() < 1 ||
        FD->getName() != "g_type_check_instance_cast")
      return false;
    const Expr *E = Call.getOriginExpr();
    if (!E)
      return false;
    C.addTransition(C.getState()->BindExpr(E, C.getLocationContext(),
                                           Call.getArgSVal(0)));
    return true;
  }
};

void registerGObjectCastModeling(CheckerManager &Mgr) {
  Mgr.registerChecker<GObjectCastModeling>();
}

taskleak::RegisterChecker GObjectCast{taskleak::GObjectCastModelingName,
                                      registerGObjectCastModeling};

} // namespace
