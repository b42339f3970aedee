//===- UnitRoles.h - the model roles a unit's code calls --------*- C++ -*-===//
//
// A family whose state only a modelled call of some role starts has nothing
// to do on any path of a unit that never calls one: ModelIndex::lookup
// finds rows only for C functions declared at file scope, and a call in this
// unit names its declaration there.  So the roles of the file-scope
// functions the unit references (clang marks a declaration referenced when
// an expression names it) bound what its paths can meet.  A family asks
// `UnitCache<UnitRoles>` once per unit and skips the bookkeeping its rules
// would only need after such a call.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_UNITROLES_H
#define TASKLEAK_ENGINE_UNITROLES_H

#include "ModelIndex.h"
#include "PerUnit.h"

#include <bitset>

namespace clang {
class ASTContext;
class DeclContext;
} // namespace clang

namespace taskleak {

class UnitRoles {
public:
  UnitRoles(clang::ASTContext &Ctx, const ModelIndex &Models);
  /// Can a path of this unit call a function of role \p R?
  bool calls(tl_role R) const { return Roles.test(R); }

private:
  void scan(const clang::DeclContext *DC, const ModelIndex &Models);
  std::bitset<TL_ROLE_COUNT_> Roles;
};

} // namespace taskleak

#endif
