//===- ModelIndex.cpp - API models, looked up by call ---------------------===//
//
// Implements ModelIndex.h: loads the built-in and user models once per
// translation unit, indexes the handle rows and the call-class rows by name
// apart, and reads rows off declarations' annotations.  No path state.
//
//===----------------------------------------------------------------------===//

#include "ModelIndex.h"
#include "annotation.h"
#include "Checkers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"

#include "llvm/ADT/DenseMap.h"

#include <cstdlib>

using namespace clang;
using namespace ento;

namespace taskleak {

ModelIndex::~ModelIndex() {
  tl_models_free(Set);
  for (tl_model_set *S : AnnotationSets)
    tl_models_free(S);
}

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
    (tl_role_is_call_class(M->role) ? Index->ByClass : Index->ByName)[M->name] = M;
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

namespace {
/// What lookup() and isCall() found of one declaration, worked out by name
/// the first time a path calls it: the analyzer asks again on every path
/// through every call, and a pointer lookup is cheaper than hashing the
/// name into ByName, ByClass and Annotated each time.  Keyed by the index
/// too: shared() keeps one per translation unit, never freed.
struct DeclRows {
  const tl_fn_model *Handle = nullptr; ///< lookup()'s answer
  const tl_fn_model *Class = nullptr;  ///< the call-class row of its name
  bool HandleKnown = false;            ///< lookup() asked (it reads annotations)
};
using DeclKey = std::pair<const ModelIndex *, const FunctionDecl *>;
llvm::DenseMap<DeclKey, DeclRows> KnownDecls;

/// \p FD's entry, made with its call-class row (from \p ByClass) the first
/// time.
DeclRows &rowsOf(const ModelIndex *Index, const FunctionDecl *FD,
                 const llvm::StringMap<const tl_fn_model *> &ByClass) {
  auto Found = KnownDecls.find({Index, FD});
  if (Found != KnownDecls.end())
    return Found->second;
  DeclRows &Rows = KnownDecls[{Index, FD}];
  auto InClass = ByClass.find(FD->getName());
  if (InClass != ByClass.end())
    Rows.Class = InClass->second;
  return Rows;
}
} // namespace

const tl_fn_model *ModelIndex::lookup(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier())
    return nullptr;
  if (FD == LastDecl)
    return LastRow;
  DeclRows &Rows = rowsOf(this, FD, ByClass);
  if (!Rows.HandleKnown) {
    Rows.HandleKnown = true;
    Rows.Handle = rowOf(FD);
  }
  LastDecl = FD;
  return LastRow = Rows.Handle;
}

/// The row of \p FD, found the first time it is asked for.
const tl_fn_model *ModelIndex::rowOf(const FunctionDecl *FD) const {
  // Only C functions at global scope: a method or a namespaced function
  // that happens to be called pthread_join is not the library's.
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !DC->isExternCContext())
    return nullptr;
  auto It = ByName.find(FD->getName());
  if (It != ByName.end())
    return It->second;
  const tl_fn_model *M = annotated(FD);
  return M && tl_role_is_call_class(M->role) ? nullptr : M;
}

/// The row a declaration of \p FD carries as
/// __attribute__((annotate("taskleak_ROLE k=v ..."))), read by the C core's
/// loader as the inference reads it; a bad one is one warning, and no row.
const tl_fn_model *ModelIndex::annotated(const FunctionDecl *FD) const {
  auto Cached = Annotated.find(FD->getName());
  if (Cached != Annotated.end())
    return Cached->second;
  const tl_fn_model *Row = nullptr;
  llvm::StringRef Prefix(TL_ANNOTATION_PREFIX);
  for (const FunctionDecl *D : FD->redecls()) {
    for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
      if (A->getAnnotation().substr(0, Prefix.size()) != Prefix)
        continue;
      ASTContext &Ctx = D->getASTContext();
      PresumedLoc PL = Ctx.getSourceManager().getPresumedLoc(D->getLocation());
      std::string Origin = PL.isValid() ? std::string(PL.getFilename()) + ":" +
                                              std::to_string(PL.getLine())
                                        : std::string("?:1");
      tl_model_set *S = tl_models_new();
      char *Err = nullptr;
      if (S && tl_models_load_annotation(S, FD->getName().str().c_str(),
                                         A->getAnnotation().str().c_str(),
                                         Origin.c_str(), &Err) == 0) {
        AnnotationSets.push_back(S);
        Row = tl_models_at(S, 0);
      } else {
        DiagnosticsEngine &Diags = Ctx.getDiagnostics();
        unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Warning,
                                            "taskleak: bad annotation: %0");
        Diags.Report(A->getLocation(), ID) << (Err ? Err : "out of memory");
        std::free(Err);
        tl_models_free(S);
      }
      return Annotated[FD->getName()] = Row;
    }
  }
  return Annotated[FD->getName()] = nullptr;
}

const tl_fn_model *ModelIndex::lookupName(llvm::StringRef Name) const {
  auto It = ByName.find(Name);
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

/// The function \p Call calls.  Finding a C++ call's declaration walks its
/// callee expression (CXXInstanceCall::getDecl), and every family asks, so
/// the direct callee of the last call expression is kept: the expression
/// fixes it.  An indirect call's callee depends on the state: asked anew.
const FunctionDecl *ModelIndex::callee(const CallEvent &Call) const {
  const auto *CE = llvm::dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return llvm::dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (CE != LastCall) {
    LastCall = CE;
    LastCallee = CE->getDirectCallee();
  }
  return LastCallee ? LastCallee
                    : llvm::dyn_cast_or_null<FunctionDecl>(Call.getDecl());
}

const tl_fn_model *ModelIndex::lookup(const CallEvent &Call) const {
  return lookup(callee(Call));
}

bool ModelIndex::isCall(const FunctionDecl *FD, tl_role Role) const {
  if (!FD || !FD->getIdentifier())
    return false;
  const tl_fn_model *Row = rowsOf(this, FD, ByClass).Class;
  return Row && Row->role == Role;
}

bool ModelIndex::isCallNamed(llvm::StringRef Name, tl_role Role) const {
  auto It = ByClass.find(Name);
  return It != ByClass.end() && It->second->role == Role;
}

bool ModelIndex::isCall(const CallEvent &Call, tl_role Role) const {
  return isCall(callee(Call), Role);
}

} // namespace taskleak
