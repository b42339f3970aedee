/* detach.c - tasks let go on purpose: detached after the spawn, spawned
 * detached, and detached after they finished. None is a leak. */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

static void *job(void *arg) { return arg; }

static void *sleeper(void *arg)
{
	usleep(500 * 1000);
	return arg;
}

int main(void)
{
	pthread_t a, b, c;
	pthread_attr_t attr;
	pthread_create(&a, NULL, sleeper, NULL);
	pthread_detach(a); /* still running at exit: not a leak */
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_create(&b, &attr, job, NULL);
	pthread_attr_destroy(&attr);
	pthread_create(&c, NULL, job, NULL);
	usleep(50 * 1000);
	pthread_detach(c); /* after it finished */
	return 0;
}
