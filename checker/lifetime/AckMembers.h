//===- AckMembers.h - acknowledgement flags that are members ---*- C++ -*-===//
//
// Issue 15 item 8, the C++ form of the acknowledgement wait (AckWait.cpp):
// the owner spins or waits on a member of its own object
//
//   while (!ready_) std::this_thread::yield();       // bool or atomic
//   while (!this->ready_.load()) ...
//
// that only a task started with the object's `this` writes: a std::thread
// running a lambda that captures `this`, or `&C::run` given `this`.  The
// AST half lives here: which member a condition reads, which members an
// entry writes (through the methods it calls on `this`), and whether any
// other method of the class writes it (then someone else may end the
// wait, and nothing is reported).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_ACKMEMBERS_H
#define TASKLEAK_LIFETIME_ACKMEMBERS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class CXXConstructExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace taskleak {

/// The member of `this` that \p E reads: `f`, `this->f`, or an atomic's
/// `f.load()` / conversion to its value; null otherwise.
const clang::FieldDecl *thisMemberRead(const clang::Expr *E);

/// The member of `this` that \p E names as an lvalue (`f`, `this->f`).
const clang::FieldDecl *thisMember(const clang::Expr *E);

/// What a task and the methods it reaches on `this` write.
struct ThisWrites {
  llvm::SmallPtrSet<const clang::FieldDecl *, 4> Fields;
  /// The functions it reaches (canonical declarations).
  llvm::SmallPtrSet<const clang::FunctionDecl *, 4> Reached;
};

/// The members of `this` that \p Entry writes (assigned, incremented, an
/// atomic's store / exchange / fetch_*, or its address taken), following
/// calls on `this` a few levels deep.
ThisWrites thisFieldsWrittenBy(const clang::FunctionDecl *Entry);

/// What a std::thread (or jthread) construction runs with the object's
/// `this`: a lambda's call operator (it captures `this`) or `&C::run`
/// given `this`; null for any other construction.
const clang::FunctionDecl *threadEntryWithThis(const clang::CXXConstructExpr *CE);

/// The std::thread / std::jthread constructions from a callable in \p S.
void threadStartsIn(const clang::Stmt *S,
                    llvm::SmallVectorImpl<const clang::CXXConstructExpr *> &Out);

/// Does a method of \p F's class other than those in \p Skip (canonical
/// declarations) and its constructors write \p F?  Lambdas in those methods count.
bool writtenElsewhere(const clang::FieldDecl *F,
                      const llvm::SmallPtrSetImpl<const clang::FunctionDecl *> &Skip);

} // namespace taskleak

#endif
