/* test_libclang_load.c - the inference opens libclang only when it parses
 * (infer/libclang_load.c): a library that is not there, or is not
 * libclang, gives one error naming it and leaves the table empty; the
 * real one fills every entry, once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "common/tl_error.h"
#include "infer/libclang_table.h"

/* Every pointer of the table is null (nothing half-filled). */
static int table_empty(void)
{
	int set = 0;
#define COUNT_SET(name) set += tl_libclang.name != NULL;
	TL_LIBCLANG_FUNCTIONS(COUNT_SET)
#undef COUNT_SET
	return set == 0 && !tl_libclang.loaded;
}

static void no_such_library(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libclang_load("libclang-does-not-exist.so.1", &err), TL_E_ANALYSIS);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot load libclang"));
	assert_non_null(strstr(err, "libclang-does-not-exist.so.1"));
	assert_true(table_empty());
	free(err);
	/* no err to fill: still an error, still no crash */
	assert_int_equal(tl_libclang_load("/nonexistent/libclang.so", NULL), TL_E_ANALYSIS);
	assert_true(table_empty());
}

/* A real shared library without libclang's functions (the C maths
 * library): the first function missing is named, nothing is kept. */
static void not_libclang(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libclang_load("libm.so.6", &err), TL_E_ANALYSIS);
	assert_non_null(err);
	assert_non_null(strstr(err, "libm.so.6 is not the libclang"));
	assert_non_null(strstr(err, "clang_"));
	assert_true(table_empty());
	free(err);
}

static void real_libclang_once(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libclang_load(TL_LIBCLANG_SONAME, &err), TL_OK);
	assert_null(err);
	assert_true(tl_libclang.loaded);
#define ASSERT_SET(name) assert_non_null(tl_libclang.name);
	TL_LIBCLANG_FUNCTIONS(ASSERT_SET)
#undef ASSERT_SET
	/* loaded once: a later call (even with a bad name) keeps the table */
	assert_int_equal(tl_libclang_load("libclang-does-not-exist.so.1", &err), TL_OK);
	CXIndex index = tl_libclang.clang_createIndex(0, 0);
	assert_non_null(index);
	tl_libclang.clang_disposeIndex(index);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* the failures first: the table is filled once per process */
		cmocka_unit_test(no_such_library),
		cmocka_unit_test(not_libclang),
		cmocka_unit_test(real_libclang_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
