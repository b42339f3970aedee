/* A worker pool: started and stopped correctly (no finding expected). */
#include "example.h"

static void *pool_worker(void *arg)
{
	(void)arg;
	return 0;
}

int pool_start(struct pool *p)
{
	p->nworkers = 0;
	for (int i = 0; i < 2; i++) {
		if (pthread_create(&p->workers[i], 0, pool_worker, p) != 0)
			return -1;
		p->nworkers++;
	}
	return 0;
}

void pool_stop(struct pool *p)
{
	for (int i = 0; i < p->nworkers; i++)
		pthread_join(p->workers[i], 0);
}
