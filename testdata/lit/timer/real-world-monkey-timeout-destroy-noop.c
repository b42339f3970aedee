// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, timerfd, owner protocol).
// Source: monkey/monkey commit d6112d130d4f8857a364bccb072c3db3fccd3873
//   ("core: epoll: on timeout destroy release descriptor"),
//   https://github.com/monkey/monkey/commit/d6112d130d4f8857a364bccb072c3db3fccd3873
// Original bug: the timeout destroy hook was a no-op, so every timer's
// timerfd stayed open and registered in epoll.  The fix deleted it from
// epoll and closed it.
// Reduction written for taskleak; no project code is copied.
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

struct tick { int fd; int epfd; };

struct tick *tick_new(int epfd) {
  struct epoll_event ev = {.events = EPOLLIN};
  struct tick *t = malloc(sizeof *t);
  if (!t)
    return NULL;
  t->epfd = epfd;
  t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  ev.data.ptr = t;
  epoll_ctl(epfd, EPOLL_CTL_ADD, t->fd, &ev);
  return t;
}

int tick_destroy(struct tick *t) {
  (void)t;
  return 0; // expected-warning{{The timerfd 't->fd' is never closed before 'tick_destroy' ends its owner (created in 'tick_new')}}
}

struct fixed_tick { int fd; int epfd; };

struct fixed_tick *fixed_tick_new(int epfd) {
  struct epoll_event ev = {.events = EPOLLIN};
  struct fixed_tick *t = malloc(sizeof *t);
  if (!t)
    return NULL;
  t->epfd = epfd;
  t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  ev.data.ptr = t;
  epoll_ctl(epfd, EPOLL_CTL_ADD, t->fd, &ev);
  return t;
}

int fixed_tick_destroy(struct fixed_tick *t) {
  if (!t)
    return 0;
  epoll_ctl(t->epfd, EPOLL_CTL_DEL, t->fd, NULL);
  close(t->fd);
  t->fd = -1;
  return 0; // no warning
}
