//===- MemberTasks.cpp - tasks a class starts into its members ------------===//
//
// See MemberTasks.h.  Syntactic, over the class bodies of the unit; the
// calls of each body come from its EntryWalk record, so no function is
// walked twice for its calls.  Code in system headers is skipped.
//
//===----------------------------------------------------------------------===//

#include "MemberTasks.h"
#include "EntryWalk.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace taskleak {

static bool isStdClass(const CXXRecordDecl *RD, StringRef Name) {
  return RD && RD->getIdentifier() && RD->getName() == Name &&
         RD->isInStdNamespace();
}

static bool isThis(const Expr *E) {
  return E && isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

/// The member `this->F` (or an implicit `F`) that \p E names, or null.
static const FieldDecl *memberOfThis(const Expr *E) {
  const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!ME || !isThis(ME->getBase()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

/// The object a call acts on: a member call's object, an operator's
/// first operand (`t_ = std::thread(...)`).
static const Expr *objectOf(const CallExpr *CE) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    return MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE))
    if (OC->getNumArgs() > 0 && isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()))
      return OC->getArg(0);
  return nullptr;
}

/// What a start runs with the object's `this`: the call operator of a
/// lambda that captures `this`, or a member function named `&C::run`.
static const FunctionDecl *entryIn(const Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesThis())
        return LE->getCallOperator();
    return nullptr;
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(S))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(DR->getDecl()))
      return MD->isInstance() ? MD : nullptr;
  for (const Stmt *Child : S->children())
    if (const FunctionDecl *FD = entryIn(Child))
      return FD;
  return nullptr;
}

static void fieldsIn(const Stmt *S, ThisReach &R) {
  if (!S)
    return;
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    if (const FieldDecl *F = memberOfThis(ME))
      if (llvm::none_of(R.Fields, [&](const auto &P) { return P.first == F; }))
        R.Fields.push_back({F, ME});
  for (const Stmt *Child : S->children())
    fieldsIn(Child, R);
}

std::string startedHere(const MemberTask &T) {
  if (!T.StartIn)
    return "The task is started here, by the member's initialiser";
  return "The task is started here, in '" + T.StartIn->getQualifiedNameAsString() + "'";
}

std::unique_ptr<ento::BasicBugReport>
destructionReport(const ento::BugType &BT, llvm::StringRef Msg, const CXXRecordDecl *Dying,
                  const Decl *Fallback, const MemberTask &T, const SourceManager &SM) {
  const CXXDestructorDecl *Dtor = Dying->getDestructor();
  const FunctionDecl *Body = nullptr;
  bool Written = Dtor && Dtor->hasBody(Body) && !Body->isDefaulted();
  auto R = std::make_unique<ento::BasicBugReport>(
      BT, Msg,
      Written ? ento::PathDiagnosticLocation(Body->getBodyRBrace(), SM)
              : ento::PathDiagnosticLocation::create(Fallback, SM));
  R->setDeclWithIssue(Written ? static_cast<const Decl *>(Body) : Fallback);
  R->addNote(startedHere(T), ento::PathDiagnosticLocation(T.Start->getBeginLoc(), SM));
  return R;
}

MemberTaskIndex::MemberTaskIndex(ASTContext &Ctx, const ModelIndex &Models)
    : Ctx(Ctx), Models(Models) {
  llvm::SmallVector<const DeclContext *, 16> Work{Ctx.getTranslationUnitDecl()};
  const SourceManager &SM = Ctx.getSourceManager();
  while (!Work.empty()) {
    const DeclContext *DC = Work.pop_back_val();
    for (const Decl *D : DC->decls()) {
      if (SM.isInSystemHeader(D->getLocation()))
        continue;
      if (isa<NamespaceDecl, LinkageSpecDecl>(D))
        Work.push_back(cast<DeclContext>(D));
      const auto *RD = dyn_cast<CXXRecordDecl>(D);
      if (!RD || !RD->isThisDeclarationADefinition() || RD->isDependentContext() ||
          RD->isLambda())
        continue;
      Classes.push_back(RD);
      Work.push_back(RD);
    }
  }
  for (const CXXRecordDecl *RD : Classes)
    collect(RD);
}

ThisReach MemberTaskIndex::reach(const FunctionDecl *FD,
                                 const CXXRecordDecl *Dynamic) const {
  ThisReach R;
  llvm::SmallVector<const FunctionDecl *, 8> Work{FD};
  while (!Work.empty() && R.Functions.size() < 64) {
    const FunctionDecl *Def = nullptr;
    const FunctionDecl *Next = Work.pop_back_val();
    if (!Next->hasBody(Def)) {
      R.Opaque = true;
      continue;
    }
    if (!R.Functions.insert(Def).second)
      continue;
    fieldsIn(Def->getBody(), R);
    for (const EntryCall &C : entryRecord(Models, Def).calls()) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call);
      if (MC && isThis(MC->getImplicitObjectArgument())) {
        const CXXMethodDecl *MD = MC->getMethodDecl();
        if (MD && MD->isVirtual() && Dynamic)
          if (const CXXMethodDecl *O = MD->getCorrespondingMethodInClass(Dynamic))
            MD = O;
        if (MD)
          Work.push_back(MD);
        continue;
      }
      bool Std = C.Callee && C.Callee->isInStdNamespace();
      for (const Expr *Arg : C.Call->arguments())
        R.Opaque |= !Std && isThis(Arg);
    }
  }
  return R;
}

TaskHolder MemberTaskIndex::holderKind(const FieldDecl *F) const {
  const CXXRecordDecl *RD = F->getType().getCanonicalType()->getAsCXXRecordDecl();
  if (isStdClass(RD, "thread"))
    return TaskHolder::Thread;
  if (isStdClass(RD, "jthread"))
    return TaskHolder::JThread;
  if (RD && RD->hasDefinition() && !RD->isInStdNamespace() && wrapperJoins(RD))
    return TaskHolder::Wrapper;
  return TaskHolder::None;
}

/// Does \p MD of a class, through what it calls on `this`, call \p Name
/// (join, detach) on a std::thread member of that class?
bool MemberTaskIndex::endsOwnThread(const CXXMethodDecl *MD, StringRef Name) const {
  const FunctionDecl *Body = nullptr;
  if (!MD || !MD->hasBody(Body) || Body->isDefaulted())
    return false;
  ThisReach R = reach(MD);
  for (const FieldDecl *F : MD->getParent()->fields())
    if (isStdClass(F->getType().getCanonicalType()->getAsCXXRecordDecl(), "thread") &&
        callsOn(R, F, Name))
      return true;
  return false;
}

/// A class whose written destructor joins a std::thread member of its own.
bool MemberTaskIndex::wrapperJoins(const CXXRecordDecl *RD) const {
  return endsOwnThread(RD->getDefinition()->getDestructor(), "join");
}

bool MemberTaskIndex::destructorDetaches(const CXXRecordDecl *RD) const {
  RD = RD ? RD->getDefinition() : nullptr;
  return RD && !RD->isInStdNamespace() && endsOwnThread(RD->getDestructor(), "detach");
}

bool MemberTaskIndex::methodJoins(const CXXMethodDecl *MD) const {
  return endsOwnThread(MD, "join");
}

/// Does a function of \p R call a method of `Holder` that \p Pred accepts?
static bool
callsOnHolder(const ModelIndex &Models, const ThisReach &R,
              const FieldDecl *Holder,
              llvm::function_ref<bool(const CXXMethodDecl *)> Pred) {
  for (const FunctionDecl *FD : R.Functions)
    for (const EntryCall &C : entryRecord(Models, FD).calls()) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call);
      const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
      if (MD && memberOfThis(MC->getImplicitObjectArgument()) == Holder &&
          Pred(MD))
        return true;
    }
  return false;
}

/// Does a function of \p R call `Holder.Name()`?
bool MemberTaskIndex::callsOn(const ThisReach &R, const FieldDecl *Holder,
                              StringRef Name) const {
  return callsOnHolder(Models, R, Holder, [Name](const CXXMethodDecl *MD) {
    return MD->getIdentifier() && MD->getName() == Name;
  });
}

/// Does a function of \p R join the task in \p Holder: `Holder.join()`,
/// or a call of a wrapper method that joins the wrapper's own thread.
bool MemberTaskIndex::joinsHolder(const ThisReach &R, const FieldDecl *Holder,
                                  TaskHolder Kind) const {
  return callsOnHolder(Models, R, Holder, [&](const CXXMethodDecl *MD) {
    return Kind != TaskHolder::Wrapper
               ? MD->getIdentifier() && MD->getName() == "join"
               : methodJoins(MD);
  });
}

bool MemberTaskIndex::destructorEnds(const CXXRecordDecl *RD,
                                     const FieldDecl *Holder) const {
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || Dtor->isImplicit() || Dtor->isDefaulted() ||
      Dtor->getCanonicalDecl()->isDefaulted())
    return false;
  const FunctionDecl *Body = nullptr;
  if (!Dtor->hasBody(Body))
    return true; // written in another unit: we cannot tell
  if (Body->isDefaulted())
    return false;
  ThisReach R = reach(Dtor);
  return R.Opaque || joinsHolder(R, Holder, holderKind(Holder));
}

/// The starts of tasks into \p RD's members: constructor initialisers,
/// and calls on the member (`w_.launch(...)`, `t_ = std::thread(...)`)
/// in any method, that hand it an entry using `this`.
void MemberTaskIndex::collect(const CXXRecordDecl *RD) {
  llvm::SmallVector<std::pair<const FieldDecl *, TaskHolder>, 4> Holders;
  for (const FieldDecl *F : RD->fields())
    if (TaskHolder K = holderKind(F); K != TaskHolder::None)
      Holders.push_back({F, K});
  if (Holders.empty())
    return;
  auto kindOf = [&](const FieldDecl *F) {
    for (const auto &H : Holders)
      if (H.first == F)
        return H.second;
    return TaskHolder::None;
  };
  for (const auto &[F, K] : Holders) // `std::jthread w_{[this] { ... }};`
    if (F->hasInClassInitializer())
      if (const FunctionDecl *E = entryIn(F->getInClassInitializer()))
        Tasks.push_back({F, K, F->getInClassInitializer(), nullptr, E});
  for (const CXXMethodDecl *MD : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!MD->hasBody(Def) || Def->isDependentContext())
      continue;
    if (const auto *CD = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : CD->inits())
        if (TaskHolder K = kindOf(Init->getMember()); K != TaskHolder::None)
          if (const FunctionDecl *E = entryIn(Init->getInit()))
            Tasks.push_back({Init->getMember(), K, Init->getInit(), Def, E});
    for (const EntryCall &C : entryRecord(Models, Def).calls()) {
      const FieldDecl *F = memberOfThis(objectOf(C.Call));
      TaskHolder K = F ? kindOf(F) : TaskHolder::None;
      if (K == TaskHolder::None)
        continue;
      for (const Expr *Arg : C.Call->arguments())
        if (const FunctionDecl *E = Arg != objectOf(C.Call) ? entryIn(Arg) : nullptr) {
          Tasks.push_back({F, K, C.Call, Def, E});
          break;
        }
    }
  }
}

} // namespace taskleak
