// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
// expected-no-diagnostics
//
// Precision: a channel that escapes to code the analyzer cannot see is no
// longer tracked, and nothing is reported about it.
#include <pthread.h>
#include <stdlib.h>
#include "chan.h"

static void *wait_one(void *arg) {
  void *msg;
  chan_recv(arg, &msg);
  return msg;
}

void hand_off(chan_t *c); // defined elsewhere: it may send
chan_t *global_chan;

void checkNoEscape01(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  hand_off(ch);
  pthread_join(t, 0); // no warning
}

void checkNoEscape02(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  global_chan = ch;
  pthread_join(t, 0); // no warning
}

// Stored in memory that outlives the frame.
struct server {
  chan_t *requests;
};

void checkNoEscape03(struct server *s) {
  pthread_t t;
  s->requests = chan_init(0);
  pthread_create(&t, 0, wait_one, s->requests);
  pthread_join(t, 0); // no warning
}

// A task whose body is not in this file.
void *remote_worker(void *arg);

void checkNoEscape04(void) {
  chan_t *ch = chan_init(0);
  void *v;
  pthread_t t;
  pthread_create(&t, 0, remote_worker, ch);
  chan_recv(ch, &v); // no warning: the worker may send
  pthread_join(t, 0);
}

// A task that passes its channel on to code we cannot see.
static void *forwarder(void *arg) {
  hand_off(arg);
  void *msg;
  chan_recv(arg, &msg);
  return 0;
}

void checkNoEscape05(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, forwarder, ch);
  pthread_join(t, 0); // no warning
}

// chan_select is not modelled: the channels handed to it escape.
void checkNoEscape06(void) {
  chan_t *a = chan_init(0), *b = chan_init(0);
  chan_t *chans[2] = {a, b};
  void *v;
  chan_select(chans, 2, &v, 0, 0, 0);
  chan_recv(a, &v); // no warning
}

// A channel sent over another channel escapes to the receiver.
void checkNoEscape07(void) {
  chan_t *outer = chan_init(1);
  chan_t *inner = chan_init(0);
  chan_send(outer, inner);
  chan_send(inner, "x"); // no warning
}

// The owner's path ends in abort(): no report of a blocked task.
void checkNoEscape08(int bad) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  if (bad)
    abort();
  chan_send(ch, "ok");
  pthread_join(t, 0); // no warning
}
