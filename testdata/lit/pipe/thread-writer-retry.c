// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// TL202: a write inside a loop is taken as unbounded, except in a retry
// loop whose only way to repeat needs the write to have failed (its result
// -1 or negative, alone or with errno tests): that loop writes at most once
// (libuv's test runner, `do r = write(fd, "", 1); while (r == -1 && errno
// == EINTR);`).  The same thread writing in `for (;;)` with no reader is
// reported.
// Reduction written for taskleak; no project code is copied.
#include <errno.h>
#include <pthread.h>
#include <unistd.h>

struct args {
  int pipe[2];
};

static void *notify(void *p) {
  struct args *a = p;
  ssize_t r;
  do
    r = write(a->pipe[1], "", 1);
  while (r == -1 && errno == EINTR);
  return NULL;
}

static void *notify_while(void *p) {
  struct args *a = p;
  while (write(a->pipe[1], "", 1) < 0 && errno == EINTR)
    ;
  return NULL;
}

int wait_one(void) {
  struct args a;
  pthread_t t;
  if (pipe(a.pipe))
    return -1;
  if (pthread_create(&t, NULL, notify, &a))
    return -1;
  pthread_join(t, NULL); // silent: one byte at most
  close(a.pipe[0]);
  close(a.pipe[1]);
  return 0;
}

int wait_one_while(void) {
  struct args a;
  pthread_t t;
  if (pipe(a.pipe))
    return -1;
  if (pthread_create(&t, NULL, notify_while, &a))
    return -1;
  pthread_join(t, NULL); // silent: one byte at most
  close(a.pipe[0]);
  close(a.pipe[1]);
  return 0;
}

static void *flood(void *p) {
  struct args *a = p;
  for (;;) // expected-note{{The thread running 'flood': this loop has no exit}}
    if (write(a->pipe[1], "", 1) == -1 && errno == EINTR) // expected-note{{The thread running 'flood' blocks here}}
      continue;
  return NULL;
}

int wait_flood(void) {
  struct args a;
  pthread_t t;
  if (pipe(a.pipe)) // expected-note{{Pipe created: 'a.pipe[0]' is its read end, 'a.pipe[1]' its write end}}
                    // expected-note@-1 2 {{Taking false branch}}
    return -1;
  if (pthread_create(&t, NULL, flood, &a)) // expected-note{{The thread running 'flood' is spawned here}}
                                           // expected-note@-1{{Thread running 'flood' spawned here}}
                                           // expected-note@-2 2 {{Assuming the condition is false}}
                                           // expected-note@-3 2 {{Taking false branch}}
    return -1;
  pthread_join(t, NULL); // expected-warning{{Joining the thread running 'flood' blocks forever: it writes more than a pipe holds into 'a.pipe[1]' and nothing reads 'a.pipe[0]' before the join}}
                         // expected-note@-1{{Joining the thread running 'flood' blocks forever: it writes more than a pipe holds into 'a.pipe[1]' and nothing reads 'a.pipe[0]' before the join}}
                         // expected-warning@-2{{Thread running 'flood' never stops: its loop has no exit, and the join waits forever}}
                         // expected-note@-3{{Thread running 'flood' never stops: its loop has no exit, and the join waits forever}}
  close(a.pipe[0]);
  close(a.pipe[1]);
  return 0;
}
