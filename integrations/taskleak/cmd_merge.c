/*
 * cmd_merge.c - `taskleak merge`: join the shard databases of one sharded
 * scan (`scan --shard I/N`) into the database as one run; with --all,
 * copy a whole store into an empty one (SQLite into PostgreSQL and back).
 */
#include "cli.h"
#include "scan/shard.h"
#include "store/store_merge.h"
#include "store/store_copy.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: taskleak merge [--run NAME] [--fail-on new|any|none] SHARD_DB...\n"
	"       taskleak merge --all STORE\n"
	"\n"
	"Joins the shard databases of one sharded scan ('taskleak scan --shard I/N',\n"
	"one database per shard) into the database (--db) as one run, and prints,\n"
	"per rule, how many findings are new, unchanged, reopened and resolved\n"
	"against the database's previous run, as an unsharded scan would. The\n"
	"latest run of each shard database is taken; all N shards must be given,\n"
	"each once, from the same compilation database and project root.\n"
	"Triage stays on the database's findings; taskleak-ignore comments carry\n"
	"over from the shards.\n"
	"\n"
	"  --run NAME      name of the merged run (default: the shards' run name when\n"
	"                  they share one, else run-<number>)\n"
	"  --fail-on WHAT  exit 1 when the merged run has new (or reopened) findings,\n"
	"                  or any open finding (default: none)\n"
	"  --all           copy every run, finding, occurrence, triage event and\n"
	"                  run-time leak of STORE (a file or a postgresql:// URL),\n"
	"                  ids included, into the database, which must be empty:\n"
	"                  moves a SQLite store into PostgreSQL and back\n"
	"\n"
	"Exit status: 0 ok, 1 the --fail-on gate tripped, 2 bad usage, shards\n"
	"that are not the N parts of one scan, or --all into a database that is\n"
	"not empty, 3 a database failed (or cannot be reached).\n";

/* Opens and reads each shard; refuses the target among them. */
static int read_shards(char **paths, size_t n, const char *target, struct tl_store **st,
		       struct tl_shard_run *v, char **err)
{
	char real_target[PATH_MAX], real[PATH_MAX];
	int have_target = realpath(target, real_target) != NULL;
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (have_target && realpath(paths[i], real) && !strcmp(real, real_target))
			return tl_error(err, TL_E_USAGE, "%s is the database merged into, not a shard",
					paths[i]);
		if (access(paths[i], R_OK))
			return tl_error_errno(err, TL_E_INPUT, "cannot read shard database '%s'",
					      paths[i]);
		if ((rc = tl_store_open(paths[i], 0, &st[i], err)) ||
		    (rc = tl_shard_run_read(st[i], &v[i], err)))
			return rc;
	}
	return tl_shard_runs_check(v, n, err);
}

/* One run in the target from every shard's partial run. */
static int write_merged(struct tl_store *s, struct tl_store **st, const struct tl_shard_run *v,
			size_t n, const char *name, const char *command,
			struct tl_run_summary *sum, char **err)
{
	struct tl_shard whole = { 0, 0, v[0].units_total, v[0].units_total, "" };
	memcpy(whole.units_hash, v[0].units_hash, sizeof(whole.units_hash) - 1);
	if (!name) {
		name = v[0].name;
		for (size_t i = 1; i < n && name; i++)
			if (strcmp(v[i].name, name))
				name = NULL;
	}
	struct tl_run_info info = { name, v[0].root, v[0].tool, "merge", command, &whole };
	struct tl_run_tx *tx;
	int rc = tl_run_begin(s, &info, &tx, err);
	for (size_t i = 0; i < n && !rc; i++)
		if ((rc = tl_run_add_stored(tx, st[i], v[i].run_id, err)))
			tl_run_abort(tx);
	return rc ? rc : tl_run_commit(tx, sum, err);
}

static int parse(int argc, char **argv, const char **run, const char **fail_on, int *all)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "run", required_argument, NULL, 'r' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': *run = optarg; break;
		case 'f': *fail_on = optarg; break;
		case 'a': *all = 1; break;
		case 'h': return -1;
		default:
			return tl_usage_error("merge", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (strcmp(*fail_on, "new") && strcmp(*fail_on, "any") && strcmp(*fail_on, "none"))
		return tl_usage_error("merge", "--fail-on takes new, any or none, not '%s'", *fail_on);
	if (*all && argc - optind != 1)
		return tl_usage_error("merge", "--all takes one store to copy");
	if (optind == argc)
		return tl_usage_error("merge", "give the shard databases to merge");
	return 0;
}

/* merge --all: the whole store src into the (empty) database. */
static int copy_store(const char *src, const char *dst)
{
	char real_src[PATH_MAX], real_dst[PATH_MAX], *err = NULL;
	struct tl_store *from = NULL, *to = NULL;
	struct tl_copy_counts n;
	int rc;
	if (!strcmp(src, dst) || (realpath(src, real_src) && realpath(dst, real_dst) &&
				  !strcmp(real_src, real_dst)))
		rc = tl_error(&err, TL_E_USAGE, "%s is the database copied into", src);
	else if (!(rc = tl_store_open(src, 0, &from, &err)) &&
		 !(rc = tl_store_open(dst, TL_STORE_CREATE | TL_STORE_WRITE, &to, &err)))
		rc = tl_store_copy(from, to, &n, &err);
	if (!rc)
		printf("copied %s into %s: %ld runs, %ld findings, %ld occurrences, "
		       "%ld triage events, %ld run-time leaks\n", from->path, to->path, n.runs,
		       n.findings, n.occurrences, n.triage_events, n.runtime_leaks);
	tl_store_close(from);
	tl_store_close(to);
	return rc ? tl_fail(rc, err) : tl_finish_stdout(0);
}

int cmd_merge(int argc, char **argv, const struct tl_global *g)
{
	const char *run = NULL, *fail_on = "none";
	int all = 0, code = parse(argc, argv, &run, &fail_on, &all);
	if (code)
		return code < 0 ? tl_help(usage) : code;
	if (all)
		return copy_store(argv[optind], g->db_path);
	size_t n = (size_t)(argc - optind);
	struct tl_store **st = calloc(n, sizeof(*st)), *s = NULL;
	struct tl_shard_run *v = calloc(n, sizeof(*v));
	struct tl_run_summary sum = { 0 };
	char *err = NULL, *command = NULL;
	int rc = read_shards(argv + optind, n, g->db_path, st, v, &err);
	if (!rc && !(rc = tl_store_open(g->db_path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err))) {
		size_t len = 1;
		for (int i = 0; i < argc; i++)
			len += strlen(argv[i]) + 1;
		command = calloc(1, len);
		for (int i = 0; i < argc; i++)
			strcat(strcat(command, i ? " " : ""), argv[i]);
		rc = write_merged(s, st, v, n, run, command, &sum, &err);
		tl_store_close(s); /* kept even when new and failed: see store.h */
	}
	long units = v[0].units_total;
	for (size_t i = 0; i < n; i++) {
		tl_shard_run_free(&v[i]);
		tl_store_close(st[i]);
	}
	free(st);
	free(v);
	free(command);
	if (rc)
		return tl_fail(rc, err);
	printf("merged %zu shards (%ld units) into run '%s'\n", n, units, sum.name);
	tl_print_summary(&sum);
	code = tl_gate(fail_on, &sum);
	tl_run_summary_free(&sum);
	return tl_finish_stdout(code);
}
