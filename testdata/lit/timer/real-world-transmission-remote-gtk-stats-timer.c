// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, GLib).
// Source: transmission-remote-gtk PR #251, commit
//   1462b09756e79164c1e652e025bc97f4d43c60cc,
//   https://github.com/transmission-remote-gtk/transmission-remote-gtk/pull/251
// Original bug: every statistics reply re-armed a g_timeout_add_seconds with
// the dialog as data and dropped the id; closing the dialog destroyed it and
// the pending timeout then crashed on it.  The fix stored the tag and cleared
// it with g_clear_handle_id before destroying the dialog.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

typedef struct {
  int rows;
} StatsWin;

static gboolean refresh_stats(gpointer data) {
  StatsWin *w = data;
  w->rows++;
  return G_SOURCE_REMOVE;
}

void stats_reply(StatsWin *w) {
  g_timeout_add_seconds(5, refresh_stats, w);
}

void stats_response(StatsWin *w) {
  g_free(w); // data freed; the source is still pending
} // expected-warning{{The GLib source calling 'refresh_stats' can still fire after its data 'w' is freed (added in 'stats_reply')}}

typedef struct {
  int rows;
  guint refresh_tag;
} FixedStatsWin;

static gboolean fixed_refresh_stats(gpointer data) {
  FixedStatsWin *w = data;
  w->refresh_tag = 0;
  w->rows++;
  return G_SOURCE_REMOVE;
}

void fixed_stats_reply(FixedStatsWin *w) {
  w->refresh_tag = g_timeout_add_seconds(5, fixed_refresh_stats, w);
}

void fixed_stats_response(FixedStatsWin *w) {
  if (w->refresh_tag)
    g_clear_handle_id(&w->refresh_tag, g_source_remove);
  g_free(w); // no warning
}
