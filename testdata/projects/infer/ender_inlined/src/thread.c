#include <stddef.h>
#include "client.h"

void *client_main(void *arg)
{
	struct client *c = arg;
	while (c->sock >= 0)
		;
	/* the loop ended by itself: the owner's test of `threaded` no longer
	 * says a thread was started */
	if (c->threaded == CLIENT_TS_SELF)
		c->threaded = CLIENT_TS_NONE;
	return NULL;
}

int client_loop_start(struct client *c)
{
	if (!c || c->threaded != CLIENT_TS_NONE)
		return -1;
	c->threaded = CLIENT_TS_SELF;
	if (pthread_create(&c->thread, NULL, client_main, c) != 0) {
		c->threaded = CLIENT_TS_NONE;
		return -1;
	}
	c->loop_started = 1;
	return 0;
}
