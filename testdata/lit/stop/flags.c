// TL403 StopNeverSignalled: a task loops until a stop flag is set, and the
// owner joins it without setting the flag.  Plain, helper-function,
// struct-field, global and error-path forms, each with its fixed variant.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.context.StopNeverSignalled -verify %s

#include <glib.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <threads.h>
#include <uv.h>

void poll_device(void);

struct worker {
  int id;
  int stop;
};

static void *run(void *arg) {
  struct worker *w = arg;
  while (!w->stop) // expected-note 1+ {{The thread running 'run': this loop ends only when 'w->stop' is set}}
    poll_device();
  return NULL;
}

// Plain: the flag is never set.
void checkFlagNeverSet(void) {
  struct worker w = {1, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, run, &w) != 0)
    return;
  pthread_join(t, NULL); // expected-warning{{Thread running 'run' never stops: its loop ends only when 'w.stop' is set, which this path never does before the join}}
}

void checkFlagSet(void) {
  struct worker w = {1, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, run, &w) != 0)
    return;
  w.stop = 1;
  pthread_join(t, NULL); // no warning
}

// The flag is set, but to a value that does not end the loop.
void checkFlagCleared(void) {
  struct worker w = {1, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, run, &w) != 0)
    return;
  w.stop = 0;
  pthread_join(t, NULL); // expected-warning{{Thread running 'run' never stops}}
}

// Helper-function forms: the stop is a helper the owner forgets to call,
// and the task's loop lives in a helper of the entry.
static void request_stop(struct worker *w) { w->stop = 1; }

static void serve(struct worker *w) {
  while (w->stop == 0) // expected-note {{The thread running 'run_helper': this loop ends only when 'w->stop' is set}}
    poll_device();
}

static void *run_helper(void *arg) {
  serve(arg);
  return NULL;
}

void checkHelperNotCalled(void) {
  struct worker w = {2, 0};
  pthread_t t;
  pthread_create(&t, NULL, run_helper, &w);
  pthread_join(t, NULL); // expected-warning{{Thread running 'run_helper' never stops: its loop ends only when 'w.stop' is set}}
}

void checkHelperCalled(void) {
  struct worker w = {2, 0};
  pthread_t t;
  pthread_create(&t, NULL, run_helper, &w);
  request_stop(&w);
  pthread_join(t, NULL); // no warning
}

// Heap object (struct-field form): the worker struct outlives the frame.
void checkHeapFlagNeverSet(void) {
  struct worker *w = malloc(sizeof *w);
  if (!w)
    return;
  w->stop = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, run, w) == 0)
    pthread_join(t, NULL); // expected-warning{{Thread running 'run' never stops: its loop ends only when 'stop' is set}}
  free(w);
}

void checkHeapFlagSet(void) {
  struct worker *w = malloc(sizeof *w);
  if (!w)
    return;
  w->stop = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, run, w) == 0) {
    w->stop = 1;
    pthread_join(t, NULL); // no warning
  }
  free(w);
}

// Error path: the stop is only requested on the success path.
int prepare(void);

int checkErrorPathSkipsStop(void) {
  struct worker w = {3, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, run, &w) != 0)
    return -1;
  if (prepare() < 0) {
    pthread_join(t, NULL); // expected-warning{{Thread running 'run' never stops}}
    return -1;
  }
  w.stop = 1;
  pthread_join(t, NULL); // no warning
  return 0;
}

int checkErrorPathStops(void) {
  struct worker w = {3, 0};
  pthread_t t;
  if (pthread_create(&t, NULL, run, &w) != 0)
    return -1;
  if (prepare() < 0) {
    w.stop = 1;
    pthread_join(t, NULL); // no warning
    return -1;
  }
  w.stop = 1;
  pthread_join(t, NULL); // no warning
  return 0;
}

// A global flag: `while (running)` ends when running becomes 0.
static bool running;

static void *ticker(void *arg) {
  (void)arg;
  while (running) // expected-note {{The thread running 'ticker': this loop ends only when 'running' is 0}}
    poll_device();
  return NULL;
}

void checkGlobalNeverCleared(void) {
  pthread_t t;
  running = true;
  pthread_create(&t, NULL, ticker, NULL);
  pthread_join(t, NULL); // expected-warning{{Thread running 'ticker' never stops: its loop ends only when 'running' is 0, which this path never does before the join}}
}

void checkGlobalCleared(void) {
  pthread_t t;
  running = true;
  pthread_create(&t, NULL, ticker, NULL);
  running = false;
  pthread_join(t, NULL); // no warning
}

// An enum state and a guarded break: `for (;;) { if (s->state == STOPPING) break; }`.
enum state { IDLE, BUSY, STOPPING };
struct machine {
  enum state state;
};

static int machine_main(void *arg) {
  struct machine *m = arg;
  for (;;) { // expected-note {{The thread running 'machine_main': this loop ends only when 'm->state' is 2}}
    if (m->state == STOPPING)
      break;
    poll_device();
  }
  return 0;
}

void checkEnumNeverStopping(void) {
  struct machine m = {IDLE};
  thrd_t t;
  if (thrd_create(&t, machine_main, &m) != thrd_success)
    return;
  m.state = BUSY;
  thrd_join(t, NULL); // expected-warning{{Thread running 'machine_main' never stops: its loop ends only when 'm.state' is 2}}
}

void checkEnumStopping(void) {
  struct machine m = {IDLE};
  thrd_t t;
  if (thrd_create(&t, machine_main, &m) != thrd_success)
    return;
  m.state = STOPPING;
  thrd_join(t, NULL); // no warning
}

// GLib and libuv threads.
static gpointer g_run(gpointer data) {
  struct worker *w = data;
  while (!w->stop) // expected-note {{The thread running 'g_run': this loop ends only when 'w->stop' is set}}
    poll_device();
  return NULL;
}

void checkGThreadNeverStopped(void) {
  struct worker w = {4, 0};
  GThread *t = g_thread_new("w", g_run, &w);
  g_thread_join(t); // expected-warning{{Thread running 'g_run' never stops}}
}

void checkGThreadStopped(void) {
  struct worker w = {4, 0};
  GThread *t = g_thread_new("w", g_run, &w);
  w.stop = TRUE;
  g_thread_join(t); // no warning
}

static void uv_run_worker(void *arg) {
  struct worker *w = arg;
  while (!w->stop) // expected-note {{The thread running 'uv_run_worker': this loop ends only when 'w->stop' is set}}
    poll_device();
}

void checkUvNeverStopped(void) {
  struct worker w = {5, 0};
  uv_thread_t t;
  if (uv_thread_create(&t, uv_run_worker, &w) != 0)
    return;
  uv_thread_join(&t); // expected-warning{{Thread running 'uv_run_worker' never stops}}
}

void checkUvStopped(void) {
  struct worker w = {5, 0};
  uv_thread_t t;
  if (uv_thread_create(&t, uv_run_worker, &w) != 0)
    return;
  w.stop = 1;
  uv_thread_join(&t); // no warning
}
