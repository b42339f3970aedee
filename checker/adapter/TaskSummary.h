//===- TaskSummary.h - what a task's entry function does --------*- C++ -*-===//
//
// Level 2 of the spec (task summaries), as far as the lifetime rules need it:
// does the entry function detach itself (pthread_detach(pthread_self())), and
// can the analyzer see its body at all.  The summary reads the AST only; it
// follows calls into functions defined in the same translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ADAPTER_TASKSUMMARY_H
#define TASKLEAK_ADAPTER_TASKSUMMARY_H

namespace clang {
class FunctionDecl;
} // namespace clang

namespace taskleak {

class ModelIndex;

enum class EntryRelease {
  None,          ///< the entry leaves its handle to the owner
  SelfDetaching, ///< the entry detaches itself: the owner owes nothing
  Unseen         ///< no body in this translation unit: it might
};

EntryRelease summarizeEntry(const clang::FunctionDecl *Entry,
                            const ModelIndex &Models);

} // namespace taskleak

#endif
