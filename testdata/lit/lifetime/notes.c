// Path notes of the lifetime rules: the spawn, each state change, and the
// point where the bug becomes certain.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s

#include <pthread.h>

static void *worker(void *arg) { return arg; }

int leakOnErrorPath(int fail) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0) // expected-note{{Thread running 'worker' spawned here (handle 't')}}
    // expected-note@-1{{Assuming the condition is false}}
    // expected-note@-2{{Taking false branch}}
    return -1;
  if (fail) // expected-note{{Assuming 'fail' is not equal to 0}}
    // expected-note@-1{{Taking true branch}}
    return -2; // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}
    // expected-note@-1{{Thread running 'worker' is never joined or detached (handle 't')}}
  pthread_join(t, NULL);
  return 0;
}

void danglingDetached(void) {
  int local = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local); // expected-note{{Thread running 'worker' spawned here (handle 't') with a pointer to local 'local'}}
  pthread_detach(t); // expected-note{{Thread running 'worker' detached here; it keeps running with a pointer to local 'local'}}
} // expected-warning{{The detached thread running 'worker' may use local 'local' after 'danglingDetached' returns}}
  // expected-note@-1{{The detached thread running 'worker' may use local 'local' after 'danglingDetached' returns}}

void doubleJoin(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL); // expected-note{{Thread running 'worker' spawned here (handle 't')}}
  pthread_join(t, NULL); // expected-note{{Thread running 'worker' joined here}}
  pthread_join(t, NULL); // expected-warning{{Thread running 'worker' is joined twice (handle 't')}}
  // expected-note@-1{{Thread running 'worker' is joined twice (handle 't')}}
}

static int start(pthread_t *t) {
  return pthread_create(t, NULL, worker, NULL); // expected-note{{Thread running 'worker' spawned here (handle 't')}}
}

void leakThroughHelper(void) {
  pthread_t t;
  if (start(&t)) // expected-note{{Calling 'start'}}
    // expected-note@-1{{Returning from 'start'}}
    // expected-note@-2{{Assuming the condition is false}}
    // expected-note@-3{{Taking false branch}}
    return;
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}
  // expected-note@-1{{Thread running 'worker' is never joined or detached (handle 't')}}
