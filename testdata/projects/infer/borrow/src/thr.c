#include "thr.h"

/* Uses the handle, owns nothing: inferred as a borrow. */
void thr_label(pthread_t t, const char *name)
{
	pthread_setname_np(t, name);
}

/* Lets a started thread go on (a flag under a lock), names it: a borrow
 * of the struct's handle field. */
void thr_run(thr_t *t)
{
	pthread_mutex_lock(&t->mtx);
	t->started = 1;
	pthread_mutex_unlock(&t->mtx);
	thr_label(t->tid, "worker");
}
