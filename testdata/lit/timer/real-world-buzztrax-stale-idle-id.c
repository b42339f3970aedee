// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, GLib: removal of a stale id).
// Source: Buzztrax/buzztrax PR #127 (issue #122), commit
//   ce7836a9f3b9248318df39140586de4629283999, https://github.com/Buzztrax/buzztrax/pull/127
// Original bug: an idle tied to an object was removed by its stored id when
// the object went away, even after the idle had returned FALSE and GLib had
// destroyed it ("Source ID N was not found when attempting to remove it"; a
// reused id removes someone else's source).  The fix cleared the stored id
// from the source's destroy notify.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

typedef struct {
  int dirty;
  guint idle_id;
} Track;

static gboolean track_refresh(gpointer data) {
  Track *t = data;
  t->dirty = 0;
  return G_SOURCE_REMOVE;
}

void track_queue_refresh(Track *t) {
  t->idle_id = g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, track_refresh, t, NULL);
}

void track_destroy(Track *t) {
  if (t->idle_id)
    g_source_remove(t->idle_id); // expected-warning{{Source id 't->idle_id' may be stale when removed: 'track_refresh' returns FALSE, which destroys the source added in 'track_queue_refresh', without clearing the id}}
  g_free(t);
}

typedef struct {
  int dirty;
  guint idle_id;
} FixedTrack;

static gboolean fixed_track_refresh(gpointer data) {
  FixedTrack *t = data;
  t->dirty = 0;
  return G_SOURCE_REMOVE;
}

static void fixed_track_refresh_done(gpointer data) {
  FixedTrack *t = data;
  t->idle_id = 0;
}

void fixed_track_queue_refresh(FixedTrack *t) {
  if (!t->idle_id)
    t->idle_id = g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, fixed_track_refresh, t,
                                 fixed_track_refresh_done);
}

void fixed_track_destroy(FixedTrack *t) {
  if (t->idle_id)
    g_source_remove(t->idle_id); // no warning
  g_free(t);
}
