//===- ContextModels.cpp - cancellation roles, looked up by call ----------===//
//
// Implements ContextModels.h: the cancellation roles of the model, looked up
// by call expression and by type (a GCancellable or std::stop_token
// parameter accepts a handle).  No state.
//
//===----------------------------------------------------------------------===//

#include "ContextModels.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace taskleak {

std::string ContextModels::qualifiedName(const FunctionDecl *FD) {
  std::string Name = FD->getNameAsString();
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getName().str() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      // The template's name, without its arguments: stop_callback<F>.
      Name = RD->getName().str() + "::" + Name;
    } else if (!isa<LinkageSpecDecl>(DC)) {
      break;
    }
  }
  return Name;
}

const FunctionDecl *ContextModels::callee(const Expr *Call) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(Call))
    return CE->getDirectCallee();
  if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(Call))
    return CC->getConstructor();
  return nullptr;
}

llvm::ArrayRef<const Expr *> ContextModels::args(const Expr *Call) {
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
    return llvm::ArrayRef<const Expr *>(OC->getArgs(), OC->getNumArgs());
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    return llvm::ArrayRef<const Expr *>(CE->getArgs(), CE->getNumArgs());
  if (const auto *CC = dyn_cast<CXXConstructExpr>(Call))
    return llvm::ArrayRef<const Expr *>(CC->getArgs(), CC->getNumArgs());
  return {};
}

const Expr *ContextModels::object(const Expr *Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  return nullptr;
}

const Expr *ContextModels::handleExpr(const Expr *Call, const tl_fn_model &M) {
  if (M.on_object)
    return object(Call);
  llvm::ArrayRef<const Expr *> A = args(Call);
  if (M.handle_arg < 0 || static_cast<size_t>(M.handle_arg) >= A.size())
    return nullptr;
  return A[M.handle_arg];
}

const tl_fn_model *ContextModels::lookup(const FunctionDecl *FD) const {
  if (!FD || (!FD->getDeclName().isIdentifier() && !isa<CXXConstructorDecl>(FD) &&
              !isa<CXXDestructorDecl>(FD)))
    return nullptr;
  if (const tl_fn_model *M = Index.lookup(FD))
    return M;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (DC->isTranslationUnit() || DC->isExternCContext())
    return nullptr; // a C function not in the models
  const tl_fn_model *M = Index.lookupName(qualifiedName(FD));
  return M && M->role != TL_ROLE_CANCEL_TYPE ? M : nullptr;
}

const tl_fn_model *ContextModels::lookup(const Expr *Call) const {
  return lookup(callee(Call));
}

bool ContextModels::is(const Expr *Call, tl_role Role) const {
  const tl_fn_model *M = lookup(Call);
  return M && M->role == Role;
}

bool ContextModels::actsOnHandle(const tl_fn_model *M) {
  return withRole(M, {TL_ROLE_CANCEL, TL_ROLE_CANCEL_CHECK, TL_ROLE_CANCEL_GET,
                      TL_ROLE_CANCEL_RELEASE, TL_ROLE_CANCEL_CONNECT,
                      TL_ROLE_CANCEL_DISCONNECT, TL_ROLE_CANCEL_MAKE}) != nullptr;
}

bool ContextModels::isHandleName(StringRef Name) const {
  const tl_fn_model *M = Index.lookupName(Name);
  return M && M->role == TL_ROLE_CANCEL_TYPE;
}

bool ContextModels::isHandleType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  T = T.getUnqualifiedType();
  // The typedef name first (GCancellable is a typedef of struct _GCancellable).
  for (QualType Cur = T; !Cur.isNull();) {
    if (const auto *TT = Cur->getAs<TypedefType>()) {
      if (isHandleName(TT->getDecl()->getName()))
        return true;
      Cur = TT->getDecl()->getUnderlyingType();
      continue;
    }
    break;
  }
  const auto *RD = T.getCanonicalType()->getAsRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  std::string Name = RD->getName().str();
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Name = NS->getName().str() + "::" + Name;
    } else if (!DC->isTranslationUnit() && !isa<LinkageSpecDecl>(DC)) {
      return false; // a nested class is not the library's
    }
  return isHandleName(Name);
}

int ContextModels::handleParam(const FunctionDecl *FD) const {
  if (!FD)
    return -1;
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    if (isHandleType(FD->getParamDecl(I)->getType()))
      return static_cast<int>(I);
  return -1;
}

} // namespace taskleak
