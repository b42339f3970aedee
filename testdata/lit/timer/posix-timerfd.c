// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL302 for POSIX timers (timer_create without timer_delete) and timerfd
// (timerfd_create never closed).  A failed create is no leak.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int work(void);
void keep_fd(int fd);

// --- POSIX timers -----------------------------------------------------------

int checkLeakPosix01(void) {
  timer_t t;
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_NONE;
  if (timer_create(CLOCK_MONOTONIC, &sev, &t) != 0)
    return -1; // no warning
  return work(); // expected-warning{{The POSIX timer 't' is never deleted}}
}

int checkNoLeakPosix01(void) {
  timer_t t;
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_NONE;
  if (timer_create(CLOCK_MONOTONIC, &sev, &t) != 0)
    return -1;
  int r = work();
  timer_delete(t); // no warning
  return r;
}

int checkLeakPosixErrorPath(const struct itimerspec *its) {
  timer_t t;
  if (timer_create(CLOCK_REALTIME, NULL, &t) == -1)
    return -1;
  if (timer_settime(t, 0, its, NULL) == -1)
    return -1; // expected-warning{{The POSIX timer 't' is never deleted}}
  timer_delete(t);
  return 0;
}

int checkNoLeakPosixErrorPath(const struct itimerspec *its) {
  timer_t t;
  if (timer_create(CLOCK_REALTIME, NULL, &t) == -1)
    return -1;
  if (timer_settime(t, 0, its, NULL) == -1) {
    timer_delete(t);
    return -1; // no warning
  }
  timer_delete(t);
  return 0;
}

static int make_timer(timer_t *out) { return timer_create(CLOCK_MONOTONIC, NULL, out); }

int checkLeakPosixHelper(void) {
  timer_t t;
  if (make_timer(&t))
    return -1;
  return 0; // expected-warning{{The POSIX timer 't' is never deleted}}
}

int checkNoLeakPosixHelper(void) {
  timer_t t;
  if (make_timer(&t))
    return -1;
  timer_delete(t);
  return 0; // no warning
}

struct waiter {
  int fd;
  timer_t tid;
};

struct waiter *waiter_new(void) {
  struct waiter *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->fd = -1;
  if (timer_create(CLOCK_MONOTONIC, NULL, &w->tid) != 0) {
    free(w);
    return NULL;
  }
  return w;
}

void waiter_close(struct waiter *w) {
  if (w->fd != -1)
    close(w->fd);
  free(w); // expected-warning{{The POSIX timer 'w->tid' is never deleted before its owner is freed (created in 'waiter_new')}}
}

struct fixed_waiter {
  int fd;
  timer_t tid;
};

struct fixed_waiter *fixed_waiter_new(void) {
  struct fixed_waiter *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  if (timer_create(CLOCK_MONOTONIC, NULL, &w->tid) != 0) {
    free(w);
    return NULL;
  }
  return w;
}

void fixed_waiter_close(struct fixed_waiter *w) {
  timer_delete(w->tid);
  free(w); // no warning
}

// --- timerfd ----------------------------------------------------------------

int checkLeakTimerfd01(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (fd < 0)
    return -1; // no warning
  return work(); // expected-warning{{The timerfd 'fd' is never closed}}
}

int checkNoLeakTimerfd01(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (fd < 0)
    return -1;
  int r = work();
  close(fd); // no warning
  return r;
}

// Handed to the project's own code, or returned: not ours to judge.
void checkNoLeakTimerfd02(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  if (fd >= 0)
    keep_fd(fd); // no warning
}

int checkNoLeakTimerfd03(void) {
  return timerfd_create(CLOCK_MONOTONIC, 0); // no warning
}

int checkLeakTimerfdErrorPath(const struct itimerspec *its) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  if (fd == -1)
    return -1;
  if (timerfd_settime(fd, 0, its, NULL) < 0)
    return -1; // expected-warning{{The timerfd 'fd' is never closed}}
  return fd;
}

int checkNoLeakTimerfdErrorPath(const struct itimerspec *its) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  if (fd == -1)
    return -1;
  if (timerfd_settime(fd, 0, its, NULL) < 0) {
    close(fd);
    return -1; // no warning
  }
  return fd;
}

static int open_tick(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK); }

void checkLeakTimerfdHelper(void) {
  int fd = open_tick();
  if (fd < 0)
    return;
  work(); // expected-warning{{The timerfd 'fd' is never closed}}
}

void checkNoLeakTimerfdHelper(void) {
  int fd = open_tick();
  if (fd < 0)
    return;
  work();
  close(fd); // no warning
}

// A heap block holding the only copy of the descriptor is freed.
struct ticker {
  int fd;
};

void checkLeakTimerfdHeap(void) {
  struct ticker *t = malloc(sizeof *t);
  if (!t)
    return;
  t->fd = timerfd_create(CLOCK_MONOTONIC, 0);
  free(t); // expected-warning{{The timerfd is never closed: the memory holding its handle is freed}}
}
