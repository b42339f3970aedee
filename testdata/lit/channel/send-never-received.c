// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL202 SendNeverReceived with tylertreat/chan: a thread sends on an
// unbuffered (or too small) channel and nothing receives what it sends.
#include <pthread.h>
#include "chan.h"

static void *report_result(void *arg) {
  chan_send(arg, "done"); // expected-note 2 {{'report_result' blocks here sending}}
  return 0;
}

// Plain: the owner joins without taking the result.
void checkSend01(void) {
  chan_t *results = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, report_result, results);
  pthread_join(t, 0); // expected-warning{{Thread running 'report_result' blocks forever sending on 'results': nothing receives from it}}
  chan_dispose(results);
}

void checkNoSend01(void) {
  chan_t *results = chan_init(0);
  pthread_t t;
  void *r;
  pthread_create(&t, 0, report_result, results);
  chan_recv(results, &r);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

// A buffer with room for the result: the send does not block.
void checkNoSend02(void) {
  chan_t *results = chan_init(1);
  pthread_t t;
  pthread_create(&t, 0, report_result, results);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

// Closing the channel makes the blocked send fail and return.
void checkNoSend03(void) {
  chan_t *results = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, report_result, results);
  chan_close(results);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

// A buffer too small for two results.
static void *two_results(void *arg) {
  chan_send(arg, "first");
  chan_send(arg, "second"); // expected-note 1 {{'two_results' blocks here sending}}
  return 0;
}

void checkSend02(void) {
  chan_t *results = chan_init(1);
  pthread_t t;
  pthread_create(&t, 0, two_results, results);
  pthread_join(t, 0); // expected-warning{{Thread running 'two_results' blocks forever sending on 'results': nothing receives from it}}
  chan_dispose(results);
}

void checkNoSend04(void) {
  chan_t *results = chan_init(2);
  pthread_t t;
  pthread_create(&t, 0, two_results, results);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

void checkNoSend05(void) {
  chan_t *results = chan_init(1);
  pthread_t t;
  void *r;
  pthread_create(&t, 0, two_results, results);
  chan_recv(results, &r);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

// A collector thread takes the results.
static void *collect(void *arg) {
  void *r;
  while (chan_recv(arg, &r) == 0)
    ;
  return 0;
}

void checkNoSend06(void) {
  chan_t *results = chan_init(0);
  pthread_t worker, collector;
  pthread_create(&collector, 0, collect, results);
  pthread_create(&worker, 0, report_result, results);
  pthread_join(worker, 0); // no warning
  chan_close(results);
  pthread_join(collector, 0);
  chan_dispose(results);
}

// Helper form: the send is in a helper; the owner's receive in a helper it
// skips.
static void publish(chan_t *out, void *v) { chan_send(out, v); } // expected-note 1 {{'publish' blocks here sending}}
static void *compute(void *arg) {
  publish(arg, "42");
  return 0;
}
static void *fetch(chan_t *in) {
  void *v = 0;
  chan_recv(in, &v);
  return v;
}

void checkSend03(int want) {
  chan_t *out = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, compute, out);
  if (want)
    fetch(out);
  pthread_join(t, 0); // expected-warning{{Thread running 'compute' blocks forever sending on 'out': nothing receives from it}}
  chan_dispose(out);
}

void checkNoSend07(void) {
  chan_t *out = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, compute, out);
  fetch(out);
  pthread_join(t, 0); // no warning
  chan_dispose(out);
}

// Struct-field form.
struct task {
  int input;
  chan_t *done;
};

static void *run_task(void *arg) {
  struct task *tk = arg;
  chan_send(tk->done, &tk->input); // expected-note 1 {{'run_task' blocks here sending}}
  return 0;
}

void checkSend04(void) {
  struct task tk;
  pthread_t t;
  tk.input = 7;
  tk.done = chan_init(0);
  pthread_create(&t, 0, run_task, &tk);
  pthread_join(t, 0); // expected-warning{{Thread running 'run_task' blocks forever sending on 'tk.done': nothing receives from it}}
}

void checkNoSend08(void) {
  struct task tk;
  pthread_t t;
  void *r;
  tk.input = 7;
  tk.done = chan_init(0);
  pthread_create(&t, 0, run_task, &tk);
  chan_recv(tk.done, &r);
  pthread_join(t, 0); // no warning
}

// Error-path form: on failure the owner gives up without draining.
int checkSend05(int bad_input) {
  chan_t *results = chan_init(0);
  pthread_t t;
  void *r;
  if (pthread_create(&t, 0, report_result, results))
    return -1; // no warning: no thread
  if (bad_input) {
    pthread_join(t, 0); // expected-warning{{Thread running 'report_result' blocks forever sending on 'results': nothing receives from it}}
    chan_dispose(results);
    return -1;
  }
  chan_recv(results, &r);
  pthread_join(t, 0);
  chan_dispose(results);
  return 0;
}

int checkNoSend09(int bad_input) {
  chan_t *results = chan_init(0);
  pthread_t t;
  void *r;
  if (pthread_create(&t, 0, report_result, results))
    return -1;
  chan_recv(results, &r);
  if (bad_input) {
    pthread_join(t, 0); // no warning
    chan_dispose(results);
    return -1;
  }
  pthread_join(t, 0);
  chan_dispose(results);
  return 0;
}

// A capacity the analyzer does not know: no report.
void checkNoSend10(unsigned n) {
  chan_t *results = chan_init(n);
  pthread_t t;
  pthread_create(&t, 0, report_result, results);
  pthread_join(t, 0); // no warning
  chan_dispose(results);
}

// Sends in a loop: how many the owner owes is unknown.
static void *stream(void *arg) {
  for (int i = 0; i < 3; i++)
    chan_send(arg, "item");
  return 0;
}

void checkNoSend11(void) {
  chan_t *items = chan_init(0);
  pthread_t t;
  pthread_create(&t, 0, stream, items);
  pthread_join(t, 0); // no warning: FIXME a loop of sends is not counted
  chan_dispose(items);
}
