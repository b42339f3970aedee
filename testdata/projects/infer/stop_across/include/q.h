#ifndef Q_H
#define Q_H
#include <pthread.h>

/* A work queue whose thread loops until `exit` is set (nng's aio expire
 * queue, reduced). */
typedef struct {
	pthread_t thr;
	pthread_mutex_t mtx;
	int exit;
} q_t;

void *q_loop(void *arg);
int q_start(q_t *q);

#endif
