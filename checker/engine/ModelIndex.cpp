//===- ModelIndex.cpp - API models, looked up by call ---------------------===//

#include "ModelIndex.h"
#include "Checkers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"

#include "llvm/ADT/DenseMap.h"

#include <cstdlib>

using namespace clang;
using namespace ento;

namespace taskleak {

ModelIndex::~ModelIndex() { tl_models_free(Set); }

std::unique_ptr<ModelIndex> ModelIndex::load(CheckerManager &Mgr,
                                             llvm::StringRef UserFiles) {
  std::unique_ptr<ModelIndex> Index(new ModelIndex());
  Index->Set = tl_models_new();
  char *Err = nullptr;
  int RC = tl_models_load_builtin(Index->Set, &Err);
  if (RC == 0 && !UserFiles.empty())
    RC = tl_models_load_list(Index->Set, UserFiles.str().c_str(), &Err);
  if (RC != 0) {
    DiagnosticsEngine &Diags = Mgr.getASTContext().getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                        "taskleak: bad model file: %0");
    Diags.Report(ID) << (Err ? Err : "out of memory");
    std::free(Err);
    tl_models_free(Index->Set);
    Index->Set = tl_models_new();
    return Index;
  }
  for (size_t I = 0, N = tl_models_count(Index->Set); I < N; ++I) {
    const tl_fn_model *M = tl_models_at(Index->Set, I);
    Index->ByName[M->name] = M;
  }
  return Index;
}

const ModelIndex &ModelIndex::shared(CheckerManager &Mgr) {
  // Keyed by the translation unit: clang analyses one per CheckerManager.
  static llvm::DenseMap<const ASTContext *, std::unique_ptr<ModelIndex>> Loaded;
  std::unique_ptr<ModelIndex> &Slot = Loaded[&Mgr.getASTContext()];
  if (!Slot)
    Slot = load(Mgr, Mgr.getAnalyzerOptions().getCheckerStringOption(
                         UnjoinedTaskName, "Models"));
  return *Slot;
}

const tl_fn_model *ModelIndex::lookup(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier())
    return nullptr;
  // Only C functions at global scope: a method or a namespaced function
  // that happens to be called pthread_join is not the library's.
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !DC->isExternCContext())
    return nullptr;
  auto It = ByName.find(FD->getName());
  return It == ByName.end() ? nullptr : It->second;
}

const llvm::SmallPtrSetImpl<const Type *> &
ModelIndex::attrTypes(ASTContext &Ctx) const {
  if (AttrTypesDone)
    return AttrTypes;
  AttrTypesDone = true;
  for (const auto &E : ByName) {
    const tl_fn_model *M = E.second;
    if (M->role != TL_ROLE_ATTR_DETACH)
      continue;
    for (const NamedDecl *ND :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(M->name)))
      if (const auto *FD = dyn_cast<FunctionDecl>(ND))
        if (static_cast<unsigned>(M->attr_arg) < FD->getNumParams()) {
          QualType T = FD->getParamDecl(M->attr_arg)->getType();
          if (T->isPointerType())
            AttrTypes.insert(
                T->getPointeeType().getCanonicalType().getUnqualifiedType().getTypePtr());
        }
  }
  return AttrTypes;
}

const tl_fn_model *ModelIndex::lookup(const CallEvent &Call) const {
  return lookup(llvm::dyn_cast_or_null<FunctionDecl>(Call.getDecl()));
}

} // namespace taskleak
