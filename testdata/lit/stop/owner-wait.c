// TL403 StopNeverSignalled, the owner's side: before its join, the owner
// waits on a condition variable in its own frame that only the tasks it
// handed the object to can reach, and none of them ever signals it.  The
// owner sleeps for good and never reaches the join.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>

void compute(void);
void publish_elsewhere(void *);

struct result {
  pthread_mutex_t mu;
  pthread_cond_t ready;
  bool done;
  int value;
};

// The task sets the flag but forgets to signal.
static void *produce_quietly(void *arg) {
  struct result *r = arg;
  compute();
  pthread_mutex_lock(&r->mu);
  r->value = 42;
  r->done = true;
  pthread_mutex_unlock(&r->mu);
  return NULL;
}

static void *produce(void *arg) {
  struct result *r = arg;
  compute();
  pthread_mutex_lock(&r->mu);
  r->value = 42;
  r->done = true;
  pthread_cond_signal(&r->ready);
  pthread_mutex_unlock(&r->mu);
  return NULL;
}

int checkNeverSignalled(void) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, produce_quietly, &r) != 0)
    return -1;
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // expected-warning{{The owner may wait forever on 'r.ready': the thread running 'produce_quietly' never signals it, and the join after the wait is never reached}}
  pthread_mutex_unlock(&r.mu);
  pthread_join(t, NULL);
  return r.value;
}

int checkSignalled(void) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, produce, &r) != 0)
    return -1;
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // no warning
  pthread_mutex_unlock(&r.mu);
  pthread_join(t, NULL);
  return r.value;
}

// Helper form: the task signals in a helper it calls.
static void finish(struct result *r, int v) {
  pthread_mutex_lock(&r->mu);
  r->value = v;
  r->done = true;
  pthread_cond_broadcast(&r->ready);
  pthread_mutex_unlock(&r->mu);
}

static void *produce_via_helper(void *arg) {
  compute();
  finish(arg, 7);
  return NULL;
}

int checkSignalledInHelper(void) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, produce_via_helper, &r) != 0)
    return -1;
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // no warning
  pthread_mutex_unlock(&r.mu);
  pthread_join(t, NULL);
  return r.value;
}

// The task hands the object to unseen code, which may signal it.
static void *produce_elsewhere(void *arg) {
  publish_elsewhere(arg);
  return NULL;
}

int checkTaskHandsOver(void) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, produce_elsewhere, &r) != 0)
    return -1;
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // no warning
  pthread_mutex_unlock(&r.mu);
  pthread_join(t, NULL);
  return r.value;
}

// The owner hands the object to unseen code before waiting.
int checkOwnerHandsOver(void) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, produce_quietly, &r) != 0)
    return -1;
  publish_elsewhere(&r);
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // no warning
  pthread_mutex_unlock(&r.mu);
  pthread_join(t, NULL);
  return r.value;
}

// Error path: a second worker that does signal was not started.
int checkSecondWorkerMissing(int two) {
  struct result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
  pthread_t a, b;
  if (pthread_create(&a, NULL, produce_quietly, &r) != 0)
    return -1;
  if (two && pthread_create(&b, NULL, produce, &r) != 0)
    two = 0;
  pthread_mutex_lock(&r.mu);
  while (!r.done)
    pthread_cond_wait(&r.ready, &r.mu); // expected-warning{{The owner may wait forever on 'r.ready': the thread running 'produce_quietly' never signals it}}
  pthread_mutex_unlock(&r.mu);
  pthread_join(a, NULL);
  if (two)
    pthread_join(b, NULL);
  return r.value;
}

// A semaphore may already hold a count: not judged.
struct token {
  sem_t ready;
};

static void *no_post(void *arg) {
  (void)arg;
  compute();
  return NULL;
}

void checkSemaphoreNotJudged(void) {
  struct token k;
  sem_init(&k.ready, 0, 1);
  pthread_t t;
  if (pthread_create(&t, NULL, no_post, &k) != 0)
    return;
  sem_wait(&k.ready); // no warning
  pthread_join(t, NULL);
}
