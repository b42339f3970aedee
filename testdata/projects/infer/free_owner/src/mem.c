#include <stdlib.h>

/* the project's free (mosquitto__free, xfree) */
void xfree(void *p)
{
	if (p)
		free(p);
}
