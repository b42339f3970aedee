#include "thr.h"

int thr_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	return pthread_create(t, NULL, fn, arg);
}

int thr_wait(pthread_t t)
{
	return pthread_join(t, NULL);
}
