//===- PerUnit.h - one pre-pass per translation unit ------------*- C++ -*-===//
//
// A pre-pass more than one family asks for (FieldTargets, GObjectOwners)
// is built once per translation unit: clang analyses one unit per process,
// and a new ASTContext rebuilds it.  `UnitCache<T>` is the same for a
// pre-pass one checker keeps, built from the unit and its model index.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_PERUNIT_H
#define TASKLEAK_ENGINE_PERUNIT_H

#include <memory>

namespace clang {
class ASTContext;
} // namespace clang

namespace taskleak {

template <typename T> const T &perUnit(clang::ASTContext &Ctx) {
  static clang::ASTContext *For = nullptr;
  static std::unique_ptr<T> Cached;
  if (!Cached || For != &Ctx) {
    Cached = std::make_unique<T>(Ctx);
    For = &Ctx;
  }
  return *Cached;
}

/// A checker's pre-pass of the unit being analysed, built on first use
/// from the unit and the model index, rebuilt when a new unit starts.
template <typename T> class UnitCache {
public:
  template <typename ModelsT>
  T &get(clang::ASTContext &Ctx, const ModelsT &Models) const {
    if (!Cached || For != &Ctx) {
      Cached = std::make_unique<T>(Ctx, Models);
      For = &Ctx;
    }
    return *Cached;
  }

private:
  mutable std::unique_ptr<T> Cached;
  mutable const clang::ASTContext *For = nullptr;
};

} // namespace taskleak

#endif
