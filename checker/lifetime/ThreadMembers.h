//===- ThreadMembers.h - where a TU starts and ends its thread members -*- C++ -*-===//
//
// One pass over the translation unit's AST (no path analysis) that records,
// for every field and every local variable holding std::thread objects (a
// std::thread, an array of them, a standard container or unique_ptr of
// them):
//   - where a method of its class starts a thread into it (constructor
//     initialiser, `f = std::thread(...)`, `f.emplace_back(...)`, ...),
//   - which functions join or detach it (directly, through an element of a
//     container: a range-for variable, `f[i]`, `f[i]->`, std::for_each),
// and, per function, the methods of the same object it calls, so that a
// destructor calling `stop()` counts as joining what `stop()` joins.
//
// ClassLifetime.cpp judges each class from this index: the analyzer never
// sees a body for an implicit or defaulted destructor.  LocalContainers.cpp
// judges local containers of threads, which the path analysis drops.  For
// locals the index also records where they escape (moved, passed to a
// call, returned, captured) and where they are cleared.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_THREADMEMBERS_H
#define TASKLEAK_LIFETIME_THREADMEMBERS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class TranslationUnitDecl;
class CXXRecordDecl;
} // namespace clang

namespace taskleak {

/// How a field holds threads.
enum class ThreadHolding { None, Direct, Elements };

/// std::thread itself (not jthread: its destructor joins), an array of it,
/// or a standard container / unique_ptr whose element holds one.
ThreadHolding holdsThreads(clang::QualType T);

struct FieldUse {
  const clang::Stmt *Where;
  const clang::FunctionDecl *In;
  bool Detach;
};

struct ThreadMemberIndex {
  using Uses = llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<FieldUse, 2>>;
  /// Starts into a local, or into a field by a method (or constructor) of
  /// the field's own class.
  Uses Starts;
  /// Every join or detach of the holder (or of an element of it).
  Uses Ends;
  /// Locals only: where they escape, and where clear() empties them.
  Uses Escapes, Clears;
  /// The scope statement of every block-scope local (a compound statement,
  /// or the for / while / if / switch whose condition or init declares it).
  llvm::DenseMap<const clang::VarDecl *, const clang::Stmt *> VarScopes;
  /// A local captured by reference by a lambda that runs on a started
  /// thread (CaptureScopes.cpp).
  struct RefCapture {
    const clang::ValueDecl *Holder;
    const clang::Stmt *Start;
    const clang::VarDecl *Captured;
    const clang::FunctionDecl *In;
  };
  llvm::SmallVector<RefCapture, 4> RefCaptures;
  /// Every return and throw outside lambdas, in source order.
  llvm::SmallVector<FieldUse, 16> Exits;
  /// Locals only: the block that ends their scope.
  llvm::DenseMap<const clang::VarDecl *, const clang::CompoundStmt *> Scopes;
  /// Methods called on `this` by each function (canonical decls).
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 4>>
      Calls;
  /// Functions that hand `this` to code we cannot see, or call a method of
  /// their own object with no body in this TU: anything may happen there.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 8> Opaque;

  void build(clang::ASTContext &Ctx);
};

} // namespace taskleak

namespace clang {
namespace ento {
class BugReporter;
class BugType;
} // namespace ento
} // namespace clang

namespace taskleak {
/// LocalContainers.cpp: TL103 for local containers of threads.
void reportLocalContainers(const ThreadMemberIndex &Index,
                           const clang::ento::BugType &BT,
                           clang::ento::BugReporter &BR);
} // namespace taskleak

#endif
