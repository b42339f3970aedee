// TL104 for a failed spawn: the path shows the spawn and the branch where it
// failed.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.lifetime.DoubleJoin -analyzer-output=text -verify %s

#include <pthread.h>

void log_error(const char *msg);
static void *worker(void *arg) { return arg; }

void detachAfterFailedSpawn(void) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, worker, NULL) != 0) // expected-note{{Spawn of the thread running 'worker' into handle 'tid'; it fails on this path}}
    // expected-note@-1{{Assuming the condition is true}}
    // expected-note@-2{{Taking true branch}}
    log_error("cannot start");
  pthread_detach(tid); // expected-warning{{Handle 'tid' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
  // expected-note@-1{{Handle 'tid' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
}
