/* cmd_models.c - `taskleak models check FILE...`: validate API model files
 * with the plugin's own loader (checker/core), so a file that passes here
 * loads in the analyzer. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#ifdef TASKLEAK_HAVE_MODELS
#include "model.h"
#endif

static const char usage[] =
	"usage: taskleak models check FILE...\n"
	"\n"
	"Checks API model files (JSON, see rules/models) with the loader the plugin\n"
	"uses, together with the built-in models, as the analyzer would load them.\n"
	"Prints one line per file; a bad file is reported as FILE:LINE: FIELD: what\n"
	"and makes the exit status 2.\n";

int cmd_models(int argc, char **argv, const struct tl_global *g)
{
	(void)g;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return tl_help(usage);
	if (argc < 2 || strcmp(argv[1], "check"))
		return tl_usage_error("models", "the only verb is 'check'");
	if (argc >= 3 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")))
		return tl_help(usage);
	if (argc < 3)
		return tl_usage_error("models", "give at least one model file");
#ifdef TASKLEAK_HAVE_MODELS
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
#else
	char *err = NULL;
	tl_error(&err, TL_E_ANALYSIS, "models check: not available in this build "
		 "(built without checker/core)");
	return tl_fail(TL_E_ANALYSIS, err);
#endif
}
