#include <pthread.h>
/* A start function that keeps the entry and its argument in a capsule and
 * starts a fixed trampoline that calls them (collectd's
 * plugin_thread_create), and a join wrapper. */
int thr_create(pthread_t *t, void *(*start)(void *), void *arg, const char *name);
int thr_wait(pthread_t t);
