/* Runs jobs on threads; one error path forgets the first thread. */
#include "example.h"
#include <stdio.h>

static void *job_main(void *arg)
{
	return arg;
}

int run_jobs(int njobs)
{
	pthread_t a, b;

	if (pthread_create(&a, 0, job_main, 0) != 0)
		return -1;
	if (njobs > 1 && pthread_create(&b, 0, job_main, 0) != 0)
		return -1; /* Bug: 'a' is never joined on this path (TL101). */
	pthread_join(a, 0);
	if (njobs > 1)
		pthread_join(b, 0);
	return 0;
}

int main(void)
{
	struct pool p;

	if (pool_start(&p) == 0)
		pool_stop(&p);
	logger_start("/tmp/example.log");
	return run_jobs(2);
}
