// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, POSIX threads, loop form).
// Source: KhronosGroup/OpenCL-CTS PR #1553, "Fix thread leaks in the thread
//   pool", https://github.com/KhronosGroup/OpenCL-CTS/pull/1553
//   (commit 191fd0f9; also reported in issue #1266)
// Original bug: the harness thread pool created its workers in a loop into a
// pthread_t local to each iteration and never kept it; the exit function only
// woke the workers through a condition variable, so ThreadSanitizer reported
// one "thread leak" per worker. The fix records every pthread_t in a
// file-level container and joins them all in the exit function.
// Reduction written for taskleak (in C; the project is C++ over the plain
// pthread API); no project code is copied. The original also hands each worker
// the address of a local id counter whose use is ordered by a condition
// variable before the init function returns; a static counter is used here to
// keep the case to TL101.
#include <pthread.h>

#define MAX_WORKERS 64

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cv = PTHREAD_COND_INITIALIZER;
static int pool_quit;
static unsigned next_worker_id;

static void *pool_worker(void *arg) {
  unsigned *ids = arg;
  pthread_mutex_lock(&pool_lock);
  unsigned me = (*ids)++;
  (void)me;
  while (!pool_quit)
    pthread_cond_wait(&pool_cv, &pool_lock);
  pthread_mutex_unlock(&pool_lock);
  return 0;
}

static void pool_wake_all(void) {
  pthread_mutex_lock(&pool_lock);
  pool_quit = 1;
  pthread_cond_broadcast(&pool_cv);
  pthread_mutex_unlock(&pool_lock);
}

// Bug: each iteration's handle dies at the end of the iteration.
int checkLeakPoolInit(int count) {
  // Reported when the loop moves on to the next iteration.
  for (int i = 0; i < count; i++) { // expected-warning{{Thread running 'pool_worker' is never joined or detached (handle 'tid')}}
    pthread_t tid;
    if (pthread_create(&tid, 0, pool_worker, &next_worker_id) != 0)
      return i;
  }
  return count;
}

// Fix, as in the PR: remember the handles at file level and join them when
// the pool exits. (Handles stored in a global escape the analysis by design,
// so this variant is silent for that reason as much as for the join.)
static pthread_t pool_threads[MAX_WORKERS];
static int pool_size;

int checkNoLeakPoolInit(int count) {
  if (count > MAX_WORKERS)
    count = MAX_WORKERS;
  for (int i = 0; i < count; i++) {
    if (pthread_create(&pool_threads[i], 0, pool_worker, &next_worker_id) != 0)
      return i;
    pool_size = i + 1;
  }
  return count; // no warning
}

void poolExit(void) {
  pool_wake_all();
  for (int i = 0; i < pool_size; i++)
    pthread_join(pool_threads[i], 0); // no warning
}
