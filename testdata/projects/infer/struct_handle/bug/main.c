#include "thr.h"

static void *work(void *arg) { return arg; }

int run(void)
{
	thr_t t;
	if (thr_start(&t, work, NULL) != 0)
		return -1;
	return 0; /* TL101: never joined */
}
