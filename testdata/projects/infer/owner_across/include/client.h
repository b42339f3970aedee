#include <pthread.h>
struct client { pthread_t loop; int quit; };
int client_loop_start(struct client *c);
void client_destroy(struct client *c);
