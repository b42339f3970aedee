//===- MembershipGuard.h - callbacks that check their data is alive -*- C++ -*-===//
//
// GLib code often keeps its live objects in a global list and lets a timer
// callback check, before anything else, that its data is still there:
//
//   static gboolean timeout_auto_reconnect (server *serv) {
//     if (is_server (serv)) { ... serv->... }      // g_slist_find (serv_list, serv)
//     return 0;
//   }
//   void server_free (server *serv) {
//     serv_list = g_slist_remove (serv_list, serv); ... g_free (serv);
//   }
//
// The callback never reads freed memory: the owner took the object out of
// the list first.  TL301 (a pending timer whose data is freed) is then no
// bug on a path that removed the data from the container the callback
// checks.  Both halves come from the models (roles list_find and
// list_remove); nothing is trusted on a path that did not remove it, or
// for a callback that uses its data before (or without) the check.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_TIMER_MEMBERSHIPGUARD_H
#define TASKLEAK_TIMER_MEMBERSHIPGUARD_H

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace clang {
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;

/// The global container \p CB (a timer callback whose last parameter is its
/// data) finds its data in before it uses it at all, returning otherwise;
/// null when it has no such guard.
const clang::VarDecl *livenessContainer(const clang::FunctionDecl *CB,
                                        const ModelIndex &Models);

/// After a list_remove call: its element (argument 1) was taken out of the
/// global container named by argument 0.
clang::ento::ProgramStateRef noteRemoval(const clang::ento::CallEvent &Call,
                                         clang::ento::ProgramStateRef State);

/// The global container the object at \p Obj (a base region) was removed
/// from on this path, or null.
const clang::VarDecl *removedFrom(clang::ento::ProgramStateRef State,
                                  const clang::ento::MemRegion *Obj);

} // namespace taskleak

#endif
