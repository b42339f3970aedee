// TL403 StopNeverSignalled: the task's loop has no exit at all (no break,
// return, exit call or flag test), and the owner joins it.  A loop that may
// end on its own (a break on a computed value, a return on an I/O error, a
// bounded counter) is not summarised: no report.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int read_sensor(void);
void publish(int);

static void *sampler(void *arg) {
  (void)arg;
  for (;;) { // expected-note 1+ {{The thread running 'sampler': this loop has no exit}}
    publish(read_sensor());
    sleep(1);
  }
  return NULL;
}

void checkForeverLoop(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, sampler, NULL) != 0)
    return;
  pthread_join(t, NULL); // expected-warning{{Thread running 'sampler' never stops: its loop has no exit, and the join waits forever}}
}

// Fixed: the loop honours a stop flag that the owner sets.
struct ctl {
  int quit;
};

static void *sampler_fixed(void *arg) {
  struct ctl *c = arg;
  for (;;) {
    if (c->quit)
      break;
    publish(read_sensor());
    sleep(1);
  }
  return NULL;
}

void checkForeverLoopFixed(void) {
  struct ctl c = {0};
  pthread_t t;
  if (pthread_create(&t, NULL, sampler_fixed, &c) != 0)
    return;
  c.quit = 1;
  pthread_join(t, NULL); // no warning
}

// while (1) in a helper of the entry, after some set-up.
static void serve_forever(int fd) {
  while (1) { // expected-note {{The thread running 'server_main': this loop has no exit}}
    char buf[64];
    if (read(fd, buf, sizeof buf) > 0)
      publish(buf[0]);
  }
}

static void *server_main(void *arg) {
  int fd = *(int *)arg;
  serve_forever(fd);
  return NULL;
}

void checkHelperForever(int fd) {
  pthread_t t;
  pthread_create(&t, NULL, server_main, &fd);
  pthread_join(t, NULL); // expected-warning{{Thread running 'server_main' never stops: its loop has no exit}}
}

// Fixed: the read loop ends when the peer goes away.
static void *server_main_fixed(void *arg) {
  int fd = *(int *)arg;
  while (1) {
    char buf[64];
    if (read(fd, buf, sizeof buf) <= 0)
      break;
    publish(buf[0]);
  }
  return NULL;
}

void checkHelperForeverFixed(int fd) {
  pthread_t t;
  pthread_create(&t, NULL, server_main_fixed, &fd);
  pthread_join(t, NULL); // no warning
}

// do { } while (1) with a switch whose breaks do not leave the loop.
static void *dispatcher(void *arg) {
  (void)arg;
  do { // expected-note {{The thread running 'dispatcher': this loop has no exit}}
    switch (read_sensor()) {
    case 0:
      break;
    default:
      publish(1);
      break;
    }
  } while (1);
  return NULL;
}

void checkDoWhileSwitch(void) {
  pthread_t t;
  pthread_create(&t, NULL, dispatcher, NULL);
  pthread_join(t, NULL); // expected-warning{{Thread running 'dispatcher' never stops}}
}

// Fixed: an error ends the task through pthread_exit.
static void *dispatcher_fixed(void *arg) {
  (void)arg;
  do {
    switch (read_sensor()) {
    case 0:
      break;
    case -1:
      pthread_exit(NULL);
    default:
      publish(1);
      break;
    }
  } while (1);
  return NULL;
}

void checkDoWhileSwitchFixed(void) {
  pthread_t t;
  pthread_create(&t, NULL, dispatcher_fixed, NULL);
  pthread_join(t, NULL); // no warning
}

// Not summarised: a bounded loop, and a task that may return before its loop.
static void *bounded(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++)
    publish(i);
  return NULL;
}

void checkBoundedLoop(void) {
  pthread_t t;
  pthread_create(&t, NULL, bounded, NULL);
  pthread_join(t, NULL); // no warning
}

static void *maybe_forever(void *arg) {
  if (read_sensor() < 0)
    return NULL;
  for (;;)
    publish(read_sensor());
}

void checkEarlyReturn(void) {
  pthread_t t;
  pthread_create(&t, NULL, maybe_forever, NULL);
  pthread_join(t, NULL); // no warning
}

// Error path: the owner joins a forever loop only when set-up fails; the
// success path detaches it on purpose.
int setup(void);

int checkErrorPathJoinsForever(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, sampler, NULL) != 0)
    return -1;
  if (setup() != 0) {
    pthread_join(t, NULL); // expected-warning{{Thread running 'sampler' never stops}}
    return -1;
  }
  pthread_detach(t);
  return 0;
}

int checkErrorPathCancelsFirst(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, sampler, NULL) != 0)
    return -1;
  if (setup() != 0) {
    pthread_cancel(t); // sleep() is a cancellation point
    pthread_join(t, NULL); // no warning
    return -1;
  }
  pthread_detach(t);
  return 0;
}
