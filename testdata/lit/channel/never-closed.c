// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL203 NeverClosed with tylertreat/chan: a thread drains a channel until it
// is closed (chan_recv returns -1), and the owner never closes it.
#include <pthread.h>
#include <stdlib.h>
#include "chan.h"

static void *drain(void *arg) {
  void *msg;
  while (chan_recv(arg, &msg) == 0) // expected-note 3 {{'drain' blocks here receiving until the channel is closed}}
    ;
  return 0;
}

// Plain: work is sent, the channel is never closed, the join hangs.
void checkClose01(void) {
  chan_t *work = chan_init(8);
  pthread_t t;
  pthread_create(&t, 0, drain, work);
  chan_send(work, "a");
  chan_send(work, "b");
  pthread_join(t, 0); // expected-warning{{Thread running 'drain' blocks forever draining 'work': it is never closed}}
  chan_dispose(work);
}

void checkNoClose01(void) {
  chan_t *work = chan_init(8);
  pthread_t t;
  pthread_create(&t, 0, drain, work);
  chan_send(work, "a");
  chan_send(work, "b");
  chan_close(work);
  pthread_join(t, 0); // no warning
  chan_dispose(work);
}

// Closed before the spawn: the drain ends at once.
void checkNoClose02(void) {
  chan_t *work = chan_init(8);
  pthread_t t;
  chan_send(work, "a");
  chan_close(work);
  pthread_create(&t, 0, drain, work);
  pthread_join(t, 0); // no warning
  chan_dispose(work);
}

// Sends alone do not end a drain; a one-shot send to a drain is no payment.
void checkClose02(void) {
  chan_t *work = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, drain, work);
  for (int i = 0; i < 2; i++)
    chan_send(work, "item");
  chan_dispose(work); // expected-warning{{Thread running 'drain' blocks forever draining 'work': it is never closed}} expected-warning{{The unjoined thread running 'drain' may use its argument after it is freed}}
  pthread_join(t, 0);
}

// The loop's exit tests the status in the body.
static void *drain_body(void *arg) {
  for (;;) {
    void *msg;
    int rc = chan_recv(arg, &msg); // expected-note 1 {{'drain_body' blocks here receiving until the channel is closed}}
    if (rc != 0)
      break;
  }
  return 0;
}

void checkClose03(void) {
  chan_t *work = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, drain_body, work);
  chan_send(work, "x");
  pthread_join(t, 0); // expected-warning{{Thread running 'drain_body' blocks forever draining 'work': it is never closed}}
  chan_dispose(work);
}

// A loop that also stops on a flag is not a drain the owner must end.
struct ctl {
  chan_t *in;
  volatile int stop;
};
static void *drain_or_stop(void *arg) {
  struct ctl *c = arg;
  void *msg;
  while (!c->stop && chan_recv(c->in, &msg) == 0)
    ;
  return 0;
}

void checkNoClose03(void) {
  struct ctl c = {chan_init(0), 0};
  pthread_t t;
  pthread_create(&t, 0, drain_or_stop, &c);
  c.stop = 1;
  pthread_join(t, 0); // no warning: FIXME the thread may be blocked in chan_recv (TL403's business)
  chan_dispose(c.in);
}

// Helper form: the drain loop lives in a helper of the entry function.
static void consume_all(chan_t *in) {
  void *m;
  while (chan_recv(in, &m) == 0) // expected-note 1 {{'consume_all' blocks here receiving until the channel is closed}}
    free(m);
}
static void *consumer(void *arg) {
  consume_all(arg);
  return 0;
}
static void finish(chan_t *c) { chan_close(c); }

void checkClose04(int finish_it) {
  chan_t *q = chan_init(16);
  pthread_t t;
  pthread_create(&t, 0, consumer, q);
  chan_send(q, malloc(8));
  if (finish_it)
    finish(q);
  pthread_join(t, 0); // expected-warning{{Thread running 'consumer' blocks forever draining 'q': it is never closed}}
  chan_dispose(q);
}

void checkNoClose04(void) {
  chan_t *q = chan_init(16);
  pthread_t t;
  pthread_create(&t, 0, consumer, q);
  chan_send(q, malloc(8));
  finish(q);
  pthread_join(t, 0); // no warning
  chan_dispose(q);
}

// Struct-field form: a pool's queue.
struct pool {
  pthread_t worker;
  chan_t *jobs;
};
static void *pool_main(void *arg) {
  struct pool *p = arg;
  void *job;
  while (chan_recv(p->jobs, &job) == 0) // expected-note 1 {{'pool_main' blocks here receiving until the channel is closed}}
    ;
  return 0;
}

void checkClose05(void) {
  struct pool p;
  p.jobs = chan_init(4);
  pthread_create(&p.worker, 0, pool_main, &p);
  chan_send(p.jobs, "job");
  pthread_join(p.worker, 0); // expected-warning{{Thread running 'pool_main' blocks forever draining 'p.jobs': it is never closed}}
  chan_dispose(p.jobs);
}

void checkNoClose05(void) {
  struct pool p;
  p.jobs = chan_init(4);
  pthread_create(&p.worker, 0, pool_main, &p);
  chan_send(p.jobs, "job");
  chan_close(p.jobs);
  pthread_join(p.worker, 0); // no warning
  chan_dispose(p.jobs);
}

// Error-path form: the second spawn fails, and the cleanup joins the first
// drain without closing.
int checkClose06(void) {
  chan_t *q = chan_init(4);
  pthread_t a, b;
  if (pthread_create(&a, 0, drain, q) != 0)
    return -1;
  if (pthread_create(&b, 0, drain, q) != 0) {
    pthread_join(a, 0); // expected-warning{{Thread running 'drain' blocks forever draining 'q': it is never closed}}
    chan_dispose(q);
    return -1;
  }
  chan_close(q);
  pthread_join(a, 0);
  pthread_join(b, 0);
  chan_dispose(q);
  return 0;
}

int checkNoClose06(void) {
  chan_t *q = chan_init(4);
  pthread_t a, b;
  if (pthread_create(&a, 0, drain, q) != 0)
    return -1;
  if (pthread_create(&b, 0, drain, q) != 0) {
    chan_close(q);
    pthread_join(a, 0); // no warning
    chan_dispose(q);
    return -1;
  }
  chan_close(q);
  pthread_join(a, 0);
  pthread_join(b, 0);
  chan_dispose(q);
  return 0;
}

// A producer task closes the channel when it is done.
static void *produce_then_close(void *arg) {
  chan_send(arg, "last");
  chan_close(arg);
  return 0;
}

void checkNoClose07(void) {
  chan_t *q = chan_init(0);
  pthread_t rx, tx;
  pthread_create(&rx, 0, drain, q);
  pthread_create(&tx, 0, produce_then_close, q);
  pthread_join(tx, 0);
  pthread_join(rx, 0); // no warning
  chan_dispose(q);
}
