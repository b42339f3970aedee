#include <stdlib.h>
#include "svc.h"

void svc_free(struct svc *s)
{
	s->quit = 1;
	pthread_join(s->thr, NULL);
	pthread_join(s->aux, NULL);
	free(s);
}
