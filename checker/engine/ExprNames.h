//===- ExprNames.h - what an expression names ------------------*- C++ -*-===//
//
// The pre-passes and summaries of every family read the same few shapes
// off the AST: the field a handle is stored in (`&s->tid`,
// `&s->workers[i]`, `s->workers + i`), the function an argument names
// (`worker`, `&worker`), the record a pointer points to, the lambda an
// argument spells.  They are read here, once.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_EXPRNAMES_H
#define TASKLEAK_ENGINE_EXPRNAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace taskleak {

/// Every call in \p S, in source order (a call before the calls in its
/// arguments); nothing for a null \p S.
void callsIn(const clang::Stmt *S,
             llvm::SmallVectorImpl<const clang::CallExpr *> &Out);

/// Whether \p S, or a statement inside it, satisfies \p Pred.
bool anyWithin(const clang::Stmt *S,
               llvm::function_ref<bool(const clang::Stmt *)> Pred);
/// Whether \p S mentions \p D (a DeclRefExpr to it anywhere inside).
bool mentionsDecl(const clang::Stmt *S, const clang::Decl *D);
/// Whether \p S mentions field \p F.
bool mentionsField(const clang::Stmt *S, const clang::FieldDecl *F);

/// The argument a model row names by \p Index (TL_NO_ARG: none), or null
/// when \p CE has no such argument.
const clang::Expr *argAt(const clang::CallExpr *CE, int Index);

/// \p E without the wrappers a construction or a temporary comes in
/// (parentheses, implicit casts, materialized and bound temporaries,
/// cleanups, functional casts, copy and move constructions).
const clang::Expr *withoutTemporaries(const clang::Expr *E);

/// \p E without parentheses, implicit casts and one leading `&`.
const clang::Expr *withoutAddrOf(const clang::Expr *E);

/// `&p->tid`, `p->threads[i]`, `p->threads + i`, `s.tid`: the member
/// expression a handle argument names (implicit casts looked through).
const clang::MemberExpr *handleMember(const clang::Expr *E);

/// The field of handleMember, or null.
const clang::FieldDecl *handleField(const clang::Expr *E);

/// `&s->tid`, `s->id`, `(uv_handle_t *)&c->timer`: the field named,
/// looking through explicit casts too (no pointer arithmetic).
const clang::FieldDecl *castFieldOf(const clang::Expr *E);

/// `worker`, `&worker`, `(void *(*)(void *))worker`: the function named.
const clang::FunctionDecl *calleeOf(const clang::Expr *E);

/// `worker`, `(void *(*)(void *))worker`: the function named, not through
/// `&` (a function pointer stored or installed by value).
const clang::FunctionDecl *functionOf(const clang::Expr *E);

/// std::thread or std::jthread (in any namespace inside std).
bool isStdThreadClass(const clang::CXXRecordDecl *RD);

/// The definition of the record \p T points to, if it is a pointer to one.
const clang::RecordDecl *pointeeRecord(clang::QualType T);

/// The lambda an argument spells, directly or through a local variable
/// initialised with one (`auto fn = [&] {...}; std::thread t(fn);`).
const clang::LambdaExpr *lambdaOf(const clang::Expr *E);

/// The condition (null: none) and the body of a while, do or for loop;
/// both null for any other statement.
struct LoopParts {
  const clang::Expr *Cond = nullptr;
  const clang::Stmt *Body = nullptr;
};
LoopParts loopParts(const clang::Stmt *Loop);
inline const clang::Expr *loopCond(const clang::Stmt *Loop) {
  return loopParts(Loop).Cond;
}
inline const clang::Stmt *loopBody(const clang::Stmt *Loop) {
  return loopParts(Loop).Body;
}

/// Calls \p Fn(VD, VD->getInit()) for each variable \p DS declares.
template <typename Fn> void forEachVar(const clang::DeclStmt *DS, Fn F) {
  for (const clang::Decl *D : DS->decls())
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D))
      F(VD, VD->getInit());
}

} // namespace taskleak

#endif
