//===- Handles.h - the handle machinery every family shares -----*- C++ -*-===//
//
// Every checker family tracks handles (task ids, channels, pipe ends,
// timers) that a modelled call yields, and repeats the same small steps
// around them: read a model's argument index, key a field region the same
// way on every clang, find the function analysed as the top frame, drop a
// handle given by value to code the analyzer cannot see, and put notes on
// the path of the family's own reports only.  Those steps live here, once;
// a family keeps only its states and its report rules.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_HANDLES_H
#define TASKLEAK_ENGINE_HANDLES_H

#include "StateTraits.h"
#include "model.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace taskleak {

/// The model names argument \p Index and \p Call has it.
inline bool isArg(int Index, const clang::ento::CallEvent &Call) {
  return Index != TL_NO_ARG && static_cast<unsigned>(Index) < Call.getNumArgs();
}

/// The region argument \p Index of \p Call points to; null when the call
/// has no such argument or it points nowhere known.
inline const clang::ento::MemRegion *
argRegion(int Index, const clang::ento::CallEvent &Call) {
  return isArg(Index, Call) ? Call.getArgSVal(Index).getAsRegion() : nullptr;
}

/// The function argument \p Index of \p Call names on this path, or null.
inline const clang::FunctionDecl *
argFunction(int Index, const clang::ento::CallEvent &Call) {
  return isArg(Index, Call) ? Call.getArgSVal(Index).getAsFunctionDecl()
                            : nullptr;
}

/// The handle \p Call is given in its model's handle argument, read through
/// the pointer when the model says the handle is passed by pointer; none
/// when the call has no such argument or the pointer is no region.
std::optional<clang::ento::SVal>
handleArgValue(const tl_fn_model &M, const clang::ento::CallEvent &Call,
               clang::ento::ProgramStateRef State);

/// `s->tid` as clang 14 spells it: FieldRegion{SymRegion{s}}.  Clang 16 and
/// 19 may put an element region in between (Element{SymRegion{s},0}.tid);
/// every family keys fields by the first form, on storing and on lookup.
const clang::ento::MemRegion *
canonicalField(clang::ento::ProgramStateRef State,
               const clang::ento::MemRegion *R);

/// The function analysed as the top frame (the owner-ending one).
const clang::FunctionDecl *topFunction(clang::ento::CheckerContext &C);

/// \p BT is one of the family's own bug types \p Own.
template <typename BugTypeArray>
bool ownsBugType(const BugTypeArray &Own, const clang::ento::BugType &BT) {
  for (const auto &T : Own)
    if (T.get() == &BT)
      return true;
  return false;
}

/// A note on the path of a report that \p Ours accepts (a predicate on its
/// BugType), shown when the report finds \p Sym or \p R interesting.
template <typename OursFn>
const clang::ento::NoteTag *
handleNote(clang::ento::CheckerContext &C, OursFn Ours, clang::ento::SymbolRef Sym,
           const clang::ento::MemRegion *R, std::string Text) {
  return C.getNoteTag(
      [Ours, Sym, R, Text](clang::ento::PathSensitiveBugReport &BR) -> std::string {
        if (!Ours(BR.getBugType()))
          return "";
        if ((Sym && BR.isInteresting(Sym)) || (R && BR.isInteresting(R)))
          return Text;
        return "";
      });
}

/// Drops from the state map \p Map (a REGISTER_MAP keyed by SymbolRef) every
/// handle \p Call is given by value: the code behind it may release it.
template <typename Map>
clang::ento::ProgramStateRef forgetArgSymbols(clang::ento::ProgramStateRef State,
                                              const clang::ento::CallEvent &Call) {
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    if (clang::ento::SymbolRef Sym = Call.getArgSVal(I).getAsSymbol())
      if (State->template get<Map>(Sym))
        State = without<Map>(State, Sym);
  return State;
}

/// The owner object a top-frame function \p FD ends, as OwnerIndex's
/// endedOwners gives it (\p Index: a parameter, or -1 for `this`): the
/// pointer to it and its record type.
struct EndedOwner {
  clang::ento::SVal Ptr;
  const clang::RecordDecl *Record = nullptr;
};
std::optional<EndedOwner> endedOwner(clang::ento::CheckerContext &C,
                                     clang::ento::ProgramStateRef State,
                                     const clang::FunctionDecl *FD, int Index);

/// A handle field assumed live at the start of an owner-ending function,
/// and the note that says so on the path of a report about it.
struct SeededField {
  const clang::ento::MemRegion *Field;
  clang::ento::SymbolRef Handle; ///< its value, or null
  std::string Text;
};

/// "Assuming 's->tid' holds the <What> '<AcquiredIn>'".
std::string assumingText(const clang::ento::MemRegion *Field,
                         const clang::FieldDecl *FD, llvm::StringRef What,
                         const clang::FunctionDecl *AcquiredIn);

/// The note for the first of \p Seeds that a report of ours finds
/// interesting.
template <typename OursFn>
const clang::ento::NoteTag *seedNote(clang::ento::CheckerContext &C, OursFn Ours,
                                     std::vector<SeededField> Seeds) {
  return C.getNoteTag(
      [Ours, Seeds](clang::ento::PathSensitiveBugReport &BR) -> std::string {
        if (!Ours(BR.getBugType()))
          return "";
        for (const SeededField &S : Seeds)
          if (BR.isInteresting(S.Field) ||
              (S.Handle && BR.isInteresting(S.Handle)))
            return S.Text;
        return "";
      });
}

} // namespace taskleak

#endif
