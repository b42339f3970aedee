#ifndef EXAMPLE_H
#define EXAMPLE_H
#include <pthread.h>

struct pool {
	pthread_t workers[2];
	int nworkers;
};

int pool_start(struct pool *p);
void pool_stop(struct pool *p);
int logger_start(const char *path);
int run_jobs(int njobs);
#endif
