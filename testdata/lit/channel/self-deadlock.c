// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL204 SelfDeadlock with tylertreat/chan: the owner itself sends on an
// unbuffered (or full) channel, or receives from an empty one, and no other
// task can ever take part.
#include <pthread.h>
#include "chan.h"

// Plain: main-style code sends on an unbuffered channel nobody else holds.
void checkSelf01(void) {
  chan_t *ch = chan_init(0);
  chan_send(ch, "x"); // expected-warning{{Sending on unbuffered 'ch' blocks forever: no task ever receives from it}}
  chan_dispose(ch);
}

// A buffered channel holds what fits, then blocks.
void checkNoSelf01(void) {
  chan_t *ch = chan_init(2);
  void *v;
  chan_send(ch, "a");
  chan_send(ch, "b"); // no warning
  chan_recv(ch, &v);
  chan_recv(ch, &v);
  chan_dispose(ch);
}

void checkSelf02(void) {
  chan_t *ch = chan_init(1);
  chan_send(ch, "a");
  chan_send(ch, "b"); // expected-warning{{Sending on full 'ch' blocks forever: no task ever receives from it}}
  chan_dispose(ch);
}

// Receiving from a channel that no task sends to.
void checkSelf03(void) {
  chan_t *ch = chan_init(4);
  void *v;
  chan_send(ch, "a");
  chan_recv(ch, &v); // no warning
  chan_recv(ch, &v); // expected-warning{{Receiving from 'ch' blocks forever: no task ever sends to it or closes it}}
  chan_dispose(ch);
}

// A closed channel returns at once.
void checkNoSelf02(void) {
  chan_t *ch = chan_init(0);
  void *v;
  chan_close(ch);
  chan_recv(ch, &v); // no warning
  chan_send(ch, "late"); // no warning: fails
  chan_dispose(ch);
}

// Go's classic: send before the receiver exists.
static void *receiver(void *arg) {
  void *v;
  chan_recv(arg, &v);
  return v;
}

void checkSelf04(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  chan_send(ch, "too early"); // expected-warning{{Sending on unbuffered 'ch' blocks forever: no task ever receives from it}}
  pthread_create(&t, 0, receiver, ch);
  pthread_join(t, 0);
}

void checkNoSelf03(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, receiver, ch);
  chan_send(ch, "in time"); // no warning
  pthread_join(t, 0);
  chan_dispose(ch);
}

// Receiving a result no task will ever send.
static void *sender(void *arg) {
  chan_send(arg, "result");
  return 0;
}

void checkNoSelf04(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  void *v;
  pthread_create(&t, 0, sender, ch);
  chan_recv(ch, &v); // no warning
  pthread_join(t, 0);
  chan_dispose(ch);
}

void checkSelf05(void) {
  chan_t *ch = chan_init(0);
  chan_t *other = chan_init(0);
  pthread_t t;
  void *v;
  pthread_create(&t, 0, sender, other);
  chan_recv(ch, &v); // expected-warning{{Receiving from 'ch' blocks forever: no task ever sends to it or closes it}}
  pthread_join(t, 0);
}

// Helper form.
static void put(chan_t *c, void *v) { chan_send(c, v); }
static void *get(chan_t *c) {
  void *v = 0;
  chan_recv(c, &v); // expected-warning{{Receiving from 'ch' blocks forever: no task ever sends to it or closes it}}
  return v;
}

void checkSelf06(void) {
  chan_t *ch = chan_init(1);
  put(ch, "only one");
  get(ch);
  get(ch);
}

void checkNoSelf05(void) {
  chan_t *ch = chan_init(1);
  put(ch, "one");
  get(ch); // no warning
  chan_dispose(ch);
}

// Struct-field form.
struct link {
  chan_t *up, *down;
};

void checkSelf07(void) {
  struct link l;
  l.up = chan_init(0);
  l.down = chan_init(0);
  chan_send(l.up, "ping"); // expected-warning{{Sending on unbuffered 'l.up' blocks forever: no task ever receives from it}}
}

static void *echo(void *arg) {
  struct link *l = arg;
  void *v;
  chan_recv(l->up, &v);
  chan_send(l->down, v);
  return 0;
}

void checkNoSelf06(void) {
  struct link l;
  pthread_t t;
  void *v;
  l.up = chan_init(0);
  l.down = chan_init(0);
  pthread_create(&t, 0, echo, &l);
  chan_send(l.up, "ping"); // no warning
  chan_recv(l.down, &v);   // no warning
  pthread_join(t, 0);
}

// Error-path form: the failure path reads a reply that only the worker sends.
int checkSelf08(void) {
  chan_t *reply = chan_init(0);
  pthread_t t;
  void *v;
  if (pthread_create(&t, 0, sender, reply) != 0) {
    chan_recv(reply, &v); // expected-warning{{Receiving from 'reply' blocks forever: no task ever sends to it or closes it}}
    return -1;
  }
  chan_recv(reply, &v); // no warning
  pthread_join(t, 0);
  chan_dispose(reply);
  return 0;
}

// A channel handed to code we cannot see may have a receiver there.
void register_channel(chan_t *c);

void checkNoSelf07(void) {
  chan_t *ch = chan_init(0);
  register_channel(ch);
  chan_send(ch, "x"); // no warning
}
