#include "client.h"

static void *client_loop(void *arg)
{
	struct client *c = arg;
	while (!c->quit)
		;
	return NULL;
}

int client_loop_start(struct client *c)
{
	c->quit = 0;
	return pthread_create(&c->loop, NULL, client_loop, c);
}
