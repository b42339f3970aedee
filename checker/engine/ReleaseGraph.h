//===- ReleaseGraph.h - who releases which field, across calls --*- C++ -*-===//
//
// The owner pre-passes (OwnerIndex for task handles, TimerOwners for
// timers) both ask "does this function, or one it calls in this
// translation unit, release that field?" to decide whether an
// owner-ending function owes a release.  They gather the same two facts
// per function (the fields it releases, the functions it calls) and hand
// them here; the question is answered once.  Also the small lookups every
// pre-pass result needs.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_RELEASEGRAPH_H
#define TASKLEAK_ENGINE_RELEASEGRAPH_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace taskleak {

class ReleaseGraph {
public:
  /// Fields each function releases; functions each calls (canonical keys).
  using ReleasedMap =
      llvm::DenseMap<const clang::FunctionDecl *,
                     llvm::SmallVector<const clang::FieldDecl *, 2>>;
  using CallsMap =
      llvm::DenseMap<const clang::FunctionDecl *,
                     llvm::SmallVector<const clang::FunctionDecl *, 4>>;

  /// Takes what a pre-pass gathered (both maps are left empty).
  void take(ReleasedMap &Released, CallsMap &Calls) {
    for (auto &R : Released)
      Facts[R.first].Released = std::move(R.second);
    for (auto &C : Calls)
      Facts[C.first].Callees = std::move(C.second);
    Released.clear();
    Calls.clear();
  }

  /// Does \p FD, or a function it calls (up to 4 calls deep), release \p F?
  bool mayRelease(const clang::FunctionDecl *FD, const clang::FieldDecl *F,
                  unsigned Depth = 0) const {
    auto It = Facts.find(FD ? FD->getCanonicalDecl() : nullptr);
    if (It == Facts.end() || Depth > 4)
      return false;
    if (llvm::is_contained(It->second.Released, F))
      return true;
    for (const clang::FunctionDecl *Callee : It->second.Callees)
      if (Callee != FD->getCanonicalDecl() && mayRelease(Callee, F, Depth + 1))
        return true;
    return false;
  }

private:
  struct FunctionFacts {
    llvm::SmallVector<const clang::FieldDecl *, 2> Released;
    llvm::SmallVector<const clang::FunctionDecl *, 4> Callees;
  };
  llvm::DenseMap<const clang::FunctionDecl *, FunctionFacts> Facts;
};

/// The list \p Map holds for \p Key, or none.
template <typename MapT, typename KeyT>
auto listOf(const MapT &Map, const KeyT &Key)
    -> llvm::ArrayRef<typename MapT::mapped_type::value_type> {
  auto It = Map.find(Key);
  if (It == Map.end())
    return {};
  return It->second;
}

/// Adds \p Index to the parameters \p FD ends (-1: `this`), once.
inline void addEnder(
    llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<int, 1>> &Enders,
    const clang::FunctionDecl *FD, int Index) {
  auto &List = Enders[FD->getCanonicalDecl()];
  if (!llvm::is_contained(List, Index))
    List.push_back(Index);
}

} // namespace taskleak

#endif
