#include "thr.h"

static void *work(void *arg) { return arg; }

int run(void)
{
	pthread_t t;
	if (thr_create(&t, work, NULL, "work") != 0)
		return -1;
	return 0; /* TL101: 'work' is never joined */
}
