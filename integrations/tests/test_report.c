/* test_report.c - the HTML report: escaping, and the pages written for a
 * result set built in memory (real rule catalog): counts, paging, notes
 * beside source lines, hostile messages and sources shown as text, files
 * outside the run's root not embedded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/strbuf.h"
#include "export/export.h"
#include "report/html.h"
#include "report/html_report.h"
#include "test_util.h"

static struct tl_catalog cat;
static char *root;    /* the run's root: src/a.c */
static char *outside; /* a source file beside the root, not under it */
static char *out;     /* where the report goes */

static const char source[] =
	"#include <pthread.h>\n"
	"static void *job(void *p) { return p; } /* \"<b>quoted</b>\" & more */\n"
	"int run(void) {\n"
	"\tpthread_t a;\n"
	"\tpthread_create(&a, 0, job, 0);\n"
	"\treturn 0;\n"
	"}\n";

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	char *err = NULL;
	if (tl_catalog_load(CATALOG, &cat, &err))
		fail_msg("%s", err);
	char *p = tmp_path("root");
	char *top = tl_dirname(p);
	struct strbuf b;
	sb_init(&b);
	sb_addf(&b, "mkdir -p '%s/src'", p);
	if (system(b.buf))
		return -1;
	sb_reset(&b);
	sb_addf(&b, "%s/src/a.c", p);
	write_text(b.buf, source);
	sb_reset(&b);
	sb_addf(&b, "%s/secret.h", top);
	write_text(b.buf, "int SECRET_OUTSIDE_ROOT;\n");
	outside = sb_detach(&b);
	sb_addf(&b, "%s/out/report", top);
	out = sb_detach(&b);
	sb_release(&b); /* sb_detach leaves it initialised */
	root = p;
	free(top);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(root);
	free(root);
	free(outside);
	free(out);
	tl_catalog_free(&cat);
	return 0;
}

static void esc_is(const char *in, const char *want)
{
	struct strbuf sb;
	sb_init(&sb);
	tl_html_esc(&sb, in);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void test_escape(void **state)
{
	(void)state;
	esc_is("plain text", "plain text");
	esc_is("<script>alert(\"x\")</script>", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	esc_is("a & b 'c'", "a &amp; b &#39;c&#39;");
	esc_is("tab\there", "tab\there");
	esc_is("\x01", "\xef\xbf\xbd");
	esc_is("", "");
	struct strbuf sb;
	sb_init(&sb);
	tl_html_esc(&sb, NULL);
	tl_html_esc_n(&sb, "<a>\0<b>", 7); /* a NUL inside a source line */
	assert_string_equal(sb.buf, "&lt;a&gt;\xef\xbf\xbd&lt;b&gt;");
	sb_release(&sb);
}

static void test_addf(void **state)
{
	(void)state;
	struct strbuf sb;
	sb_init(&sb);
	tl_html_addf(&sb, "<a href=\"%S\">%s</a> %d %z 100%% %s|%q", "f/x.html",
		     "<script>\"'&", -7, (size_t)42, (const char *)NULL);
	assert_string_equal(sb.buf, "<a href=\"f/x.html\">&lt;script&gt;&quot;&#39;&amp;</a> -7 42 "
			    "100% |%q");
	sb_reset(&sb);
	tl_html_addf(&sb, "trailing %");
	assert_string_equal(sb.buf, "trailing %");
	sb_release(&sb);
}

static struct tl_export_result *add(struct tl_export_set *set, char fp_char, const char *msg,
				    const char *status, enum tl_baseline_state b)
{
	struct tl_export_result *r = tl_export_add(set);
	char fp[65];
	memset(fp, fp_char, 64);
	fp[64] = '\0';
	r->fingerprint = strdup(fp);
	r->rule = strdup("TL101");
	r->checker = strdup("taskleak.lifetime.UnjoinedTask");
	r->file = strdup("src/a.c");
	r->line = 6;
	r->col = 2;
	r->function = strdup("run");
	r->message = strdup(msg);
	r->triage = strdup("untriaged");
	r->status = strdup(status);
	r->baseline = b;
	r->steps = calloc(3, sizeof(*r->steps));
	r->steps[0] = (struct tl_export_step){ strdup("src/a.c"), 5, 2, 0, strdup("Thread 'a' started <here>") };
	r->steps[1] = (struct tl_export_step){ strdup(outside), 1, 1, 1, strdup("in the header") };
	r->steps[2] = (struct tl_export_step){ strdup("src/a.c"), 6, 2, 0, strdup(msg) };
	r->nsteps = 3;
	return r;
}

static char *read_out(const char *name)
{
	struct strbuf p;
	char *text = NULL, *err = NULL;
	size_t len;
	sb_init(&p);
	sb_addf(&p, "%s/%s", out, name);
	if (tl_read_file(p.buf, &text, &len, &err))
		fail_msg("%s", err);
	sb_release(&p);
	return text;
}

static void make_set(struct tl_export_set *set)
{
	memset(set, 0, sizeof(*set));
	set->run.name = strdup("run<1>");
	set->run.root = strdup(root);
	set->run.tool = strdup("clang version 14.0.6");
	add(set, 'a', "Thread 'a' is never joined <script>alert(\"x\")</script>", "new",
	    TL_BASELINE_NEW);
	add(set, 'b', "second", "reopened", TL_BASELINE_NEW);
	add(set, 'c', "third", "unchanged", TL_BASELINE_UNCHANGED);
	add(set, 'd', "fourth", "unchanged", TL_BASELINE_UPDATED);
	add(set, 'e', "gone", "new", TL_BASELINE_ABSENT);
}

/* Writes the report of set into out, rows index rows a page; fails the
 * test when it cannot. */
static void write_report(const struct tl_export_set *set, size_t rows, struct tl_html_stats *st)
{
	char *err = NULL;
	struct tl_html_opts o = { out, &cat, NULL, "taskleak test", rows };
	if (tl_html_report(set, &o, st, &err))
		fail_msg("%s", err);
}

static void test_status(void **state)
{
	(void)state;
	struct tl_export_set set;
	make_set(&set);
	assert_string_equal(tl_html_status(&set.v[0]), "new");
	assert_string_equal(tl_html_status(&set.v[1]), "reopened");
	assert_string_equal(tl_html_status(&set.v[2]), "unchanged");
	assert_string_equal(tl_html_status(&set.v[3]), "unchanged");
	assert_string_equal(tl_html_status(&set.v[4]), "resolved");
	set.v[1].baseline = TL_BASELINE_NONE; /* no baseline: the stored status */
	assert_string_equal(tl_html_status(&set.v[1]), "reopened");
	tl_export_set_free(&set);
}

static void test_pages(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_html_stats st;
	make_set(&set);
	write_report(&set, 2, &st);
	assert_int_equal(st.findings, 5);
	assert_int_equal(st.index_pages, 3);  /* 5 findings, 2 a page */
	assert_int_equal(st.not_embedded, 1); /* secret.h */

	char *index = read_out("index.html");
	assert_non_null(strstr(index, "<title>taskleak: run run&lt;1&gt;</title>"));
	assert_non_null(strstr(index, "clang version 14.0.6"));
	/* counts of TL101: new 1, reopened 1, unchanged 2, resolved 1, total 5 */
	assert_non_null(strstr(index, "<td class=\"n\">1</td><td class=\"n\">1</td>"
			       "<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">5</td>"));
	assert_non_null(strstr(index, "href=\"index-2.html\""));
	assert_non_null(strstr(index, "href=\"index-3.html\""));
	/* page 1 holds the new and the reopened finding, new first */
	char *a = strstr(index, "f/aaaaaaaaaaaaaaaaaaaaaaaa.html");
	char *b = strstr(index, "f/bbbbbbbbbbbbbbbbbbbbbbbb.html");
	assert_true(a && b && a < b);
	assert_null(strstr(index, "f/cccc"));
	assert_null(strstr(index, "<script>alert"));
	assert_non_null(strstr(index, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
	assert_null(strstr(index, "http://"));
	assert_null(strstr(index, "https://"));
	free(index);
	index = read_out("index-3.html");
	assert_non_null(strstr(index, "data-status=\"resolved\""));
	free(index);

	char *page = read_out("f/aaaaaaaaaaaaaaaaaaaaaaaa.html");
	assert_non_null(strstr(page, "href=\"../index.html\""));
	assert_null(strstr(page, "<script>alert"));
	assert_non_null(strstr(page, "/* &quot;&lt;b&gt;quoted&lt;/b&gt;&quot; &amp; more */"));
	/* step 1 is a note right under line 5; the last is marked as the warning */
	assert_non_null(strstr(page, "<tr class=\"hit\"><td>5</td><td>\tpthread_create(&amp;a, 0, job, 0);</td></tr>\n"
			       "<tr class=\"nrow\"><td></td><td><span class=\"note\" id=\"s1\""));
	assert_non_null(strstr(page, "<span class=\"num\">1</span>Thread &#39;a&#39; started &lt;here&gt;"));
	assert_non_null(strstr(page, "class=\"note last\" id=\"s3\""));
	/* outside the root: named, not embedded */
	assert_non_null(strstr(page, "outside the run&#39;s root, so it is not embedded"));
	assert_null(strstr(page, "SECRET_OUTSIDE_ROOT"));
	assert_non_null(strstr(page, "// taskleak-ignore[TL101]: reason"));
	assert_non_null(strstr(page, "# TL101 UnjoinedTask")); /* the rule's page */
	assert_non_null(strstr(page, "No triage changes recorded."));
	free(page);
	tl_export_set_free(&set);
}

/* A long file shows the lines around the steps, with gaps between. */
static void test_long_file(void **state)
{
	(void)state;
	struct strbuf p, text;
	sb_init(&p);
	sb_init(&text);
	sb_addf(&p, "%s/src/long.c", root);
	for (int i = 1; i <= 4000; i++)
		sb_addf(&text, "int line_%d;\n", i);
	write_text(p.buf, text.buf);
	struct tl_export_set set;
	struct tl_html_stats st;
	memset(&set, 0, sizeof(set));
	set.run.name = strdup("long");
	set.run.root = strdup(root);
	struct tl_export_result *r = add(&set, 'f', "far down", "new", TL_BASELINE_NONE);
	free(r->steps[0].file);
	r->steps[0].file = strdup("src/long.c");
	r->steps[0].line = 2000;
	write_report(&set, 0, &st);
	char *page = read_out("f/ffffffffffffffffffffffff.html");
	assert_non_null(strstr(page, "int line_2000;"));
	assert_non_null(strstr(page, "int line_1988;"));
	assert_null(strstr(page, "int line_1987;"));
	assert_null(strstr(page, "int line_2013;"));
	assert_non_null(strstr(page, "<tr class=\"gap\">"));
	assert_non_null(strstr(page, "href=\"../taskleak.css\""));
	free(page);
	page = read_out("taskleak.css");
	assert_non_null(strstr(page, ".note{"));
	free(page);
	tl_export_set_free(&set);
	sb_release(&p);
	sb_release(&text);
}

static void test_unwritable(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_html_stats st;
	char *err = NULL;
	make_set(&set);
	struct tl_html_opts o = { "/proc/no/such/dir", &cat, NULL, "t", 0 };
	assert_int_not_equal(tl_html_report(&set, &o, &st, &err), 0);
	assert_non_null(err);
	assert_non_null(strstr(err, "/proc/no"));
	free(err);
	tl_export_set_free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_long_file),
		cmocka_unit_test(test_unwritable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
