// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -Wno-implicit-function-declaration -verify %s
//
// The pipe, timer and spawn-only checkers subscribe only in a unit that
// calls a function of their start roles (engine/UnitGate.h).  A unit that
// declares that function only inside a body, or not at all (C's implicit
// declaration), calls it all the same: the gate must see those calls.
// No header here: every declaration below is the only one in the unit.

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long pthread_t;

void drain_own_pipe_local_decl_bug(void) {
  extern int pipe(int *);
  extern ssize_t read(int, void *, size_t);
  extern ssize_t write(int, const void *, size_t);
  int p[2];
  char buf[16];
  if (pipe(p) != 0)
    return;
  write(p[1], "abc", 3);
  while (read(p[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'p[0]' until EOF blocks forever: only this task holds the write end 'p[1]'}}
    ;
}

static void *worker(void *arg) { return arg; }

void detach_failed_local_decl_bug(void) {
  extern int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
  extern int pthread_detach(pthread_t);
  extern void log_error(const char *);
  pthread_t tid;
  if (pthread_create(&tid, 0, worker, 0) != 0)
    log_error("cannot start");
  pthread_detach(tid); // expected-warning{{Handle 'tid' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
}
