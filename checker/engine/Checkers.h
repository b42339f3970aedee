//===- Checkers.h - the names of the checkers clang sees --------*- C++ -*-===//
//
// `<Id>Name` for every row of Checkers.def (`UnjoinedTaskName` is
// "taskleak.lifetime.UnjoinedTask"): what a family binds its registration
// function to and reads its options under.  Names and rule ids agree with
// rules/catalog.json.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_CHECKERS_H
#define TASKLEAK_ENGINE_CHECKERS_H

namespace taskleak {

#define CHECKER(Id, FullName, RuleId, Hidden, Description)                     \
  inline constexpr const char *Id##Name = FullName;
#include "Checkers.def"

} // namespace taskleak

#endif
