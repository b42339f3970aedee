// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// The spawn-only checkers (here TL104's failed spawn) subscribe in a C++
// unit only if it calls a spawn (engine/UnitGate.h).  A call whose
// arguments depend on a template parameter names its callee only in an
// unresolved lookup of the template's pattern: the census must count it.

#include <pthread.h>

void log_error(const char *);
template <typename T> static void *worker(void *arg) { return arg; }

template <typename T> void start(T *arg) {
  pthread_t tid;
  if (pthread_create(&tid, nullptr, worker<T>, arg) != 0)
    log_error("cannot start");
  pthread_detach(tid); // expected-warning{{Handle 'tid' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
}

static int counter;
void use() { start(&counter); }
