//===- ContextIndex.h - what the translation unit does with handles -*- C++ -*-===//
//
// One pass over the translation unit's own code (system headers skipped)
// before the context rules look at a function:
//
//   - the fields of a handle type that operations read (a
//     `p->cancellable` handed to a `GCancellable *` parameter): a holder
//     that never fills such a field leaves those operations uncancellable;
//   - the tasks whose body ends on its stop token (a std::jthread built from
//     a callable taking a std::stop_token it uses), by the variable, field
//     or container that holds them;
//   - the cancellation handlers connected with a struct as their data, and
//     the field the connection id goes to;
//   - per function: the subjects it requests a stop on, whether it
//     disconnects or removes a source, and the handle fields it writes (so
//     a helper that does it counts for its caller).
//
// A "subject" is the declaration an expression names: a variable, a field
// (`s->worker` and `this->worker` alike), the container a range-for's
// element comes from, the object a get_stop_source() was asked of, and
// through a variable a macro declares for itself, what it was initialised
// from (g_clear_object(&c) releases `_ptr`, which is `*(&c)`).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_CONTEXT_CONTEXTINDEX_H
#define TASKLEAK_CONTEXT_CONTEXTINDEX_H

#include "ContextModels.h"
#include "ExprNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

namespace taskleak {

/// A task whose body ends when its stop is requested.
struct StoppableTask {
  const clang::Expr *Spawn;            ///< the construction (or emplace)
  const clang::FunctionDecl *Entry;    ///< its body (a lambda's operator())
  const clang::VarDecl *Token;         ///< the token it reads (a parameter
                                       ///< or a lambda's capture)
  const clang::FunctionDecl *StartedIn;
  /// Whose stop ends it when that is not the task's own (a std::thread
  /// given `source.get_token()`: the source); null for a jthread's token.
  const clang::ValueDecl *StopBy = nullptr;
};

/// A cancellation handler connected with a struct as its data.
struct Connection {
  const clang::Expr *Call;
  const clang::RecordDecl *Data; ///< the struct the handler's data points to
  const clang::FieldDecl *IdField; ///< where the connection id is kept
  const clang::FunctionDecl *In;
};

/// What one function does, for its callers.
struct FunctionEffects {
  llvm::SmallPtrSet<const clang::ValueDecl *, 2> Stops; ///< cancel on these
  llvm::SmallPtrSet<const clang::FieldDecl *, 2> WritesHandleFields;
  bool Disconnects = false;
  bool RemovesSource = false;
};

class ContextIndex {
public:
  /// The index of this translation unit, built on first use.
  static const ContextIndex &get(clang::ASTContext &Ctx,
                                 const ContextModels &Models);

  const ContextModels &models() const { return Models; }

  /// The declaration \p E names, as described above; null if none.
  const clang::ValueDecl *subjectOf(const clang::Expr *E) const;

  const clang::MemberExpr *readOfField(const clang::FieldDecl *F) const {
    auto It = FieldReads.find(F);
    return It == FieldReads.end() ? nullptr : It->second;
  }
  const StoppableTask *taskOf(const clang::ValueDecl *Subject) const {
    auto It = Tasks.find(Subject);
    return It == Tasks.end() ? nullptr : &It->second;
  }
  const Connection *connectionFor(const clang::RecordDecl *RD) const;
  const FunctionEffects *effectsOf(const clang::FunctionDecl *FD) const;
  /// Whether the unit fills \p F with a handle it creates itself
  /// (`d->cancellable = g_cancellable_new ()`): the struct's own handle,
  /// not one a holder is meant to store there.
  bool ownsHandle(const clang::FieldDecl *F) const { return OwnHandleFields.count(F); }
  /// Whether the unit connects any cancellation handler (a stop_callback
  /// may be what wakes a wait that cannot see the token).
  bool connectsAny() const { return ConnectsAny; }

  /// The function a callable argument names: a lambda's call operator, a
  /// function, `&function`; null otherwise.
  static const clang::FunctionDecl *callableOf(const clang::Expr *E);

private:
  explicit ContextIndex(const ContextModels &Models) : Models(Models) {}
  friend class ContextIndexBuilder;

  const ContextModels &Models;
  llvm::DenseMap<const clang::FieldDecl *, const clang::MemberExpr *> FieldReads;
  llvm::DenseMap<const clang::ValueDecl *, StoppableTask> Tasks;
  std::vector<Connection> Connections;
  llvm::DenseMap<const clang::FunctionDecl *, FunctionEffects> Effects;
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> RangeOf;
  llvm::SmallPtrSet<const clang::FieldDecl *, 4> OwnHandleFields;
  bool ConnectsAny = false;
};

} // namespace taskleak

#endif
