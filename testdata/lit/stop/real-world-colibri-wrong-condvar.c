// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL403 StopNeverSignalled, POSIX threads).
// Source: JustVugg/colibri issue #1340,
//   https://github.com/JustVugg/colibri/issues/1340
// Original bug: the shutdown function set the uploader's stop flag and
// signalled the "work available" condition variable, then joined the
// uploader.  But the uploader also sleeps on a second condition variable
// (waiting for an open group to be taken) whose predicate tests the same
// flag; shutdown never signalled that one, so an uploader parked there slept
// on and the join (run from atexit) never returned.  The fix broadcasts both
// condition variables.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>
#include <stdbool.h>

static struct {
  pthread_mutex_t lock;
  pthread_cond_t work_cv;  // "there is work"
  pthread_cond_t taken_cv; // "the open group was taken"
  bool quit;
  bool group_open;
  bool pending;
} up = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
        PTHREAD_COND_INITIALIZER, false, true, false};

static void *uploader(void *unused) {
  (void)unused;
  pthread_mutex_lock(&up.lock);
  while (!up.quit) { // expected-note 1+ {{The thread running 'uploader': this loop ends only when 'up.quit' is set}}
    while (!up.pending && !up.quit)
      pthread_cond_wait(&up.work_cv, &up.lock);
    up.pending = false;
    while (up.group_open && !up.quit)
      pthread_cond_wait(&up.taken_cv, &up.lock); // expected-note {{It may wait here on 'up.taken_cv'}}
  }
  pthread_mutex_unlock(&up.lock);
  return NULL;
}

static int start_uploader(pthread_t *tid) {
  up.quit = false;
  if (pthread_create(tid, NULL, uploader, NULL) != 0)
    return -1;
  pthread_mutex_lock(&up.lock);
  up.pending = true; // queue a swap while a group is open
  pthread_cond_signal(&up.work_cv);
  pthread_mutex_unlock(&up.lock);
  return 0;
}

// Bug: only the "work" condition variable hears about the stop.
void shutdownWakesOneCondvar(void) {
  pthread_t tid;
  if (start_uploader(&tid) != 0)
    return;
  pthread_mutex_lock(&up.lock);
  up.quit = true;
  pthread_cond_signal(&up.work_cv);
  pthread_mutex_unlock(&up.lock);
  pthread_join(tid, NULL); // expected-warning{{Thread running 'uploader' may sleep forever on 'up.taken_cv': it is not signalled after 'up.quit' is set, and the join waits for it}}
}

// Fix (as in the issue): wake every wait that tests the stop flag.
void shutdownWakesBothCondvars(void) {
  pthread_t tid;
  if (start_uploader(&tid) != 0)
    return;
  pthread_mutex_lock(&up.lock);
  up.quit = true;
  pthread_cond_broadcast(&up.work_cv);
  pthread_cond_broadcast(&up.taken_cv);
  pthread_mutex_unlock(&up.lock);
  pthread_join(tid, NULL); // no warning
}
