//===- TopLevelEnders.h - owner enders analysed on their own ----*- C++ -*-===//
//
// The lifetime checker judges an owner-ending function (OwnerIndex.h) when
// the engine analyses it as a top-level function, with the owner's handle
// fields assumed live.  The engine analyses a function at the top only if
// no other analysis inlined it: mosquitto_new calls mosquitto_destroy on its
// error path, so the ender was only ever seen inside the constructor, on an
// object whose thread was never started, and the loop-thread bug (upstream
// #2377 / #2905 / #3207) was never looked for.
//
// So a call to an owner ender whose owner holds no handle this path tracks
// is evaluated here, conservatively (as an unknown call), instead of being
// inlined: the ender then stays unvisited and gets its own top-level
// analysis.  Where the caller's path does track a handle of the owner
// (server_start(s); server_free(s);) the ender is inlined as before, with
// that context.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_TOPLEVELENDERS_H
#define TASKLEAK_LIFETIME_TOPLEVELENDERS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

namespace taskleak {

class OwnerIndex;

/// The owner object (its base region) that \p Call hands to an owner ender
/// defined in this unit, whose owner type has a handle field the ender
/// must release (OwnerIndex::assumeLive); null when the call is none.
const clang::ento::MemRegion *
enderOwnerArg(const clang::ento::CallEvent &Call, const OwnerIndex &Owners);

/// Evaluates \p Call as the engine would an unknown function: its
/// arguments' memory invalidated (a pointer escape), a fresh return value.
void evalUnknownCall(const clang::ento::CallEvent &Call,
                     clang::ento::CheckerContext &C);

} // namespace taskleak

#endif
