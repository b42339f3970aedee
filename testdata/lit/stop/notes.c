// Path notes of TL403: the spawn, the task's loop (and its wait), the flag
// write and the signal the path made, and the join where the owner can no
// longer provide the stop.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s

#include <pthread.h>
#include <stdlib.h>

void step(void);

struct loop_ctl {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int stop;
};

static void *looper(void *arg) {
  struct loop_ctl *c = arg;
  while (!c->stop) // expected-note {{The thread running 'looper': this loop ends only when 'c->stop' is set}}
    step();
  return NULL;
}

void flagNeverSet(void) {
  struct loop_ctl c = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_t t;
  pthread_create(&t, NULL, looper, &c); // expected-note {{Thread running 'looper' spawned here}}
  pthread_join(t, NULL); // expected-warning{{Thread running 'looper' never stops: its loop ends only when 'c.stop' is set, which this path never does before the join}}
  // expected-note@-1 {{Thread running 'looper' never stops: its loop ends only when 'c.stop' is set, which this path never does before the join}}
}

static void *sleeper(void *arg) {
  struct loop_ctl *c = arg;
  pthread_mutex_lock(&c->mu);
  while (!c->stop) // expected-note {{The thread running 'sleeper': this loop ends only when 'c->stop' is set}}
    pthread_cond_wait(&c->cv, &c->mu); // expected-note {{It may wait here on 'c->cv'}}
  pthread_mutex_unlock(&c->mu);
  return NULL;
}

void wokenTooEarly(int fast) {
  struct loop_ctl c = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, sleeper, &c) != 0) // expected-note {{Thread running 'sleeper' spawned here}}
    // expected-note@-1 {{Assuming the condition is false}}
    // expected-note@-2 {{Taking false branch}}
    return;
  if (fast) // expected-note {{Assuming 'fast' is 0}}
    // expected-note@-1 {{Taking false branch}}
    pthread_cond_signal(&c.cv);
  else
    pthread_cond_broadcast(&c.cv); // expected-note {{'c.cv' signalled here}}
  c.stop = 1; // expected-note {{'c.stop' set here}}
  pthread_join(t, NULL); // expected-warning{{Thread running 'sleeper' may sleep forever on 'c.cv': it is not signalled after 'c.stop' is set, and the join waits for it}}
  // expected-note@-1 {{Thread running 'sleeper' may sleep forever on 'c.cv': it is not signalled after 'c.stop' is set, and the join waits for it}}
}

static void *forever(void *arg) {
  for (;;) // expected-note {{The thread running 'forever': this loop has no exit}}
    step();
}

void noExit(void) {
  pthread_t t;
  pthread_create(&t, NULL, forever, NULL); // expected-note {{Thread running 'forever' spawned here}}
  pthread_join(t, NULL); // expected-warning{{Thread running 'forever' never stops: its loop has no exit, and the join waits forever}}
  // expected-note@-1 {{Thread running 'forever' never stops: its loop has no exit, and the join waits forever}}
}

// The owner-object protocol: the spawn is in another function.
struct owner {
  struct loop_ctl ctl;
  pthread_t tid;
};

static void *owned(void *arg) {
  struct owner *o = arg;
  pthread_mutex_lock(&o->ctl.mu);
  while (!o->ctl.stop) // expected-note {{The thread started in 'owner_start' runs 'owned'; this loop ends only when 'o->ctl.stop' is set}}
    pthread_cond_wait(&o->ctl.cv, &o->ctl.mu); // expected-note {{It may wait here on 'o->ctl.cv'}}
  pthread_mutex_unlock(&o->ctl.mu);
  return NULL;
}

int owner_start(struct owner *o) {
  o->ctl.stop = 0;
  return pthread_create(&o->tid, NULL, owned, o);
}

void owner_free(struct owner *o) {
  o->ctl.stop = 1; // expected-note {{'o->ctl.stop' set here}}
  pthread_join(o->tid, NULL); // expected-warning{{Thread running 'owned' may sleep forever on 'o->ctl.cv': it is not signalled after 'o->ctl.stop' is set, and the join waits for it}}
  // expected-note@-1 {{Thread running 'owned' may sleep forever on 'o->ctl.cv': it is not signalled after 'o->ctl.stop' is set, and the join waits for it}}
  free(o);
}
