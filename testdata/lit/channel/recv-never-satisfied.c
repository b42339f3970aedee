// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL201 RecvNeverSatisfied with tylertreat/chan: a thread receives once (or
// until one value) and nothing on the owner's path sends to it or closes it.
#include <pthread.h>
#include <stdlib.h>
#include "chan.h"

static void *wait_one(void *arg) {
  void *msg;
  chan_recv(arg, &msg); // expected-note 4 {{'wait_one' blocks here receiving}}
  return msg;
}

// Plain: the owner joins a thread that waits for a message never sent.
void checkRecv01(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  pthread_join(t, 0); // expected-warning{{Thread running 'wait_one' blocks forever receiving from 'ch': nothing sends to it or closes it}}
  chan_dispose(ch);
}

void checkNoRecv01(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  chan_send(ch, "go");
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}

// A close wakes the receiver as well as a send does.
void checkNoRecv02(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  chan_close(ch);
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}

// A message buffered before the spawn is there for the receiver.
void checkNoRecv03(void) {
  chan_t *ch = chan_init(1);
  pthread_t t;
  chan_send(ch, "early");
  pthread_create(&t, 0, wait_one, ch);
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}

// Two receivers, one message: the second waits forever.
void checkRecv02(void) {
  chan_t *ch = chan_init(0);
  pthread_t a, b;
  pthread_create(&a, 0, wait_one, ch);
  pthread_create(&b, 0, wait_one, ch);
  chan_send(ch, "one");
  pthread_join(a, 0); // no warning
  pthread_join(b, 0); // expected-warning{{Thread running 'wait_one' blocks forever receiving from 'ch': nothing sends to it or closes it}}
  chan_dispose(ch);
}

// Another task does the sending.
static void *send_one(void *arg) {
  chan_send(arg, "hello");
  return 0;
}

void checkNoRecv04(void) {
  chan_t *ch = chan_init(0);
  pthread_t rx, tx;
  pthread_create(&rx, 0, wait_one, ch);
  pthread_create(&tx, 0, send_one, ch);
  pthread_join(tx, 0);
  pthread_join(rx, 0); // no warning
  chan_dispose(ch);
}

// Helper form: the receive is in a helper of the entry function, and the
// owner's send is in a helper that is not called.
static int take(chan_t *c, void **out) { return chan_recv(c, out); } // expected-note 1 {{'take' blocks here receiving}}
static void *via_helper(void *arg) {
  void *msg = 0;
  take(arg, &msg);
  return msg;
}
static void post(chan_t *c) { chan_send(c, "x"); }

void checkRecv03(int post_it) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, via_helper, ch);
  if (post_it)
    post(ch);
  pthread_join(t, 0); // expected-warning{{Thread running 'via_helper' blocks forever receiving from 'ch': nothing sends to it or closes it}}
  chan_dispose(ch);
}

void checkNoRecv05(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, via_helper, ch);
  post(ch);
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}

// Struct-field form: the thread gets a job whose 'reply' channel it waits on.
struct job {
  chan_t *requests;
  chan_t *reply;
  int id;
};

static void *await_reply(void *arg) {
  struct job *j = arg;
  void *answer;
  chan_recv(j->reply, &answer); // expected-note 1 {{'await_reply' blocks here receiving}}
  return answer;
}

void checkRecv04(void) {
  struct job j = {chan_init(0), chan_init(0), 1};
  pthread_t t;
  pthread_create(&t, 0, await_reply, &j);
  chan_send(j.requests, "ignored"); // expected-warning{{Sending on unbuffered 'j.requests' blocks forever: no task ever receives from it}}
}

void checkRecv05(void) {
  struct job j = {chan_init(4), chan_init(0), 1};
  pthread_t t;
  pthread_create(&t, 0, await_reply, &j);
  chan_send(j.requests, "wrong channel");
  pthread_join(t, 0); // expected-warning{{Thread running 'await_reply' blocks forever receiving from 'j.reply': nothing sends to it or closes it}}
}

void checkNoRecv06(void) {
  struct job j = {chan_init(4), chan_init(0), 1};
  pthread_t t;
  pthread_create(&t, 0, await_reply, &j);
  chan_send(j.reply, "answer");
  pthread_join(t, 0); // no warning
}

// Error-path form: the early return forgets to wake the receiver.
int checkRecv06(int fail) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  if (pthread_create(&t, 0, wait_one, ch) != 0) {
    chan_dispose(ch);
    return -1; // no warning: no thread
  }
  if (fail) {
    pthread_join(t, 0); // expected-warning{{Thread running 'wait_one' blocks forever receiving from 'ch': nothing sends to it or closes it}}
    chan_dispose(ch);
    return -1;
  }
  chan_send(ch, "ok");
  pthread_join(t, 0);
  chan_dispose(ch);
  return 0;
}

int checkNoRecv07(int fail) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  if (pthread_create(&t, 0, wait_one, ch) != 0) {
    chan_dispose(ch);
    return -1;
  }
  if (fail) {
    chan_close(ch);
    pthread_join(t, 0); // no warning
    chan_dispose(ch);
    return -1;
  }
  chan_send(ch, "ok");
  pthread_join(t, 0);
  chan_dispose(ch);
  return 0;
}

// The owner disposes of the channel without waking the detached receiver.
void checkRecv07(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, wait_one, ch);
  pthread_detach(t);
  // The lifetime rules see the freed argument too (TL102).
  chan_dispose(ch); // expected-warning{{Thread running 'wait_one' blocks forever receiving from 'ch': nothing sends to it or closes it}} expected-warning{{The detached thread running 'wait_one' may use its argument after it is freed}}
}

// A receive the thread may skip is no proof of a hang.
static void *maybe_wait(void *arg) {
  void *msg = 0;
  if (rand())
    chan_recv(arg, &msg);
  return msg;
}

void checkNoRecv08(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, maybe_wait, ch);
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}

// A loop that ends on a NULL message: sending NULL ends it.
static void *until_null(void *arg) {
  void *msg;
  for (;;) {
    chan_recv(arg, &msg); // expected-note 1 {{'until_null' blocks here until it receives the value that ends its loop}}
    if (msg == NULL)
      break;
  }
  return 0;
}

void checkRecv08(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, until_null, ch);
  chan_send(ch, "work");
  pthread_join(t, 0); // expected-warning{{Thread running 'until_null' blocks forever receiving from 'ch': nothing sends the value that ends its loop or closes it}}
  chan_dispose(ch);
}

void checkNoRecv09(void) {
  chan_t *ch = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, until_null, ch);
  chan_send(ch, "work");
  chan_send(ch, NULL);
  pthread_join(t, 0); // no warning
  chan_dispose(ch);
}
