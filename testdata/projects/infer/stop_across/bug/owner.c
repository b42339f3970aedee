#include "q.h"

int q_start(q_t *q)
{
	pthread_mutex_init(&q->mtx, NULL);
	q->exit = 0;
	return pthread_create(&q->thr, NULL, q_loop, q);
}

/* Joins the thread without asking it to stop: the join never returns. */
int main(void)
{
	q_t q;
	if (q_start(&q) != 0)
		return 1;
	pthread_join(q.thr, NULL);
	return 0;
}
