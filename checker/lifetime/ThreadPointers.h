//===- ThreadPointers.h - the std::thread a unique_ptr holds ----*- C++ -*-===//
//
// Issue 15 item 2: a std::unique_ptr<std::thread> deletes the thread it
// holds in reset(), in an assignment (`p = std::make_unique<...>(...)`,
// `p = std::move(q)`, `p = nullptr`) and in its destructor.  Deleting a
// joinable std::thread calls std::terminate, as `delete` of a raw
// `new std::thread` does (TL103).
//
// The analyzer inlines the smart pointer's members (the store holds the
// pointer), but the `delete` then happens inside libstdc++'s
// default_delete, where reports are suppressed (system header).  So the
// check is made before the user's call, by its meaning: which calls delete
// the held pointer, and which thread object that pointer names, read from
// the unique_ptr's storage (its one raw pointer member, through its bases
// and members: libstdc++'s tuple, libc++'s compressed pair).
//
// std::shared_ptr is not modelled: its destructor deletes only when the
// count falls to zero, which the path does not know.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_THREADPOINTERS_H
#define TASKLEAK_LIFETIME_THREADPOINTERS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <string>

namespace taskleak {

/// The thread object that \p Call deletes when it is reset(), an
/// assignment or the destructor of a std::unique_ptr<std::thread> (null
/// otherwise, or when the pointer is null or unknown).  \p Name gets the
/// thread's spelling ("*p", "*t_").  A local unique_ptr's destructor is
/// left out: LocalContainers.cpp judges its scope end.
const clang::ento::MemRegion *
threadDeletedBy(const clang::ento::CallEvent &Call, clang::ento::CheckerContext &C,
                std::string &Name);

} // namespace taskleak

#endif
