#include <unistd.h>
#include "conn.h"

void conn_destroy(struct conn *c)
{
	if (c->loop_started) {
		pthread_join(c->thread, NULL);
		c->loop_started = 0;
	}
	if (c->sock != -1)
		close(c->sock);
	conn_free(c); /* joined whenever conn_loop_start started the loop */
}
