//===- LoopSummary.h - how a task's loop ends -------------------*- C++ -*-===//
//
// Level 2 of the spec (task summaries) for TL403 StopNeverSignalled: read
// from the entry function's AST, following calls into functions defined in
// the same translation unit, the loop the task settles in and what ends it,
// as access paths from the task's argument (or `this`, or a global):
//
//   while (!arg->stop) ...                 ends only when arg->stop != 0
//   while (running) ...                    ends only when running == 0
//   for (;;) { lock; while (!p->shutdown && p->n == 0)
//                      pthread_cond_wait(&p->cv, &p->mu);
//              if (p->shutdown) break; ... }
//                                          ends only when p->shutdown != 0,
//                                          and waits on p->cv on the way
//   while (queue_.blocking_get(item)) ... ends only when queue_.closed_ != 0,
//                                          when blocking_get() returns false
//                                          only if closed_ (ReturnSites.h)
//   while (1) { poll(); sleep(1); }        never ends
//
// Anything else is not summarised, and the checker stays silent: a break on
// a computed value, a return on an I/O error, a bounded counter, a goto, a
// flag the task writes itself, a wait whose predicate ignores the flag.
//
// The translation-unit index beside it lists every write of a field or
// global (to tell flags nobody here sets, and flags set asynchronously by a
// signal handler or callback) and summarises every entry function a
// modelled spawn or a std::thread starts.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_STOP_LOOPSUMMARY_H
#define TASKLEAK_STOP_LOOPSUMMARY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FieldDecl;
class RecordDecl;
class FunctionDecl;
class Stmt;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;

/// Where a flag or a condition variable lives, seen from the task: the
/// task's argument (the object it points to), the object of `this`, or a
/// global, then the fields embedded in it, outermost first (a member
/// object's method reads its `this->closed_` as queue_.closed_).  No pointer is
/// followed on the way (p->inner->stop has no path).
struct AccessPath {
  enum RootKind : unsigned char { Param, This, Global };
  RootKind Root = Param;
  const clang::VarDecl *GlobalVar = nullptr; ///< Root == Global
  llvm::SmallVector<const clang::FieldDecl *, 2> Fields;

  /// The declaration named last: the field, or the global itself.
  const clang::ValueDecl *leaf() const;
  bool operator==(const AccessPath &O) const {
    return Root == O.Root && GlobalVar == O.GlobalVar && Fields == O.Fields;
  }
};

/// "Flag == Value" (Equal) or "Flag != Value": a test that must hold.
struct FlagTest {
  AccessPath Flag;
  bool Equal = false;
  int64_t Value = 0;
  const clang::Expr *Where = nullptr; ///< the flag as the task's code spells it

  bool operator==(const FlagTest &O) const {
    return Flag == O.Flag && Equal == O.Equal && Value == O.Value;
  }
  /// Would a flag holding \p V pass this test?
  bool holdsFor(int64_t V) const { return Equal ? V == Value : V != Value; }
};

/// One way out of the loop (its condition, a guarded break or return): it
/// is taken only if every test in Needs holds.
struct StopExit {
  llvm::SmallVector<FlagTest, 1> Needs;
};

/// An untimed wait (wait role) inside the loop: the stop must be followed by
/// a signal of Object, or a task parked here sleeps on.
struct WaitSite {
  AccessPath Object;
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  /// The wait sits in a predicate loop (`while (!p->stop && ...) wait`):
  /// the flag value that ends that loop.  Unset for a bare wait, which the
  /// stop loop's own exit test ends.
  bool HasWakes = false;
  FlagTest Wakes;
};

struct StopSummary {
  enum Kind { NotSummarised, NoExit, FlagExit };
  Kind K = NotSummarised;
  const clang::Stmt *Loop = nullptr;          ///< the loop the task settles in
  const clang::FunctionDecl *LoopIn = nullptr; ///< the function holding it
  llvm::SmallVector<StopExit, 2> Exits;       ///< FlagExit: every way out
  llvm::SmallVector<WaitSite, 2> Waits;
};

/// The wait objects a task may signal (pthread_cond_signal(&arg->cv) ...),
/// as access paths.  Not Known when it may signal something the summary
/// cannot name: a signal of an object it cannot spell, or its object handed
/// to code this translation unit does not show.
struct SignalSummary {
  bool Known = false;
  llvm::SmallVector<AccessPath, 2> Objects;
};

/// Every write the translation unit makes to a field or a global, by the
/// field or global written.
struct FlagWrite {
  const clang::FunctionDecl *In;
  bool Known;    ///< the value written is the constant Value
  int64_t Value;
};

/// The summary of \p Entry when another unit defines it: the project
/// model's "stops_on" for it (ProjectStops.cpp).  False when the model has
/// none, or names a struct or field this unit does not define.
bool projectStopSummary(clang::ASTContext &Ctx, const ModelIndex &Models,
                        const clang::FunctionDecl *Entry, int ParamIndex,
                        StopSummary &Out);

/// Is \p FD std::condition_variable(_any)::Name (wait, notify_one, ...)?
bool isCondVarMember(const clang::FunctionDecl *FD, llvm::StringRef Name);

class StopIndex {
public:
  StopIndex(clang::ASTContext &Ctx, const ModelIndex &Models);

  /// The summary of \p Entry run with its parameter \p ParamIndex as the
  /// task's argument (-1: `this` of the object that started it).
  const StopSummary &summary(const clang::FunctionDecl *Entry, int ParamIndex);

  /// What \p Entry (as in summary()) may signal.
  const SignalSummary &signals(const clang::FunctionDecl *Entry, int ParamIndex);

  llvm::ArrayRef<FlagWrite> writesOf(const clang::ValueDecl *D) const;
  /// The entry of every spawn into handle field \p FD, if they all run the
  /// same one (a pool of one kind of worker); null otherwise.
  const clang::FunctionDecl *onlyEntryOf(const clang::FieldDecl *FD) const;

  /// A global handle (`static pthread_t maintenance_tid`) that every spawn
  /// of this translation unit fills with the same entry.
  struct GlobalSpawn {
    const clang::FunctionDecl *Entry = nullptr;
    const clang::FunctionDecl *AcquiredIn = nullptr;
    const clang::VarDecl *RootGlobal = nullptr; ///< the argument is &RootGlobal
    bool Ambiguous = false;                     ///< entries or arguments differ
  };
  const GlobalSpawn *spawnOfGlobal(const clang::VarDecl *VD) const;
  /// Is \p FD's address taken (a signal handler, a callback, another
  /// task's entry): it may run at any time.
  bool isAddressTaken(const clang::FunctionDecl *FD) const;
  /// Is \p D a flag or wait object of some task summarised here: the
  /// owner's writes and signals of it are worth recording.
  bool isWatched(const clang::ValueDecl *D) const { return Watched.count(D); }
  /// Does \p RD hold such a flag or object (`struct queue` of `s->q.closed`)?
  bool isWatchedRecord(const clang::RecordDecl *RD) const {
    return WatchedRecords.count(RD);
  }

private:
  clang::ASTContext &Ctx;
  const ModelIndex &Models;
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<FlagWrite, 2>> Writes;
  llvm::SmallPtrSet<const clang::FunctionDecl *, 16> AddressTaken;
  llvm::SmallPtrSet<const clang::ValueDecl *, 16> Watched;
  llvm::SmallPtrSet<const clang::RecordDecl *, 8> WatchedRecords;
  void watch(const AccessPath &P);
  llvm::DenseMap<const clang::FieldDecl *,
                 llvm::SmallPtrSet<const clang::FunctionDecl *, 2>> FieldEntries;
  llvm::DenseMap<const clang::VarDecl *, GlobalSpawn> GlobalSpawns;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, int>,
                 std::unique_ptr<StopSummary>> Summaries;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, int>,
                 std::unique_ptr<SignalSummary>> Signals;
};

} // namespace taskleak

#endif
