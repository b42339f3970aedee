#include <pthread.h>
void *detached_worker(void *arg);
void *plain_worker(void *arg);
