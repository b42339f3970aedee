#include "thr.h"

static void *work(void *arg) { return arg; }

/* the real entry detaches itself: nothing to join */
static void *loner(void *arg)
{
	pthread_detach(pthread_self());
	return arg;
}

int run(void)
{
	pthread_t t, u;
	if (thr_create(&t, work, NULL, "work") != 0)
		return -1;
	if (thr_create(&u, loner, NULL, "loner") != 0) {
		thr_wait(t);
		return -1;
	}
	return thr_wait(t);
}
