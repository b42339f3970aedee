/*
 * report_finding.c - the page of one finding: what and where, the path
 * step by step over the source of each file on it, how to suppress it,
 * its triage history and the rule's help.
 */
#include "report_int.h"
#include "../store/store.h"

#include <string.h>

static void header(const struct tl_html_item *it, struct strbuf *sb)
{
	const struct tl_export_result *r = it->r;
	struct strbuf index;
	sb_init(&index);
	tl_html_index_name(&index, it->index_page);
	tl_html_addf(sb, "<p><a href=\"../%S\">&larr; all findings</a></p>\n<h1>%s: %s</h1>\n"
		     "<table class=\"meta\">\n<tr><td>status</td><td class=\"%s\">%s</td></tr>\n"
		     "<tr><td>rule</td><td>%s %s &mdash; %s</td></tr>\n"
		     "<tr><td>checker</td><td>%s</td></tr>\n<tr><td>where</td><td>%s:%d:%d",
		     index.buf, r->rule, r->message, it->status, it->status, r->rule,
		     it->rule->name, it->rule->short_text, r->checker, r->file, r->line, r->col);
	if (r->function)
		tl_html_addf(sb, " in <code>%s</code>", r->function);
	tl_html_addf(sb, "</td></tr>\n<tr><td>triage</td><td>%s%S%s%S</td></tr>\n"
		     "<tr><td>fingerprint</td><td>%s</td></tr>\n</table>\n",
		     r->triage, r->triage_note ? ": " : "", r->triage_note,
		     r->in_source ? " (by a taskleak-ignore comment)" : "", r->fingerprint);
	sb_release(&index);
}

static void path_list(const struct tl_export_result *r, struct strbuf *sb)
{
	if (!r->nsteps)
		return;
	sb_adds(sb, "<h2>Path</h2>\n<ol>\n");
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct tl_export_step *s = &r->steps[i];
		tl_html_addf(sb, "<li><a href=\"#s%z\">%s:%d</a> %s</li>\n", i + 1, s->file, s->line,
			     s->message);
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
	tl_html_addf(sb, "<h2>Suppress it</h2>\n<p>If this finding is intended, put this comment "
		     "on the line above %s:%d (the next scan records it as triaged):</p>\n"
		     "<pre><code>// taskleak-ignore[%s]: reason</code></pre>\n", r->file, r->line, r->rule);
}

static int add_event(void *arg, const struct tl_event_row *ev)
{
	tl_html_addf(arg, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		     ev->at, ev->by, ev->from, ev->to, ev->note);
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
	header(it, page);
	path_list(r, page);
	sources(c, r, page);
	suppression(r, page);
	int rc = history(c, r, page, err);
	if (rc)
		return rc;
	tl_html_addf(page, "<h2>Rule %s</h2>\n<pre class=\"help\">%s</pre>\n", r->rule,
		     it->rule->help_markdown);
	tl_html_end(page, 0);
	return 0;
}
