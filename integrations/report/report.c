/*
 * report.c - the HTML report of a run (html_report.h): puts the findings in
 * index order, then writes a page per finding and the index pages.
 */
#include "report_int.h"
#include "../common/tl_error.h"
#include "../store/store_snapshot.h"

#include <stdlib.h>
#include <string.h>

const char *tl_html_status(const struct tl_export_result *r)
{
	switch (r->baseline) {
	case TL_BASELINE_ABSENT: return "resolved";
	case TL_BASELINE_NEW:
		return r->status && !strcmp(r->status, "reopened") ? "reopened" : "new";
	case TL_BASELINE_UNCHANGED:
	case TL_BASELINE_UPDATED: return "unchanged";
	default: return r->status && *r->status ? r->status : "new";
	}
}

static int status_rank(const char *s)
{
	static const char *order[] = { "new", "reopened", "unchanged", "resolved" };
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, order[i]))
			return i;
	return 4;
}

/* New and reopened findings first, then by rule and place. */
static int item_cmp(const void *a, const void *b)
{
	const struct tl_html_item *x = a, *y = b;
	int d = status_rank(x->status) - status_rank(y->status);
	if (!d)
		d = strcmp(x->r->rule, y->r->rule);
	if (!d)
		d = strcmp(x->r->file, y->r->file);
	if (!d)
		d = x->r->line - y->r->line;
	if (!d)
		d = strcmp(x->r->fingerprint, y->r->fingerprint);
	return d;
}

/* f/<first 24 hex digits>.html; anything but hex is dropped so a
 * fingerprint can never name a path outside f/. */
static void page_name(char out[40], const char *fp)
{
	size_t k = 0;
	memcpy(out, "f/", 2);
	k = 2;
	for (const char *p = fp; *p && k < 2 + 24; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
			out[k++] = *p;
	if (k == 2)
		out[k++] = '0';
	memcpy(out + k, ".html", 6);
}

void tl_html_index_name(struct strbuf *sb, size_t page)
{
	if (page <= 1)
		sb_adds(sb, "index.html");
	else
		sb_addf(sb, "index-%zu.html", page);
}

static void make_items(struct tl_html_ctx *c)
{
	size_t rows = c->o->page_rows ? c->o->page_rows : TL_HTML_PAGE_ROWS;
	c->n = c->set->n;
	c->items = xcalloc(c->n ? c->n : 1, sizeof(*c->items));
	for (size_t i = 0; i < c->n; i++) {
		struct tl_html_item *it = &c->items[i];
		it->r = &c->set->v[i];
		it->status = tl_html_status(it->r);
		it->rule = &c->rules.v[c->rules.of[i]];
		page_name(it->page, it->r->fingerprint);
	}
	qsort(c->items, c->n, sizeof(*c->items), item_cmp);
	for (size_t i = 0; i < c->n; i++)
		c->items[i].index_page = i / rows + 1;
	c->pages = c->n ? (c->n + rows - 1) / rows : 1;
}

static int write_findings(struct tl_html_ctx *c, const char *fdir, char **err)
{
	struct strbuf page;
	int rc = TL_OK;
	sb_init(&page);
	for (size_t i = 0; i < c->n && !rc; i++) {
		rc = tl_html_finding(c, i, &page, err);
		if (!rc)
			rc = tl_html_write(fdir, c->items[i].page + 2, &page, &c->stats->bytes, err);
		if (!rc)
			c->stats->findings++;
	}
	sb_release(&page);
	return rc;
}

static void add_triaged(void *arg, const char *fingerprint)
{
	strmap_put(arg, fingerprint);
}

int tl_html_report(const struct tl_export_set *set, const struct tl_html_opts *o,
		   struct tl_html_stats *stats, char **err)
{
	struct tl_html_ctx c = { set, o, NULL, 0, 0, { 0 }, { 0 }, stats, { 0 } };
	struct strbuf fdir;
	memset(stats, 0, sizeof(*stats));
	strmap_init(&c.triaged);
	int rc = tl_rule_table_build(o->cat, set, &c.rules, err);
	if (!rc && o->store)
		rc = tl_store_triaged(o->store, add_triaged, &c.triaged, err);
	if (rc) {
		strmap_free(&c.triaged);
		return rc;
	}
	sb_init(&fdir);
	sb_addf(&fdir, "%s/f", o->outdir);
	make_items(&c);
	tl_html_sources_init(&c.src, set->run.root);
	rc = tl_html_mkdir(fdir.buf, err);
	if (!rc)
		rc = tl_html_write_style(o->outdir, &stats->bytes, err);
	if (!rc)
		rc = write_findings(&c, fdir.buf, err);
	if (!rc)
		rc = tl_html_index(&c, err);
	tl_html_sources_free(&c.src);
	tl_rule_table_free(&c.rules);
	strmap_free(&c.triaged);
	free(c.items);
	sb_release(&fdir);
	return rc;
}
