/*
 * cmd_scan.c - `taskleak scan`: analyze a project and store the run.
 *
 *   -p compile_commands.json   clang per translation unit, -j in parallel
 *   -- BUILD COMMAND           the build runs under intercept-build (from
 *                              the same LLVM as clang), then as -p
 *
 * Reports are plist-multi-file (they carry clang's issue hash and the
 * enclosing function) in a temporary folder, imported as one run.
 */
#include "cli.h"
#include "common/fileio.h"
#include "common/strbuf.h"
#include "scan/analyze.h"
#include "scan/shard.h"
#include "store/ingest.h"
#ifdef TASKLEAK_HAVE_INFER
#include "infer/scan_infer.h"
#endif

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: taskleak scan [-j N] [--model FILE]... [--checkers LIST] [--fail-on new|any|none]\n"
	"                     [--sarif FILE] [--plugin FILE] [--clang FILE] [--root DIR]\n"
	"                     [--run NAME] [--keep-reports DIR] [--shard I/N] [--no-infer]\n"
	"                     (-p compile_commands.json | -- BUILD COMMAND ...)\n"
	"\n"
	"Runs clang's static analyzer with the taskleak plugin on every translation\n"
	"unit, stores the run and prints, per rule, how many findings are new,\n"
	"unchanged, reopened and resolved.\n"
	"\n"
	"  -p FILE           compile_commands.json to analyze\n"
	"  -- BUILD ...      run the build under intercept-build and analyze what it compiled\n"
	"  -j N              parallel clang processes (default: number of cores)\n"
	"  --checkers LIST   checkers to enable explicitly, comma-separated (default:\n"
	"                    taskleak); clang's default checkers always run too. A list\n"
	"                    without taskleak needs no plugin.\n"
	"  --model FILE      extra API model file for the plugin (repeatable)\n"
	"  --no-infer        do not infer the project's wrappers first (by default\n"
	"                    'taskleak models infer' runs on the same units, its facts\n"
	"                    cached in .taskleak/infer, and its model file\n"
	"                    .taskleak/project-model.json goes to the plugin)\n"
	"  --plugin FILE     the plugin (default: $TASKLEAK_PLUGIN, else the one built\n"
	"                    with this taskleak when run from its build tree, else the\n"
	"                    installed one for the clang's major version,\n"
	"                    /usr/lib/taskleak/clang-N/taskleak-plugin.so)\n"
	"  --clang FILE      clang to run (default: $TASKLEAK_CLANG, else the clang the\n"
	"                    plugin was built for)\n"
	"  --fail-on WHAT    exit 1 when the run has new (or reopened) findings, or any\n"
	"                    open finding; suppressed ones never count (default: none)\n"
	"  --sarif FILE      also write the run as SARIF (as 'taskleak export --format sarif')\n"
	"  --root DIR        project root; stored paths are relative to it (default: .)\n"
	"  --run NAME        name of the run (default: run-<number>)\n"
	"  --keep-reports DIR  keep clang's plist files in DIR (default: a temporary folder)\n"
"  --shard I/N       analyze only shard I of N (units chosen by a hash of their\n"
"                    path, stable when units are added) and store a partial run,\n"
"                    which resolves nothing; join the N databases with\n"
"                    'taskleak merge'\n"
	"\n"
	"Exit status: 0 ok, 1 the --fail-on gate tripped, 2 bad usage or input,\n"
	"3 the analysis failed (a unit did not compile, the plugin did not load) or\n"
	"the database failed.\n";

struct scan_opts {
	long jobs;
	int no_infer;
	const char *checkers, *fail_on, *sarif, *plugin, *clang, *root, *run, *keep, *compdb;
	struct tl_shard shard; /* count 0: the whole project */
	struct strbuf models; /* ':'-joined */
	char **build;         /* after --, NULL-terminated */
};

static void progress(void *arg, size_t done, size_t total, const char *file)
{
	const char *root = arg;
	size_t n = strlen(root);
	if (!strncmp(file, root, n) && file[n] == '/')
		file += n + 1;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, file);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static int needs_plugin(const char *checkers)
{
	/* taskleak, taskleak.x.Y, alpha.taskleak... anywhere in the list */
	for (const char *p = checkers; p && *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if ((n >= 8 && !strncmp(p, "taskleak", 8)) ||
		    (n >= 14 && !strncmp(p, "alpha.taskleak", 14)))
			return 1;
		p = e ? e + 1 : p + n;
	}
	return 0;
}

/* The plugin records its clang beside it (checker/CMakeLists.txt):
 * refuse a different one, which would fail to load or crash. */
static int check_plugin_clang(const char *plugin, const char *clang, char **err)
{
	struct strbuf p;
	char *text, rc_clang[PATH_MAX], rc_used[PATH_MAX];
	size_t len;
	int rc = TL_OK;
	sb_init(&p);
	sb_adds(&p, plugin);
	char *dot = strrchr(p.buf, '.');
	if (dot && !strcmp(dot, ".so"))
		p.len = (size_t)(dot - p.buf), *dot = '\0';
	sb_adds(&p, ".clang");
	if (!tl_read_file(p.buf, &text, &len, NULL)) {
		text[strcspn(text, "\n")] = '\0';
		char *sp = strchr(text, ' ');
		if (sp)
			*sp = '\0';
		if (realpath(text, rc_clang) && realpath(clang, rc_used) &&
		    strcmp(rc_clang, rc_used))
			rc = tl_error(err, TL_E_ANALYSIS, "%s: plugin built for %s (%s), not for %s",
				      plugin, text, sp ? sp + 1 : "?", clang);
		free(text);
	}
	sb_release(&p);
	return rc;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

/* Runs the build under intercept-build, writing compile_commands.json
 * into dir. */
static int intercept(const struct scan_opts *o, const char *dir, char **cdb, char **err)
{
	char real[PATH_MAX];
	struct strbuf tool, out;
	sb_init(&tool);
	sb_init(&out);
	if (realpath(o->clang, real)) {
		char *d = tl_dirname(real);
		sb_addf(&tool, "%s/intercept-build", d);
		free(d);
	}
	if (!tool.len || access(tool.buf, X_OK)) {
		sb_reset(&tool);
		sb_adds(&tool, "intercept-build");
	}
	sb_addf(&out, "%s/compile_commands.json", dir);
	size_t n = 0;
	while (o->build[n])
		n++;
	char **argv = xcalloc(n + 4, sizeof(*argv));
	argv[0] = tool.buf;
	argv[1] = "--cdb";
	argv[2] = out.buf;
	for (size_t i = 0; i < n; i++)
		argv[3 + i] = o->build[i];
	pid_t pid = fork();
	if (pid == 0) {
		dup2(2, 1); /* the build's output goes to stderr, stdout is ours */
		execvp(argv[0], argv);
		fprintf(stderr, "taskleak: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	free(argv);
	int status = 0, rc = TL_OK;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		rc = tl_error_errno(err, TL_E_ANALYSIS, "cannot run '%s'", tool.buf);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = tl_error(err, TL_E_ANALYSIS, "build command '%s' failed (exit status %d)",
			      o->build[0], WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	sb_release(&tool);
	*cdb = rc ? NULL : sb_detach(&out);
	sb_release(&out);
	return rc;
}

static int parse_shard(const char *arg, struct tl_shard *shard)
{
	char *err = NULL;
	if (!tl_shard_parse(arg, shard, &err))
		return 0;
	int code = tl_usage_error("scan", "%s", err);
	free(err);
	return code;
}

/* After the options: a build command after --, or -p, never both. */
static int check_operands(int argc, char **argv, struct scan_opts *o)
{
	if (optind < argc && !strcmp(argv[optind - 1], "--"))
		o->build = argv + optind;
	else if (optind < argc)
		return tl_usage_error("scan", "unexpected argument '%s' (a build command goes after --)",
				      argv[optind]);
	if (!o->compdb == !o->build)
		return tl_usage_error("scan", "give either -p compile_commands.json or -- BUILD COMMAND");
	if (strcmp(o->fail_on, "new") && strcmp(o->fail_on, "any") && strcmp(o->fail_on, "none"))
		return tl_usage_error("scan", "--fail-on takes new, any or none, not '%s'", o->fail_on);
	return 0;
}

static int parse(int argc, char **argv, struct scan_opts *o)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "model", required_argument, NULL, 'm' },
		{ "checkers", required_argument, NULL, 'c' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "sarif", required_argument, NULL, 's' },
		{ "plugin", required_argument, NULL, 'P' },
		{ "clang", required_argument, NULL, 'C' },
		{ "root", required_argument, NULL, 'R' },
		{ "run", required_argument, NULL, 'r' },
		{ "keep-reports", required_argument, NULL, 'k' },
		{ "no-infer", no_argument, NULL, 'I' },
		{ "shard", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, code;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+hj:p:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (!tl_parse_int(optarg, &o->jobs) || o->jobs < 1)
				return tl_usage_error("scan", "-j takes a positive number, not '%s'", optarg);
			break;
		case 'p': o->compdb = optarg; break;
		case 'm':
			if (o->models.len)
				sb_addc(&o->models, ':');
			sb_adds(&o->models, optarg);
			break;
		case 'c': o->checkers = optarg; break;
		case 'f': o->fail_on = optarg; break;
		case 's': o->sarif = optarg; break;
		case 'P': o->plugin = optarg; break;
		case 'C': o->clang = optarg; break;
		case 'R': o->root = optarg; break;
		case 'r': o->run = optarg; break;
		case 'k': o->keep = optarg; break;
		case 'I': o->no_infer = 1; break;
		case 'S':
			if ((code = parse_shard(optarg, &o->shard)))
				return code;
			break;
		case 'h': return -1;
		default:
			return tl_usage_error("scan", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	return check_operands(argc, argv, o);
}

#ifdef TASKLEAK_HAVE_INFER
static void print_skipped(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "taskleak: inference skips %s\n", msg);
}

/* The project's wrappers, inferred first and handed to the plugin with
 * the --model files. The scan goes on without them if this fails. */
static void infer_project(struct scan_opts *o, const struct tl_compdb *db,
			  const char *root, const char *db_path)
{
	/* a PostgreSQL store has no folder: the cache goes to .taskleak */
	char *state = tl_store_is_url(db_path) ? xstrdup(".taskleak") : tl_dirname(db_path);
	char *model = NULL, *err = NULL;
	struct tl_infer_stats st;
	struct tl_scan_infer_req r = { db, state, root, o->models.len ? o->models.buf : NULL,
				       (int)o->jobs, print_skipped, NULL };
	if (tl_scan_infer(&r, &model, &st, &err)) {
		fprintf(stderr, "taskleak: warning: no project model (%s)\n", err ? err : "?");
		free(err);
	} else if (model) {
		fprintf(stderr, "taskleak: inferred %zu project wrappers, %zu owner fields, %zu entry "
			"summaries (%zu units parsed, %zu cached)\n",
			st.rows, st.owners, st.entries, st.parsed, st.cached);
		if (o->models.len)
			sb_addc(&o->models, ':');
		sb_adds(&o->models, model);
	}
	free(model);
	free(state);
}
#endif

/* A shard says what it covered, and that it is only a part. */
static void print_shard(const struct tl_shard *sh, const struct tl_run_summary *sum)
{
	if (!sh->count)
		return;
	printf("shard %d/%d: analyzed %ld of %ld units; run '%s' is partial (it resolves\n"
	       "nothing): join the %d shard databases with 'taskleak merge'\n",
	       sh->index, sh->count, sh->units, sh->units_total, sum->name, sh->count);
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

/* What one scan holds between its steps; scan_free releases it all. */
struct scan_job {
	struct scan_opts o;
	char tmpl[32];
	const char *outdir;
	char *cdb, *found_plugin;
	int plugin, have_ctx;
	struct tl_compdb db;
	struct tl_input_list in;
	struct tl_catalog cat;
	struct tl_import_ctx ctx;
	struct tl_run_summary sum;
};

/* The plugin matching the clang: --plugin, $TASKLEAK_PLUGIN, the build
 * tree's, or the installed one for this clang's version (locate.c). */
static int resolve_tools(struct scan_job *j, char **err)
{
	struct scan_opts *o = &j->o;
	int rc = TL_OK;
	if (j->plugin && !o->plugin && !(rc = tl_locate_plugin(o->clang, &j->found_plugin, err)))
		o->plugin = j->found_plugin;
	if (rc)
		return rc;
	if (j->plugin && access(o->plugin, R_OK))
		return tl_error_errno(err, TL_E_ANALYSIS, "cannot load the plugin '%s'", o->plugin);
	if (j->plugin && (rc = check_plugin_clang(o->plugin, o->clang, err)))
		return rc;
	if (!j->plugin && o->models.len)
		return tl_error(err, TL_E_USAGE, "--model needs the taskleak checkers (see --checkers)");
	if (access(o->clang, X_OK))
		return tl_error_errno(err, TL_E_ANALYSIS, "cannot run clang '%s'", o->clang);
	return TL_OK;
}

/* Where clang writes its plists: --keep-reports, else a temporary folder
 * that scan_free removes. */
static int make_outdir(struct scan_job *j, char **err)
{
	if (j->o.keep) {
		if (!tl_is_dir(j->o.keep) && mkdir(j->o.keep, 0777))
			return tl_error_errno(err, TL_E_USAGE, "cannot create '%s'", j->o.keep);
		j->outdir = j->o.keep;
		return TL_OK;
	}
	strcpy(j->tmpl, "/tmp/taskleak-scan-XXXXXX");
	if (!(j->outdir = mkdtemp(j->tmpl)))
		return tl_error_errno(err, TL_E_ANALYSIS, "cannot create a temporary folder");
	return TL_OK;
}

/* The units to analyze: the catalog and path context first (they judge
 * paths), then the compilation database, from -p or from the build. */
static int load_units(struct scan_job *j, char **err)
{
	int rc;
	if ((rc = tl_load_catalog(&j->cat, err)) ||
	    (rc = tl_import_ctx_init(&j->ctx, j->o.root, &j->cat, err)))
		return rc;
	j->have_ctx = 1;
	if (j->o.build && (rc = intercept(&j->o, j->outdir, &j->cdb, err)))
		return rc;
	const char *cdb_path = j->o.compdb ? j->o.compdb : j->cdb;
	if ((rc = tl_compdb_load(cdb_path, &j->db, err)))
		return rc;
	if (!j->db.n)
		return tl_error(err, TL_E_INPUT, "%s: no C or C++ translation units to analyze", cdb_path);
	return TL_OK;
}

/* clang on every selected unit, then one import of all its reports. */
static int analyze_and_store(struct scan_job *j, int argc, char **argv,
			     const struct tl_global *g, char **err)
{
	struct scan_opts *o = &j->o;
	struct tl_store *s = NULL;
	struct tl_analyze_opts ao = {
		o->clang, j->plugin ? o->plugin : NULL, o->checkers && *o->checkers ? o->checkers : NULL,
		o->models.len ? o->models.buf : NULL, (int)o->jobs, j->outdir,
		isatty(2) ? progress : NULL, j->ctx.paths.root,
	};
	int rc;
	if ((rc = tl_analyze(&j->db, &ao, &j->in, err)) ||
	    (rc = tl_store_open(g->db_path, TL_STORE_CREATE | TL_STORE_WRITE, &s, err)))
		return rc;
	struct strbuf cmd;
	sb_init(&cmd);
	for (int i = 0; i < argc; i++)
		sb_addf(&cmd, "%s%s", i ? " " : "", argv[i]);
	struct tl_run_info info = { o->run, j->ctx.paths.root, NULL, "scan", cmd.buf, &o->shard };
	rc = tl_ingest(s, &j->ctx, &j->in, &info, &j->sum, err);
	sb_release(&cmd);
	tl_store_close(s); /* kept even when new and failed: see store.h */
	return rc;
}

static void scan_free(struct scan_job *j)
{
	if (j->outdir && !j->o.keep)
		nftw(j->outdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(j->cdb);
	tl_compdb_free(&j->db);
	tl_inputs_free(&j->in);
	if (j->have_ctx)
		tl_import_ctx_free(&j->ctx);
	tl_catalog_free(&j->cat);
	sb_release(&j->o.models);
	free(j->found_plugin);
}

/* --sarif: the stored run written out, as 'taskleak export' would. */
static int export_sarif(const char *db_path, const char *run, const char *file, char **err)
{
	struct tl_export_request req = { "sarif", run, NULL, NULL, file, 0 };
	struct tl_store *s;
	int rc = tl_store_open(db_path, 0, &s, err);
	if (!rc) {
		rc = tl_export_run(s, &req, err);
		tl_store_close(s);
	}
	return rc;
}

static int run_scan(struct scan_job *j, int argc, char **argv, const struct tl_global *g,
		    char **err)
{
	int rc;
	if ((rc = resolve_tools(j, err)) || (rc = make_outdir(j, err)) || (rc = load_units(j, err)))
		return rc;
#ifdef TASKLEAK_HAVE_INFER
	if (j->plugin && !j->o.no_infer)
		infer_project(&j->o, &j->db, j->ctx.paths.root, g->db_path);
#endif
	tl_shard_select(&j->db, &j->ctx.paths, &j->o.shard);
	return analyze_and_store(j, argc, argv, g, err);
}

int cmd_scan(int argc, char **argv, const struct tl_global *g)
{
	struct scan_job j = { 0 };
	struct scan_opts *o = &j.o;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o->jobs = ncpu > 0 ? ncpu : 1;
	o->checkers = "taskleak";
	o->fail_on = "none";
	o->root = ".";
	sb_init(&o->models);
	int code = parse(argc, argv, o);
	if (code) {
		sb_release(&o->models);
		return code < 0 ? tl_help(usage) : code;
	}
	if (!o->clang)
		o->clang = env_or("TASKLEAK_CLANG", TASKLEAK_CLANG);
	j.plugin = needs_plugin(o->checkers);

	char *err = NULL;
	int rc = run_scan(&j, argc, argv, g, &err);
	struct tl_run_summary sum = j.sum;
	const char *sarif = o->sarif, *fail_on = o->fail_on;
	struct tl_shard shard = o->shard;
	scan_free(&j);
	if (rc)
		return tl_fail(rc, err);
	print_shard(&shard, &sum);
	tl_print_summary(&sum);
	if (sarif && (rc = export_sarif(g->db_path, sum.name, sarif, &err))) {
		tl_run_summary_free(&sum);
		return tl_fail(rc, err);
	}
	code = tl_gate(fail_on, &sum);
	tl_run_summary_free(&sum);
	return tl_finish_stdout(code);
}
