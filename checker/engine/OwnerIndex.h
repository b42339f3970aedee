//===- OwnerIndex.h - which objects own tasks, and who ends them -*- C++ -*-===//
//
// Level 3 of the spec, the owner-object protocol (Coverity's CTOR_DTOR_LEAK
// idea, done path-sensitively).  A pre-pass over the translation unit finds
//
//  - owner fields: struct / class fields that receive a task handle from a
//    modelled spawn (`pthread_create(&s->tid, ...)`, `a->io =
//    g_thread_new(...)`), with the function that acquired it and the task's
//    entry function;
//  - owner-ending functions: C++ destructors of an owner type, and functions
//    that free an owner passed to them (`free(s)` with s a parameter).
//
// The lifetime checker then analyses each owner-ending function with the
// owner's handles assumed live, and reports a path that ends the owner
// without joining or detaching them.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_OWNERINDEX_H
#define TASKLEAK_ENGINE_OWNERINDEX_H

#include "OwnedField.h"
#include "ReleaseGraph.h"
#include "model.h"
#include "model_project.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
class RecordDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;

/// A field that holds a task handle: its Model is the spawn that fills it,
/// Runs the task's entry.
struct OwnerField : OwnedField {
  /// Filled in another unit (the project model's row), or null.
  const tl_owner_row *Project = nullptr;
};

class OwnerIndex {
public:
  /// Runs the pre-pass over the whole translation unit.
  OwnerIndex(clang::ASTContext &Ctx, const ModelIndex &Models);

  /// The handle fields of \p RD (empty when it owns no task).
  llvm::ArrayRef<OwnerField> fieldsOf(const clang::RecordDecl *RD) const;

  /// Parameters of \p FD (by index) that the function frees; -1 stands for
  /// `this` in a destructor of an owner type.
  llvm::ArrayRef<int> endedOwners(const clang::FunctionDecl *FD) const;

  /// Does \p FD, or a function it calls in this translation unit, join or
  /// detach field \p F somewhere?  (A path of FD that skips the release
  /// because of the owner's own flag is then the owner saying "not started".)
  bool mayRelease(const clang::FunctionDecl *FD, const clang::FieldDecl *F) const;

  /// Should \p Ender be analysed with field \p OF assumed to hold a live,
  /// joinable task?  Not when the function that started it also joins or
  /// detaches it (thread_init: create, then detach), nor when the release
  /// lives in another function of the API that \p Ender does not call
  /// (server_stop joins, server_free only frees: calling them in order is
  /// the caller's business, which one translation unit cannot judge).  A C++
  /// destructor gets no such excuse.
  bool assumeLive(const clang::FunctionDecl *Ender, const OwnerField &OF) const;

private:
  llvm::SmallPtrSet<const clang::FieldDecl *, 8> ReleasedSomewhere;
  ReleaseGraph Releases;
  llvm::DenseMap<const clang::RecordDecl *, llvm::SmallVector<OwnerField, 2>> Fields;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<int, 1>> Enders;
};

} // namespace taskleak

#endif
