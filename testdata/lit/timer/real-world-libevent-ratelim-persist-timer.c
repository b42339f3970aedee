// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, libevent).
// Source: libevent/libevent PR #959 (test/test-ratelim.c), commit
//   5fbe6313ae7e81cde3e056b29171a6346c54aa0b, https://github.com/libevent/libevent/pull/959
// Original bug: a persistent timer made with event_new(..., EV_PERSIST, ...)
// was only event_del'ed at teardown, never event_free'd, so the struct event
// leaked (found with a memory checker).  The fix used event_free.
// Reduction written for taskleak; no project code is copied.
#include <event2/event.h>

static void drain(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
}

void run_bucket_test(struct event_base *base, int grouped) {
  struct timeval period = {0, 100000};
  struct event *tick = NULL;
  if (grouped) {
    tick = event_new(base, -1, EV_PERSIST, drain, NULL);
    event_add(tick, &period);
  }
  event_base_dispatch(base);
  if (tick)
    event_del(tick);
} // expected-warning{{The event 'tick' calling 'drain' is never freed}}

void fixed_run_bucket_test(struct event_base *base, int grouped) {
  struct timeval period = {0, 100000};
  struct event *tick = NULL;
  if (grouped) {
    tick = event_new(base, -1, EV_PERSIST, drain, NULL);
    event_add(tick, &period);
  }
  event_base_dispatch(base);
  if (tick)
    event_free(tick); // no warning
}
