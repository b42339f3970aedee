/* cmd_stats.c - `taskleak stats`: counts by detection, triage and rule. */
#include "cli.h"
#include "store/store.h"

#include <string.h>

static const char usage[] =
	"usage: taskleak stats\n"
	"\n"
	"Counts all findings by detection status (in the latest run) and by triage\n"
	"status, and open findings by rule.\n";

static int print_stat(void *arg, const struct tl_stat_row *r)
{
	char *group = arg; /* the group printed last; rows do not outlive the call */
	if (strcmp(group, r->group)) {
		printf("%s%s:\n", *group ? "\n" : "", !strcmp(r->group, "rule") ?
		       "open findings by rule" : r->group);
		snprintf(group, 16, "%s", r->group);
	}
	printf("  %-40s %8ld\n", tl_shown(r->key), r->count);
	return 0;
}

int cmd_stats(int argc, char **argv, const struct tl_global *g)
{
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return tl_help(usage);
	if (argc > 1)
		return tl_usage_error("stats", "unexpected argument '%s'", argv[1]);
	char *err = NULL;
	struct tl_store *s;
	int rc = tl_store_open(g->db_path, 0, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	char group[16] = "";
	rc = tl_store_stats(s, print_stat, group, &err);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	return tl_finish_stdout(EXIT_OK);
}
