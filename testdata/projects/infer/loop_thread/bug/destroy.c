#include <unistd.h>
#include "conn.h"

void conn_destroy(struct conn *c)
{
	if (c->threaded == CONN_TS_SELF) {
		pthread_join(c->thread, NULL);
		c->threaded = CONN_TS_NONE;
	}
	if (c->sock != -1)
		close(c->sock);
	conn_free(c); /* TL101: a loop that ended by itself is never joined */
}
