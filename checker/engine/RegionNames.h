//===- RegionNames.h - the source spelling of a memory region ---*- C++ -*-===//
//
// Messages name the object involved ("handle 's.listener'", "std::thread
// 'w.worker'"), an expression or a function; every family spells them the
// same way here.  (MemRegion::getDescriptiveName recurses without end on
// some symbolic indices in clang 14.)
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_REGIONNAMES_H
#define TASKLEAK_ENGINE_REGIONNAMES_H

#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"

#include <string>

namespace taskleak {

/// "t", "s.listener", "p->tid", "t[1]", "*out", or "" when the region has no
/// source spelling.  With \p BareMember, a member of an object that cannot
/// be named (`this`, a heap block) is spelled by its field name alone.
std::string describeRegion(const clang::ento::MemRegion *R, bool BareMember,
                           unsigned Depth = 0);

/// \p E as clang prints it (`s->tid`, `&w`), or "" for null.
std::string exprSpelling(const clang::Expr *E);

/// "'worker'", or "an unknown function" for null.
std::string quotedFunction(const clang::FunctionDecl *FD);

} // namespace taskleak

#endif
