/* many.c - 8 threads each spawn and join 500 tasks at once, and each
 * leaves one task unjoined: the table must count exactly 8 leaks and
 * 4016 spawns (4008 joined). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

enum { SPAWNERS = 8, EACH = 500 };

static void *job(void *arg) { return arg; }

static void *spawner(void *arg)
{
	for (int i = 0; i < EACH; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, job, NULL) != 0 || pthread_join(t, NULL) != 0) {
			fprintf(stderr, "spawn or join failed\n");
			return arg;
		}
	}
	pthread_t left;
	pthread_create(&left, NULL, job, NULL);
	return NULL;
}

int main(void)
{
	pthread_t s[SPAWNERS];
	for (int i = 0; i < SPAWNERS; i++)
		pthread_create(&s[i], NULL, spawner, NULL);
	for (int i = 0; i < SPAWNERS; i++)
		pthread_join(s[i], NULL);
	return 0;
}
