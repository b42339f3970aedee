#include "worker.h"

int run(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, detached_worker, NULL) != 0)
		return -1;
	return 0; /* detached_worker (worker.c) detaches itself */
}
