#include <stdbool.h>
#include <stddef.h>
#include "client.h"

void client_destroy(struct client *c)
{
	if (!c)
		return;
	if (c->threaded == CLIENT_TS_SELF && !pthread_equal(c->thread, pthread_self())) {
		pthread_cancel(c->thread);
		pthread_join(c->thread, NULL);
		c->threaded = CLIENT_TS_NONE;
	}
	if (c->sock != -1)
		client_sock_close(c);
	client_will_clear(c);
	client_free(c->id);
	client_free(c); /* TL101 and TL102: a loop that ended by itself is never joined */
}

/* The ender is called on the constructor's error path: the analyzer used
 * to analyse it only there, inlined, on an object with no thread. */
struct client *client_new(const char *id)
{
	struct client *c = client_calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->sock = -1;
	c->id = client_strdup(id);
	if (!c->id) {
		client_destroy(c);
		return NULL;
	}
	return c;
}
