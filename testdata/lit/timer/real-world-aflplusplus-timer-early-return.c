// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, POSIX timers).
// Source: AFLplusplus/AFLplusplus PR #243, commit
//   4a25ea7a9bf02e6aa3956f2a5ccb80a0ee52e67b (squashed as
//   cd377f3d99b142da0520b812998acac0dd415224),
//   https://github.com/AFLplusplus/AFLplusplus/pull/243
// Original bug: the target runner created a POSIX timer per execution; the
// early returns (stop requested) skipped timer_delete, one kernel timer lost
// per run.  The fix routed every exit through timer_delete.  The waitpid
// failure, a fatal exit upstream, is a plain return here.
// Reduction written for taskleak; no project code is copied.
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

static void on_expiry(union sigval v) { (void)v; }

static int start_watchdog(timer_t *t, pid_t child, unsigned ms) {
  struct sigevent sev;
  struct itimerspec its;
  memset(&sev, 0, sizeof sev);
  memset(&its, 0, sizeof its);
  sev.sigev_notify = SIGEV_THREAD;
  sev.sigev_notify_function = on_expiry;
  sev.sigev_value.sival_int = child;
  if (timer_create(CLOCK_MONOTONIC, &sev, t) == -1)
    return -1;
  its.it_value.tv_sec = ms / 1000;
  its.it_value.tv_nsec = (long)(ms % 1000) * 1000000L;
  if (timer_settime(*t, 0, &its, NULL) == -1) {
    timer_delete(*t); // a fatal exit upstream
    return -1;
  }
  return 0;
}

int run_child(pid_t child, unsigned ms, volatile int *stop_now) {
  timer_t watchdog;
  int status;
  if (start_watchdog(&watchdog, child, ms) == -1)
    return -1;
  // Both early returns leak the timer; one create gives one report.
  if (*stop_now)
    return 0;
  if (waitpid(child, &status, 0) <= 0)
    return -1; // expected-warning{{The POSIX timer 'watchdog' is never deleted}}
  timer_delete(watchdog);
  return status;
}

int fixed_run_child(pid_t child, unsigned ms, volatile int *stop_now) {
  timer_t watchdog;
  int status = 0;
  if (start_watchdog(&watchdog, child, ms) == -1)
    return -1;
  if (*stop_now)
    goto out;
  if (waitpid(child, &status, 0) <= 0)
    status = -1;
out:
  timer_delete(watchdog); // no warning
  return status;
}
