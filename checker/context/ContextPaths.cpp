//===- ContextPaths.cpp - is there a path that skips the cancel? ----------===//
//
// Implements ContextPaths.h: over a function's CFG, is there a path from a
// handle's creation to the function's end that never cancels it?  No path
// state: blocks are visited once.
//
//===----------------------------------------------------------------------===//

#include "ContextPaths.h"
#include "ExprNames.h"

#include "llvm/ADT/DenseMap.h"

#include <deque>

using namespace clang;

namespace taskleak {

namespace {

/// Where a statement sits in the CFG.
struct Place {
  const CFGBlock *Block = nullptr;
  unsigned Index = 0;
};

Place placeOf(const CFG &G, const Stmt *S) {
  for (const CFGBlock *B : G)
    for (unsigned I = 0; I < B->size(); ++I)
      if (auto CS = (*B)[I].getAs<CFGStmt>())
        if (CS->getStmt() == S)
          return {B, I};
  return {};
}

enum class Scan { Reached, Settled, Through };

/// Walks \p B's elements from \p Begin: does it reach To before settling?
Scan scanBlock(const CFGBlock *B, unsigned Begin, const Stmt *To,
               llvm::function_ref<bool(const Stmt *)> Settles) {
  for (unsigned I = Begin; I < B->size(); ++I)
    if (auto CS = (*B)[I].getAs<CFGStmt>()) {
      if (CS->getStmt() == To)
        return Scan::Reached;
      if (Settles(CS->getStmt()))
        return Scan::Settled;
    }
  return Scan::Through;
}

} // namespace

bool testsMacroTemporary(const Stmt *Cond) {
  return anyWithin(Cond, [](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    return DRE && isa<VarDecl>(DRE->getDecl()) &&
           DRE->getDecl()->getLocation().isMacroID();
  });
}

const Expr *branchCondition(const PathBranch &B) {
  if (B.Block->succ_size() != 2)
    return nullptr;
  const Stmt *T = B.Block->getTerminatorStmt();
  if (!T || isa<SwitchStmt>(T))
    return nullptr;
  return B.Block->getTerminatorCondition(/*StripParens=*/true)
             ? dyn_cast<Expr>(B.Block->getTerminatorCondition(true))
             : nullptr;
}

bool findUnsettledPath(const CFG &G, const Stmt *From, const Stmt *To,
                       llvm::function_ref<bool(const Stmt *)> Settles,
                       std::vector<PathBranch> &Witness) {
  Place Start = From ? placeOf(G, From) : Place{&G.getEntry(), 0};
  if (!Start.Block)
    return false;
  unsigned Begin = From ? Start.Index + 1 : 0;
  // Parent[B] = the block it was entered from and whether by its true edge.
  llvm::DenseMap<const CFGBlock *, PathBranch> Parent;
  std::deque<std::pair<const CFGBlock *, unsigned>> Work{{Start.Block, Begin}};
  const CFGBlock *Found = nullptr;
  while (!Work.empty() && !Found) {
    auto [B, From0] = Work.front();
    Work.pop_front();
    Scan R = scanBlock(B, From0, To, Settles);
    if (R == Scan::Reached) {
      Found = B;
      break;
    }
    if (R == Scan::Settled)
      continue;
    // A macro's test of its own temporary (g_clear_object's `if (_ptr)`)
    // skips its call only when there is nothing to settle: take it.
    bool OnlyTrue = B->succ_size() == 2 &&
                    testsMacroTemporary(branchCondition({B, true}));
    unsigned Idx = 0;
    for (const CFGBlock *S : B->succs()) {
      bool TookTrue = Idx++ == 0;
      if (!S || Parent.count(S) || S == Start.Block || (OnlyTrue && !TookTrue))
        continue;
      Parent[S] = {B, TookTrue};
      Work.push_back({S, 0});
    }
  }
  if (!Found)
    return false;
  Witness.clear();
  for (const CFGBlock *B = Found; B != Start.Block;) {
    auto It = Parent.find(B);
    if (It == Parent.end())
      break;
    Witness.insert(Witness.begin(), It->second);
    B = It->second.Block;
  }
  return true;
}

} // namespace taskleak
