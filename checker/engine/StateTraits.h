//===- StateTraits.h - removals that leave no empty entry behind -*- C++ -*-===//
//
// clang's ProgramState::remove<T>(Key) has two habits that cost the analyzer
// dearly when two dozen checkers use it at every dead-symbol step:
//   - removing the last element leaves the trait's entry in the state,
//     holding the empty map: a null root;
//   - removing from a trait the state never had adds such an entry.
// A state with a null entry says the same as one without it, yet the two
// differ, so paths that once tracked something never merge with paths that
// never did (18% more nodes on mosquitto's mosquitto_loop_forever), and each
// no-op removal interns a new state that is dropped a step later.
//
// Every family removes through `without`: no-op removals return the state
// itself, and the last removal drops the entry.  lit lifetime/paths-merge.c
// holds the merge.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_STATETRAITS_H
#define TASKLEAK_ENGINE_STATETRAITS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace taskleak {

/// State without Key in the map or set trait T, and without T's entry once
/// it is empty.
template <typename T>
clang::ento::ProgramStateRef
without(clang::ento::ProgramStateRef State,
        typename clang::ento::ProgramStateTrait<T>::key_type Key) {
  if (!State->template contains<T>(Key))
    return State;
  State = State->template remove<T>(Key);
  if (State->template get<T>().isEmpty())
    return State->template remove<T>();
  return State;
}

} // namespace taskleak

#endif
