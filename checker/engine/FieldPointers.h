//===- FieldPointers.h - what a call can reach of an owner ------*- C++ -*-===//
//
// Two questions every owner-ending analysis asks about a call it cannot see
// into, answered once here (issue 12, "tracking that ends too early"):
//
//  - Can the call reach the owner's handle field?  `pthread_mutex_lock(
//    &q->mtx)` is given the address of another field of the owner.  In C a
//    pointer to one member reaches a sibling member only by pointer
//    arithmetic on the enclosing object (container_of); we do not follow
//    that idiom (it is used by intrusive lists and the like, not by code
//    that joins a thread or removes a source), so a call given only
//    addresses of other fields of the owner, and values that are no
//    pointers, leaves the handle field tracked.  Anything else it is given
//    (the owner itself, the handle field, a field that contains it, a
//    pointer to other memory that may point back) may reach it.
//
//  - Where does an indirect call through a function-pointer field go?
//    FieldTargets records every store to a function-pointer field in the
//    translation unit (`s->cleanup = srv_cleanup`, `{ .cleanup = f }`); a
//    field that only ever receives one function (or null) has that one
//    target, and an owner-ending function is analysed with the field bound
//    to it, so the analyzer inlines the call.  A field that receives two
//    functions, a parameter, or whose address is taken has no known target:
//    an indirect call through it is an unknown call (isUnresolvedIndirect),
//    and the precision policy stops tracking what it is given.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_FIELDPOINTERS_H
#define TASKLEAK_ENGINE_FIELDPOINTERS_H

#include "StateTraits.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
class RecordDecl;
} // namespace clang

namespace taskleak {

/// Can \p Call (an unknown call) reach the field region \p Field?  False only
/// when everything it is given is provably out of reach (see above).
bool callMayReach(clang::ento::ProgramStateRef State,
                  const clang::ento::CallEvent &Call,
                  const clang::ento::MemRegion *Field);

/// Drops from \p Map (keyed by a field region) every entry inside an object
/// whose pointer escaped to a call that may reach it (not the calls given
/// only other fields).
template <typename Map>
clang::ento::ProgramStateRef
forgetReachedObjects(clang::ento::ProgramStateRef State,
                     const clang::ento::InvalidatedSymbols &Escaped,
                     const clang::ento::CallEvent *Call) {
  for (const auto &E : State->template get<Map>())
    if (const auto *SR = llvm::dyn_cast<clang::ento::SymbolicRegion>(
            E.first->getBaseRegion()))
      if (Escaped.count(SR->getSymbol()) &&
          (!Call || callMayReach(State, *Call, E.first)))
        State = without<Map>(State, E.first);
  return State;
}

/// A call through a pointer whose target the analyzer does not know.
bool isUnresolvedIndirect(const clang::ento::CallEvent &Call);

/// Function-pointer fields whose only target the translation unit shows.
class FieldTargets {
public:
  explicit FieldTargets(clang::ASTContext &Ctx);

  /// The one function \p F ever receives, or null.
  const clang::FunctionDecl *onlyTarget(const clang::FieldDecl *F) const;

  /// Binds every function-pointer field of the owner \p OwnerPtr (of type
  /// \p RD) that has one target to that function.
  clang::ento::ProgramStateRef bindOwner(clang::ento::ProgramStateRef State,
                                         clang::ento::SVal OwnerPtr,
                                         const clang::RecordDecl *RD,
                                         clang::ento::CheckerContext &C) const;

private:
  /// Null: stored something unknown.
  llvm::DenseMap<const clang::FieldDecl *, const clang::FunctionDecl *> Targets;
};

/// The translation unit's FieldTargets, built once and shared by the
/// families.
const FieldTargets &fieldTargets(clang::ASTContext &Ctx);

} // namespace taskleak

#endif
