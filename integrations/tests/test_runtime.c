/* test_runtime.c - reading libtaskleak-rt reports and comparing path
 * spellings (import/runtime.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/tl_error.h"
#include "import/runtime.h"
#include "test_util.h"

#define REPORT(pid, trig) "{\"type\":\"report\",\"version\":1,\"pid\":" #pid ",\"trigger\":\"" trig \
	"\",\"program\":\"/bin/p\"}\n"
#define LEAK(pid, kind, line) "{\"type\":\"leak\",\"pid\":" #pid ",\"kind\":\"" kind "\",\"task\":1," \
	"\"api\":\"pthread\",\"entry\":\"job\",\"file\":\"/b/src/a.c\",\"line\":" #line \
	",\"function\":\"f\"}\n"
#define END(pid) "{\"type\":\"end\",\"pid\":" #pid ",\"leaks\":1}\n"

static char *write_tmp(const char *text)
{
	char *path = tmp_path("rt.jsonl");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int read_text(const char *text, struct tl_rt_set *s, char **err)
{
	char *path = write_tmp(text);
	int rc = tl_rt_read(path, s, err);
	rm_tree(path);
	free(path);
	return rc;
}

static void last_report_per_process_counts(void **state)
{
	(void)state;
	struct tl_rt_set s;
	char *err = NULL;
	tl_rt_set_init(&s);
	/* pid 1: a signal report with 2 leaks, then the exit report with one;
	 * pid 2 (a forked child): one finished leak at the same site */
	assert_int_equal(read_text(REPORT(1, "signal") LEAK(1, "running", 7) LEAK(1, "running", 9)
				   END(1) REPORT(2, "exit") LEAK(2, "finished", 7) END(2)
				   REPORT(1, "exit") LEAK(1, "running", 7) END(1), &s, &err), TL_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].file, "/b/src/a.c");
	assert_int_equal(s.v[0].line, 7);
	assert_int_equal(s.v[0].running, 1);
	assert_int_equal(s.v[0].finished, 1);
	assert_string_equal(s.v[0].entry, "job");
	assert_int_equal(s.reports, 2);
	tl_rt_set_free(&s);
}

static void unplaced_leaks_are_counted(void **state)
{
	(void)state;
	struct tl_rt_set s;
	char *err = NULL;
	tl_rt_set_init(&s);
	assert_int_equal(read_text(REPORT(3, "exit")
				   "{\"type\":\"leak\",\"pid\":3,\"kind\":\"running\",\"file\":\"\",\"line\":0}\n"
				   END(3), &s, &err), TL_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.unplaced, 1);
	tl_rt_set_free(&s);
}

static void bad_lines_name_file_and_line(void **state)
{
	(void)state;
	static const struct { const char *text, *want; } cases[] = {
		{ REPORT(1, "exit") "{not json\n", "rt.jsonl:2: not JSON" },
		{ REPORT(1, "exit") "[1,2]\n", "rt.jsonl:2: not a taskleak-rt report line" },
		{ "{\"type\":\"report\",\"version\":2,\"pid\":1}\n", "rt.jsonl:1: report of an unknown version" },
		{ LEAK(1, "running", 7), "rt.jsonl:1: leak line before its report line" },
		{ "\n\n", "no taskleak-rt report in it" },
		{ "{\"type\":\"leak\",\"kind\":\"running\"}\n", "rt.jsonl:1: line without a pid" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tl_rt_set s;
		char *err = NULL;
		tl_rt_set_init(&s);
		assert_int_equal(read_text(cases[i].text, &s, &err), TL_E_INPUT);
		assert_non_null(strstr(err, cases[i].want));
		assert_int_equal(s.n, 0); /* nothing added */
		free(err);
		tl_rt_set_free(&s);
	}
}

static void path_spellings(void **state)
{
	(void)state;
	assert_true(tl_rt_same_file("src/a.c", "src/a.c"));
	assert_true(tl_rt_same_file("src/a.c", "/build/p/src/a.c"));
	assert_true(tl_rt_same_file("/build/p/src/a.c", "./src/a.c"));
	assert_true(tl_rt_same_file("a.c", "/x/a.c"));
	assert_false(tl_rt_same_file("src/a.c", "/build/p/xsrc/a.c"));
	assert_false(tl_rt_same_file("src/a.c", "src/b.c"));
	assert_false(tl_rt_same_file("", "src/a.c"));
	assert_false(tl_rt_same_file("lib/a.c", "/p/src/a.c"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(last_report_per_process_counts),
		cmocka_unit_test(unplaced_leaks_are_counted),
		cmocka_unit_test(bad_lines_name_file_and_line),
		cmocka_unit_test(path_spellings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
