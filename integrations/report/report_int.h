/*
 * report_int.h - what the report's files share: the findings in page
 * order with their status and page name, and the source cache.
 */
#ifndef TL_HTML_REPORT_INT_H
#define TL_HTML_REPORT_INT_H

#include "html_report.h"
#include "html.h"
#include "../common/strmap.h"
#include "../export/rules_help.h"
#include "../import/sources.h"

struct tl_html_item {
	const struct tl_export_result *r;
	const char *status;   /* tl_html_status() */
	const struct tl_rule_desc *rule;
	char page[40];        /* "f/<fingerprint prefix>.html" */
	size_t index_page;    /* 1-based index page that lists it */
};

/* Source files read under the run's root, each once (their text is in
 * the import's line cache, tl_sources). */
struct tl_html_sources {
	char *root_real;      /* the root, resolved; NULL when it does not exist */
	const char *root;     /* as recorded */
	struct strmap files;  /* path as recorded -> struct tl_html_file * */
	struct tl_sources text;
	size_t not_embedded;  /* files not shown */
};

struct tl_html_file {
	char *real;           /* resolved path, the key into text */
	size_t n;             /* lines */
	const char *why_not;  /* NULL, or why the file is not shown */
};

struct tl_html_ctx {
	const struct tl_export_set *set;
	const struct tl_html_opts *o;
	struct tl_html_item *items;   /* in index order */
	size_t n, pages;
	struct tl_rule_table rules;
	struct tl_html_sources src;
	struct tl_html_stats *stats;
	struct strmap triaged;        /* fingerprints with triage events */
};

/* report_index.c: index.html, index-2.html ... */
int tl_html_index(struct tl_html_ctx *c, char **err);
/* report_finding.c: f/<id>.html for item i */
int tl_html_finding(struct tl_html_ctx *c, size_t i, struct strbuf *page, char **err);
/* report_source.c */
void tl_html_sources_init(struct tl_html_sources *s, const char *root);
void tl_html_sources_free(struct tl_html_sources *s);
const struct tl_html_file *tl_html_source(struct tl_html_sources *s, const char *file);
/* Appends the source of file with the steps of r on it as notes. */
void tl_html_render_source(struct tl_html_ctx *c, const struct tl_export_result *r,
			   const char *file, struct strbuf *sb);
/* index page file name: "index.html" for 1, "index-N.html" after */
void tl_html_index_name(struct strbuf *sb, size_t page);

#endif
