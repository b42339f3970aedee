//===- PerUnit.h - one pre-pass per translation unit ------------*- C++ -*-===//
//
// A pre-pass more than one family asks for (FieldTargets, GObjectOwners)
// is built once per translation unit: clang analyses one unit per process,
// and a new ASTContext rebuilds it.
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

} // namespace taskleak

#endif
