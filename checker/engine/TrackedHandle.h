//===- TrackedHandle.h - the handle typestate every family shares -*- C++ -*-===//
//
// Every family that follows a handle (a task id, a timer, a channel) keeps
// the same few facts beside its own states, and moves them the same way:
//
//   made by a modelled call (origin) ---- result tested ----> status settled
//        |                                   (withStatus(nullptr) / dropped)
//        | stored in a field or a global
//        v
//   handle region recorded (withHandle) -- bound into an object that
//        |                                 outlives the frame --> storedAway
//        | the handle's symbol dies, an obligation is left
//        v
//      lost (only what the family still owes is judged later)
//
// and drops a handle that escapes to code the analyzer cannot see.  A
// family's state derives from TrackedHandle<ItsState> and adds only its own
// kind and fields, listed once in `fields()` (StateFields.h): operator== and
// Profile are the handle's facts, then those.  The escape, dead-symbol and report loops over a family's
// REGISTER_MAP below are the same for every family.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_TRACKEDHANDLE_H
#define TASKLEAK_ENGINE_TRACKEDHANDLE_H

#include "StateFields.h"
#include "StateTraits.h"
#include "model.h"

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/FoldingSet.h"

namespace taskleak {

/// The facts every family keeps about one handle.  \p Self is the family's
/// state class, so that each step returns the family's own state.
template <typename Self> class TrackedHandle {
public:
  /// The model of the call that made the handle, for messages.
  const tl_fn_model *getOrigin() const { return Origin; }
  /// That call (pipe(), the spawn), where a report is uniqued.
  const clang::Expr *getSite() const { return Site; }
  /// Where the handle lives (an out-parameter, a field, the object itself).
  const clang::ento::MemRegion *getHandleRegion() const { return HandleRegion; }
  /// The expression that names the handle (&s->tid), for messages.
  const clang::Expr *getHandleExpr() const { return HandleExpr; }
  /// The value that tells whether the making (or releasing) call failed,
  /// until the path settles it (evalAssume, or the symbol dies).
  clang::ento::SymbolRef getStatus() const { return Status; }
  /// Stored where the owner cannot be followed (a field of an object that
  /// outlives this function): its owner decides.
  bool isStoredAway() const { return StoredAway; }
  /// The handle's symbol is dead; only what the family still owes is left.
  bool isHandleLost() const { return HandleLost; }

  /// Now stored in \p R (the expression naming it unchanged).
  Self withHandle(const clang::ento::MemRegion *R) const {
    Self S = self();
    S.HandleRegion = R;
    return S;
  }
  /// Now stored in \p R, which \p E names.
  Self withHandle(const clang::ento::MemRegion *R, const clang::Expr *E) const {
    Self S = withHandle(R);
    S.HandleExpr = E;
    return S;
  }
  /// Made by the call \p S.
  Self atSite(const clang::Expr *S) const {
    Self Copy = self();
    Copy.Site = S;
    return Copy;
  }
  Self withStatus(clang::ento::SymbolRef St) const {
    Self S = self();
    S.Status = St;
    return S;
  }
  Self storedAway() const {
    Self S = self();
    S.StoredAway = true;
    return S;
  }
  Self lost() const {
    Self S = self();
    S.HandleLost = true;
    return S;
  }
  /// A copy with the family's own field \p F set to \p V.
  template <typename T, typename V> Self with(T Self::*F, V Value) const {
    Self S = self();
    S.*F = Value;
    return S;
  }

  /// The handle's facts, then the family's `fields()`.
  bool operator==(const Self &O) const {
    return sameHandle(O) && self().fields() == O.fields();
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    profileHandle(ID);
    profileFields(ID, self().fields());
  }

protected:
  explicit TrackedHandle(const tl_fn_model *Origin = nullptr,
                         const clang::Expr *Site = nullptr,
                         const clang::ento::MemRegion *HandleRegion = nullptr,
                         const clang::Expr *HandleExpr = nullptr,
                         clang::ento::SymbolRef Status = nullptr)
      : Origin(Origin), Site(Site), HandleRegion(HandleRegion),
        HandleExpr(HandleExpr), Status(Status) {}

  bool sameHandle(const TrackedHandle &O) const {
    return Origin == O.Origin && Site == O.Site && HandleRegion == O.HandleRegion &&
           HandleExpr == O.HandleExpr && Status == O.Status &&
           StoredAway == O.StoredAway && HandleLost == O.HandleLost;
  }
  void profileHandle(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Origin);
    ID.AddPointer(Site);
    ID.AddPointer(HandleRegion);
    ID.AddPointer(HandleExpr);
    ID.AddPointer(Status);
    ID.AddBoolean(StoredAway);
    ID.AddBoolean(HandleLost);
  }

  const tl_fn_model *Origin;
  const clang::Expr *Site;
  const clang::ento::MemRegion *HandleRegion;
  const clang::Expr *HandleExpr;
  clang::ento::SymbolRef Status;
  bool StoredAway = false;
  bool HandleLost = false;

private:
  const Self &self() const { return static_cast<const Self &>(*this); }
};

/// What checkBind's `lhs = handle` binds: the handle's symbol, the region
/// it is bound to, and the state its family keeps for it.
template <typename StatePtr> struct BoundHandle {
  clang::ento::SymbolRef Sym;
  const clang::ento::MemRegion *R;
  StatePtr TS; ///< null when the value is no handle the family tracks
};

/// `lhs = handle`: \p Val bound to \p Loc, with the state \p Map keeps for
/// it (null as well when \p Loc is no region).
template <typename Map>
auto boundHandle(clang::ento::ProgramStateRef State, clang::ento::SVal Loc,
                 clang::ento::SVal Val) {
  clang::ento::SymbolRef Sym = Val.getAsSymbol();
  const clang::ento::MemRegion *R = Loc.getAsRegion();
  auto TS = Sym && R ? State->template get<Map>(Sym) : nullptr;
  return BoundHandle<decltype(TS)>{Sym, R, TS};
}

/// A handle bound (PSK_EscapeOnBind) into memory that is not a global is
/// stored away, not lost: the owner object decides its fate.  A global is
/// out of sight altogether.
inline bool storedOnBind(clang::ento::PointerEscapeKind Kind,
                         const clang::ento::MemRegion *Handle) {
  return Kind == clang::ento::PSK_EscapeOnBind && Handle &&
         !llvm::isa<clang::ento::GlobalsSpaceRegion>(Handle->getMemorySpace());
}

/// The escape step over a family's map \p Map (keyed by the handle symbol):
/// a handle bound into an object is stored away; any other escaping handle
/// is dropped, unless \p Keep says the family still needs it.
template <typename Map, typename KeepFn>
clang::ento::ProgramStateRef
escapeHandles(clang::ento::ProgramStateRef State,
              const clang::ento::InvalidatedSymbols &Escaped,
              clang::ento::PointerEscapeKind Kind, KeepFn Keep) {
  for (clang::ento::SymbolRef Sym : Escaped) {
    const auto *TS = State->template get<Map>(Sym);
    if (!TS)
      continue;
    if (storedOnBind(Kind, TS->getHandleRegion()))
      State = State->template set<Map>(Sym, TS->storedAway());
    else if (!Keep(*TS))
      State = without<Map>(State, Sym);
  }
  return State;
}

/// The dead-symbol step for one dying handle of \p Map: it stays, marked
/// lost, while the family still owes something for it (\p Owes), else it
/// goes.
template <typename Map, typename State_>
clang::ento::ProgramStateRef retire(clang::ento::ProgramStateRef State,
                                    clang::ento::SymbolRef Sym,
                                    const State_ &TS, bool Owes) {
  if (Owes)
    return State->template set<Map>(Sym, TS.lost());
  return without<Map>(State, Sym);
}

/// Moves to \p State; when there is \p Any finding, at one non-fatal error
/// node, where \p Report(N) reports them all.
template <typename ReportFn>
void reportAt(clang::ento::CheckerContext &C, clang::ento::ProgramStateRef State,
              bool Any, ReportFn Report, const clang::ento::NoteTag *Tag = nullptr) {
  if (!Any) {
    C.addTransition(State, Tag);
    return;
  }
  if (clang::ento::ExplodedNode *N = C.generateNonFatalErrorNode(State, Tag))
    Report(N);
}

/// Reports every finding in \p Found at one non-fatal error node (or just
/// moves to \p State when there is none, or the rule is off).
template <typename List, typename ReportFn>
void reportAll(clang::ento::CheckerContext &C, clang::ento::ProgramStateRef State,
               const List &Found, bool Enabled, ReportFn Report,
               const clang::ento::NoteTag *Tag = nullptr) {
  reportAt(
      C, State, Enabled && !Found.empty(),
      [&](clang::ento::ExplodedNode *N) {
        for (const auto &F : Found)
          Report(F, N);
      },
      Tag);
}

} // namespace taskleak

#endif
