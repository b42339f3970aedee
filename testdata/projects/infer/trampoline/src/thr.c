#include <stdlib.h>
#include "thr.h"

typedef struct {
	int ctx;
	void *(*start)(void *);
	void *arg;
} capsule_t;

static void *thr_trampoline(void *p)
{
	capsule_t *c = p;
	void *(*start)(void *) = c->start;
	void *arg = c->arg;
	free(c);
	return start(arg);
}

int thr_create(pthread_t *t, void *(*start)(void *), void *arg, const char *name)
{
	capsule_t *c = malloc(sizeof(*c));
	if (c == NULL)
		return 12;
	c->ctx = 0;
	c->start = start;
	c->arg = arg;
	int ret = pthread_create(t, NULL, thr_trampoline, c);
	if (ret != 0) {
		free(c);
		return ret;
	}
	(void)name;
	return 0;
}

int thr_wait(pthread_t t)
{
	return pthread_join(t, NULL);
}
