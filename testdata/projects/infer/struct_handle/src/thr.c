#include "thr.h"

int thr_start(thr_t *t, void *(*fn)(void *), void *arg)
{
	t->running = 1; /* a liveness flag beside the handle */
	return pthread_create(&t->id, NULL, fn, arg);
}

void thr_join(thr_t *t)
{
	if (t->running) {
		pthread_join(t->id, NULL);
		t->running = 0;
	}
}
