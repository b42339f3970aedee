#include <stdlib.h>
#include "svc.h"

void svc_free(struct svc *s)
{
	s->quit = 1;
	free(s); /* TL101: neither thread (thr, aux) is joined */
}
