#include <pthread.h>
enum conn_ts { CONN_TS_NONE, CONN_TS_SELF };
struct conn {
	pthread_t thread;
	int threaded;     /* written by the loop thread too, when it ends */
	int loop_started; /* written by the owner only */
	int sock;
};
int conn_loop_start(struct conn *c);
void conn_destroy(struct conn *c);
void conn_free(void *p);
