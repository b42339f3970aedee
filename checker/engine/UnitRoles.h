//===- UnitRoles.h - the model roles a unit's code calls --------*- C++ -*-===//
//
// A family whose state only a modelled call of some role starts has nothing
// to do on any path of a unit that never calls one: ModelIndex::lookup
// finds rows only for C functions, by the declaration a call names, and a
// path of this unit only runs this unit's code.  So the roles of the
// functions the unit's expressions name (calls, and addresses taken for a
// call through a pointer) bound what its paths can meet.  A family asks
// once per unit (`UnitRoles::of`) and skips the bookkeeping its rules would
// only need after such a call; UnitGate.h subscribes a checker only when
// the unit calls one of its start roles.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_UNITROLES_H
#define TASKLEAK_ENGINE_UNITROLES_H

#include "ModelIndex.h"

#include <bitset>

namespace clang {
class ASTContext;
} // namespace clang

namespace taskleak {

class UnitRoles {
public:
  UnitRoles(clang::ASTContext &Ctx, const ModelIndex &Models);
  /// The unit's census, made once for every checker that asks.
  static const UnitRoles &of(clang::ASTContext &Ctx, const ModelIndex &Models);
  /// Can a path of this unit call a function of role \p R?
  bool calls(tl_role R) const { return Roles.test(R); }

private:
  std::bitset<TL_ROLE_COUNT_> Roles;
};

} // namespace taskleak

#endif
