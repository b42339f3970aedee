// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL104 DoubleJoin: join after detach, POSIX threads).
// Source: sems-server/sems PR #497, "sems: drop join() after stop() on
//   already-detached thread", https://github.com/sems-server/sems/pull/497
//   (backport of sipwise/sems commit c1d1240d)
// Original bug: the thread class's stop() detached the worker, and the
// server's shutdown path then called join() on the same (singleton) writer
// thread, i.e. pthread_join on a detached thread, which is undefined (EINVAL
// on glibc, crashes elsewhere). The fix drops the join() after stop().
// Reduction written for taskleak (in C; the project's thread class is C++ over
// the plain pthread API); no project code is copied. The singleton is a
// file-static object.
#include <pthread.h>

struct worker_thread {
  pthread_t td;
  volatile int stop_requested;
  volatile int stopped;
};

static struct worker_thread file_writer;

static void *writer_main(void *arg) {
  struct worker_thread *w = arg;
  while (!w->stop_requested) {
  }
  w->stopped = 1;
  return 0;
}

static int worker_start(struct worker_thread *w) {
  return pthread_create(&w->td, 0, writer_main, w);
}

static void worker_stop(struct worker_thread *w) {
  w->stop_requested = 1;
  pthread_detach(w->td);
}

static void worker_join(struct worker_thread *w) {
  if (!w->stopped)
    pthread_join(w->td, 0); // expected-warning{{Thread running 'writer_main' is joined after it was detached (handle 'file_writer.td')}}
}

// Bug: stop() then join() on the same thread.
void checkJoinAfterDetachShutdown(void) {
  if (worker_start(&file_writer) != 0)
    return;
  worker_stop(&file_writer);
  worker_join(&file_writer);
}

// Fix (as in the PR): stop() alone; the detached thread cleans up itself.
void checkNoJoinAfterDetachShutdown(void) {
  if (worker_start(&file_writer) != 0)
    return;
  worker_stop(&file_writer); // no warning
}
