// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Path notes of the timer family: where the timer was created and armed,
// what the owner protocol assumed, and where it was stopped or closed.
#include <glib.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <uv.h>

typedef struct {
  int n;
  guint id;
} Ctx;

static gboolean tick(gpointer data) {
  Ctx *c = data;
  c->n++;
  return G_SOURCE_CONTINUE;
}

void notesFreedData(void) {
  Ctx *c = g_new0(Ctx, 1);
  c->id = g_timeout_add(100, tick, c); // expected-note{{The GLib source calling 'tick' is added here}}
  g_free(c); // expected-note{{'c' is freed here while the timer is pending}}
} // expected-warning{{The GLib source calling 'tick' can still fire after its data 'c' is freed}}
  // expected-note@-1{{The GLib source calling 'tick' can still fire after its data 'c' is freed}}

int work(void);

int notesTimerfd(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0); // expected-note{{The timerfd is created here}}
  if (fd < 0) // expected-note{{Assuming 'fd' is >= 0}}
              // expected-note@-1{{Taking false branch}}
    return -1;
  if (work()) // expected-note{{Assuming the condition is true}}
              // expected-note@-1{{Taking true branch}}
    return -1; // expected-warning{{The timerfd 'fd' is never closed}}
               // expected-note@-1{{The timerfd 'fd' is never closed}}
  close(fd);
  return 0;
}

static void on_tick(uv_timer_t *t) { (void)t; }

void notesUvClose(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t) // expected-note{{Assuming 't' is non-null}}
          // expected-note@-1{{Taking false branch}}
    return;
  uv_timer_init(loop, t); // expected-note{{The libuv timer is created here}}
  uv_timer_start(t, on_tick, 10, 10); // expected-note{{The libuv timer calling 'on_tick' is armed here}}
  uv_timer_stop(t); // expected-note{{The libuv timer calling 'on_tick' is stopped here}}
  uv_close((uv_handle_t *)t, NULL); // expected-note{{The libuv timer calling 'on_tick' is closing here; nothing is told when it is done}}
  free(t); // expected-warning{{The libuv timer calling 'on_tick' is freed before its close has completed}}
           // expected-note@-1{{The libuv timer calling 'on_tick' is freed before its close has completed}}
}

typedef struct {
  int n;
  guint refresh_id;
} View;

static gboolean view_refresh(gpointer data) {
  View *v = data;
  v->n++;
  return TRUE;
}

void view_start(View *v) {
  v->refresh_id = g_timeout_add(500, view_refresh, v);
}

void view_free(View *v) { // expected-note{{Assuming 'v->refresh_id' holds the GLib source added in 'view_start'}}
  g_free(v); // expected-note{{'v' is freed here while the timer is pending}}
} // expected-warning{{The GLib source 'v->refresh_id' calling 'view_refresh' can still fire after its data 'v' is freed (added in 'view_start')}}
  // expected-note@-1{{The GLib source 'v->refresh_id' calling 'view_refresh' can still fire after its data 'v' is freed (added in 'view_start')}}
