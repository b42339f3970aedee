#include "thr.h"

/* a wrapper of a wrapper: pool_spawn -> thr_start -> pthread_create */
int pool_spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	return thr_start(t, fn, arg);
}

int pool_reap(pthread_t *t)
{
	return thr_wait(*t);
}
