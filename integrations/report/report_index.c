/*
 * report_index.c - the index pages: the run's record, counts by rule and
 * detection status, and the findings as a sortable, filterable table,
 * TL_HTML_PAGE_ROWS a page so that 100,000 findings stay usable.
 */
#include "report_int.h"
#include "../common/tl_error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const statuses[] = { "new", "reopened", "unchanged", "resolved" };
#define NSTATUS 4

struct counts {
	size_t (*by_rule)[NSTATUS + 1]; /* per rule of c->rules, then its total */
	size_t total[NSTATUS + 1];
	struct strmap triage;           /* triage status -> count (as a pointer) */
};

static int status_col(const char *s)
{
	for (int i = 0; i < NSTATUS; i++)
		if (!strcmp(s, statuses[i]))
			return i;
	return 0;
}

static void count(struct tl_html_ctx *c, struct counts *k)
{
	k->by_rule = xcalloc(c->rules.n ? c->rules.n : 1, sizeof(*k->by_rule));
	memset(k->total, 0, sizeof(k->total));
	strmap_init(&k->triage);
	for (size_t i = 0; i < c->n; i++) {
		size_t rule = (size_t)(c->items[i].rule - c->rules.v);
		int s = status_col(c->items[i].status);
		k->by_rule[rule][s]++;
		k->by_rule[rule][NSTATUS]++;
		k->total[s]++;
		k->total[NSTATUS]++;
		void **t = strmap_put(&k->triage, c->items[i].r->triage ? c->items[i].r->triage : "");
		*t = (void *)((uintptr_t)*t + 1);
	}
}

static void meta(struct tl_html_ctx *c, struct strbuf *sb)
{
	const struct tl_run_meta *m = &c->set->run;
	const char *rows[][2] = {
		{ "run", m->name }, { "started", m->started_at }, { "finished", m->finished_at },
		{ "made by", m->source }, { "analyzer", m->tool }, { "command", m->command },
		{ "root", m->root }, { "baseline", c->set->baseline_name },
		{ "report by", c->o->generator },
	};
	sb_adds(sb, "<table class=\"meta\">\n");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!rows[i][1])
			continue;
		tl_html_addf(sb, "<tr><td>%S</td><td>%s</td></tr>\n", rows[i][0], rows[i][1]);
	}
	sb_adds(sb, "</table>\n");
}

static void count_cells(struct strbuf *sb, const size_t *v)
{
	for (int s = 0; s <= NSTATUS; s++)
		sb_addf(sb, "<td class=\"n\">%zu</td>", v[s]);
	sb_adds(sb, "</tr>\n");
}

static void counts_table(struct tl_html_ctx *c, const struct counts *k, struct strbuf *sb)
{
	sb_adds(sb, "<h2>Findings by rule</h2>\n<table class=\"list\" id=\"counts\"><thead><tr>"
		"<th>rule</th><th>description</th>");
	for (int s = 0; s < NSTATUS; s++)
		sb_addf(sb, "<th class=\"n\">%s</th>", statuses[s]);
	sb_adds(sb, "<th class=\"n\">total</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < c->rules.n; i++) {
		tl_html_addf(sb, "<tr><td>%s</td><td>%s</td>", c->rules.v[i].id,
			     c->rules.v[i].short_text);
		count_cells(sb, k->by_rule[i]);
	}
	sb_adds(sb, "</tbody><tfoot><tr><td>all</td><td></td>");
	count_cells(sb, k->total);
	sb_adds(sb, "</tfoot></table>\n");
}

static void option(struct strbuf *sb, const char *value)
{
	tl_html_addf(sb, "<option value=\"%s\">%s</option>", value, value);
}

static void filters(struct tl_html_ctx *c, struct counts *k, struct strbuf *sb)
{
	sb_adds(sb, "<div class=\"filters\">rule <select data-f=\"rule\"><option value=\"\">all</option>");
	for (size_t i = 0; i < c->rules.n; i++)
		option(sb, c->rules.v[i].id);
	sb_adds(sb, "</select> status <select data-f=\"status\"><option value=\"\">all</option>");
	for (int s = 0; s < NSTATUS; s++)
		option(sb, statuses[s]);
	sb_adds(sb, "</select> triage <select data-f=\"triage\"><option value=\"\">all</option>");
	for (size_t i = 0; i < k->triage.capacity; i++)
		if (k->triage.slots[i].key)
			option(sb, k->triage.slots[i].key);
	sb_adds(sb, "</select> file <input data-f=\"file\" placeholder=\"part of a path\"> "
		"<span id=\"shown\"></span> shown</div>\n");
}

static void pager(struct tl_html_ctx *c, size_t page, struct strbuf *sb)
{
	if (c->pages < 2)
		return;
	sb_adds(sb, "<p class=\"pager\">page ");
	for (size_t p = 1; p <= c->pages; p++) {
		if (p == page) {
			sb_addf(sb, "<b>%zu</b>", p);
			continue;
		}
		sb_adds(sb, "<a href=\"");
		tl_html_index_name(sb, p);
		sb_addf(sb, "\">%zu</a>", p);
	}
	sb_adds(sb, "</p>\n");
}

static void row(const struct tl_html_item *it, struct strbuf *sb)
{
	const struct tl_export_result *r = it->r;
	/* the status is escaped too: without a baseline it is the stored one */
	tl_html_addf(sb, "<tr data-status=\"%s\" data-rule=\"%s\" data-triage=\"%s\" "
		     "data-file=\"%s\"><td class=\"%s\" data-k=\"%d\">%s</td><td>%s</td>"
		     "<td><a href=\"%S\">%s:%d</a></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		     it->status, r->rule, r->triage, r->file, it->status, status_col(it->status),
		     it->status, r->rule, it->page, r->file, r->line, r->function, r->message,
		     r->triage);
}

static int write_page(struct tl_html_ctx *c, struct counts *k, size_t page, struct strbuf *sb,
		      char **err)
{
	struct strbuf title, name;
	size_t rows = c->o->page_rows ? c->o->page_rows : TL_HTML_PAGE_ROWS;
	size_t first = (page - 1) * rows, last = first + rows < c->n ? first + rows : c->n;
	sb_init(&title);
	sb_init(&name);
	sb_addf(&title, "taskleak: run %s", c->set->run.name ? c->set->run.name : "?");
	sb_reset(sb);
	tl_html_begin(sb, title.buf, "");
	tl_html_addf(sb, "<h1>%s</h1>\n", title.buf);
	meta(c, sb);
	counts_table(c, k, sb);
	sb_addf(sb, "<h2>Findings %zu&ndash;%zu of %zu</h2>\n", c->n ? first + 1 : 0, last, c->n);
	pager(c, page, sb);
	filters(c, k, sb);
	sb_adds(sb, "<table class=\"list\" id=\"findings\"><thead><tr><th>status</th><th>rule</th>"
		"<th>where</th><th>function</th><th>message</th><th>triage</th></tr></thead><tbody>\n");
	for (size_t i = first; i < last; i++)
		row(&c->items[i], sb);
	sb_adds(sb, "</tbody></table>\n");
	pager(c, page, sb);
	tl_html_end(sb, 1);
	tl_html_index_name(&name, page);
	int rc = tl_html_write(c->o->outdir, name.buf, sb, &c->stats->bytes, err);
	sb_release(&title);
	sb_release(&name);
	return rc;
}

int tl_html_index(struct tl_html_ctx *c, char **err)
{
	struct counts k;
	struct strbuf sb;
	int rc = TL_OK;
	count(c, &k);
	sb_init(&sb);
	for (size_t p = 1; p <= c->pages && !rc; p++) {
		rc = write_page(c, &k, p, &sb, err);
		if (!rc)
			c->stats->index_pages++;
	}
	c->stats->not_embedded = c->src.not_embedded;
	sb_release(&sb);
	free(k.by_rule);
	strmap_free(&k.triage);
	return rc;
}
