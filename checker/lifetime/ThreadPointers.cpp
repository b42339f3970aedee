//===- ThreadPointers.cpp - the std::thread a unique_ptr holds ------------===//
//
// Implements ThreadPointers.h: which unique_ptr calls delete the held
// pointer, and where the unique_ptr keeps it.
//
//===----------------------------------------------------------------------===//

#include "ThreadPointers.h"
#include "ExprNames.h"
#include "RegionNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;
using namespace ento;

namespace taskleak {
namespace {

/// std::unique_ptr<std::thread> (or of a std::jthread, whose destructor
/// joins: StdThreadChecker never reports those).
bool isThreadUniquePtr(const CXXRecordDecl *RD) {
  const auto *TS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!TS || !TS->isInStdNamespace() || !TS->getIdentifier() ||
      TS->getName() != "unique_ptr" || TS->getTemplateArgs().size() < 1)
    return false;
  const TemplateArgument &Arg = TS->getTemplateArgs()[0];
  return Arg.getKind() == TemplateArgument::Type &&
         isStdThreadClass(Arg.getAsType()->getAsCXXRecordDecl());
}

/// The member of \p Obj (through members and bases, a few levels down)
/// that holds a `std::thread *`: where the unique_ptr keeps its pointer.
const MemRegion *pointerSlot(const TypedValueRegion *Obj, MemRegionManager &MRM,
                             unsigned Depth) {
  const CXXRecordDecl *RD = Obj->getValueType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || Depth > 6)
    return nullptr;
  for (const FieldDecl *F : RD->fields()) {
    QualType T = F->getType();
    const FieldRegion *FR = MRM.getFieldRegion(F, Obj);
    if (T->isPointerType() &&
        isStdThreadClass(T->getPointeeType()->getAsCXXRecordDecl()))
      return FR;
    if (T->isRecordType())
      if (const MemRegion *R = pointerSlot(FR, MRM, Depth + 1))
        return R;
  }
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
    if (!Base || B.isVirtual())
      continue;
    if (const MemRegion *R = pointerSlot(
            MRM.getCXXBaseObjectRegion(Base, Obj, /*IsVirtual=*/false), MRM,
            Depth + 1))
      return R;
  }
  return nullptr;
}

/// The thread object the unique_ptr at \p Obj points to, or null.
const MemRegion *heldThread(const MemRegion *Obj, CheckerContext &C) {
  const auto *TR = dyn_cast_or_null<TypedValueRegion>(Obj);
  const MemRegion *Slot =
      TR ? pointerSlot(TR, C.getStoreManager().getRegionManager(), 0) : nullptr;
  const MemRegion *Held = Slot ? C.getState()->getSVal(Slot).getAsRegion() : nullptr;
  return Held ? Held->StripCasts(false) : nullptr;
}

/// The unique_ptr<std::thread> a member call or a destructor acts on.
const MemRegion *threadPointerOf(const CallEvent &Call) {
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Call.getDecl());
  if (!IC || !MD || !isThreadUniquePtr(MD->getParent()))
    return nullptr;
  const MemRegion *R = IC->getCXXThisVal().getAsRegion();
  return R ? R->StripCasts(false) : nullptr;
}

/// Does \p Call delete what its unique_ptr holds: reset(), an assignment
/// (from another unique_ptr or nullptr), the destructor?
bool deletesHeld(const CallEvent &Call) {
  const auto *MD = cast<CXXMethodDecl>(Call.getDecl());
  if (isa<CXXDestructorCall>(Call))
    return true;
  if (MD->isMoveAssignmentOperator() ||
      MD->getOverloadedOperator() == OO_Equal)
    return true;
  return MD->getIdentifier() && MD->getName() == "reset";
}

/// What \p Call puts in its place: the pointer given to reset(q), or the
/// one the source of an assignment holds (null for nullptr, for none).
const MemRegion *replacement(const CallEvent &Call, CheckerContext &C) {
  if (Call.getNumArgs() != 1)
    return nullptr;
  SVal Arg = Call.getArgSVal(0);
  const MemRegion *R = Arg.getAsRegion();
  if (!R)
    return nullptr;
  R = R->StripCasts(false);
  if (Call.getArgExpr(0)->getType()->isPointerType())
    return R;
  return heldThread(R, C);
}

} // namespace

const MemRegion *threadDeletedBy(const CallEvent &Call, CheckerContext &C,
                                 std::string &Name) {
  const MemRegion *Ptr = threadPointerOf(Call);
  if (!Ptr || !deletesHeld(Call))
    return nullptr;
  // A local's scope end: LocalContainers.cpp reports it from the source.
  if (isa<CXXDestructorCall>(Call) && isa<VarRegion>(Ptr))
    return nullptr;
  const MemRegion *Held = heldThread(Ptr, C);
  if (!Held || Held == replacement(Call, C)) // p.reset(p.get()), p = std::move(p)
    return nullptr;
  std::string PtrName = describeRegion(Ptr, /*BareMember=*/true);
  Name = PtrName.empty() ? "" : "*" + PtrName;
  return Held;
}

} // namespace taskleak
