/* cmd_runs.c - `taskleak runs`: the stored runs, oldest first. */
#include "cli.h"
#include "store/store.h"

#include <string.h>

static const char usage[] =
	"usage: taskleak runs\n"
	"\n"
	"Lists the runs in the database, oldest first: number, name, when it\n"
	"finished, how it was made (scan or import), the tool, and how many\n"
	"findings were new, unchanged, reopened and resolved in it.\n";

static int print_run(void *arg, const struct tl_run_row *r)
{
	(void)arg;
	printf("%4lld  %-20s %-20s %-6s %5d new %5d unchanged %5d reopened %5d resolved  %s\n",
	       (long long)r->id, tl_shown(r->name), r->finished_at ? r->finished_at : "-",
	       tl_shown(r->source), r->n_new, r->n_unchanged, r->n_reopened, r->n_resolved,
	       tl_shown(r->tool ? r->tool : ""));
	return 0;
}

int cmd_runs(int argc, char **argv, const struct tl_global *g)
{
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return tl_help(usage);
	if (argc > 1)
		return tl_usage_error("runs", "unexpected argument '%s'", argv[1]);
	char *err = NULL;
	struct tl_store *s;
	int rc = tl_store_open(g->db_path, 0, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	rc = tl_store_runs(s, print_run, NULL, &err);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	return tl_finish_stdout(EXIT_OK);
}
