// TL104 taskleak.lifetime.DoubleJoin, issue 15 item 13: a join or detach of
// a handle whose spawn failed.  The failure branch logs and falls through;
// the handle was never written and names no thread.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <threads.h>

void log_error(const char *msg);
static void *worker(void *arg) { return arg; }
static int cworker(void *arg) { return arg != 0; }

// Plain: log and fall through to the detach (redis test modules' shape).
void detachAfterFailedSpawn(void) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, worker, NULL) != 0)
    log_error("cannot start");
  pthread_detach(tid); // expected-warning{{Handle 'tid' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
}

void joinAfterFailedSpawn(void) {
  pthread_t tid;
  int rc = pthread_create(&tid, NULL, worker, NULL);
  if (rc)
    log_error("cannot start");
  pthread_join(tid, NULL); // expected-warning{{Handle 'tid' is joined after the spawn of the thread running 'worker' failed: it names no thread}}
}

// Helper function: the spawn's status comes back through it.
static int start(pthread_t *out) { return pthread_create(out, NULL, worker, NULL); }

void joinAfterFailedHelper(void) {
  pthread_t tid;
  if (start(&tid) != 0)
    log_error("cannot start");
  pthread_join(tid, NULL); // expected-warning{{Handle 'tid' is joined after the spawn of the thread running 'worker' failed: it names no thread}}
}

// Struct field.
struct server {
  pthread_t io;
  int fd;
};

void detachFieldAfterFailedSpawn(struct server *s) {
  if (pthread_create(&s->io, NULL, worker, s) != 0)
    log_error("cannot start io");
  pthread_detach(s->io); // expected-warning{{Handle 's->io' is detached after the spawn of the thread running 'worker' failed: it names no thread}}
}

// Error path: a goto to the common cleanup that joins.
int errorPathJoins(int more) {
  pthread_t tid;
  int rc = -1;
  if (pthread_create(&tid, NULL, worker, NULL) != 0) {
    log_error("cannot start");
    goto out;
  }
  rc = more;
out:
  pthread_join(tid, NULL); // expected-warning{{Handle 'tid' is joined after the spawn of the thread running 'worker' failed: it names no thread}}
  return rc;
}

// C11 threads: thrd_create reports failure the same way.
void c11JoinAfterFailedSpawn(void) {
  thrd_t t;
  if (thrd_create(&t, cworker, NULL) != thrd_success)
    log_error("cannot start");
  thrd_join(t, NULL); // expected-warning{{Handle 't' is joined after the spawn of the thread running 'cworker' failed: it names no thread}}
}

// Fixed variants: silent.

void fixedReturnOnFailure(void) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, worker, NULL) != 0) {
    log_error("cannot start");
    return;
  }
  pthread_detach(tid);
}

void fixedJoinOnlyIfStarted(void) {
  pthread_t tid;
  int rc = pthread_create(&tid, NULL, worker, NULL);
  if (rc)
    log_error("cannot start");
  if (rc == 0)
    pthread_join(tid, NULL);
}

int fixedStartedFlag(void) {
  pthread_t tid;
  int started = 0;
  if (pthread_create(&tid, NULL, worker, NULL) != 0)
    log_error("cannot start");
  else
    started = 1;
  if (started)
    pthread_join(tid, NULL);
  return started;
}

void fixedErrorPathSkipsJoin(int more) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, worker, NULL) != 0)
    goto fail;
  if (more)
    log_error("more");
  pthread_join(tid, NULL);
  return;
fail:
  log_error("cannot start");
}

// An unchecked status is not a known failure.
void uncheckedStatus(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, worker, NULL);
  pthread_join(tid, NULL);
}
