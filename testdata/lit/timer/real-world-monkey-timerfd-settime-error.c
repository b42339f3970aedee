// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, timerfd).
// Source: monkey/monkey commit e45b2dbef67f7b8be0c6efb2ef960b0ec694fab2
//   (mk_core/mk_event_epoll.c), https://github.com/monkey/monkey/commit/e45b2dbef67f7b8be0c6efb2ef960b0ec694fab2
//   (same bug in fluent-bit: https://github.com/fluent/fluent-bit/pull/1354)
// Original bug: when timerfd_settime failed, the epoll backend returned -1
// without closing the new timerfd (fd exhaustion under retries).  The fix
// closed it on that path.
// Reduction written for taskleak; no project code is copied.
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int loop_add_timeout(int epfd, time_t sec) {
  struct itimerspec spec;
  struct epoll_event ev;
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (tfd == -1)
    return -1;
  memset(&spec, 0, sizeof spec);
  spec.it_value.tv_sec = sec;
  spec.it_interval.tv_sec = sec;
  if (timerfd_settime(tfd, 0, &spec, NULL) < 0)
    return -1; // expected-warning{{The timerfd 'tfd' is never closed}}
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = tfd;
  epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &ev);
  return tfd;
}

int fixed_loop_add_timeout(int epfd, time_t sec) {
  struct itimerspec spec;
  struct epoll_event ev;
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (tfd == -1)
    return -1;
  memset(&spec, 0, sizeof spec);
  spec.it_value.tv_sec = sec;
  spec.it_interval.tv_sec = sec;
  if (timerfd_settime(tfd, 0, &spec, NULL) < 0) {
    close(tfd);
    return -1; // no warning
  }
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = tfd;
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &ev) < 0) {
    close(tfd);
    return -1;
  }
  return tfd;
}
