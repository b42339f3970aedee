//===- ContextModels.h - cancellation roles, looked up by call --*- C++ -*-===//
//
// The context family's view of the API models (rules/models/cancel.json):
// C functions by name, C++ members and constructors by their qualified
// name without template arguments or inline namespaces
// ("std::condition_variable_any::wait"), and the cancellation handle types
// (role cancel_type).  A function accepts a handle when one of its declared
// parameters has such a type: that is read from the declaration, so every
// GIO call with a `GCancellable *` parameter counts without being listed.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_CONTEXT_CONTEXTMODELS_H
#define TASKLEAK_CONTEXT_CONTEXTMODELS_H

#include "ModelIndex.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <string>

namespace taskleak {

class ContextModels {
public:
  explicit ContextModels(const ModelIndex &Index) : Index(Index) {}

  /// The model of what \p Call calls (a CallExpr, a member call or a
  /// CXXConstructExpr), or null.
  const tl_fn_model *lookup(const clang::Expr *Call) const;
  const tl_fn_model *lookup(const clang::FunctionDecl *FD) const;
  /// Whether \p Call's model has role \p Role.
  bool is(const clang::Expr *Call, tl_role Role) const;

  /// Whether \p M acts on a handle itself (cancel, poll, connect, release...)
  /// rather than being an operation that accepts one.
  static bool actsOnHandle(const tl_fn_model *M);

  /// A cancellation handle type (`GCancellable *`, `std::stop_token`,
  /// `const std::stop_token &`).
  bool isHandleType(clang::QualType T) const;
  /// The index of \p FD's first parameter of a handle type, or -1.
  int handleParam(const clang::FunctionDecl *FD) const;

  /// The callee of a CallExpr / member call / construction, or null.
  static const clang::FunctionDecl *callee(const clang::Expr *Call);
  /// Its arguments (a member call's object is not one of them).
  static llvm::ArrayRef<const clang::Expr *> args(const clang::Expr *Call);
  /// The object a member call acts on, or null.
  static const clang::Expr *object(const clang::Expr *Call);
  /// The expression the model names as the handle: argument "handle", or
  /// the object of a member that acts on its own object.
  static const clang::Expr *handleExpr(const clang::Expr *Call,
                                       const tl_fn_model &M);
  /// "std::jthread::join", "g_task_new".
  static std::string qualifiedName(const clang::FunctionDecl *FD);

private:
  bool isHandleName(llvm::StringRef Name) const;
  const ModelIndex &Index;
};

} // namespace taskleak

#endif
