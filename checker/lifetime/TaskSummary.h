//===- TaskSummary.h - what a task's entry function does --------*- C++ -*-===//
//
// Level 2 of the spec (task summaries), as far as the lifetime rules need it,
// read from the entry function's AST (following calls into functions defined
// in the same translation unit for self-detach):
//
//  - does the entry detach itself (pthread_detach(pthread_self()))?
//  - what does it do with its argument: which fields of the pointed-to object
//    it writes, and whether the pointer escapes further (to a call, a global,
//    another object), after which anything may be written or freed.
//
// The owner's path uses the second to clobber only what the task can change,
// so a flag the owner set before the spawn keeps its value.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_TASKSUMMARY_H
#define TASKLEAK_LIFETIME_TASKSUMMARY_H

#include "EntryWalk.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;
struct OwnerField;

enum class EntryRelease {
  None,          ///< the entry leaves its handle to the owner
  SelfDetaching, ///< the entry detaches itself: the owner owes nothing
  Unseen         ///< no body in this translation unit: it might
};

EntryRelease summarizeEntry(const clang::FunctionDecl *Entry,
                            const ModelIndex &Models);

/// What a task may do to the object its argument points to.
///
/// A pointer that the task passes on (to a call, into another object) may be
/// freed or written by code we cannot see, so the object must escape; its
/// fields are still trusted not to change unless the task itself names them
/// in a write (spec section 4: a flag counts when the owner, not the task,
/// writes it).
struct ArgEffects {
  bool Unknown = true;      ///< the entry's body is not visible
  bool Escapes = false;     ///< the pointer is passed on or stored
  bool WritesWhole = false; ///< writes *arg itself (not through a field)
  llvm::SmallPtrSet<const clang::FieldDecl *, 8> WrittenFields;

  bool writesNothing() const {
    return !Unknown && !Escapes && !WritesWhole && WrittenFields.empty();
  }
};

/// Summarises the use of parameter \p ParamIndex in \p Entry's body.
ArgEffects summarizeArgEffects(const clang::FunctionDecl *Entry,
                               unsigned ParamIndex);

/// The effects of an owner's task whose entry another file defines, from the
/// project model's entry row (the fields it writes); \p E unchanged without.
void projectArgEffects(const ModelIndex &Models, const OwnerField &OF,
                       ArgEffects &E);

/// \p R, or for an owner field filled in another file whose entry this unit
/// does not even declare, the project model's summary of that entry.
EntryRelease projectOwnerRelease(const ModelIndex &Models, const OwnerField &OF,
                                 EntryRelease R);

/// Both summaries, computed once per entry function and kept in its record
/// (EntryWalk.h): the analyzer asks at every spawn on every path.
class SummaryCache {
public:
  explicit SummaryCache(const ModelIndex &Models) : Models(Models) {}
  EntryRelease release(const clang::FunctionDecl *Entry);
  const ArgEffects &argEffects(const clang::FunctionDecl *Entry);

private:
  const ModelIndex &Models;
};

} // namespace taskleak

#endif
