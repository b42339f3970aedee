// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Issue 12: a GLib source whose data is an object that another owner
// points to, freed as that owner's field (`g_free(s->gui)`), is reported as
// freeing the data itself is.  A hexchat crash fixed in 2013 had this
// shape; the reduction is written for taskleak and copies no project code.
#include <glib.h>

typedef struct {
  int *pane;
} gui_t;

typedef struct {
  gui_t *gui;
  char *topic;
} sess_t;

static gboolean add_signals(gpointer p) {
  gui_t *g = p;
  *g->pane = 1;
  return G_SOURCE_REMOVE;
}

void create_center(sess_t *s, gui_t *g) { g_idle_add(add_signals, g); }

// The bug: the gui is freed with the session while the idle is pending.
void sess_destroy(sess_t *s) {
  g_free(s->gui); // expected-note{{'s->gui' is freed here while the timer is pending}}
  g_free(s);
} // expected-warning{{The GLib source calling 'add_signals' can still fire after its data 's->gui' is freed (added in 'create_center')}}
  // expected-note@-1{{The GLib source calling 'add_signals' can still fire after its data 's->gui' is freed (added in 'create_center')}}

// Freeing the data pointer itself was already reported.
void gui_destroy(gui_t *g) {
  g_free(g); // expected-note{{'g' is freed here while the timer is pending}}
} // expected-warning{{The GLib source calling 'add_signals' can still fire after its data 'g' is freed (added in 'create_center')}}
  // expected-note@-1{{The GLib source calling 'add_signals' can still fire after its data 'g' is freed (added in 'create_center')}}

// Fixed: the session keeps its gui; only the topic goes.
void sess_clear_topic(sess_t *s) {
  g_free(s->topic);
  g_free(s); // no warning: s->gui is not freed here
}

// Helper-function form: the gui freed by a helper the destroy calls.
static void sess_drop_gui(sess_t *s) {
  g_free(s->gui); // expected-note{{'s->gui' is freed here while the timer is pending}}
  s->gui = NULL;
}
void sess_destroy_via_helper(sess_t *s) {
  sess_drop_gui(s); // expected-note{{Calling 'sess_drop_gui'}} expected-note{{Returning from 'sess_drop_gui'}}
  g_free(s);
} // expected-warning{{The GLib source calling 'add_signals' can still fire after its data}}
  // expected-note@-1{{The GLib source calling 'add_signals' can still fire after its data}}

// Error path: the session is kept when busy; the free path is the bug.
int sess_close(sess_t *s, int busy) {
  if (busy) // expected-note{{Assuming 'busy' is 0}} expected-note{{Taking false branch}}
    return -1;
  g_free(s->gui); // expected-note{{'s->gui' is freed here while the timer is pending}}
  g_free(s);
  return 0; // expected-warning{{The GLib source calling 'add_signals' can still fire after its data 's->gui' is freed (added in 'create_center')}}
  // expected-note@-1{{The GLib source calling 'add_signals' can still fire after its data 's->gui' is freed (added in 'create_center')}}
}
