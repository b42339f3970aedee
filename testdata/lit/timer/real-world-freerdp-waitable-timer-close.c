// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, POSIX timers, owner protocol).
// Source: FreeRDP/FreeRDP commit 7305828122ed1234c35bf23eeac4b0fab394eef3
//   ("Fix #4239: Various memory leaks", winpr/libwinpr/synch/timer.c),
//   https://github.com/FreeRDP/FreeRDP/commit/7305828122ed1234c35bf23eeac4b0fab394eef3
// Original bug: a waitable timer with a completion routine was backed by
// timer_create; closing the handle closed the timerfd and freed the struct
// without timer_delete, so the kernel timer leaked (and an armed one could
// still signal with the freed pointer).  The fix added timer_delete.
// Reduction written for taskleak; no project code is copied.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  void (*routine)(void *);
  void *ctx;
  timer_t tid;
} WTimer;

WTimer *wtimer_new(void (*routine)(void *), void *ctx) {
  struct sigevent sev;
  WTimer *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->fd = -1;
  t->routine = routine;
  t->ctx = ctx;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = SIGALRM;
  sev.sigev_value.sival_ptr = t;
  if (timer_create(CLOCK_MONOTONIC, &sev, &t->tid) != 0) {
    free(t);
    return NULL;
  }
  return t;
}

void wtimer_close(WTimer *t) {
  if (t->fd != -1)
    close(t->fd);
  free(t); // expected-warning{{The POSIX timer 't->tid' is never deleted before its owner is freed (created in 'wtimer_new')}}
}

typedef struct {
  int fd;
  void (*routine)(void *);
  void *ctx;
  timer_t tid;
} FixedWTimer;

FixedWTimer *fixed_wtimer_new(void (*routine)(void *), void *ctx) {
  struct sigevent sev;
  FixedWTimer *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->fd = -1;
  t->routine = routine;
  t->ctx = ctx;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = SIGALRM;
  sev.sigev_value.sival_ptr = t;
  if (timer_create(CLOCK_MONOTONIC, &sev, &t->tid) != 0) {
    free(t);
    return NULL;
  }
  return t;
}

void fixed_wtimer_close(FixedWTimer *t) {
  if (t->fd != -1)
    close(t->fd);
  timer_delete(t->tid);
  free(t); // no warning
}
