/*
 * test_name_index.c - the model set's index of rows by name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "name_index.h"

#define NROWS 1000

static char names[NROWS][16];

static const char *name_at(const void *rows, size_t pos)
{
	return ((const char (*)[16])rows)[pos];
}

static void fill(void)
{
	for (int i = 0; i < NROWS; i++)
		snprintf(names[i], sizeof(names[i]), "fn_%d", i);
}

static void empty_index_finds_nothing(void **state)
{
	(void)state;
	struct tl_name_index ix = { 0 };
	assert_true(tl_name_index_find(&ix, names, name_at, "fn_0") == (size_t)-1);
	tl_name_index_free(&ix);
}

/* Many rows: the index grows several times and still finds each one. */
static void finds_every_row_after_growing(void **state)
{
	(void)state;
	struct tl_name_index ix = { 0 };
	fill();
	for (size_t i = 0; i < NROWS; i++)
		assert_int_equal(tl_name_index_add(&ix, names, name_at, i), 0);
	assert_true(ix.cap >= 2 * NROWS);
	for (size_t i = 0; i < NROWS; i++)
		assert_int_equal(tl_name_index_find(&ix, names, name_at, names[i]), i);
	assert_true(tl_name_index_find(&ix, names, name_at, "fn_1000") == (size_t)-1);
	assert_true(tl_name_index_find(&ix, names, name_at, "") == (size_t)-1);
	tl_name_index_free(&ix);
	assert_null(ix.slots);
}

/* A later row of the same name replaces the earlier and takes no new slot. */
static void later_row_replaces_earlier(void **state)
{
	(void)state;
	struct tl_name_index ix = { 0 };
	fill();
	strcpy(names[7], names[3]);
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(tl_name_index_add(&ix, names, name_at, i), 0);
	assert_int_equal(ix.used, 9);
	assert_int_equal(tl_name_index_find(&ix, names, name_at, names[3]), 7);
	tl_name_index_free(&ix);
}

/* After reserve, adding up to that many never grows the table. */
static void reserve_makes_room_first(void **state)
{
	(void)state;
	struct tl_name_index ix = { 0 };
	fill();
	assert_int_equal(tl_name_index_reserve(&ix, names, name_at, 300), 0);
	size_t *slots = ix.slots, cap = ix.cap;
	assert_true(cap >= 600);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(tl_name_index_add(&ix, names, name_at, i), 0);
	assert_ptr_equal(ix.slots, slots);
	assert_int_equal(ix.cap, cap);
	assert_int_equal(tl_name_index_find(&ix, names, name_at, "fn_299"), 299);
	tl_name_index_free(&ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_index_finds_nothing),
		cmocka_unit_test(finds_every_row_after_growing),
		cmocka_unit_test(later_row_replaces_earlier),
		cmocka_unit_test(reserve_makes_room_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
