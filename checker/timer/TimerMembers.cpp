//===- TimerMembers.cpp - timers held as class members --------------------===//
//
// Issue 15 item 3, for the timer family: a class that keeps a timer in a
// member, judged at class level as ClassLifetime.cpp judges std::thread
// members (CSA never sees a body for an implicit or defaulted destructor):
//
//  - TL302: a descriptor from timerfd_create (any timer_create model that
//    returns its handle) stored in a member, and nothing in the class
//    closes it: every object leaks one descriptor;
//  - TL301: an embedded libuv handle (`uv_timer_t timer_`, initialised by
//    a timer_create model with an "object" argument) that nothing in the
//    class closes: its storage ends with the object while the loop still
//    holds it.
//
// Only implicit and defaulted destructors: a written one is analysed on
// paths by TimerChecker's owner protocol, which sees its body (a uv_close
// that returns before its callback ran included).  Silent when any method
// releases the member (a stop() or close() the users call; the object
// then often dies in the close callback).
//
//===----------------------------------------------------------------------===//

#include "ExprNames.h"
#include "ModelIndex.h"
#include "UnitVisitor.h"
#include "Registry.h"
#include "RuleChecker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"

using namespace clang;
using namespace ento;
using namespace taskleak;

namespace {

/// One timer member of a class, and what its methods do with it.
struct TimerMember {
  const FieldDecl *Field;
  const CallExpr *Create = nullptr;
  const FunctionDecl *CreatedIn = nullptr;
  bool Embedded = false; ///< the handle's storage is the member itself
  /// Released by a method of the class (a stop() the users call).
  bool Released = false;
};

/// The field of \p RD that `field_ = call` or the initialiser `field_(call)`
/// stores \p CE into, in \p FD.
const FieldDecl *storedInto(const CallExpr *CE, const FunctionDecl *FD,
                            const CXXRecordDecl *RD, ParentMap &PM) {
  const Stmt *P = PM.getParentIgnoreParenImpCasts(const_cast<CallExpr *>(CE));
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->getOpcode() == BO_Assign)
      if (const FieldDecl *F = castFieldOf(BO->getLHS()))
        return F->getParent() == RD ? F : nullptr;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->isMemberInitializer() && I->getInit()->IgnoreParenImpCasts() == CE)
        return I->getMember();
  return nullptr;
}

enum TimerMemberRule { TM_Active, TM_Leaked, TM_Count };

class TimerMembersChecker : public RuleSet<TM_Count, check::EndOfTranslationUnit> {
public:
  TASKLEAK_END_OF_UNIT;
  void judgeClass(const CXXRecordDecl *RD, BugReporter &BR) const;

private:
  void findCreates(const CXXRecordDecl *RD, const FunctionDecl *FD,
                   SmallVectorImpl<TimerMember> &Out) const;
  void findReleases(const FunctionDecl *FD,
                    MutableArrayRef<TimerMember> Members) const;
  void report(const CXXRecordDecl *RD, const TimerMember &T,
              BugReporter &BR) const;
};

class ClassCollector : public UnitVisitor<ClassCollector> {
public:
  std::vector<const CXXRecordDecl *> Classes;
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition() && !RD->isDependentContext())
      Classes.push_back(RD);
    return true;
  }
};

} // namespace

static TimerMember *memberFor(MutableArrayRef<TimerMember> Members,
                              const FieldDecl *F) {
  for (TimerMember &T : Members)
    if (T.Field == F)
      return &T;
  return nullptr;
}

/// The timer_create calls of \p FD that fill a member of \p RD: a returned
/// handle stored into it, or the member's own storage initialised.
void TimerMembersChecker::findCreates(const CXXRecordDecl *RD, const FunctionDecl *FD,
                                      SmallVectorImpl<TimerMember> &Out) const {
  SmallVector<const CallExpr *, 16> Calls;
  callsIn(FD->getBody(), Calls);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      callsIn(I->getInit(), Calls);
  ParentMap PM(FD->getBody());
  for (const CallExpr *CE : Calls) {
    const tl_fn_model *M =
        withRole(Models->lookup(CE->getDirectCallee()), {TL_ROLE_TIMER_CREATE});
    if (!M)
      continue;
    const FieldDecl *F = nullptr;
    bool Embedded = false;
    if (const Expr *Obj = argAt(CE, M->object_arg)) {
      const FieldDecl *Own = castFieldOf(Obj);
      // `&timer_`: the member is the handle, not a pointer to one.
      if (Own && Own->getParent() == RD && !Own->getType()->isPointerType()) {
        F = Own;
        Embedded = true;
      }
    } else if (M->handle_return) {
      F = storedInto(CE, FD, RD, PM);
    }
    if (F && !memberFor(Out, F)) {
      TimerMember T{F};
      T.Create = CE;
      T.CreatedIn = FD;
      T.Embedded = Embedded;
      Out.push_back(T);
    }
  }
}

/// Marks the members \p FD releases (timer_free, or close of a descriptor).
void TimerMembersChecker::findReleases(const FunctionDecl *FD,
                                       MutableArrayRef<TimerMember> Members) const {
  SmallVector<const CallExpr *, 16> Calls;
  callsIn(FD->getBody(), Calls);
  for (const CallExpr *CE : Calls) {
    const tl_fn_model *M = withRole(Models->lookup(CE->getDirectCallee()),
                                    {TL_ROLE_TIMER_FREE, TL_ROLE_CLOSE});
    const Expr *H = M ? argAt(CE, M->handle_arg) : nullptr;
    if (TimerMember *T = H ? memberFor(Members, castFieldOf(H)) : nullptr)
      T->Released = true;
  }
}

void TimerMembersChecker::judgeClass(const CXXRecordDecl *RD, BugReporter &BR) const {
  // A written destructor is the path analysis' (TimerChecker's owner
  // protocol): it sees its body.
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (Dtor && Dtor->isUserProvided())
    return;
  SmallVector<TimerMember, 2> Members;
  for (const CXXMethodDecl *MD : RD->methods())
    if (MD->hasBody())
      findCreates(RD, MD->getDefinition(), Members);
  for (const CXXMethodDecl *MD : RD->methods())
    if (MD->hasBody() && !Members.empty())
      findReleases(MD->getDefinition(), Members);
  // TL302 for a descriptor never closed, TL301 for a handle whose storage
  // ends while the loop holds it.
  for (const TimerMember &T : Members)
    if (!T.Released)
      report(RD, T, BR);
}

void TimerMembersChecker::report(const CXXRecordDecl *RD, const TimerMember &T,
                                 BugReporter &BR) const {
  const BugType *BT = BugTypes[T.Embedded ? TM_Active : TM_Leaked].get();
  if (!BT)
    return; // that rule is off
  const SourceManager &SM = BR.getSourceManager();
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  std::string Kind = Dtor && Dtor->isDefaulted() && !Dtor->isImplicit() ? "defaulted " : "implicit ";
  std::string Field = "'" + T.Field->getNameAsString() + "'";
  std::string Msg =
      "The " + Kind + "destructor of '" + RD->getNameAsString() + "' " +
      (T.Embedded ? "ends the storage of " + Field +
                        ", which the loop still holds: nothing in the class closes it"
                  : "leaves the timer descriptor " + Field +
                        " open: nothing in the class closes it");
  auto R = std::make_unique<BasicBugReport>(*BT, Msg,
                                            PathDiagnosticLocation::create(T.Field, SM));
  R->setDeclWithIssue(T.Field);
  R->addNote(Field + " is set up here, in '" + T.CreatedIn->getNameAsString() + "'",
             PathDiagnosticLocation(T.Create->getBeginLoc(), SM));
  BR.emitReport(std::move(R));
}

void TimerMembersChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                    AnalysisManager &Mgr,
                                                    BugReporter &BR) const {
  ClassCollector All;
  All.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  const SourceManager &SM = Mgr.getSourceManager();
  for (const CXXRecordDecl *RD : All.Classes)
    if (!SM.isInSystemHeader(RD->getLocation()))
      judgeClass(RD, BR);
}

// Under TL301's and TL302's own names: Plugin.cpp runs every binding of a name.
static RegisterChecker TimerMembersModeling{
    TimerMembersModelingName, registerModelingChecker<TimerMembersChecker>};
static RegisterRules<
    enableKinds<TimerMembersChecker, TimerActiveBug, TimerLeakedBug>>
    TimerMemberRules{{ActiveAtReleaseName, LeakedName}};
