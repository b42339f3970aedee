#include "worker.h"

int run(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, plain_worker, NULL) != 0)
		return -1;
	return 0; /* TL101: plain_worker (worker.c) does not detach itself */
}
