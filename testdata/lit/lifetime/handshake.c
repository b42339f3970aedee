// The start-up handshake: the owner hands a task a pointer into its frame
// and waits until the task signals that it copied what it needs.  An
// untimed wait on a synchronisation object inside the argument ends the
// task's claim on that memory (rules/models/sync.json).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -verify %s

#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <uv.h>

struct start {
  int id;
  sem_t copied;
};

static void *copying_worker(void *arg) {
  struct start *s = arg;
  int id = s->id;
  sem_post(&s->copied);
  return (void *)(long)id;
}

void checkNoDanglingHandshake(void) {
  struct start s;
  pthread_t t;
  s.id = 1;
  sem_init(&s.copied, 0, 0);
  if (pthread_create(&t, NULL, copying_worker, &s) != 0)
    return;
  pthread_detach(t);
  sem_wait(&s.copied); // no warning: the task is done with 's'
  sem_destroy(&s.copied);
}

void checkDanglingNoHandshake(void) {
  struct start s;
  pthread_t t;
  s.id = 1;
  sem_init(&s.copied, 0, 0);
  if (pthread_create(&t, NULL, copying_worker, &s) != 0)
    return;
  pthread_detach(t);
  sem_destroy(&s.copied);
} // expected-warning{{The detached thread running 'copying_worker' may use local 's' after 'checkDanglingNoHandshake' returns}}

void checkDanglingTimedWait(void) {
  struct start s;
  pthread_t t;
  struct timespec ts = {0, 0};
  s.id = 1;
  sem_init(&s.copied, 0, 0);
  if (pthread_create(&t, NULL, copying_worker, &s) != 0)
    return;
  pthread_detach(t);
  sem_timedwait(&s.copied, &ts); // may time out: no guarantee
} // expected-warning{{The detached thread running 'copying_worker' may use local 's' after 'checkDanglingTimedWait' returns}}

// libuv's threadpool shape (src/threadpool.c init_threads): every worker
// posts a semaphore on the owner's stack once it runs; the owner waits once
// per thread.  Returning early after one spawn failed, before the waits,
// would be a real TL102.
static void uv_worker(void *arg) { uv_sem_post((uv_sem_t *)arg); }

void checkNoDanglingUvSem(uv_thread_t *threads) {
  uv_sem_t sem;
  uv_sem_init(&sem, 0);
  for (int i = 0; i < 2; i++)
    if (uv_thread_create(&threads[i], uv_worker, &sem))
      abort(); // as libuv does
  for (int i = 0; i < 2; i++)
    uv_sem_wait(&sem); // no warning
  uv_sem_destroy(&sem);
}

void checkDanglingUvSemOtherObject(uv_thread_t *threads) {
  uv_sem_t sem, other;
  uv_sem_init(&sem, 0);
  uv_sem_init(&other, 0);
  if (uv_thread_create(&threads[0], uv_worker, &sem))
    return;
  uv_sem_wait(&other); // not what the task signals
} // expected-warning{{The unjoined thread running 'uv_worker' may use local 'sem' after 'checkDanglingUvSemOtherObject' returns}}
