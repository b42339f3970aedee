#include <pthread.h>
int thr_start(pthread_t *t, void *(*fn)(void *), void *arg);
int thr_wait(pthread_t t);
int pool_spawn(pthread_t *t, void *(*fn)(void *), void *arg);
int pool_reap(pthread_t *t);
