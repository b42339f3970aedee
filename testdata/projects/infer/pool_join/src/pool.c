/* zstd's POOL_create_advanced / POOL_free (issue 12): a failed start frees
 * the pool after pool_join() (join.c) has seen to the started threads. */
#include <stdlib.h>
#include "pool.h"

static void *work(void *p)
{
	pool *c = p;
	pthread_mutex_lock(&c->mu);
	c->shutdown = 1;
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

void pool_free(pool *c)
{
	if (!c)
		return;
	pool_join(c);
	pthread_mutex_destroy(&c->mu);
	free(c->threads);
	free(c);
}

pool *pool_create(size_t n)
{
	pool *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (pthread_mutex_init(&c->mu, NULL)) {
		pool_free(c);
		return NULL;
	}
	c->threads = calloc(n, sizeof(pthread_t));
	c->cap = 0;
	if (!c->threads) {
		pool_free(c);
		return NULL;
	}
	for (size_t i = 0; i < n; ++i)
		if (pthread_create(&c->threads[i], NULL, work, c)) {
			c->cap = i; /* the started ones */
			pool_free(c);
			return NULL;
		}
	c->cap = n;
	return c;
}
