// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL102 DanglingTaskArg, POSIX threads; CERT CON34-C).
// Source: fred-dbg/fred issue #4, "Thread arguments passed via address on
//   stack", https://github.com/fred-dbg/fred/issues/4 ; fixed in commit
//   f0bd0423 ("Fix several thread creation/destruction races").
// Original bug: the library's pthread_create() wrapper packed the user's start
// routine and argument into a struct on its own stack and passed its address
// to the real pthread_create, then returned to the caller while the child
// could still be reading the struct; the fix allocates the struct on the heap
// and lets the child free it.
// Reduction written for taskleak (in C; the project file is C++); no project
// code is copied. The handle goes back to the caller through the out-parameter,
// as in the original.
#include <pthread.h>
#include <stdlib.h>


struct start_info {
  void *(*fn)(void *);
  void *arg;
};

static void *trampoline(void *p) {
  struct start_info *si = p;
  return si->fn(si->arg);
}

static void *trampoline_owning(void *p) {
  struct start_info si = *(struct start_info *)p;
  free(p);
  return si.fn(si.arg);
}

// Bug: 'si' dies when the wrapper returns, but the child may not have read it.
// Reported at the return: the frame holding si ends while the child may run.
int checkDanglingWrappedCreate(pthread_t *thread, void *(*fn)(void *), void *arg) {
  struct start_info si;
  si.fn = fn;
  si.arg = arg;
  return pthread_create(thread, 0, trampoline, &si); // expected-warning{{The unjoined thread running 'trampoline' may use local 'si' after 'checkDanglingWrappedCreate' returns}}
}

// Fix (as in the commit): heap-allocate the start info; the child frees it.
int checkNoDanglingWrappedCreate(pthread_t *thread, void *(*fn)(void *), void *arg) {
  struct start_info *si = malloc(sizeof *si);
  if (!si)
    return -1;
  si->fn = fn;
  si->arg = arg;
  int rc = pthread_create(thread, 0, trampoline_owning, si);
  if (rc != 0)
    free(si);
  return rc; // no warning
}
