// TL201 with the thread started in a loop (collectd's email.c: max_conns
// collectors started, then the owner waits for a free one): a failed start
// inside the loop is still a wait that nothing ends; a loop that ran no
// iteration is not reported, as the unit cannot tell whether its count may
// be 0 (collectd's config parser keeps it >= 1).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <unistd.h>

void log_error(const char *msg);

static int available;
static int max_workers = 4;

static void *worker(void *arg) {
  available++;
  return arg;
}

void startedInALoopFailed(void) {
  available = 0;
  for (int i = 0; i < max_workers; i++) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
      log_error("start");
    else
      pthread_detach(t);
  }
  while (available == 0) // expected-warning{{The owner waits forever for 'available', which only the thread running 'worker' writes: its spawn failed on this path}}
    usleep(100);
}

void startedInALoop(void) {
  available = 0;
  for (int i = 0; i < max_workers; i++) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
      return;
    pthread_detach(t);
  }
  while (available == 0) // no warning: no iteration is not a path the unit can judge
    usleep(100);
}
