// TL203 / TL201 through the owner protocol, issue 15 item 14: a start
// function keeps a pipe in the owner and starts a reader thread on it; a
// stop function joins the reader before it closes or writes the write end.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

// Plain: pipe(o->fds), the reader drains o->fds[0] until EOF.
struct logger {
  pthread_t tid;
  int fds[2];
};

static void *drain(void *arg) {
  struct logger *l = arg;
  char buf[128];
  while (read(l->fds[0], buf, sizeof buf) > 0) // expected-note 2 {{The thread running 'drain' blocks here}}
    ;
  return NULL;
}

int logger_start(struct logger *l) {
  if (pipe(l->fds) != 0) // expected-note 2 {{The owner's pipe is made here, in 'logger_start'}}
    return -1;
  return pthread_create(&l->tid, NULL, drain, l);
}

void logger_stop(struct logger *l) {
  pthread_join(l->tid, NULL); // expected-warning{{Joining the thread running 'drain' blocks forever: it reads the owner's pipe end 'fds[0]' until EOF and 'logger_stop' closes or writes the write end 'fds[1]' only after the join, if at all}}
  close(l->fds[1]);
  close(l->fds[0]);
}

// Fixed: close the write end, then join.
void logger_stop_fixed(struct logger *l) {
  close(l->fds[1]);
  pthread_join(l->tid, NULL); // no warning
  close(l->fds[0]);
}

// Helper function: the join in a helper that the destroy function calls
// before it closes the write end.
static void logger_join(struct logger *l) {
  pthread_join(l->tid, NULL); // expected-warning{{Joining the thread running 'drain' blocks forever: it reads the owner's pipe end 'fds[0]' until EOF and 'logger_join' closes or writes the write end 'fds[1]' only after the join, if at all}}
}

void logger_destroy(struct logger *l) {
  logger_join(l);
  close(l->fds[1]);
  free(l);
}

// Fixed helper: the closing helper runs first.
struct tap {
  pthread_t tid;
  int fds[2];
};

static void *tap_reader(void *arg) {
  struct tap *t = arg;
  char c;
  while (read(t->fds[0], &c, 1) > 0)
    ;
  return NULL;
}

int tap_start(struct tap *t) {
  if (pipe(t->fds) != 0)
    return -1;
  return pthread_create(&t->tid, NULL, tap_reader, t);
}

static void tap_hangup(struct tap *t) { close(t->fds[1]); }
static void tap_join(struct tap *t) {
  pthread_join(t->tid, NULL); // no warning: its only caller hangs up first
}

void tap_destroy(struct tap *t) {
  tap_hangup(t);
  tap_join(t);
  close(t->fds[0]);
}

// Struct fields: the ends go to o->rd / o->wr through a local array; the
// reader blocks in one read (a wake-up byte would do: TL201).
struct waker {
  pthread_t tid;
  int rd;
  int wr;
  int stopped;
};

static void *wait_wakeup(void *arg) {
  struct waker *w = arg;
  char c;
  read(w->rd, &c, 1); // expected-note{{The thread running 'wait_wakeup' blocks here}}
  w->stopped = 1;
  return NULL;
}

int waker_start(struct waker *w) {
  int fds[2];
  if (pipe(fds) != 0) // expected-note{{The owner's pipe is made here, in 'waker_start'}}
    return -1;
  w->rd = fds[0];
  w->wr = fds[1];
  return pthread_create(&w->tid, NULL, wait_wakeup, w);
}

void waker_stop(struct waker *w) {
  pthread_join(w->tid, NULL); // expected-warning{{Joining the thread running 'wait_wakeup' blocks forever: it blocks reading the owner's pipe end 'rd' and 'waker_stop' closes or writes the write end 'wr' only after the join, if at all}}
  write(w->wr, "x", 1);
}

void waker_stop_fixed(struct waker *w) {
  write(w->wr, "x", 1);
  pthread_join(w->tid, NULL); // no warning
  close(w->wr);
  close(w->rd);
}

// Error path: the start function fails after the spawn and joins the
// reader before closing the pipe.
struct pump {
  pthread_t tid;
  int fds[2];
  void *buf;
};

static void *pump_reader(void *arg) {
  struct pump *p = arg;
  char b[64];
  while (read(p->fds[0], b, sizeof b) > 0) // expected-note{{The thread running 'pump_reader' blocks here}}
    ;
  return NULL;
}

int pump_start(struct pump *p) {
  if (pipe(p->fds) != 0) // expected-note{{The owner's pipe is made here, in 'pump_start'}}
    return -1;
  if (pthread_create(&p->tid, NULL, pump_reader, p) != 0)
    return -1;
  p->buf = malloc(64);
  if (!p->buf) {
    pthread_join(p->tid, NULL); // expected-warning{{Joining the thread running 'pump_reader' blocks forever: it reads the owner's pipe end 'fds[0]' until EOF and 'pump_start' closes or writes the write end 'fds[1]' only after the join, if at all}}
    close(p->fds[1]);
    close(p->fds[0]);
    return -1;
  }
  return 0;
}

void pump_stop(struct pump *p) {
  close(p->fds[1]);
  pthread_join(p->tid, NULL); // no warning
  close(p->fds[0]);
  free(p->buf);
}

// The owner handed to code this unit does not see before the join: it
// may close the write end there.
void pump_shutdown(struct pump *p);
void pump_stop_elsewhere(struct pump *p) {
  pump_shutdown(p);
  pthread_join(p->tid, NULL); // no warning
}

// A reader that polls first is not blind: no claim.
struct polled {
  pthread_t tid;
  int fds[2];
};
#include <poll.h>
static void *poll_reader(void *arg) {
  struct polled *o = arg;
  struct pollfd pfd = {o->fds[0], POLLIN, 0};
  char b[8];
  while (poll(&pfd, 1, 100) >= 0)
    if (read(o->fds[0], b, sizeof b) <= 0)
      break;
  return NULL;
}
int polled_start(struct polled *o) {
  if (pipe(o->fds) != 0)
    return -1;
  return pthread_create(&o->tid, NULL, poll_reader, o);
}
void polled_stop(struct polled *o) {
  pthread_join(o->tid, NULL); // no warning
  close(o->fds[1]);
}
