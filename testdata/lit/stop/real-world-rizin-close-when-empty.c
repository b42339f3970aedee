// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=fixed -DFIXED %s
//
// The fixed variant is a second run (-DFIXED): the closer's wait loop
// exhausts the analyzer's loop budget in whichever function is analysed
// first, after which the closer is no longer inlined into the other.
//
// Real-world reduction (TL403 StopNeverSignalled, the owner's own wait).
// Source: rizinorg/rizin PR #6383, "Fix deadlock in
//   rz_th_queue_close_when_empty()", https://github.com/rizinorg/rizin/pull/6383
// Original bug: closing a blocking queue "when empty" waited on the queue's
// empty condition until the consumers had taken every item, and only then
// marked the queue closed so that consumers blocked in pop return.  Pop
// never signalled the empty condition when it took the last item, so the
// closer slept forever, and the consumers and the join behind it with it.
// The fix signals the empty condition in pop when the queue becomes empty.
// Reduction written for taskleak; no project code is copied.  The fixed and
// the buggy pop are two functions here (the project has one).
#include <pthread.h>
#include <stdbool.h>

struct bqueue {
  pthread_mutex_t lock;
  pthread_cond_t nonempty; // consumers wait here for items
  pthread_cond_t empty;    // the closer waits here for the last pop
  int items;
  bool closed;
};

static bool bqueue_pop(struct bqueue *q) {
  bool got = false;
  pthread_mutex_lock(&q->lock);
  while (q->items == 0 && !q->closed)
    pthread_cond_wait(&q->nonempty, &q->lock);
  if (q->items > 0) {
    q->items--;
    got = true;
  }
  pthread_mutex_unlock(&q->lock);
  return got;
}

static bool bqueue_pop_fixed(struct bqueue *q) {
  bool got = false;
  pthread_mutex_lock(&q->lock);
  while (q->items == 0 && !q->closed)
    pthread_cond_wait(&q->nonempty, &q->lock);
  if (q->items > 0) {
    q->items--;
    got = true;
    if (q->items == 0)
      pthread_cond_broadcast(&q->empty); // the fix
  }
  pthread_mutex_unlock(&q->lock);
  return got;
}

static void bqueue_close_when_empty(struct bqueue *q) {
  pthread_mutex_lock(&q->lock);
  while (q->items > 0)
    pthread_cond_wait(&q->empty, &q->lock); // expected-warning{{The owner may wait forever on 'q.empty': the thread running 'search_worker' never signals it, and the join after the wait is never reached}}
  q->closed = true;
  pthread_cond_broadcast(&q->nonempty);
  pthread_mutex_unlock(&q->lock);
}

static void *search_worker(void *arg) {
  while (bqueue_pop(arg))
    ; // search the item
  return NULL;
}

static void *search_worker_fixed(void *arg) {
  while (bqueue_pop_fixed(arg))
    ; // search the item
  return NULL;
}

#ifndef FIXED
// Bug: pop never tells the closer that the queue ran empty.
void searchAll(void) {
  struct bqueue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                     PTHREAD_COND_INITIALIZER, 8, false};
  pthread_t t;
  if (pthread_create(&t, NULL, search_worker, &q) != 0)
    return;
  bqueue_close_when_empty(&q);
  pthread_join(t, NULL);
}

#else
// fixed-no-diagnostics
// Fix (as in the PR): pop signals the empty condition.
void searchAllFixed(void) {
  struct bqueue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                     PTHREAD_COND_INITIALIZER, 8, false};
  pthread_t t;
  if (pthread_create(&t, NULL, search_worker_fixed, &q) != 0)
    return;
  bqueue_close_when_empty(&q); // no warning
  pthread_join(t, NULL);
}
#endif
