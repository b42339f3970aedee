//===- LocalContainers.cpp - local containers of threads (TL103) ----------===//
//
// The path analysis drops a std::thread moved into a container: its
// elements are not modelled.  A local std::vector<std::thread> (deque,
// list, array, unique_ptr<std::thread>, ...) filled in the function is
// judged here from the syntactic index (ThreadMembers.h), in source order:
//   - no join or detach through it at all: reported where its scope ends;
//   - a return or throw inside its scope after the first start and before
//     the first join loop: reported there (every element is destroyed);
//   - clear() after a start and before any join: reported at the clear.
// A container that escapes (moved, passed to a call, returned, captured by
// reference, swapped) is left alone: that code may join it.
//
//===----------------------------------------------------------------------===//

#include "ThreadMembers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

struct Judge {
  const ThreadMemberIndex &Index;
  const BugType &BT;
  BugReporter &BR;
  const SourceManager &SM;

  bool before(SourceLocation A, SourceLocation B) const {
    return SM.isBeforeInTranslationUnit(A, B);
  }
  void report(const VarDecl *VD, const FieldUse &Start, std::string Msg,
              SourceLocation Where) const;
  void judge(const VarDecl *VD, const FieldUse &Start) const;
};

} // namespace

void Judge::report(const VarDecl *VD, const FieldUse &Start, std::string Msg,
                   SourceLocation Where) const {
  auto Report = std::make_unique<BasicBugReport>(
      BT, Msg + " (std::terminate)", PathDiagnosticLocation(Where, SM));
  Report->setDeclWithIssue(Start.In);
  Report->addNote("A std::thread is put into '" + VD->getNameAsString() +
                      "' here",
                  PathDiagnosticLocation(Start.Where->getBeginLoc(), SM));
  BR.emitReport(std::move(Report));
}

void Judge::judge(const VarDecl *VD, const FieldUse &Start) const {
  auto Scope = Index.Scopes.find(VD);
  if (Scope == Index.Scopes.end())
    return;
  std::string Name = "'" + VD->getNameAsString() + "'";
  SourceLocation From = Start.Where->getBeginLoc();
  SourceLocation FirstEnd;
  if (auto It = Index.Ends.find(VD); It != Index.Ends.end())
    for (const FieldUse &E : It->second)
      if (FirstEnd.isInvalid() || before(E.Where->getBeginLoc(), FirstEnd))
        FirstEnd = E.Where->getBeginLoc();
  if (auto It = Index.Clears.find(VD); It != Index.Clears.end())
    for (const FieldUse &C : It->second) {
      SourceLocation At = C.Where->getBeginLoc();
      if (before(From, At) && (FirstEnd.isInvalid() || before(At, FirstEnd)))
        return report(VD, Start,
                      "clear() destroys the threads in " + Name +
                          " while one may be joinable",
                      At);
    }
  SourceRange Range = Scope->second->getSourceRange();
  for (const FieldUse &X : Index.Exits) {
    SourceLocation At = X.Where->getBeginLoc();
    if (X.In == Start.In && before(From, At) && before(At, Range.getEnd()) &&
        (FirstEnd.isInvalid() || before(At, FirstEnd)))
      return report(VD, Start,
                    std::string(isa<ReturnStmt>(X.Where) ? "This return"
                                                         : "This throw") +
                        " destroys " + Name +
                        " while a std::thread in it may be joinable",
                    At);
  }
  if (FirstEnd.isInvalid())
    report(VD, Start,
           Name + " goes out of scope while a std::thread in it may be "
                  "joinable",
           Scope->second->getRBracLoc());
}

void taskleak::reportLocalContainers(const ThreadMemberIndex &Index,
                                     const BugType &BT, BugReporter &BR) {
  Judge J{Index, BT, BR, BR.getSourceManager()};
  for (const auto &Entry : Index.Starts) {
    const auto *VD = dyn_cast<VarDecl>(Entry.first);
    if (!VD || holdsThreads(VD->getType()) != ThreadHolding::Elements ||
        Index.Escapes.count(VD))
      continue;
    const FieldUse *First = &Entry.second.front();
    for (const FieldUse &S : Entry.second)
      if (J.before(S.Where->getBeginLoc(), First->Where->getBeginLoc()))
        First = &S;
    J.judge(VD, *First);
  }
}
