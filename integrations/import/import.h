/*
 * import.h - reading analyzer output into report sets.
 *
 * The readers (plist.c for clang's plist and plist-multi-file, sarif.c for
 * SARIF 2.1.0 from any tool) fill a tl_report_set; tl_import_finish()
 * then gives each report its rule id, root-relative paths, fingerprint and
 * in-source suppression. Inputs are named on the command line as files or
 * folders of them; tl_inputs_collect() expands folders.
 */
#ifndef TL_IMPORT_H
#define TL_IMPORT_H

#include "catalog.h"
#include "paths.h"
#include "report.h"
#include "sources.h"

struct tl_import_ctx {
	struct tl_paths paths;            /* root and path cache */
	struct tl_sources sources;        /* source lines */
	const struct tl_catalog *catalog; /* checker -> rule id; may be NULL */
};

int tl_import_ctx_init(struct tl_import_ctx *ctx, const char *root,
		       const struct tl_catalog *catalog, char **err);
void tl_import_ctx_free(struct tl_import_ctx *ctx);

enum tl_input_kind { TL_INPUT_PLIST = 1, TL_INPUT_SARIF = 2 };

struct tl_input {
	char *path;              /* the report file */
	char *base;              /* where relative paths in it start (NULL: cwd) */
	enum tl_input_kind kind;
};

struct tl_input_list {
	struct tl_input *v;
	size_t n, alloc;
};

/* Adds path (a report file, or a folder searched recursively for *.plist,
 * *.sarif and *.sarif.json). An empty file, a folder without reports or a
 * file that is neither XML nor JSON is TL_E_INPUT naming it. */
int tl_inputs_add(struct tl_input_list *l, const char *path, const char *base, char **err);
void tl_inputs_free(struct tl_input_list *l);

/* Reads one input, appending its reports (finished) to out. */
int tl_input_read(struct tl_import_ctx *ctx, const struct tl_input *in,
		  struct tl_report_set *out, char **err);

int tl_plist_read(struct tl_import_ctx *ctx, const char *path, const char *base,
		  struct tl_report_set *out, char **err);
int tl_sarif_read(struct tl_import_ctx *ctx, const char *path, const char *base,
		  struct tl_report_set *out, char **err);

/* Rule id, fingerprint and suppression for a report whose checker, file
 * (already root-relative), line, col and function are set. abs is the
 * absolute path of its file, for reading the source. */
void tl_import_finish(struct tl_import_ctx *ctx, struct tl_report *r, const char *abs);

#endif
