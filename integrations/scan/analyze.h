/*
 * analyze.h - runs clang's static analyzer on each translation unit, in
 * parallel, writing one plist-multi-file report per unit.
 *
 * The plugin is loaded and its checkers enabled explicitly, because clang
 * --analyze passes -w, which hides a plugin that failed to load; only the
 * explicit -analyzer-checker turns that into an error ("no analyzer
 * checkers or packages are associated with ..."), reported here as
 * TL_E_ANALYSIS. Progress goes to a callback; nothing is printed.
 */
#ifndef TL_ANALYZE_H
#define TL_ANALYZE_H

#include "compdb.h"
#include "../import/import.h"

struct tl_analyze_opts {
	const char *clang;     /* the clang binary */
	const char *plugin;    /* .so to load, or NULL */
	const char *checkers;  /* comma list to enable explicitly, or NULL */
	const char *models;    /* ':'-joined model files for the plugin, or NULL */
	int jobs;              /* parallel clang processes, >= 1 */
	const char *outdir;    /* existing folder for the reports */
	/* called after each unit finishes; may be NULL */
	void (*progress)(void *arg, size_t done, size_t total, const char *file);
	void *arg;
};

/* Analyzes every unit; adds each report written to *out (base = the
 * unit's directory). Fails with TL_E_ANALYSIS when the plugin did not load
 * or any unit failed (the message names the first one and its error). */
int tl_analyze(const struct tl_compdb *db, const struct tl_analyze_opts *o,
	       struct tl_input_list *out, char **err);

#endif
