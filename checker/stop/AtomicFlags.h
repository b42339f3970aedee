//===- AtomicFlags.h - std::atomic stop flags, read and written --*- C++ -*-===//
//
// A stop flag may be a std::atomic<bool> (or any std::atomic of an integer):
// the task tests it through member calls (`!stop`, `stop.load()`, both a
// call of atomic's operator T() or load()), and the owner writes it through
// member calls (`stop = true` is atomic's operator=, `stop.store(true)`,
// `stop.exchange(true)`).  To the loop summary and the owner's path these
// are reads and writes of the atomic object, as a plain flag's are of the
// field: one flag, whatever its spelling.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_STOP_ATOMICFLAGS_H
#define TASKLEAK_STOP_ATOMICFLAGS_H

#include "clang/AST/Type.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "llvm/ADT/APSInt.h"

namespace clang {
class Expr;
class FieldDecl;
namespace ento {
class CallEvent;
class MemRegion;
} // namespace ento
} // namespace clang

namespace taskleak {

/// The T of std::atomic<T> when T is an integer, bool or enum; else null.
clang::QualType atomicFlagType(clang::QualType T);

/// `x.load()`, `x.operator bool()` (the implicit `!x`): the atomic object
/// expression x; else null.
const clang::Expr *atomicFlagRead(const clang::Expr *E);

/// `x = v`, `x.store(v)`, `x.exchange(v)`: the atomic object x, with the
/// value written in \p Value; `x.fetch_or(v)`, `++x` and the like: x with
/// \p Value null (written, value unknown).  Null if \p E writes no atomic.
const clang::Expr *atomicFlagWrite(const clang::Expr *E, const clang::Expr *&Value);

/// The same on the owner's path: the atomic object \p Call writes (a
/// store, an assignment, an exchange, a construction from a value) and
/// the value it writes (UnknownVal for a read-modify-write); null if none.
const clang::ento::MemRegion *atomicFlagWritten(const clang::ento::CallEvent &Call,
                                                clang::ento::SVal &Value);

/// The constant a std::atomic flag member starts with from its default
/// member initialiser (`std::atomic<bool> stop_{false};`, `= false`), in
/// \p Value; false if it has none or it is not a constant.  The analyzer
/// of clang 14 binds Unknown to such a member (it evaluates no constructor
/// inside a CXXDefaultInitExpr), so the flag's first value comes from here.
bool atomicDefaultValue(const clang::FieldDecl *FD, llvm::APSInt &Value);

} // namespace taskleak

#endif
