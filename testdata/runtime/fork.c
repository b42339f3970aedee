/* fork.c - fork while other threads spawn and join: the child must not
 * deadlock on the table lock, must not report the parent's tasks, and
 * reports its own leak; the parent reports its own. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *job(void *arg) { return arg; }

static void *churn(void *arg)
{
	for (int i = 0; i < 2000; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, job, NULL) == 0)
			pthread_join(t, NULL);
	}
	return arg;
}

static void *parent_leak(void *arg) { return arg; }
static void *child_leak(void *arg) { return arg; }

int main(void)
{
	pthread_t c1, c2, p;
	pthread_create(&c1, NULL, churn, NULL);
	pthread_create(&c2, NULL, churn, NULL);
	pthread_create(&p, NULL, parent_leak, NULL);
	int status = 0;
	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t t;
			pthread_create(&t, NULL, child_leak, NULL);
			usleep(10 * 1000);
			exit(0); /* runs the at-exit report in the child */
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
			return 1;
	}
	pthread_join(c1, NULL);
	pthread_join(c2, NULL);
	return 0;
}
