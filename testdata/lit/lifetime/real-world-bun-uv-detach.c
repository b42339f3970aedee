// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL102 DanglingTaskArg, libuv threads; CERT CON34-C).
// Source: oven-sh/bun PR #29261, "napi: polyfill uv_thread_* against pthread",
//   review comment on test/napi/napi-app/uv_thread_addon.c,
//   https://github.com/oven-sh/bun/pull/29261
// Original bug: the addon's detach test passed the address of a local int to
// uv_thread_create, detached the thread (whose body writes through the
// pointer) and returned from the init function, so the detached thread could
// write into a dead stack frame; the suggested fix gives the counter static
// (or heap) storage. (The join test in the same function, which joins before
// returning, is fine.)
// Reduction written for taskleak; no project code is copied.
#include <uv.h>

// uv_thread_detach exists since libuv 1.50; the system uv.h (1.44) predates it.
int uv_thread_detach(uv_thread_t *tid);

static void bump(void *arg) {
  int *counter = arg;
  *counter = 42;
}

// Joined before the frame ends: no warning.
int checkNoDanglingJoined(void) {
  uv_thread_t tid;
  int counter = 0;
  if (uv_thread_create(&tid, bump, &counter) != 0)
    return -1;
  uv_thread_join(&tid);
  return counter; // no warning
}

// Bug: detached, and handed a pointer to 'counter', which dies on return.
int checkDanglingDetached(void) {
  uv_thread_t tid;
  int counter = 0;
  if (uv_thread_create(&tid, bump, &counter) != 0)
    return -1;
  // One report per spawn: the analyzer keeps the shortest path of the two
  // (detach failed / succeeded) that end the frame.  A failed detach is
  // modelled as impossible (it only fails on an invalid handle).
  if (uv_thread_detach(&tid) != 0)
    return -1;
  return 0; // expected-warning{{The detached thread running 'bump' may use local 'counter' after 'checkDanglingDetached' returns}}
}

// Fix (as suggested in the review): the counter outlives the function.
int checkNoDanglingDetachedStatic(void) {
  static int counter;
  uv_thread_t tid;
  counter = 0;
  if (uv_thread_create(&tid, bump, &counter) != 0)
    return -1;
  if (uv_thread_detach(&tid) != 0)
    return -1;
  return 0; // no warning
}
