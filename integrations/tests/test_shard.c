/* test_shard.c - sharded scans: which shard a unit goes to (stable when
 * units are added, every unit in exactly one shard, the selection agrees
 * across shards) and the checks `merge` makes on a set of shard runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "scan/shard.h"
#include "store/store_merge.h"

#define UNITS 2000

static void unit_name(char *buf, size_t n, int i)
{
	snprintf(buf, n, "src/dir%d/file%d.c", i % 37, i);
}

static void parses_i_of_n(void **state)
{
	(void)state;
	struct tl_shard sh;
	char *err = NULL;
	assert_int_equal(tl_shard_parse("3/4", &sh, &err), TL_OK);
	assert_int_equal(sh.index, 3);
	assert_int_equal(sh.count, 4);
	assert_int_equal(tl_shard_parse("1/1", &sh, &err), TL_OK);
	const char *bad[] = { "0/4", "5/4", "4", "/4", "1/", "1/0", "a/b", "1/4x", "-1/4",
			      "1/100000" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tl_shard_parse(bad[i], &sh, &err), TL_E_USAGE);
		assert_non_null(strstr(err, bad[i]));
		free(err);
		err = NULL;
	}
}

/* Each unit in exactly one shard, and the shards are not lopsided. */
static void every_unit_in_one_shard(void **state)
{
	(void)state;
	char name[64];
	for (int n = 1; n <= 8; n++) {
		int per[9] = { 0 };
		for (int i = 0; i < UNITS; i++) {
			unit_name(name, sizeof(name), i);
			int k = tl_shard_of(name, n);
			assert_true(k >= 1 && k <= n);
			per[k]++;
		}
		int sum = 0;
		for (int k = 1; k <= n; k++) {
			assert_true(per[k] > UNITS / n * 8 / 10); /* within 20% of even */
			assert_true(per[k] < UNITS / n * 12 / 10 + 1);
			sum += per[k];
		}
		assert_int_equal(sum, UNITS);
	}
}

/* The shard of a unit depends on its path alone: computing it among more
 * units, or in another order, gives the same answer. */
static void stable_when_units_are_added(void **state)
{
	(void)state;
	char name[64];
	int before[UNITS];
	for (int i = 0; i < UNITS; i++) {
		unit_name(name, sizeof(name), i);
		before[i] = tl_shard_of(name, 4);
	}
	for (int i = UNITS - 1; i >= 0; i--) { /* later, reversed, among others */
		unit_name(name, sizeof(name), UNITS + i);
		(void)tl_shard_of(name, 4);
		unit_name(name, sizeof(name), i);
		assert_int_equal(tl_shard_of(name, 4), before[i]);
	}
	/* and known values, so the function cannot change unnoticed: a
	 * change would split the units of running CI jobs differently */
	assert_int_equal(tl_shard_of("memcached.c", 4), 2);
	assert_int_equal(tl_shard_of("src/a.c", 7), 2);
	assert_int_equal(tl_shard_of("lib/x/y.cc", 1024), 197);
}

static struct tl_compdb make_db(int n)
{
	struct tl_compdb db = { xcalloc((size_t)n, sizeof(struct tl_tu)), (size_t)n };
	char name[80];
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/tmp/tl-shard-project/f%d.c", i);
		db.v[i].directory = xstrdup("/tmp/tl-shard-project");
		db.v[i].file = xstrdup(name);
	}
	return db;
}

/* tl_shard_select over the shards of one database: a partition, and one
 * units hash shared by all shards. */
static void selection_partitions_the_database(void **state)
{
	(void)state;
	struct tl_paths paths;
	char *err = NULL;
	assert_int_equal(tl_paths_init(&paths, "/tmp", &err), TL_OK);
	int seen[300] = { 0 };
	char hash[65] = "";
	for (int k = 1; k <= 4; k++) {
		struct tl_compdb db = make_db(300);
		struct tl_shard sh = { k, 4, 0, 0, "" };
		tl_shard_select(&db, &paths, &sh);
		assert_int_equal(sh.units_total, 300);
		assert_int_equal(sh.units, (long)db.n);
		if (k > 1)
			assert_string_equal(sh.units_hash, hash);
		strcpy(hash, sh.units_hash);
		for (size_t i = 0; i < db.n; i++)
			seen[atoi(strrchr(db.v[i].file, 'f') + 1)]++;
		tl_compdb_free(&db);
	}
	for (int i = 0; i < 300; i++)
		assert_int_equal(seen[i], 1);
	/* another database (one unit more) has another hash */
	struct tl_compdb db = make_db(301);
	struct tl_shard sh = { 1, 4, 0, 0, "" };
	tl_shard_select(&db, &paths, &sh);
	assert_string_not_equal(sh.units_hash, hash);
	tl_compdb_free(&db);
	tl_paths_free(&paths);
}

static struct tl_shard_run run(const char *db, int index, int count, const char *hash,
			       const char *root)
{
	struct tl_shard_run r = { db, 1, "ci-1", (char *)root, NULL, (char *)hash, index, count,
				  100, 25 };
	return r;
}

static void expect_refused(const struct tl_shard_run *v, size_t n, const char *needle)
{
	char *err = NULL;
	assert_int_equal(tl_shard_runs_check(v, n, &err), TL_E_INPUT);
	assert_non_null(err);
	assert_null(strchr(err, '\n')); /* one line */
	if (!strstr(err, needle))
		fail_msg("'%s' not in: %s", needle, err);
	free(err);
}

static void merge_checks_the_shards(void **state)
{
	(void)state;
	char *err = NULL;
	struct tl_shard_run ok[4] = { run("a.db", 2, 4, "h", "/p"), run("b.db", 1, 4, "h", "/p"),
				      run("c.db", 4, 4, "h", "/p"), run("d.db", 3, 4, "h", "/p") };
	assert_int_equal(tl_shard_runs_check(ok, 4, &err), TL_OK);
	expect_refused(ok, 3, "shard 3/4 is missing");
	struct tl_shard_run dup[4] = { ok[0], ok[1], ok[2], run("e.db", 1, 4, "h", "/p") };
	expect_refused(dup, 4, "b.db and e.db are both shard 1/4");
	struct tl_shard_run count[4] = { ok[0], ok[1], ok[2], run("e.db", 3, 5, "h", "/p") };
	expect_refused(count, 4, "different shard counts");
	struct tl_shard_run hash[4] = { ok[0], ok[1], ok[2], run("e.db", 3, 4, "x", "/p") };
	expect_refused(hash, 4, "different compilation databases");
	struct tl_shard_run root[4] = { ok[0], ok[1], ok[2], run("e.db", 3, 4, "h", "/q") };
	expect_refused(root, 4, "different project roots");
	assert_int_equal(tl_shard_runs_check(ok, 0, &err), TL_E_USAGE);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_i_of_n),
		cmocka_unit_test(every_unit_in_one_shard),
		cmocka_unit_test(stable_when_units_are_added),
		cmocka_unit_test(selection_partitions_the_database),
		cmocka_unit_test(merge_checks_the_shards),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
