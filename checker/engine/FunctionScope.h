//===- FunctionScope.h - an AST pass that knows its function ----*- C++ -*-===//
//
// Every pre-pass over a translation unit (the owner index, the stop index,
// the timer owners) walks the whole AST and needs to know which function
// the node it visits belongs to.  This visitor base keeps that one fact,
// Current, for functions, methods, constructors and destructors; a pass
// derives from it (CRTP, as RecursiveASTVisitor) and may define
// enterFunction to see each function as it is entered.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_FUNCTIONSCOPE_H
#define TASKLEAK_ENGINE_FUNCTIONSCOPE_H

#include "UnitVisitor.h"

namespace taskleak {

template <typename Derived>
class FunctionScopeVisitor : public UnitVisitor<Derived> {
  using Base = UnitVisitor<Derived>;

public:
  bool TraverseFunctionDecl(clang::FunctionDecl *FD) {
    return within(FD, [&] { return Base::TraverseFunctionDecl(FD); });
  }
  bool TraverseCXXMethodDecl(clang::CXXMethodDecl *MD) {
    return within(MD, [&] { return Base::TraverseCXXMethodDecl(MD); });
  }
  bool TraverseCXXConstructorDecl(clang::CXXConstructorDecl *CD) {
    return within(CD, [&] { return Base::TraverseCXXConstructorDecl(CD); });
  }
  bool TraverseCXXDestructorDecl(clang::CXXDestructorDecl *DD) {
    return within(DD, [&] { return Base::TraverseCXXDestructorDecl(DD); });
  }

  /// Called as each function is entered; a pass may hide it.
  void enterFunction(const clang::FunctionDecl *) {}

protected:
  /// The function whose body is being visited, or null at file scope.
  const clang::FunctionDecl *Current = nullptr;

  /// Runs \p Traverse with \p FD as the current function.
  template <typename Fn> bool within(const clang::FunctionDecl *FD, Fn Traverse) {
    const clang::FunctionDecl *Old = Current;
    Current = FD;
    static_cast<Derived *>(this)->enterFunction(FD);
    bool Result = Traverse();
    Current = Old;
    return Result;
  }
};

} // namespace taskleak

#endif
