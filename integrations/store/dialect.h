/*
 * dialect.h - SQL written once, in SQLite's spelling, adapted for
 * PostgreSQL where the two dialects differ. Pure string functions (unit
 * tested in tests/test_dialect.c); store_pg.c applies them to every
 * statement it prepares.
 */
#ifndef TL_DIALECT_H
#define TL_DIALECT_H

enum tl_sql_flags {
	TL_SQL_DDL = 1, /* a migration: column types and table options too */
};

/*
 * The statement in PostgreSQL's spelling (malloc'ed):
 *   ?N                          $N (not inside quotes)
 *   INSERT OR IGNORE INTO ...   INSERT INTO ... ON CONFLICT DO NOTHING
 *   strftime(ISO 8601 UTC now)  to_char(now() AT TIME ZONE 'UTC', ...)
 *   hex(randomblob(8))          md5(random()::text)
 *   min(CAST(..)), max(CAST(..))  LEAST, GREATEST (two-argument forms)
 *   CROSS JOIN ... ON           JOIN ... ON
 *   x GLOB ?N                   x ~ ?N (the pattern: tl_glob_to_regex)
 *   NOT INDEXED                 (dropped)
 * and with TL_SQL_DDL:
 *   INTEGER PRIMARY KEY         BIGSERIAL PRIMARY KEY
 *   INTEGER                     BIGINT (SQLite's integers are 64-bit)
 *   TEXT                        TEXT COLLATE "C" (byte order, as SQLite)
 *   ) WITHOUT ROWID             )
 *   sum(condition)              sum(CASE WHEN condition THEN 1 ELSE 0 END)
 * An INSERT into a table whose id the caller reads back (runs, files,
 * findings, triage_events) gets RETURNING id, and *returning_id is set.
 */
char *tl_sql_to_pg(const char *sql, int flags, int *returning_id);

/* A GLOB pattern (*, ?, [...] or [^...], as SQLite reads it) as an anchored POSIX
 * regular expression matching the same strings (malloc'ed); a class that
 * does not close matches nothing, as in SQLite. */
char *tl_glob_to_regex(const char *glob);

#endif
