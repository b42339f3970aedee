/* exit_live.c - the program exits while tasks run: three workers from
 * one site (the profile counts them together), a C11 task, and a task
 * that is itself spawning when exit comes. The report must be written
 * and the process must end (no deadlock at exit). */
#define _GNU_SOURCE
#include <pthread.h>
#include <threads.h>
#include <unistd.h>

static void *blocked(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static int c11_blocked(void *arg)
{
	for (;;)
		pause();
	return arg != 0;
}

static void *spawner(void *arg)
{
	for (;;) {
		pthread_t t;
		if (pthread_create(&t, NULL, arg, NULL) == 0)
			pthread_join(t, NULL);
	}
	return NULL;
}

static void *job(void *arg) { return arg; }

int main(void)
{
	pthread_t t[3], s;
	thrd_t c;
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, blocked, NULL);
	thrd_create(&c, c11_blocked, NULL);
	pthread_create(&s, NULL, spawner, (void *)job);
	usleep(50 * 1000);
	return 0;
}
