#include "thr.h"

static void *work(void *arg) { return arg; }

int run(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, work, NULL) != 0)
		return -1;
	thr_label(t, "worker");
	return 0; /* TL101: naming a thread does not join it */
}
