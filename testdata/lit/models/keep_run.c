// Role "keep" for nng's nni_thr_run, the row `taskleak models infer` writes
// for it (a function given the struct around a handle that only locks it,
// sets the start flag and wakes the thread): the issue 12 reduction.  The
// call does not end tracking: without nni_thr_fini the thread is reported,
// with it the start is silent.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/nni_thr_keep.json -verify %s

typedef struct { int x; } nni_thr;
int nni_thr_init(nni_thr *, void (*)(void *), void *);
void nni_thr_run(nni_thr *);
void nni_thr_fini(nni_thr *);
static void worker(void *a) { (void)a; }

int start(void) {
  nni_thr t;
  if (nni_thr_init(&t, worker, 0) != 0) // expected-note{{Thread running 'worker' spawned here}}
                                        // expected-note@-1{{Assuming the condition is false}}
                                        // expected-note@-2{{Taking false branch}}
    return -1;
  nni_thr_run(&t);
  return 0; // expected-warning{{Thread running 'worker' is never joined or detached}}
            // expected-note@-1{{Thread running 'worker' is never joined or detached}}
}

int startStop(void) {
  nni_thr t;
  if (nni_thr_init(&t, worker, 0) != 0)
    return -1;
  nni_thr_run(&t);
  nni_thr_fini(&t); // no warning
  return 0;
}
