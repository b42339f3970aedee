#include "svc.h"

pthread_t thr_spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	pthread_create(&t, NULL, fn, arg);
	return t;
}
