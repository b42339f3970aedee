// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, GLib, GObject dispose).
// Source: endlessm/eos-knowledge-lib PR #1519, commit
//   48288f9af650aa803bfc742426bfae83e022784d,
//   https://github.com/endlessm/eos-knowledge-lib/pull/1519
// Original bug: an autohide timeout whose callback touches the overlay
// widgets was removed only in finalize, but dispose had already released
// those widgets; the timeout could fire in between.  The fix removed the
// source in dispose.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

typedef struct {
  int shown;
} Overlay;

typedef struct {
  Overlay *overlay;
  guint hide_id;
} Player;

static gboolean player_autohide(gpointer data) {
  Player *p = data;
  p->overlay->shown = 0;
  p->hide_id = 0;
  return G_SOURCE_REMOVE;
}

void player_motion(Player *p) {
  if (!p->hide_id)
    p->hide_id = g_timeout_add_seconds(1, player_autohide, p);
}

void player_dispose(Player *p) {
  g_clear_pointer(&p->overlay, g_free); // the overlay is freed; the source is still pending
} // expected-warning{{The GLib source 'p->hide_id' calling 'player_autohide' can still fire after 'p->overlay', which it uses, is freed (added in 'player_motion')}}

void player_finalize(Player *p) {
  if (p->hide_id)
    g_source_remove(p->hide_id); // too late
  g_free(p);
}

typedef struct {
  Overlay *overlay;
  guint hide_id;
} FixedPlayer;

static gboolean fixed_player_autohide(gpointer data) {
  FixedPlayer *p = data;
  p->overlay->shown = 0;
  p->hide_id = 0;
  return G_SOURCE_REMOVE;
}

void fixed_player_motion(FixedPlayer *p) {
  if (!p->hide_id)
    p->hide_id = g_timeout_add_seconds(1, fixed_player_autohide, p);
}

void fixed_player_dispose(FixedPlayer *p) {
  g_clear_handle_id(&p->hide_id, g_source_remove);
  g_clear_pointer(&p->overlay, g_free); // no warning
}

void fixed_player_finalize(FixedPlayer *p) {
  g_free(p); // no warning: dispose removed the source
}
