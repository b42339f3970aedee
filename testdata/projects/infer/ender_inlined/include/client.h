/* The shape of mosquitto's loop-thread bug (upstream #2377 / #2905 /
 * #3207): the thread is started in one file, the object destroyed in
 * another, whose destroy function also hands the object to helpers in a
 * third file, and is inlined into the constructor's error path. */
#include <pthread.h>
enum client_ts { CLIENT_TS_NONE, CLIENT_TS_SELF };
struct client {
	pthread_t thread;
	int threaded;     /* written by the loop thread too, when it ends */
	int loop_started; /* written by the owner only */
	int sock;
	char *will;
	char *id;
};
int client_loop_start(struct client *c);
struct client *client_new(const char *id);
void client_destroy(struct client *c);
void client_free(void *p);
void *client_calloc(unsigned long n, unsigned long size);
char *client_strdup(const char *s);
/* helpers.c: they free or close what the client holds, never the thread */
void client_sock_close(struct client *c);
void client_will_clear(struct client *c);
