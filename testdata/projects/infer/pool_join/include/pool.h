#ifndef POOL_H
#define POOL_H
#include <pthread.h>
#include <stddef.h>
typedef struct { pthread_t *threads; size_t cap; pthread_mutex_t mu; int shutdown; } pool;
void pool_join(pool *c);
void pool_free(pool *c);
pool *pool_create(size_t n);
#endif
