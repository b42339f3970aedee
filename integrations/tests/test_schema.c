/* test_schema.c - opening the database: creation, pragmas, tables and
 * views, and the databases it must refuse without changing them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "common/tl_error.h"
#include "store/store.h"
#include "test_util.h"

static int count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void creates_folder_file_and_schema(void **state)
{
	(void)state;
	char *path = tmp_path(".taskleak/findings.db");
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err), TL_OK);
	assert_true(s->created);
	assert_int_equal(count(s->db, "PRAGMA user_version"), tl_store_schema_version());
	assert_int_equal(tl_store_schema_version(), 5);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL);
	sqlite3_step(st);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(count(s->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
			 "('runs','files','findings','occurrences','triage_events')"), 5);
	assert_int_equal(count(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name IN "
			 "('finding_details','open_findings','new_in_last_run','resolved_findings',"
			 "'findings_by_rule','findings_by_file')"), 6);
	/* CHECK constraints hold the status vocabularies */
	assert_int_not_equal(sqlite3_exec(s->db, "INSERT INTO runs(name, started_at, root, source) "
					  "VALUES ('r', 'now', '/', 'import'); INSERT INTO files(path) VALUES ('a.c'); "
					  "INSERT INTO findings(fingerprint, rule, checker, file_id, first_run, last_run, detection) "
					  "VALUES ('x', 'R', 'R', 1, 1, 1, 'bogus')", NULL, NULL, NULL), SQLITE_OK);
	tl_store_close(s);
	/* a second open neither recreates nor migrates */
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE, &s, &err), TL_OK);
	assert_false(s->created);
	tl_store_close(s);
	rm_tree(path);
	free(path);
}

static void missing_without_create(void **state)
{
	(void)state;
	char *path = tmp_path("none.db");
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, 0, &s, &err), TL_E_DB);
	assert_non_null(strstr(err, path));
	assert_int_equal(access(path, F_OK), -1);
	free(err);
	rm_tree(path);
	free(path);
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = calloc(1, 1 << 16);
	*n = fread(buf, 1, (1 << 16) - 1, f);
	fclose(f);
	return buf;
}

static void refuses_a_file_that_is_not_sqlite(void **state)
{
	(void)state;
	char *path = tmp_path("text.db");
	FILE *f = fopen(path, "w");
	fputs("this is a text file, not a database\n", f);
	fclose(f);
	size_t n0, n1;
	char *before = read_all(path, &n0);
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err), TL_E_DB);
	assert_non_null(strstr(err, "not a SQLite database"));
	assert_non_null(strstr(err, path));
	char *after = read_all(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before); free(after); free(err);
	rm_tree(path);
	free(path);
}

static void refuses_a_newer_schema(void **state)
{
	(void)state;
	char *path = tmp_path("new.db");
	sqlite3 *db;
	sqlite3_open(path, &db);
	sqlite3_exec(db, "CREATE TABLE future(x); PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err), TL_E_DB);
	assert_non_null(strstr(err, "schema version 99 is newer"));
	sqlite3_open(path, &db);
	assert_int_equal(count(db, "PRAGMA user_version"), 99);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(db);
	free(err);
	rm_tree(path);
	free(path);
}

static void refuses_to_write_a_read_only_file(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root writes read-only files; it_badinput covers a read-only folder */
	char *path = tmp_path("ro.db");
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_CREATE, &s, &err), TL_OK);
	tl_store_close(s);
	chmod(path, 0444);
	assert_int_equal(tl_store_open(path, TL_STORE_WRITE, &s, &err), TL_E_DB);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	rm_tree(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_folder_file_and_schema),
		cmocka_unit_test(missing_without_create),
		cmocka_unit_test(refuses_a_file_that_is_not_sqlite),
		cmocka_unit_test(refuses_a_newer_schema),
		cmocka_unit_test(refuses_to_write_a_read_only_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
