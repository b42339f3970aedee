// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL202 with threads: a thread writes more than a pipe holds and the owner
// joins it before anything reads the pipe.
#include <pthread.h>
#include <string.h>
#include <unistd.h>

struct out {
  int rd;
  int wr;
};

static void *dump(void *arg) {
  struct out *o = arg;
  char block[4096];
  memset(block, 0, sizeof block);
  for (int i = 0; i < 64; i++)
    write(o->wr, block, sizeof block); // expected-note 2 {{The thread running 'dump' blocks here}}
  close(o->wr);
  return NULL;
}

void join_before_read_bug(char *dst, size_t cap) {
  int fds[2];
  struct out o;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  o.rd = fds[0];
  o.wr = fds[1];
  if (pthread_create(&t, NULL, dump, &o) != 0)
    return;
  pthread_join(t, NULL); // expected-warning{{Joining the thread running 'dump' blocks forever: it writes more than a pipe holds into 'o.wr' and nothing reads 'o.rd' before the join}}
  read(o.rd, dst, cap);
  close(o.rd);
}

void read_before_join_fixed(char *dst, size_t cap) {
  int fds[2];
  struct out o;
  pthread_t t;
  ssize_t n;
  if (pipe(fds) != 0)
    return;
  o.rd = fds[0];
  o.wr = fds[1];
  if (pthread_create(&t, NULL, dump, &o) != 0)
    return;
  while ((n = read(o.rd, dst, cap)) > 0) // no warning
    ;
  pthread_join(t, NULL); // no warning
  close(o.rd);
}

// A second thread drains the pipe while the owner joins the writer.
static void *drain(void *arg) {
  struct out *o = arg;
  char buf[512];
  while (read(o->rd, buf, sizeof buf) > 0)
    ;
  return NULL;
}

void drainer_thread_fixed(void) {
  int fds[2];
  struct out o;
  pthread_t w, d;
  if (pipe(fds) != 0)
    return;
  o.rd = fds[0];
  o.wr = fds[1];
  pthread_create(&d, NULL, drain, &o);
  pthread_create(&w, NULL, dump, &o);
  pthread_join(w, NULL); // no warning
  pthread_join(d, NULL); // no warning
  close(o.rd);
}

// A few bytes fit in the pipe.
static void *hello(void *arg) {
  struct out *o = arg;
  write(o->wr, "hello", 5);
  return NULL;
}

void small_write_fixed(char *dst, size_t cap) {
  int fds[2];
  struct out o;
  pthread_t t;
  if (pipe(fds) != 0)
    return;
  o.rd = fds[0];
  o.wr = fds[1];
  pthread_create(&t, NULL, hello, &o);
  pthread_join(t, NULL); // no warning
  read(o.rd, dst, cap);
  close(o.rd);
  close(o.wr);
}

// The same with the pipe and the thread started in a helper.
struct job {
  pthread_t tid;
  struct out o;
};

static int job_start(struct job *j) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  j->o.rd = fds[0];
  j->o.wr = fds[1];
  return pthread_create(&j->tid, NULL, dump, &j->o);
}

void helper_join_before_read_bug(char *dst, size_t cap) {
  struct job j;
  if (job_start(&j) != 0)
    return;
  pthread_join(j.tid, NULL); // expected-warning{{Joining the thread running 'dump' blocks forever: it writes more than a pipe holds into 'j.o.wr' and nothing reads 'j.o.rd' before the join}}
  read(j.o.rd, dst, cap);
  close(j.o.rd);
}

void helper_read_before_join_fixed(char *dst, size_t cap) {
  struct job j;
  ssize_t n;
  if (job_start(&j) != 0)
    return;
  while ((n = read(j.o.rd, dst, cap)) > 0)
    ;
  pthread_join(j.tid, NULL); // no warning
  close(j.o.rd);
}
