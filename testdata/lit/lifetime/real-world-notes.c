// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Path notes for two of the real-world reductions in this directory:
//  - real-world-ostep-signal-cv.c: remzi-arpacidusseau/ostep-homework PR #62,
//    https://github.com/remzi-arpacidusseau/ostep-homework/pull/62 (main waited
//    on a condition variable and returned without joining the child, TL101);
//  - real-world-bun-uv-detach.c: oven-sh/bun PR #29261 review,
//    https://github.com/oven-sh/bun/pull/29261 (a detached libuv thread was
//    handed a pointer to a local int, TL102).
// Reductions written for taskleak; no project code is copied.
#include <pthread.h>
#include <uv.h>

// uv_thread_detach exists since libuv 1.50; the system uv.h (1.44) predates it.
int uv_thread_detach(uv_thread_t *tid);

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int done_flag;

static void *announce(void *unused) {
  (void)unused;
  pthread_mutex_lock(&done_lock);
  done_flag = 1;
  pthread_cond_signal(&done_cv);
  pthread_mutex_unlock(&done_lock);
  return 0;
}

static void wait_until_done(void) {
  pthread_mutex_lock(&done_lock);
  while (!done_flag)
    pthread_cond_wait(&done_cv, &done_lock);
  pthread_mutex_unlock(&done_lock);
}

int checkLeakSignalCvNotes(void) {
  pthread_t child;
  if (pthread_create(&child, 0, announce, 0) != 0)
    // expected-note@-1{{Thread running 'announce' spawned here (handle 'child')}}
    // expected-note@-2{{Assuming the condition is false}}
    // expected-note@-3{{Taking false branch}}
    return 1;
  wait_until_done();
  // expected-warning@-1{{Thread running 'announce' is never joined or detached (handle 'child')}}
  // expected-note@-2{{Thread running 'announce' is never joined or detached (handle 'child')}}
  return 0;
}

static void bump(void *arg) {
  int *counter = arg;
  *counter = 42;
}

// Reported once for the spawn, on the shortest path that ends the frame.
int checkDanglingDetachedNotes(void) {
  uv_thread_t tid;
  int counter = 0;
  if (uv_thread_create(&tid, bump, &counter) != 0)
    // expected-note@-1{{Thread running 'bump' spawned here (handle 'tid') with a pointer to local 'counter'}}
    // expected-note@-2{{Assuming the condition is false}}
    // expected-note@-3{{Taking false branch}}
    return -1;
  if (uv_thread_detach(&tid) != 0)
    // expected-note@-1{{Thread running 'bump' detached here; it keeps running with a pointer to local 'counter'}}
    // expected-note@-2{{Assuming the condition is false}}
    // expected-note@-3{{Taking false branch}}
    return -1;
  return 0;
  // expected-warning@-1{{The detached thread running 'bump' may use local 'counter' after 'checkDanglingDetachedNotes' returns}}
  // expected-note@-2{{The detached thread running 'bump' may use local 'counter' after 'checkDanglingDetachedNotes' returns}}
}
