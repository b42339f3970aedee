// TL403 StopNeverSignalled stays silent when it cannot be sure: the flag
// escapes to unseen code, a signal handler or another task may set it, the
// entry's body is not visible, the task sets the flag itself, the join can
// give up, the flag's value is not known on this path.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

void work(void);
void hand_over(void *);

struct job {
  int stop;
  int done;
  struct job *next;
};

static void *loop_on_stop(void *arg) {
  struct job *j = arg;
  if (!j) // a null check before the loop is no way out for a real job
    return NULL;
  while (!j->stop) // expected-note 1+ {{this loop ends only when 'j->stop' is set}}
    work();
  return NULL;
}

void checkNullGuardedEntry(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  pthread_create(&t, NULL, loop_on_stop, &j);
  pthread_join(t, NULL); // expected-warning{{Thread running 'loop_on_stop' never stops}}
}

// The job escapes to unseen code before the join: that code may stop it.
void checkEscapes(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  pthread_create(&t, NULL, loop_on_stop, &j);
  hand_over(&j);
  pthread_join(t, NULL); // no warning
}

// Some code in this file stops jobs: a job this function did not make may
// already be stopped.
void job_cancel(struct job *j) { j->stop = 1; }

void checkSymbolicFlag(struct job *j) {
  pthread_t t;
  pthread_create(&t, NULL, loop_on_stop, j);
  pthread_join(t, NULL); // no warning
}

// A signal handler sets the global flag.
static volatile sig_atomic_t keep_running = 1;

static void on_sigint(int sig) {
  (void)sig;
  keep_running = 0;
}

static void *poller(void *arg) {
  (void)arg;
  while (keep_running)
    work();
  return NULL;
}

int main(void) {
  signal(SIGINT, on_sigint);
  pthread_t t;
  pthread_create(&t, NULL, poller, NULL);
  pthread_join(t, NULL); // no warning
  return 0;
}

// Another task sets the flag.
static int finished;

static void *producer(void *arg) {
  (void)arg;
  work();
  finished = 1;
  return NULL;
}

static void *waiter(void *arg) {
  (void)arg;
  while (!finished)
    work();
  return NULL;
}

void checkOtherTaskSetsFlag(void) {
  pthread_t a, b;
  finished = 0;
  pthread_create(&a, NULL, producer, NULL);
  pthread_create(&b, NULL, waiter, NULL);
  pthread_join(b, NULL); // no warning
  pthread_join(a, NULL);
}

// The task sets its own flag: it ends by itself.
static void *self_stopping(void *arg) {
  struct job *j = arg;
  while (!j->done) {
    work();
    if (j->next == NULL)
      j->done = 1;
  }
  return NULL;
}

void checkSelfStopping(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  pthread_create(&t, NULL, self_stopping, &j);
  pthread_join(t, NULL); // no warning
}

// The entry's body is in another file.
void *remote_entry(void *);

void checkUnseenEntry(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  pthread_create(&t, NULL, remote_entry, &j);
  pthread_join(t, NULL); // no warning
}

// A join that can give up does not hang.
void checkTimedJoin(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  struct timespec ts = {1, 0};
  pthread_create(&t, NULL, loop_on_stop, &j);
  if (pthread_timedjoin_np(t, NULL, &ts) != 0) { // no warning
    job_cancel(&j);
    pthread_join(t, NULL); // no warning
  }
}

// The flag lives behind a pointer the task follows: no access path.
struct outer {
  struct job *inner;
};

static void *loop_through_pointer(void *arg) {
  struct outer *o = arg;
  while (!o->inner->stop)
    work();
  return NULL;
}

void checkPointerChain(void) {
  struct job j = {0, 0, NULL};
  struct outer o = {&j};
  pthread_t t;
  pthread_create(&t, NULL, loop_through_pointer, &o);
  pthread_join(t, NULL); // no warning
}

// The loop may also end on a computed value.
static void *loop_or_error(void *arg) {
  struct job *j = arg;
  while (!j->stop) {
    if (read(0, NULL, 0) < 0)
      break;
  }
  return NULL;
}

void checkComputedExit(void) {
  struct job j = {0, 0, NULL};
  pthread_t t;
  pthread_create(&t, NULL, loop_or_error, &j);
  pthread_join(t, NULL); // no warning
}

// The project's own code after the flag write may signal the wait.
struct sleeper {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int quit;
};

void wake_everyone(void);

static void *sleeper_main(void *arg) {
  struct sleeper *s = arg;
  pthread_mutex_lock(&s->mu);
  while (!s->quit)
    pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

void checkUnseenWakeup(void) {
  struct sleeper s = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_t t;
  pthread_create(&t, NULL, sleeper_main, &s);
  s.quit = 1;
  wake_everyone();
  pthread_join(t, NULL); // no warning
}

// An atomic flag written with atomic_store.
struct atomic_job {
  atomic_int stop;
};

static void *atomic_loop(void *arg) {
  struct atomic_job *j = arg;
  while (!atomic_load(&j->stop))
    work();
  return NULL;
}

void checkAtomicStore(void) {
  struct atomic_job j;
  atomic_init(&j.stop, 0);
  pthread_t t;
  pthread_create(&t, NULL, atomic_loop, &j);
  atomic_store(&j.stop, 1);
  pthread_join(t, NULL); // no warning
}

// The thread is cancelled before the join: its loop's sleep() is a
// cancellation point.
static void *sleepy(void *arg) {
  (void)arg;
  for (;;)
    sleep(1);
}

void checkCancelled(void) {
  pthread_t t;
  pthread_create(&t, NULL, sleepy, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL); // no warning
}

// A global flag, and a call into unseen code after the spawn: that code may
// clear it.
static int serving;
void run_ui(void);

static void *server(void *arg) {
  (void)arg;
  while (serving) // expected-note {{The thread running 'server': this loop ends only when 'serving' is 0}}
    work();
  return NULL;
}

void checkGlobalAfterUnseenCall(void) {
  pthread_t t;
  serving = 1;
  pthread_create(&t, NULL, server, NULL);
  run_ui();
  pthread_join(t, NULL); // no warning
}

void checkGlobalNoUnseenCall(void) {
  pthread_t t;
  serving = 1;
  pthread_create(&t, NULL, server, NULL);
  pthread_join(t, NULL); // expected-warning{{Thread running 'server' never stops: its loop ends only when 'serving' is 0}}
}
