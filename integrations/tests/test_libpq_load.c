/* test_libpq_load.c - the store opens libpq only for a PostgreSQL URL
 * (store/libpq_load.c): a library that is not there, or is not libpq,
 * gives one error naming it and leaves the table empty; the real one
 * fills every entry, once; a SQLite store never loads it. */
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
#include "store/libpq_table.h"
#include "store/store.h"

/* Every pointer of the table is null (nothing half-filled). */
static int table_empty(void)
{
	int set = 0;
#define COUNT_SET(name) set += tl_libpq.name != NULL;
	TL_LIBPQ_FUNCTIONS(COUNT_SET)
#undef COUNT_SET
	return set == 0 && !tl_libpq.loaded;
}

/* A SQLite store opens, writes and closes without libpq. */
static void sqlite_store_without_libpq(void **state)
{
	(void)state;
	char path[] = "/tmp/test_libpq_load_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err), TL_OK);
	tl_store_close(s);
	unlink(path);
	assert_true(table_empty());
}

static void no_such_library(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libpq_load("libpq-does-not-exist.so.5", &err), TL_E_DB);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot load libpq"));
	assert_non_null(strstr(err, "libpq-does-not-exist.so.5"));
	assert_true(table_empty());
	free(err);
	assert_int_equal(tl_libpq_load("/nonexistent/libpq.so", NULL), TL_E_DB);
	assert_true(table_empty());
}

/* A real shared library without libpq's functions (the C maths library):
 * the first function missing is named, nothing is kept. */
static void not_libpq(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libpq_load("libm.so.6", &err), TL_E_DB);
	assert_non_null(err);
	assert_non_null(strstr(err, "libm.so.6 is not the libpq"));
	assert_non_null(strstr(err, "PQ"));
	assert_true(table_empty());
	free(err);
}

static void real_libpq_once(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(tl_libpq_load(TL_LIBPQ_SONAME, &err), TL_OK);
	assert_null(err);
	assert_true(tl_libpq.loaded);
#define ASSERT_SET(name) assert_non_null(tl_libpq.name);
	TL_LIBPQ_FUNCTIONS(ASSERT_SET)
#undef ASSERT_SET
	/* loaded once: a later call (even with a bad name) keeps the table */
	assert_int_equal(tl_libpq_load("libpq-does-not-exist.so.5", &err), TL_OK);
	/* and it works: a server that is not there is refused by libpq */
	PGconn *c = tl_libpq.PQconnectdb("postgresql:///x?host=/nonexistent&connect_timeout=1");
	assert_non_null(c);
	assert_int_not_equal(tl_libpq.PQstatus(c), CONNECTION_OK);
	tl_libpq.PQfinish(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* the failures first: the table is filled once per process */
		cmocka_unit_test(sqlite_store_without_libpq),
		cmocka_unit_test(no_such_library),
		cmocka_unit_test(not_libpq),
		cmocka_unit_test(real_libpq_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
