#define _GNU_SOURCE
#include <pthread.h>
typedef struct { pthread_t tid; pthread_mutex_t mtx; int started; } thr_t;
void thr_label(pthread_t t, const char *name);
void thr_run(thr_t *t);
