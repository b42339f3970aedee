// TL403 StopNeverSignalled with a stop flag two or more fields deep: the
// task loops `while (!s->q.closed)`, the owner writes `s.q.closed = 1` (or
// forgets to).  Plain, helper-function, three-deep, condition-variable and
// error-path forms, each with its fixed variant.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.context.StopNeverSignalled -verify %s

#include <pthread.h>
#include <stdlib.h>

void poll_device(void);
int prepare(void);

struct queue {
  pthread_mutex_t mu;
  pthread_cond_t ready;
  int n;
  int closed;
};

struct server {
  int id;
  struct queue q;
};

static void *serve(void *arg) {
  struct server *s = arg;
  while (!s->q.closed) // expected-note 1+ {{The thread running 'serve': this loop ends only when 's->q.closed' is set}}
    poll_device();
  return NULL;
}

// Plain: the nested flag is never set.
void checkNestedNeverSet(void) {
  struct server s = {1, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return;
  pthread_join(t, NULL); // expected-warning{{Thread running 'serve' never stops: its loop ends only when 's.q.closed' is set, which this path never does before the join}}
}

void checkNestedSet(void) {
  struct server s = {1, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return;
  s.q.closed = 1;
  pthread_join(t, NULL); // no warning
}

// Set through a pointer to the inner struct.
static void close_queue(struct queue *q) { q->closed = 1; }

void checkNestedSetThroughInner(void) {
  struct server s = {1, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return;
  close_queue(&s.q);
  pthread_join(t, NULL); // no warning
}

// Helper forms: the helper that closes is never called on this path.
static void shutdown_server(struct server *s) { close_queue(&s->q); }

void checkNestedHelperNotCalled(int fast) {
  struct server s = {2, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return;
  if (fast) {
    pthread_join(t, NULL); // expected-warning{{Thread running 'serve' never stops: its loop ends only when 's.q.closed' is set}}
    return;
  }
  shutdown_server(&s);
  pthread_join(t, NULL); // no warning
}

void checkNestedHelperCalled(void) {
  struct server s = {2, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return;
  shutdown_server(&s);
  pthread_join(t, NULL); // no warning
}

// Heap owner: the nested flag of a malloc'd object.
void checkHeapNestedNeverSet(void) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  s->q.closed = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, serve, s) == 0)
    pthread_join(t, NULL); // expected-warning{{Thread running 'serve' never stops: its loop ends only when 'q.closed' is set}}
  free(s);
}

void checkHeapNestedSet(void) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  s->q.closed = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, serve, s) == 0) {
    s->q.closed = 1;
    pthread_join(t, NULL); // no warning
  }
  free(s);
}

// Three fields deep.
struct inner {
  int stop;
};
struct middle {
  int pad;
  struct inner in;
};
struct outer {
  struct middle mid;
};

static void *deep(void *arg) {
  struct outer *o = arg;
  while (o->mid.in.stop == 0) // expected-note {{The thread running 'deep': this loop ends only when 'o->mid.in.stop' is set}}
    poll_device();
  return NULL;
}

void checkDeepNeverSet(void) {
  struct outer o = {{0, {0}}};
  pthread_t t;
  if (pthread_create(&t, NULL, deep, &o) != 0)
    return;
  o.mid.pad = 1;
  pthread_join(t, NULL); // expected-warning{{Thread running 'deep' never stops: its loop ends only when 'o.mid.in.stop' is set}}
}

void checkDeepSet(void) {
  struct outer o = {{0, {0}}};
  pthread_t t;
  if (pthread_create(&t, NULL, deep, &o) != 0)
    return;
  o.mid.in.stop = 1;
  pthread_join(t, NULL); // no warning
}

// A nested queue with a condition variable: the owner closes it but
// forgets the broadcast, or does both.
static void *consume(void *arg) {
  struct server *s = arg;
  for (;;) { // expected-note {{The thread running 'consume': this loop ends only when 's->q.closed' is set}}
    pthread_mutex_lock(&s->q.mu);
    while (s->q.n == 0 && !s->q.closed)
      pthread_cond_wait(&s->q.ready, &s->q.mu); // expected-note {{It may wait here on 's->q.ready'}}
    if (s->q.closed) {
      pthread_mutex_unlock(&s->q.mu);
      break;
    }
    s->q.n--;
    pthread_mutex_unlock(&s->q.mu);
  }
  return NULL;
}

void checkNestedNoBroadcast(void) {
  struct server s = {3, {.closed = 0}};
  pthread_mutex_init(&s.q.mu, NULL);
  pthread_cond_init(&s.q.ready, NULL);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &s) != 0)
    return;
  pthread_mutex_lock(&s.q.mu);
  s.q.closed = 1;
  pthread_mutex_unlock(&s.q.mu);
  pthread_join(t, NULL); // expected-warning{{Thread running 'consume' may sleep forever on 's.q.ready': it is not signalled after 's.q.closed' is set, and the join waits for it}}
}

void checkNestedBroadcast(void) {
  struct server s = {3, {.closed = 0}};
  pthread_mutex_init(&s.q.mu, NULL);
  pthread_cond_init(&s.q.ready, NULL);
  pthread_t t;
  if (pthread_create(&t, NULL, consume, &s) != 0)
    return;
  pthread_mutex_lock(&s.q.mu);
  s.q.closed = 1;
  pthread_cond_broadcast(&s.q.ready);
  pthread_mutex_unlock(&s.q.mu);
  pthread_join(t, NULL); // no warning
}

// Error path: the queue is closed only on the success path.
int checkNestedErrorPath(void) {
  struct server s = {4, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return -1;
  if (prepare() < 0) {
    pthread_join(t, NULL); // expected-warning{{Thread running 'serve' never stops}}
    return -1;
  }
  s.q.closed = 1;
  pthread_join(t, NULL); // no warning
  return 0;
}

int checkNestedErrorPathCloses(void) {
  struct server s = {4, {.closed = 0}};
  pthread_t t;
  if (pthread_create(&t, NULL, serve, &s) != 0)
    return -1;
  if (prepare() < 0) {
    s.q.closed = 1;
    pthread_join(t, NULL); // no warning
    return -1;
  }
  s.q.closed = 1;
  pthread_join(t, NULL); // no warning
  return 0;
}
