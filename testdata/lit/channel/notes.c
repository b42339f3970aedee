// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Path notes of the channel rules: the spawn (saying what the task waits
// for), the task's blocking operation (in its entry function), and where
// the owner stopped being able to pay.
#include <pthread.h>
#include "chan.h"

static void *drain(void *arg) {
  void *msg;
  while (chan_recv(arg, &msg) == 0) // expected-note{{'drain' blocks here receiving until the channel is closed}}
    ;
  return 0;
}

int checkNotes01(int fail) {
  chan_t *work = chan_init(4);
  pthread_t t;
  if (pthread_create(&t, 0, drain, work) != 0) // expected-note{{Thread running 'drain' spawned here; it receives from 'work' until it is closed}}
                                               // expected-note@-1{{Assuming the condition is false}}
                                               // expected-note@-2{{Taking false branch}}
    return -1;
  chan_send(work, "job");
  if (fail) { // expected-note{{Assuming 'fail' is not equal to 0}}
              // expected-note@-1{{Taking true branch}}
    pthread_join(t, 0); // expected-warning{{Thread running 'drain' blocks forever draining 'work': it is never closed}}
                        // expected-note@-1{{The owner no longer uses 'work' after this point: nothing it does can wake the thread}}
                        // expected-note@-2{{Thread running 'drain' blocks forever draining 'work': it is never closed}}
    return -1;
  }
  chan_close(work);
  pthread_join(t, 0);
  return 0;
}

static void *answer(void *arg) {
  chan_send(arg, "42"); // expected-note{{'answer' blocks here sending}}
  return 0;
}

void checkNotes02(void) {
  chan_t *reply = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, answer, reply); // expected-note{{Thread running 'answer' spawned here; it waits to send on 'reply'}}
                                        // expected-note@-1{{Thread running 'answer' spawned here (handle 't')}}
  pthread_detach(t); // expected-note{{Thread running 'answer' detached here}}
  chan_dispose(reply); // expected-warning{{Thread running 'answer' blocks forever sending on 'reply': nothing receives from it}}
                       // expected-note@-1{{Thread running 'answer' blocks forever sending on 'reply': nothing receives from it}}
                       // expected-warning@-2{{The detached thread running 'answer' may use its argument after it is freed}}
                       // expected-note@-3{{The detached thread running 'answer' may use its argument after it is freed}}
}

void checkNotes03(void) {
  chan_t *ch = chan_init(1);
  chan_send(ch, "a");
  chan_send(ch, "b"); // expected-warning{{Sending on full 'ch' blocks forever: no task ever receives from it}}
                      // expected-note@-1{{Sending on full 'ch' blocks forever: no task ever receives from it}}
}
