// Issue 15 item 9: arrays of task handles.  A join loop over the same
// array, start and bound as the loop that spawned into it releases every
// handle, even where the analyzer forgets the bound (a task given the
// bound's address) or loses handles written at a symbolic index.
// Forgetting the count (resetting it without joining) leaks them.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>

void log_error(const char *msg);
static void *worker(void *arg) { return arg; }
// Writes through its argument: the analyzer forgets what it pointed to.
static void *counter(void *arg) {
  int *n = arg;
  (*n)++;
  return arg;
}

// Fixed: the plain pair.
void joinLoop(int n) {
  pthread_t t[16];
  if (n > 16)
    return;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
}

// Fixed: the bound lives in the memory the tasks are given.
struct job {
  pthread_t t[16];
  int n;
};

void boundInTaskArg(int n) {
  struct job j;
  j.n = n;
  if (n > 16)
    return;
  for (int i = 0; i < j.n; i++)
    pthread_create(&j.t[i], NULL, counter, &j);
  for (int i = 0; i < j.n; i++)
    pthread_join(j.t[i], NULL);
}

// Fixed: a heap array, the bound handed to the tasks.
void heapArray(int n) {
  pthread_t *t = malloc(n * sizeof *t);
  if (!t)
    return;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, counter, &n);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  free(t);
}

// Fixed: detach loop, `!=` bound, assignment in the init.
void detachLoop(unsigned n) {
  pthread_t t[8];
  unsigned i;
  if (n > 8)
    return;
  for (i = 0; i != n; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (i = 0; i != n; ++i)
    pthread_detach(t[i]);
}

// Fixed: a count of the tasks that started (path analysis, as before).
void countStarted(int n) {
  pthread_t t[16];
  int started = 0;
  if (n > 16)
    return;
  for (int i = 0; i < n; i++) {
    if (pthread_create(&t[i], NULL, worker, NULL) != 0)
      break;
    started++;
  }
  for (int i = 0; i < started; i++)
    pthread_join(t[i], NULL);
}

// Bug: the join loop starts at 1 and misses t[0].
void joinLoopMissesFirst(int n) {
  pthread_t t[16];
  if (n > 16)
    return;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 1; i < n; i++)
    pthread_join(t[i], NULL);
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't[0]')}}

// Bug: forgetting the count before the join loop.
void forgetCount(int n) {
  pthread_t t[16];
  if (n != 2)
    return;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  n = 0;
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't[0]')}}
  // expected-warning@-1{{Thread running 'worker' is never joined or detached (handle 't[1]')}}

// Bug, helper function: the join helper walks another bound.
static void joinSome(pthread_t *t, int m) {
  for (int i = 0; i < m; i++)
    pthread_join(t[i], NULL);
}

void joinHelperShort(int n) {
  pthread_t t[16];
  if (n != 2)
    return;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  joinSome(t, n - 1);
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't[1]')}}

// Bug, error path: a failed spawn returns without joining those started.
int errorPathLeaks(int n) {
  pthread_t t[16];
  if (n != 2)
    return -1;
  for (int i = 0; i < n; i++)
    if (pthread_create(&t[i], NULL, worker, NULL) != 0) {
      log_error("spawn"); // expected-warning{{Thread running 'worker' is never joined or detached (handle 't[0]')}}
      return -1;
    }
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  return 0;
}

// Owner enders: a join loop over the owner's array releases the field.
struct pool {
  pthread_t *threads;
  int n;
};

int pool_start(struct pool *p, int n) {
  p->threads = calloc(n, sizeof *p->threads);
  if (!p->threads)
    return -1;
  for (p->n = 0; p->n < n; p->n++)
    if (pthread_create(&p->threads[p->n], NULL, worker, p) != 0)
      break;
  return 0;
}

void pool_free(struct pool *p) {
  for (int i = 0; i < p->n; i++)
    pthread_join(p->threads[i], NULL);
  free(p->threads);
  free(p);
}

// Bug: forgetting the count in the ender.
void pool_free_forgets(struct pool *p) {
  p->n = 0;
  for (int i = 0; i < p->n; i++)
    pthread_join(p->threads[i], NULL);
  free(p->threads);
  free(p); // expected-warning{{Thread running 'worker' is never joined or detached before its owner is freed (handle 'p->threads', started in 'pool_start')}}
  // expected-warning@-1{{The unjoined thread running 'worker' may use its owner after it is freed (handle 'p->threads', started in 'pool_start')}}
}

// zstd's pool (docs/eval FP-1): spawned into a heap array the owner already
// holds; the error path records how many started.  Silent.
struct zpool {
  pthread_t *threads;
  size_t cap;
};

int zpool_resize(struct zpool *ctx, size_t n) {
  pthread_t *t = calloc(n, sizeof *t);
  if (!t)
    return 1;
  free(ctx->threads);
  ctx->threads = t;
  for (size_t i = ctx->cap; i < n; ++i)
    if (pthread_create(&t[i], NULL, worker, ctx)) {
      ctx->cap = i;
      return 1;
    }
  ctx->cap = n;
  return 0;
}

void zpool_free(struct zpool *ctx) {
  for (size_t i = 0; i < ctx->cap; ++i)
    pthread_join(ctx->threads[i], NULL);
  free(ctx->threads);
  free(ctx);
}
