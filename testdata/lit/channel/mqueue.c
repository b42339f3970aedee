// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// POSIX message queues: mq_receive blocks until a message arrives;
// mq_timedreceive never blocks forever.  mq_close is taken as the owner's
// close (it gives the queue up).
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdint.h>

struct rx {
  mqd_t q;
};

static void *listener(void *arg) {
  struct rx *r = arg;
  char buf[64];
  mq_receive(r->q, buf, sizeof buf, 0); // expected-note 1 {{'listener' blocks here receiving}}
  return 0;
}

void checkMq01(void) {
  struct rx r;
  pthread_t t;
  r.q = mq_open("/tl-test", O_RDWR | O_CREAT, 0600, 0);
  pthread_create(&t, 0, listener, &r);
  pthread_join(t, 0); // expected-warning{{Thread running 'listener' blocks forever receiving from 'r.q': nothing sends to it or closes it}}
  mq_close(r.q);
}

void checkNoMq01(void) {
  struct rx r;
  pthread_t t;
  r.q = mq_open("/tl-test", O_RDWR | O_CREAT, 0600, 0);
  pthread_create(&t, 0, listener, &r);
  mq_send(r.q, "stop", 5, 0);
  pthread_join(t, 0); // no warning
  mq_close(r.q);
}

// A descriptor cast into the thread's pointer argument is not followed
// (the analyzer does not keep an int cast to a pointer).
static void *listener_fd(void *arg) {
  mqd_t q = (mqd_t)(intptr_t)arg;
  char buf[64];
  mq_receive(q, buf, sizeof buf, 0);
  return 0;
}

void checkNoMq03(void) {
  mqd_t q = mq_open("/tl-test", O_RDWR | O_CREAT, 0600, 0);
  pthread_t t;
  pthread_create(&t, 0, listener_fd, (void *)(intptr_t)q);
  pthread_join(t, 0); // no warning: FIXME the cast loses the descriptor
  mq_close(q);
}

static void *timed_listener(void *arg) {
  struct rx *r = arg;
  char buf[64];
  struct timespec ts = {1, 0};
  mq_timedreceive(r->q, buf, sizeof buf, 0, &ts);
  return 0;
}

void checkNoMq02(void) {
  struct rx r;
  pthread_t t;
  r.q = mq_open("/tl-test", O_RDWR | O_CREAT, 0600, 0);
  pthread_create(&t, 0, timed_listener, &r);
  pthread_join(t, 0); // no warning: timed
  mq_close(r.q);
}

// A queue read in a loop until an error (the drain form).
static void *drain_mq(void *arg) {
  struct rx *r = arg;
  char buf[64];
  while (mq_receive(r->q, buf, sizeof buf, 0) >= 0) // expected-note 1 {{'drain_mq' blocks here receiving until the channel is closed}}
    ;
  return 0;
}

void checkMq02(void) {
  struct rx r;
  pthread_t t;
  r.q = mq_open("/tl-test", O_RDWR | O_CREAT, 0600, 0);
  pthread_create(&t, 0, drain_mq, &r);
  mq_send(r.q, "a", 2, 0);
  pthread_join(t, 0); // expected-warning{{Thread running 'drain_mq' blocks forever draining 'r.q': it is never closed}}
  mq_close(r.q);
}
