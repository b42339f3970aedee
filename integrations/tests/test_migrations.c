/* test_migrations.c - an old database is brought up to date with its data,
 * step by step equals all at once, and a failing step changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "store/store.h"
#include "test_util.h"

extern const char *const tl_migrations[];

static int scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A version-1 database with one open finding, as taskleak 1 wrote it. */
static char *make_v1(void)
{
	char *path = tmp_path("v1.db");
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, tl_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"PRAGMA user_version = 1;"
		"INSERT INTO runs(name, started_at, finished_at, root, source) VALUES ('old', 't', 't', '/p', 'import');"
		"INSERT INTO files(path) VALUES ('src/a.c');"
		"INSERT INTO findings(fingerprint, rule, checker, file_id, first_run, last_run, detection) "
		"VALUES ('abcd1234', 'TL101', 'taskleak.lifetime.UnjoinedTask', 1, 1, 1, 'new');"
		"INSERT INTO occurrences(run_id, finding_id, status, line, col, message) "
		"VALUES (1, 1, 'new', 11, 10, 'never joined');", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	return path;
}

static void upgrades_v1_keeping_data(void **state)
{
	(void)state;
	char *path = make_v1();
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_WRITE, &s, &err), TL_OK);
	assert_int_equal(scalar(s->db, "PRAGMA user_version"), tl_store_schema_version());
	assert_int_equal(scalar(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
				"AND name IN ('findings_file_id', 'findings_rule')"), 2);
	assert_int_equal(scalar(s->db, "SELECT count(*) FROM open_findings WHERE rule = 'TL101' "
				"AND file = 'src/a.c' AND line = 11"), 1);
	assert_int_equal(scalar(s->db, "SELECT count(*) FROM new_in_last_run"), 1);
	tl_store_close(s);
	rm_tree(path);
	free(path);
}

static char *schema_of(sqlite3 *db)
{
	struct strbuf sb;
	sqlite3_stmt *st;
	sb_init(&sb);
	sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sb, "%s %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	char *s = sb_detach(&sb);
	sb_release(&sb); /* sb_detach leaves sb initialised: release it */
	return s;
}

static void stepwise_equals_fresh(void **state)
{
	(void)state;
	char *old = make_v1(), *fresh = tmp_path("fresh.db");
	struct tl_store *a, *b;
	char *err = NULL;
	assert_int_equal(tl_store_open(old, TL_STORE_WRITE, &a, &err), TL_OK);
	assert_int_equal(tl_store_open(fresh, TL_STORE_CREATE, &b, &err), TL_OK);
	char *sa = schema_of(a->db), *sb = schema_of(b->db);
	assert_string_equal(sa, sb);
	free(sa); free(sb);
	tl_store_close(a);
	tl_store_close(b);
	rm_tree(old); rm_tree(fresh);
	free(old); free(fresh);
}

static void failed_migration_changes_nothing(void **state)
{
	(void)state;
	char *path = make_v1();
	sqlite3 *db;
	/* a user's own table in the way of migration 2's first view */
	sqlite3_open(path, &db);
	sqlite3_exec(db, "CREATE TABLE open_findings(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	struct tl_store *s;
	char *err = NULL;
	assert_int_equal(tl_store_open(path, TL_STORE_WRITE, &s, &err), TL_E_DB);
	assert_non_null(strstr(err, "migration to schema version 2 failed"));
	sqlite3_open(path, &db);
	assert_int_equal(scalar(db, "PRAGMA user_version"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'view'"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM findings"), 1);
	sqlite3_close(db);
	free(err);
	rm_tree(path);
	free(path);
}

static void migrate_to_a_target(void **state)
{
	(void)state;
	char *path = tmp_path("t.db");
	sqlite3 *db;
	sqlite3_open(path, &db);
	sqlite3_close(db);
	struct tl_store st = { 0 };
	st.path = path;
	assert_int_equal(sqlite3_open(path, &st.db), SQLITE_OK);
	char *err = NULL;
	assert_int_equal(tl_store_migrate(&st, 1, &err), TL_OK);
	assert_int_equal(scalar(st.db, "PRAGMA user_version"), 1);
	assert_int_equal(scalar(st.db, "SELECT count(*) FROM sqlite_master WHERE type = 'view'"), 0);
	assert_int_equal(tl_store_migrate(&st, 2, &err), TL_OK);
	assert_int_equal(scalar(st.db, "PRAGMA user_version"), 2);
	assert_int_equal(scalar(st.db, "SELECT count(*) FROM sqlite_master WHERE type = 'view'"), 6);
	assert_int_equal(scalar(st.db, "SELECT count(*) FROM sqlite_master WHERE name = 'findings_file_id'"), 0);
	assert_int_equal(tl_store_migrate(&st, 99, &err), TL_OK); /* capped at the newest */
	assert_int_equal(scalar(st.db, "PRAGMA user_version"), tl_store_schema_version());
	assert_int_equal(scalar(st.db, "SELECT count(*) FROM sqlite_master WHERE name = 'findings_file_id'"), 1);
	sqlite3_close(st.db);
	rm_tree(path);
	free(path);
}

/* issue 13: PRAGMA user_version = -1 ran garbage as a migration and
 * -100000 crashed (the version indexed the migrations array). Below 0 is
 * not a taskleak database this version knows: TL_E_DB, file untouched. */
static void negative_version_refused(void **state)
{
	(void)state;
	static const char *const versions[] = { "-1", "-100000", "-2147483648" };
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		char *path = tmp_path("neg.db");
		sqlite3 *db;
		char sql[128];
		sqlite3_open(path, &db);
		snprintf(sql, sizeof(sql), "CREATE TABLE mine(x); PRAGMA user_version = %s", versions[i]);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		struct tl_store *s = NULL;
		char *err = NULL;
		assert_int_equal(tl_store_open(path, TL_STORE_WRITE, &s, &err), TL_E_DB);
		assert_null(s);
		assert_non_null(strstr(err, "is not a taskleak database this version knows"));
		assert_non_null(strstr(err, path));
		free(err);
		err = NULL;
		struct tl_store st = { 0 };
		st.path = path;
		sqlite3_open(path, &st.db);
		assert_int_equal(tl_store_migrate(&st, 3, &err), TL_E_DB);
		assert_int_equal(scalar(st.db, "PRAGMA user_version"), atoi(versions[i]));
		assert_int_equal(scalar(st.db, "SELECT count(*) FROM sqlite_master"), 1);
		sqlite3_close(st.db);
		free(err);
		rm_tree(path);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upgrades_v1_keeping_data),
		cmocka_unit_test(stepwise_equals_fresh),
		cmocka_unit_test(failed_migration_changes_nothing),
		cmocka_unit_test(migrate_to_a_target),
		cmocka_unit_test(negative_version_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
