// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
#include <pthread.h>
static void *worker(void *p) { return p; }
int leak(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  return 0; // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}
}
