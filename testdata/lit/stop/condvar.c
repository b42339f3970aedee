// TL403 StopNeverSignalled: the task sleeps on a condition variable (or a
// semaphore) inside its stop loop.  Setting the flag is not enough: a task
// asleep hears it only if the variable is signalled after the flag is set.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <glib.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <threads.h>

void handle_item(void);

struct queue {
  pthread_mutex_t mu;
  pthread_cond_t ready;
  pthread_cond_t drained;
  int items;
  int stop;
};

static void *consume(void *arg) {
  struct queue *q = arg;
  pthread_mutex_lock(&q->mu);
  while (!q->stop) { // expected-note 1+ {{The thread running 'consume': this loop ends only when 'q->stop' is set}}
    while (q->items == 0 && !q->stop)
      pthread_cond_wait(&q->ready, &q->mu); // expected-note 1+ {{It may wait here on 'q->ready'}}
    if (q->items > 0) {
      q->items--;
      pthread_mutex_unlock(&q->mu);
      handle_item();
      pthread_mutex_lock(&q->mu);
    }
  }
  pthread_mutex_unlock(&q->mu);
  return NULL;
}

static void queue_init(struct queue *q) {
  pthread_mutex_init(&q->mu, NULL);
  pthread_cond_init(&q->ready, NULL);
  pthread_cond_init(&q->drained, NULL);
  q->items = 0;
  q->stop = 0;
}

// The flag is set under the lock, but nobody wakes the consumer.
void checkStopNotSignalled(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  pthread_mutex_lock(&q.mu);
  q.stop = 1;
  pthread_mutex_unlock(&q.mu);
  pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 'q.ready': it is not signalled after 'q.stop' is set, and the join waits for it}}
}

void checkStopSignalled(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  pthread_mutex_lock(&q.mu);
  q.stop = 1;
  pthread_cond_broadcast(&q.ready);
  pthread_mutex_unlock(&q.mu);
  pthread_join(t, NULL); // no warning
}

// The wakeup comes before the flag: the consumer wakes, sees no stop and
// no item, and sleeps again.
void checkSignalBeforeStop(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  pthread_mutex_lock(&q.mu);
  pthread_cond_signal(&q.ready);
  q.stop = 1;
  pthread_mutex_unlock(&q.mu);
  pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 'q.ready'}}
}

// The wrong condition variable is signalled.
void checkWrongCondvar(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  pthread_mutex_lock(&q.mu);
  q.stop = 1;
  pthread_cond_broadcast(&q.drained);
  pthread_mutex_unlock(&q.mu);
  pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 'q.ready'}}
}

// Helper form: the stop function forgets the wakeup.
static void queue_stop_quietly(struct queue *q) {
  pthread_mutex_lock(&q->mu);
  q->stop = 1;
  pthread_mutex_unlock(&q->mu);
}

static void queue_stop(struct queue *q) {
  pthread_mutex_lock(&q->mu);
  q->stop = 1;
  pthread_cond_broadcast(&q->ready);
  pthread_mutex_unlock(&q->mu);
}

void checkHelperStopQuietly(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  queue_stop_quietly(&q);
  pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 'q.ready'}}
}

void checkHelperStop(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return;
  queue_stop(&q);
  pthread_join(t, NULL); // no warning
}

// Error path: the early exit sets the flag and forgets the wakeup.
int load_config(void);

int checkErrorPathNoWakeup(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &q) != 0)
    return -1;
  if (load_config() != 0) {
    q.stop = 1;
    pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 'q.ready'}}
    return -1;
  }
  queue_stop(&q);
  pthread_join(t, NULL); // no warning
  return 0;
}

// A semaphore inside the stop loop: each post wakes one wait.
struct pump {
  sem_t go;
  volatile int quit;
};

static void *pump_main(void *arg) {
  struct pump *p = arg;
  while (!p->quit) { // expected-note 1+ {{The thread running 'pump_main': this loop ends only when 'p->quit' is set}}
    sem_wait(&p->go); // expected-note 1+ {{It may wait here on 'p->go'}}
    handle_item();
  }
  return NULL;
}

void checkSemaphoreNotPosted(void) {
  struct pump p;
  p.quit = 0;
  sem_init(&p.go, 0, 0);
  pthread_t t;
  if (pthread_create(&t, NULL, pump_main, &p) != 0)
    return;
  p.quit = 1;
  pthread_join(t, NULL); // expected-warning{{Thread running 'pump_main' may sleep forever on 'p.go': it is not signalled after 'p.quit' is set}}
}

void checkSemaphorePosted(void) {
  struct pump p;
  p.quit = 0;
  sem_init(&p.go, 0, 0);
  pthread_t t;
  if (pthread_create(&t, NULL, pump_main, &p) != 0)
    return;
  p.quit = 1;
  sem_post(&p.go);
  pthread_join(t, NULL); // no warning
}

// C11 threads and a global condition variable.
static mtx_t g_mu;
static cnd_t g_cv;
static int g_done;

static int waiter(void *arg) {
  (void)arg;
  mtx_lock(&g_mu);
  while (!g_done) // expected-note 1+ {{The thread running 'waiter': this loop ends only when 'g_done' is set}}
    cnd_wait(&g_cv, &g_mu); // expected-note 1+ {{It may wait here on 'g_cv'}}
  mtx_unlock(&g_mu);
  return 0;
}

void checkC11NotSignalled(void) {
  thrd_t t;
  g_done = 0;
  if (thrd_create(&t, waiter, NULL) != thrd_success)
    return;
  mtx_lock(&g_mu);
  g_done = 1;
  mtx_unlock(&g_mu);
  thrd_join(t, NULL); // expected-warning{{Thread running 'waiter' may sleep forever on 'g_cv': it is not signalled after 'g_done' is set}}
}

void checkC11Signalled(void) {
  thrd_t t;
  g_done = 0;
  if (thrd_create(&t, waiter, NULL) != thrd_success)
    return;
  mtx_lock(&g_mu);
  g_done = 1;
  cnd_signal(&g_cv);
  mtx_unlock(&g_mu);
  thrd_join(t, NULL); // no warning
}

// GLib: GCond and GMutex in the task's data.
struct gworker {
  GMutex lock;
  GCond cond;
  gboolean exiting;
};

static gpointer gworker_main(gpointer data) {
  struct gworker *w = data;
  g_mutex_lock(&w->lock);
  while (!w->exiting) // expected-note 1+ {{The thread running 'gworker_main': this loop ends only when 'w->exiting' is set}}
    g_cond_wait(&w->cond, &w->lock); // expected-note 1+ {{It may wait here on 'w->cond'}}
  g_mutex_unlock(&w->lock);
  return NULL;
}

void checkGCondNotSignalled(void) {
  struct gworker w;
  g_mutex_init(&w.lock);
  g_cond_init(&w.cond);
  w.exiting = FALSE;
  GThread *t = g_thread_new("gw", gworker_main, &w);
  g_mutex_lock(&w.lock);
  w.exiting = TRUE;
  g_mutex_unlock(&w.lock);
  g_thread_join(t); // expected-warning{{Thread running 'gworker_main' may sleep forever on 'w.cond'}}
}

void checkGCondSignalled(void) {
  struct gworker w;
  g_mutex_init(&w.lock);
  g_cond_init(&w.cond);
  w.exiting = FALSE;
  GThread *t = g_thread_new("gw", gworker_main, &w);
  g_mutex_lock(&w.lock);
  w.exiting = TRUE;
  g_cond_signal(&w.cond);
  g_mutex_unlock(&w.lock);
  g_thread_join(t); // no warning
}

// A timed wait wakes up by itself: setting the flag is enough.
static void *timed_consume(void *arg) {
  struct queue *q = arg;
  struct timespec ts = {0, 0};
  pthread_mutex_lock(&q->mu);
  while (!q->stop)
    pthread_cond_timedwait(&q->ready, &q->mu, &ts);
  pthread_mutex_unlock(&q->mu);
  return NULL;
}

void checkTimedWaitNoSignal(void) {
  struct queue q;
  queue_init(&q);
  pthread_t t;
  if (pthread_create(&t, NULL, timed_consume, &q) != 0)
    return;
  pthread_mutex_lock(&q.mu);
  q.stop = 1;
  pthread_mutex_unlock(&q.mu);
  pthread_join(t, NULL); // no warning
}
