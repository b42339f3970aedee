//===- AtomicFlags.cpp - std::atomic stop flags, read and written ---------===//
//
// Implements AtomicFlags.h.  Names are std::atomic's members, from its
// declaration in <atomic>: no project code is recognised by name.
//
//===----------------------------------------------------------------------===//

#include "AtomicFlags.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace ento;

namespace taskleak {

/// std::atomic, or the base its integer specialisations inherit their
/// members from (`__atomic_base` in libstdc++ and libc++).
static bool isStdAtomic(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "atomic" || RD->getName() == "__atomic_base");
}

QualType atomicFlagType(QualType T) {
  if (T.isNull())
    return QualType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !isStdAtomic(Spec) || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  QualType V = Spec->getTemplateArgs()[0].getAsType();
  return V->isIntegralOrEnumerationType() ? V : QualType();
}

/// A member of std::atomic called on an atomic flag: the method, and the
/// object it is called on.
static const CXXMethodDecl *atomicMember(const Expr *E, const Expr *&Object) {
  E = E->IgnoreParenImpCasts();
  const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(
      MCE ? MCE->getMethodDecl() : OCE ? OCE->getDirectCallee() : nullptr);
  if (!MD || !isStdAtomic(MD->getParent()))
    return nullptr;
  Object = MCE ? MCE->getImplicitObjectArgument()
               : OCE->getNumArgs() > 0 ? OCE->getArg(0) : nullptr;
  if (!Object || atomicFlagType(Object->getType()).isNull())
    return nullptr;
  Object = Object->IgnoreParenImpCasts();
  return MD;
}

const Expr *atomicFlagRead(const Expr *E) {
  const Expr *Object = nullptr;
  const CXXMethodDecl *MD = atomicMember(E, Object);
  if (!MD)
    return nullptr;
  if (isa<CXXConversionDecl>(MD))
    return Object;
  return MD->getIdentifier() && MD->getName() == "load" ? Object : nullptr;
}

/// How a member writes: with its first argument (store), or with a value
/// made from it (fetch_or), or not at all.
enum class WriteKind { None, Value, Unknown };

static WriteKind writeKind(const CXXMethodDecl *MD) {
  if (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator())
    return WriteKind::None; // deleted for atomics
  if (MD->getOverloadedOperator() == OO_Equal)
    return WriteKind::Value;
  if (MD->getOverloadedOperator() != OO_None)
    return MD->getOverloadedOperator() == OO_Call ? WriteKind::None
                                                  : WriteKind::Unknown;
  if (!MD->getIdentifier())
    return WriteKind::None;
  return llvm::StringSwitch<WriteKind>(MD->getName())
      .Cases("store", "exchange", WriteKind::Value)
      .StartsWith("fetch_", WriteKind::Unknown)
      .StartsWith("compare_exchange", WriteKind::Unknown)
      .Default(WriteKind::None);
}

const Expr *atomicFlagWrite(const Expr *E, const Expr *&Value) {
  const Expr *Object = nullptr;
  const CXXMethodDecl *MD = atomicMember(E, Object);
  if (!MD)
    return nullptr;
  WriteKind K = writeKind(MD);
  if (K == WriteKind::None)
    return nullptr;
  Value = nullptr;
  E = E->IgnoreParenImpCasts();
  if (K == WriteKind::Value) {
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
      Value = MCE->getNumArgs() > 0 ? MCE->getArg(0) : nullptr;
    else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E))
      Value = OCE->getNumArgs() > 1 ? OCE->getArg(1) : nullptr;
  }
  return Object;
}

const MemRegion *atomicFlagWritten(const CallEvent &Call, SVal &Value) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  if (!MD || !isStdAtomic(MD->getParent()))
    return nullptr;
  const MemRegion *Object = nullptr;
  WriteKind K = WriteKind::None;
  if (const auto *CC = dyn_cast<CXXConstructorCall>(&Call)) {
    const auto *Ctor = cast<CXXConstructorDecl>(MD);
    if (!Ctor->isCopyOrMoveConstructor() && Call.getNumArgs() == 1)
      K = WriteKind::Value;
    Object = CC->getCXXThisVal().getAsRegion();
  } else if (const auto *IC = dyn_cast<CXXInstanceCall>(&Call)) {
    K = writeKind(MD);
    Object = IC->getCXXThisVal().getAsRegion();
  }
  if (K == WriteKind::None || !Object ||
      atomicFlagType(QualType(MD->getParent()->getTypeForDecl(), 0)).isNull())
    return nullptr;
  Value = K == WriteKind::Value && Call.getNumArgs() > 0 ? Call.getArgSVal(0)
                                                         : UnknownVal();
  return Object->StripCasts(/*StripBaseAndDerivedCasts=*/true);
}

bool atomicDefaultValue(const FieldDecl *FD, llvm::APSInt &Value) {
  if (!FD || atomicFlagType(FD->getType()).isNull() ||
      !FD->getInClassInitializer())
    return false;
  // `{false}` and `= false` both construct the atomic from the value.
  const Expr *E = FD->getInClassInitializer()->IgnoreImplicit();
  if (const auto *ILE = dyn_cast<InitListExpr>(E))
    E = ILE->getNumInits() == 1 ? ILE->getInit(0)->IgnoreImplicit() : nullptr;
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E))
    E = CE->getNumArgs() == 1 ? CE->getArg(0) : nullptr;
  Expr::EvalResult R;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, FD->getASTContext()))
    return false;
  Value = R.Val.getInt();
  return true;
}

} // namespace taskleak
