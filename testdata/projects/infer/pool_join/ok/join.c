/* Joins every started thread: threads[0 .. cap). */
#include "pool.h"

void pool_join(pool *c)
{
	size_t i;
	pthread_mutex_lock(&c->mu);
	c->shutdown = 1;
	pthread_mutex_unlock(&c->mu);
	for (i = 0; i < c->cap; ++i)
		pthread_join(c->threads[i], NULL);
}
