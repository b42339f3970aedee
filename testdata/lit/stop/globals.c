// TL403 StopNeverSignalled with a task handle in a global: the thread is
// started in one function and stopped in another (memcached's
// start_/stop_..._thread pairs).  The stop function is analysed with the
// task assumed to run the entry every spawn into that global runs.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <stdio.h>

void rebalance(void);

static pthread_mutex_t maint_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t maint_cond = PTHREAD_COND_INITIALIZER;
static volatile int run_maint = 1;
static int busy;
static pthread_t maint_tid;

static void *maint_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&maint_lock);
  while (run_maint) { // expected-note 1+ {{The thread started in 'start_maint' runs 'maint_thread'; this loop ends only when 'run_maint' is 0}}
    if (busy)
      rebalance();
    else
      pthread_cond_wait(&maint_cond, &maint_lock); // expected-note {{It may wait here on 'maint_cond'}}
  }
  pthread_mutex_unlock(&maint_lock);
  return NULL;
}

int start_maint(void) {
  if (pthread_create(&maint_tid, NULL, maint_thread, NULL) != 0) {
    fprintf(stderr, "cannot start\n");
    return -1;
  }
  return 0;
}

// Bug: the flag is cleared but the sleeping thread is not woken.
void stop_maint_no_signal(void) {
  pthread_mutex_lock(&maint_lock);
  run_maint = 0;
  pthread_mutex_unlock(&maint_lock);
  pthread_join(maint_tid, NULL); // expected-warning{{Thread running 'maint_thread' may sleep forever on 'maint_cond': it is not signalled after 'run_maint' is set to 0, and the join waits for it}}
}

void stop_maint(void) {
  pthread_mutex_lock(&maint_lock);
  run_maint = 0;
  pthread_cond_signal(&maint_cond);
  pthread_mutex_unlock(&maint_lock);
  pthread_join(maint_tid, NULL); // no warning
}

// Cancelled first: no report.
void stop_maint_cancel(void) {
  pthread_cancel(maint_tid);
  pthread_join(maint_tid, NULL); // no warning
}

// A second global thread with a loop that never ends.
static pthread_t stats_tid;

static void *stats_thread(void *arg) {
  (void)arg;
  for (;;) // expected-note {{The thread started in 'start_stats' runs 'stats_thread'; this loop has no exit}}
    rebalance();
  return NULL;
}

int start_stats(void) {
  return pthread_create(&stats_tid, NULL, stats_thread, NULL);
}

void stop_stats(void) {
  pthread_join(stats_tid, NULL); // expected-warning{{Thread running 'stats_thread' never stops: its loop has no exit, and the join waits forever}}
}

// The same global filled with two different entries: not judged.
static pthread_t helper_tid;

static void *helper_a(void *arg) {
  (void)arg;
  for (;;)
    rebalance();
  return NULL;
}

static void *helper_b(void *arg) {
  (void)arg;
  rebalance();
  return NULL;
}

void start_helper(int a) {
  if (a)
    pthread_create(&helper_tid, NULL, helper_a, NULL);
  else
    pthread_create(&helper_tid, NULL, helper_b, NULL);
}

void stop_helper(void) {
  pthread_join(helper_tid, NULL); // no warning
}
