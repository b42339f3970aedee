// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL204: one task reads a pipe that only it can write.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

void drain_own_pipe_bug(void) {
  int p[2];
  char buf[16];
  if (pipe(p) != 0)
    return;
  write(p[1], "abc", 3);
  while (read(p[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'p[0]' until EOF blocks forever: only this task holds the write end 'p[1]'}}
    ;
  close(p[0]);
  close(p[1]);
}

void drain_own_pipe_closed_fixed(void) {
  int p[2];
  char buf[16];
  if (pipe(p) != 0)
    return;
  write(p[1], "abc", 3);
  close(p[1]);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
  close(p[0]);
}

void drain_own_pipe_nonblock_fixed(void) {
  int p[2];
  char buf[16];
  if (pipe(p) != 0)
    return;
  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
  write(p[1], "abc", 3);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
  close(p[0]);
  close(p[1]);
}

void drain_own_pipe2_nonblock_fixed(void) {
  int p[2];
  char buf[16];
  if (pipe2(p, O_NONBLOCK) != 0)
    return;
  write(p[1], "abc", 3);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
  close(p[0]);
  close(p[1]);
}

// A single read of a pipe nothing was written to.
void read_empty_bug(void) {
  int p[2];
  char c;
  if (pipe(p) != 0)
    return;
  read(p[0], &c, 1); // expected-warning{{Reading 'p[0]' blocks forever: the pipe is empty and only this task holds the write end 'p[1]'}}
  close(p[0]);
  close(p[1]);
}

void read_after_write_fixed(void) {
  int p[2];
  char c;
  if (pipe(p) != 0)
    return;
  write(p[1], "!", 1);
  read(p[0], &c, 1); // no warning
  close(p[0]);
  close(p[1]);
}

// The descriptors in a struct, through helpers.
struct flare {
  int fd[2];
};

static int flare_open(struct flare *f) { return pipe(f->fd); }
static void flare_clear(struct flare *f) {
  char buf[8];
  while (read(f->fd[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'f.fd[0]' until EOF blocks forever: only this task holds the write end 'f.fd[1]'}}
    ;
}

void flare_bug(void) {
  struct flare f;
  if (flare_open(&f) != 0)
    return;
  write(f.fd[1], "!", 1);
  flare_clear(&f);
  close(f.fd[0]);
  close(f.fd[1]);
}

// A pipe kept in a global (a self-pipe for a signal handler) is not followed.
static int wake[2];
void global_self_pipe_fixed(void) {
  char c;
  if (pipe(wake) != 0)
    return;
  read(wake[0], &c, 1); // no warning
}

// A socket pair: reading one end until EOF while holding the other.
void socketpair_bug(void) {
  int sv[2];
  char buf[16];
  if (socketpair(1 /* AF_UNIX */, 1 /* SOCK_STREAM */, 0, sv) != 0)
    return;
  write(sv[1], "x", 1);
  while (read(sv[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'sv[0]' until EOF blocks forever: only this task holds the write end 'sv[1]'}}
    ;
}
