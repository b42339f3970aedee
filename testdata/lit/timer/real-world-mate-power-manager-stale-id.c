// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, GLib: removal of a stale id).
// Source: mate-desktop/mate-power-manager src/gpm-idle.c at
//   24ce98eea937472a6a735c0291ea5ce062daddda (latent; related commit
//   b6c8f86bd32139b22513408bd402d1840ea13302),
//   https://github.com/mate-desktop/mate-power-manager/blob/24ce98eea937472a6a735c0291ea5ce062daddda/src/gpm-idle.c
// Shape: a one-shot blank timeout returns FALSE without zeroing its stored
// id; when the session stops being idle the stale id is removed.  Not a
// confirmed upstream bug: the code has the shape, and GLib warns on it.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

typedef struct {
  int mode;
  guint blank_id;
} IdleWatch;

static gboolean on_blank(gpointer data) {
  IdleWatch *w = data;
  w->mode = 2;
  return FALSE;
}

void idle_watch_evaluate(IdleWatch *w, gboolean idle) {
  if (!idle) {
    if (w->blank_id != 0) {
      g_source_remove(w->blank_id); // expected-warning{{Source id 'w->blank_id' may be stale when removed: 'on_blank' returns FALSE, which destroys the source added in 'idle_watch_evaluate', without clearing the id}}
      w->blank_id = 0;
    }
    return;
  }
  if (w->blank_id == 0)
    w->blank_id = g_timeout_add_seconds(600, on_blank, w);
}

typedef struct {
  int mode;
  guint blank_id;
} FixedIdleWatch;

static gboolean fixed_on_blank(gpointer data) {
  FixedIdleWatch *w = data;
  w->blank_id = 0;
  w->mode = 2;
  return G_SOURCE_REMOVE;
}

void fixed_idle_watch_evaluate(FixedIdleWatch *w, gboolean idle) {
  if (!idle) {
    g_clear_handle_id(&w->blank_id, g_source_remove); // no warning
    return;
  }
  if (w->blank_id == 0)
    w->blank_id = g_timeout_add_seconds(600, fixed_on_blank, w);
}
