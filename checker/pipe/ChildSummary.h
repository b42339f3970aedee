//===- ChildSummary.h - what a child process or reader thread does -*- C++ -*-===//
//
// The pipe checker (PipeChecker.cpp) follows the owner's path; the code of
// a forked child (the `pid == 0` branch after fork()) and of a thread's
// entry function is read here, syntactically, as a list of descriptor
// events in source order: closes, dup2 onto 0/1/2, exec, reads until EOF,
// writes of more than a pipe holds.  Descriptors stay expressions (with the
// frame of the walk that names them, for a helper's parameters); the
// checker evaluates them in the owner's state at the fork or spawn.
//
// Conditions the checker can decide at the fork (a parameter that is 0 on
// this path) prune branches; undecided ones leave closes in (they may run:
// silent when unsure) and blocking operations out (they may not).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_PIPE_CHILDSUMMARY_H
#define TASKLEAK_PIPE_CHILDSUMMARY_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"

#include <deque>
#include <memory>
#include <vector>

namespace taskleak {

class ModelIndex;

/// One function of the walk: the child block's own function (the root, whose
/// variables the checker reads from the state) or a helper it calls, whose
/// parameters stand for the caller's argument expressions.
struct WalkFrame {
  const WalkFrame *Parent = nullptr;
  const clang::FunctionDecl *Fn = nullptr;
  llvm::DenseMap<const clang::ParmVarDecl *, const clang::Expr *> Args;
};

/// A descriptor expression, in the frame that names it.
struct FdExpr {
  const clang::Expr *E = nullptr;
  const WalkFrame *Frame = nullptr;
};

enum class IoKind {
  Close,      ///< close(fd)
  CloseAll,   ///< closes descriptors the walk cannot name (closefrom, a loop)
  Dup,        ///< dup2(fd, Target)
  Exec,       ///< the program is replaced; fds without close-on-exec survive
  ReadToEof,  ///< reads fd in a loop that ends only at EOF
  ReadOnce,   ///< a blocking read of fd that is not such a loop
  WriteBig,   ///< writes fd more than a pipe holds (a loop, or > 64 KiB)
  WriteOnce,  ///< writes fd, a little
  Cloexec,    ///< fcntl(fd, F_SETFD, FD_CLOEXEC)
  Nonblock,   ///< fcntl(fd, F_SETFL, ... O_NONBLOCK ...) or an unknown fcntl
  Unknown     ///< a call into code the walk cannot see (may close anything)
};

struct IoEvent {
  IoKind Kind;
  FdExpr Fd;
  FdExpr Target;                   ///< Dup: the descriptor overwritten
  const clang::CallExpr *Call;     ///< where, for notes
  const clang::FunctionDecl *In;   ///< the function it is in
  bool Conditional;                ///< under a branch the checker could not decide
};

/// Decides conditions and values at the fork/spawn (the checker's state).
class WalkOracle {
public:
  virtual ~WalkOracle() = default;
  /// true/false if \p Cond is known at the fork in \p F; -1 if not.
  virtual int decide(const clang::Expr *Cond, const WalkFrame *F) = 0;
};

struct IoWalk {
  bool Found = false;   ///< the child's code (or the entry's body) was found
  bool Ends = false;    ///< it ends (exec, _exit) before it could return
  bool Polls = false;   ///< it polls or selects: its reads are not blind
  const clang::FunctionDecl *Entry = nullptr; ///< first helper the child calls
  const char *ExecName = nullptr;             ///< the exec function, if any
  std::vector<IoEvent> Events;
  std::deque<WalkFrame> Frames;
};

/// Walks the child's code after \p Fork (a call in \p Body of \p Fn).
std::unique_ptr<IoWalk> walkChild(const clang::CallExpr *Fork,
                                  const clang::FunctionDecl *Fn,
                                  const ModelIndex &Models, WalkOracle &O);

/// Walks a thread's entry function; its first parameter is the argument.
std::unique_ptr<IoWalk> walkEntry(const clang::FunctionDecl *Entry,
                                  const ModelIndex &Models, WalkOracle &O);

/// Is the read call \p Read (in the body that \p PM maps) a loop reading
/// until EOF: `while ((n = read(fd, ...)) > 0)`, or `for (;;) { n =
/// read(...); if (n <= 0) break; ... }`, with no other way out of the loop?
bool isReadToEof(const clang::CallExpr *Read, const clang::ParentMap &PM);

/// Does the write call \p Write write more than a pipe holds: in a loop
/// not known to stay under 64 KiB, or one write of more?
bool isWriteBig(const clang::CallExpr *Write, const clang::ParentMap &PM,
                const clang::ASTContext &Ctx);

} // namespace taskleak

#endif
