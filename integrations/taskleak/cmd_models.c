/* cmd_models.c - `taskleak models check FILE...`: validate API model files
 * with the plugin's own loader (checker/core), so a file that passes here
 * loads in the analyzer; `taskleak models infer`: write a project's
 * wrappers as a model file (integrations/infer). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#ifdef TASKLEAK_HAVE_MODELS
#include "model.h"
#endif
#ifdef TASKLEAK_HAVE_INFER
#include "infer/project_model.h"
#endif

#define CHECK_USAGE "usage: taskleak models check FILE...\n"
#define INFER_USAGE \
	"usage: taskleak models infer -p compile_commands.json [-o FILE] [-j N]\n" \
	"                             [--model FILE]... [--cache DIR] [--root DIR]\n" \
	"                             [--no-handle-fields]\n"

static const char usage[] =
	CHECK_USAGE INFER_USAGE
	"\n"
	"check: checks API model files (JSON, see rules/models) with the loader the\n"
	"plugin uses, together with the built-in models, as the analyzer would load\n"
	"them. Prints one line per file; a bad file is reported as FILE:LINE: FIELD:\n"
	"what and makes the exit status 2.\n";

static const char infer_usage[] =
	INFER_USAGE
	"\n"
	"Parses every unit of the compilation database with libclang and writes the\n"
	"project's wrappers as one model file: a function that forwards its\n"
	"parameters to a modelled spawn, join, detach, free, timer or channel call\n"
	"(or to another such wrapper) gets a row of the same role, with an \"origin\"\n"
	"naming its definition. Declarations annotated with rules/include/taskleak.h's\n"
	"macros (TL_SPAWN(\"handle_out=0 entry=1 entry_arg=2\"), ...) become rows too,\n"
	"and so do their wrappers. Give the file to the analyzer with\n"
	"-analyzer-config taskleak.lifetime.UnjoinedTask:Models=FILE (taskleak scan\n"
	"does this by itself).\n"
	"\n"
	"  -p FILE          compile_commands.json to read\n"
	"  -o FILE          where to write the model file (default: stdout)\n"
	"  -j N             parsing threads (default: number of cores)\n"
	"  --model FILE     a model file the project already has (repeatable): its\n"
	"                   functions are known, not inferred again\n"
	"  --cache DIR      keep per-unit facts in DIR; a unit whose files did not\n"
	"                   change is not parsed again\n"
	"  --root DIR       origins are relative to DIR (default: the current folder)\n"
	"  --no-handle-fields  leave out wrappers whose handle is a field of a struct\n"
	"                   (\"handle_field\"), for a plugin older than this one\n"
	"\n"
	"A unit that does not parse is one line naming it and clang's first error;\n"
	"the others go on. Exit status: 0 ok, 2 bad usage or input (no unit parsed,\n"
	"a bad model file, the output cannot be written).\n";

#ifdef TASKLEAK_HAVE_MODELS
static int models_check(int argc, char **argv)
{
	int code = EXIT_OK;
	for (int i = 2; i < argc; i++) {
		char *err = NULL;
		tl_model_set *set = tl_models_new();
		size_t before;
		if (!set)
			return tl_fail(TL_E_NOMEM, NULL);
		if (tl_models_load_builtin(set, &err) != 0) {
			tl_models_free(set);
			return tl_fail(TL_E_ANALYSIS, err);
		}
		before = tl_models_count(set);
		if (tl_models_load_file(set, argv[i], &err) != 0) {
			fprintf(stderr, "taskleak: %s\n", err ? err : argv[i]);
			free(err);
			code = EXIT_USAGE;
		} else {
			printf("%s: ok, %zu functions\n", argv[i], tl_models_count(set) - before);
		}
		tl_models_free(set);
	}
	return tl_finish_stdout(code);
}
#endif

#ifdef TASKLEAK_HAVE_INFER
static void print_skipped(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "taskleak: skipping %s\n", msg);
}

static void print_bad_annotation(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "taskleak: warning: %s\n", msg);
}

struct infer_args {
	struct tl_project_model_req req;
	const char *out;
};

static int parse_infer(int argc, char **argv, struct infer_args *a)
{
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "cache", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'R' },
		{ "no-handle-fields", no_argument, NULL, 'N' },
		/* the default since the plugin reads handle_field; still accepted */
		{ "handle-fields", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long jobs;
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+hp:o:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': a->req.compdb = optarg; break;
		case 'o': a->out = optarg; break;
		case 'j':
			if (!tl_parse_int(optarg, &jobs) || jobs < 1)
				return tl_usage_error("models infer", "-j takes a positive number, not '%s'", optarg);
			a->req.opts.jobs = (int)jobs;
			break;
		case 'm': tl_project_model_add_model(&a->req, optarg); break;
		case 'c': a->req.opts.cache_dir = optarg; break;
		case 'R': a->req.opts.root = optarg; break;
		case 'N': a->req.opts.no_handle_fields = true; break;
		case 'H': a->req.opts.no_handle_fields = false; break;
		case 'h': return -1;
		default:
			return tl_usage_error("models infer", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind < argc)
		return tl_usage_error("models infer", "unexpected argument '%s'", argv[optind]);
	if (!a->req.compdb)
		return tl_usage_error("models infer", "give -p compile_commands.json");
	return 0;
}

static int models_infer(int argc, char **argv)
{
	struct infer_args a = { { 0 }, NULL };
	struct tl_infer_stats st;
	char *json = NULL, *err = NULL;

	tl_project_model_req_init(&a.req);
	a.req.opts.skipped = print_skipped;
	a.req.opts.bad_annotation = print_bad_annotation;
	int code = parse_infer(argc - 1, argv + 1, &a);
	if (code) {
		tl_project_model_req_release(&a.req);
		return code < 0 ? tl_help(infer_usage) : code;
	}
	int rc = tl_project_model(&a.req, &json, &st, &err);
	tl_project_model_req_release(&a.req);
	if (rc)
		return tl_fail(rc, err);
	if (a.out && strcmp(a.out, "-"))
		rc = tl_project_model_save(a.out, json, &err);
	else
		fputs(json, stdout);
	free(json);
	if (rc)
		return tl_fail(rc, err);
	fprintf(stderr, "taskleak: %zu wrappers inferred from %zu units (%zu parsed, %zu cached, "
		"%zu skipped)\n", st.rows, st.units, st.parsed, st.cached, st.skipped);
	if (st.annotated)
		fprintf(stderr, "taskleak: %zu of them declared by taskleak_ annotations\n", st.annotated);
	if (st.owners || st.entries)
		fprintf(stderr, "taskleak: %zu owner fields and %zu entry summaries across units\n",
			st.owners, st.entries);
	if (st.keeps)
		fprintf(stderr, "taskleak: %zu functions keep what they are given (role keep)\n",
			st.keeps);
	if (st.held_back)
		fprintf(stderr, "taskleak: %zu wrappers of a struct's handle field not written "
			"(--no-handle-fields)\n", st.held_back);
	return tl_finish_stdout(EXIT_OK);
}
#endif

/* A verb this build left out (exit 3: the tool, not the input). */
static inline int unavailable(const char *verb, const char *without)
{
	char *err = NULL;
	tl_error(&err, TL_E_ANALYSIS, "models %s: not available in this build "
		 "(built without %s)", verb, without);
	return tl_fail(TL_E_ANALYSIS, err);
}

int cmd_models(int argc, char **argv, const struct tl_global *g)
{
	(void)g;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return tl_help(usage);
	if (argc < 2 || (strcmp(argv[1], "check") && strcmp(argv[1], "infer")))
		return tl_usage_error("models", "the verbs are 'check' and 'infer'");
	if (!strcmp(argv[1], "infer")) {
#ifdef TASKLEAK_HAVE_INFER
		return models_infer(argc, argv);
#else
		return unavailable("infer", "libclang");
#endif
	}
	if (argc >= 3 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")))
		return tl_help(usage);
	if (argc < 3)
		return tl_usage_error("models", "give at least one model file");
#ifdef TASKLEAK_HAVE_MODELS
	return models_check(argc, argv);
#else
	return unavailable("check", "checker/core");
#endif
}
