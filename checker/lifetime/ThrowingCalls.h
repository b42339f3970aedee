//===- ThrowingCalls.h - calls whose throw a caller can see -----*- C++ -*-===//
//
// Issue 15 item 6.  The analyzer has no exception edges: a `throw` it
// reaches ends the path there (StdThreadChecker reports it), but a call it
// does not step into, or a library call that throws from inside a
// noreturn helper, never shows one.  A call "visibly throws" when
//
//   - the analyzer did not step into it, and its body in this unit (or
//     that of a function it calls, a few levels deep) has a `throw` that
//     no try block of its own catches, and it is not noexcept;
//   - or a model row gives it the role `throws` (rules/models/cxx-throws.json:
//     std::vector::at, std::stoi, std::optional::value), whether or not the
//     analyzer stepped into it: a library's throw sits behind a noreturn
//     helper (__throw_out_of_range_fmt) that ends the path unseen.
//
// Only visible or documented throws count, so that join(), getline() and
// operator new do not make every function suspect.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_LIFETIME_THROWINGCALLS_H
#define TASKLEAK_LIFETIME_THROWINGCALLS_H

#include "llvm/ADT/DenseMap.h"

#include <string>

namespace clang {
class FunctionDecl;
class Stmt;
class VarDecl;
namespace ento {
class CallEvent;
} // namespace ento
} // namespace clang

namespace taskleak {

class ModelIndex;

/// What visibleThrow() found of each callee that does not depend on the
/// call: asked after every call on every path, it would otherwise build
/// the qualified name and walk the body again each time.  One per checker.
class ThrowFacts {
public:
  struct Facts {
    std::string Documented; ///< the model row's name if it is of role throws
    bool BodyThrows = false; ///< its body in this unit throws uncaught
  };
  const Facts &of(const clang::FunctionDecl *FD, const ModelIndex &Models);

private:
  llvm::DenseMap<const clang::FunctionDecl *, Facts> Known;
};

/// Why \p Call may throw past its caller ("'parse' throws"), or "" if no
/// throw is visible.  \p Inlined: the analyzer stepped into the call (it
/// saw any throw there itself).  \p Models: the rows of role throws;
/// \p Known: what earlier calls found of the callee.
std::string visibleThrow(const clang::ento::CallEvent &Call, bool Inlined,
                         const ModelIndex &Models, ThrowFacts &Known);

/// Is the local \p Thread (or the local object holding it) handed to
/// another local of \p Body whose class's destructor joins or detaches (a
/// thread guard: `ThreadGuard g(t);`)?  Unwinding runs that destructor
/// first, so the thread is no longer joinable when it is destroyed.
bool guardedByRaii(const clang::VarDecl *Thread, const clang::Stmt *Body);

} // namespace taskleak

#endif
