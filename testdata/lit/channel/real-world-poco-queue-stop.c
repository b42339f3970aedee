// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL201 RecvNeverSatisfied, GLib GAsyncQueue).
// Source: pocoproject/poco issue #5059, "AsyncNotificationCenter::stop()
//   can hang", https://github.com/pocoproject/poco/issues/5059
// Original bug: stop() only woke the dispatcher thread and queued nothing;
// a dispatcher that re-entered its blocking dequeue afterwards waited
// forever and stop()'s join hung.  The fix the issue proposes enqueues an
// explicit shutdown notification.  With a GAsyncQueue (which has no
// wake-up at all) the visible form is: nothing that ends the loop is sent.
// Reduction written for taskleak; no project code is copied.
#include <glib.h>

static int SHUTDOWN; // its address is the shutdown notification

typedef struct {
  GAsyncQueue *queue;
  volatile gint running;
} NotificationCenter;

static gpointer dispatch_loop(gpointer data) {
  NotificationCenter *nc = data;
  for (;;) {
    gpointer note = g_async_queue_pop(nc->queue); // expected-note{{'dispatch_loop' blocks here until it receives the value that ends its loop}}
    if (note == &SHUTDOWN)
      break;
    /* deliver the notification to its observers */
  }
  return NULL;
}

void checkCenterStopWakesOnly(void) {
  NotificationCenter nc = {g_async_queue_new(), 1};
  GThread *dispatcher = g_thread_new("dispatch", dispatch_loop, &nc);
  g_async_queue_push(nc.queue, GINT_TO_POINTER(1));
  g_atomic_int_set(&nc.running, 0); // "wake up": nothing reaches the queue
  g_thread_join(dispatcher); // expected-warning{{Thread running 'dispatch_loop' blocks forever receiving from 'nc.queue': nothing sends the value that ends its loop or closes it}}
  g_async_queue_unref(nc.queue);
}

void checkCenterStopEnqueuesShutdown(void) {
  NotificationCenter nc = {g_async_queue_new(), 1};
  GThread *dispatcher = g_thread_new("dispatch", dispatch_loop, &nc);
  g_async_queue_push(nc.queue, GINT_TO_POINTER(1));
  g_atomic_int_set(&nc.running, 0);
  g_async_queue_push(nc.queue, &SHUTDOWN); // the fix
  g_thread_join(dispatcher); // no warning
  g_async_queue_unref(nc.queue);
}
