#include "svc.h"

static void *svc_main(void *arg)
{
	struct svc *s = arg;
	while (!s->quit)
		;
	return NULL;
}

int svc_start(struct svc *s)
{
	pthread_t t;
	if (pthread_create(&t, NULL, svc_main, s) != 0)
		return -1;
	s->thr = t;
	return 0;
}

void svc_start_aux(struct svc *s)
{
	s->aux = thr_spawn(svc_main, s);
}
