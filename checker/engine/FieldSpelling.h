//===- FieldSpelling.h - one field, two region spellings --------*- C++ -*-===//
//
// Clang 16 spells `s->f` for a pointer parameter s as
// Element{SymRegion{s},0}.f; clang 14 and 15 as SymRegion{s}.f, the form
// canonicalField (Handles.h) keys fields by, and the one
// ProgramState::getLValue(FieldDecl, ...) gives before clang 19.  The store
// finds a binding by base region and offset, so both spellings read what
// was written; but a field nobody wrote reads as a symbol made from the
// exact region asked for (SymbolRegionValue), so the two spellings read two
// different symbols, and a constraint the program put on one is not seen
// through the other.  The helpers here read a field so that the spelling
// does not matter, without testing the clang version.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_FIELDSPELLING_H
#define TASKLEAK_ENGINE_FIELDSPELLING_H

#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

namespace clang {
class FieldDecl;
class LocationContext;
} // namespace clang

namespace taskleak {

/// The field \p G of the object holding the field \p Field, spelled as
/// \p Field is (the region the program used, not canonicalField's key):
/// reading it yields the value the program loaded and tested.  Null when
/// \p Field is no field.
const clang::ento::FieldRegion *siblingField(clang::ento::CheckerContext &C,
                                             const clang::ento::MemRegion *Field,
                                             const clang::FieldDecl *G);

/// The value of the field \p Field, bound back to it so that every spelling
/// of the field reads this one value from now on.
clang::ento::SVal pinFieldValue(clang::ento::ProgramStateRef &State,
                                const clang::ento::MemRegion *Field,
                                const clang::LocationContext *LCtx);

} // namespace taskleak

#endif
