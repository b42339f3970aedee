//===- ModelIndex.h - API models, looked up by call -------------*- C++ -*-===//
//
// The engine's view of the C core's model set (checker/core/model.h): the
// built-in models plus the user's, indexed by function name so that every
// call the analyzer sees costs one hash lookup.  Loading errors are turned
// into clang errors here, so a bad model file fails the analysis loudly.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_MODELINDEX_H
#define TASKLEAK_ENGINE_MODELINDEX_H

#include "model.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

#include <initializer_list>
#include <memory>
#include <vector>

namespace clang {
namespace ento {
class CheckerManager;
} // namespace ento
} // namespace clang

namespace taskleak {

/// \p M if it is a model of one of \p Roles (a family's own calls), else
/// null.
inline const tl_fn_model *withRole(const tl_fn_model *M,
                                   std::initializer_list<tl_role> Roles) {
  if (M)
    for (tl_role R : Roles)
      if (M->role == R)
        return M;
  return nullptr;
}

class ModelIndex {
public:
  /// Loads the built-in models and the ':'-separated user files in
  /// \p UserFiles. On error, reports it through clang's diagnostics and
  /// returns an index with no models (the analysis then fails on the error).
  static std::unique_ptr<ModelIndex> load(clang::ento::CheckerManager &Mgr,
                                          llvm::StringRef UserFiles);

  /// The one index of this analysis: the built-in models plus the files of
  /// the option taskleak.lifetime.UnjoinedTask:Models, loaded the first time
  /// any checker family asks (so a bad file is reported once).
  static const ModelIndex &shared(clang::ento::CheckerManager &Mgr);

  /// The model of the function \p Call calls, if it is a modelled C
  /// function (by its name, at global scope).
  const tl_fn_model *lookup(const clang::ento::CallEvent &Call) const;
  const tl_fn_model *lookup(const clang::FunctionDecl *FD) const;
  /// The model of exactly \p Name, as written in the model file: a C
  /// function, a qualified C++ member ("std::jthread::join") or a type
  /// (role cancel_type).
  const tl_fn_model *lookupName(llvm::StringRef Name) const;
  /// Every row loaded, with a project model's owners and entries
  /// (ProjectModel.h).
  const tl_model_set *set() const { return Set; }

  /// Is \p FD (by its name) a call of the class \p Role (a call-class
  /// role: lock, loop_run, loop_close, timer_query, task_kill, io_wait)?
  /// Those rows are kept apart: lookup() never returns them, so no handle
  /// family takes such a call for one of its own.
  bool isCall(const clang::FunctionDecl *FD, tl_role Role) const;
  bool isCall(const clang::ento::CallEvent &Call, tl_role Role) const;
  /// The same by the name a model file writes (a qualified C++ name,
  /// "std::vector::at", for role throws).
  bool isCallNamed(llvm::StringRef Name, tl_role Role) const;

  /// The attribute object types of the attr_detach functions declared in
  /// this translation unit (pthread_attr_t), canonical and unqualified.
  const llvm::SmallPtrSetImpl<const clang::Type *> &
  attrTypes(clang::ASTContext &Ctx) const;

  ~ModelIndex();

private:
  ModelIndex() = default;
  const tl_fn_model *annotated(const clang::FunctionDecl *FD) const;
  const clang::FunctionDecl *callee(const clang::ento::CallEvent &Call) const;
  const tl_fn_model *rowOf(const clang::FunctionDecl *FD) const;
  tl_model_set *Set = nullptr;
  llvm::StringMap<const tl_fn_model *> ByName;
  llvm::StringMap<const tl_fn_model *> ByClass; ///< call-class rows
  /// Rows the declarations carry themselves (rules/include/taskleak.h's
  /// macros), by function name; null for none or a bad one.  One model set
  /// per row: a set that never grows keeps its rows where they are.
  mutable llvm::StringMap<const tl_fn_model *> Annotated;
  mutable std::vector<tl_model_set *> AnnotationSets;
  mutable bool AttrTypesDone = false;
  mutable llvm::SmallPtrSet<const clang::Type *, 2> AttrTypes;
  /// The last call expression asked about and its direct callee (null:
  /// none, an indirect call), and the last declaration looked up and its
  /// row: every family asks about each call, several times per call event.
  mutable const clang::CallExpr *LastCall = nullptr;
  mutable const clang::FunctionDecl *LastCallee = nullptr;
  mutable const clang::FunctionDecl *LastDecl = nullptr;
  mutable const tl_fn_model *LastRow = nullptr;
};

} // namespace taskleak

#endif
