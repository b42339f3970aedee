/* A background logger thread. */
#include "example.h"
#include <stdio.h>

struct log_job {
	const char *path;
	int lines;
};

static void *log_main(void *arg)
{
	struct log_job *job = arg;
	FILE *f = fopen(job->path, "a");
	if (f) {
		fprintf(f, "%d\n", job->lines);
		fclose(f);
	}
	return 0;
}

int logger_start(const char *path)
{
	struct log_job job = { path, 10 };
	pthread_t t;

	if (pthread_create(&t, 0, log_main, &job) != 0)
		return -1;
	/* Bug: the logger is detached but keeps a pointer to 'job', which dies
	 * when this function returns (TL102). */
	pthread_detach(t);
	return 0;
}
