// Role "borrow": a call that uses a handle without owning it (nng's
// nni_thr_run, pthread_setname_np) does not end tracking.  The nni_thr
// reduction from issue 12: with init / fini modelled and run unknown, the
// struct escapes into run and the leak is silent (noborrow); with run as a
// borrow it is reported, and the variant that calls fini stays silent.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/nni_thr.json -verify=borrow %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/nni_thr_noborrow.json -verify=noborrow %s
// The same reduction with nni_thr_run as `taskleak models infer` writes it
// for nng (role keep: it only locks, sets the start flag and wakes the
// thread) gives the same diagnostics.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/nni_thr_keep.json -verify=borrow %s

#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>

typedef struct { int x; } nni_thr;
int nni_thr_init(nni_thr *, void (*)(void *), void *);
void nni_thr_run(nni_thr *);
void nni_thr_fini(nni_thr *);
static void worker(void *a) { (void)a; }

int start(void) {
  nni_thr t;
  if (nni_thr_init(&t, worker, 0) != 0) // borrow-note{{Thread running 'worker' spawned here}}
                                        // borrow-note@-1{{Assuming the condition is false}}
                                        // borrow-note@-2{{Taking false branch}}
    return -1;
  nni_thr_run(&t);
  return 0; // borrow-warning{{Thread running 'worker' is never joined or detached}}
            // borrow-note@-1{{Thread running 'worker' is never joined or detached}}
}

int startStop(void) {
  nni_thr t;
  if (nni_thr_init(&t, worker, 0) != 0)
    return -1;
  nni_thr_run(&t);
  nni_thr_fini(&t); // no warning
  return 0;
}

// POSIX borrowers (rules/models/pthread.json): naming or pinning a thread
// leaves it its creator's to join.
static void *named(void *a) { return a; }

int nameOnly(void) {
  pthread_t t;
  if (pthread_create(&t, 0, named, 0) != 0) // borrow-note{{Thread running 'named' spawned here}}
                                            // borrow-note@-1{{Assuming the condition is false}}
                                            // borrow-note@-2{{Taking false branch}}
    return -1;
  pthread_setname_np(t, "named");
  return 0; // borrow-warning{{Thread running 'named' is never joined or detached (handle 't')}}
            // borrow-note@-1{{Thread running 'named' is never joined or detached (handle 't')}}
            // noborrow-warning@-2{{Thread running 'named' is never joined or detached (handle 't')}} (builtin row)
}

int nameThenJoin(void) {
  pthread_t t;
  char buf[16];
  if (pthread_create(&t, 0, named, 0) != 0)
    return -1;
  pthread_setname_np(t, "named");
  pthread_getname_np(t, buf, sizeof buf);
  pthread_join(t, 0); // no warning
  return buf[0];
}
