#include "thr.h"

int thr_start(thr_t *t, void *(*fn)(void *), void *arg)
{
	return pthread_create(&t->id, NULL, fn, arg);
}

void thr_join(thr_t *t)
{
	pthread_join(t->id, NULL);
}
