//===- DestructionOrder.cpp - a task outlives the members it uses (TL102) -===//
//
// Issue 15 item 4: TL102 extended from stack frames to object lifetimes.
// C++ destroys an object as: the most derived destructor's body, that
// class's members (in reverse declaration order), then the base's
// destructor body and members.  A task started into a member and stopped
// late in that sequence may still run on what died earlier:
//
//   - the base joins its std::thread in ~Base (or a member wrapper of the
//     base does), and the task calls a virtual function on `this` whose
//     override in a derived class uses that class's members: they are gone
//     before ~Base runs (and the object's dynamic type with them);
//   - a member wrapper (a JoiningThread-style class whose destructor
//     joins, or a std::jthread) joins its task in its own destructor, and
//     the task uses members declared after the wrapper: they die first.
//
// Silent when a destructor that runs before those members die joins the
// task itself (through what it calls on `this`), when a destructor may do
// anything we cannot see, and, for the second shape, for members with a
// trivial destructor (an int or an atomic flag keeps its bits).
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "MemberTasks.h"
#include "RuleChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

class DestructionOrderChecker : public OneRule<check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;

private:
  void judgeDerived(const MemberTask &T, const MemberTaskIndex &Index,
                    BugReporter &BR) const;
  void judgeOrder(const MemberTask &T, const MemberTaskIndex &Index,
                  BugReporter &BR) const;
  void report(const MemberTask &T, const CXXRecordDecl *Dying,
              const FieldDecl *Used, const MemberExpr *Use,
              const std::string &Why, BugReporter &BR) const;
};

} // namespace

/// Does a destructor of a class between \p Base (exclusive) and \p X
/// (inclusive), or of a class derived from \p X, join the task?  The
/// first run before X's members die; the second we cannot rule out.
static bool derivedEnds(const CXXRecordDecl *Base, const CXXRecordDecl *X,
                        const FieldDecl *Holder, const MemberTaskIndex &Index) {
  for (const CXXRecordDecl *C : Index.classes()) {
    bool Between = (C == X || X->isDerivedFrom(C)) && C->isDerivedFrom(Base);
    bool Below = C->isDerivedFrom(X);
    if ((Between || Below) && Index.destructorEnds(C, Holder))
      return true;
  }
  return false;
}

/// Is the task stopped only after the owner's destructor body: by the
/// owner's destructor (a std::thread it joins) or by the member's own
/// destructor (a wrapper, a jthread)?
static bool stoppedInDestruction(const MemberTask &T, const MemberTaskIndex &Index) {
  const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
  if (T.Kind == TaskHolder::Thread)
    return Index.destructorEnds(Owner, T.Holder);
  return true;
}

void DestructionOrderChecker::judgeDerived(const MemberTask &T,
                                           const MemberTaskIndex &Index,
                                           BugReporter &BR) const {
  const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
  for (const CXXRecordDecl *X : Index.classes()) {
    if (X == Owner || !X->isDerivedFrom(Owner))
      continue;
    ThisReach R = Index.reach(T.Entry, X);
    if (R.Opaque)
      continue;
    for (const auto &[F, Use] : R.Fields) {
      if (F->getParent() != X || derivedEnds(Owner, X, T.Holder, Index))
        continue;
      report(T, X, F, Use,
             "'" + X->getNameAsString() + "' and its members are destroyed before '" +
                 Owner->getNameAsString() + "' stops the task",
             BR);
      break;
    }
  }
}

void DestructionOrderChecker::judgeOrder(const MemberTask &T,
                                         const MemberTaskIndex &Index,
                                         BugReporter &BR) const {
  if (T.Kind == TaskHolder::Thread)
    return; // the owner's destructor body joins it, before any member dies
  const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
  if (Index.destructorEnds(Owner, T.Holder))
    return;
  ThisReach R = Index.reach(T.Entry, Owner);
  if (R.Opaque)
    return;
  for (const auto &[F, Use] : R.Fields) {
    if (F->getParent() != Owner || F->getFieldIndex() <= T.Holder->getFieldIndex() ||
        F->getType().isDestructedType() == QualType::DK_none)
      continue;
    report(T, Owner, F, Use,
           "'" + F->getNameAsString() + "' is declared after '" +
               T.Holder->getNameAsString() +
               "', so it is destroyed first, while the task still runs",
           BR);
    return;
  }
}

void DestructionOrderChecker::report(const MemberTask &T, const CXXRecordDecl *Dying,
                                     const FieldDecl *Used, const MemberExpr *Use,
                                     const std::string &Why, BugReporter &BR) const {
  const SourceManager &SM = BR.getSourceManager();
  const auto *Owner = cast<CXXRecordDecl>(T.Holder->getParent());
  std::string Stopper = T.Kind == TaskHolder::Thread
                            ? "the destructor of '" + Owner->getNameAsString() + "'"
                            : "the destructor of '" + T.Holder->getNameAsString() + "'";
  std::string Msg = "The task held in '" + T.Holder->getNameAsString() +
                    "' may use '" + Used->getNameAsString() +
                    "' after it is destroyed: " + Why + " (" + Stopper +
                    " joins it)";
  auto R = destructionReport(*BT, Msg, Dying, Used, T, SM);
  R->addNote("The task uses '" + Used->getNameAsString() + "' here",
             PathDiagnosticLocation(Use->getBeginLoc(), SM));
  BR.emitReport(std::move(R));
}

void DestructionOrderChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *,
                                                        AnalysisManager &Mgr,
                                                        BugReporter &BR) const {
  MemberTaskIndex Index(Mgr.getASTContext(), *Models);
  llvm::SmallPtrSet<const FieldDecl *, 8> Judged;
  for (const MemberTask &T : Index.tasks()) {
    if (!Judged.insert(T.Holder).second || !stoppedInDestruction(T, Index))
      continue;
    judgeDerived(T, Index, BR);
    judgeOrder(T, Index, BR);
  }
}

static RegisterChecker TL102Order{
    DanglingTaskArgName,
    registerOneRule<DestructionOrderChecker, OutlivesArgumentBug>};
