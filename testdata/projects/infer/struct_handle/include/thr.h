#include <pthread.h>
typedef struct { pthread_t id; int running; } thr_t;
int thr_start(thr_t *t, void *(*fn)(void *), void *arg);
void thr_join(thr_t *t);
