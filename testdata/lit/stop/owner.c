// TL403 StopNeverSignalled in owner-object destroy functions: the spawn is
// in pool_create, the join in pool_destroy.  pool_destroy is analysed with
// the workers assumed running the loop of the entry that pool_create started
// on the field (OwnerIndex); a flag nobody in this file sets to its exit
// value keeps the value it started with.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>

#define NWORKERS 4

void run_job(void *);

// A thread pool whose destroy function forgets the shutdown flag.  Nothing
// in this file ever sets `halt`.
struct pool {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  void *jobs[16];
  int njobs;
  int halt;
  pthread_t threads[NWORKERS];
};

static void *pool_worker(void *arg) {
  struct pool *p = arg;
  for (;;) { // expected-note {{The thread started in 'pool_create' runs 'pool_worker'; this loop ends only when 'p->halt' is set}}
    pthread_mutex_lock(&p->mu);
    while (p->njobs == 0 && !p->halt)
      pthread_cond_wait(&p->cv, &p->mu);
    if (p->halt) {
      pthread_mutex_unlock(&p->mu);
      break;
    }
    void *job = p->jobs[--p->njobs];
    pthread_mutex_unlock(&p->mu);
    run_job(job);
  }
  return NULL;
}

struct pool *pool_create(void) {
  struct pool *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->cv, NULL);
  p->halt = 0;
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&p->threads[i], NULL, pool_worker, p);
  return p;
}

void pool_destroy(struct pool *p) {
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(p->threads[i], NULL); // expected-warning{{Thread running 'pool_worker' never stops: its loop ends only when 'p->halt' is set, which this path never does before the join}}
  free(p);
}

// A second pool type: destroy sets the flag but forgets the broadcast.
struct tpool {
  pthread_mutex_t lock;
  pthread_cond_t notify;
  int count;
  int shutdown;
  pthread_t *threads;
  int nthreads;
};

static void *tpool_thread(void *arg) {
  struct tpool *tp = arg;
  for (;;) { // expected-note 1+ {{The thread started in 'tpool_create' runs 'tpool_thread'; this loop ends only when 'tp->shutdown' is set}}
    pthread_mutex_lock(&tp->lock);
    while (tp->count == 0 && !tp->shutdown)
      pthread_cond_wait(&tp->notify, &tp->lock); // expected-note 1+ {{It may wait here on 'tp->notify'}}
    if (tp->shutdown)
      break;
    tp->count--;
    pthread_mutex_unlock(&tp->lock);
  }
  pthread_mutex_unlock(&tp->lock);
  pthread_exit(NULL);
  return NULL;
}

struct tpool *tpool_create(int n) {
  struct tpool *tp = malloc(sizeof *tp);
  if (!tp)
    return NULL;
  tp->threads = malloc(n * sizeof(pthread_t));
  tp->count = 0;
  tp->shutdown = 0;
  tp->nthreads = n;
  pthread_mutex_init(&tp->lock, NULL);
  pthread_cond_init(&tp->notify, NULL);
  for (int i = 0; i < n; i++)
    pthread_create(&tp->threads[i], NULL, tpool_thread, tp);
  return tp;
}

void tpool_destroy_no_wakeup(struct tpool *tp) {
  pthread_mutex_lock(&tp->lock);
  tp->shutdown = 1;
  pthread_mutex_unlock(&tp->lock);
  for (int i = 0; i < tp->nthreads; i++)
    pthread_join(tp->threads[i], NULL); // expected-warning{{Thread running 'tpool_thread' may sleep forever on 'tp->notify': it is not signalled after 'tp->shutdown' is set, and the join waits for it}}
  free(tp->threads);
  free(tp);
}

void tpool_destroy(struct tpool *tp) {
  pthread_mutex_lock(&tp->lock);
  tp->shutdown = 1;
  pthread_cond_broadcast(&tp->notify);
  pthread_mutex_unlock(&tp->lock);
  for (int i = 0; i < tp->nthreads; i++)
    pthread_join(tp->threads[i], NULL); // no warning
  free(tp->threads);
  free(tp);
}

// The flag is set in a separate stop function: whether the caller calls it
// before destroy is not this file's to judge.
struct server {
  int running;
  pthread_t tid;
};

void serve_one(struct server *);

static void *server_loop(void *arg) {
  struct server *s = arg;
  while (s->running)
    serve_one(s);
  return NULL;
}

int server_start(struct server *s) {
  s->running = 1;
  return pthread_create(&s->tid, NULL, server_loop, s);
}

void server_stop(struct server *s) { s->running = 0; }

void server_free(struct server *s) {
  pthread_join(s->tid, NULL); // no warning
  free(s);
}

// Helper form: destroy calls a stop helper that sets the flag and wakes.
static void tpool_wake_all(struct tpool *tp) {
  pthread_mutex_lock(&tp->lock);
  tp->shutdown = 1;
  pthread_cond_broadcast(&tp->notify);
  pthread_mutex_unlock(&tp->lock);
}

void tpool_destroy_helper(struct tpool *tp) {
  tpool_wake_all(tp);
  for (int i = 0; i < tp->nthreads; i++)
    pthread_join(tp->threads[i], NULL); // no warning
  free(tp->threads);
  free(tp);
}

// The pool handed to the project's unseen code first: it may stop the pool.
void pool_drain_elsewhere(struct pool *p);

void pool_destroy_after_drain(struct pool *p) {
  pool_drain_elsewhere(p);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(p->threads[i], NULL); // no warning
  free(p);
}

// One handle array, two kinds of workers: which one a join waits for is not
// known, so no report.
struct duplex {
  int halt;
  pthread_t io[2];
};

static void *duplex_reader(void *arg) {
  struct duplex *d = arg;
  while (!d->halt)
    run_job(d);
  return NULL;
}

static void *duplex_writer(void *arg) {
  run_job(arg);
  return NULL;
}

void duplex_start(struct duplex *d) {
  d->halt = 0;
  pthread_create(&d->io[0], NULL, duplex_reader, d);
  pthread_create(&d->io[1], NULL, duplex_writer, d);
}

void duplex_free(struct duplex *d) {
  for (int i = 0; i < 2; i++)
    pthread_join(d->io[i], NULL); // no warning
  free(d);
}

// `while (s->running)`: zero ends the loop, and zero-initialisation
// (calloc, memset) may give it without a write naming the flag, so a flag
// the path never wrote is not assumed to keep running.
struct ticker {
  int running;
  pthread_t tid;
};

static void *ticker_main(void *arg) {
  struct ticker *t = arg;
  while (t->running) // expected-note {{The thread started in 'ticker_start' runs 'ticker_main'; this loop ends only when 't->running' is 0}}
    run_job(t);
  return NULL;
}

int ticker_start(struct ticker *t) {
  t->running = 1;
  return pthread_create(&t->tid, NULL, ticker_main, t);
}

void ticker_free(struct ticker *t) {
  pthread_join(t->tid, NULL); // no warning
  free(t);
}

void ticker_free_still_running(struct ticker *t) {
  t->running = 1;
  pthread_join(t->tid, NULL); // expected-warning{{Thread running 'ticker_main' never stops: its loop ends only when 't->running' is 0, which this path never does before the join}}
  free(t);
}
