// A user's model file teaches taskleak a project's own thread API; without
// it the wrapper's handles escape into unknown code and nothing is found.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/mythreads.json -verify=model %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=nomodel %s

#include "mythreads.h"

static void *job(void *arg) { return arg; }
void use(int);

void checkLeakWrapper(void) {
  mt_thread *t = mt_start(job, 0);
  if (!t)
    return;
  use(1); // model-warning{{Thread running 'job' is never joined or detached (handle 't')}}
}

void checkNoLeakWrapper(void) {
  mt_thread *t = mt_start(job, 0);
  if (!t)
    return;
  mt_wait(t); // no warning
}

void checkNoLeakWrapperDetach(void) {
  mt_thread *t = mt_start(job, 0);
  if (t)
    mt_forget(t); // no warning
}

void checkDoubleJoinWrapper(void) {
  mt_thread *t = mt_start(job, 0);
  if (!t)
    return;
  mt_wait(t);
  mt_wait(t); // model-warning{{Thread running 'job' is joined twice (handle 't')}}
}

// nomodel-no-diagnostics
