//===- AckLoop.h - a loop that waits for a value another task writes -*- C++ -*-===//
//
// The acknowledgement wait (issue 15 item 12): the owner spins, sleeps or
// waits on a condition variable until a value the task writes changes:
//
//   while (!ready) sched_yield();
//   while (!arg->ack) pthread_cond_wait(&arg->cv, &arg->mu);
//
// Read from the AST alone: the loop's condition reads only such values
// (file-scope variables, fields reached from a local or a parameter) and
// constants; its body only pauses, locks or waits (model roles pause,
// lock, wait, cancel_wait: a sleep), never leaves the loop otherwise and
// never writes what the condition reads.  Whether a task that would write the value runs is the
// path's question (AckWait.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_ACKLOOP_H
#define TASKLEAK_LIFETIME_ACKLOOP_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class FieldDecl;
class FunctionDecl;
class MemberExpr;
class Stmt;
class VarDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;
struct SpawnOutcome;

/// What an acknowledgement wait loop reads.
struct AckLoop {
  /// File-scope (or static) variables the condition reads.
  llvm::SmallVector<const clang::VarDecl *, 2> Globals;
  /// `o->ready`, `s.ack`: a field read through a local or a parameter
  /// (the member on that variable itself, as TaskSummary's written fields).
  llvm::SmallVector<const clang::MemberExpr *, 2> Fields;
  /// Members of the owner's own object (`ready_`, `this->ready_`, an
  /// atomic's `ready_.load()`): AckMembers.h.
  llvm::SmallVector<const clang::FieldDecl *, 2> ThisFields;
};

/// \p Loop as an acknowledgement wait, or false when it is none.
bool ackLoopOf(const clang::Stmt *Loop, const ModelIndex &Models, AckLoop &Out);

/// The file-scope variables \p Entry (and the functions it calls in this
/// unit, a few calls deep) writes: assigned, incremented, or whose address
/// it takes (an atomic store, a call that may write).
llvm::SmallPtrSet<const clang::VarDecl *, 4>
globalsWrittenBy(const clang::FunctionDecl *Entry);

/// globalsWrittenBy(Entry), kept on the entry's record (EntryWalk.h).
struct AckGlobals {
  llvm::SmallPtrSet<const clang::VarDecl *, 4> Written;
};
const AckGlobals &ackGlobals(const ModelIndex &Models, const clang::FunctionDecl *Entry);

/// The entry \p O's spawn call names (`worker`, `&worker`), or null: a
/// loop's writers are read from the source, not from a pointer's value.
const clang::FunctionDecl *namedEntry(const SpawnOutcome &O);

/// Could a wait on a file-scope variable be for the task of \p O's failed
/// spawn: does its entry write one?  Such a failure is kept for TL201 even
/// when its handle and argument are no longer reachable.
bool awaitableThroughGlobals(const ModelIndex &Models, const SpawnOutcome &O);

} // namespace taskleak

#endif
