// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, POSIX threads).
// Source: sandialabs/qthreads issue #197, "Thread Leak In external_syncvar
//   Test", https://github.com/sandialabs/qthreads/issues/197 ; fixed by
//   commit 39020d51 ("Fix thread leak in external_syncvar test. Fixes #197.")
// Original bug: the test's main() started a pthread that fills a sync
// variable, read the value and returned 0 without joining the pthread; the
// fix returns the result of pthread_join instead.
// Reduction written for taskleak; no project code is copied. The qthreads
// full/empty sync variable is stood in for by an extern function, which the
// analyzer cannot see into (the handle is not passed to it).
#include <pthread.h>
#include <stdint.h>

extern void fill_cell(uint64_t *cell, uint64_t v);   // stand-in: write-empty-full
extern uint64_t drain_cell(uint64_t *cell);          // stand-in: read-full-empty
static uint64_t cell;

static void *producer(void *unused) {
  (void)unused;
  fill_cell(&cell, 1);
  return 0;
}

// Bug: the value arrives, main returns, the pthread is never reaped.
int checkLeakSyncvar(void) {
  pthread_t producer_thread;
  pthread_create(&producer_thread, 0, producer, 0);
  uint64_t got = drain_cell(&cell); // expected-warning{{Thread running 'producer' is never joined or detached (handle 'producer_thread')}}
  (void)got;
  return 0;
}

// Fix (as in the commit): return the join's result.
int checkNoLeakSyncvar(void) {
  pthread_t producer_thread;
  pthread_create(&producer_thread, 0, producer, 0);
  uint64_t got = drain_cell(&cell);
  (void)got;
  return pthread_join(producer_thread, 0); // no warning
}
