// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL203 NeverClosed, tylertreat/chan API).
// Source: liuchibing/mpsc-channel-in-cxx issue #5, "channel is not closed
//   when the last sender is destroyed",
//   https://github.com/liuchibing/mpsc-channel-in-cxx/issues/5
//   (fix: https://github.com/liuchibing/mpsc-channel-in-cxx/pull/6)
// Original bug: the receiver loops until the channel is closed, but nothing
// closed it when the senders went away, so the owner's join of the
// receiver hung; the fix closes the channel after the last sender.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>
#include "chan.h"

static void *producer(void *arg) {
  chan_send(arg, "tick");
  chan_send(arg, "tock");
  return 0; // the sender goes away without closing
}

static void *receiver(void *arg) {
  void *msg;
  while (chan_recv(arg, &msg) == 0) // expected-note{{'receiver' blocks here receiving until the channel is closed}}
    ;
  return 0;
}

void checkMpscNeverClosed(void) {
  chan_t *ch = chan_init(0);
  pthread_t rx, tx1, tx2;
  pthread_create(&rx, 0, receiver, ch);
  pthread_create(&tx1, 0, producer, ch);
  pthread_create(&tx2, 0, producer, ch);
  pthread_join(tx1, 0);
  pthread_join(tx2, 0);
  pthread_join(rx, 0); // expected-warning{{Thread running 'receiver' blocks forever draining 'ch': it is never closed}}
  chan_dispose(ch);
}

void checkMpscClosedAfterSenders(void) {
  chan_t *ch = chan_init(0);
  pthread_t rx, tx1, tx2;
  pthread_create(&rx, 0, receiver, ch);
  pthread_create(&tx1, 0, producer, ch);
  pthread_create(&tx2, 0, producer, ch);
  pthread_join(tx1, 0);
  pthread_join(tx2, 0);
  chan_close(ch); // the fix: the last sender is gone
  pthread_join(rx, 0); // no warning
  chan_dispose(ch);
}
