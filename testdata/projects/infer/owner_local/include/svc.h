#include <pthread.h>
struct svc { pthread_t thr; pthread_t aux; int quit; };
pthread_t thr_spawn(void *(*fn)(void *), void *arg);
int svc_start(struct svc *s);
void svc_start_aux(struct svc *s);
void svc_free(struct svc *s);
