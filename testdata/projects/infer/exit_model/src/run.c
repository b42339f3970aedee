/* A thread uses the box while check() runs (exit_branch, with die()). */
#include <pthread.h>
#include <stdlib.h>
#include "box.h"

static void *use(void *p)
{
	box *b = p;
	b->v = 1;
	return NULL;
}

int run(void)
{
	box *b = calloc(1, sizeof *b);
	pthread_t t;
	if (!b)
		return 1;
	if (pthread_create(&t, NULL, use, b))
		return 1;
	check(b->v >= 0, b);
	pthread_join(t, NULL);
	free(b);
	return 0;
}
