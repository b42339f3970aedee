#include "thr.h"

static void *work(void *arg) { return arg; }

int run(void)
{
	pthread_t a, b;
	if (pool_spawn(&a, work, NULL) != 0)
		return -1;
	if (pool_spawn(&b, work, NULL) != 0)
		return -1; /* TL101: 'a' never joined */
	pool_reap(&a);
	return pool_reap(&b);
}
