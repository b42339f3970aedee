// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, POSIX threads).
// Source: fastbuild/fastbuild PR #396, "Fix pthread leaks",
//   https://github.com/fastbuild/fastbuild/pull/396
//   (commit 82e8e253, "Detach threads which we are not going to join")
// Original bugs, found with ThreadSanitizer: (1) host-name resolution ran on a
// joinable thread that was waited for with pthread_timedjoin_np; when the wait
// timed out the thread was neither joined nor detached; (2) worker threads were
// created through the project's thread wrapper, whose returned handle was
// dropped right away. The fix detaches both.
// Reduction written for taskleak (in C; the project is C++ over the plain
// pthread API); no project code is copied. The original waits in 100 ms slices
// in a loop and hands the thread a struct on its stack (guarded by a
// "safe to free" flag); here one timed wait and a caller-owned string keep the
// case to the TL101 leak on the timeout path.
#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>

extern unsigned lookup_host(const char *name);

static void *resolve_name(void *arg) {
  return (void *)(unsigned long)lookup_host(arg);
}

// Bug (1): on timeout the resolver thread stays joinable and its handle dies.
unsigned checkLeakResolveTimeout(const char *host, long timeout_s) {
  pthread_t resolver;
  struct timespec deadline;
  void *ip = 0;
  if (pthread_create(&resolver, 0, resolve_name, (void *)host) != 0)
    return 0;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_s;
  if (pthread_timedjoin_np(resolver, &ip, &deadline) != 0)
    return 0; // expected-warning{{Thread running 'resolve_name' is never joined or detached (handle 'resolver')}}
  return (unsigned)(unsigned long)ip;
}

// Fix (1), as in the PR: detach the thread we are not going to join.
unsigned checkNoLeakResolveTimeout(const char *host, long timeout_s) {
  pthread_t resolver;
  struct timespec deadline;
  void *ip = 0;
  if (pthread_create(&resolver, 0, resolve_name, (void *)host) != 0)
    return 0;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_s;
  if (pthread_timedjoin_np(resolver, &ip, &deadline) != 0) {
    pthread_detach(resolver);
    return 0; // no warning
  }
  return (unsigned)(unsigned long)ip;
}

// Bug (2): a static wrapper returns the handle and the caller drops it.
struct worker {
  int id;
};

static void *worker_loop(void *arg) {
  struct worker *w = arg;
  (void)w;
  return 0;
}

static pthread_t start_thread(void *(*entry)(void *), void *arg) {
  pthread_t h = 0;
  pthread_create(&h, 0, entry, arg);
  return h;
}

void checkLeakWorkerInit(struct worker *w) {
  pthread_t h = start_thread(worker_loop, w);
  (void)h; // the wrapper's "close handle" is a no-op on POSIX
} // expected-warning{{Thread running 'worker_loop' is never joined or detached (handle 'h')}}

// Fix (2), as in the PR: detach right after creation.
void checkNoLeakWorkerInit(struct worker *w) {
  pthread_t h = start_thread(worker_loop, w);
  pthread_detach(h); // no warning
}
