/*
 * cmd_report.c - `taskleak report --html DIR`: a static HTML report of a
 * run (integrations/report/html_report.h).
 */
#include "cli.h"
#include "export/export.h"
#include "report/html_report.h"
#include "store/store.h"
#include "store/store_snapshot.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak report --html DIR [--run RUN] [--baseline RUN]\n"
	"\n"
	"Writes a static HTML report of one run (default: the latest) into DIR:\n"
	"DIR/index.html counts the findings by rule and detection status and lists\n"
	"them (sortable, filterable by rule, file, status and triage; 1,000 a page:\n"
	"index-2.html, ...), and DIR/f/ has a page per finding with its path drawn\n"
	"over the source, the rule's help, its triage history and the comment that\n"
	"suppresses it. Links are relative and nothing is fetched: open index.html\n"
	"from disk or keep DIR as a CI artifact. Sources are read from the run's root;\n"
	"files outside it are not embedded.\n"
	"\n"
	"  --html DIR      the folder to write (made when missing)\n"
	"  --run RUN       the run: its name, number, 'latest' or 'previous'\n"
	"  --baseline RUN  detection status against RUN (default: the run before)\n"
	"\n"
	"Exit status: 0 ok, 2 bad usage or no such run, 3 the database or the output\n"
	"failed.\n";

struct report_req {
	const char *dir, *run, *baseline;
};

static int report(struct tl_store *s, const struct report_req *q, struct tl_html_stats *st,
		  char **err)
{
	struct tl_catalog cat = { 0 };
	struct tl_export_set set;
	struct tl_export_opts eo = { 0, 0, 1 };
	int rc = tl_store_find_run(s, q->run ? q->run : "latest", &eo.run, err);
	if (!rc && q->baseline)
		rc = tl_store_find_run(s, q->baseline, &eo.baseline, err);
	else if (!rc)
		rc = tl_store_previous_run(s, eo.run, &eo.baseline, err);
	if (!rc)
		rc = tl_load_catalog(&cat, err);
	if (!rc && !(rc = tl_export_collect(s, &eo, &set, err))) {
		struct tl_html_opts ho = { q->dir, &cat, s, "taskleak " TASKLEAK_VERSION, 0 };
		rc = tl_html_report(&set, &ho, st, err);
		tl_export_set_free(&set);
	}
	tl_catalog_free(&cat);
	return rc;
}

int cmd_report(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "html", required_argument, NULL, 'H' },
		{ "run", required_argument, NULL, 'r' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_req q = { 0 };
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H': q.dir = optarg; break;
		case 'r': q.run = optarg; break;
		case 'b': q.baseline = optarg; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("report", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind < argc)
		return tl_usage_error("report", "unexpected argument '%s'", argv[optind]);
	if (!q.dir || !*q.dir)
		return tl_usage_error("report", "give --html DIR");
	char *err = NULL;
	struct tl_store *s;
	struct tl_html_stats st;
	int rc = tl_store_open(g->db_path, 0, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	/* one view of the database for the whole report */
	if (!(rc = tl_store_snapshot_begin(s, &err)))
		rc = report(s, &q, &st, &err);
	tl_store_snapshot_end(s);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	printf("%s/index.html: %zu finding(s), %zu index page(s), %zu bytes\n", q.dir,
	       st.findings, st.index_pages, st.bytes);
	if (st.not_embedded)
		fprintf(stderr, "taskleak report: %zu source file(s) not embedded (outside the "
			"run's root or unreadable)\n", st.not_embedded);
	return tl_finish_stdout(EXIT_OK);
}
