#include <pthread.h>
#include <stdlib.h>
struct server { pthread_t thr; int port; };
void xfree(void *p);
struct server *server_new(int port);
void server_free(struct server *s);
