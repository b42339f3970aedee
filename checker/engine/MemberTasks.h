//===- MemberTasks.h - tasks a class starts into its members ----*- C++ -*-===//
//
// Issue 15, items 4 and 7: C++ destroys an object in a fixed order (the
// derived destructor's body, the derived members in reverse declaration
// order, then the base's destructor and members), and a task a class
// starts may still run, through a captured `this`, while that happens.
// The analyzer never sees a defaulted destructor's body, so the order is
// judged at class level, from the class bodies, here:
//
//   - which members hold a task: a std::thread, a std::jthread, or a
//     member of an in-file wrapper class whose own destructor joins the
//     std::thread it holds (JoiningThread-style; derived from the
//     destructor's body, through the methods it calls on `this`, never
//     from names);
//   - where a method of the class starts a task into such a member, and
//     the entry it runs (a lambda capturing `this`, or `&C::run`);
//   - what an entry reaches through calls on `this` (virtual calls resolved
//     in a given most-derived class) and which members it uses;
//   - whether a destructor, through what it calls on `this`, joins a
//     member's task before the members die.
//
// DestructionOrder.cpp (TL102) and WrapperStops.cpp (TL403) judge from it.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_MEMBERTASKS_H
#define TASKLEAK_ENGINE_MEMBERTASKS_H

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXMethodDecl;
class CXXRecordDecl;
class FieldDecl;
class FunctionDecl;
class MemberExpr;
class Stmt;
} // namespace clang

namespace taskleak {

class ModelIndex;

/// How a member holds its task.
enum class TaskHolder {
  None,
  Thread,  ///< std::thread: the owner must join it
  JThread, ///< std::jthread: its destructor requests stop, then joins
  Wrapper, ///< an in-file class whose destructor joins its std::thread
};

/// One start of a task into a member, by a method of the member's class.
struct MemberTask {
  const clang::FieldDecl *Holder;
  TaskHolder Kind;
  const clang::Stmt *Start;
  const clang::FunctionDecl *StartIn; ///< null: a default member initialiser
  /// What the task runs with the object's `this`: a lambda's call operator
  /// (it captures `this`) or a member function.
  const clang::FunctionDecl *Entry;
};

/// What a function reaches through calls on its own `this`.
struct ThisReach {
  llvm::SmallPtrSet<const clang::FunctionDecl *, 8> Functions;
  /// Each member read or written, with its first use.
  llvm::SmallVector<std::pair<const clang::FieldDecl *, const clang::MemberExpr *>, 8>
      Fields;
  /// Something may happen we cannot see: `this` handed to another function,
  /// a method of the object with no body here.
  bool Opaque = false;
};

/// "The task is started here[, in 'C::start']": the note at a start.
std::string startedHere(const MemberTask &T);

/// A class-level report on the destruction of \p Dying: at the closing
/// brace of its written destructor, or at \p Fallback when the destructor
/// is implicit or defaulted (CSA sees no body there); with the note where
/// \p T is started.
std::unique_ptr<clang::ento::BasicBugReport>
destructionReport(const clang::ento::BugType &BT, llvm::StringRef Msg,
                  const clang::CXXRecordDecl *Dying, const clang::Decl *Fallback,
                  const MemberTask &T, const clang::SourceManager &SM);

class MemberTaskIndex {
public:
  MemberTaskIndex(clang::ASTContext &Ctx, const ModelIndex &Models);

  llvm::ArrayRef<MemberTask> tasks() const { return Tasks; }
  /// Every class of the unit (outside system headers) with a definition.
  llvm::ArrayRef<const clang::CXXRecordDecl *> classes() const { return Classes; }

  /// Functions and members \p FD reaches through calls on `this`; a
  /// virtual call runs the overrider of \p Dynamic when given.
  ThisReach reach(const clang::FunctionDecl *FD,
                  const clang::CXXRecordDecl *Dynamic = nullptr) const;

  /// Does \p RD's destructor (written, with a body here) join the task
  /// held in \p Holder before the members die?  True also when it may do
  /// anything (opaque): silent when unsure.
  bool destructorEnds(const clang::CXXRecordDecl *RD,
                      const clang::FieldDecl *Holder) const;

  /// How a member of type \p T holds a task.
  TaskHolder holderKind(const clang::FieldDecl *F) const;

  /// An in-file class whose destructor detaches the std::thread it holds.
  bool destructorDetaches(const clang::CXXRecordDecl *RD) const;
  /// A method (wait(), stop()) that joins its class's own std::thread.
  bool methodJoins(const clang::CXXMethodDecl *MD) const;

private:
  bool wrapperJoins(const clang::CXXRecordDecl *RD) const;
  bool endsOwnThread(const clang::CXXMethodDecl *MD, llvm::StringRef Name) const;
  bool callsOn(const ThisReach &R, const clang::FieldDecl *Holder,
               llvm::StringRef Name) const;
  bool joinsHolder(const ThisReach &R, const clang::FieldDecl *Holder,
                   TaskHolder Kind) const;
  void collect(const clang::CXXRecordDecl *RD);

  clang::ASTContext &Ctx;
  const ModelIndex &Models;
  std::vector<MemberTask> Tasks;
  std::vector<const clang::CXXRecordDecl *> Classes;
};

} // namespace taskleak

#endif
