//===- ThreadMembers.h - where a TU starts and ends its thread members -*- C++ -*-===//
//
// One pass over the translation unit's AST (no path analysis) that records,
// for every field holding std::thread objects (a std::thread, an array of
// them, a standard container or unique_ptr of them):
//   - where a method of its class starts a thread into it (constructor
//     initialiser, `f = std::thread(...)`, `f.emplace_back(...)`, ...),
//   - which functions join or detach it (directly, through an element of a
//     container: a range-for variable, `f[i]`, `f[i]->`, std::for_each),
// and, per function, the methods of the same object it calls, so that a
// destructor calling `stop()` counts as joining what `stop()` joins.
//
// ClassLifetime.cpp judges each class from this index: the analyzer never
// sees a body for an implicit or defaulted destructor.
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
  /// Starts made by a method (or constructor) of the field's own class.
  llvm::DenseMap<const clang::FieldDecl *, llvm::SmallVector<FieldUse, 2>> Starts;
  /// Every join or detach of the field (or of an element of it).
  llvm::DenseMap<const clang::FieldDecl *, llvm::SmallVector<FieldUse, 2>> Ends;
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

#endif
