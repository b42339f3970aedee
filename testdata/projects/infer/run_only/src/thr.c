#include "thr.h"

/* The thread waits until thr_run lets it go (nni_thr_wrap). */
static void *thr_wrap(void *arg)
{
	thr_t *t = arg;
	pthread_mutex_lock(&t->mtx);
	while (!t->start && !t->stop)
		pthread_cond_wait(&t->cv, &t->mtx);
	pthread_mutex_unlock(&t->mtx);
	if (!t->stop)
		t->fn(t->arg);
	return NULL;
}

int thr_init(thr_t *t, void (*fn)(void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->start = t->stop = 0;
	pthread_mutex_init(&t->mtx, NULL);
	pthread_cond_init(&t->cv, NULL);
	return pthread_create(&t->tid, NULL, thr_wrap, t);
}

/* Uses the struct around the handle (its lock, condition and start
 * flag), never the handle: inferred as a borrow. */
void thr_run(thr_t *t)
{
	pthread_mutex_lock(&t->mtx);
	t->start = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mtx);
}

void thr_fini(thr_t *t)
{
	pthread_mutex_lock(&t->mtx);
	t->stop = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mtx);
	pthread_join(t->tid, NULL);
}
