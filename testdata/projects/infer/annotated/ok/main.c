#include "lib.h"

static void work(void *arg) { (void)arg; }

int run(void)
{
	lib_thr *t;
	if (util_start(&t, work, 0) != 0)
		return -1;
	lib_wait(t);
	return 0;
}
