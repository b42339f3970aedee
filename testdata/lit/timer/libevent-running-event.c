// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// A persistent event whose callback frees the event it runs for, through
// event_base_get_running_event (a timer_self row), ends itself: adding it
// and dropping the pointer is no leak (libevent's test-ratelim.c, the
// check_bucket_levels_cb event).  The same event with a callback that never
// frees it is reported.
// Reduction written for taskleak; no project code is copied.
#include <event2/event.h>

static int ticks;

static void tick(evutil_socket_t fd, short what, void *arg) {
  struct event_base *base = arg;
  (void)fd;
  (void)what;
  if (++ticks >= 10)
    event_free(event_base_get_running_event(base)); // the event frees itself
}

// Fixed shape: silent.
void start_ticker(struct event_base *base) {
  struct timeval tv = {0, 100000};
  struct event *ev = event_new(base, -1, EV_PERSIST, tick, base);
  if (!ev)
    return;
  event_add(ev, &tv);
}

static void count(evutil_socket_t fd, short what, void *arg) {
  struct event_base *base = arg;
  (void)fd;
  (void)what;
  if (++ticks >= 10)
    event_base_loopbreak(base);
}

// Bug: the callback never frees the event; its only pointer is dropped.
void start_counter(struct event_base *base) {
  struct timeval tv = {0, 100000};
  struct event *ev = event_new(base, -1, EV_PERSIST, count, base); // expected-note{{The event calling 'count' is created here}}
  if (!ev) // expected-note{{Assuming 'ev' is non-null}}
           // expected-note@-1{{Taking false branch}}
    return;
  event_add(ev, &tv); // expected-note{{The event 'ev' calling 'count' is armed here}}
} // expected-warning{{The event 'ev' calling 'count' is never freed}}
  // expected-note@-1{{The event 'ev' calling 'count' is never freed}}
