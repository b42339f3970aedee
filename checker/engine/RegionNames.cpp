//===- RegionNames.cpp - the source spelling of a memory region -----------===//
//
// Implements RegionNames.h: a region spelled as the source would
// (`s->tid`, `t[1]`, `*p`), or nothing when it has no name.  No state.
//
//===----------------------------------------------------------------------===//

#include "RegionNames.h"

#include "clang/AST/PrettyPrinter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

using namespace clang;
using namespace ento;

namespace taskleak {

/// "t", "w.worker", "p->worker", "worker" (a member, seen from inside its
/// class), "pool[2]", or "" when the region has no source spelling.
std::string describeRegion(const MemRegion *R, bool BareMember, unsigned Depth) {
  if (!R || Depth > 8)
    return "";
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl()->getNameAsString();
  if (isa<CXXThisRegion>(R))
    return "this";
  if (const auto *BR = dyn_cast<CXXBaseObjectRegion>(R))
    return describeRegion(BR->getSuperRegion(), BareMember, Depth + 1);
  if (const auto *DR = dyn_cast<CXXDerivedObjectRegion>(R))
    return describeRegion(DR->getSuperRegion(), BareMember, Depth + 1);
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    std::string Field = FR->getDecl()->getNameAsString();
    const MemRegion *Base = FR->getSuperRegion()->StripCasts(false);
    while (isa<CXXBaseObjectRegion, CXXDerivedObjectRegion>(Base))
      Base = cast<SubRegion>(Base)->getSuperRegion()->StripCasts(false);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Base)) {
      std::string Ptr;
      if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol()))
        Ptr = describeRegion(RV->getRegion(), BareMember, Depth + 1);
      if (Ptr == "this" || (Ptr.empty() && BareMember))
        return Field;
      return Ptr.empty() ? "" : Ptr + "->" + Field;
    }
    std::string B = describeRegion(Base, BareMember, Depth + 1);
    if (B.empty())
      return BareMember ? Field : "";
    return B + "." + Field;
  }
  if (const auto *ER = dyn_cast<ElementRegion>(R)) {
    if (isa<SymbolicRegion>(ER->getSuperRegion()) && ER->getIndex().isZeroConstant())
      return describeRegion(ER->getSuperRegion(), BareMember, Depth + 1);
    std::string B = describeRegion(ER->getSuperRegion(), BareMember, Depth + 1);
    if (B.empty())
      return "";
    if (auto CI = ER->getIndex().getAs<nonloc::ConcreteInt>())
      return B + "[" + std::to_string(CI->getValue().getExtValue()) + "]";
    return B + "[...]";
  }
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol())) {
      std::string Ptr = describeRegion(RV->getRegion(), BareMember, Depth + 1);
      return Ptr.empty() ? "" : "*" + Ptr;
    }
  return "";
}

std::string exprSpelling(const Expr *E) {
  if (!E)
    return "";
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  E->printPretty(OS, nullptr, PrintingPolicy(LangOptions()));
  return OS.str();
}

std::string quotedFunction(const FunctionDecl *FD) {
  return FD ? "'" + FD->getNameAsString() + "'" : "an unknown function";
}

} // namespace taskleak
