/*
 * test_json_where.c - source lines of JSON paths, for model file errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "json_where.h"

static const char doc[] =
	"{\n"                                   /* 1 */
	"  \"library\": \"x\",\n"               /* 2 */
	"  \"note\": {\"a\": [1, {\"b\": 2}]},\n" /* 3 */
	"  \"functions\": [\n"                  /* 4 */
	"    {\"name\": \"a\\\"}\", \"role\": \"x\"},\n" /* 5: escaped quote and brace in a string */
	"    {\n"                               /* 6 */
	"      \"name\": \"b\",\n"              /* 7 */
	"      \"role\": \"y\"\n"               /* 8 */
	"    }\n"                               /* 9 */
	"  ]\n"
	"}\n";

static void finds_members_and_elements(void **state)
{
	(void)state;
	size_t n = strlen(doc);
	assert_int_equal(tl_json_line_of(doc, n, "library", -1, NULL), 2);
	assert_int_equal(tl_json_line_of(doc, n, "functions", -1, NULL), 4);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 0, NULL), 5);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 0, "role"), 5);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 1, NULL), 6);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 1, "role"), 8);
}

static void falls_back_to_nearest_known_place(void **state)
{
	(void)state;
	size_t n = strlen(doc);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 5, "role"), 4);
	assert_int_equal(tl_json_line_of(doc, n, "functions", 1, "nope"), 6);
	assert_int_equal(tl_json_line_of(doc, n, "missing", -1, NULL), 1);
	assert_int_equal(tl_json_line_of("", 0, "x", 0, "y"), 1);
	/* Truncated text must not read past the end. */
	assert_int_equal(tl_json_line_of(doc, 30, "functions", 1, "role"), 1);
}

static void offsets(void **state)
{
	(void)state;
	int line, col;
	tl_json_offset_to_line("ab\ncd\n", 6, 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_members_and_elements),
		cmocka_unit_test(falls_back_to_nearest_known_place),
		cmocka_unit_test(offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
