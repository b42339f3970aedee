/* test_export.c - the SARIF, GitLab Code Quality and rdjson writers, field
 * by field, on a result set built in memory with the real rule catalog. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/fileio.h"
#include "common/strbuf.h"
#include "export/export.h"
#include "export/gitlab.h"
#include "export/line_hash.h"
#include "export/rdjson.h"
#include "export/rules_help.h"
#include "export/sarif.h"
#include "test_util.h"

static struct tl_catalog cat;
static char *root;  /* a project root with "src/a b.c" */

static const char source[] =
	"#include <pthread.h>\n"
	"static void *job(void *p) { return p; }\n"
	"int run(void) {\n"
	"\tpthread_t a;\n"
	"\tpthread_create(&a, 0, job, 0);\n"
	"\treturn 0;\n"
	"}\n";

static int setup(void **state)
{
	(void)state;
	char *err = NULL;
	if (tl_catalog_load(CATALOG, &cat, &err))
		fail_msg("%s", err);
	char *p = tmp_path("src");
	root = tl_dirname(p);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", p);
	if (system(cmd))
		return -1;
	struct strbuf f;
	sb_init(&f);
	sb_addf(&f, "%s/a b.c", p);
	FILE *fp = fopen(f.buf, "w");
	fputs(source, fp);
	fclose(fp);
	sb_release(&f);
	free(p);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		return -1;
	free(root);
	tl_catalog_free(&cat);
	return 0;
}

static struct tl_export_result *add(struct tl_export_set *set, const char *rule,
				    const char *checker, int line, const char *fp_char)
{
	struct tl_export_result *r = tl_export_add(set);
	char fp[65];
	memset(fp, fp_char[0], 64);
	fp[64] = '\0';
	r->fingerprint = strdup(fp);
	r->rule = strdup(rule);
	r->checker = strdup(checker);
	r->file = strdup("src/a b.c");
	r->line = line;
	r->col = 2;
	r->function = strdup("run");
	r->message = strdup("Thread running 'job' is never joined or detached");
	r->triage = strdup("unreviewed");
	return r;
}

static void add_steps(struct tl_export_result *r)
{
	r->steps = calloc(2, sizeof(*r->steps));
	r->nsteps = 2;
	r->steps[0] = (struct tl_export_step){ strdup("src/a b.c"), 5, 2, 0, strdup("spawned here") };
	r->steps[1] = (struct tl_export_step){ strdup("src/a b.c"), 2, 1, 1, strdup("entered 'job'") };
}

static void init_set(struct tl_export_set *set)
{
	memset(set, 0, sizeof(*set));
	set->run.id = 7;
	set->run.name = strdup("run-7");
	set->run.root = strdup(root);
	set->run.tool = strdup("Debian clang version 14.0.6");
	set->run.started_at = strdup("2026-11-27T10:00:00Z");
	set->run.finished_at = strdup("2026-11-27T10:01:00Z");
}

static cJSON *render_sarif(struct tl_export_set *set, size_t max_results, size_t max_gzip,
			   struct tl_export_report *rep)
{
	struct tl_sarif_opts o = { &cat, "0.1.0", NULL, max_results, max_gzip, 0 };
	char *text = NULL, *err = NULL;
	if (tl_sarif_render(set, &o, &text, rep, &err))
		fail_msg("%s", err);
	cJSON *doc = cJSON_Parse(text);
	assert_non_null(doc);
	free(text);
	return doc;
}

static const char *str_at(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	const cJSON *cur = o;
	for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, ".")) {
		char *end;
		long i = strtol(tok, &end, 10);
		cur = *end ? cJSON_GetObjectItemCaseSensitive(cur, tok) : cJSON_GetArrayItem(cur, (int)i);
	}
	if (!cJSON_IsString(cur))
		fail_msg("%s: not a string", path);
	return cur->valuestring;
}

static double num_at(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	const cJSON *cur = o;
	for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, ".")) {
		char *end;
		long i = strtol(tok, &end, 10);
		cur = *end ? cJSON_GetObjectItemCaseSensitive(cur, tok) : cJSON_GetArrayItem(cur, (int)i);
	}
	if (!cJSON_IsNumber(cur))
		fail_msg("%s: not a number", path);
	return cur->valuedouble;
}

static int has_tag(const cJSON *rule, const char *tag)
{
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "properties"), "tags"))
		if (cJSON_IsString(t) && !strcmp(t->valuestring, tag))
			return 1;
	return 0;
}

static void sarif_rules(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_export_report rep;
	init_set(&set);
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "a");
	add(&set, "core.NullDereference", "core.NullDereference", 6, "b");
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 6, "c");
	cJSON *doc = render_sarif(&set, 0, 0, &rep);
	const cJSON *rules = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), 0), "tool"), "driver"), "rules");
	assert_int_equal(cJSON_GetArraySize(rules), 2);
	const cJSON *r = cJSON_GetArrayItem(rules, 0);
	const struct tl_rule *cr = tl_catalog_by_id(&cat, "TL101");
	assert_string_equal(str_at(r, "id"), "TL101");
	assert_string_equal(str_at(r, "name"), "UnjoinedTask");
	assert_string_equal(str_at(r, "shortDescription.text"), cr->short_desc);
	assert_string_equal(str_at(r, "fullDescription.text"), cr->full_desc);
	assert_true(!strncmp(str_at(r, "help.markdown"), "# TL101", 7));
	const char *text = str_at(r, "help.text");
	assert_true(!strncmp(text, "TL101 UnjoinedTask", 18));
	assert_null(strstr(text, "```"));
	assert_null(strchr(text, '`'));
	assert_non_null(strstr(text, "pthread_join(a, NULL);"));
	assert_string_equal(str_at(r, "defaultConfiguration.level"), cr->level);
	assert_string_equal(str_at(r, "properties.precision"), "high");
	assert_string_equal(str_at(r, "properties.security-severity"), cr->security_severity);
	assert_true(has_tag(r, "external/cwe/cwe-772"));
	assert_true(has_tag(r, "security"));
	/* clang's checker: text made from its name */
	r = cJSON_GetArrayItem(rules, 1);
	assert_string_equal(str_at(r, "id"), "core.NullDereference");
	assert_string_equal(str_at(r, "name"), "NullDereference");
	assert_non_null(strstr(str_at(r, "shortDescription.text"), "core.NullDereference"));
	assert_true(strlen(str_at(r, "fullDescription.text")) > 20);
	assert_true(strlen(str_at(r, "help.text")) > 20);
	assert_non_null(strstr(str_at(r, "help.markdown"), "`core.NullDereference`"));
	assert_false(has_tag(r, "security"));
	/* results point at their rule */
	const cJSON *results = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), 0),
						   "results");
	assert_int_equal(num_at(results, "1.ruleIndex"), 1);
	assert_int_equal(num_at(results, "2.ruleIndex"), 0);
	cJSON_Delete(doc);
	tl_export_set_free(&set);
}

static void sarif_results(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_export_report rep;
	init_set(&set);
	add_steps(add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "a"));
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 99, "b"); /* past the end */
	cJSON *doc = render_sarif(&set, 0, 0, &rep);
	const cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), 0);
	assert_string_equal(str_at(doc, "version"), "2.1.0");
	assert_string_equal(str_at(run, "tool.driver.name"), "taskleak");
	assert_string_equal(str_at(run, "tool.driver.semanticVersion"), "0.1.0");
	assert_string_equal(str_at(run, "automationDetails.id"), "taskleak/run-7");
	struct strbuf want;
	sb_init(&want);
	sb_addf(&want, "file://%s/", root);
	assert_string_equal(str_at(run, "originalUriBaseIds.%SRCROOT%.uri"), want.buf);
	sb_release(&want);
	const cJSON *res = cJSON_GetArrayItem(cJSON_GetObjectItem(run, "results"), 0);
	assert_string_equal(str_at(res, "ruleId"), "TL101");
	assert_string_equal(str_at(res, "level"), "warning");
	assert_string_equal(str_at(res, "message.text"),
			    "Thread running 'job' is never joined or detached");
	assert_string_equal(str_at(res, "locations.0.physicalLocation.artifactLocation.uri"),
			    "src/a%20b.c");
	assert_string_equal(str_at(res, "locations.0.physicalLocation.artifactLocation.uriBaseId"),
			    "%SRCROOT%");
	assert_int_equal(num_at(res, "locations.0.physicalLocation.region.startLine"), 5);
	assert_int_equal(num_at(res, "locations.0.physicalLocation.region.startColumn"), 2);
	assert_string_equal(str_at(res, "locations.0.logicalLocations.0.name"), "run");
	struct tl_line_hashes lh;
	tl_line_hashes_compute(source, strlen(source), &lh);
	assert_string_equal(str_at(res, "partialFingerprints.primaryLocationLineHash"),
			    tl_line_hash(&lh, 5));
	tl_line_hashes_free(&lh);
	assert_string_equal(str_at(res, "partialFingerprints.taskleak/v1"), set.v[0].fingerprint);
	const cJSON *steps = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(res, "codeFlows"), 0), "threadFlows"), 0),
		"locations");
	assert_int_equal(cJSON_GetArraySize(steps), 2);
	assert_string_equal(str_at(steps, "1.location.message.text"), "entered 'job'");
	assert_int_equal(num_at(steps, "1.nestingLevel"), 1);
	assert_int_equal(num_at(steps, "0.location.physicalLocation.region.startLine"), 5);
	assert_null(cJSON_GetObjectItem(res, "baselineState"));
	assert_null(cJSON_GetObjectItem(res, "suppressions"));
	/* a line the file does not have: no line hash, and the report says so */
	res = cJSON_GetArrayItem(cJSON_GetObjectItem(run, "results"), 1);
	assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "partialFingerprints"),
					"primaryLocationLineHash"));
	assert_int_equal(rep.unhashed, 1);
	assert_int_equal(rep.written, 2);
	cJSON_Delete(doc);
	tl_export_set_free(&set);
}

static void sarif_baseline_and_suppressions(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_export_report rep;
	static const char *const want[] = { "new", "unchanged", "updated", "absent" };
	init_set(&set);
	for (int i = 0; i < 4; i++)
		add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "abcd" + i)->baseline =
			(enum tl_baseline_state)(TL_BASELINE_NEW + i);
	struct tl_export_result *s = add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "e");
	s->suppressed = 1;
	s->in_source = 1;
	free(s->triage);
	s->triage = strdup("intentional");
	s->triage_note = strdup("joined by the pool");
	s = add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "f");
	s->suppressed = 1;
	free(s->triage);
	s->triage = strdup("false-positive");
	cJSON *doc = render_sarif(&set, 0, 0, &rep);
	const cJSON *results = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"),
								      0), "results");
	for (int i = 0; i < 4; i++) {
		const cJSON *r = cJSON_GetArrayItem(results, i);
		assert_string_equal(str_at(r, "baselineState"), want[i]);
		assert_null(cJSON_GetObjectItem(r, "suppressions"));
	}
	const cJSON *r = cJSON_GetArrayItem(results, 4);
	assert_string_equal(str_at(r, "suppressions.0.kind"), "inSource");
	assert_string_equal(str_at(r, "suppressions.0.status"), "accepted");
	assert_string_equal(str_at(r, "suppressions.0.justification"), "intentional: joined by the pool");
	r = cJSON_GetArrayItem(results, 5);
	assert_string_equal(str_at(r, "suppressions.0.kind"), "external");
	assert_string_equal(str_at(r, "suppressions.0.justification"), "false-positive");
	cJSON_Delete(doc);
	tl_export_set_free(&set);
}

/* Over the result limit the errors (TL102) are kept before the warnings. */
static void sarif_limits_keep_most_severe(void **state)
{
	(void)state;
	struct tl_export_set set;
	struct tl_export_report rep;
	init_set(&set);
	add(&set, "core.NullDereference", "core.NullDereference", 5, "a");
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "b");
	add(&set, "TL102", "taskleak.lifetime.DanglingTaskArg", 5, "c");
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 6, "d");
	add(&set, "TL102", "taskleak.lifetime.DanglingTaskArg", 6, "e");
	cJSON *doc = render_sarif(&set, 3, 0, &rep);
	const cJSON *results = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"),
								      0), "results");
	assert_int_equal(cJSON_GetArraySize(results), 3);
	assert_true(rep.over_results);
	assert_int_equal(rep.written, 3);
	assert_int_equal(rep.dropped, 2);
	/* TL102 (error) twice, then TL101 (security 4.0) before clang's checker */
	assert_string_equal(str_at(results, "0.ruleId"), "TL101");
	assert_string_equal(str_at(results, "1.ruleId"), "TL102");
	assert_string_equal(str_at(results, "2.ruleId"), "TL102");
	cJSON_Delete(doc);
	tl_export_set_free(&set);

	/* the gzip limit: shrink until the file fits */
	init_set(&set);
	for (int i = 0; i < 300; i++) {
		struct tl_export_result *r = add(&set, i % 3 ? "TL101" : "TL102",
			i % 3 ? "taskleak.lifetime.UnjoinedTask" : "taskleak.lifetime.DanglingTaskArg",
			1 + i % 7, "0123456789abcdef" + i % 16);
		free(r->message);
		char msg[64];
		snprintf(msg, sizeof(msg), "finding number %d with its own text %x", i, i * 7919);
		r->message = strdup(msg);
	}
	doc = render_sarif(&set, 0, 1u << 30, &rep);
	size_t full = rep.gzip_size;
	cJSON_Delete(doc);
	assert_false(rep.over_size);
	doc = render_sarif(&set, 0, full / 2, &rep);
	results = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), 0),
				      "results");
	assert_true(rep.over_size);
	assert_false(rep.over_results);
	assert_true(rep.gzip_size <= full / 2);
	assert_true(rep.written > 0 && rep.written < 300);
	assert_int_equal((size_t)cJSON_GetArraySize(results), rep.written);
	assert_int_equal(rep.dropped, 300 - rep.written);
	/* what is kept is the errors first */
	const cJSON *r;
	size_t errors = 0;
	cJSON_ArrayForEach(r, results)
		errors += !strcmp(str_at(r, "level"), "error");
	assert_int_equal(errors, rep.written < 100 ? rep.written : 100);
	cJSON_Delete(doc);
	tl_export_set_free(&set);
}

static void gitlab_fields(void **state)
{
	(void)state;
	struct tl_export_set set;
	char *text = NULL, *err = NULL;
	init_set(&set);
	add(&set, "TL102", "taskleak.lifetime.DanglingTaskArg", 5, "a")->baseline = TL_BASELINE_NEW;
	add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 6, "b")->baseline = TL_BASELINE_ABSENT;
	add(&set, "core.NullDereference", "core.NullDereference", 3, "c");
	assert_int_equal(tl_gitlab_render(&set, &cat, &text, &err), 0);
	cJSON *doc = cJSON_Parse(text);
	assert_true(cJSON_IsArray(doc));
	assert_int_equal(cJSON_GetArraySize(doc), 2); /* the absent one is no issue */
	const cJSON *i0 = cJSON_GetArrayItem(doc, 0);
	assert_string_equal(str_at(i0, "type"), "issue");
	assert_string_equal(str_at(i0, "check_name"), "TL102");
	assert_string_equal(str_at(i0, "description"),
			    "TL102: Thread running 'job' is never joined or detached");
	assert_string_equal(str_at(i0, "fingerprint"), set.v[0].fingerprint);
	assert_string_equal(str_at(i0, "severity"), "critical");
	assert_string_equal(str_at(i0, "location.path"), "src/a b.c");
	assert_int_equal(num_at(i0, "location.lines.begin"), 5);
	const cJSON *i1 = cJSON_GetArrayItem(doc, 1);
	assert_string_equal(str_at(i1, "check_name"), "core.NullDereference");
	assert_string_equal(str_at(i1, "severity"), "major");
	assert_int_equal(num_at(i1, "location.lines.begin"), 3);
	cJSON_Delete(doc);
	free(text);
	tl_export_set_free(&set);
}

static void rdjson_fields(void **state)
{
	(void)state;
	struct tl_export_set set;
	char *text = NULL, *err = NULL;
	init_set(&set);
	add_steps(add(&set, "TL101", "taskleak.lifetime.UnjoinedTask", 5, "a"));
	add(&set, "TL102", "taskleak.lifetime.DanglingTaskArg", 6, "b")->baseline = TL_BASELINE_ABSENT;
	add(&set, "TL102", "taskleak.lifetime.DanglingTaskArg", 6, "c");
	assert_int_equal(tl_rdjson_render(&set, &cat, &text, &err), 0);
	cJSON *doc = cJSON_Parse(text);
	assert_string_equal(str_at(doc, "source.name"), "taskleak");
	const cJSON *d = cJSON_GetObjectItem(doc, "diagnostics");
	assert_int_equal(cJSON_GetArraySize(d), 2);
	assert_string_equal(str_at(d, "0.message"), "Thread running 'job' is never joined or detached");
	assert_string_equal(str_at(d, "0.location.path"), "src/a b.c");
	assert_int_equal(num_at(d, "0.location.range.start.line"), 5);
	assert_int_equal(num_at(d, "0.location.range.start.column"), 2);
	assert_string_equal(str_at(d, "0.severity"), "WARNING");
	assert_string_equal(str_at(d, "0.code.value"), "TL101");
	assert_string_equal(str_at(d, "0.source.name"), "taskleak");
	assert_string_equal(str_at(d, "0.related_locations.1.message"), "entered 'job'");
	assert_int_equal(num_at(d, "0.related_locations.1.location.range.start.line"), 2);
	assert_string_equal(str_at(d, "1.severity"), "ERROR");
	assert_string_equal(str_at(d, "1.code.value"), "TL102");
	assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(d, 1), "related_locations"));
	cJSON_Delete(doc);
	free(text);
	tl_export_set_free(&set);
}

static void text_helpers(void **state)
{
	(void)state;
	char *t = tl_markdown_strip("# Title\n\nSome **bold** and `code`.\n\n```c\nint x;\n```\n## Next\n");
	assert_string_equal(t, "Title\n\nSome bold and code.\n\nint x;\nNext");
	free(t);
	struct strbuf sb;
	sb_init(&sb);
	tl_uri_path(&sb, "src/a b%#?\xc3\xa9.c");
	assert_string_equal(sb.buf, "src/a%20b%25%23%3F%C3%A9.c");
	sb_release(&sb);
	/* a rule whose page is missing: an error naming the file */
	struct tl_catalog c = cat;
	struct tl_rule r = *tl_catalog_by_id(&cat, "TL101");
	char *err = NULL;
	struct tl_rule_desc d;
	r.page = "docs/NO-SUCH-PAGE.md";
	c.rules = &r;
	c.n = 1;
	assert_int_not_equal(tl_rule_desc_make(&c, "TL101", NULL, &d, &err), 0);
	assert_non_null(strstr(err, "NO-SUCH-PAGE.md"));
	free(err);
	/* descriptions over GitHub's 1024 bytes are cut, on a character boundary */
	char *long_text = malloc(3001);
	for (int i = 0; i < 3000; i += 3)
		memcpy(long_text + i, "\xe2\x82\xac", 3); /* U+20AC, 3 bytes */
	long_text[3000] = '\0';
	r.page = "";
	r.full_desc = long_text;
	assert_int_equal(tl_rule_desc_make(&c, "TL101", NULL, &d, &err), 0);
	size_t n = strlen(d.full_text);
	assert_true(n <= 1024);
	assert_string_equal(d.full_text + n - 3, "...");
	assert_int_equal((n - 3) % 3, 0);
	assert_string_equal(d.short_text, cat.rules[0].short_desc);
	tl_rule_desc_free(&d);
	free(long_text);
}

/* A FIFO (like /dev/null, not a regular file) is written in place, never
 * replaced by a renamed temporary file. */
static void atomic_write_keeps_special_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/tl-fifo-XXXXXX", path[64], buf[16] = { 0 };
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	int rd = open(path, O_RDWR | O_NONBLOCK); /* a reader, so the write does not block */
	assert_true(rd >= 0);
	char *err = NULL;
	assert_int_equal(tl_write_file_atomic(path, "model", 5, &err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(read(rd, buf, sizeof(buf) - 1), 5);
	assert_string_equal(buf, "model");
	close(rd);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(atomic_write_keeps_special_files),
		cmocka_unit_test(sarif_rules),
		cmocka_unit_test(sarif_results),
		cmocka_unit_test(sarif_baseline_and_suppressions),
		cmocka_unit_test(sarif_limits_keep_most_severe),
		cmocka_unit_test(gitlab_fields),
		cmocka_unit_test(rdjson_fields),
		cmocka_unit_test(text_helpers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
