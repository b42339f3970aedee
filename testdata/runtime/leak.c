/* leak.c - one task joined, one finished and never joined (what TSan
 * calls a thread leak), one still running at exit that nobody joined.
 * Also the program the end-to-end test scans: start_one is TL101 for the
 * analysis; start_saved keeps its handle in a global, so the analysis
 * stays silent and only the run shows the leak. */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

static void *job(void *arg) { return arg; }

static void *forever(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static pthread_t saved;

int start_one(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, job, NULL) != 0)
		return -1;
	return 0;
}

int start_saved(void)
{
	return pthread_create(&saved, NULL, forever, NULL);
}

int main(void)
{
	pthread_t j;
	if (pthread_create(&j, NULL, job, NULL) == 0)
		pthread_join(j, NULL);
	start_one();
	start_saved();
	usleep(100 * 1000); /* let job finish: a finished, unjoined task */
	return 0;
}
