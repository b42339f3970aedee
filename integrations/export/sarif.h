/*
 * sarif.h - one run as a SARIF 2.1.0 file that GitHub code scanning takes
 * as is (design.md section 7).
 *
 * URIs are relative under %SRCROOT% (originalUriBaseIds gives the root);
 * each result has partialFingerprints.primaryLocationLineHash as the
 * upload action computes it (line_hash.h) and taskleak's own fingerprint;
 * the path is a codeFlow; baselineState is set when the set has a
 * baseline; suppressed results carry `suppressions`. Rules come from the
 * catalog and rules/ (rules_help.h). Past GitHub's limits (limits.h) the
 * most severe results are kept and the report says how many were dropped.
 */
#ifndef TL_EXPORT_SARIF_H
#define TL_EXPORT_SARIF_H

#include <stddef.h>

#include "export.h"
#include "../common/strbuf.h"
#include "../import/catalog.h"

struct tl_sarif_opts {
	const struct tl_catalog *cat;
	const char *version;      /* taskleak's, numeric: "0.1.0" */
	const char *category;     /* automationDetails.id is "<category>/<run>"; NULL: taskleak */
	size_t max_results;       /* 0: TL_GITHUB_MAX_RESULTS */
	size_t max_gzip;          /* 0: TL_GITHUB_MAX_GZIP */
	size_t max_flow_steps;    /* 0: TL_GITHUB_MAX_FLOW_STEPS */
};

struct tl_export_report {
	size_t written;           /* results in the file */
	size_t dropped;           /* left out to stay within the limits */
	int over_results;         /* more results than max_results */
	int over_size;            /* the file was larger than max_gzip */
	size_t gzip_size;         /* of the file written */
	size_t unhashed;          /* results whose source line could not be read */
	size_t flows_cut;         /* code flows cut to max_flow_steps */
};

/* Renders set as SARIF into *out (malloc'ed, NUL-terminated). */
int tl_sarif_render(const struct tl_export_set *set, const struct tl_sarif_opts *o,
		    char **out, struct tl_export_report *rep, char **err);

/* "src/a b.c" -> "src/a%20b.c": a path as a URI reference (RFC 3986). */
void tl_uri_path(struct strbuf *sb, const char *path);

#endif
