/* join.c - every task joined, through each join of pthread and C11
 * threads; tasks that end with pthread_exit. Nothing leaks. */
#define _GNU_SOURCE
#include <pthread.h>
#include <threads.h>
#include <time.h>

static void *job(void *arg) { return arg; }
static void *quits(void *arg) { pthread_exit(arg); }
static int c11_job(void *arg) { return arg != 0; }

int main(void)
{
	pthread_t a, b, c, d;
	thrd_t e;
	void *ret;
	pthread_create(&a, NULL, job, NULL);
	pthread_create(&b, NULL, quits, NULL);
	pthread_create(&c, NULL, job, NULL);
	pthread_create(&d, NULL, job, NULL);
	thrd_create(&e, c11_job, NULL);
	pthread_join(a, &ret);
	pthread_join(b, &ret);
	while (pthread_tryjoin_np(c, &ret) != 0)
		;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	pthread_timedjoin_np(d, &ret, &ts);
	int res;
	thrd_join(e, &res);
	return 0;
}
