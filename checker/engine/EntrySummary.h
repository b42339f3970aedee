//===- EntrySummary.h - one summary per entry function ---------*- C++ -*-===//
//
// Every family summarises the entry function of a task it sees spawned
// (what the task does with its handle, its argument, its channels, its
// timers' data) and asks again at every spawn on every path.  The cache of
// those summaries, one per entry declaration and made on first use, is
// this one; a summary lives as long as the analysis of the translation
// unit, so a reference to it stays valid.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_ENTRYSUMMARY_H
#define TASKLEAK_ENGINE_ENTRYSUMMARY_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>

namespace taskleak {

/// Summaries of type \p T, one per entry declaration.
template <typename T> class EntryCache {
public:
  /// The summary of \p Entry, made by \p Make(Entry) the first time.
  template <typename MakeFn>
  const T &get(const clang::FunctionDecl *Entry, MakeFn Make) {
    std::unique_ptr<T> &Slot = Cache[Entry];
    if (!Slot)
      Slot = std::make_unique<T>(Make(Entry));
    return *Slot;
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<T>> Cache;
};

} // namespace taskleak

#endif
