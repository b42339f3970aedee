// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, POSIX threads).
// Source: ROCm/rccl PR #322, "Adding pthread_join / pthread_detach to clean up
//   pthreads to avoid leaks", https://github.com/ROCm/rccl/pull/322
//   (commit f4a9b9ac)
// Original bugs: (1) the bootstrap root function started a listener thread on a
// local pthread_t and returned without joining or detaching it (fixed with
// pthread_detach right after the create); (2) the bootstrap close function set
// the allocator thread's stop flag and freed the state while the join of the
// thread stored in that state was commented out (fixed by restoring the join).
// Reduction written for taskleak (in C; the project file is C++ but uses the
// plain pthread API); no project code is copied.
#include <pthread.h>
#include <stdlib.h>

struct root_args {
  int listen_fd;
};

static void *root_listener(void *arg) {
  free(arg);
  return 0;
}

// Bug (1): the listener thread's handle is dropped when the function returns.
int checkLeakRootListener(int fd) {
  pthread_t listener;
  struct root_args *ra = malloc(sizeof *ra);
  if (!ra)
    return -1;
  ra->listen_fd = fd;
  pthread_create(&listener, 0, root_listener, ra);
  return 0; // expected-warning{{Thread running 'root_listener' is never joined or detached (handle 'listener')}}
}

// Fix (1), as in the PR: detach the thread nobody will join.
int checkNoLeakRootListener(int fd) {
  pthread_t listener;
  struct root_args *ra = malloc(sizeof *ra);
  if (!ra)
    return -1;
  ra->listen_fd = fd;
  pthread_create(&listener, 0, root_listener, ra);
  pthread_detach(listener);
  return 0; // no warning
}

// Bug (2): an owner object holds the thread; closing it frees the owner
// without joining the thread.
struct boot_state {
  pthread_t alloc_thread;
  volatile int stop;
};

static void *alloc_service(void *arg) {
  struct boot_state *st = arg;
  while (!st->stop) {
  }
  return 0;
}

static struct boot_state *boot_init(void) {
  struct boot_state *st = calloc(1, sizeof *st);
  if (!st)
    return 0;
  if (pthread_create(&st->alloc_thread, 0, alloc_service, st) != 0) {
    free(st);
    return 0;
  }
  return st;
}

static void boot_close_buggy(struct boot_state *st) {
  st->stop = 1;
  // the join was commented out here
  free(st); // expected-warning{{Thread running 'alloc_service' is never joined or detached (handle 'st->alloc_thread')}}
  // expected-warning@-1{{The unjoined thread running 'alloc_service' may use its argument after it is freed}}
}

static void boot_close_fixed(struct boot_state *st) {
  st->stop = 1;
  pthread_join(st->alloc_thread, 0);
  free(st);
}

// The owner is freed without a join: both the leak (TL101) and the task's
// use of its freed data (TL102) are reported at the free in boot_close_buggy.
void checkLeakBootClose(void) {
  struct boot_state *st = boot_init();
  if (!st)
    return;
  boot_close_buggy(st);
}

void checkNoLeakBootClose(void) {
  struct boot_state *st = boot_init();
  if (!st)
    return;
  boot_close_fixed(st); // no warning
}
