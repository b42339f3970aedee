#include "worker.h"

void *detached_worker(void *arg)
{
	pthread_detach(pthread_self());
	return arg;
}

void *plain_worker(void *arg)
{
	return arg;
}
