#include "server.h"

static void *loop(void *arg)
{
	struct server *s = arg;
	return s;
}

struct server *server_new(int port)
{
	struct server *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->port = port;
	if (pthread_create(&s->thr, NULL, loop, s) != 0) {
		xfree(s);
		return NULL;
	}
	return s;
}


void server_free(struct server *s)
{
	xfree(s); /* TL101: the loop thread is never joined */
}
