/* test_dialect.c - the SQL dialect layer (store/dialect.h): SQLite's
 * spelling to PostgreSQL's, statement by statement and for every
 * migration; GLOB patterns as regular expressions, checked against
 * SQLite's own GLOB; URLs without their password (store/store_pg.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/dialect.h"
#include "store/store_int.h"
#include "store/store_pg.h"

/* expect_pg(sqlite, flags, postgresql, returning_id) */
static void expect_pg(const char *in, int flags, const char *want, int want_id)
{
	int id = -1;
	char *got = tl_sql_to_pg(in, flags, &id);
	assert_string_equal(got, want);
	assert_int_equal(id, want_id);
	free(got);
}

static void placeholders(void **state)
{
	(void)state;
	expect_pg("SELECT a FROM t WHERE x = ?1 AND y = ?12", 0,
		  "SELECT a FROM t WHERE x = $1 AND y = $12", 0);
	/* quoted text is left alone, doubled quotes included */
	expect_pg("SELECT '?1', 'it''s ?2', \"?3\" FROM t WHERE a = ?2", 0,
		  "SELECT '?1', 'it''s ?2', \"?3\" FROM t WHERE a = $2", 0);
	expect_pg("SELECT 1;  \n", 0, "SELECT 1", 0);
}

static void inserts(void **state)
{
	(void)state;
	expect_pg("INSERT OR IGNORE INTO files(path) VALUES (?1)", 0,
		  "INSERT INTO files(path) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", 1);
	expect_pg("INSERT INTO findings(fingerprint) VALUES (?1) ON CONFLICT(fingerprint) DO NOTHING", 0,
		  "INSERT INTO findings(fingerprint) VALUES ($1) ON CONFLICT(fingerprint) DO NOTHING "
		  "RETURNING id", 1);
	expect_pg("INSERT INTO runs(name) VALUES (?1)", 0, "INSERT INTO runs(name) VALUES ($1) RETURNING id", 1);
	expect_pg("INSERT INTO triage_events (id) VALUES (?1)", 0,
		  "INSERT INTO triage_events (id) VALUES ($1) RETURNING id", 1);
	/* no id column, or already returning something */
	expect_pg("INSERT INTO occurrences(run_id) VALUES (?1)", 0,
		  "INSERT INTO occurrences(run_id) VALUES ($1)", 0);
	expect_pg("INSERT INTO runs_old(name) VALUES (?1)", 0, "INSERT INTO runs_old(name) VALUES ($1)", 0);
	expect_pg("UPDATE runs SET n = 1 WHERE id = ?1 RETURNING name", 0,
		  "UPDATE runs SET n = 1 WHERE id = $1 RETURNING name", 0);
	expect_pg("CREATE TABLE x(a INTEGER); INSERT INTO runs(name) VALUES ('a')", TL_SQL_DDL,
		  "CREATE TABLE x(a BIGINT); INSERT INTO runs(name) VALUES ('a')", 0);
}

static void functions(void **state)
{
	(void)state;
	expect_pg("SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now'), 'x-' || hex(randomblob(8))", 0,
		  "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
		  "'x-' || md5(random()::text)", 0);
	expect_pg("SELECT max(id) FROM r WHERE id > min(CAST(?1 AS BIGINT), CAST(?2 AS BIGINT)) "
		  "AND id <= max(CAST(?1 AS BIGINT), CAST(?2 AS BIGINT))", 0,
		  "SELECT max(id) FROM r WHERE id > LEAST(CAST($1 AS BIGINT), CAST($2 AS BIGINT)) "
		  "AND id <= GREATEST(CAST($1 AS BIGINT), CAST($2 AS BIGINT))", 0);
	expect_pg("SELECT 1 FROM runs r CROSS JOIN occurrences o ON o.run_id = r.id", 0,
		  "SELECT 1 FROM runs r JOIN occurrences o ON o.run_id = r.id", 0);
	expect_pg("SELECT a FROM t NOT INDEXED WHERE path GLOB ?2", 0,
		  "SELECT a FROM t WHERE path ~ $2", 0);
	/* words, not parts of names */
	expect_pg("SELECT my_CROSS JOIN_x, a NOT INDEXEDx", 0, "SELECT my_CROSS JOIN_x, a NOT INDEXEDx", 0);
	/* column types change only in migrations */
	expect_pg("SELECT CAST(?1 AS INTEGER), CAST(id AS TEXT)", 0,
		  "SELECT CAST($1 AS INTEGER), CAST(id AS TEXT)", 0);
}

static void ddl(void **state)
{
	(void)state;
	expect_pg("CREATE TABLE t(\n  id INTEGER PRIMARY KEY,\n  n INTEGER NOT NULL,\n"
		  "  s TEXT,\n  INTEGERS TEXT NOT NULL, PRIMARY KEY (n)) WITHOUT ROWID;\n", TL_SQL_DDL,
		  "CREATE TABLE t(\n  id BIGSERIAL PRIMARY KEY,\n  n BIGINT NOT NULL,\n"
		  "  s TEXT COLLATE \"C\",\n  INTEGERS TEXT COLLATE \"C\" NOT NULL, PRIMARY KEY (n))", 0);
	expect_pg("SELECT sum(a <> 'x' AND b NOT IN ('p','q)')) AS open, sum(c = 1), mysum(d) FROM t",
		  TL_SQL_DDL,
		  "SELECT sum(CASE WHEN a <> 'x' AND b NOT IN ('p','q)') THEN 1 ELSE 0 END) AS open, "
		  "sum(CASE WHEN c = 1 THEN 1 ELSE 0 END), mysum(d) FROM t", 0);
}

/* Every migration comes out without a SQLite-only construct left. */
static void migrations(void **state)
{
	(void)state;
	for (int i = 0; i < tl_migration_count; i++) {
		char *pg = tl_sql_to_pg(tl_migrations[i], TL_SQL_DDL, NULL);
		assert_null(strstr(pg, "WITHOUT ROWID"));
		assert_null(strstr(pg, "INTEGER"));
		assert_null(strstr(pg, "?"));
		for (const char *p = pg; (p = strstr(p, "sum(")); p++)
			assert_memory_equal(p, "sum(CASE WHEN ", 14);
		for (const char *p = pg; (p = strstr(p, " TEXT")); p++)
			assert_memory_equal(p, " TEXT COLLATE \"C\"", 17);
		free(pg);
	}
}

static int sqlite_glob(sqlite3 *db, const char *pattern, const char *s)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT ?1 GLOB ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pattern, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int m = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return m;
}

/* Each pattern matches exactly the strings SQLite's GLOB matches. */
static void glob_as_regex(void **state)
{
	(void)state;
	static const char *const patterns[] = {
		"src/*.c", "src/f1234*", "src/f[0-1]*.c", "src/f?.c", "*[!c]", "*[^c]", "a.b",
		"a+b(c)|d{2}$^", "[]x]*", "a[b", "*\\*", "src/[a-c]/*.h", "*",
	};
	static const char *const strings[] = {
		"src/a.c", "src/f12345.c", "src/f0.c", "src/f1.c", "src/f2.c", "src/f1.h", "axb",
		"a.b", "a+b(c)|d{2}$^", "]", "xx", "a[b", "a\\*", "src/b/x.h", "src/d/x.h", "",
		"src/sub/dir/f1.c",
	};
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		char *re = tl_glob_to_regex(patterns[i]);
		regex_t rx;
		assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
		for (size_t j = 0; j < sizeof(strings) / sizeof(strings[0]); j++) {
			int want = sqlite_glob(db, patterns[i], strings[j]);
			int got = regexec(&rx, strings[j], 0, NULL, 0) == 0;
			if (got != want)
				fail_msg("glob '%s' (regex '%s') on '%s': %d, SQLite says %d", patterns[i],
					 re, strings[j], got, want);
		}
		regfree(&rx);
		free(re);
	}
	sqlite3_close(db);
}

static void expect_redacted(const char *url, const char *want)
{
	char *got = tl_pg_redact(url);
	assert_string_equal(got, want);
	free(got);
}

static void urls_without_password(void **state)
{
	(void)state;
	assert_true(tl_pg_is_url("postgresql://h/db"));
	assert_true(tl_pg_is_url("postgres://h/db"));
	assert_false(tl_pg_is_url("postgresql:/h/db"));
	assert_false(tl_pg_is_url(".taskleak/findings.db"));
	expect_redacted("postgresql://ann:s3cret@db.example:5432/tl?sslmode=require",
			"postgresql://ann@db.example:5432/tl?sslmode=require");
	expect_redacted("postgres://ann@/tl?host=/tmp/x&password=s3cret&port=5",
			"postgres://ann@/tl?host=/tmp/x&port=5");
	expect_redacted("postgresql://ann:s3cret@/tl?password=s3cret", "postgresql://ann@/tl");
	expect_redacted("postgresql://host/tl", "postgresql://host/tl");
	expect_redacted("postgresql://", "postgresql://");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(placeholders),
		cmocka_unit_test(inserts),
		cmocka_unit_test(functions),
		cmocka_unit_test(ddl),
		cmocka_unit_test(migrations),
		cmocka_unit_test(glob_as_regex),
		cmocka_unit_test(urls_without_password),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
