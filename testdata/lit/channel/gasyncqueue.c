// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// GLib GAsyncQueue: unbounded, so a push never blocks (no TL202, no TL204
// on push); g_async_queue_pop blocks until something is pushed; try_pop and
// timeout_pop never block forever.
#include <glib.h>

static gpointer pop_one(gpointer data) {
  return g_async_queue_pop(data); // expected-note 2 {{'pop_one' blocks here receiving}}
}

void checkQueue01(void) {
  GAsyncQueue *q = g_async_queue_new();
  GThread *t = g_thread_new("pop", pop_one, q);
  g_thread_join(t); // expected-warning{{Thread running 'pop_one' blocks forever receiving from 'q': nothing sends to it or closes it}}
  g_async_queue_unref(q);
}

void checkNoQueue01(void) {
  GAsyncQueue *q = g_async_queue_new();
  GThread *t = g_thread_new("pop", pop_one, q);
  g_async_queue_push(q, GINT_TO_POINTER(1));
  g_thread_join(t); // no warning
  g_async_queue_unref(q);
}

// Pushed before the spawn: already queued.
void checkNoQueue02(void) {
  GAsyncQueue *q = g_async_queue_new();
  g_async_queue_push(q, GINT_TO_POINTER(1));
  g_async_queue_push(q, GINT_TO_POINTER(2));
  GThread *t = g_thread_new("pop", pop_one, q); // no warning: pushes never block
  g_thread_join(t);
  g_async_queue_unref(q);
}

// Timed and nonblocking pops never hang.
static gpointer poll_queue(gpointer data) {
  gpointer item = g_async_queue_try_pop(data);
  if (!item)
    item = g_async_queue_timeout_pop(data, 1000);
  return item;
}

void checkNoQueue03(void) {
  GAsyncQueue *q = g_async_queue_new();
  GThread *t = g_thread_new("poll", poll_queue, q);
  g_thread_join(t); // no warning
  g_async_queue_unref(q);
}

// The owner itself pops from a queue nobody pushes to (TL204).
void checkQueue02(void) {
  GAsyncQueue *q = g_async_queue_new();
  g_async_queue_push(q, GINT_TO_POINTER(1));
  g_async_queue_pop(q);
  g_async_queue_pop(q); // expected-warning{{Receiving from 'q' blocks forever: no task ever sends to it or closes it}}
  g_async_queue_unref(q);
}

// A worker loop that ends on a NULL-free sentinel, in a struct.
typedef struct {
  GAsyncQueue *jobs;
  GThread *thread;
} Pool;

static int STOP; // its address ends the loop

static gpointer pool_worker(gpointer data) {
  Pool *p = data;
  for (;;) {
    gpointer job = g_async_queue_pop(p->jobs); // expected-note 1 {{'pool_worker' blocks here until it receives the value that ends its loop}}
    if (job == &STOP)
      break;
  }
  return NULL;
}

void checkQueue03(void) {
  Pool p;
  p.jobs = g_async_queue_new();
  p.thread = g_thread_new("pool", pool_worker, &p);
  g_async_queue_push(p.jobs, GINT_TO_POINTER(7));
  g_thread_join(p.thread); // expected-warning{{Thread running 'pool_worker' blocks forever receiving from 'p.jobs': nothing sends the value that ends its loop or closes it}}
  g_async_queue_unref(p.jobs);
}

void checkNoQueue04(void) {
  Pool p;
  p.jobs = g_async_queue_new();
  p.thread = g_thread_new("pool", pool_worker, &p);
  g_async_queue_push(p.jobs, GINT_TO_POINTER(7));
  g_async_queue_push(p.jobs, &STOP);
  g_thread_join(p.thread); // no warning
  g_async_queue_unref(p.jobs);
}

// An item whose value the analyzer cannot tell may be the sentinel.
void checkNoQueue05(gpointer item) {
  Pool p;
  p.jobs = g_async_queue_new();
  p.thread = g_thread_new("pool", pool_worker, &p);
  g_async_queue_push(p.jobs, item);
  g_thread_join(p.thread); // no warning
  g_async_queue_unref(p.jobs);
}

// A queue handed to the thread with an extra reference is passed through
// g_async_queue_ref, which is not modelled: no longer tracked.
void checkNoQueue06(void) {
  GAsyncQueue *q = g_async_queue_new();
  GThread *t = g_thread_new("pop", pop_one, g_async_queue_ref(q));
  g_thread_join(t); // no warning: FIXME g_async_queue_ref could return its argument
  g_async_queue_unref(q);
}

// Error path: g_thread_try_new may fail; only a started thread can hang.
int checkQueue04(gboolean quick) {
  GAsyncQueue *q = g_async_queue_new();
  GThread *t = g_thread_try_new("pop", pop_one, q, NULL);
  if (!t) {
    g_async_queue_unref(q);
    return -1; // no warning
  }
  if (!quick)
    g_async_queue_push(q, GINT_TO_POINTER(1));
  g_thread_join(t); // expected-warning{{Thread running 'pop_one' blocks forever receiving from 'q': nothing sends to it or closes it}}
  g_async_queue_unref(q);
  return 0;
}
