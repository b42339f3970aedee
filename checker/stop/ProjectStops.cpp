//===- ProjectStops.cpp - an entry's stop loop from the project model -----===//
//
// A task whose entry is defined in another unit has no body here for
// LoopSummary to read.  `taskleak models infer` summarises that body where
// it is defined and writes the loop's ways out into the entry's row
// ("stops_on", checker/core/model_project.h): each a test of a field of
// the struct the task is given.  This unit defines the struct (the owner
// writes its flag), so each test becomes an access path from the task's
// argument, as LoopSummary would have built it, without a loop statement
// or the task's spelling for the notes.
//
//===----------------------------------------------------------------------===//

#include "LoopSummary.h"
#include "ModelIndex.h"
#include "ProjectModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <cstring>

using namespace clang;

namespace taskleak {

/// The field \p Name of the project's struct \p Record, if defined here.
static const FieldDecl *projectField(ASTContext &Ctx, const char *Record,
                                     const char *Name) {
  const RecordDecl *RD = projectRecord(Ctx, Record);
  if (!RD)
    return nullptr;
  for (const FieldDecl *FD : RD->fields())
    if (FD->getName() == Name)
      return FD;
  return nullptr;
}

/// Does the entry assign \p Field itself (the row's "writes")?  Then the
/// task may end its own loop: no stop the owner owes.
static bool entryWrites(const tl_entry_row &Row, const char *Field) {
  for (size_t K = 0; K < Row.nwrites; ++K)
    if (!std::strcmp(Row.writes[K], Field))
      return true;
  return false;
}

bool projectStopSummary(ASTContext &Ctx, const ModelIndex &Models,
                        const FunctionDecl *Entry, int ParamIndex,
                        StopSummary &Out) {
  const tl_entry_row *Row = projectEntry(Models, Entry);
  if (!Row || !Row->has_stops || ParamIndex != 0)
    return false;
  StopSummary S;
  for (size_t I = 0; I < Row->nstops; ++I) {
    const tl_stop_test &T = Row->stops[I];
    const FieldDecl *FD = projectField(Ctx, T.record, T.field);
    if (!FD || !FD->getType()->isIntegralOrEnumerationType() ||
        entryWrites(*Row, T.field))
      return false; // a flag this unit cannot name or the task sets
    FlagTest Test;
    Test.Flag.Root = AccessPath::Param;
    Test.Flag.Fields.push_back(FD);
    Test.Equal = T.equal;
    Test.Value = T.value;
    StopExit Exit;
    Exit.Needs.push_back(Test);
    S.Exits.push_back(std::move(Exit));
  }
  S.K = S.Exits.empty() ? StopSummary::NoExit : StopSummary::FlagExit;
  Out = std::move(S);
  return true;
}

} // namespace taskleak
