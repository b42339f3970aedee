#include "q.h"

void *q_loop(void *arg)
{
	q_t *q = arg;
	for (;;) {
		pthread_mutex_lock(&q->mtx);
		if (q->exit)
			break;
		pthread_mutex_unlock(&q->mtx);
	}
	pthread_mutex_unlock(&q->mtx);
	return NULL;
}
