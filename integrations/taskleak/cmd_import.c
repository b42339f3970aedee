/* cmd_import.c - `taskleak import`: store report files as one run. */
#include "cli.h"
#include "import/import.h"
#include "import/runtime.h"
#include "store/ingest.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak import [--run NAME] [--root DIR] [--base DIR] [--fail-on new|any|none] PATH...\n"
	"       taskleak import --runtime [--run NAME] [--root DIR] [--fail-on ...] FILE...\n"
	"\n"
	"Stores clang plist reports (plist or plist-multi-file; folders are searched\n"
	"for *.plist) or SARIF 2.1.0 files (*.sarif, *.sarif.json) as one run. A run\n"
	"is a snapshot of the whole project: open findings it does not contain are\n"
	"marked resolved.\n"
	"\n"
	"With --runtime, the files are libtaskleak-rt reports (JSON lines, see\n"
	"runtime/README.md): a static finding whose spawn call leaked at run time\n"
	"is marked confirmed; a leak no finding explains becomes a TL101R finding.\n"
	"Such a run resolves only TL101R findings, and a scan never does.\n"
	"\n"
	"  --runtime       the files are run-time reports\n"
	"  --run NAME      name of the run (default: run-<number>)\n"
	"  --root DIR      project root; stored paths are relative to it (default: .)\n"
	"  --base DIR      folder relative paths in plists start from (default: .)\n"
	"  --fail-on WHAT  exit 1 when the run has new (or reopened) findings, or any\n"
	"                  open finding; suppressed findings never count (default: none)\n";

/* The run-time files as one run (source "runtime"). */
static int import_runtime(struct tl_store *s, struct tl_import_ctx *ctx, const char *run,
			  char **files, int n, struct tl_run_summary *sum,
			  struct tl_rt_outcome *out, char **err)
{
	struct tl_rt_set leaks;
	struct tl_run_tx *tx;
	int rc = TL_OK;
	tl_rt_set_init(&leaks);
	for (int i = 0; i < n && !rc; i++)
		rc = tl_rt_read(files[i], &leaks, err);
	struct tl_run_info info = { run, ctx->paths.root, "libtaskleak-rt", "runtime", NULL, NULL };
	if (!rc && !(rc = tl_run_begin(s, &info, &tx, err))) {
		if ((rc = tl_run_add_runtime(tx, ctx, &leaks, out, err)))
			tl_run_abort(tx);
		else
			rc = tl_run_commit(tx, sum, err);
	}
	if (!rc && leaks.unplaced)
		fprintf(stderr, "taskleak: %d leaked tasks had no file:line (build with -g to "
			"place them)\n", leaks.unplaced);
	tl_rt_set_free(&leaks);
	return rc;
}

static void print_runtime(const struct tl_rt_outcome *o)
{
	printf("run time: %d leak sites, %d confirmed %d static findings, %d missed by the "
	       "analysis (%s)\n", o->sites, o->confirmed, o->findings, o->missed, TL_RUNTIME_RULE);
}

/* One run into the database: the report inputs, or the run-time files
 * when rt_files is set. */
static int store_run(const struct tl_global *g, struct tl_import_ctx *ctx,
		     const struct tl_input_list *in, const char *run, char **rt_files, int n,
		     struct tl_run_summary *sum, struct tl_rt_outcome *rt, char **err)
{
	struct tl_store *s = NULL;
	int rc = tl_store_open(g->db_path, TL_STORE_CREATE | TL_STORE_WRITE, &s, err);
	if (rc)
		return rc;
	struct tl_run_info info = { run, ctx->paths.root, NULL, "import", NULL, NULL };
	if (rt_files)
		rc = import_runtime(s, ctx, run, rt_files, n, sum, rt, err);
	else
		rc = tl_ingest(s, ctx, in, &info, sum, err);
	/* a failed first import leaves the database it made: another process
	 * may have committed to it meanwhile (see store.h) */
	tl_store_close(s);
	return rc;
}

/* The command line's reports, read under one catalog and path context. */
struct import_req {
	const char *run, *root, *base;
	int runtime;
	char **files;
	int nfiles;
};

static int import_all(const struct tl_global *g, const struct import_req *r,
		      struct tl_run_summary *sum, struct tl_rt_outcome *rt, char **err)
{
	int rc;
	struct tl_catalog cat;
	struct tl_import_ctx ctx;
	struct tl_input_list in = { 0 };
	if ((rc = tl_load_catalog(&cat, err)))
		return rc;
	if ((rc = tl_import_ctx_init(&ctx, r->root, &cat, err))) {
		tl_catalog_free(&cat);
		return rc;
	}
	for (int i = 0; i < r->nfiles && !rc && !r->runtime; i++)
		rc = tl_inputs_add(&in, r->files[i], r->base, err);
	if (!rc)
		rc = store_run(g, &ctx, &in, r->run, r->runtime ? r->files : NULL, r->nfiles,
			       sum, rt, err);
	tl_inputs_free(&in);
	tl_import_ctx_free(&ctx);
	tl_catalog_free(&cat);
	return rc;
}

int cmd_import(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "root", required_argument, NULL, 'R' },
		{ "base", required_argument, NULL, 'b' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "runtime", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *run = NULL, *root = ".", *base = NULL, *fail_on = "none";
	int c, runtime = 0;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': run = optarg; break;
		case 'R': root = optarg; break;
		case 'b': base = optarg; break;
		case 'f': fail_on = optarg; break;
		case 't': runtime = 1; break;
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

	struct import_req req = { run, root, base, runtime, argv + optind, argc - optind };
	struct tl_run_summary sum = { 0 };
	struct tl_rt_outcome rt = { 0 };
	char *err = NULL;
	int rc = import_all(g, &req, &sum, &rt, &err);
	if (rc)
		return tl_fail(rc, err);
	tl_print_summary(&sum);
	if (runtime)
		print_runtime(&rt);
	int code = tl_gate(fail_on, &sum);
	tl_run_summary_free(&sum);
	return tl_finish_stdout(code);
}
