/*
 * cmd_export.c - `taskleak export`: one run as SARIF (GitHub code
 * scanning), GitLab Code Quality JSON or reviewdog rdjson.
 */
#include "cli.h"
#include "common/strbuf.h"
#include "export/export.h"
#include "export/limits.h"
#include "export/gitlab.h"
#include "export/rdjson.h"
#include "export/sarif.h"
#include "store/store.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: taskleak export --format sarif|gitlab|rdjson [--run RUN] [--baseline RUN]\n"
	"                       [--include-suppressed] [--category NAME] [-o FILE]\n"
	"\n"
	"Writes the findings of one run (default: the latest) for code review:\n"
	"\n"
	"  sarif    SARIF 2.1.0 for GitHub code scanning: relative URIs under %SRCROOT%,\n"
	"           GitHub's primaryLocationLineHash, rules with help from rules/, the\n"
	"           path as a code flow\n"
	"  gitlab   GitLab Code Quality JSON (artifacts:reports:codequality)\n"
	"  rdjson   reviewdog Diagnostic JSON (reviewdog -f=rdjson)\n"
	"\n"
	"  --run RUN             the run: its name, number, 'latest' or 'previous'\n"
	"  --baseline RUN        mark results new, unchanged, updated or absent against\n"
	"                        RUN (SARIF baselineState; absent ones only in SARIF).\n"
	"                        Not for GitHub uploads: GitHub ignores baselineState\n"
	"                        and would show absent results as alerts\n"
	"  --include-suppressed  keep findings triaged false-positive or intentional\n"
	"                        (SARIF marks them as suppressions; GitHub ignores those,\n"
	"                        so by default they are left out)\n"
	"  --category NAME       SARIF automationDetails.id is NAME/RUN (default: taskleak)\n"
	"  -o FILE               write to FILE (default: standard output)\n"
	"\n"
	"Past GitHub's limits (25,000 results, 10 MB gzipped) a warning says how many\n"
	"results were left out; the most severe are kept. The project's sources must be\n"
	"readable under the run's root for the line hashes.\n"
	"\n"
	"Exit status: 0 ok, 2 bad usage or no such run, 3 the database or the output\n"
	"file failed.\n";

/* Writes text to path through a temporary file, or to stdout. */
static int write_out(const char *path, const char *text, char **err)
{
	if (!path || !strcmp(path, "-")) {
		fputs(text, stdout);
		fputc('\n', stdout);
		return TL_OK;
	}
	/* not a regular file (/dev/null, a pipe): write in place; renaming a
	 * temporary file over it would replace the device with a file */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		FILE *f = fopen(path, "w");
		int bad = !f || fputs(text, f) < 0 || fputc('\n', f) < 0;
		if (f)
			bad |= fclose(f) != 0;
		return bad ? tl_error_errno(err, TL_E_DB, "cannot write '%s'", path) : TL_OK;
	}
	struct strbuf tmp;
	sb_init(&tmp);
	sb_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp.buf, "w");
	int rc = TL_OK;
	if (!f) {
		rc = tl_error_errno(err, TL_E_DB, "cannot write '%s'", path);
	} else {
		int bad = fputs(text, f) < 0 || fputc('\n', f) < 0;
		bad |= fclose(f) != 0;
		if (bad || rename(tmp.buf, path)) {
			rc = tl_error_errno(err, TL_E_DB, "cannot write '%s'", path);
			unlink(tmp.buf);
		}
	}
	sb_release(&tmp);
	return rc;
}

static void warn_limits(const struct tl_export_report *rep, const struct tl_export_set *set)
{
	if (rep->over_results)
		fprintf(stderr, "taskleak export: warning: %zu results exceed GitHub's limit of %d "
			"per run: kept the %zu most severe\n", set->n, TL_GITHUB_MAX_RESULTS,
			rep->written);
	if (rep->over_size)
		fprintf(stderr, "taskleak export: warning: the SARIF file exceeded GitHub's limit of "
			"10 MB gzipped: kept the %zu most severe of %zu results (%zu bytes gzipped)\n",
			rep->written, set->n, rep->gzip_size);
	if (rep->unhashed)
		fprintf(stderr, "taskleak export: warning: %zu result(s) have no primaryLocationLineHash: "
			"their source lines cannot be read under '%s'\n", rep->unhashed,
			set->run.root ? set->run.root : ".");
	if (rep->flows_cut)
		fprintf(stderr, "taskleak export: warning: %zu code flow(s) cut to GitHub's limit of "
			"10000 steps\n", rep->flows_cut);
}

int tl_export_run(struct tl_store *s, const struct tl_export_request *req, char **err)
{
	struct tl_catalog cat = { 0 };
	struct tl_export_set set;
	struct tl_export_opts eo = { 0, 0, req->include_suppressed };
	struct tl_export_report rep = { 0 };
	char *text = NULL;
	int rc = tl_store_find_run(s, req->run ? req->run : "latest", &eo.run, err);
	if (!rc && req->baseline)
		rc = tl_store_find_run(s, req->baseline, &eo.baseline, err);
	if (!rc)
		rc = tl_load_catalog(&cat, err);
	if (rc) {
		tl_catalog_free(&cat);
		return rc;
	}
	if ((rc = tl_export_collect(s, &eo, &set, err))) {
		tl_catalog_free(&cat);
		return rc;
	}
	if (!strcmp(req->format, "sarif")) {
		struct tl_sarif_opts so = { &cat, TASKLEAK_VERSION, req->category, 0, 0, 0 };
		rc = tl_sarif_render(&set, &so, &text, &rep, err);
	} else if (!strcmp(req->format, "gitlab")) {
		rc = tl_gitlab_render(&set, &cat, &text, err);
	} else {
		rc = tl_rdjson_render(&set, &cat, &text, err);
	}
	if (!rc)
		rc = write_out(req->out, text, err);
	if (!rc)
		warn_limits(&rep, &set);
	free(text);
	tl_export_set_free(&set);
	tl_catalog_free(&cat);
	return rc;
}

int cmd_export(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "run", required_argument, NULL, 'r' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "include-suppressed", no_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tl_export_request req = { 0 };
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': req.format = optarg; break;
		case 'r': req.run = optarg; break;
		case 'b': req.baseline = optarg; break;
		case 's': req.include_suppressed = 1; break;
		case 'c': req.category = optarg; break;
		case 'o': req.out = optarg; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("export", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind < argc)
		return tl_usage_error("export", "unexpected argument '%s'", argv[optind]);
	if (!req.format)
		return tl_usage_error("export", "give --format sarif, gitlab or rdjson");
	if (strcmp(req.format, "sarif") && strcmp(req.format, "gitlab") && strcmp(req.format, "rdjson"))
		return tl_usage_error("export", "--format takes sarif, gitlab or rdjson, not '%s'",
				      req.format);
	if (req.category && (!*req.category || strchr(req.category, ' ')))
		return tl_usage_error("export", "--category takes a name without spaces, not '%s'",
				      req.category);
	char *err = NULL;
	struct tl_store *s;
	int rc = tl_store_open(g->db_path, 0, &s, &err);
	if (rc)
		return tl_fail(rc, err);
	rc = tl_export_run(s, &req, &err);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	return tl_finish_stdout(EXIT_OK);
}
