//===- StarterFlags.h - the owner's own "started" flags ---------*- C++ -*-===//
//
// A path of an owner-ending function that skips the join is trusted as
// "the owner says no task was started" only when the flag it tested is one
// the starting function keeps: a field of the owner that the function
// filling the handle field assigns (`s->started = 1` after the spawn,
// `mosq->threaded = mosq_ts_self` before it, `s->running = 0` when it
// fails).  Any other field tested on the path (`if (mosq->sock != -1)` in
// mosquitto__destroy) says nothing about the thread.  The starting function
// is read here when the unit has its body, else from the project model's
// owner row ("flags", written by `taskleak models infer`).  A C++ class's
// member that the class initialises itself (`bool started_ = false`, a
// constructor) is its own state and counts too.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_STARTERFLAGS_H
#define TASKLEAK_ENGINE_STARTERFLAGS_H

namespace clang {
class FieldDecl;
} // namespace clang

namespace taskleak {

struct OwnerField;

/// Does the function that starts \p OF's task assign \p Flag?
bool starterWritesFlag(const OwnerField &OF, const clang::FieldDecl *Flag);

} // namespace taskleak

#endif
