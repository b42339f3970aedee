/* test_sarif.c - the SARIF reader: clang 14's own SARIF, another tool's
 * SARIF with base ids and logical locations, and wrong types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/tl_error.h"
#include "import/fingerprint.h"
#include "import/import.h"

#define CATALOG FIXTURES "/../../rules/catalog.json"

struct fx {
	struct tl_catalog cat;
	struct tl_import_ctx ctx;
	struct tl_report_set set;
	char *err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (tl_catalog_load(CATALOG, &f->cat, &f->err) ||
	    tl_import_ctx_init(&f->ctx, "/", &f->cat, &f->err))
		return -1;
	tl_report_set_init(&f->set);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tl_report_set_clear(&f->set);
	tl_import_ctx_free(&f->ctx);
	tl_catalog_free(&f->cat);
	free(f->err);
	free(f);
	return 0;
}

static void reads_clang_sarif(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_sarif_read(&f->ctx, FIXTURES "/clang14-b.sarif", NULL, &f->set, &f->err), TL_OK);
	assert_int_equal(f->set.n, 2);
	assert_string_equal(f->set.tool, "clang");
	const struct tl_report *dz = &f->set.v[0], *leak = &f->set.v[1];
	if (strcmp(dz->rule, "core.DivideZero")) {
		const struct tl_report *t = dz;
		dz = leak;
		leak = t;
	}
	assert_string_equal(dz->rule, "core.DivideZero");
	assert_string_equal(dz->file, "tmp/q/include/util.h"); /* root is / here */
	assert_int_equal(dz->line, 5);
	assert_int_equal(dz->col, 16);
	assert_null(dz->function); /* clang 14's SARIF has no logical locations */
	assert_string_equal(leak->rule, "unix.Malloc");
	assert_string_equal(leak->file, "tmp/q/src/b.c");
	assert_true(leak->nsteps >= 2);
	assert_string_equal(leak->steps[0].message, "Memory is allocated");
}

static void reads_other_tool_sarif(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_sarif_read(&f->ctx, FIXTURES "/other-tool.sarif", NULL, &f->set, &f->err), TL_OK);
	assert_int_equal(f->set.n, 2);
	const struct tl_report *r = &f->set.v[0];
	assert_string_equal(r->rule, "OT001");
	assert_string_equal(r->file, "work/elsewhere/src/a.c"); /* SRCROOT resolved */
	assert_int_equal(r->line, 11);
	assert_int_equal(r->col, 10);
	assert_string_equal(r->function, "start_worker");
	assert_int_equal(r->nsteps, 2);
	assert_string_equal(r->steps[0].message, "Thread started here");
	assert_int_equal(r->steps[0].line, 9);
	/* no source at that path: a line fingerprint, with the function */
	char want[65];
	tl_fingerprint_line("OT001", "work/elsewhere/src/a.c", "start_worker", 11, 10, want);
	assert_string_equal(r->fingerprint, want);

	const struct tl_report *t = &f->set.v[1];
	assert_string_equal(t->rule, "TL101"); /* rule.id, mapped through the catalog */
	assert_string_equal(t->file, "abs/x y.c"); /* file URI, percent-decoded */
	assert_string_equal(t->issue_hash, "0123456789abcdef0123456789abcdef");
	tl_fingerprint_hash("TL101", "abs/x y.c", "0123456789abcdef0123456789abcdef", want);
	assert_string_equal(t->fingerprint, want);
}

static void wrong_type_names_the_field(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_sarif_read(&f->ctx, FIXTURES "/bad-types.sarif", NULL, &f->set, &f->err), TL_E_INPUT);
	assert_int_equal(f->set.n, 0); /* the good first result is dropped too */
	assert_string_equal(f->err, FIXTURES "/bad-types.sarif: runs[0].results[1].locations[0]"
			    ".physicalLocation.region.startLine: expected an integer");
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/tl-test-sarif-XXXXXX");
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");
	fputs(text, out);
	fclose(out);
	return path;
}

static void expect(struct fx *f, const char *text, const char *want)
{
	char *path = write_tmp(text);
	assert_int_equal(tl_sarif_read(&f->ctx, path, NULL, &f->set, &f->err), TL_E_INPUT);
	if (!strstr(f->err, want) || strncmp(f->err, path, strlen(path)))
		fail_msg("message '%s' lacks '%s' or the file name", f->err, want);
	unlink(path);
	free(path);
}

static void malformed_documents(void **state)
{
	struct fx *f = *state;
	expect(f, "{\n \"version\": \"2.1.0\",\n \"runs\": [ {\n", ":3: malformed SARIF JSON");
	expect(f, "{\"version\": \"2.0.0\", \"runs\": []}", ": version: expected \"2.1.0\"");
	expect(f, "{\"version\": \"2.1.0\", \"runs\": {}}", ": runs: expected an array");
	expect(f, "[1, 2]", ": expected a SARIF log object");
	expect(f, "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"message\": {\"text\": \"x\"}, "
		  "\"locations\": []}]}]}", "runs[0].results[0].ruleId: expected a string");
	expect(f, "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": 7}]}]}",
	       "runs[0].results[0].ruleId: expected a string");
	expect(f, "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"R\", "
		  "\"message\": {\"text\": 3}}]}]}", "runs[0].results[0].message.text: expected a string");
	/* a line that is not a whole number, or does not fit */
	expect(f, "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"R\", "
		  "\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\": "
		  "{\"artifactLocation\": {\"uri\": \"a.c\"}, \"region\": {\"startLine\": 1e12}}}]}]}]}",
	       "runs[0].results[0].locations[0].physicalLocation.region.startLine: expected an integer");
	expect(f, "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"R\", "
		  "\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\": "
		  "{\"artifactLocation\": {\"uri\": \"a.c\"}, \"region\": {\"startColumn\": 2.5}}}]}]}]}",
	       "runs[0].results[0].locations[0].physicalLocation.region.startColumn: expected an integer");
}

/* issue 13: an artifact whose location points back by index looped
 * forever (a stack overflow under ASan); now one hop, then an error. The
 * alarm makes the old hang a failure, not a stuck suite. */
static void artifact_index_cycle(void **state)
{
	struct fx *f = *state;
	alarm(20);
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[{\"artifacts\":[{\"location\":"
		  "{\"index\":0}}],\"results\":[{\"ruleId\":\"R\",\"message\":{\"text\":\"m\"},"
		  "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"index\":0}}}]}]}]}",
	       "runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: expected a string");
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[{\"artifacts\":[{\"location\":{\"index\":1}},"
		  "{\"location\":{\"index\":0}}],\"results\":[{\"ruleId\":\"R\",\"message\":{\"text\":\"m\"},"
		  "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"index\":1}}}]}]}]}",
	       "artifactLocation.uri: expected a string (an artifact's location cannot be another index)");
	/* an artifact naming its own index beside its uri (as tools write) is fine */
	char *path = write_tmp("{\"version\":\"2.1.0\",\"runs\":[{\"artifacts\":[{\"location\":"
			       "{\"uri\":\"/w/a.c\",\"index\":0}}],\"results\":[{\"ruleId\":\"R\","
			       "\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":"
			       "{\"artifactLocation\":{\"index\":0}}}]}]}]}");
	assert_int_equal(tl_sarif_read(&f->ctx, path, NULL, &f->set, &f->err), TL_OK);
	assert_string_equal(f->set.v[0].file, "w/a.c");
	unlink(path);
	free(path);
	alarm(0);
}

/* The reader parses results one at a time (issue 13: memory): brackets
 * and quotes inside strings, a key written with escapes (read whole, not
 * streamed) and brackets that do not match. */
static void streaming_pieces(void **state)
{
	struct fx *f = *state;
	static const char *const good[] = {
		"{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"R\",\"message\":{\"text\":"
		"\"]}\\\"[{,\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"/w/a.c\"}}}]},"
		"{\"ruleId\":\"S\",\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":"
		"{\"artifactLocation\":{\"uri\":\"/w/b.c\"}}}]}]}]}",
		"{\"version\":\"2.1.0\",\"r\\u0075ns\":[{\"r\\u0065sults\":[{\"ruleId\":\"R\",\"message\":{\"text\":"
		"\"x\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"/w/a.c\"}}}]},"
		"{\"ruleId\":\"S\",\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":"
		"{\"artifactLocation\":{\"uri\":\"/w/b.c\"}}}]}]}]}",
	};
	for (size_t i = 0; i < 2; i++) {
		char *path = write_tmp(good[i]);
		assert_int_equal(tl_sarif_read(&f->ctx, path, NULL, &f->set, &f->err), TL_OK);
		assert_int_equal(f->set.n, 2);
		assert_string_equal(f->set.v[1].file, "w/b.c");
		tl_report_set_truncate(&f->set, 0);
		unlink(path);
		free(path);
	}
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":[}]}]}", ": malformed SARIF JSON");
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"R\",\"message\":{\"text\":\"m\"},"
		  "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"/w/a.c\"}}}]} {}]}]}",
	       ": malformed SARIF JSON");
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[tru]}]}", ": malformed SARIF JSON");
	expect(f, "{\"version\":\"2.1.0\",\"runs\":[]} trailing", ": malformed SARIF JSON");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_clang_sarif, setup, teardown),
		cmocka_unit_test_setup_teardown(reads_other_tool_sarif, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_type_names_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(malformed_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(artifact_index_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(streaming_pieces, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
