#include <pthread.h>
#include <stdlib.h>
#include "util.h"

static void *worker(void *arg) { return arg; }

int start_worker(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  return 0;
}

int a_ratio(void) { return util_ratio(10); }
