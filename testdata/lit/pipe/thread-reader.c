// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL203 with threads: a thread reads a pipe until EOF and the owner joins it
// without closing the write end (this process holds it: the reader never
// sees EOF).
#include <pthread.h>
#include <sys/select.h>
#include <unistd.h>

struct conn {
  int rd;
  int wr;
};

static void *reader(void *arg) {
  struct conn *c = arg;
  char buf[64];
  while (read(c->rd, buf, sizeof buf) > 0) // expected-note 3 {{The thread running 'reader' blocks here}}
    ;
  return NULL;
}

void field_bug(void) {
  int fds[2];
  struct conn c;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  if (pthread_create(&t, NULL, reader, &c) != 0)
    return;
  write(c.wr, "ping", 4);
  pthread_join(t, NULL); // expected-warning{{Joining the thread running 'reader' blocks forever: it reads 'c.rd' until EOF and this process never closes the write end 'c.wr'}}
  close(fds[0]);
  close(fds[1]);
}

void field_fixed(void) {
  int fds[2];
  struct conn c;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  if (pthread_create(&t, NULL, reader, &c) != 0)
    return;
  write(c.wr, "ping", 4);
  close(c.wr);
  pthread_join(t, NULL); // no warning
  close(fds[0]);
}

static void *read_fd(void *arg) {
  int fd = *(int *)arg;
  char buf[64];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf); // expected-note{{The thread running 'read_fd' blocks here}}
    if (n == 0)
      break;
  }
  return NULL;
}

void plain_bug(void) {
  int p[2];
  pthread_t t;
  if (pipe(p) != 0)
    return;
  pthread_create(&t, NULL, read_fd, &p[0]);
  pthread_join(t, NULL); // expected-warning{{Joining the thread running 'read_fd' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'p[1]'}}
  close(p[0]);
  close(p[1]);
}

void plain_fixed(void) {
  int p[2];
  pthread_t t;
  if (pipe(p) != 0)
    return;
  pthread_create(&t, NULL, read_fd, &p[0]);
  close(p[1]);
  pthread_join(t, NULL); // no warning
  close(p[0]);
}

// The pipe and the thread are set up in a helper.
struct worker {
  pthread_t tid;
  struct conn c;
};

static int worker_start(struct worker *w) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  w->c.rd = fds[0];
  w->c.wr = fds[1];
  return pthread_create(&w->tid, NULL, reader, &w->c);
}

void helper_bug(void) {
  struct worker w;
  if (worker_start(&w) != 0)
    return;
  pthread_join(w.tid, NULL); // expected-warning{{Joining the thread running 'reader' blocks forever: it reads 'w.c.rd' until EOF and this process never closes the write end 'w.c.wr'}}
  close(w.c.wr);
  close(w.c.rd);
}

void helper_fixed(void) {
  struct worker w;
  if (worker_start(&w) != 0)
    return;
  close(w.c.wr);
  pthread_join(w.tid, NULL); // no warning
  close(w.c.rd);
}

// The thread closes the write end itself (a writer thread) while a reader
// thread drains: nothing is left open in this process.
static void *writer_then_close(void *arg) {
  struct conn *c = arg;
  write(c->wr, "x", 1);
  close(c->wr);
  return NULL;
}

void thread_closes_fixed(void) {
  int fds[2];
  struct conn c;
  pthread_t r, w;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  pthread_create(&w, NULL, writer_then_close, &c);
  pthread_create(&r, NULL, reader, &c);
  pthread_join(w, NULL);
  pthread_join(r, NULL); // no warning
  close(fds[0]);
}

// A timed or polling reader is not reported.
static void *poll_reader(void *arg) {
  struct conn *c = arg;
  char buf[64];
  struct timeval tv = {1, 0};
  fd_set set;
  FD_ZERO(&set);
  FD_SET(c->rd, &set);
  while (select(c->rd + 1, &set, NULL, NULL, &tv) > 0 &&
         read(c->rd, buf, sizeof buf) > 0)
    ;
  return NULL;
}

void poll_reader_fixed(void) {
  int fds[2];
  struct conn c;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  pthread_create(&t, NULL, poll_reader, &c);
  pthread_join(t, NULL); // no warning
  close(fds[0]);
  close(fds[1]);
}

// Error path: the write failed and the owner joins at once, still holding
// the write end.
void error_path_bug(void) {
  int fds[2];
  struct conn c;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  if (pthread_create(&t, NULL, reader, &c) != 0)
    return;
  if (write(c.wr, "hdr", 3) != 3) {
    pthread_join(t, NULL); // expected-warning{{Joining the thread running 'reader' blocks forever: it reads 'c.rd' until EOF and this process never closes the write end 'c.wr'}}
    return;
  }
  close(c.wr);
  pthread_join(t, NULL);
  close(c.rd);
}

void error_path_fixed(void) {
  int fds[2];
  struct conn c;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  c.rd = fds[0];
  c.wr = fds[1];
  if (pthread_create(&t, NULL, reader, &c) != 0)
    return;
  if (write(c.wr, "hdr", 3) != 3) {
    close(c.wr);
    pthread_join(t, NULL); // no warning
    close(c.rd);
    return;
  }
  close(c.wr);
  pthread_join(t, NULL);
  close(c.rd);
}
