//===- ChannelSummary.h - what a task does with its channels ----*- C++ -*-===//
//
// Level 2 of the spec (task summaries) for the channel rules: read from the
// AST of a task's entry function, and of the helpers it calls in the same
// translation unit, which channels the task sends to, receives from or
// closes, named as access paths from its parameters (`arg`, `arg->in`,
// `c->q`), and in what shape:
//
//   once         not in a loop: one operation (each such call counts once)
//   until closed a receive loop whose only exits test the receive's
//                closed / error return: only a close ends it
//   until value  a receive loop that ends on one received value (a
//                sentinel such as NULL, -1 or &SHUTDOWN), or on a close
//   loop         in a loop that ends some other way (a count, a flag): the
//                owner cannot tell how many operations it owes
//
// An operation under an `if` (or a `?:`, `&&`, `||`, `switch`) may not
// happen at all, so it never makes the owner owe anything; it still counts
// as the task taking part in the channel.  Paths the task hands to code we
// cannot see (an unknown call, a store into memory that outlives the task's
// frame, another task) are listed as escaped: the owner stops tracking the
// channels under them.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_CHANNEL_CHANNELSUMMARY_H
#define TASKLEAK_CHANNEL_CHANNELSUMMARY_H

#include "EntryWalk.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class CallExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;

enum class ChanOpKind { Send, Recv, Close };

enum class OpShape { Once, UntilClosed, UntilValue, Loop };

/// A channel as the task sees it: parameter \c Param of the entry function,
/// then the fields named in \c Fields (a pointer field is loaded, a struct
/// field is entered).
struct ChanPath {
  unsigned Param = 0;
  llvm::SmallVector<const clang::FieldDecl *, 2> Fields;
};

struct TaskChanOp {
  ChanOpKind Kind;
  ChanPath Path;
  OpShape Shape = OpShape::Once;
  bool Blocking = true;        ///< blocking and untimed
  bool Unconditional = true;   ///< reached on every path through the task
  const clang::CallExpr *Call = nullptr;       ///< the operation, for notes
  const clang::FunctionDecl *Where = nullptr;  ///< the function it is in
  /// UntilValue: the value that ends the loop (null: 0 / NULL); with
  /// \c SentinelKnown false, any value might.
  const clang::Expr *Sentinel = nullptr;
  bool SentinelKnown = false;
};

struct ChannelSummary {
  bool Unknown = true; ///< the entry's body is not in this translation unit
  llvm::SmallVector<TaskChanOp, 4> Ops;
  llvm::SmallVector<ChanPath, 2> Escaped;
};

/// Summarises \p Entry; parameters are numbered as the entry declares them.
ChannelSummary summarizeChannels(const clang::FunctionDecl *Entry,
                                 const ModelIndex &Models);

/// One summary per entry function, kept in its record (EntryWalk.h): the
/// analyzer asks at every spawn on every path.
class ChannelSummaryCache {
public:
  explicit ChannelSummaryCache(const ModelIndex &Models) : Models(Models) {}
  const ChannelSummary &get(const clang::FunctionDecl *Entry);

private:
  const ModelIndex &Models;
};

} // namespace taskleak

#endif
