/*
 * query_bench.c - `list` and `diff` times on a large findings database.
 *
 *   query_bench --taskleak PATH [--findings N] [--changed C] [--db FILE]
 *
 * Builds a database the way users get one, with three imports: run-1 with
 * N findings (default 1,000,000), run-2 with C of them gone and C new
 * (default 1,000), run-3 with C more gone and C more new. Then runs the real command (a process, output to
 * /dev/null, as a user would) several times per query and prints the
 * median and worst wall time. Budget: 50 ms for list and diff.
 * --db FILE reuses (or keeps) the database between runs of the bench;
 * --db URL builds into an empty PostgreSQL database (bench/store_postgres.sh),
 * or with --reuse measures one built before. --nice measures again with
 * the commands (and, given its pid, the server) real-time first.
 */
#include "bench_util.h"
#include "common/strbuf.h"
#include "store/store.h"

#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPEAT 7

extern char **environ;
static double last_cpu; /* CPU seconds of the last command run (user + system) */

static double run_once(const char *taskleak, const char *db, char **args)
{
	char *argv[16];
	int n = 0;
	argv[n++] = (char *)taskleak;
	argv[n++] = "--db";
	argv[n++] = (char *)db;
	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	double t0 = now_s();
	if (posix_spawn(&pid, taskleak, &fa, NULL, argv, environ)) {
		perror("posix_spawn");
		exit(1);
	}
	int status;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	double t = now_s() - t0;
	last_cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
		   (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "query_bench: %s %s failed (status %d)\n", taskleak, argv[3], status);
		exit(1);
	}
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void measure(const char *taskleak, const char *db, const char *label, int budget,
		    char **args)
{
	double t[REPEAT], c[REPEAT];
	run_once(taskleak, db, args); /* warm the page cache */
	for (int i = 0; i < REPEAT; i++) {
		t[i] = run_once(taskleak, db, args);
		c[i] = last_cpu;
	}
	qsort(t, REPEAT, sizeof(t[0]), cmp_double);
	qsort(c, REPEAT, sizeof(c[0]), cmp_double);
	printf("  %-44s median %6.1f ms  worst %6.1f ms  cpu %5.1f ms", label, t[REPEAT / 2] * 1e3,
	       t[REPEAT - 1] * 1e3, c[REPEAT / 2] * 1e3);
	if (budget)
		printf("  (budget 50 ms: %s)", t[REPEAT / 2] * 1e3 <= 50 ? "met" : "NOT met");
	putchar('\n');
	fflush(stdout);
}

/*
 * The same work inside this process: open the store, run the query, print
 * every row (to /dev/null) and close, as `list` and `diff` do, without
 * starting a process: what the command itself costs, beside what starting
 * it costs (loading its shared libraries, libclang's among them).
 */
static FILE *sink;

static int print_row(void *arg, const struct tl_finding_row *r)
{
	(void)arg;
	fprintf(sink, "%.10s %s %s %s %s:%d:%d: %s\n", r->fingerprint, r->detection, r->triage,
		r->rule, r->file, r->line, r->col, r->message);
	return 0;
}

/* One in-process run; *open_s gets the open's share. diff when !f. */
static double inproc_once(const char *db, const struct tl_list_filter *f, double *open_s)
{
	struct tl_store *s;
	char *err = NULL;
	int64_t head = 0, base = 0;
	double t0 = now_s();
	int rc = tl_store_open(db, 0, &s, &err), more;
	*open_s = now_s() - t0;
	if (!rc && f) {
		rc = tl_store_list(s, f, print_row, NULL, &more, &err);
	} else if (!rc) {
		rc = tl_store_find_run(s, "latest", &head, &err);
		if (!rc)
			rc = tl_store_previous_run(s, head, &base, &err);
		if (!rc)
			rc = tl_store_diff(s, base, head, TL_DIFF_NEW | TL_DIFF_RESOLVED, print_row,
					   NULL, &err);
	}
	tl_store_close(s);
	fflush(sink);
	if (rc) {
		fprintf(stderr, "query_bench: %s\n", err);
		exit(1);
	}
	return now_s() - t0;
}

static void measure_inproc(const char *db, const char *label, const struct tl_list_filter *f)
{
	double t[REPEAT], o[REPEAT], c0 = cpu_s(), open_s;
	inproc_once(db, f, &open_s); /* warm */
	c0 = cpu_s();
	for (int i = 0; i < REPEAT; i++)
		t[i] = inproc_once(db, f, &o[i]);
	double cpu = (cpu_s() - c0) / REPEAT;
	qsort(t, REPEAT, sizeof(t[0]), cmp_double);
	qsort(o, REPEAT, sizeof(o[0]), cmp_double);
	printf("  %-44s median %6.1f ms  (open %.1f ms, cpu %.1f ms)  (budget 50 ms: %s)\n",
	       label, t[REPEAT / 2] * 1e3, o[REPEAT / 2] * 1e3, cpu * 1e3,
	       t[REPEAT / 2] * 1e3 <= 50 ? "met" : "NOT met");
	fflush(stdout);
}

/* Three imports into db (see the file comment). */
static void build(const char *db, const char *dir, long n, long changed)
{
	struct strbuf in1, in2;
	sb_init(&in1); sb_init(&in2);
	sb_addf(&in1, "%s/run1", dir);
	sb_addf(&in2, "%s/run2", dir);
	mkdir(in1.buf, 0777);
	mkdir(in2.buf, 0777);
	int files = n >= 100000 ? 100 : 4;
	bench_gen(in1.buf, 0, n, files);
	double t1 = bench_import(db, in1.buf, "run-1");
	bench_rmtree(in1.buf);
	bench_gen(in2.buf, changed, n, files);
	double t2 = bench_import(db, in2.buf, "run-2");
	bench_rmtree(in2.buf);
	mkdir(in2.buf, 0777);
	bench_gen(in2.buf, 2 * changed, n, files);
	double t3 = bench_import(db, in2.buf, "run-3");
	bench_rmtree(in2.buf);
	printf("query_bench: built %ld findings in three runs (%ld resolved, %ld new each time): "
	       "imports took %.1f s, %.1f s and %.1f s\n", n + 2 * changed, changed, changed,
	       t1, t2, t3);
	sb_release(&in1); sb_release(&in2);
}

static void measure_all(const char *taskleak, const char *db)
{
	char *list[] = { "list", NULL };
	char *list_new[] = { "list", "--status", "new", NULL };
	char *list_rule[] = { "list", "--rule", "GEN7", "--limit", "100", NULL };
	char *list_file[] = { "list", "--file", "src/f1234*", NULL };
	char *list_json[] = { "list", "--format", "json", NULL };
	char *diff[] = { "diff", NULL };
	char *diff_new[] = { "diff", "--new", NULL };
	char *diff_far[] = { "diff", "run-1", "latest", NULL };
	char *runs[] = { "runs", NULL };
	char *version[] = { "--version", NULL };
	/* the floor: starting the process, no store opened */
	measure(taskleak, db, "--version (process start)", 0, version);
	measure(taskleak, db, "list (open, first 1000)", 1, list);
	measure(taskleak, db, "list --status new", 1, list_new);
	measure(taskleak, db, "list --rule GEN7 --limit 100", 1, list_rule);
	measure(taskleak, db, "list --file 'src/f1234*'", 1, list_file);
	measure(taskleak, db, "list --format json (first 1000)", 1, list_json);
	measure(taskleak, db, "diff (previous..latest: new + resolved)", 1, diff);
	measure(taskleak, db, "diff --new", 1, diff_new);
	measure(taskleak, db, "diff run-1 latest (not adjacent: by changes)", 1, diff_far);
	measure(taskleak, db, "runs", 0, runs);
	sink = fopen("/dev/null", "w");
	struct tl_list_filter open_list = { "open", NULL, NULL, 1000 };
	printf("  in one process (open, query, print to /dev/null, close):\n");
	measure_inproc(db, "list (open, first 1000)", &open_list);
	measure_inproc(db, "diff (previous..latest: new + resolved)", NULL);
	fclose(sink);
}

/*
 * --nice [--server-pid PID]: the queries first with this process (so the
 * commands it starts) and the PostgreSQL server's postmaster (so the
 * backends it forks for them) in the real-time class (SCHED_FIFO, lowest
 * priority: run as soon as runnable, ahead of ordinary work), then as the
 * machine is: on a machine shared by other work, what the commands take
 * when they need not wait for a core. Root only; the queries are short.
 */
static void measure_undisturbed(const char *taskleak, const char *db, long server)
{
	struct sched_param sp = { .sched_priority = 1 };
	if (sched_setscheduler(0, SCHED_FIFO, &sp) ||
	    (server > 0 && sched_setscheduler((pid_t)server, SCHED_FIFO, &sp))) {
		perror("query_bench: --nice");
		return;
	}
	printf("  undisturbed (commands%s real-time), load average %.60s", server > 0 ?
	       " and server" : "", bench_load());
	measure_all(taskleak, db);
	sp.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &sp);
	if (server > 0)
		sched_setscheduler((pid_t)server, SCHED_OTHER, &sp);
	printf("  as the machine is, load average %.60s", bench_load());
}

int main(int argc, char **argv)
{
	const char *taskleak = NULL, *keep = NULL;
	long n = 1000000, changed = 1000, server = 0;
	int reuse = 0, nice_too = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--taskleak") && i + 1 < argc)
			taskleak = argv[++i];
		else if (!strcmp(argv[i], "--findings") && i + 1 < argc)
			n = atol(argv[++i]);
		else if (!strcmp(argv[i], "--changed") && i + 1 < argc)
			changed = atol(argv[++i]);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			keep = argv[++i];
		else if (!strcmp(argv[i], "--reuse"))
			reuse = 1;
		else if (!strcmp(argv[i], "--nice"))
			nice_too = 1;
		else if (!strcmp(argv[i], "--server-pid") && i + 1 < argc)
			server = atol(argv[++i]);
		else
			taskleak = NULL, i = argc;
	}
	if (!taskleak) {
		fprintf(stderr, "usage: query_bench --taskleak PATH [--findings N] [--changed C] "
			"[--db FILE|URL [--reuse]] [--nice [--server-pid PID]]\n");
		return 2;
	}
	char *dir = bench_tmpdir("query-bench");
	struct strbuf db;
	sb_init(&db);
	if (keep)
		sb_adds(&db, keep);
	else
		sb_addf(&db, "%s/findings.db", dir);
	struct stat st = { 0 };
	/* a PostgreSQL database is built each time, unless --reuse */
	int url = tl_store_is_url(db.buf);
	if (url ? !reuse : stat(db.buf, &st) != 0)
		build(db.buf, dir, n, changed);
	else
		printf("query_bench: reusing %s\n", db.buf);
	if (!url && stat(db.buf, &st) == 0)
		printf("  database %.0f MB\n", st.st_size / 1e6);
	if (nice_too)
		measure_undisturbed(taskleak, db.buf, server);
	measure_all(taskleak, db.buf);
	if (!keep)
		bench_rmtree(dir);
	else
		rmdir(dir);
	sb_release(&db);
	free(dir);
	return 0;
}
