// A wrapper whose handle is a field of a struct argument ("handle_field"):
// the pthread_t in t->id, a liveness flag beside it.  With the rows the
// inference writes, the field is tracked like a raw handle; without them
// the struct escapes into unknown code and nothing is found.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/thr_field.json -verify=model %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=nomodel %s

#include <pthread.h>
#include <stdlib.h>

typedef struct { int running; pthread_t id; } thr_t;
int thr_start(thr_t *t, void *(*fn)(void *), void *arg);
void thr_join(thr_t *t);
void thr_detach(thr_t *t);
void use(int);

static void *work(void *arg) { return arg; }

int leakLocal(void) {
  thr_t t;
  if (thr_start(&t, work, NULL) != 0) // model-note{{Thread running 'work' spawned here}}
                                      // model-note@-1{{Assuming the condition is false}}
                                      // model-note@-2{{Taking false branch}}
    return -1;
  t.running = 1;
  return 0; // model-warning{{Thread running 'work' is never joined or detached}}
            // model-note@-1{{Thread running 'work' is never joined or detached}}
}

int joinedLocal(void) {
  thr_t t;
  if (thr_start(&t, work, NULL) != 0)
    return -1;
  t.running = 1;
  use(t.running);
  thr_join(&t); // no warning
  return 0;
}

int detachedLocal(void) {
  thr_t t;
  if (thr_start(&t, work, NULL) == 0)
    thr_detach(&t); // no warning
  return 0;
}

int joinedTwice(void) {
  thr_t t;
  if (thr_start(&t, work, NULL) != 0) // model-note{{Thread running 'work' spawned here}}
                                      // model-note@-1{{Assuming the condition is false}}
                                      // model-note@-2{{Taking false branch}}
    return -1;
  thr_join(&t); // model-note{{Thread running 'work' joined here}}
  thr_join(&t); // model-warning{{Thread running 'work' is joined twice}}
                // model-note@-1{{Thread running 'work' is joined twice}}
  return 0;
}

int heapJoined(void) {
  thr_t *t = malloc(sizeof *t);
  if (!t || thr_start(t, work, NULL) != 0) {
    free(t);
    return -1;
  }
  thr_join(t); // no warning
  free(t);
  return 0;
}

// nomodel-no-diagnostics
