/* cmd_import.c - `taskleak import`: store report files as one run. */
#include "cli.h"
#include "import/import.h"
#include "store/ingest.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak import [--run NAME] [--root DIR] [--base DIR] [--fail-on new|any|none] PATH...\n"
	"\n"
	"Stores clang plist reports (plist or plist-multi-file; folders are searched\n"
	"for *.plist) or SARIF 2.1.0 files (*.sarif, *.sarif.json) as one run. A run\n"
	"is a snapshot of the whole project: open findings it does not contain are\n"
	"marked resolved.\n"
	"\n"
	"  --run NAME      name of the run (default: run-<number>)\n"
	"  --root DIR      project root; stored paths are relative to it (default: .)\n"
	"  --base DIR      folder relative paths in plists start from (default: .)\n"
	"  --fail-on WHAT  exit 1 when the run has new (or reopened) findings, or any\n"
	"                  open finding; suppressed findings never count (default: none)\n";

int cmd_import(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "root", required_argument, NULL, 'R' },
		{ "base", required_argument, NULL, 'b' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *run = NULL, *root = ".", *base = NULL, *fail_on = "none";
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': run = optarg; break;
		case 'R': root = optarg; break;
		case 'b': base = optarg; break;
		case 'f': fail_on = optarg; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("import", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (strcmp(fail_on, "new") && strcmp(fail_on, "any") && strcmp(fail_on, "none"))
		return tl_usage_error("import", "--fail-on takes new, any or none, not '%s'", fail_on);
	if (optind == argc)
		return tl_usage_error("import", "give at least one report file or folder");

	char *err = NULL;
	int rc;
	struct tl_catalog cat;
	struct tl_import_ctx ctx;
	struct tl_input_list in = { 0 };
	struct tl_store *s = NULL;
	struct tl_run_summary sum = { 0 };
	if ((rc = tl_load_catalog(&cat, &err)))
		return tl_fail(rc, err);
	if ((rc = tl_import_ctx_init(&ctx, root, &cat, &err))) {
		tl_catalog_free(&cat);
		return tl_fail(rc, err);
	}
	for (int i = optind; i < argc && !rc; i++)
		rc = tl_inputs_add(&in, argv[i], base, &err);
	if (!rc)
		rc = tl_store_open(g->db_path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err);
	if (!rc) {
		struct tl_run_info info = { run, ctx.paths.root, NULL, "import", NULL };
		rc = tl_ingest(s, &ctx, &in, &info, &sum, &err);
		/* a failed first import leaves the database it made: another
		 * process may have committed to it meanwhile (see store.h) */
		tl_store_close(s);
	}
	tl_inputs_free(&in);
	tl_import_ctx_free(&ctx);
	tl_catalog_free(&cat);
	if (rc)
		return tl_fail(rc, err);
	tl_print_summary(&sum);
	int code = tl_gate(fail_on, &sum);
	tl_run_summary_free(&sum);
	return tl_finish_stdout(code);
}
