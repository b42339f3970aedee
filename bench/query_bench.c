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
 * --db URL builds into an empty PostgreSQL database (bench/store_postgres.sh).
 */
#include "bench_util.h"
#include "common/strbuf.h"
#include "store/store.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPEAT 7

extern char **environ;

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
	waitpid(pid, &status, 0);
	double t = now_s() - t0;
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
	double t[REPEAT];
	run_once(taskleak, db, args); /* warm the page cache */
	for (int i = 0; i < REPEAT; i++)
		t[i] = run_once(taskleak, db, args);
	qsort(t, REPEAT, sizeof(t[0]), cmp_double);
	printf("  %-44s median %6.1f ms  worst %6.1f ms", label, t[REPEAT / 2] * 1e3,
	       t[REPEAT - 1] * 1e3);
	if (budget)
		printf("  (budget 50 ms: %s)", t[REPEAT / 2] * 1e3 <= 50 ? "met" : "NOT met");
	putchar('\n');
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *taskleak = NULL, *keep = NULL;
	long n = 1000000, changed = 1000;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--taskleak") && i + 1 < argc)
			taskleak = argv[++i];
		else if (!strcmp(argv[i], "--findings") && i + 1 < argc)
			n = atol(argv[++i]);
		else if (!strcmp(argv[i], "--changed") && i + 1 < argc)
			changed = atol(argv[++i]);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			keep = argv[++i];
		else
			taskleak = NULL, i = argc;
	}
	if (!taskleak) {
		fprintf(stderr, "usage: query_bench --taskleak PATH [--findings N] [--changed C] [--db FILE]\n");
		return 2;
	}
	char *dir = bench_tmpdir("query-bench");
	struct strbuf db, in1, in2;
	sb_init(&db); sb_init(&in1); sb_init(&in2);
	if (keep)
		sb_adds(&db, keep);
	else
		sb_addf(&db, "%s/findings.db", dir);
	struct stat st = { 0 };
	int url = tl_store_is_url(db.buf); /* a PostgreSQL database: built each time */
	if (url || stat(db.buf, &st) != 0) {
		sb_addf(&in1, "%s/run1", dir);
		sb_addf(&in2, "%s/run2", dir);
		mkdir(in1.buf, 0777);
		mkdir(in2.buf, 0777);
		int files = n >= 100000 ? 100 : 4;
		bench_gen(in1.buf, 0, n, files);
		double t1 = bench_import(db.buf, in1.buf, "run-1");
		bench_rmtree(in1.buf);
		bench_gen(in2.buf, changed, n, files);
		double t2 = bench_import(db.buf, in2.buf, "run-2");
		bench_rmtree(in2.buf);
		mkdir(in2.buf, 0777);
		bench_gen(in2.buf, 2 * changed, n, files);
		double t3 = bench_import(db.buf, in2.buf, "run-3");
		bench_rmtree(in2.buf);
		printf("query_bench: built %ld findings in three runs (%ld resolved, %ld new each time): "
		       "imports took %.1f s, %.1f s and %.1f s\n", n + 2 * changed, changed, changed,
		       t1, t2, t3);
	} else {
		printf("query_bench: reusing %s\n", db.buf);
	}
	if (!url && stat(db.buf, &st) == 0)
		printf("  database %.0f MB\n", st.st_size / 1e6);

	char *list[] = { "list", NULL };
	char *list_new[] = { "list", "--status", "new", NULL };
	char *list_rule[] = { "list", "--rule", "GEN7", "--limit", "100", NULL };
	char *list_file[] = { "list", "--file", "src/f1234*", NULL };
	char *list_json[] = { "list", "--format", "json", NULL };
	char *diff[] = { "diff", NULL };
	char *diff_new[] = { "diff", "--new", NULL };
	char *diff_far[] = { "diff", "run-1", "latest", NULL };
	char *runs[] = { "runs", NULL };
	measure(taskleak, db.buf, "list (open, first 1000)", 1, list);
	measure(taskleak, db.buf, "list --status new", 1, list_new);
	measure(taskleak, db.buf, "list --rule GEN7 --limit 100", 1, list_rule);
	measure(taskleak, db.buf, "list --file 'src/f1234*'", 1, list_file);
	measure(taskleak, db.buf, "list --format json (first 1000)", 1, list_json);
	measure(taskleak, db.buf, "diff (previous..latest: new + resolved)", 1, diff);
	measure(taskleak, db.buf, "diff --new", 1, diff_new);
	measure(taskleak, db.buf, "diff run-1 latest (not adjacent: by changes)", 1, diff_far);
	measure(taskleak, db.buf, "runs", 0, runs);
	if (!keep)
		bench_rmtree(dir);
	else
		rmdir(dir);
	sb_release(&db); sb_release(&in1); sb_release(&in2);
	free(dir);
	return 0;
}
