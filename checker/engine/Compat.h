//===- Compat.h - the clang/LLVM API differences, in one place --*- C++ -*-===//
//
// The plugin builds against clang 14, 15, 16 and 19.  Where their APIs part
// (llvm::Optional gave way to std::optional in 16 and was removed in 17:
// write `auto` for SVal::getAs; StringRef::startswith was renamed
// starts_with and the old spelling is gone in 19; SymExpr::symbol_begin/end
// became symbols() in 17), the checkers call the helpers here and never
// test a version themselves.  A new clang that renames something adds one helper here.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_COMPAT_H
#define TASKLEAK_ENGINE_COMPAT_H

#include "clang/Basic/Version.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymExpr.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/iterator_range.h"

namespace taskleak {

/// \p S begins with \p Prefix (StringRef::startswith / starts_with).
inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.size() >= Prefix.size() && S.substr(0, Prefix.size()) == Prefix;
}

/// \p S ends with \p Suffix (StringRef::endswith / ends_with).
inline bool endsWith(llvm::StringRef S, llvm::StringRef Suffix) {
  return S.size() >= Suffix.size() &&
         S.substr(S.size() - Suffix.size()) == Suffix;
}

/// Every symbol \p S is built of, itself included (for a range-for).
inline llvm::iterator_range<clang::ento::SymExpr::symbol_iterator>
symbolsOf(clang::ento::SymbolRef S) {
#if CLANG_VERSION_MAJOR >= 17
  return S->symbols();
#else
  return llvm::make_range(S->symbol_begin(), S->symbol_end());
#endif
}

/// The clang major version the plugin is compiled against.
constexpr int ClangMajor = CLANG_VERSION_MAJOR;

} // namespace taskleak

#endif
