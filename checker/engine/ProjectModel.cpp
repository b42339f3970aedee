//===- ProjectModel.cpp - what other units of the project define ----------===//

#include "ProjectModel.h"

#include "ModelIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

#include <cstring>

using namespace clang;

namespace taskleak {

/// The struct or class named \p Name (its tag, or a typedef of it) defined
/// in \p DC or a namespace in it (the inference names a C++ class without
/// its namespaces).
static const RecordDecl *recordIn(ASTContext &Ctx, const DeclContext *DC,
                                  llvm::StringRef Name) {
  for (const NamedDecl *ND : DC->lookup(&Ctx.Idents.get(Name))) {
    const RecordDecl *RD = dyn_cast<RecordDecl>(ND);
    if (const auto *TD = dyn_cast<TypedefNameDecl>(ND))
      RD = TD->getUnderlyingType()->getAsRecordDecl();
    if (RD && RD->getDefinition())
      return RD->getDefinition();
  }
  for (const Decl *D : DC->decls())
    if (isa<NamespaceDecl>(D) || isa<LinkageSpecDecl>(D))
      if (const RecordDecl *RD = recordIn(Ctx, cast<DeclContext>(D), Name))
        return RD;
  return nullptr;
}

static const RecordDecl *recordNamed(ASTContext &Ctx, llvm::StringRef Name) {
  return recordIn(Ctx, Ctx.getTranslationUnitDecl(), Name);
}

/// A function, or a method spelled `Class::name`, declared here.
static const FunctionDecl *functionNamed(ASTContext &Ctx, const char *Name) {
  if (!Name)
    return nullptr;
  llvm::StringRef Qualified(Name);
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  size_t Sep = Qualified.rfind("::");
  if (Sep != llvm::StringRef::npos) {
    const RecordDecl *RD = recordNamed(Ctx, Qualified.substr(0, Sep));
    if (!RD)
      return nullptr;
    DC = RD;
    Qualified = Qualified.substr(Sep + 2);
  }
  for (const NamedDecl *ND : DC->lookup(&Ctx.Idents.get(Qualified)))
    if (const auto *FD = dyn_cast<FunctionDecl>(ND))
      return FD;
  return nullptr;
}

const RecordDecl *projectRecord(ASTContext &Ctx, llvm::StringRef Name) {
  return recordNamed(Ctx, Name);
}

std::vector<ProjectOwner> projectOwners(ASTContext &Ctx, const ModelIndex &Models) {
  std::vector<ProjectOwner> Out;
  const tl_model_set *Set = Models.set();
  for (size_t I = 0, N = tl_models_owner_count(Set); I < N; ++I) {
    const tl_owner_row *Row = tl_models_owner_at(Set, I);
    const RecordDecl *RD = recordNamed(Ctx, Row->record);
    const tl_fn_model *Spawn = Models.lookupName(Row->spawn);
    const FunctionDecl *AcquiredIn = functionNamed(Ctx, Row->acquired_in);
    if (!RD || !Spawn || !AcquiredIn)
      continue;
    for (const FieldDecl *FD : RD->fields())
      if (FD->getName() == Row->field)
        Out.push_back({FD, Spawn, AcquiredIn, functionNamed(Ctx, Row->entry), Row});
  }
  return Out;
}

bool projectReleases(const tl_owner_row &Row, const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  for (size_t K = 0; K < Row.nreleased; ++K)
    if (FD->getName() == Row.released_in[K])
      return true;
  return false;
}

const tl_entry_row *projectEntry(const ModelIndex &Models, const FunctionDecl *Entry) {
  if (!Entry || !Entry->getIdentifier() || Entry->hasBody())
    return nullptr;
  // A static method entry is named by its class, as the inference writes it.
  std::string Name = Entry->getName().str();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Entry))
    Name = MD->getParent()->getName().str() + "::" + Name;
  return tl_models_entry_lookup(Models.set(), Name.c_str());
}

} // namespace taskleak
