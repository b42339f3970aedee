//===- EntryWalk.h - one walk and one record per entry function -*- C++ -*-===//
//
// Every family summarises the entry function of a task it sees spawned
// (what the task does with its handle, its argument, its channels, its
// timers' data, its descriptors) and asks again at every spawn on every
// path.  Before this file each family found the definition, built a parent
// map and walked the body for the calls it cares about on its own.
//
// Here one walk of a function's body, made the first time any family asks
// for that function, fills one record with what they all start from: the
// definition, the parent map of its body, every call in source order (pre-
// order: a call before the calls in its arguments) with its callee and its
// model, and every return statement.  The families' summaries are kept in
// the same record, one part per family (EntryRecord::part), made on first
// use from the record: the family files keep only their judgements.
//
// Records live as long as the translation unit's ASTContext (one unit per
// clang process; a new context starts a new walk), so a reference to a
// record or a part stays valid for the whole analysis.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_ENTRYWALK_H
#define TASKLEAK_ENGINE_ENTRYWALK_H

#include "model.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <vector>

namespace clang {
class CallExpr;
class FunctionDecl;
class ParentMap;
class ReturnStmt;
class Stmt;
} // namespace clang

namespace taskleak {

class ModelIndex;

/// One call of the walked body.
struct EntryCall {
  const clang::CallExpr *Call;
  const clang::FunctionDecl *Callee; ///< direct callee, or null
  const tl_fn_model *Model;          ///< ModelIndex::lookup(Callee)
};

/// What one walk of a function's body found, and the families' summaries
/// of it.
class EntryRecord {
public:
  EntryRecord(const clang::FunctionDecl *FD, const ModelIndex &Models);
  ~EntryRecord();

  /// The definition; null when the body is not in this translation unit.
  const clang::FunctionDecl *def() const { return Def; }
  const clang::Stmt *body() const;
  /// The parent map of the body (only with a definition).
  const clang::ParentMap &parents() const { return *Parents; }
  /// Every call in the body, in pre-order.
  llvm::ArrayRef<EntryCall> calls() const { return Calls; }
  /// Every return statement of the body (and of lambdas in it).
  llvm::ArrayRef<const clang::ReturnStmt *> returns() const { return Returns; }

  /// A family's summary of this function: \p Make(*this) the first time,
  /// one \p Part per record.
  /// \p Make may ask for other parts, of this record or another.
  template <typename Part, typename MakeFn> const Part &part(MakeFn Make) {
    auto It = Parts.find(&PartKey<Part>::ID);
    if (It == Parts.end()) {
      std::shared_ptr<void> Made = std::make_shared<Part>(Make(*this));
      It = Parts.try_emplace(&PartKey<Part>::ID, std::move(Made)).first;
    }
    return *static_cast<const Part *>(It->second.get());
  }

private:
  template <typename Part> struct PartKey { static char ID; };
  void walk(const clang::Stmt *S, const ModelIndex &Models);

  const clang::FunctionDecl *Def = nullptr;
  std::unique_ptr<clang::ParentMap> Parents;
  std::vector<EntryCall> Calls;
  std::vector<const clang::ReturnStmt *> Returns;
  llvm::DenseMap<const void *, std::shared_ptr<void>> Parts;
};

template <typename Part> char EntryRecord::PartKey<Part>::ID = 0;

/// The record of \p FD (any declaration of it) in its translation unit,
/// made by one walk the first time any family asks.  A null \p FD (an
/// entry the analyzer cannot name) has a record too, with no definition.
EntryRecord &entryRecord(const ModelIndex &Models, const clang::FunctionDecl *FD);

} // namespace taskleak

#endif
