/*
 * runtime_overhead.c - what libtaskleak-rt costs: N short tasks spawned
 * and joined one after another, timed without and with the library
 * preloaded (target: at most 1.2x), and the table's bytes per tracked
 * task with 1000 tasks alive.
 *
 *   runtime_overhead --lib PATH [--tasks N] [--repeat R]
 *
 * The parent runs itself as a child twice per repeat (plain, then under
 * LD_PRELOAD), alternating, and keeps the best time of each.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { LIVE = 1000 };

static void *job(void *arg) { return arg; }

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_open = PTHREAD_COND_INITIALIZER;
static int opened;

static void *waiter(void *arg)
{
	pthread_mutex_lock(&gate_lock);
	while (!opened)
		pthread_cond_wait(&gate_open, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	return arg;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes per tracked task: LIVE tasks alive, a report asked for, its
 * header's table_bytes divided by the tasks it counted. */
static double bytes_per_task(const char *out)
{
	int (*report)(const char *) = (int (*)(const char *))dlsym(RTLD_DEFAULT, "taskleak_rt_report");
	static pthread_t t[LIVE];
	if (!report)
		return 0;
	for (int i = 0; i < LIVE; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	report("bench");
	pthread_mutex_lock(&gate_lock);
	opened = 1;
	pthread_cond_broadcast(&gate_open);
	pthread_mutex_unlock(&gate_lock);
	for (int i = 0; i < LIVE; i++)
		pthread_join(t[i], NULL);
	FILE *f = fopen(out, "r");
	char line[4096];
	double bytes = 0, live = 0;
	while (f && fgets(line, sizeof(line), f)) {
		char *b = strstr(line, "\"table_bytes\":"), *l = strstr(line, "\"live\":");
		if (b && l && strstr(line, "\"trigger\":\"bench\"")) {
			bytes = atof(b + 14);
			live = atof(l + 7);
		}
	}
	if (f)
		fclose(f);
	return live > 0 ? bytes / live : 0;
}

static int child(long n)
{
	double t0 = now();
	for (long i = 0; i < n; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, job, NULL) != 0 || pthread_join(t, NULL) != 0) {
			fprintf(stderr, "runtime_overhead: spawn or join failed at task %ld\n", i);
			return 1;
		}
	}
	double secs = now() - t0;
	const char *out = getenv("TASKLEAK_RT_OUT");
	printf("%.6f %.1f\n", secs, out ? bytes_per_task(out) : 0.0);
	return 0;
}

/* Runs this program as a child; fills its time and bytes per task. */
static int run_child(const char *lib, const char *out, long n, double *secs, double *bytes)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "%s%s%s%s%s /proc/%d/exe --child --tasks %ld",
		 lib ? "TASKLEAK_RT_OUT='" : "", lib ? out : "", lib ? "' LD_PRELOAD='" : "",
		 lib ? lib : "", lib ? "'" : "", (int)getpid(), n);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	int got = fscanf(p, "%lf %lf", secs, bytes);
	int st = pclose(p);
	return got == 2 && st == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	long n = 1000000, repeat = 1;
	const char *lib = NULL;
	int is_child = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tasks") && i + 1 < argc)
			n = atol(argv[++i]);
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atol(argv[++i]);
		else if (!strcmp(argv[i], "--lib") && i + 1 < argc)
			lib = argv[++i];
		else if (!strcmp(argv[i], "--child"))
			is_child = 1;
		else {
			fprintf(stderr, "usage: runtime_overhead --lib PATH [--tasks N] [--repeat R]\n");
			return 2;
		}
	}
	if (is_child)
		return child(n);
	if (!lib || n <= 0 || repeat <= 0) {
		fprintf(stderr, "usage: runtime_overhead --lib PATH [--tasks N] [--repeat R]\n");
		return 2;
	}
	char out[] = "/tmp/tl-rt-bench-XXXXXX";
	int fd = mkstemp(out);
	if (fd < 0)
		return 3;
	close(fd);
	double best_plain = 1e30, best_rt = 1e30, secs, bytes = 0, b;
	for (long r = 0; r < repeat; r++) {
		int rc = run_child(NULL, out, n, &secs, &b);
		if (!rc) {
			best_plain = secs < best_plain ? secs : best_plain;
			rc = run_child(lib, out, n, &secs, &bytes);
		}
		if (rc) {
			fprintf(stderr, "runtime_overhead: a child run failed\n");
			unlink(out);
			return 3;
		}
		best_rt = secs < best_rt ? secs : best_rt;
	}
	unlink(out);
	printf("tasks                %ld (spawn + join, one at a time)\n", n);
	printf("without the library  %.3f s (%.2f us per task)\n", best_plain, best_plain * 1e6 / (double)n);
	printf("with libtaskleak-rt  %.3f s (%.2f us per task)\n", best_rt, best_rt * 1e6 / (double)n);
	printf("ratio                %.3fx (target <= 1.20x)\n", best_rt / best_plain);
	printf("bytes per tracked task %.0f (table bytes / live tasks, %d live)\n", bytes, LIVE);
	return 0; /* figures, not a timed test: ctest only runs it small */
}
