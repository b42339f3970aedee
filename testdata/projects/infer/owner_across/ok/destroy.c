#include <stdlib.h>
#include "client.h"

void client_destroy(struct client *c)
{
	c->quit = 1;
	pthread_join(c->loop, NULL);
	free(c);
}
