#include "thr.h"

static void worker(void *arg) { (void)arg; }

int start(void)
{
	thr_t t;
	if (thr_init(&t, worker, 0) != 0)
		return -1;
	thr_run(&t);
	return 0; /* TL101: never thr_fini'd */
}
