// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, GLib).
// Source: LBCrion/sfwbar PR #273, commit 136f47534a190308d3b60d6b8e6b3e372f70fdc2,
//   https://github.com/LBCrion/sfwbar/pull/273
// Original bug: after a tray menu layout arrived, a one-second timeout was
// added with the tray item as its data and its id dropped; when the item went
// away first (closing the application), the timeout ran on the freed item.
// The fix kept the id and removed the source when the item was cancelled.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

typedef struct {
  char *label;
  int quiet;
} TrayEntry;

static gboolean end_quiet(gpointer data) {
  TrayEntry *e = data;
  e->quiet = 0;
  return G_SOURCE_REMOVE;
}

void tray_entry_menu_ready(TrayEntry *e) {
  e->quiet = 1;
  g_timeout_add(1000, end_quiet, e);
}

void tray_entry_free(TrayEntry *e) {
  g_free(e->label);
  g_free(e); // data freed; the source is still pending
} // expected-warning{{The GLib source calling 'end_quiet' can still fire after its data 'e' is freed (added in 'tray_entry_menu_ready')}}

// The fix: keep the id, clear it when the source ends, remove it at free.
typedef struct {
  char *label;
  int quiet;
  guint quiet_id;
} FixedTrayEntry;

static gboolean fixed_end_quiet(gpointer data) {
  FixedTrayEntry *e = data;
  e->quiet = 0;
  e->quiet_id = 0;
  return G_SOURCE_REMOVE;
}

void fixed_tray_entry_menu_ready(FixedTrayEntry *e) {
  e->quiet = 1;
  if (!e->quiet_id)
    e->quiet_id = g_timeout_add(1000, fixed_end_quiet, e);
}

void fixed_tray_entry_free(FixedTrayEntry *e) {
  g_clear_handle_id(&e->quiet_id, g_source_remove);
  g_free(e->label);
  g_free(e); // no warning
}
