// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, POSIX threads).
// Source: remzi-arpacidusseau/ostep-homework PR #62, "missing pthread_join in
//   main-signal-cv.c", https://github.com/remzi-arpacidusseau/ostep-homework/pull/62
// Original bug: main() waited for the child on a condition variable and then
// returned without ever joining it, which ThreadSanitizer reported as
// "thread leak"; the fix added the missing pthread_join.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int done_flag;

static void *announce(void *unused) {
  (void)unused;
  pthread_mutex_lock(&done_lock);
  done_flag = 1;
  pthread_cond_signal(&done_cv);
  pthread_mutex_unlock(&done_lock);
  return 0;
}

static void wait_until_done(void) {
  pthread_mutex_lock(&done_lock);
  while (!done_flag)
    pthread_cond_wait(&done_cv, &done_lock);
  pthread_mutex_unlock(&done_lock);
}

// Bug: the condition variable says the child has finished its work, but the
// thread itself is never reaped.
int checkLeakSignalCv(void) {
  pthread_t child;
  if (pthread_create(&child, 0, announce, 0) != 0)
    return 1;
  // The handle is dead once it is no longer read: the leak is certain here.
  wait_until_done(); // expected-warning{{Thread running 'announce' is never joined or detached (handle 'child')}}
  return 0;
}

// Fix (as in the PR): join the child after the signal arrived.
int checkNoLeakSignalCv(void) {
  pthread_t child;
  if (pthread_create(&child, 0, announce, 0) != 0)
    return 1;
  wait_until_done();
  pthread_join(child, 0);
  return 0; // no warning
}
