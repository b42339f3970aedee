// Issue 15 item 10: a restart or periodic function spawns into an owner's
// handle field while the task started there may still run, judged through
// the guard flag the start function raises (`m->running = 1`).  The old
// handle is overwritten: that task is never joined (TL101).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>

void log_error(const char *msg);
int stale(void);
static void *loop(void *arg) { return arg; }

struct mon {
  pthread_t tid;
  int running;
  int restarts;
};

int mon_start(struct mon *m) {
  if (pthread_create(&m->tid, NULL, loop, m) != 0)
    return -1;
  m->running = 1;
  return 0;
}

void mon_stop(struct mon *m) {
  if (m->running) {
    m->running = 0;
    pthread_join(m->tid, NULL);
  }
}

// Bug, plain: the restart logs and spawns over the running task.
void mon_restart(struct mon *m) {
  if (m->running)
    log_error("restarting");
  pthread_create(&m->tid, NULL, loop, m); // expected-warning{{Spawn into 'm->tid' while the thread started there may still run ('m->running' is set): that thread is never joined or detached}}
  m->running = 1;
}

// Bug, periodic: a watchdog tick restarts a task it thinks is stuck.
void mon_tick(struct mon *m) {
  if (m->running && stale()) {
    m->restarts++;
    mon_start(m); // expected-warning@21{{Spawn into 'm->tid' while the thread started there may still run ('m->running' is set): that thread is never joined or detached}}
  }
}

// Bug, error path: a failed reconfiguration restarts without stopping.
int mon_reconfigure(struct mon *m, int bad) {
  if (!m->running)
    return mon_start(m);
  if (bad) {
    log_error("bad config");
    return mon_start(m); // (the same report as mon_tick's, at the same spawn:
                         // clang keeps one of the two)
  }
  return 0;
}

// Fixed: stop first, or join the old task, or start only when not running.
void mon_restart_fixed(struct mon *m) {
  mon_stop(m);
  mon_start(m);
}

void mon_restart_join(struct mon *m) {
  if (m->running)
    pthread_join(m->tid, NULL);
  pthread_create(&m->tid, NULL, loop, m);
  m->running = 1;
}

void mon_ensure(struct mon *m) {
  if (!m->running)
    mon_start(m);
}

// A plain start whose flag this path never tested: the caller's business.
void mon_start_twice_unknown(struct mon *m) {
  mon_start(m);
}
