/*
 * report_finding.c - the page of one finding: what and where, the path
 * step by step over the source of each file on it, how to suppress it,
 * its triage history and the rule's help.
 */
#include "report_int.h"
#include "../store/store.h"

#include <string.h>

static void meta_row(struct strbuf *sb, const char *key, const char *value)
{
	sb_addf(sb, "<tr><td>%s</td><td>", key);
	tl_html_esc(sb, value);
	sb_adds(sb, "</td></tr>\n");
}

static void header(struct tl_html_ctx *c, const struct tl_html_item *it, struct strbuf *sb)
{
	const struct tl_export_result *r = it->r;
	sb_adds(sb, "<p><a href=\"../");
	tl_html_index_name(sb, it->index_page);
	sb_adds(sb, "\">&larr; all findings</a></p>\n<h1>");
	tl_html_esc(sb, r->rule);
	sb_adds(sb, ": ");
	tl_html_esc(sb, r->message);
	sb_adds(sb, "</h1>\n<table class=\"meta\">\n");
	sb_adds(sb, "<tr><td>status</td><td class=\"");
	sb_adds(sb, it->status);
	sb_addf(sb, "\">%s</td></tr>\n", it->status);
	sb_adds(sb, "<tr><td>rule</td><td>");
	tl_html_esc(sb, r->rule);
	if (it->rule->name) {
		sb_adds(sb, " ");
		tl_html_esc(sb, it->rule->name);
	}
	sb_adds(sb, " &mdash; ");
	tl_html_esc(sb, it->rule->short_text);
	sb_adds(sb, "</td></tr>\n");
	meta_row(sb, "checker", r->checker);
	sb_adds(sb, "<tr><td>where</td><td>");
	tl_html_esc(sb, r->file);
	sb_addf(sb, ":%d:%d", r->line, r->col);
	if (r->function) {
		sb_adds(sb, " in <code>");
		tl_html_esc(sb, r->function);
		sb_adds(sb, "</code>");
	}
	sb_adds(sb, "</td></tr>\n<tr><td>triage</td><td>");
	tl_html_esc(sb, r->triage);
	if (r->triage_note) {
		sb_adds(sb, ": ");
		tl_html_esc(sb, r->triage_note);
	}
	if (r->in_source)
		sb_adds(sb, " (by a taskleak-ignore comment)");
	sb_adds(sb, "</td></tr>\n");
	meta_row(sb, "fingerprint", r->fingerprint);
	sb_adds(sb, "</table>\n");
	(void)c;
}

static void path_list(const struct tl_export_result *r, struct strbuf *sb)
{
	if (!r->nsteps)
		return;
	sb_adds(sb, "<h2>Path</h2>\n<ol>\n");
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct tl_export_step *s = &r->steps[i];
		sb_addf(sb, "<li><a href=\"#s%zu\">", i + 1);
		tl_html_esc(sb, s->file);
		sb_addf(sb, ":%d</a> ", s->line);
		tl_html_esc(sb, s->message);
		sb_adds(sb, "</li>\n");
	}
	sb_adds(sb, "</ol>\n");
}

/* Every file on the path once, in order of first use (the warning's own
 * file when the path is empty). */
static void sources(struct tl_html_ctx *c, const struct tl_export_result *r, struct strbuf *sb)
{
	sb_adds(sb, "<h2>Source</h2>\n");
	if (!r->nsteps) {
		tl_html_render_source(c, r, r->file, sb);
		return;
	}
	for (size_t i = 0; i < r->nsteps; i++) {
		size_t j = 0;
		while (j < i && strcmp(r->steps[j].file, r->steps[i].file))
			j++;
		if (j == i)
			tl_html_render_source(c, r, r->steps[i].file, sb);
	}
}

static void suppression(const struct tl_export_result *r, struct strbuf *sb)
{
	sb_adds(sb, "<h2>Suppress it</h2>\n<p>If this finding is intended, put this comment "
		"on the line above ");
	tl_html_esc(sb, r->file);
	sb_addf(sb, ":%d (the next scan records it as triaged):</p>\n<pre><code>"
		"// taskleak-ignore[", r->line);
	tl_html_esc(sb, r->rule);
	sb_adds(sb, "]: reason</code></pre>\n");
}

static int add_event(void *arg, const struct tl_event_row *ev)
{
	struct strbuf *sb = arg;
	const char *cells[] = { ev->at, ev->by, ev->from, ev->to, ev->note };
	sb_adds(sb, "<tr>");
	for (size_t i = 0; i < 5; i++) {
		sb_adds(sb, "<td>");
		tl_html_esc(sb, cells[i]);
		sb_adds(sb, "</td>");
	}
	sb_adds(sb, "</tr>\n");
	return 0;
}

static int history(struct tl_html_ctx *c, const struct tl_export_result *r, struct strbuf *sb,
		   char **err)
{
	int64_t id;
	size_t mark;
	sb_adds(sb, "<h2>Triage history</h2>\n");
	mark = sb->len;
	sb_adds(sb, "<table class=\"list\"><thead><tr><th>at</th><th>by</th><th>from</th>"
		"<th>to</th><th>note</th></tr></thead><tbody>\n");
	size_t rows = sb->len;
	if (c->o->store && strmap_find(&c->triaged, r->fingerprint) &&
	    !tl_store_resolve_id(c->o->store, r->fingerprint, &id, NULL)) {
		int rc = tl_store_events(c->o->store, id, add_event, sb, err);
		if (rc)
			return rc;
	}
	if (sb->len == rows) { /* no events: say so instead of an empty table */
		sb->len = mark;
		sb->buf[mark] = '\0';
		sb_adds(sb, "<p>No triage changes recorded.</p>\n");
	} else {
		sb_adds(sb, "</tbody></table>\n");
	}
	return 0;
}

int tl_html_finding(struct tl_html_ctx *c, size_t i, struct strbuf *page, char **err)
{
	const struct tl_html_item *it = &c->items[i];
	const struct tl_export_result *r = it->r;
	struct strbuf title;
	sb_init(&title);
	sb_addf(&title, "%s: %s", r->rule, r->message);
	sb_reset(page);
	tl_html_begin(page, title.buf, "../");
	sb_release(&title);
	header(c, it, page);
	path_list(r, page);
	sources(c, r, page);
	suppression(r, page);
	int rc = history(c, r, page, err);
	if (rc)
		return rc;
	sb_adds(page, "<h2>Rule ");
	tl_html_esc(page, r->rule);
	sb_adds(page, "</h2>\n<pre class=\"help\">");
	tl_html_esc(page, it->rule->help_markdown);
	sb_adds(page, "</pre>\n");
	tl_html_end(page, 0);
	return 0;
}
