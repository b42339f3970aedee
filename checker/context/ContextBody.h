//===- ContextBody.h - one function, as the context rules see it -*- C++ -*-===//
//
// The context family (TL401, TL402, TL501) checks each function body once:
// ContextChecker.cpp scans it into a ContextBody (its modelled calls, the
// loop each sits in, the handle it holds) and hands that to the rules,
// which report through a ContextReport.  The rules are plain functions in
// ContextCancel.cpp (TL401) and ContextPropagate.cpp (TL402, TL501), one per
// kind of finding, listed in a table there.
//
// The rules are flow-sensitive where it matters (a request_stop before a
// join, a disconnect before a free: ContextPaths.h over the CFG) and
// syntactic otherwise; they do not follow values through the symbolic
// store, so a handle copied into an unrelated variable is not followed.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_CONTEXT_CONTEXTBODY_H
#define TASKLEAK_CONTEXT_CONTEXTBODY_H

#include "ContextIndex.h"
#include "ContextPaths.h"

#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

#include <string>
#include <vector>

namespace taskleak {

/// One call in the body, with its model if it has one.
struct BodyCall {
  const clang::Expr *Call;
  const tl_fn_model *Model;  ///< null: not modelled
  const clang::Stmt *Loop;   ///< innermost loop around it in this body
};

struct ContextBody {
  const clang::FunctionDecl *FD;
  const clang::ParmVarDecl *Holder; ///< its handle parameter, if any
  clang::AnalysisDeclContext *ADC;
  std::vector<BodyCall> Calls;
  std::vector<const clang::VarDecl *> Locals;
  std::vector<const clang::FunctionDecl *> Lambdas; ///< bodies of their own
  const ContextIndex &Index;

  const ContextModels &models() const { return Index.models(); }
  const clang::CFG *cfg() const { return ADC->getCFG(); }
  clang::ASTContext &ctx() const { return ADC->getASTContext(); }
  /// The calls with role \p R.
  std::vector<const BodyCall *> withRole(tl_role R) const;
  /// Whether \p S is a call to a function of this unit whose effects
  /// satisfy \p Pred (a helper that requests the stop, disconnects...).
  bool callsHelper(const clang::Stmt *S,
                   llvm::function_ref<bool(const FunctionEffects &)> Pred) const;
  /// Whether \p S hands \p Subject to a call (it may be settled there).
  bool passes(const clang::Stmt *S, const clang::ValueDecl *Subject) const;
};

/// The rules' one way out: a finding, where it is, and its path notes.
class ContextReport {
public:
  enum Rule { CancelNotCalled, NotPropagated, UnboundedSpawn, NumRules };

  ContextReport(clang::ento::BugReporter &BR, const ContextBody &Body,
                const clang::ento::BugType *const *Types)
      : BR(BR), Body(Body), Types(Types) {}

  bool enabled(Rule R) const { return Types[R] != nullptr; }
  /// Adds a note at \p S (in path order: origin first).
  ContextReport &note(const clang::Stmt *S, const std::string &Msg);
  ContextReport &note(const clang::Decl *D, const std::string &Msg);
  /// Notes for the branches a path takes ("Assuming 'err' is true").
  ContextReport &branches(const std::vector<PathBranch> &Witness);
  /// Emits the finding at \p At and forgets the notes.
  void emit(Rule R, const clang::Stmt *At, const std::string &Msg);

  /// The source text of \p S, shortened.
  std::string spell(const clang::Stmt *S) const;

private:
  clang::ento::BugReporter &BR;
  const ContextBody &Body;
  const clang::ento::BugType *const *Types;
  std::vector<std::pair<clang::SourceLocation, std::string>> Notes;
};

using ContextRuleFn = void (*)(const ContextBody &, ContextReport &);

/// The rules, in ContextCancel.cpp and ContextPropagate.cpp.
llvm::ArrayRef<ContextRuleFn> cancelRules();
llvm::ArrayRef<ContextRuleFn> propagateRules();

/// The name of a declaration for messages ("cancellable", "worker").
std::string nameOf(const clang::Decl *D);

} // namespace taskleak

#endif
