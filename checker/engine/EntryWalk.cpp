//===- EntryWalk.cpp - one walk and one record per entry function --------===//
//
// The walk is the plain pre-order recursion over Stmt::children() that the
// families' summaries used each on their own, so the calls come in the
// order they did: a call before the calls nested in its callee and
// arguments, a lambda's body where the lambda stands.
//
//===----------------------------------------------------------------------===//

#include "EntryWalk.h"
#include "ModelIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace taskleak {

EntryRecord::EntryRecord(const FunctionDecl *FD, const ModelIndex &Models) {
  if (!FD || !FD->hasBody(Def) || !Def->getBody()) {
    Def = nullptr;
    return;
  }
  Parents = std::make_unique<ParentMap>(Def->getBody());
  walk(Def->getBody(), Models);
}

EntryRecord::~EntryRecord() = default;

const Stmt *EntryRecord::body() const { return Def ? Def->getBody() : nullptr; }

void EntryRecord::walk(const Stmt *S, const ModelIndex &Models) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    Calls.push_back({CE, Callee, Models.lookup(Callee)});
  } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    Returns.push_back(RS);
  }
  for (const Stmt *Child : S->children())
    walk(Child, Models);
}

EntryRecord &entryRecord(const ModelIndex &Models, const FunctionDecl *FD) {
  // One unit per clang process; a new ASTContext (a test harness, a
  // rescan) starts over.
  static const ASTContext *For = nullptr;
  static llvm::DenseMap<const FunctionDecl *, std::unique_ptr<EntryRecord>> Records;
  static EntryRecord NoEntry(nullptr, Models);
  if (!FD)
    return NoEntry;
  if (For != &FD->getASTContext()) {
    Records.clear();
    For = &FD->getASTContext();
  }
  std::unique_ptr<EntryRecord> &Slot = Records[FD->getCanonicalDecl()];
  if (!Slot)
    Slot = std::make_unique<EntryRecord>(FD, Models);
  return *Slot;
}

} // namespace taskleak
