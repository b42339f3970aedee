// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL204 SelfDeadlock, a signal handler and its
// self-pipe).
// Source: booksbyus/zguide PR #812,
//   https://github.com/booksbyus/zguide/pull/812
// Original bug: the C "interrupt" example's signal handler writes a byte to
// a self-pipe that the interrupted thread reads. The loop meant to make both
// ends O_NONBLOCK set the read end twice, so the write end stayed blocking:
// once the pipe is full the handler's write() never returns, and the only
// task that could read is the one the handler interrupted. The fix makes
// both ends non-blocking.
// Reduction written for taskleak; no project code is copied.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int wake_fds[2];

static void on_interrupt(int signo) {
  (void)signo;
  write(wake_fds[1], "!", 1);
}

static void make_nonblocking(int fd) {
  int fl = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

void install_bug(void) {
  struct sigaction act;
  if (pipe(wake_fds) != 0)
    return;
  for (int i = 0; i < 2; i++)
    make_nonblocking(wake_fds[0]); // the write end is never made non-blocking
  memset(&act, 0, sizeof act);
  act.sa_handler = on_interrupt;
  sigaction(SIGINT, &act, NULL); // expected-note{{Signal handler 'on_interrupt' is installed here}}
} // expected-warning{{Signal handler 'on_interrupt' blocks forever writing 'wake_fds[1]' once the pipe is full: the write end is not O_NONBLOCK and the task it interrupted cannot read}}

void install_fixed(void) {
  struct sigaction act;
  if (pipe(wake_fds) != 0)
    return;
  for (int i = 0; i < 2; i++)
    make_nonblocking(wake_fds[i]);
  memset(&act, 0, sizeof act);
  act.sa_handler = on_interrupt;
  sigaction(SIGINT, &act, NULL);
} // no warning

void install_pipe2_fixed(void) {
  if (pipe2(wake_fds, O_NONBLOCK | O_CLOEXEC) != 0)
    return;
  signal(SIGTERM, on_interrupt);
} // no warning

void install_signal_bug(void) {
  if (pipe(wake_fds) != 0)
    return;
  signal(SIGTERM, on_interrupt); // expected-note{{Signal handler 'on_interrupt' is installed here}}
} // expected-warning{{Signal handler 'on_interrupt' blocks forever writing 'wake_fds[1]'}}
