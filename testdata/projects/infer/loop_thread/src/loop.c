#include "conn.h"

void *conn_main(void *arg)
{
	struct conn *c = arg;
	while (c->sock >= 0)
		;
	/* the loop ended by itself: the owner's test of `threaded` no longer
	 * says a thread was started */
	if (c->threaded == CONN_TS_SELF)
		c->threaded = CONN_TS_NONE;
	return NULL;
}

int conn_loop_start(struct conn *c)
{
	if (c->threaded != CONN_TS_NONE)
		return -1;
	c->threaded = CONN_TS_SELF;
	if (pthread_create(&c->thread, NULL, conn_main, c) != 0) {
		c->threaded = CONN_TS_NONE;
		return -1;
	}
	c->loop_started = 1;
	return 0;
}
