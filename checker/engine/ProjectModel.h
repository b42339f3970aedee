//===- ProjectModel.h - what other units of the project define ---*- C++ -*-===//
//
// A project model (taskleak models infer, issue 12) carries, besides the
// wrapper rows, the owner fields and entry summaries of the whole project
// (checker/core/model_project.h).  The per-unit pre-passes ask here for
// what the unit they see does not define: a handle field of one of its
// structs that another file fills (mosquitto's loop thread, started in
// thread_mosq.c, its owner destroyed in mosquitto.c), or the summary of an
// entry function whose body is in another file.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_PROJECTMODEL_H
#define TASKLEAK_ENGINE_PROJECTMODEL_H

#include "model_project.h"

#include <vector>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
class RecordDecl;
} // namespace clang

namespace llvm {
class StringRef;
} // namespace llvm

namespace taskleak {

class ModelIndex;

/// An owner field of this unit's struct that the project model says another
/// function fills; the unit must declare the function that fills it (its
/// name goes into the report).
struct ProjectOwner {
  const clang::FieldDecl *Field;
  const tl_fn_model *Spawn;
  const clang::FunctionDecl *AcquiredIn;
  const clang::FunctionDecl *Entry; ///< null when not declared here
  const tl_owner_row *Row;
};

/// The project's owner fields whose struct this unit defines.
std::vector<ProjectOwner> projectOwners(clang::ASTContext &Ctx,
                                        const ModelIndex &Models);

/// Whether the project model lists \p FD (by name) among \p Row's releases.
bool projectReleases(const tl_owner_row &Row, const clang::FunctionDecl *FD);

/// The struct or class the project model names \p Name (its tag or a
/// typedef of it, in any namespace), defined in this unit; null otherwise.
const clang::RecordDecl *projectRecord(clang::ASTContext &Ctx, llvm::StringRef Name);

/// The summary of \p Entry from another unit, when this unit has no body for
/// it; null otherwise.
const tl_entry_row *projectEntry(const ModelIndex &Models,
                                 const clang::FunctionDecl *Entry);

} // namespace taskleak

#endif
