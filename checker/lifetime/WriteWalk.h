//===- WriteWalk.h - what a function writes, a few calls deep ---*- C++ -*-===//
//
// The one walk behind globalsWrittenBy (AckLoop) and thisFieldsWrittenBy
// (AckMembers): every assigned, incremented or address-taken expression
// of a function and of the calls it follows, at most 3 calls deep, each
// function once.  The caller says what a write means (Note) and, per call,
// what the call itself writes and which callee to follow (Call).  AST only.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_WRITEWALK_H
#define TASKLEAK_LIFETIME_WRITEWALK_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace taskleak {

/// \p Note(const Expr *) is called on each written expression;
/// \p Call(const CallExpr *) notes what a call writes and returns the
/// callee to walk into (null: none).  \p Reached collects the canonical
/// declarations of the functions walked.
template <typename NoteFn, typename CallFn> class WriteWalk {
public:
  WriteWalk(llvm::SmallPtrSetImpl<const clang::FunctionDecl *> &Reached,
            NoteFn Note, CallFn Call)
      : Reached(Reached), Note(Note), Call(Call) {}

  void inFunction(const clang::FunctionDecl *FD, unsigned Depth) {
    const clang::FunctionDecl *Def = nullptr;
    if (FD && Depth <= 3 && FD->hasBody(Def) &&
        Reached.insert(Def->getCanonicalDecl()).second)
      inStmt(Def->getBody(), Depth);
  }

private:
  llvm::SmallPtrSetImpl<const clang::FunctionDecl *> &Reached;
  NoteFn Note;
  CallFn Call;

  void inStmt(const clang::Stmt *S, unsigned Depth) {
    using namespace clang;
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      Note(BO->getLHS());
    if (const auto *U = dyn_cast<UnaryOperator>(S))
      if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
        Note(U->getSubExpr());
    if (const auto *CE = dyn_cast<CallExpr>(S))
      inFunction(Call(CE), Depth + 1);
    for (const Stmt *Child : S->children())
      inStmt(Child, Depth);
  }
};

/// Walks \p Entry with \p Note and \p Call (see WriteWalk), starting
/// at call depth \p Depth (3: \p Entry's own statements only).
template <typename NoteFn, typename CallFn>
void walkWrites(const clang::FunctionDecl *Entry,
                llvm::SmallPtrSetImpl<const clang::FunctionDecl *> &Reached,
                NoteFn Note, CallFn Call, unsigned Depth = 0) {
  WriteWalk<NoteFn, CallFn>(Reached, Note, Call).inFunction(Entry, Depth);
}

} // namespace taskleak

#endif // TASKLEAK_LIFETIME_WRITEWALK_H
