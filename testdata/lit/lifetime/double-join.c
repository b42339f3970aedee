// TL104 taskleak.lifetime.DoubleJoin: join or detach of a handle that was
// already joined or detached (CERT CON39-C, MISRA C:2023 22.11).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.lifetime.DoubleJoin -verify %s

#include <pthread.h>

static void *worker(void *arg) { return arg; }
void use(int);
void opaque(pthread_t t);

void checkJoinTwice(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_join(t, NULL); // expected-warning{{Thread running 'worker' is joined twice (handle 't')}}
}

void checkJoinAfterDetach(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_join(t, NULL); // expected-warning{{Thread running 'worker' is joined after it was detached (handle 't')}}
}

void checkDetachAfterJoin(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_detach(t); // expected-warning{{Thread running 'worker' is detached after it was joined (handle 't')}}
}

void checkDetachTwice(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_detach(t); // expected-warning{{Thread running 'worker' is detached twice (handle 't')}}
}

void checkJoinAttrDetached(void) {
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&t, &attr, worker, NULL);
  pthread_join(t, NULL); // expected-warning{{joined after it was detached}}
}

void checkNoDoubleJoinOnce(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL); // no warning
}

void checkNoDoubleJoinDifferentThreads(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL); // no warning
}

void checkNoDoubleJoinRespawn(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, worker, NULL); // a new thread in the same variable
  pthread_join(t, NULL); // no warning
}

void checkNoDoubleJoinExclusivePaths(int flag) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  if (flag)
    pthread_join(t, NULL);
  else
    pthread_detach(t); // no warning
}

static void *self_detaching(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}

void checkNoDoubleJoinSelfDetachRace(void) {
  pthread_t t;
  pthread_create(&t, NULL, self_detaching, NULL);
  // Wrong, but whether the task detached itself yet is a race, not a path:
  // this rule stays silent rather than guess.
  pthread_join(t, NULL); // no warning
}

void checkNoDoubleJoinAfterEscape(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  opaque(t);
  pthread_join(t, NULL); // no warning: opaque() may or may not have joined
}

//===--- helper, struct-field, loop and error-path forms ---===//

static void stop(pthread_t t) { pthread_join(t, NULL); }

void checkJoinTwiceViaHelper(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  stop(t);
  stop(t); // expected-warning@-6{{Thread running 'worker' is joined twice (handle 't')}}
}

struct pool {
  pthread_t workers[2];
  int n;
};

void checkJoinTwiceStructField(void) {
  struct pool p;
  pthread_create(&p.workers[0], NULL, worker, NULL);
  pthread_join(p.workers[0], NULL);
  pthread_join(p.workers[0], NULL); // expected-warning{{joined twice (handle 'p.workers[0]')}}
}

void checkJoinTwiceLoops(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  pthread_join(t[1], NULL); // expected-warning{{joined twice (handle 't[1]')}}
}

int checkJoinTwiceErrorPath(int fail) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  if (fail) {
    pthread_join(t, NULL);
    use(0);
  }
  pthread_join(t, NULL); // expected-warning{{joined twice}}
  return 0;
}

int checkNoJoinTwiceErrorPath(int fail) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  if (fail) {
    pthread_join(t, NULL);
    return -2;
  }
  pthread_join(t, NULL); // no warning
  return 0;
}

//===--- a tested failure leaves the handle's state unknown ---===//

void checkNoDoubleReleaseAfterFailedJoin(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return;
  if (pthread_join(t, NULL) != 0)
    pthread_detach(t); // no warning: the join failed on this path
}

void checkDoubleJoinResultIgnored(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return;
  (void)pthread_join(t, NULL);
  pthread_join(t, NULL); // expected-warning{{joined twice}}
}

void checkDoubleJoinAfterSuccess(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return;
  if (pthread_join(t, NULL) == 0)
    pthread_join(t, NULL); // expected-warning{{joined twice}}
}
