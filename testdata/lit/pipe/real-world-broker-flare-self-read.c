// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL204 SelfDeadlock, a single task and its own pipe).
// Source: zeek/broker PR #197,
//   https://github.com/zeek/broker/pull/197
// Original bug: a "flare" pipe signalled that a queue had data; extinguish()
// drained it by reading until no bytes were left, but the read end had never
// really been made non-blocking, so the draining read blocked the thread on
// the empty pipe, and no other task would ever write it. The fix puts the
// read end into O_NONBLOCK mode.
// Reduction written for taskleak; no project code is copied.
#include <fcntl.h>
#include <unistd.h>

struct flare {
  int fds[2];
};

static int flare_make(struct flare *f, int nonblocking) {
  if (pipe(f->fds) != 0)
    return -1;
  if (nonblocking) {
    int fl = fcntl(f->fds[0], F_GETFL);
    fcntl(f->fds[0], F_SETFL, fl | O_NONBLOCK);
  }
  return 0;
}

static void flare_fire(struct flare *f) { write(f->fds[1], "!", 1); }

void queue_ready_bug(void) {
  struct flare f;
  char buf[32];
  if (flare_make(&f, 0) != 0)
    return;
  flare_fire(&f);
  while (read(f.fds[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'f.fds[0]' until EOF blocks forever: only this task holds the write end 'f.fds[1]'}}
    ;
  close(f.fds[0]);
  close(f.fds[1]);
}

void queue_ready_fixed(void) {
  struct flare f;
  char buf[32];
  if (flare_make(&f, 1) != 0)
    return;
  flare_fire(&f);
  while (read(f.fds[0], buf, sizeof buf) > 0) // no warning
    ;
  close(f.fds[0]);
  close(f.fds[1]);
}
