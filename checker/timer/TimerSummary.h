//===- TimerSummary.h - timer callbacks and timer owners --------*- C++ -*-===//
//
// What the timer family reads from the AST before the path analysis:
//
//  - callback summaries: does a GLib source callback return FALSE
//    (G_SOURCE_REMOVE) on every path (one-shot), TRUE on every path
//    (repeating), or either; which fields of its data it zeroes (its own
//    stored id: `self->id = 0; return G_SOURCE_REMOVE;` is a release) and
//    which pointer fields of its data it uses;
//  - timer owners (level 3 of the spec, the owner-object protocol as
//    OwnerIndex.h does it for threads): struct / class fields that receive a
//    timer (a source id, a POSIX timer, a timerfd, an event, an embedded
//    uv_timer_t), the function that created it, and the functions that end
//    such an owner (free it, destroy / dispose / close / free it by name, or
//    a C++ destructor);
//  - stale ids: fields holding the id of a one-shot source whose callback
//    (or destroy notify) never clears the field, so a later removal by that
//    id may remove nothing, or another source.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_TIMER_TIMERSUMMARY_H
#define TASKLEAK_TIMER_TIMERSUMMARY_H

#include "EntryWalk.h"
#include "OwnerIndex.h"


namespace taskleak {

/// How a GSourceFunc-style callback's return value decides repetition.
enum class CallbackReturns {
  Unknown,   ///< no body here, or no return value
  Never,     ///< FALSE / G_SOURCE_REMOVE on every path: one-shot
  Always,    ///< TRUE / G_SOURCE_CONTINUE on every path: repeats
  Sometimes  ///< either
};

struct CallbackFacts {
  CallbackReturns Returns = CallbackReturns::Unknown;
  /// Fields of the data object the callback (or a helper it calls) sets to 0.
  llvm::SmallPtrSet<const clang::FieldDecl *, 4> Cleared;
  /// Pointer fields of the data object the callback reads.
  llvm::SmallPtrSet<const clang::FieldDecl *, 4> UsedPointers;
  /// The callback reads its data pointer at all.
  bool UsesData = false;
  /// It releases its data as a timer (a libuv callback that uv_close's
  /// its own handle).
  bool ReleasesData = false;
  /// It releases the timer it runs for (`event_free(
  /// event_base_get_running_event(base))`, a timer_self row).
  bool ReleasesSelf = false;
  /// It returns unless its data is still in this global container, before
  /// using it at all (MembershipGuard.h); null when it does not check.
  const clang::VarDecl *LiveIn = nullptr;
};

/// Summarises \p CB, whose last parameter is the data pointer.
CallbackFacts summarizeCallback(const clang::FunctionDecl *CB, const ModelIndex &Models);

/// A field that holds a timer; or, with Field null, a GLib source whose id
/// is dropped and whose callback gets the object as data (`g_timeout_add(
/// 1000, cb, item)` in item_menu_ready): freeing the object may leave it
/// pending.
/// Its Model is the create call that fills it, Runs the timer's callback.
struct TimerField : OwnedField {
  bool Object; ///< the field is the timer object itself
};

class TimerOwners {
public:
  TimerOwners(clang::ASTContext &Ctx, const ModelIndex &Models);

  llvm::ArrayRef<TimerField> fieldsOf(const clang::RecordDecl *RD) const;
  /// Sources with dropped ids whose data is an object of type \p RD.
  llvm::ArrayRef<TimerField> dataSourcesOf(const clang::RecordDecl *RD) const;
  /// Pointer fields of \p RD to objects that are such data (`s->gui`).
  llvm::SmallVector<const clang::FieldDecl *, 2>
  dataSourceFields(const clang::RecordDecl *RD) const;

  /// Parameters of \p FD (by index) whose object it ends; -1 is `this` in a
  /// destructor.
  llvm::ArrayRef<int> endedOwners(const clang::FunctionDecl *FD) const;

  /// Should \p Ender be analysed with \p TF assumed to hold a live timer
  /// whose leak it owes?  As OwnerIndex::assumeLive: not when the creating
  /// function releases it too, nor (in C) when the release lives in another
  /// function that \p Ender does not call, except that a dispose function
  /// gets no excuse from a release in finalize, which runs after it.
  bool owesRelease(const clang::FunctionDecl *Ender, const TimerField &TF) const;

  /// A GObject finalize runs after its class's dispose: a timer that
  /// dispose releases is gone by then (GObjectOwners.h).
  bool releasedBefore(const clang::FunctionDecl *Ender, const TimerField &TF) const;

  /// The one-shot source whose stale id field \p F may hold, or null.
  const TimerField *staleId(const clang::FieldDecl *F) const;

  /// If \p FD is registered as the callback of a timer object that its
  /// loop holds (a libuv timer: parameter 0 is that live timer), the model
  /// of the call that initialises such objects; else null.
  const tl_fn_model *objectCallback(const clang::FunctionDecl *FD) const;

  const CallbackFacts &callback(const clang::FunctionDecl *CB) const;

private:
  ReleaseGraph Releases;
  llvm::DenseMap<const clang::RecordDecl *, llvm::SmallVector<TimerField, 2>> Fields;
  llvm::DenseMap<const clang::RecordDecl *, llvm::SmallVector<TimerField, 2>> DataSources;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<int, 1>> Enders;
  llvm::DenseMap<const clang::FieldDecl *, llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Releasers;
  llvm::DenseMap<const clang::FieldDecl *, const TimerField *> Stale;
  llvm::DenseMap<const clang::FunctionDecl *, const tl_fn_model *> ObjectCallbacks;
  const ModelIndex &Models;
};

} // namespace taskleak

#endif
