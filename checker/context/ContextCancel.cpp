//===- ContextCancel.cpp - TL401: a cancellation not given ----------------===//
//
// TL401 CancelNotCalled, Go's lostcancel for C and C++:
//
//   joinWithoutStop     a join (cancel_join) of a task whose body ends on its
//                       stop token, on a path with no request for that stop
//                       (the task's own request_stop, its stop source's, a
//                       helper that does it, or the task handed elsewhere)
//   connectedDataFreed  the data of a handler connected to a cancellation
//                       handle (cancel_connect) freed on a path with no
//                       disconnect: in the same function, or in a function
//                       that frees a struct the unit connects handlers with
//   deadlinePending     a handle released (cancel_release) while a timeout
//                       source armed to cancel it (timer_create whose callback
//                       cancels its data) has not been removed
//
//===----------------------------------------------------------------------===//

#include "ContextBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

using namespace clang;

namespace taskleak {

namespace {

/// Whether \p E hands the source \p StopBy itself to a call: handing on a
/// token taken from it (`source.get_token()`, as the spawn does) cannot stop.
bool handsSource(const ContextBody &B, const Expr *E, const ValueDecl *StopBy) {
  if (!StopBy || !isa<CallExpr, CXXConstructExpr>(E))
    return false;
  for (const Expr *A : ContextModels::args(E))
    if (B.Index.subjectOf(A) == StopBy && !anyWithin(A, [&](const Stmt *X) {
          const auto *C = dyn_cast<Expr>(X);
          return C && B.models().is(C, TL_ROLE_CANCEL_GET);
        }))
      return true;
  return false;
}

/// Whether \p S requests the stop of \p Subject, or of \p StopBy (the
/// source a std::thread's token came from), or hands either elsewhere.
bool settlesStop(const ContextBody &B, const Stmt *S, const ValueDecl *Subject,
                 const ValueDecl *StopBy, const Expr *Join) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E || E == Join)
    return false;
  auto Either = [&](const ValueDecl *D) {
    return D && (D == Subject || D == StopBy);
  };
  const tl_fn_model *M = B.models().lookup(E);
  if (M && M->role == TL_ROLE_CANCEL)
    return Either(B.Index.subjectOf(ContextModels::handleExpr(E, *M)));
  if (M && M->role == TL_ROLE_CANCEL_JOIN)
    return false;
  return B.callsHelper(S, [&](const FunctionEffects &F) {
           return F.Stops.count(Subject) != 0 ||
                  (StopBy && F.Stops.count(StopBy) != 0);
         }) ||
         B.passes(S, Subject) || handsSource(B, E, StopBy);
}

/// Whether a path skips a range-for over the tasks' own container: with no
/// task to stop there is none to join either (`for (auto &t : pool)
/// t.request_stop(); for (auto &t : pool) t.join();`).
bool skipsLoopOver(const ContextBody &B, const std::vector<PathBranch> &Path,
                   const ValueDecl *Subject) {
  for (const PathBranch &Br : Path)
    if (const auto *FR =
            dyn_cast_or_null<CXXForRangeStmt>(Br.Block->getTerminatorStmt()))
      if (!Br.TookTrue && B.Index.subjectOf(FR->getRangeInit()) == Subject)
        return true;
  return false;
}

void joinWithoutStop(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::CancelNotCalled) || !B.cfg())
    return;
  for (const BodyCall *J : B.withRole(TL_ROLE_CANCEL_JOIN)) {
    const Expr *Obj = ContextModels::handleExpr(J->Call, *J->Model);
    const ValueDecl *Subject = B.Index.subjectOf(Obj);
    const StoppableTask *T = B.Index.taskOf(Subject);
    if (!T)
      continue;
    std::vector<PathBranch> Path;
    if (!findUnsettledPath(*B.cfg(), nullptr, J->Call,
                           [&](const Stmt *S) {
                             return settlesStop(B, S, Subject, T->StopBy,
                                                J->Call);
                           },
                           Path) ||
        skipsLoopOver(B, Path, Subject))
      continue;
    std::string Name = R.spell(Obj), Tok = nameOf(T->Token);
    R.note(T->Spawn, "'" + Name + "' started here" +
                         (T->StartedIn ? " in '" + nameOf(T->StartedIn) + "'" : "") +
                         "; its body runs until stop token '" + Tok +
                         "' is stopped")
        .branches(Path)
        .note(J->Call, "Joined here; no stop was requested on this path");
    R.emit(ContextReport::CancelNotCalled, J->Call,
           "'" + Name + "' is joined without a stop request: its body ends "
           "only when its stop token '" + Tok + "' is stopped, so the join "
           "waits forever");
  }
}

bool settlesConnection(const ContextBody &B, const Stmt *S) {
  const auto *E = dyn_cast<Expr>(S);
  return (E && B.models().is(E, TL_ROLE_CANCEL_DISCONNECT)) ||
         B.callsHelper(S, [](const FunctionEffects &F) { return F.Disconnects; });
}

/// The variable or field a connect's id is kept in, if any.
const Decl *idOf(const ContextBody &B, const Expr *Connect) {
  const Stmt *P = B.ADC->getParentMap().getParentIgnoreParenCasts(Connect);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->isAssignmentOp())
      return B.Index.subjectOf(BO->getLHS());
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    return DS->getSingleDecl();
  return nullptr;
}

/// Whether a path tests the connection id (`if (id)`): the report would
/// then rest on an infeasible path.
bool pathTests(const std::vector<PathBranch> &Path, const Decl *Id) {
  for (const PathBranch &Br : Path)
    if (const Expr *Cond = branchCondition(Br))
      if (Id && (mentionsDecl(Cond, Id) ||
                 (isa<FieldDecl>(Id) && mentionsField(Cond, cast<FieldDecl>(Id)))))
        return true;
  return false;
}

/// The object a free or release call gives up, or null.
const Expr *releasedObject(const BodyCall &C) {
  const tl_fn_model *M = C.Model;
  if (!M)
    return nullptr;
  llvm::ArrayRef<const Expr *> Args = ContextModels::args(C.Call);
  int I = M->role == TL_ROLE_FREE             ? M->object_arg
          : M->role == TL_ROLE_CANCEL_RELEASE ? M->handle_arg
                                              : -1;
  return I >= 0 && static_cast<size_t>(I) < Args.size() ? Args[I] : nullptr;
}

void reportFreedData(const ContextBody &B, ContextReport &R, const BodyCall &F,
                     const Expr *Connect, const tl_fn_model &CM,
                     const std::vector<PathBranch> &Path, const char *Where) {
  const Expr *Obj = releasedObject(F);
  llvm::ArrayRef<const Expr *> A = ContextModels::args(Connect);
  const FunctionDecl *Handler =
      CM.entry_arg < static_cast<int>(A.size())
          ? ContextIndex::callableOf(A[CM.entry_arg]) : nullptr;
  std::string H = Handler ? "'" + nameOf(Handler) + "'" : "its handler";
  R.note(Connect, "Cancellation handler " + H + " connected here with '" +
                      R.spell(A[CM.entry_param_arg]) + "' as its data" + Where)
      .branches(Path)
      .note(F.Call, "Freed here; the handler was not disconnected on this path");
  // Inside a macro (g_clear_pointer(&d, g_free)) the freed expression is
  // the macro's temporary: name what it holds.
  std::string What = Obj->getBeginLoc().isMacroID()
                         ? nameOf(B.Index.subjectOf(Obj)) : R.spell(Obj);
  R.emit(ContextReport::CancelNotCalled, F.Call,
         "'" + What + "' is freed while cancellation handler " + H +
             " may still run with it: the handler is never disconnected on "
             "this path");
}

void connectedDataFreed(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::CancelNotCalled) || !B.cfg())
    return;
  std::vector<const BodyCall *> Frees = B.withRole(TL_ROLE_FREE);
  for (const BodyCall *Rel : B.withRole(TL_ROLE_CANCEL_RELEASE))
    Frees.push_back(Rel);
  for (const BodyCall *C : B.withRole(TL_ROLE_CANCEL_CONNECT)) {
    const tl_fn_model &M = *C->Model;
    llvm::ArrayRef<const Expr *> A = ContextModels::args(C->Call);
    if (M.entry_param_arg < 0 || static_cast<size_t>(M.entry_param_arg) >= A.size())
      continue;
    const ValueDecl *Data = B.Index.subjectOf(A[M.entry_param_arg]);
    // Releasing the handle itself first takes its handlers with it.
    const ValueDecl *Handle = B.Index.subjectOf(ContextModels::handleExpr(C->Call, M));
    auto Settles = [&](const Stmt *S) {
      if (const auto *E = dyn_cast<Expr>(S))
        if (const tl_fn_model *RM = B.models().lookup(E);
            RM && RM->role == TL_ROLE_CANCEL_RELEASE && Handle &&
            B.Index.subjectOf(ContextModels::handleExpr(E, *RM)) == Handle)
          return true;
      return settlesConnection(B, S);
    };
    for (const BodyCall *F : Frees) {
      std::vector<PathBranch> Path;
      if (!Data || B.Index.subjectOf(releasedObject(*F)) != Data ||
          !findUnsettledPath(*B.cfg(), C->Call, F->Call, Settles, Path) ||
          pathTests(Path, idOf(B, C->Call)))
        continue;
      reportFreedData(B, R, *F, C->Call, M, Path, "");
      break;
    }
  }
  // The owner-object form: a function freeing (g_free, free: not an unref,
  // which may not be the last) a struct that the unit's handlers are
  // connected with, elsewhere, as their data.  A handle connected with
  // itself as its data is not an owner.
  auto Settles = [&](const Stmt *S) { return settlesConnection(B, S); };
  for (const BodyCall *F : B.withRole(TL_ROLE_FREE)) {
    const Expr *Obj = releasedObject(*F);
    const auto *P = Obj ? dyn_cast_or_null<ParmVarDecl>(B.Index.subjectOf(Obj)) : nullptr;
    QualType T = P ? P->getType() : QualType();
    const RecordDecl *RD = !T.isNull() && T->isPointerType()
                               ? T->getPointeeType()->getAsRecordDecl() : nullptr;
    const Connection *Conn = RD && !B.models().isHandleType(T)
                                 ? B.Index.connectionFor(RD) : nullptr;
    std::vector<PathBranch> Path;
    if (!Conn || Conn->In == B.FD ||
        !findUnsettledPath(*B.cfg(), nullptr, F->Call, Settles, Path) ||
        pathTests(Path, Conn->IdField))
      continue;
    const tl_fn_model *CM = B.models().lookup(Conn->Call);
    std::string Where = Conn->In ? " in '" + nameOf(Conn->In) + "'" : "";
    reportFreedData(B, R, *F, Conn->Call, *CM, Path, Where.c_str());
  }
}

/// Whether \p Entry, a timer callback, cancels a handle (its data).
bool cancelsItsData(const ContextBody &B, const FunctionDecl *Entry) {
  if (!Entry || !Entry->hasBody())
    return false;
  return anyWithin(Entry->getBody(), [&](const Stmt *S) {
    const auto *E = dyn_cast<Expr>(S);
    return E && B.models().is(E, TL_ROLE_CANCEL);
  });
}

void deadlinePending(const ContextBody &B, ContextReport &R) {
  if (!R.enabled(ContextReport::CancelNotCalled) || !B.cfg())
    return;
  for (const BodyCall *T : B.withRole(TL_ROLE_TIMER_CREATE)) {
    const tl_fn_model &M = *T->Model;
    llvm::ArrayRef<const Expr *> A = ContextModels::args(T->Call);
    if (M.entry_arg < 0 || M.entry_param_arg < 0 ||
        static_cast<size_t>(std::max(M.entry_arg, M.entry_param_arg)) >= A.size())
      continue;
    const FunctionDecl *Entry = ContextIndex::callableOf(A[M.entry_arg]);
    const ValueDecl *Handle = B.Index.subjectOf(A[M.entry_param_arg]);
    if (!Handle || !B.models().isHandleType(Handle->getType()) ||
        !cancelsItsData(B, Entry))
      continue;
    const Decl *Id = idOf(B, T->Call);
    auto Settles = [&](const Stmt *S) {
      const auto *E = dyn_cast<Expr>(S);
      return (E && B.models().is(E, TL_ROLE_TIMER_FREE)) ||
             B.callsHelper(S, [](const FunctionEffects &F) { return F.RemovesSource; }) ||
             (Id && isa<ValueDecl>(Id) && B.passes(S, cast<ValueDecl>(Id)));
    };
    for (const BodyCall *Rel : B.withRole(TL_ROLE_CANCEL_RELEASE)) {
      std::vector<PathBranch> Path;
      if (B.Index.subjectOf(releasedObject(*Rel)) != Handle ||
          !findUnsettledPath(*B.cfg(), T->Call, Rel->Call, Settles, Path))
        continue;
      R.note(T->Call, "Timeout armed here to cancel '" + nameOf(Handle) +
                          "' (calling '" + nameOf(Entry) + "')")
          .branches(Path)
          .note(Rel->Call, "Released here; the timeout was not removed on this path");
      R.emit(ContextReport::CancelNotCalled, Rel->Call,
             "Cancellation handle '" + nameOf(Handle) + "' is released while "
             "the timeout that cancels it ('" + nameOf(Entry) +
             "') is still pending");
      break;
    }
  }
}

const ContextRuleFn CancelRules[] = {joinWithoutStop, connectedDataFreed,
                                     deadlinePending};

} // namespace

llvm::ArrayRef<ContextRuleFn> cancelRules() { return CancelRules; }

} // namespace taskleak
