/* signal.c - a report on demand: one task blocked, SIGUSR2 raised (a
 * report with trigger "signal"), then a sleep of argv[1] ms, long enough
 * for TASKLEAK_RT_INTERVAL reports, then the task is joined: the exit
 * report has no leak. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static volatile int stop;

static void *waiter(void *arg)
{
	while (!stop)
		usleep(1000);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;
	pthread_create(&t, NULL, waiter, NULL);
	raise(SIGUSR2);
	usleep((useconds_t)(argc > 1 ? atoi(argv[1]) : 200) * 1000);
	stop = 1;
	pthread_join(t, NULL);
	return 0;
}
