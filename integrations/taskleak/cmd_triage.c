/* cmd_triage.c - `taskleak triage ID --as STATUS`: review a finding. */
#include "cli.h"
#include "store/store.h"

#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: taskleak triage ID --as unreviewed|confirmed|false-positive|intentional|wont-fix\n"
	"                       [--note TEXT] [--by NAME]\n"
	"\n"
	"Sets the triage status of a finding; it holds in every later run, and each\n"
	"change is kept as an event (who, when, from, to, note). false-positive,\n"
	"intentional and wont-fix suppress the finding: it leaves `list` and never\n"
	"trips `--fail-on`.\n"
	"\n"
	"  --as STATUS  the new status\n"
	"  --note TEXT  why\n"
	"  --by NAME    who (default: $TASKLEAK_USER, else the login name)\n";

static const char *who(void)
{
	const char *u = getenv("TASKLEAK_USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	u = getenv("USER");
	return u && *u ? u : "unknown";
}

int cmd_triage(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL, *note = NULL, *by = NULL, *idarg = NULL;
	int c;
	opterr = 0;
	optind = 0;
	/* permute: the ID may come before or after the options */
	while ((c = getopt_long(argc, argv, "-h", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (idarg)
				return tl_usage_error("triage", "unexpected argument '%s'", optarg);
			idarg = optarg;
			break;
		case 'a': to = optarg; break;
		case 'n': note = optarg; break;
		case 'b': by = optarg; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("triage", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (!idarg)
		return tl_usage_error("triage", "give a finding ID");
	if (!to)
		return tl_usage_error("triage", "give the new status with --as");
	if (!tl_triage_valid(to))
		return tl_usage_error("triage", "--as takes unreviewed, confirmed, false-positive, "
				      "intentional or wont-fix, not '%s'", to);
	char *err = NULL, *from = NULL;
	struct tl_store *s;
	int64_t id;
	int rc = tl_store_open(g->db_path, TL_STORE_WRITE, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	if (!(rc = tl_store_resolve_id(s, idarg, &id, &err)))
		rc = tl_store_triage(s, id, to, note, by ? by : who(), &from, &err);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	printf("%s: %s -> %s\n", idarg, from, to);
	free(from);
	return tl_finish_stdout(EXIT_OK);
}
