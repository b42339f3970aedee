#include "thr.h"

int thr_go(pthread_t *t, void *(*fn)(void *), void *arg)
{
	return THR_CREATE(t, fn, arg);
}

void thr_done(pthread_t t)
{
	THR_JOIN(t);
}
