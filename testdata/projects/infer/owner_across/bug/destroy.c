#include <stdlib.h>
#include "client.h"

void client_destroy(struct client *c)
{
	c->quit = 1;
	free(c); /* TL101: the loop thread started in loop.c is never joined */
}
