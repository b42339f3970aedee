/* cmd_diff.c - `taskleak diff [BASE [NEW]]`: what changed between runs. */
#include "cli.h"
#include "store/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak diff [BASE_RUN [NEW_RUN]] [--new] [--resolved] [--unchanged]\n"
	"\n"
	"Compares two runs by fingerprint (default: the previous and the latest run;\n"
	"a run is named by its name, its number, 'latest' or 'previous'). Each line\n"
	"says new, reopened (seen before BASE, not in BASE, back in NEW), resolved\n"
	"(in BASE, gone from NEW) or unchanged. Without a filter, new, reopened and\n"
	"resolved findings are listed; --unchanged adds the unchanged ones.\n";

struct diff_state {
	int colour;
	long counts[4]; /* new, reopened, resolved, unchanged */
};

static int print_row(void *arg, const struct tl_finding_row *r)
{
	struct diff_state *st = arg;
	const char *d = r->detection;
	st->counts[!strcmp(d, "new") ? 0 : !strcmp(d, "reopened") ? 1 :
		   !strcmp(d, "resolved") ? 2 : 3]++;
	printf("%s%-9s%s %.10s %-28s %s:%d:%d: %s\n", tl_status_colour(d, st->colour), d,
	       tl_colour_reset(st->colour), r->fingerprint, tl_shown(r->rule), tl_shown(r->file),
	       r->line, r->col, tl_shown(r->message));
	return 0;
}

int cmd_diff(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "new", no_argument, NULL, 'n' },
		{ "resolved", no_argument, NULL, 'r' },
		{ "unchanged", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *refs[2] = { NULL, NULL };
	int nrefs = 0, which = 0, c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "-h", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (nrefs == 2)
				return tl_usage_error("diff", "unexpected argument '%s'", optarg);
			refs[nrefs++] = optarg;
			break;
		case 'n': which |= TL_DIFF_NEW; break;
		case 'r': which |= TL_DIFF_RESOLVED; break;
		case 'u': which |= TL_DIFF_UNCHANGED; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("diff", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (!which)
		which = TL_DIFF_NEW | TL_DIFF_RESOLVED;
	char *err = NULL;
	struct tl_store *s;
	int64_t base = 0, head = 0;
	int rc = tl_store_open(g->db_path, 0, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	rc = tl_store_find_run(s, nrefs == 2 ? refs[1] : "latest", &head, &err);
	if (!rc && nrefs >= 1)
		rc = tl_store_find_run(s, refs[0], &base, &err);
	else if (!rc)
		rc = tl_store_previous_run(s, head, &base, &err);
	struct diff_state st = { tl_colour(stdout), { 0 } };
	if (!rc)
		rc = tl_store_diff(s, base, head, which, print_row, &st, &err);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	fprintf(stderr, "%ld new, %ld reopened, %ld resolved", st.counts[0], st.counts[1],
		st.counts[2]);
	if (which & TL_DIFF_UNCHANGED)
		fprintf(stderr, ", %ld unchanged", st.counts[3]);
	fputc('\n', stderr);
	return tl_finish_stdout(EXIT_OK);
}
