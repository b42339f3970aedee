#include "q.h"

int q_start(q_t *q)
{
	pthread_mutex_init(&q->mtx, NULL);
	q->exit = 0;
	return pthread_create(&q->thr, NULL, q_loop, q);
}

/* Sets the flag the thread's loop ends on, under its lock, then joins. */
int main(void)
{
	q_t q;
	if (q_start(&q) != 0)
		return 1;
	pthread_mutex_lock(&q.mtx);
	q.exit = 1;
	pthread_mutex_unlock(&q.mtx);
	pthread_join(q.thr, NULL);
	return 0;
}
