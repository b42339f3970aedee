// TL102 taskleak.lifetime.DanglingTaskArg, stack part: a task gets a pointer
// into the spawning frame and the frame ends while the task may still run.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -verify %s

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *arg) { return arg; }
void use(int);
void opaque_join(pthread_t t);

struct job {
  int id;
  char name[16];
};

//===--- detached tasks: always reported ---===//

void checkDanglingDetached(void) {
  int local = 1;
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &local) != 0)
    return;
  pthread_detach(t);
} // expected-warning{{The detached thread running 'worker' may use local 'local' after 'checkDanglingDetached' returns}}

void checkDanglingAttrDetached(void) {
  struct job j = {1, "x"};
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&t, &attr, worker, &j);
  pthread_attr_destroy(&attr);
} // expected-warning{{The detached thread running 'worker' may use local 'j' after 'checkDanglingAttrDetached' returns}}

void checkNoDanglingDetachedHeap(void) {
  struct job *j = malloc(sizeof *j);
  pthread_t t;
  if (!j)
    return;
  if (pthread_create(&t, NULL, worker, j) != 0) {
    free(j);
    return;
  }
  pthread_detach(t); // no warning: the job lives on the heap
}

static struct job static_job;
void checkNoDanglingDetachedStatic(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &static_job) == 0)
    pthread_detach(t); // no warning: static storage
}

void checkNoDanglingDetachedNoArg(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) == 0)
    pthread_detach(t); // no warning
}

//===--- joinable tasks: reported when not joined on the path ---===//

void checkDanglingUnjoined(void) {
  int local = 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local);
} // expected-warning{{The unjoined thread running 'worker' may use local 'local' after 'checkDanglingUnjoined' returns}}

void checkNoDanglingJoined(void) {
  int local = 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local);
  pthread_join(t, NULL); // no warning
}

int checkDanglingErrorPath(int fail) {
  struct job j = {2, "y"};
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &j) != 0)
    return -1;
  if (fail)
    return -2; // expected-warning{{The unjoined thread running 'worker' may use local 'j' after 'checkDanglingErrorPath' returns}}
  pthread_join(t, NULL);
  return 0;
}

int checkNoDanglingFailedSpawn(void) {
  int local = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &local) != 0)
    return -1; // no warning: no task was started
  pthread_join(t, NULL);
  return 0;
}

void checkNoDanglingEscaped(void) {
  int local = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local);
  opaque_join(t); // no warning: unknown code may join it
}

//===--- arrays and loop variables ---===//

void checkDanglingArrayElement(void) {
  struct job jobs[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    jobs[i].id = i;
    pthread_create(&t[i], NULL, worker, &jobs[i]);
  }
  pthread_join(t[0], NULL);
} // expected-warning{{The unjoined thread running 'worker' may use local 'jobs' after 'checkDanglingArrayElement' returns}}

void checkNoDanglingArrayJoined(void) {
  struct job jobs[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    jobs[i].id = i;
    pthread_create(&t[i], NULL, worker, &jobs[i]);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL); // no warning
}

void checkDanglingLoopVariable(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    pthread_create(&t[i], NULL, worker, &i);
    pthread_detach(t[i]);
  }
} // expected-warning{{The detached thread running 'worker' may use local 'i' after 'checkDanglingLoopVariable' returns}}

void checkDanglingCharBuffer(void) {
  char buf[32] = "hello";
  pthread_t t;
  if (pthread_create(&t, NULL, worker, buf) == 0)
    pthread_detach(t);
} // expected-warning{{The detached thread running 'worker' may use local 'buf' after 'checkDanglingCharBuffer' returns}}

//===--- helpers: the frame that ends is the helper's ---===//

static int start_with_local(pthread_t *t) {
  int local = 5;
  return pthread_create(t, NULL, worker, &local); // expected-warning{{The unjoined thread running 'worker' may use local 'local' after 'start_with_local' returns}}
}

void checkDanglingHelperFrame(void) {
  pthread_t t;
  if (start_with_local(&t) == 0)
    pthread_join(t, NULL);
}

static void start_detached(int *data) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, data) == 0)
    pthread_detach(t);
}

void checkDanglingCallerFrame(void) {
  int local = 7;
  start_detached(&local);
} // expected-warning{{The detached thread running 'worker' may use local 'local' after 'checkDanglingCallerFrame' returns}}

static void start_joined(int *data) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, data) == 0)
    pthread_join(t, NULL);
}

void checkNoDanglingCallerFrame(void) {
  int local = 7;
  start_joined(&local); // no warning
}

//===--- struct fields ---===//

struct owner {
  pthread_t tid;
  struct job job;
};

void checkDanglingLocalOwner(void) {
  struct owner o;
  o.job.id = 3;
  if (pthread_create(&o.tid, NULL, worker, &o.job) == 0)
    pthread_detach(o.tid);
} // expected-warning{{The detached thread running 'worker' may use local 'o' after 'checkDanglingLocalOwner' returns}}

void checkNoDanglingLocalOwner(void) {
  struct owner o;
  o.job.id = 3;
  if (pthread_create(&o.tid, NULL, worker, &o.job) == 0)
    pthread_join(o.tid, NULL); // no warning
}

void checkDanglingParamStruct(struct owner *o) {
  int local = 0;
  // The handle is stored away (the caller's object), but nobody on this
  // path joined the task before 'local' died.
  pthread_create(&o->tid, NULL, worker, &local);
} // expected-warning{{The unjoined thread running 'worker' may use local 'local' after 'checkDanglingParamStruct' returns}}
