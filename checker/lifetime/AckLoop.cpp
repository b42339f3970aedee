//===- AckLoop.cpp - a loop that waits for a value another task writes ----===//
//
// Implements AckLoop.h: reads a loop's condition and body, and the globals
// an entry function writes.  AST only, no path state.
//
//===----------------------------------------------------------------------===//

#include "AckLoop.h"
#include "AckMembers.h"
#include "EntryWalk.h"
#include "ExprNames.h"
#include "ModelIndex.h"
#include "SpawnOutcome.h"
#include "WriteWalk.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>

using namespace clang;

namespace taskleak {
namespace {

/// The variable an lvalue is rooted at through `.` and array indexing
/// (`g`, `g.ready`, `flags[i]`), not through a pointer (`gp->x` writes
/// the pointee, not `gp`).
const VarDecl *rootVar(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return nullptr;
      E = ME->getBase();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      E = AS->getBase();
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      return dyn_cast<VarDecl>(DRE->getDecl());
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// `o->ready`, `s.ack`, `o->st.ready`: the member applied to a local or a
/// parameter itself (`o->st` in the last), or null.
const MemberExpr *rootMember(const MemberExpr *ME) {
  while (ME) {
    const Expr *Base = ME->getBase()->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasLocalStorage() ? ME : nullptr;
    }
    ME = dyn_cast<MemberExpr>(Base);
  }
  return nullptr;
}

/// The condition reads only watched values and constants.
class CondReader {
public:
  explicit CondReader(AckLoop &Out) : Out(Out) {}
  bool read(const Stmt *Cond) {
    visit(Cond);
    return Ok && (!Out.Globals.empty() || !Out.Fields.empty() ||
                  !Out.ThisFields.empty());
  }

private:
  AckLoop &Out;
  bool Ok = true;

  void visit(const Stmt *S) {
    if (!S || !Ok)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const FieldDecl *F = thisMemberRead(E)) {
        Out.ThisFields.push_back(F);
        return;
      }
    if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (const VarDecl *G = rootVar(ME); G && G->hasGlobalStorage())
        Out.Globals.push_back(G);
      else if (const MemberExpr *Root = rootMember(ME))
        Out.Fields.push_back(Root);
      else
        Ok = false;
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && VD->hasGlobalStorage() && !VD->getType().isConstQualified())
        Out.Globals.push_back(VD);
      else if (!isa<EnumConstantDecl>(DRE->getDecl()) &&
               !(VD && VD->getType().isConstQualified()))
        Ok = false; // a local counter or deadline: the loop may end on it
      return;
    }
    if (isa<CallExpr>(S)) {
      Ok = false; // the call may end the loop
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};

bool namesWatched(const Expr *LHS, const AckLoop &L) {
  if (const FieldDecl *F = thisMember(LHS))
    return llvm::is_contained(L.ThisFields, F);
  if (const VarDecl *G = rootVar(LHS))
    return llvm::is_contained(L.Globals, G);
  const auto *ME = dyn_cast<MemberExpr>(LHS->IgnoreParenCasts());
  const MemberExpr *Root = ME ? rootMember(ME) : nullptr;
  for (const MemberExpr *W : L.Fields)
    if (Root && Root->getMemberDecl() == W->getMemberDecl())
      return true;
  return false;
}

/// A C++ row, by its qualified name (`std::this_thread::yield`,
/// `std::condition_variable::wait`): lookup() takes C functions only, and
/// a pause is a call-class row (isCallNamed), not a handle row.
bool isCxxWait(const FunctionDecl *FD, const ModelIndex &Models) {
  std::string Name = FD->getQualifiedNameAsString();
  return withRole(Models.lookupName(Name), {TL_ROLE_WAIT, TL_ROLE_CANCEL_WAIT}) ||
         Models.isCallNamed(Name, TL_ROLE_PAUSE);
}

/// The body only pauses, locks or waits, and leaves only through the
/// condition.
bool bodyOnlyWaits(const Stmt *S, const ModelIndex &Models, const AckLoop &L) {
  if (!S)
    return true;
  if (isa<BreakStmt, ReturnStmt, GotoStmt, IndirectGotoStmt>(S))
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !(Models.isCall(FD, TL_ROLE_PAUSE) || Models.isCall(FD, TL_ROLE_LOCK) ||
                 withRole(Models.lookup(FD), {TL_ROLE_WAIT, TL_ROLE_CANCEL_WAIT}) ||
                 isCxxWait(FD, Models)))
      return false;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && namesWatched(BO->getLHS(), L))
      return false;
  if (const auto *U = dyn_cast<UnaryOperator>(S))
    if ((U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
        namesWatched(U->getSubExpr(), L))
      return false;
  for (const Stmt *Child : S->children())
    if (!bodyOnlyWaits(Child, Models, L))
      return false;
  return true;
}

} // namespace

static bool readAckLoop(const Stmt *Loop, const ModelIndex &Models, AckLoop &Out) {
  LoopParts P = loopParts(Loop);
  if (!P.Cond || !CondReader(Out).read(P.Cond))
    return false;
  return bodyOnlyWaits(P.Body, Models, Out);
}

bool ackLoopOf(const Stmt *Loop, const ModelIndex &Models, AckLoop &Out) {
  // Asked at every branch of every path (AckWait's checkBranchCondition),
  // and the answer is the loop's AST: read once (the body walk was 0.2% of
  // the analysis of mosquitto's packet_mosq.c).
  static llvm::DenseMap<std::pair<const ModelIndex *, const Stmt *>,
                        std::optional<AckLoop>>
      Known;
  auto It = Known.find({&Models, Loop});
  if (It == Known.end()) {
    AckLoop L;
    std::optional<AckLoop> Read;
    if (readAckLoop(Loop, Models, L))
      Read = std::move(L);
    It = Known.try_emplace({&Models, Loop}, std::move(Read)).first;
  }
  if (!It->second)
    return false;
  Out = *It->second;
  return true;
}

llvm::SmallPtrSet<const VarDecl *, 4> globalsWrittenBy(const FunctionDecl *Entry) {
  llvm::SmallPtrSet<const VarDecl *, 4> Written;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Reached;
  walkWrites(
      Entry, Reached,
      [&](const Expr *LHS) {
        if (const VarDecl *VD = rootVar(LHS))
          if (VD->hasGlobalStorage())
            Written.insert(VD);
      },
      [](const CallExpr *CE) { return CE->getDirectCallee(); });
  return Written;
}

const AckGlobals &ackGlobals(const ModelIndex &Models, const FunctionDecl *Entry) {
  return entryRecord(Models, Entry).part<AckGlobals>([Entry](EntryRecord &) {
    return AckGlobals{globalsWrittenBy(Entry)};
  });
}

const FunctionDecl *namedEntry(const SpawnOutcome &O) {
  const auto *CE = dyn_cast<CallExpr>(O.Site);
  unsigned I = static_cast<unsigned>(O.Spawn->entry_arg);
  return CE && I < CE->getNumArgs() ? calleeOf(CE->getArg(I)) : nullptr;
}

bool awaitableThroughGlobals(const ModelIndex &Models, const SpawnOutcome &O) {
  const FunctionDecl *Entry = namedEntry(O);
  return Entry && !ackGlobals(Models, Entry).Written.empty();
}

} // namespace taskleak
