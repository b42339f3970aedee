// TL101 taskleak.lifetime.UnjoinedTask on POSIX threads: bug variants in
#define _GNU_SOURCE
// plain, helper, struct-field, loop and error-path forms, each beside a fix.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak.lifetime.UnjoinedTask -verify %s

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *arg) { return arg; }
void use(int);
void opaque_join(pthread_t t);
void opaque_store(pthread_t *t);
pthread_t global_tid;

//===--- plain ---===//

void checkLeak01(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}

int checkLeak02(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  return 0; // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}
}

int checkLeak03(void) {
  pthread_t t;
  int rc = pthread_create(&t, NULL, worker, NULL);
  if (rc)
    return rc;
  use(1); // expected-warning{{never joined or detached}}
  return 0;
}

void checkNoLeak01(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL); // no warning
}

void checkNoLeak02(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) == 0)
    pthread_detach(t); // no warning
}

int checkNoLeak03(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1; // failed spawn: no task, no leak
  pthread_join(t, NULL);
  return 0;
}

void checkNoLeak04(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL))
    use(0); // no warning: the spawn failed on this path
  else
    pthread_join(t, NULL);
}

//===--- escapes: someone else may join it ---===//

void checkNoLeakEscapeUnknown(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  opaque_join(t); // no warning
}

void checkNoLeakEscapeGlobal(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  global_tid = t; // no warning
}

void checkNoLeakEscapeGlobalDirect(void) {
  pthread_create(&global_tid, NULL, worker, NULL); // no warning
}

void checkNoLeakEscapeByPointer(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  opaque_store(&t); // no warning
}

pthread_t checkNoLeakReturned(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  return t; // no warning: the caller owns it
}

void checkNoLeakOutParam(pthread_t *out) {
  pthread_create(out, NULL, worker, NULL); // no warning
}

//===--- detached from the start ---===//

void checkNoLeakAttrDetached(void) {
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&t, &attr, worker, NULL); // no warning
  pthread_attr_destroy(&attr);
}

void checkLeakAttrJoinable(void) {
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  pthread_create(&t, &attr, worker, NULL);
  pthread_attr_destroy(&attr); // expected-warning{{never joined or detached}}
}

void checkNoLeakAttrUnknown(int state) {
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, state);
  pthread_create(&t, &attr, worker, NULL); // no warning: may be detached
}

static void *self_detaching(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}

static void *self_detaching_via_local(void *arg) {
  pthread_t me = pthread_self();
  pthread_detach(me);
  return arg;
}

static void detach_me(void) { pthread_detach(pthread_self()); }
static void *self_detaching_helper(void *arg) {
  detach_me();
  return arg;
}

void checkNoLeakSelfDetach(void) {
  pthread_t a, b, c;
  pthread_create(&a, NULL, self_detaching, NULL);
  pthread_create(&b, NULL, self_detaching_via_local, NULL);
  pthread_create(&c, NULL, self_detaching_helper, NULL); // no warning
}

void *defined_elsewhere(void *);
void checkNoLeakUnseenEntry(void) {
  pthread_t t;
  pthread_create(&t, NULL, defined_elsewhere, NULL); // no warning: may detach itself
}

//===--- static helpers (inlined) ---===//

static int start_worker(pthread_t *t) {
  return pthread_create(t, NULL, worker, NULL);
}

static void stop_worker(pthread_t t) { pthread_join(t, NULL); }

void checkLeakHelper(void) {
  pthread_t t;
  if (start_worker(&t) != 0)
    return;
} // expected-warning{{Thread running 'worker' is never joined or detached (handle 't')}}

void checkNoLeakHelper(void) {
  pthread_t t;
  if (start_worker(&t) != 0)
    return;
  stop_worker(t); // no warning
}

static pthread_t spawn_returning(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  return t;
}

void checkLeakHelperReturn(void) {
  pthread_t t = spawn_returning();
  (void)t;
} // expected-warning{{never joined or detached}}

void checkNoLeakHelperReturn(void) {
  pthread_t t = spawn_returning();
  pthread_join(t, NULL); // no warning
}

//===--- struct fields ---===//

struct service {
  pthread_t listener;
  pthread_t reaper;
  int running;
};

void checkLeakLocalStruct(void) {
  struct service s;
  pthread_create(&s.listener, NULL, worker, NULL);
  s.running = 1;
  use(s.running); // expected-warning{{Thread running 'worker' is never joined or detached (handle 's.listener')}}
}

void checkNoLeakLocalStruct(void) {
  struct service s;
  pthread_create(&s.listener, NULL, worker, NULL);
  pthread_join(s.listener, NULL); // no warning
}

int checkLeakLocalStructTwo(void) {
  struct service s;
  if (pthread_create(&s.listener, NULL, worker, NULL))
    return -1;
  if (pthread_create(&s.reaper, NULL, worker, NULL))
    return -1; // expected-warning{{(handle 's.listener')}}
  pthread_join(s.listener, NULL);
  pthread_join(s.reaper, NULL);
  return 0;
}

int checkNoLeakParamStruct(struct service *s) {
  // The service outlives this function: its stop function joins (issue 3's
  // owner-object protocol checks that side).
  return pthread_create(&s->listener, NULL, worker, s); // no warning
}

void service_run(struct service *s);
void checkNoLeakHeapStructEscapes(void) {
  struct service *s = malloc(sizeof *s);
  if (!s)
    return;
  pthread_create(&s->listener, NULL, worker, s);
  service_run(s); // no warning: unknown code may join
}

//===--- arrays and loops ---===//

void checkLeakArray(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_join(t[0], NULL); // expected-warning{{Thread running 'worker' is never joined or detached (handle 't[1]')}}
}

void checkNoLeakArrayTwoLoops(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL); // no warning
}

int checkLeakArrayPartialFailure(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    if (pthread_create(&t[i], NULL, worker, NULL) != 0)
      return -1; // expected-warning{{(handle 't[0]')}}
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}

int checkNoLeakArrayPartialFailure(void) {
  pthread_t t[2];
  int n;
  for (n = 0; n < 2; n++)
    if (pthread_create(&t[n], NULL, worker, NULL) != 0)
      break;
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL); // no warning
  return n == 2 ? 0 : -1;
}

//===--- error paths ---===//

int checkLeakErrorPath(int fail) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  if (fail)
    return -2; // expected-warning{{never joined or detached}}
  pthread_join(t, NULL);
  return 0;
}

int checkNoLeakErrorPathGoto(int fail) {
  pthread_t t;
  int rc = 0;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  if (fail) {
    rc = -2;
    goto out;
  }
  use(1);
out:
  pthread_join(t, NULL); // no warning
  return rc;
}

void checkNoLeakAbort(int fail) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  if (fail)
    abort(); // no warning: the process ends
  pthread_join(t, NULL);
}

void checkNoLeakExit(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_exit(NULL); // no warning: main-style exit waits for threads
}

//===--- fallible joins ---===//

void checkNoLeakTryJoinLoop(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (pthread_tryjoin_np(t, NULL) != 0)
    use(0); // no warning
}

void checkLeakTryJoinOnce(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  if (pthread_tryjoin_np(t, NULL) != 0)
    return; // expected-warning{{never joined or detached}}
}

//===--- an attribute object set up by the project's own unseen code ---===//

void make_detached_attr(pthread_attr_t *a); // defined in another file

void checkNoLeakAttrFromUnseenHelper(void) {
  pthread_attr_t a;
  pthread_t t;
  make_detached_attr(&a);
  pthread_create(&t, &a, worker, NULL); // no warning: may be detached
}

void checkLeakAttrLibraryCallsOnly(void) {
  pthread_attr_t a;
  pthread_t t;
  pthread_attr_init(&a);
  pthread_attr_setstacksize(&a, 1 << 20); // library calls keep it joinable
  pthread_create(&t, &a, worker, NULL);
  pthread_attr_destroy(&a); // expected-warning{{never joined or detached}}
}

//===--- a handle in a heap block the owner still holds ---===//

struct zpool {
  pthread_t *threads;
  int n;
};

void checkNoLeakHeapArrayHeld(struct zpool *p, int n) {
  pthread_t *t = malloc(sizeof(pthread_t) * (n > 0 ? n : 1));
  if (!t)
    return;
  p->threads = t;
  for (int i = 0; i < n; i++) {
    if (pthread_create(&t[i], NULL, worker, p) != 0)
      break;
    p->n = i + 1;
  }
} // no warning: p->threads still holds them
