// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s
//
// Real-world reduction (TL102 DanglingTaskArg, heap part).
// Source: signalwire/freeswitch PR #3030, "[core] Fix use-after-free in
//   session thread pool worker", https://github.com/signalwire/freeswitch/pull/3030
// Original bug: the thread data handed to a pooled worker was allocated from
// the session's memory pool, and the session function destroyed that pool
// before returning while the worker still read td->running and td->pool.
// The fix allocates the data on its own and lets the worker free it.
// Reduction written for taskleak; no project code is copied. The memory pool
// is reduced to malloc/free: destroying the pool frees the thread data.
#include <pthread.h>
#include <stdlib.h>

struct thread_data {
  int running;
  int owned_by_worker; // the fix: the worker frees the data
  void *obj;
};

void run_task(void *obj);

static void *pool_worker(void *p) {
  struct thread_data *td = p;
  td->running = 1;
  run_task(td->obj);
  td->running = 0;
  if (td->owned_by_worker)
    free(td);
  return NULL;
}

int session_thread_launch_buggy(void *obj) {
  struct thread_data *td = calloc(1, sizeof *td);
  pthread_t t;
  if (!td)
    return -1;
  td->obj = obj;
  if (pthread_create(&t, NULL, pool_worker, td) != 0) {
    free(td);
    return -1;
  }
  pthread_detach(t);
  free(td); // the session pool goes away // expected-warning{{The detached thread running 'pool_worker' may use its argument after it is freed}}
  return 0;
}

int session_thread_launch_fixed(void *obj) {
  struct thread_data *td = calloc(1, sizeof *td);
  pthread_t t;
  if (!td)
    return -1;
  td->obj = obj;
  td->owned_by_worker = 1;
  if (pthread_create(&t, NULL, pool_worker, td) != 0) {
    free(td);
    return -1;
  }
  pthread_detach(t); // no warning: the worker frees td
  return 0;
}
