//===- GObjectOwners.h - GObject dispose and finalize as enders -*- C++ -*-===//
//
// Most GLib code ends an object with g_object_unref, whose last reference
// runs the class's dispose and then its finalize.  Neither frees the
// instance by name (the type system does, after finalize), so the owner
// protocol never saw them.  This pre-pass finds them the way GObject does:
// through the class_init that installs them (`G_OBJECT_CLASS (klass)->
// dispose = foo_dispose;`), and the instance struct they end: the one
// foo_init (G_DEFINE_TYPE's instance init, same prefix as foo_class_init)
// takes, else the one dispose casts its GObject to.  The owner families
// then treat them as enders of that struct, parameter 0.
//
// Two calls in them need modelling: FOO (object) is g_type_check_instance_
// cast, which returns its argument (GObjectCastModeling evaluates it so;
// without it `self` would be unrelated memory), and the chain-up `G_OBJECT_
// CLASS (foo_parent_class)->dispose (object)` runs the parent's code, which
// cannot know the subclass's fields: it ends no tracking (isChainUp).
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_GOBJECTOWNERS_H
#define TASKLEAK_ENGINE_GOBJECTOWNERS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class FunctionDecl;
class RecordDecl;
namespace ento {
class CallEvent;
class CheckerContext;
class MemRegion;
} // namespace ento
} // namespace clang

namespace taskleak {

struct GObjectEnder {
  const clang::FunctionDecl *Fn;        ///< dispose or finalize (definition)
  const clang::RecordDecl *Instance;    ///< the instance struct it ends
  bool Dispose;
};

class GObjectOwners {
public:
  explicit GObjectOwners(clang::ASTContext &Ctx);
  llvm::ArrayRef<GObjectEnder> enders() const { return Enders; }
  /// \p FD as a dispose or finalize, or null.
  const GObjectEnder *enderOf(const clang::FunctionDecl *FD) const;
  /// The last of its class's enders to run: finalize, or dispose when the
  /// class installs no finalize.  What is still owed there is a finding.
  bool endsLast(const clang::FunctionDecl *FD) const;
  /// The dispose installed for the instance \p FD (a finalize) ends.
  const clang::FunctionDecl *disposeBefore(const clang::FunctionDecl *FD) const;

private:
  llvm::SmallVector<GObjectEnder, 4> Enders;
};

/// The translation unit's GObjectOwners, built once.
const GObjectOwners &gobjectOwners(clang::ASTContext &Ctx);

/// The object a top frame that is its class's last ender (endsLast) ends,
/// or null.
const clang::ento::MemRegion *gobjectEnded(clang::ento::ProgramStateRef State,
                                           clang::ento::CheckerContext &C);

/// `G_OBJECT_CLASS (foo_parent_class)->finalize (object)`.
bool isChainUp(const clang::ento::CallEvent &Call);

} // namespace taskleak

#endif
