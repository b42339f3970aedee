// TL201 taskleak.channel.RecvNeverSatisfied, issue 15 item 12: the owner
// waits for an acknowledgement (a flag, a field of the task's argument)
// that only the task writes, on a path where the task does not run.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.channel.RecvNeverSatisfied -analyzer-output=text %s 2>&1 | FileCheck %s

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void log_error(const char *msg);

static int ready;
static void *set_ready(void *arg) {
  ready = 1;
  return arg;
}

// Plain: a file-static flag, a spin loop after a spawn that failed and
// fell through.
// CHECK-DAG: ack-wait.c:[[@LINE+6]]:{{[0-9]+}}: warning: The owner waits forever for 'ready'
// CHECK-DAG: ack-wait.c:[[@LINE+3]]:{{[0-9]+}}: note: Spawn of the thread running 'set_ready'; it fails on this path
void spinAfterFailedSpawn(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, set_ready, NULL) != 0)
    log_error("cannot start");
  while (!ready) // expected-warning{{The owner waits forever for 'ready', which only the thread running 'set_ready' writes: its spawn failed on this path}}
    ;
  pthread_detach(t); // expected-warning{{Handle 't' is detached after the spawn of the thread running 'set_ready' failed: it names no thread}}
}

// Fixed: the wait only on the success path.
void spinAfterCheckedSpawn(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, set_ready, NULL) != 0) {
    log_error("cannot start");
    return;
  }
  while (!ready) // no warning
    sched_yield();
  pthread_detach(t);
}

// Fixed: the spawn's result never looked at: the path does not know it
// failed.
void spinUnchecked(void) {
  pthread_t t;
  pthread_create(&t, NULL, set_ready, NULL);
  while (!ready) // no warning
    usleep(1000);
  pthread_detach(t);
}

// Struct field: the task acknowledges through its argument.
struct worker {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int ack;
  int jobs;
};

static void *acking_worker(void *arg) {
  struct worker *w = arg;
  pthread_mutex_lock(&w->mu);
  w->ack = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

int condWaitAfterFailedSpawn(struct worker *w) {
  int rc = pthread_create(&w->thread, NULL, acking_worker, w);
  if (rc)
    log_error("cannot start");
  pthread_mutex_lock(&w->mu);
  while (!w->ack) // expected-warning{{The owner waits forever for 'w->ack', which only the thread running 'acking_worker' writes: its spawn failed on this path}}
    pthread_cond_wait(&w->cv, &w->mu);
  pthread_mutex_unlock(&w->mu);
  return rc;
}

int condWaitOnSuccessOnly(struct worker *w) {
  int rc = pthread_create(&w->thread, NULL, acking_worker, w);
  if (rc == 0) {
    pthread_mutex_lock(&w->mu);
    while (!w->ack) // no warning
      pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
  }
  return rc;
}

// A field the task does not write: someone else acknowledges.
int waitForOtherField(struct worker *w) {
  if (pthread_create(&w->thread, NULL, acking_worker, w) != 0)
    log_error("cannot start");
  while (!w->jobs) // no warning: the task never writes 'jobs'
    sched_yield();
  return 0;
}

// A loop that also ends on a deadline is no wait forever.
int waitWithBudget(struct worker *w) {
  int tries = 0;
  if (pthread_create(&w->thread, NULL, acking_worker, w) != 0)
    log_error("cannot start");
  while (!w->ack && tries < 100) // no warning
    tries++;
  return tries;
}

// Helper function: the spawn in one helper, the wait in another.
static int start_worker(struct worker *w) {
  return pthread_create(&w->thread, NULL, acking_worker, w);
}
static void wait_started(struct worker *w) {
  while (!w->ack) // expected-warning{{The owner waits forever for 'w->ack', which only the thread running 'acking_worker' writes: its spawn failed on this path}}
    nanosleep(&(struct timespec){0, 1000}, NULL);
}

void helpersAfterFailedSpawn(struct worker *w) {
  if (start_worker(w) != 0)
    log_error("cannot start");
  wait_started(w);
}

// (Its own wait: the analyzer stops inlining a helper whose loop once
// ran out of its block budget, so one helper per test.)
void helpersChecked(struct worker *w) {
  if (start_worker(w) != 0)
    return;
  while (!w->ack) // no warning
    sched_yield();
}

// A different object than the one the failed task was given.
void waitOnAnotherObject(struct worker *w, struct worker *other) {
  if (start_worker(w) != 0)
    log_error("cannot start");
  while (!other->ack) // no warning: 'other' has its own task
    sched_yield();
}

// Error path: the failure jumps to the common exit, which waits.
int errorPathWait(struct worker *w) {
  int rc = pthread_create(&w->thread, NULL, acking_worker, w);
  if (rc != 0)
    goto out;
  w->jobs = 1;
out:
  while (!w->ack) // expected-warning{{The owner waits forever for 'w->ack', which only the thread running 'acking_worker' writes: its spawn failed on this path}}
    usleep(100);
  return rc;
}

int errorPathFixed(struct worker *w) {
  int rc = pthread_create(&w->thread, NULL, acking_worker, w);
  if (rc != 0)
    goto fail;
  while (!w->ack) // no warning
    usleep(100);
  return 0;
fail:
  return rc;
}

// Never started: the spawn is on another branch than the wait.
void neverStarted(struct worker *w, int threaded) {
  if (threaded)
    if (pthread_create(&w->thread, NULL, acking_worker, w) != 0)
      abort();
  while (!w->ack) // expected-warning{{The owner waits forever for 'w->ack', which only the thread running 'acking_worker' writes: it is not started on this path}}
    sched_yield();
}

void startedOnSameBranch(struct worker *w, int threaded) {
  if (!threaded)
    return;
  if (pthread_create(&w->thread, NULL, acking_worker, w) != 0)
    abort();
  while (!w->ack) // no warning
    sched_yield();
}

// The owner sets the flag itself in the loop: it is no acknowledgement.
void ownerWritesFlag(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, set_ready, NULL) != 0)
    log_error("cannot start");
  else
    pthread_detach(t);
  while (!ready) // no warning
    ready = 1;
}

// Another task that did start writes the flag too: it may end the wait.
void otherWriterStarted(struct worker *w) {
  pthread_t a;
  if (pthread_create(&a, NULL, acking_worker, w) != 0)
    abort();
  if (pthread_create(&w->thread, NULL, acking_worker, w) != 0)
    log_error("cannot start the second worker");
  while (!w->ack) // no warning: the first worker writes it
    sched_yield();
  pthread_detach(a);
}

// Helper function: the failed spawn's handle and argument were locals of a
// helper that has returned, so nothing can join it any more; the flag its
// entry writes is file-scope, and the wait for it is still reported.
struct start_opts {
  int prio;
};
static void start_ready_thread(void) {
  pthread_t t;
  struct start_opts o = {1};
  if (pthread_create(&t, NULL, set_ready, &o) != 0)
    log_error("cannot start");
  else
    pthread_join(t, NULL);
}
void spinAfterHelperFailed(void) {
  start_ready_thread();
  while (!ready) // expected-warning{{The owner waits forever for 'ready', which only the thread running 'set_ready' writes: its spawn failed on this path}}
    ;
}
