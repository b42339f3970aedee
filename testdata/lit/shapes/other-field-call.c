// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -analyzer-output=text -verify %s
//
// Issue 12, "tracking that ends too early": a call given the address of
// another field of the owner (its mutex, its condition variable, a counter)
// cannot reach the thread handle without pointer arithmetic on the owner
// (container_of), which taskleak does not follow; it no longer ends the
// owner's tracking.  The owner itself, or the handle field, given to
// unknown code still does.  Reduction of nng's nni_aio_expire_q_free,
// which locks before it frees; no project code is copied.
#include <pthread.h>
#include <stdlib.h>

typedef struct {
  pthread_t thr;
  pthread_mutex_t mtx;
  pthread_cond_t cv;
  int exit;
} q_t;

static void *loop(void *a) {
  q_t *q = a;
  for (;;) {
    pthread_mutex_lock(&q->mtx);
    if (q->exit)
      break;
    pthread_mutex_unlock(&q->mtx);
  }
  pthread_mutex_unlock(&q->mtx);
  return 0;
}

q_t *q_alloc(void) {
  q_t *q = calloc(1, sizeof *q);
  if (!q)
    return NULL;
  pthread_mutex_init(&q->mtx, 0);
  if (pthread_create(&q->thr, 0, loop, q) != 0) {
    free(q);
    return NULL;
  }
  return q;
}

// The bug: locks, sets the flag, frees; never joins and loop still uses q.
void q_free(q_t *q) { // expected-note 2{{Assuming 'q->thr' holds the running thread started in 'q_alloc'}}
  pthread_mutex_lock(&q->mtx);
  q->exit = 1;
  pthread_cond_signal(&q->cv);
  pthread_mutex_unlock(&q->mtx);
  free(q); // expected-warning{{Thread running 'loop' is never joined or detached before its owner is freed (handle 'q->thr', started in 'q_alloc')}}
  // expected-note@-1{{Thread running 'loop' is never joined or detached before its owner is freed (handle 'q->thr', started in 'q_alloc')}}
  // expected-warning@-2{{The unjoined thread running 'loop' may use its owner after it is freed (handle 'q->thr', started in 'q_alloc')}}
  // expected-note@-3{{The unjoined thread running 'loop' may use its owner after it is freed (handle 'q->thr', started in 'q_alloc')}}
}

// Fixed: a type whose free function joins after the flag, under the same
// lock discipline (a type of its own: a join anywhere in q_t's API would
// excuse q_free, the caller's order being out of one file's sight).
typedef struct {
  pthread_t thr;
  pthread_mutex_t mtx;
  int exit;
} jq_t;

static void *jloop(void *a) {
  jq_t *q = a;
  pthread_mutex_lock(&q->mtx);
  while (!q->exit) {
    pthread_mutex_unlock(&q->mtx);
    pthread_mutex_lock(&q->mtx);
  }
  pthread_mutex_unlock(&q->mtx);
  return 0;
}

jq_t *jq_alloc(void) {
  jq_t *q = calloc(1, sizeof *q);
  if (!q || pthread_create(&q->thr, 0, jloop, q) != 0) {
    free(q);
    return NULL;
  }
  return q;
}

void jq_free(jq_t *q) {
  pthread_mutex_lock(&q->mtx);
  q->exit = 1;
  pthread_mutex_unlock(&q->mtx);
  pthread_join(q->thr, NULL);
  pthread_mutex_destroy(&q->mtx);
  free(q); // no warning
}

// A helper in another unit given another field: still tracked.
void stats_reset(int *counter);
void q_free_helper(q_t *q) { // expected-note 2{{Assuming 'q->thr' holds the running thread started in 'q_alloc'}}
  stats_reset(&q->exit);
  free(q); // expected-warning{{Thread running 'loop' is never joined or detached}}
  // expected-note@-1{{Thread running 'loop' is never joined or detached}}
  // expected-warning@-2{{may use its owner after it is freed}}
  // expected-note@-3{{may use its owner after it is freed}}
}

// Unknown code given the owner itself may join it: tracking stops.
void q_stop(q_t *q);
void q_free_via_unknown(q_t *q) {
  pthread_mutex_lock(&q->mtx);
  q_stop(q);
  pthread_mutex_unlock(&q->mtx);
  free(q); // no warning
}

// Unknown code given the handle field's address may join it.
void thr_wait(pthread_t *t);
void q_free_handle_helper(q_t *q) {
  pthread_mutex_lock(&q->mtx);
  thr_wait(&q->thr);
  free(q); // no warning
}

// Error path: the early return keeps the owner; the late free is the bug.
int q_close(q_t *q, int force) { // expected-note 2{{Assuming 'q->thr' holds the running thread started in 'q_alloc'}}
  pthread_mutex_lock(&q->mtx);
  if (!force) { // expected-note 2{{Assuming 'force' is not equal to 0}} expected-note 2{{Taking false branch}}
    pthread_mutex_unlock(&q->mtx);
    return -1;
  }
  q->exit = 1;
  pthread_mutex_unlock(&q->mtx);
  free(q); // expected-warning{{Thread running 'loop' is never joined or detached}}
  // expected-note@-1{{Thread running 'loop' is never joined or detached}}
  // expected-warning@-2{{may use its owner after it is freed}}
  // expected-note@-3{{may use its owner after it is freed}}
  return 0;
}
