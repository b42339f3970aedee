/*
 * html_report.h - `taskleak report --html`: a static HTML report of one run.
 *
 * The folder gets index.html (and index-2.html ... when the run has more
 * findings than one page holds), one page per finding under f/ and the
 * stylesheet taskleak.css; the index pages carry a little inline script.
 * Links are relative, nothing is fetched, so the folder works as a CI artifact and
 * from file://. The index counts findings by rule and detection status
 * (new, reopened, unchanged, resolved against the baseline) and lists them
 * in a table sortable and filterable by rule, file, status and triage. A
 * finding's page shows the source of every file on its path with the
 * steps as numbered notes beside their lines, the rule's help, the triage
 * state and its history, and the suppression comment to copy.
 *
 * Sources are read only under the run's root: a file elsewhere (a system
 * header, a path that leaves the root through ".." or a symbolic link) is
 * not embedded, and its page says so.
 */
#ifndef TL_HTML_REPORT_H
#define TL_HTML_REPORT_H

#include <stddef.h>

#include "../export/export.h"
#include "../import/catalog.h"

#define TL_HTML_PAGE_ROWS 1000

struct tl_store;

struct tl_html_opts {
	const char *outdir;            /* made when missing */
	const struct tl_catalog *cat;  /* rules and their pages */
	struct tl_store *store;        /* for triage history; NULL: none shown */
	const char *generator;         /* "taskleak 0.1.0", shown on the index */
	size_t page_rows;              /* index rows per page; 0: TL_HTML_PAGE_ROWS */
};

struct tl_html_stats {
	size_t findings;       /* finding pages written */
	size_t index_pages;
	size_t bytes;          /* total size written */
	size_t not_embedded;   /* source files left out (outside the root or unreadable) */
};

/* Writes the report of set (tl_export_collect with include_suppressed, so
 * triaged findings show too). */
int tl_html_report(const struct tl_export_set *set, const struct tl_html_opts *o,
		   struct tl_html_stats *stats, char **err);

/* The detection status a result shows: resolved (gone since the
 * baseline), new, reopened or unchanged. */
const char *tl_html_status(const struct tl_export_result *r);

#endif
