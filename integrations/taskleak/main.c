/*
 * main.c - the taskleak command: global options, then a table lookup of
 * the subcommand, which gets the remaining arguments (argv[0] = its name).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB ".taskleak/findings.db"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, const struct tl_global *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "scan", cmd_scan, "analyze a project and store the run" },
	{ "import", cmd_import, "store clang plist or SARIF reports as a run" },
	{ "merge", cmd_merge, "join the shard databases of a sharded scan as one run" },
	{ "list", cmd_list, "list findings" },
	{ "show", cmd_show, "show one finding with its path" },
	{ "triage", cmd_triage, "set a finding's triage status" },
	{ "diff", cmd_diff, "compare two runs" },
	{ "runs", cmd_runs, "list the stored runs" },
	{ "stats", cmd_stats, "count findings by status and rule" },
	{ "rules", cmd_rules, "list the rules, or describe one" },
	{ "models", cmd_models, "check API model files" },
	{ "export", cmd_export, "write a run as SARIF, GitLab Code Quality or rdjson" },
	{ "report", cmd_report, "write a run as a static HTML report" },
};

static const char usage[] =
	"usage: taskleak [--db FILE|URL] COMMAND [ARGS]\n"
	"\n"
	"  --db FILE   findings database (default: $TASKLEAK_DB or " DEFAULT_DB "),\n"
	"  --db URL    or a PostgreSQL one: postgresql://[user[:password]@]host/dbname\n"
	"  --version   print the version\n"
	"\n"
	"commands:\n";

static int print_usage(FILE *f)
{
	fputs(usage, f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'taskleak COMMAND --help' describes a command.\n"
	      "exit status: 0 ok, 1 gate tripped (--fail-on), 2 bad usage or input,\n"
	      "3 analysis or database failure\n", f);
	return 0;
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct tl_global g = { getenv("TASKLEAK_DB") };
	int i = 1;
	if (!g.db_path || !*g.db_path)
		g.db_path = DEFAULT_DB;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			g.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			g.db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_usage(stdout);
			return tl_finish_stdout(EXIT_OK);
		} else if (!strcmp(argv[i], "--version")) {
			printf("taskleak %s (clang %s)\n", TASKLEAK_VERSION, TASKLEAK_CLANG_VERSION);
			return tl_finish_stdout(EXIT_OK);
		} else {
			fprintf(stderr, "taskleak: unknown option '%s' (see 'taskleak --help')\n",
				argv[i]);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	const struct command *c = find(argv[i]);
	if (!c) {
		fprintf(stderr, "taskleak: '%s' is not a taskleak command (see 'taskleak --help')\n",
			argv[i]);
		return EXIT_USAGE;
	}
	return c->fn(argc - i, argv + i, &g);
}
