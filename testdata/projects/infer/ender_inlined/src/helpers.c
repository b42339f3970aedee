#include <unistd.h>
#include "client.h"

void client_sock_close(struct client *c)
{
	if (!c)
		return;
	if (c->sock != -1)
		close(c->sock);
	c->sock = -1;
}

void client_will_clear(struct client *c)
{
	if (!c->will)
		return;
	client_free(c->will);
	c->will = NULL;
}
