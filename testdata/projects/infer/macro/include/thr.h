#include <pthread.h>
/* the project spells its thread calls as macros (zstd's ZSTD_pthread_*) */
#define THR_CREATE(t, f, a) pthread_create((t), NULL, (f), (a))
#define THR_JOIN(t) pthread_join((t), NULL)
int thr_go(pthread_t *t, void *(*fn)(void *), void *arg);
void thr_done(pthread_t t);
